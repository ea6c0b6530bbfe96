"""Facts a table's cell states: the cell found by its row and column labels or its address, its number read
(or the spec's checked against it), with unit and scale from the spec or the column's heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.diagnostics import Diagnostic, Location
from briefgen.facts.resolved import ResolvedFact
from briefgen.facts.sheets import column_index, column_letters, sheet_ref
from briefgen.facts.source_tables import Cell, SourceTable, label_key, same
from briefgen.facts.sources import Locator, SourceText
from briefgen.numbers import units as U
from briefgen.numbers.reader import matches, stated_numbers
from briefgen.spec.model import FactSpec

_ADDRESS = re.compile(r"(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)")
_SCALE_WORDS = {
    "thousand": "thousand", "thousands": "thousand", "'000": "thousand", "'000s": "thousand",
    "million": "million", "millions": "million", "mn": "million", "mln": "million",
    "billion": "billion", "billions": "billion", "bn": "billion",
    "trillion": "trillion", "trillions": "trillion", "tn": "trillion",
    "lakh": "lakh", "lakhs": "lakh", "crore": "crore", "crores": "crore",
}  # fmt: skip
_HEAD_WORD = re.compile(r"'000s?|[A-Za-z]+\$|[A-Za-z]+|[$€£¥₹%]")


@dataclass(frozen=True)
class Found:
    """A cell a fact names: its table, position, and the labels it was named by (or found under)."""

    table: SourceTable
    row: int
    column: int
    row_label: str
    column_label: str

    @property
    def cell(self) -> Cell:
        row = self.table.rows[self.row]
        return row[self.column] if self.column < len(row) else Cell("")

    @property
    def address(self) -> str:
        """'C7' in a spreadsheet, else ''."""
        if not self.table.spreadsheet:
            return ""
        return f"{column_letters(self.column)}{self.table.row_numbers[self.row] + 1}"

    def place(self, kind: str) -> str:
        """Where the cell is, for a reader: 'Sheet1!C7', 'row India, column 2023 (cell C7)', 'Table 2, row
        India, column 2023'."""
        labels = ", ".join(
            p for p in (f"row {self.row_label}" * bool(self.row_label), f"column {self.column_label}") if p
        )
        if kind == "xlsx":
            return f"{sheet_ref(self.table.name)}!{self.address}"
        if kind == "csv":
            return f"{labels} (cell {self.address})" if self.column_label else f"cell {self.address}"
        return f"Table {self.table.number}, {labels}"


def check_cell(
    fid: str, fact: FactSpec, text: SourceText, tables: list[SourceTable], decimal: str, at: FactPlace
) -> tuple[ResolvedFact | None, list[Diagnostic]]:
    """The fact the named cell states, or the problem (the cell not there, ambiguous, not a number, or not
    the value the spec writes)."""
    if not tables:
        return None, [
            at.error(
                "table-not-in-source",
                f"fact '{fid}' names a cell, but source '{fact.source}' has no table",
                "cell",
                "tables are read from CSV and XLSX files and from HTML, DOCX and Markdown tables; "
                "quote the source's text instead",
            )
        ]
    chosen = _tables(tables, fact.table)
    if isinstance(chosen, str):
        return None, [at.error("table-not-found", f"fact '{fid}': {chosen}", "table", _table_names(tables))]
    found = (
        _by_address(fact.cell, chosen, tables, text.kind)
        if fact.cell is not None
        else _by_labels(_labels(fact.row), _labels(fact.column), chosen)
    )
    if isinstance(found, Problem):
        return None, [at.error(found.code, f"fact '{fid}': {found.message}", found.key, found.hint)]
    cell, place = found.cell, found.place(text.kind)
    key = "cell" if fact.cell is not None else "row"
    if not cell.text:
        return None, [
            at.error("cell-empty", f"fact '{fid}': {place} is empty", key, "name a cell holding the figure")
        ]
    numbers = stated_numbers(cell.text, "." if cell.number is not None else decimal)
    if len(numbers) != 1:
        what = "not a number" if not numbers else "more than one number"
        return None, [
            at.error(
                "cell-not-a-number",
                f"fact '{fid}': {place} holds '{_clip(cell.text)}', {what}",
                key,
                "name a cell holding one number, or quote the source's text for words",
            )
        ]
    hit = numbers[0]
    head_unit, head_scale = heading_unit(found.column_label)
    scale = fact.scale or hit.scale or head_scale
    unit = fact.unit or hit.unit_text or hit.unit or head_unit
    value: float | None = hit.value
    high = hit.high
    if fact.value is not None:
        ok = matches(fact.low or 0.0, None, hit, fact.high) and (
            fact.scale is None or hit.scale in (None, fact.scale)
        )
        if not ok:
            return None, [
                at.error(
                    "value-not-in-cell",
                    f"value {_written(fact)} of fact '{fid}' is not what {place} states",
                    "value",
                    f"the cell says: {cell.text}; leave 'value:' out to take it from the cell",
                )
            ]
        value, high = fact.low, fact.high
    located = Locator(0, 0, cell.start, cell.end, cell.page, cell=place, kind=text.kind)
    if cell.start >= 0:
        located = text.locate(cell.start, cell.end)
        located = Locator(
            located.paragraph, located.line, cell.start, cell.end, cell.page, cell=place, kind=text.kind
        )
    note = {"xlsx": "", "csv": f"cell {found.address}"}.get(text.kind, f"Table {found.table.number}")
    return (
        ResolvedFact(
            fid,
            "document",
            value,
            scale,
            unit,
            fact.qualifier or hit.qualifier,
            fact.label or ", ".join(x for x in (found.row_label, found.column_label) if x),
            fact.source,
            cell.text,
            located,
            note=note,
            high=high,
            digits=hit.digits if value == hit.value else "",
            high_digits=hit.high_digits if high == hit.high else "",
            grouped=hit.grouped or plain_quantity(cell.text, text.kind),
        ),
        [],
    )


@dataclass(frozen=True)
class FactPlace:
    """Where a fact is in the spec, for its messages: the location of each of its keys."""

    fact: Location
    keys: dict[str, Location]

    def error(self, code: str, message: str, key: str, hint: str) -> Diagnostic:
        return Diagnostic("error", code, message, self.keys.get(key, self.fact), hint)


@dataclass(frozen=True)
class Problem:
    """Why a cell cannot be found: a diagnostic's code, message, the key it is about and the hint."""

    code: str
    message: str
    key: str
    hint: str


def _tables(tables: list[SourceTable], which: str | None) -> list[SourceTable] | str:
    """The tables a fact may name: all, or the one `which` names (a number, or a worksheet's name)."""
    if which is None:
        return tables
    named = [t for t in tables if t.name and same(t.name, which)]
    if named:
        return named
    if which.strip().isdigit():
        numbered = [t for t in tables if t.number == int(which)]
        if numbered:
            return numbered
        return f"the source has {len(tables)} table{'s' * (len(tables) != 1)}, not a table {which}"
    if any(t.name for t in tables):
        return f"the source has no sheet named '{which}'"
    return f"'{which}' names no table: this source's tables are numbered (1 = the first), not named"


def _table_names(tables: list[SourceTable]) -> str:
    names = [f"'{t.name}'" for t in tables if t.name]
    if names:
        return "the sheets are " + ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"write a number from 1 to {len(tables)}"


def _by_address(
    address: str, chosen: list[SourceTable], tables: list[SourceTable], kind: str
) -> Found | Problem:
    """The cell at a spreadsheet address ('C7', 'Sheet1!C7')."""
    if kind not in ("xlsx", "csv"):
        return Problem(
            "cell-address-not-spreadsheet",
            f"'cell: {address}' addresses a spreadsheet's cell, but the source is {kind.upper()}",
            "cell",
            "name the cell of an HTML, DOCX or Markdown table by 'row' and 'column'",
        )
    m = _ADDRESS.fullmatch(address)
    assert m is not None  # the spec's model checked its shape
    sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
    if sheet is not None:
        picked = _tables(tables, sheet)
        if isinstance(picked, str):
            return Problem("table-not-found", picked, "cell", _table_names(tables))
        chosen = picked
    table = chosen[0]
    row_number, column = int(m.group(4)) - 1, column_index(m.group(3))
    short = f"{m.group(3).upper()}{m.group(4)}"
    where = f"sheet '{table.name}'" if table.name else "the file"
    width = len(table.rows[0]) if table.rows else 0
    if not table.row_numbers or row_number > table.row_numbers[-1] or column >= width:
        extent = (
            f"A{table.row_numbers[0] + 1}:{column_letters(width - 1)}{table.row_numbers[-1] + 1}"
            if table.row_numbers and width
            else "nothing"
        )
        return Problem(
            "cell-outside",
            f"cell {short} is outside the cells of {where}, which fill {extent}",
            "cell",
            "name a cell inside them",
        )
    if row_number not in table.row_numbers:
        return Problem(
            "cell-empty", f"cell {short} of {where} is empty", "cell", "name a cell that holds the figure"
        )
    r = table.row_numbers.index(row_number)
    bare = Found(table, r, column, "", "")
    cells = table.rows[r][:column]
    label = next((c.text for c in cells if c.text and not stated_numbers(c.text)), "")
    return Found(table, r, column, label, _heading_above(bare))


def _labels(row: str | list[str] | None) -> list[str]:
    return [row] if isinstance(row, str) else list(row or [])


def _by_labels(row: list[str], column: list[str], tables: list[SourceTable]) -> Found | Problem:
    """The one cell under the heading `column` (a heading, or a merged heading then the one under it) in
    the row labelled `row` (every label of it, in cells left of the column), over the tables given."""
    hits: list[Found] = []
    problems: list[Problem] = []
    for table in tables:
        found = _in_table(table, row, column)
        if isinstance(found, Found):
            hits.append(found)
        elif found is not None:
            problems.append(found)
    # A table whose heading or row is there but ambiguous may be the one meant: not a quiet first pick.
    doubtful = [p for p in problems if p.code in ("header-ambiguous", "header-merged", "row-ambiguous")]
    if len(hits) == 1 and not doubtful:
        return hits[0]
    if hits:
        places = " and ".join(_table_label(h.table) for h in hits[:4])
        also = f"; {doubtful[0].message}" if doubtful else ""
        return Problem(
            "cell-ambiguous",
            f"row '{', '.join(row)}', column '{' › '.join(column)}' is in {places}{also}",
            "row",
            "add 'table:' with the " + ("sheet's name" if hits[0].table.name else "table's number"),
        )
    if problems:
        return problems[0]
    return _not_found(column[0], tables)


def _in_table(table: SourceTable, row: list[str], column: list[str]) -> Found | Problem | None:
    """The cell in this table; a problem where the heading is here but ambiguous, merged, or the row is
    missing or twice; None when the table has no such heading."""
    heading = _heading(table, column)
    if heading is None or isinstance(heading, Problem):
        return heading
    head_row, col = heading
    name, shown, path = _table_label(table), ", ".join(row), " › ".join(column)
    # The rows below the heading with every label in a cell left of the column.
    rows = sorted(
        set.intersection(
            *(
                {r for r, c in table.where.get(label_key(label), ()) if r > head_row and c < col}
                for label in row
            )
        )
    )
    if len(rows) > 1:  # 'India*' and 'India' compare the same; the label as written tells them apart
        exact = [
            r for r in rows if all(any(c.text.strip() == x.strip() for c in table.rows[r][:col]) for x in row)
        ]
        rows = exact if len(exact) == 1 else rows
    if len(rows) > 1:
        listed = ", ".join(_row_name(table, r) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
        return Problem(
            "row-ambiguous",
            f"{name} has {len(rows)} rows labelled '{shown}' ({listed})",
            "row",
            "name the row by more of its labels, as a list (row: [label, label]), or the cell by its address "
            "('cell:')"
            if table.spreadsheet
            else "name the row by more of its labels, as a list (row: [label, label])",
        )
    if not rows:
        present = {k for r in range(head_row + 1, len(table.keys)) for k in table.keys[r][:col]}
        missing = next((x for x in row if label_key(x) not in present), None)
        return Problem(
            "row-not-found",
            f"{name} has no row '{shown}' under the heading '{path}'",
            "row",
            _closest("rows", missing, _row_labels(table, head_row, col, missing))
            if missing is not None
            else "no row holds all of these labels",
        )
    return Found(table, rows[0], col, shown, path)


def _heading(table: SourceTable, column: list[str]) -> tuple[int, int] | Problem | None:
    """(row, column) of the heading `column` names: its first label's topmost cell, then each further
    label in the rows below, within the columns the heading above spans. None when the table lacks the
    first label; a problem when a label is there twice, missing under its parent, or spans columns."""
    name = _table_label(table)
    first = table.where.get(label_key(column[0]))
    if not first:
        return None
    head_row = first[0][0]
    heads = [c for r, c in first if r == head_row]
    lo, hi = 0, len(table.rows[head_row])
    for depth, label in enumerate(column):
        if depth:
            found = [
                (r, c) for r, c in table.where.get(label_key(label), ()) if r > head_row and lo <= c < hi
            ]
            if not found:
                under = table.rows[head_row][lo].text
                return Problem(
                    "column-not-found",
                    f"{name} has no column '{label}' under the heading '{under}'",
                    "column",
                    _closest("columns", label, _headings_under(table, head_row, lo, hi)),
                )
            head_row = found[0][0]
            heads = [c for r, c in found if r == head_row]
        if len(heads) > 1:
            return Problem(
                "header-ambiguous",
                f"{name} has {len(heads)} columns headed '{label}' ("
                + ", ".join(_column_name(table, head_row, c) for c in heads)
                + ")",
                "column",
                "name the heading above it too, as a list (column: [heading, sub-heading])"
                + (", or the cell by its address ('cell:')" if table.spreadsheet else ""),
            )
        lo = heads[0]
        hi = lo + table.rows[head_row][lo].span
    span = table.rows[head_row][lo].span
    if span > 1:
        subs = _headings_under(table, head_row, lo, hi)
        first_sub = f"'{subs[0]}'" if subs else "'…'"
        return Problem(
            "header-merged",
            f"column '{' › '.join(column)}' of {name} is a merged heading over {span} columns",
            "column",
            f"name one of the columns under it after it, as a list: column: ['{column[-1]}', {first_sub}]"
            + (" (under it: " + ", ".join(f"'{x}'" for x in subs) + ")" if subs else ""),
        )
    return head_row, lo


def _headings_under(table: SourceTable, head_row: int, lo: int, hi: int) -> list[str]:
    """The texts of the row below a heading, in the columns it spans."""
    if head_row + 1 >= len(table.rows):
        return []
    below = table.rows[head_row + 1]
    return [below[c].text for c in range(lo, min(hi, len(below))) if below[c].text]


def _not_found(column: str, tables: list[SourceTable]) -> Problem:
    """No table has the heading: the headings most like it (texts of each table's first rows)."""
    heads = [c.text for t in tables for cells in t.rows[:3] for c in cells if c.text and c.number is None]
    if len(tables) == 1:
        message = f"{_table_label(tables[0])} has no column headed '{column}'"
    else:
        message = f"no table of the source has a column headed '{column}'"
    return Problem("column-not-found", message, "column", _closest("columns", column, heads))


def _closest(what: str, label: str, labels: list[str]) -> str:
    """The labels most like `label`, for the hint."""
    from rapidfuzz import fuzz, process

    unique = list(dict.fromkeys(labels))
    near = [m[0] for m in process.extract(label, unique, scorer=fuzz.WRatio, limit=3, score_cutoff=60)]
    if near:
        return "closest " + what + ": " + ", ".join(f"'{n}'" for n in near)
    shown = ", ".join(f"'{x}'" for x in unique[:8]) + (", …" if len(unique) > 8 else "")
    return f"the {what} are: {shown}" if unique else f"the table has no {what}"


_MISSING = {"", "..", "…", "-", "–", "—", "n/a", "na", "n.a.", "nan", "null", "x", ":"}


def _row_labels(table: SourceTable, head_row: int, col: int, like: str) -> list[str]:
    """The labels of the rows below a heading that `like` could be: texts of the label columns for a
    word, numbers ('2023') for a number; never a cell's 'n/a' or '..'."""
    numeric = bool(stated_numbers(like))
    labels = []
    for cells in table.rows[head_row + 1 :]:
        for cell in cells[:col]:
            text = cell.text.strip()
            if text.casefold() not in _MISSING and bool(stated_numbers(text)) == numeric:
                labels.append(text)
    return labels


def _heading_above(found: Found) -> str:
    """The heading of a cell named by its address: its column's first filled cell, when above it, after
    any merged heading over it in the rows up to that one ('Exports (US$ million) › 2023')."""
    rows, c = found.table.rows, found.column
    top = next((r for r in range(found.row) if c < len(rows[r]) and rows[r][c].text), None)
    if top is None:
        return ""
    over = [
        cell.text for r in range(top) for k, cell in enumerate(rows[r][:c]) if cell.text and k + cell.span > c
    ]
    return " › ".join([*over, rows[top][c].text])


def heading_unit(heading: str) -> tuple[str, str | None]:
    """The unit and scale a column's heading gives its figures: 'GDP (US$ billion)' → ('USD', 'billion'),
    'Share (%)' → ('%', None), 'Population, millions' → ('', 'million')."""
    unit, scale = "", None
    for word in _HEAD_WORD.findall(heading):
        key = word.lower()
        if key in _SCALE_WORDS and scale is None:
            scale = _SCALE_WORDS[key]
        elif word == "%" or key in ("percent", "per cent", "pct"):
            unit = unit or U.PERCENT
        elif not unit and (word in U.CURRENCY_CODES or word in ("$", "€", "£", "¥", "₹", "US$")):
            unit = U.canonical(word)
    return unit, scale


def _table_label(table: SourceTable) -> str:
    if table.spreadsheet and not table.name:
        return "the table"
    return f"sheet '{table.name}'" if table.name else f"Table {table.number}"


def _column_name(table: SourceTable, row: int, col: int) -> str:
    if table.spreadsheet:
        return f"{column_letters(col)}{table.row_numbers[row] + 1}"
    return f"column {col + 1}"


def _row_name(table: SourceTable, row: int) -> str:
    return f"row {table.row_numbers[row] + 1}" if table.spreadsheet else f"row {row + 1}"


def plain_quantity(text: str, kind: str) -> bool:
    """A data file's bare number of four or more digits ('1417173173', '1670.6'): a quantity stored
    without separators, shown grouped for reading as a table's other figures are (a document that writes
    one so may mean an identifier or a year)."""
    return kind in ("csv", "xlsx") and re.fullmatch(r"-?\d{4,}(?:\.\d+)?", text.strip()) is not None


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _written(fact: FactSpec) -> str:
    from briefgen.facts.formatting import number_text

    low = number_text(fact.low or 0.0)
    return f"[{low}, {number_text(fact.high)}]" if fact.high is not None else low
