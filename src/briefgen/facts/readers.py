"""Read a document's visible text as blocks (paragraphs, list items, table cells) with where they start."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.facts.blocks import Block, ReadError

# Not the content a reader quotes: code, styling, navigation and page furniture.
_HTML_DROP = ("script", "style", "noscript", "template", "nav", "footer", "aside", "svg", "iframe", "form")
_HTML_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
    "td", "th", "caption", "figcaption", "blockquote", "pre", "address", "table", "tr", "ul", "ol", "dl",
    "figure", "body", "hr",
}  # fmt: skip


_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def read_blocks(path: Path, kind: str) -> list[Block]:
    """The visible text of a document of `kind`, block by block, in reading order."""
    try:
        return _read_blocks(path, kind)
    except RecursionError as e:
        raise ReadError("its elements are nested too deeply to read (a few hundred levels at most)") from e
    except ReadError:
        raise
    except Exception as e:
        if kind in (
            "pdf",
            "docx",
            "html",
            "xlsx",
        ):  # a damaged file: pdfium, python-docx and lxml raise many kinds
            raise ReadError(f"a damaged {kind.upper()} file ({type(e).__name__}: {e})") from e
        raise


def _read_blocks(path: Path, kind: str) -> list[Block]:
    if kind == "pdf":
        return _pdf(path)
    if kind == "docx":
        return _docx(path)
    if kind in ("csv", "xlsx"):
        from briefgen.facts.sheets import read_csv, read_xlsx

        return read_csv(path) if kind == "csv" else read_xlsx(path)
    raw = path.read_bytes()
    if kind == "html":
        return _html(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"not UTF-8 text ({e.reason} at byte {e.start})") from e
    return _markdown(text) if kind == "markdown" else _text(text)


def _text(text: str, page: int | None = None) -> list[Block]:
    """Paragraphs are separated by blank lines."""
    blocks = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    line, counted = 1, 0  # lines are counted on from the last paragraph, not from the top each time
    for m in _PARAGRAPH.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        blocks.append(Block(m.group(0).rstrip("\n"), line, page))
    return blocks


def _markdown(text: str) -> list[Block]:
    """Rendered text of each paragraph, heading, list item and table cell: markup is not what readers see."""
    from markdown_it import MarkdownIt

    blocks = []
    tables, row, col = 0, -1, -1
    in_cell = False
    level = 0
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "table_open":
            tables, row = tables + 1, -1
        elif token.type == "tr_open":
            row, col = row + 1, -1
        elif token.type in ("th_open", "td_open"):
            col, in_cell = col + 1, True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "heading_open":
            level = int(token.tag[1:])
        elif token.type == "heading_close":
            level = 0
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
                elif child.type == "image":
                    parts.append(child.content)
            content = "".join(parts).strip()
        elif token.type in ("fence", "code_block"):
            content = token.content.rstrip("\n")
        else:
            continue
        if content:
            blocks.append(Block(content, line, cell=(tables, row, col) if in_cell else None, heading=level))
    return blocks


def _html(raw: bytes) -> list[Block]:
    import lxml.html

    try:
        # lxml assumes Latin-1 for bytes without a declared charset; the web is mostly UTF-8.
        # huge_tree: libxml2 otherwise drops what is nested over 256 deep (the source size limit bounds it).
        parser = lxml.html.HTMLParser(huge_tree=True)
        declared = re.search(rb"<meta[^>]+charset", raw[:4096], re.IGNORECASE)
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark
            text = raw.decode("utf-16")
            root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text), parser=parser)
        elif declared:
            root = lxml.html.document_fromstring(raw, parser=parser)
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
            root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text), parser=parser)
    except Exception as e:  # lxml raises several types for unparsable input
        raise ReadError(f"not an HTML document ({e})") from e
    for el in list(root.iter(*_HTML_DROP)) + root.xpath("//*[@role='navigation' or @aria-hidden='true']"):
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body")
    blocks: list[Block] = []
    buf: list[str] = []
    start = [0]
    counted = [0]  # tables so far
    # Per open table: its number, the row, the last column taken, and the columns of later rows that a
    # cell spanning rows above (rowspan) takes.
    where: list[_OpenTable] = []
    cell: list[tuple[int, int, int] | None] = [None]
    span = [1]  # the columns the open cell spans
    level = [0]  # the heading being read (h1–h6), else 0

    def flush() -> None:
        text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", "".join(buf)).strip()
        text = re.sub(r"[ \t\r\f\v]+", " ", text)
        if text:
            blocks.append(
                Block(text, start[0], cell=cell[0], heading=level[0], span=span[0] if cell[0] else 1)
            )
        buf.clear()

    def walk(el) -> None:  # noqa: ANN001 - lxml element
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag in _HTML_BLOCKS
        if block:
            flush()
            start[0] = el.sourceline or 0
        if re.fullmatch(r"h[1-6]", tag):
            level[0] = int(tag[1])
        if tag == "table":
            counted[0] += 1
            where.append(_OpenTable(counted[0]))
        elif tag == "tr" and where:
            where[-1].row, where[-1].column = where[-1].row + 1, -1
        elif tag in ("td", "th") and where:
            cell[0], span[0] = where[-1].place(_span(el.get("colspan")), _span(el.get("rowspan")))
        if tag == "br":
            buf.append("\n")
        elif tag and el.text:
            if not buf:
                start[0] = el.sourceline or start[0]
            buf.append(el.text.replace("\n", " ") if tag != "pre" else el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if re.fullmatch(r"h[1-6]", tag):
            level[0] = 0
        if tag in ("td", "th") and where:
            cell[0], span[0] = None, 1
        elif tag == "table" and where:
            where.pop()
        if el.tail:
            buf.append(el.tail.replace("\n", " "))

    walk(body if body is not None else root)
    flush()
    return blocks


@dataclass
class _OpenTable:
    """An HTML table being read: where its next cell goes, on the grid its spanning cells make."""

    number: int
    row: int = -1
    column: int = -1  # the last column taken in this row
    taken: dict[int, set[int]] = field(default_factory=dict)  # row → columns a rowspan above takes

    def place(self, colspan: int, rowspan: int) -> tuple[tuple[int, int, int], int]:
        """The next cell's (table, row, column) on the grid, and its column span."""
        c = self.column + 1
        while c in self.taken.get(self.row, ()):
            c += 1
        for r in range(self.row + 1, self.row + rowspan):
            self.taken.setdefault(r, set()).update(range(c, c + colspan))
        self.column = c + colspan - 1
        return (self.number, self.row, c), colspan


def _span(value: str | None) -> int:
    """A colspan or rowspan attribute as a count of 1 to 1,000 (browsers' own bounds, about)."""
    return int(value) if value and value.strip().isdigit() and 1 <= int(value) <= 1000 else 1


def _pdf(path: Path) -> list[Block]:
    blocks: list[Block] = []
    for number, text in enumerate(pdf_pages(path), 1):
        blocks.extend(_text(text, number))
    return blocks


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF, as pdfium extracts it, lines ending in '\\n'; from the cache when the
    same bytes were read before (facts.cache)."""
    from briefgen.facts import cache

    data = path.read_bytes()
    key = cache.digest(data)
    extractor = _pdfium_version()
    pages = cache.load("pdf-text", key, extractor)
    if pages is None:
        pages = _pdfium_pages(data)
        cache.store("pdf-text", key, extractor, pages)
    return pages


MAX_PAGE_CONTENT = 64 * 1024 * 1024  # the drawing instructions of one page, inflated; a page of text has KBs


def _inflation_problem(data: bytes) -> str | None:
    """Why pdfium may not be given this PDF: a page whose drawing instructions (its content streams and the
    forms it draws) inflate past MAX_PAGE_CONTENT, which pdfium would parse whole, taking gigabytes and
    minutes. Each stream is inflated by pypdf, which stops at its own limit. None when the file is fine, or
    when pypdf cannot read its structure (pdfium then judges it)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    limit = f"over {MAX_PAGE_CONTENT // (1024 * 1024)} MiB of drawing instructions"
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # what pypdf repairs is not the reader's business: pdfium reads the file
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return None  # pdfium refuses it as encrypted
        for number, page in enumerate(reader.pages, 1):
            total = 0
            seen: set[int] = set()
            todo = [page.get("/Contents"), page.get("/Resources")]
            while todo:
                item = todo.pop()
                if isinstance(item, IndirectObject):
                    if item.idnum in seen:
                        continue
                    seen.add(item.idnum)
                    item = item.get_object()
                if isinstance(item, ArrayObject):
                    todo += list(item)
                elif isinstance(item, StreamObject):  # a content stream or a form: what pdfium parses
                    try:
                        total += len(item.get_data())
                    except LimitReachedError:
                        total = MAX_PAGE_CONTENT + 1
                    todo.append(item.get("/Resources"))
                elif isinstance(item, DictionaryObject):  # resources: the forms among its XObjects
                    xobjects = item.get("/XObject")
                    xobjects = xobjects.get_object() if xobjects is not None else None
                    if isinstance(xobjects, DictionaryObject):
                        todo += [x for x in xobjects.values() if _is_form(x)]
                if total > MAX_PAGE_CONTENT:
                    return f"page {number} holds {limit} (a decompression bomb?)"
    except Exception:  # noqa: BLE001 - pypdf cannot read the structure; pdfium may, and judges the file
        return None
    finally:
        log.setLevel(level)
    return None


def _is_form(xobject: object) -> bool:
    from pypdf.generic import StreamObject

    target = xobject.get_object() if hasattr(xobject, "get_object") else xobject
    return isinstance(target, StreamObject) and target.get("/Subtype") == "/Form"


def _pdfium_version() -> str:
    import pypdfium2

    return f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO}, pdfium {pypdfium2.version.PDFIUM_INFO}"


# pdfium joins a word hyphenated at a line end into one line, marking the hyphen (U+FFFE, or U+0002 in its
# bounded text): the hyphen and the line break are put back, so lines and words read as the page shows them.
_PDFIUM_HYPHEN = re.compile("[\ufffe\x02]")


def _pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)  # pypdfium2 5 says why; 4 leaves it to pdfium's last error
        if (code if code is not None else pdfium_c.FPDF_GetLastError()) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReadError("the PDF is encrypted; save an unencrypted copy") from e
        raise ReadError(f"not a readable PDF ({e})") from e
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document) != -1:  # encrypted, if only for its owner
            raise ReadError("the PDF is encrypted; save an unencrypted copy")
        if problem := _inflation_problem(data):  # before pdfium parses a page
            raise ReadError(problem)
        pages = []
        for i in range(len(document)):
            page = document[i]
            try:
                textpage = page.get_textpage()
                try:
                    # The whole page in reading order, range and count given: pypdfium2 4.28+ would send a
                    # call without them to its bounded text (the page's box), 5 takes them as they are.
                    count = textpage.count_chars()
                    text = textpage.get_text_range(0, count) if count > 0 else ""
                finally:
                    textpage.close()
            finally:
                page.close()
            text = _PDFIUM_HYPHEN.sub("-\n", text.replace("\r\n", "\n").replace("\r", "\n"))
            pages.append(text)
    except pdfium.PdfiumError as e:
        raise ReadError(f"not a readable PDF ({e})") from e
    finally:
        document.close()
    return pages


def _docx(path: Path) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from briefgen.spec.paths import zip_problem

    if problem := zip_problem(path):
        raise ReadError(f"the DOCX {problem}")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise ReadError(f"not a DOCX document ({e})") from e
    except Exception as e:  # a damaged package: lxml, zlib and zipfile raise their own kinds
        raise ReadError(f"a damaged DOCX document ({type(e).__name__}: {e})") from e
    blocks = []
    tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                blocks.append(Block(item.text.strip(), heading=_docx_level(item)))
        elif isinstance(item, Table):
            tables += 1
            seen = set()
            for r, row in enumerate(item.rows):
                cells = row.cells  # a merged cell is returned once per grid column it spans
                for c, cell in enumerate(cells):
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    span = sum(1 for other in cells[c:] if other._tc is cell._tc)
                    if cell.text.strip():
                        blocks.append(Block(cell.text.strip(), cell=(tables, r, c), span=span))
    return blocks


def _docx_level(paragraph: object) -> int:
    """A heading's level from its style ('Heading 2' → 2, 'Title' → 1), else 0."""
    name = getattr(getattr(paragraph, "style", None), "name", "") or ""
    m = re.fullmatch(r"Heading (\d)", name)
    return int(m.group(1)) if m else 1 if name == "Title" else 0
