"""Table blocks in the PDF: a title, Paragraph cells that wrap, the header repeated on every page the
table spans, rows that may split across pages, column widths from the content, and the source line."""

from __future__ import annotations

import re

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from briefgen.brief.model import RichText
from briefgen.brief.model import Table as TableBlock
from briefgen.render.pdf.chartkit import hex_color
from briefgen.render.pdf.inline import Inline
from briefgen.render.pdf.notes import CiteFlag
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.tagging import Tag, cell
from briefgen.theme.model import Theme

PAD_X = 5.0  # left and right cell padding
MIN_COL = 36.0  # no column narrower than this (a few characters)
MAX_WORD_SHARE = 0.35  # a single long word (a URL) claims at most this share of the width
_NUMERIC = re.compile(r"^[\s$€£¥+\-−–~≈<>]*[\d.,]+\s*(%|[a-zA-Z]{0,3}\.?)?\s*$")


class KeepStart(Flowable):
    """Lead-in flowables (a table's title, maybe its section heading) kept with the table's first rows,
    and a table that splits well.

    KeepTogether would push a table taller than what is left of the page to the next page whole,
    leaving a gap behind; this moves on only when the lead-in and the first rows do not fit, and
    otherwise lets the table split across pages, with three rules: a short table (SHORT_ROWS rows or
    fewer) never splits, it moves on whole; the rows carried over are never fewer than TAIL_ROWS; and,
    with `tail` (points), a last part that would end the document on a near-empty page takes rows from
    the page before until it is at least that tall.
    """

    FIRST_ROWS = 2
    SHORT_ROWS = 8
    TAIL_ROWS = 3
    ROW_CAP = 60.0  # a row taller than this (a long text cell) only needs this much room to start
    TALL_ROW = 240.0  # a table with a row taller than this splits inside its rows, as reportlab does

    def __init__(self, lead: list[Flowable], table: Table, tail: float = 0.0, continued: bool = False):
        super().__init__()
        self.lead, self.table, self.tail = lead, table, tail
        # A continued part starts at the top of a page: it splits there, whatever its length.
        self._postponed_once = continued
        self._moved = False  # a continued part found no room left on its page and moved on

    def _lead_height(self, aw: float, ah: float) -> float:
        return sum(f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.lead)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        # Like KeepTogether: never drawn whole; the frame always asks split() for the parts.
        self.width = aw
        return aw, 0xFFFFFF

    def _postpone(self) -> list[Flowable]:
        # On to the next page, where it starts at the top and splits whatever its rows.
        self._postponed_once = self._moved = True
        return []

    def split(self, aw: float, ah: float) -> list[Flowable]:
        height = self.table.wrap(aw, ah)[1]
        lead = self._lead_height(aw, ah)
        if lead + height <= ah:
            return [*self.lead, self.table]
        head, *body = self.table._rowHeights
        if not body or max(body) > self.TALL_ROW:
            return self._split_tall(aw, ah, lead)
        if self._postponed_once:
            fit = self._keep_tail(body, self._rows_that_fit(body, ah - lead - head), self.FIRST_ROWS)
        else:
            need = lead + head + sum(min(h, self.ROW_CAP) for h in body[: self.FIRST_ROWS])
            if need > ah or len(body) <= self.SHORT_ROWS:
                return self._postpone()
            fit = self._keep_tail(body, self._rows_that_fit(body, ah - lead - head), self.FIRST_ROWS)
            if fit < self.FIRST_ROWS:
                return self._postpone()
        # Split the table here, in the room under its lead-in: handing it back whole would make the
        # frame ask again for a piece that still does not fit (reportlab's 'Splitting error').
        if fit == 0 and not self._moved:
            # A continued part finds no room for a row under its first part: it starts the next page.
            return self._postpone()
        fit = min(fit, len(body) - 1)  # it did not fit whole: at least one row goes on
        room = head + sum(body[:fit]) + 0.01 if fit else ah - lead
        parts = self.table.split(aw, room)
        if len(parts) < 2:  # rows that measure apart from the table's own split: let reportlab choose
            parts = self.table.split(aw, ah - lead)
        if len(parts) == 2:  # the rest splits by the same rules on the pages it runs onto
            return [*self.lead, parts[0], KeepStart([], parts[1], self.tail, continued=True)]
        return [*self.lead, *(parts or [self.table])]

    def _split_tall(self, aw: float, ah: float, lead: float) -> list[Flowable]:
        """A table with a row taller than TALL_ROW (a long text cell): its rows split inside, as
        reportlab does it, once the lead-in and the start of its first rows have room."""
        head, *body = self.table._rowHeights
        need = lead + head + sum(min(h, self.ROW_CAP) for h in body[: self.FIRST_ROWS])
        if need > ah and not self._postponed_once:
            return self._postpone()
        parts = self.table.split(aw, ah - lead)
        return [*self.lead, *(parts or [self.table])]

    @staticmethod
    def _rows_that_fit(body: list[float], room: float) -> int:
        used, fit = 0.0, 0
        for h in body:
            if used + h > room:
                break
            used, fit = used + h, fit + 1
        return fit

    def _keep_tail(self, body: list[float], fit: int, least: int) -> int:
        """Fewer rows on this page (but at least `least`), so that the rows carried over are at least
        TAIL_ROWS and, with `tail`, at least that tall when they are the table's last part."""
        rest = len(body) - fit
        if 0 < rest < self.TAIL_ROWS:
            fit = max(len(body) - self.TAIL_ROWS, min(least, fit))
        while self.tail and fit > least and 0 < sum(body[fit:]) < self.tail:
            fit -= 1
        return fit


def table_styles(styles: dict[str, ParagraphStyle], theme: Theme) -> dict[str, ParagraphStyle]:
    """Cell styles derived from the body style (CJK wrapping and fonts carry over)."""
    cell = ParagraphStyle("tb_cell", parent=styles["body"], fontSize=9, leading=12, spaceAfter=0)
    return {
        "cell": cell,
        "num": ParagraphStyle("tb_num", parent=cell, alignment=TA_RIGHT),
        "head": ParagraphStyle(
            "tb_head", parent=cell, fontName=styles["h2"].fontName, textColor=hex_color(theme.color("title"))
        ),
        "head_num": ParagraphStyle(
            "tb_head_num",
            parent=cell,
            fontName=styles["h2"].fontName,
            textColor=hex_color(theme.color("title")),
            alignment=TA_RIGHT,
        ),
        "title": ParagraphStyle(
            "tb_title", parent=styles["h2"], fontSize=11, leading=14, spaceBefore=4, spaceAfter=5
        ),
    }


def _numeric(cells: list[RichText]) -> bool:
    """A column of figures (every filled cell reads as a number), set flush right."""
    filled = [c.plain.strip() for c in cells if c.plain.strip()]
    return bool(filled) and all(_NUMERIC.match(t) for t in filled)


def _extent(texts: list[str], font: str, bold: str, size: float) -> tuple[float, float]:
    """(longest word, longest unwrapped text) of a column's cells, in points."""
    word, line = 0.0, 0.0
    for k, text in enumerate(texts):
        face = bold if k == 0 else font
        for part in text.split("\n"):
            line = max(line, stringWidth(part, face, size))
            for w in part.split():
                word = max(word, stringWidth(w, face, size))
    return word, line


def column_widths(
    block: TableBlock, width: float, font: str, bold: str, size: float, marker_room: list[float]
) -> list[float]:
    """Widths that suit the content, as a browser lays out an automatic table: every column gets at
    least its longest word; what is left goes to the columns in proportion to how much wider their
    unwrapped text is, so short columns stay one line and long text takes the rest."""
    n = len(block.columns)
    lo, hi = [], []
    for c in range(n):
        texts = [block.columns[c], *(row[c].plain for row in block.rows if c < len(row))]
        word, line = _extent(texts, font, bold, size)
        pad = 2 * PAD_X + marker_room[c]
        lo.append(max(MIN_COL, min(word, MAX_WORD_SHARE * width) + pad))
        hi.append(max(lo[-1], line + pad))
    if sum(hi) <= width:
        # Everything fits on one line: share the slack out evenly so the table spans the measure.
        extra = (width - sum(hi)) / n
        return [h + extra for h in hi]
    if sum(lo) >= width:
        return [width * w / sum(lo) for w in lo]
    want = [h - m for h, m in zip(hi, lo, strict=True)]
    free = width - sum(lo)
    return [m + free * w / sum(want) for m, w in zip(lo, want, strict=True)]


def _marker_room(block: TableBlock, font: str, size: float) -> list[float]:
    """Room for the widest marker of each column (markers follow the text, in a smaller size)."""
    room = []
    for c in range(len(block.columns)):
        texts = [row[c].marker.text for row in block.rows if c < len(row)]
        room.append(max((stringWidth(t, font, size * 0.6) for t in texts), default=0.0))
    return room


def table_block(
    block: TableBlock, ink: Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    """The title (kept with the table's first rows), the table, its source line."""
    st = table_styles(styles, theme)
    n = max(len(block.columns), max((len(r) for r in block.rows), default=0), 1)
    columns = tuple(block.columns) + ("",) * (n - len(block.columns))
    rows = [tuple(r) + (RichText(()),) * (n - len(r)) for r in block.rows]
    block = TableBlock(block.title, columns, tuple(rows), block.source_note, block.citations)
    numeric = [_numeric([r[c] for r in rows]) for c in range(n)]
    font, bold = st["cell"].fontName, st["head"].fontName
    widths = column_widths(block, width, font, bold, st["cell"].fontSize, _marker_room(block, font, 9))

    # Tagged as a table: a header row of column headers, then the body's rows of data cells.
    whole = object()
    head_row = (("Table", whole), ("THead", object()), ("TR", object()))
    data: list[list[object]] = [
        [
            cell(Para(ink.text(h), st["head_num" if numeric[c] else "head"]), "TH", head_row, "Column")
            for c, h in enumerate(columns)
        ]
    ]
    body = object()
    for row in rows:
        tr = (("Table", whole), ("TBody", body), ("TR", object()))
        data.append(
            [
                cell(Para(ink.rich(text, keep_last=False), st["num" if numeric[c] else "cell"]), "TD", tr)
                for c, text in enumerate(row)
            ]
        )
    # repeatRows: the header again on every page the table runs onto; splitInRow: a row taller than a
    # page (a long text cell) splits across pages instead of aborting the build.
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, splitByRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),  # else the Table itself references Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                ("BACKGROUND", (0, 0), (-1, 0), hex_color(theme.color("panel"))),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, hex_color(theme.color("title"))),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, hex_color(theme.color("title"))),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, hex_color(theme.color("rule"))),
            ]
        )
    )
    caption = Para(ink.text(block.title), st["title"])
    lead = [Tag(caption, "Caption", (("Table", whole),))] if block.title else []
    out: list[Flowable] = [KeepStart(lead, table), CiteFlag(block.citations)]
    out.append(Spacer(1, 4))
    if block.source_note:
        out.append(Tag(Para(ink.text(block.source_note), styles["source"]), "P"))
    out.append(Spacer(1, 8))
    return out
