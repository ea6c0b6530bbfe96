"""The tables of a source: HTML, DOCX and Markdown tables, aligned rows of text and of PDF pages, as cells
a chart's `table:` is checked against, each cell with where it is."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from briefgen.facts.sources import SourceText

# A column break in aligned text: a tab, or two or more spaces.
_CELL = re.compile(r"[^\t ](?:[^\t ]| (?=[^\t ]))*")


@dataclass(frozen=True)
class Cell:
    """One cell's text; `start`..`end` in the source's extracted text (-1 where it has no place there)."""

    text: str
    start: int = -1
    end: int = -1
    page: int | None = None
    ref: str = ""  # a spreadsheet cell's address ('Sheet1!C7', 'C7')
    span: int = 1  # the columns a merged cell spans
    number: float | None = None  # the number a spreadsheet cell holds


@dataclass(frozen=True)
class SourceTable:
    """A table as the source lays it out: rows of cells, numbered in the order the tables appear; a
    worksheet's `name`, and the row number in the file (0-based) of each row kept (empty rows are not)."""

    number: int
    rows: tuple[tuple[Cell, ...], ...]
    name: str = ""
    row_numbers: tuple[int, ...] = ()
    spreadsheet: bool = False  # a CSV file or a worksheet: its cells have addresses ('C7')

    def find(self, row_label: str, column: str) -> tuple[int, int] | None:
        """(row, column) of the cell under the heading `column` in the row labelled `row_label`."""
        head = next(
            (
                (r, c)
                for r, row in enumerate(self.rows)
                for c, cell in enumerate(row)
                if same(cell.text, column)
            ),
            None,
        )
        if head is None:
            return None
        for r in range(head[0] + 1, len(self.rows)):
            row = self.rows[r]
            if row and same(row[0].text, row_label) and head[1] < len(row):
                return r, head[1]
        return None

    @cached_property
    def keys(self) -> tuple[tuple[str, ...], ...]:
        """Each cell's text as labels compare (`same`), computed once per table."""
        return tuple(tuple(label_key(c.text) for c in row) for row in self.rows)

    @cached_property
    def where(self) -> dict[str, list[tuple[int, int]]]:
        """Each label key's cells, (row, column) in order: a label found without scanning every row."""
        found: dict[str, list[tuple[int, int]]] = {}
        for r, row in enumerate(self.keys):
            for c, key in enumerate(row):
                if key:
                    found.setdefault(key, []).append((r, c))
        return found

    def headings(self) -> list[str]:
        """The texts of the first row: what its columns are called."""
        return [c.text for c in self.rows[0]] if self.rows else []

    def labels(self) -> list[str]:
        """The first cell of every row but the first: what its rows are called."""
        return [row[0].text for row in self.rows[1:] if row]


class SourceTables(dict[str, list[SourceTable]]):
    """Each source's tables by source id, read once however many facts and charts name them."""

    def __init__(self, texts: dict[str, SourceText]):
        super().__init__()
        self.texts = texts

    def __missing__(self, source: str) -> list[SourceTable]:
        text = self.texts[source]
        if text not in _READ:  # a source read before in this process (read_source) has its tables too
            _READ[text] = source_tables(text)
        self[source] = _READ[text]
        return self[source]


_READ: WeakKeyDictionary[SourceText, list[SourceTable]] = WeakKeyDictionary()


def same(a: str, b: str) -> bool:
    """Labels that name the same row or column: case, spacing and footnote marks aside."""
    return label_key(a) == label_key(b)


@lru_cache(maxsize=65536)
def label_key(s: str) -> str:
    """A label as `same` compares it."""
    return " ".join(re.sub(r"[*†‡¹²³]+$|\[\d+\]$", "", s.strip()).casefold().split())


def source_tables(text: SourceText) -> list[SourceTable]:
    """Every table of the source, in document order."""
    if text.kind == "pdf":
        return _pdf_tables(text.path)
    by_cell: dict[int, dict[int, dict[int, Cell]]] = {}
    names: dict[int, str] = {}
    sheets: set[int] = set()
    aligned: list[tuple[tuple[Cell, ...], ...]] = []
    for i, block in enumerate(text.blocks):
        start = text.block_start(i)
        if block.cell is not None:
            t, r, c = block.cell
            cell = Cell(block.text, start, start + len(block.text), None, block.ref, block.span, block.number)
            by_cell.setdefault(t, {}).setdefault(r, {})[c] = cell
            names.setdefault(t, block.sheet)
            if block.ref:
                sheets.add(t)
        elif text.kind in ("text", "markdown"):
            aligned += _aligned(block.text, start)
    tables = [
        SourceTable(0, _grid(cells), names.get(t, ""), tuple(sorted(cells)), t in sheets)
        for t, cells in sorted(by_cell.items())
    ] + [SourceTable(0, rows) for rows in aligned]
    return [replace(t, number=n) for n, t in enumerate(tables, 1)]


def _grid(cells: dict[int, dict[int, Cell]]) -> tuple[tuple[Cell, ...], ...]:
    width = max((max(row) + 1 for row in cells.values() if row), default=0)
    return tuple(tuple(row.get(c, Cell("")) for c in range(width)) for _, row in sorted(cells.items()))


def _aligned(text: str, offset: int, page: int | None = None) -> list[tuple[tuple[Cell, ...], ...]]:
    """Tables laid out with spaces or tabs: runs of two or more lines that each split into two or more
    cells."""
    tables: list[tuple[tuple[Cell, ...], ...]] = []
    run: list[tuple[Cell, ...]] = []
    pos = 0
    for line in [*text.split("\n"), ""]:
        cells = tuple(
            Cell(m.group(), offset + pos + m.start(), offset + pos + m.end(), page)
            for m in _CELL.finditer(line)
        )
        if len(cells) >= 2:
            run.append(cells)
        else:
            if len(run) >= 2:
                tables.append(tuple(run))
            run = []
        pos += len(line) + 1
    return tables


def _pdf_tables(path: Path) -> list[SourceTable]:
    """Aligned rows of each PDF page, read in pypdf's layout mode (which keeps the columns apart)."""
    found: list[tuple[tuple[Cell, ...], ...]] = []
    for number, text in enumerate(pdf_layout_pages(path), 1):
        # Layout mode spaces rows out with blank lines; a table's rows follow each other.
        layout = re.sub(r"\n[ \t]*(?=\n)", "", text)
        found += [
            tuple(tuple(Cell(c.text, page=number) for c in row) for row in t) for t in _aligned(layout, 0)
        ]
    return [SourceTable(n, rows) for n, rows in enumerate(found, 1)]


def pdf_layout_pages(path: Path) -> list[str]:
    """Each page's text laid out as pypdf sees it (runs of spaces where the page has gaps); from the cache
    when the same bytes were laid out before (facts.cache). pdfium, which reads the text, has no layout
    mode: its text runs carry positions, but laying them out again is work pypdf already does."""
    import pypdf

    from briefgen.facts import cache

    data = path.read_bytes()
    key = cache.digest(data)
    extractor = f"pypdf {pypdf.__version__} layout"
    pages = cache.load("pdf-layout", key, extractor)
    if pages is None:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
        cache.store("pdf-layout", key, extractor, pages)
    return pages
