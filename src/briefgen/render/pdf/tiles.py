"""Key-number tiles for the PDF: big value, the change since an earlier figure, label and marker."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from briefgen.brief.model import KeyNumber, KeyNumbers
from briefgen.render.pdf.chartkit import hex_color
from briefgen.render.pdf.inline import Inline
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.tagging import Tag
from briefgen.render.typeset import balanced, glued
from briefgen.theme.model import Theme

CHANGE_SIZE = 10
CHANGE_LEADING = 12.5
CHANGE_ROLE = "body"  # the deck's colour for the change line
GAP = 8.0  # between tiles
PAD_LEFT, PAD_RIGHT = 10.0, 8.0
PAD_X = PAD_LEFT + PAD_RIGHT
SUPERSCRIPT_DRAWN = 0.6  # a value's marker size relative to the value's
SUPERSCRIPT = 0.7  # ...measured a little generously


ONE_LINE_LEAST = 12.0  # a row's values shrink to one line down to this size before any wraps


def _value_width(item: KeyNumber, font: str, size: float) -> float:
    """The value's width on one line, a numeric marker (drawn smaller) included."""
    mark = item.marker.text if item.marker.style == "numeric" else ""
    return stringWidth(glued(item.value), font, size) + stringWidth(mark, font, size * SUPERSCRIPT)


def row_value_size(items: Sequence[KeyNumber], style: ParagraphStyle, width: float) -> float:
    """One size for a row's values: the largest, down to ONE_LINE_LEAST, at which each is one line (so
    the row's baselines align); else the style's, and the values wrap between words."""
    size = style.fontSize
    while size > ONE_LINE_LEAST and any(_value_width(k, style.fontName, size) > width for k in items):
        size -= 1
    fits = all(_value_width(k, style.fontName, size) <= width for k in items)
    return size if fits else style.fontSize


def _value_style(item: KeyNumber, style: ParagraphStyle, width: float, size: float) -> ParagraphStyle:
    """The value's style at `size`, shrunk further when its widest word (with a numeric marker glued to
    the last one) is wider than the tile: ReportLab breaks only at spaces, so such a word would run out
    of the tile."""
    words = glued(item.value).split(" ")
    mark = item.marker.text if item.marker.style == "numeric" else ""

    def widest(s: float) -> float:
        last = stringWidth(words[-1], style.fontName, s) + stringWidth(mark, style.fontName, s * SUPERSCRIPT)
        return max([stringWidth(w, style.fontName, s) for w in words[:-1]] + [last])

    while size > 8 and widest(size) > width:
        size -= 1
    if size == style.fontSize:
        return style
    return ParagraphStyle(
        f"{style.name}-{size:g}", parent=style, fontSize=size, leading=size * style.leading / style.fontSize
    )


class ChangeLine(Flowable):
    """'▲ 17 places since 2011' under a key number's value, wrapped to the tile.

    The arrow is drawn as a triangle: Carlito has no ▲/▼ glyph, and a missing glyph would print as
    nothing (or an empty box). Without a direction the text stands alone.
    """

    def __init__(self, text: str, direction: str, font: str, color: Color) -> None:
        super().__init__()
        self.text, self.direction, self.font, self.color = text, direction, font, color
        self.indent = CHANGE_SIZE * 1.05 if direction in ("up", "down") else 0.0
        self.lines: list[str] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.lines = simpleSplit(self.text, self.font, CHANGE_SIZE, availWidth - self.indent) or [""]
        self.width, self.height = availWidth, len(self.lines) * CHANGE_LEADING
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        base = self.height - CHANGE_LEADING + (CHANGE_LEADING - CHANGE_SIZE) / 2 + CHANGE_SIZE * 0.2
        canv.setFillColor(self.color)
        if self.indent:
            # A triangle as tall as the digits, sitting on the first line's baseline.
            w, h, y = CHANGE_SIZE * 0.7, CHANGE_SIZE * 0.62, base + CHANGE_SIZE * 0.02
            tip, foot = (y + h, y) if self.direction == "up" else (y, y + h)
            path = canv.beginPath()
            path.moveTo(0, foot)
            path.lineTo(w, foot)
            path.lineTo(w / 2, tip)
            path.close()
            canv.drawPath(path, stroke=0, fill=1)
        canv.setFont(self.font, CHANGE_SIZE)
        for k, line in enumerate(self.lines):
            canv.drawString(self.indent, base - k * CHANGE_LEADING, line)


def change_line(item: KeyNumber, theme: Theme, font: str) -> ChangeLine:
    """The change under a key number. As in the deck, it states a direction, not whether that is good
    news: arrow and text share one neutral colour."""
    return ChangeLine(item.change, item.change_direction, font, hex_color(theme.color(CHANGE_ROLE)))


def key_numbers(
    panel: KeyNumbers, ink: Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    """A grid of tiles: big value, its change, label with its marker; the panel's source note beneath."""
    n = len(panel.items)
    per_row = balanced(n, 2 if n == 4 else 3)  # 2 + 2, 3 + 2, 3 + 3, 3 + 2 + 2: no orphan tile
    cols = per_row[0]
    tile_w = (width - GAP * (cols - 1)) / cols
    places = [(r, c) for r, k in enumerate(per_row) for c in range(k)]
    starts = [sum(per_row[:r]) for r in range(len(per_row))]
    sizes = [
        row_value_size(panel.items[a : a + k], styles["kn_value"], tile_w - PAD_X)
        for a, k in zip(starts, per_row, strict=True)
    ]
    # One table with spacer columns and rows between the tiles, so tiles in a row share one height.
    rows: list[list[object]] = []
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_LEFT),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_RIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
    ]
    # Tagged as a table of one row per figure: its value and change as data, its label as the row's header,
    # so that a screen reader says each figure with what it measures.
    whole = object()
    for k, item in enumerate(panel.items):
        r, c = places[k]
        tr = (("Table", whole), ("TR", object()))
        if c == 0:
            if r:
                rows.append([""] * (2 * cols - 1))
            rows.append([""] * (2 * cols - 1))
        cell = (2 * c, 2 * r)
        row_items = panel.items[k - c : k - c + per_row[r]]
        # As in the deck: a numeric marker follows the value, an author-date one the label.
        numeric = item.marker.style == "numeric"
        vstyle = _value_style(item, styles["kn_value"], tile_w - PAD_X, sizes[r])
        value = ink.text(glued(item.value))
        if numeric and item.marker.marks:
            # In the body font at about half the value's size: a bold 19-point marker would crowd the line.
            small = round(vstyle.fontSize * SUPERSCRIPT_DRAWN, 1)
            mark = ink.marker(item.marker)
            value += f'<font name="{styles["body"].fontName}" size="{small:g}">{mark}</font>'

        content: list[Flowable] = [Tag(Para(value, vstyle), "TD", tr)]
        if item.change:
            content += [Tag(change_line(item, theme, styles["body"].fontName), "TD", tr), Spacer(1, 3)]
        elif any(other.change for other in row_items):
            # Labels in a row start level when only some tiles show a change.
            content.append(Spacer(1, CHANGE_LEADING + 3))
        label = ink.para(item.label) + ("" if numeric else ink.marker(item.marker))
        content.append(Tag(Para(label, styles["kn_label"]), "TH", tr, scope="Row"))
        rows[-1][2 * c] = content
        cmds += [
            ("BACKGROUND", cell, cell, hex_color(theme.color("panel"))),
            ("LINEBEFORE", cell, cell, 3, hex_color(theme.color("fact-value"))),
        ]
    for r in range(1, len(rows), 2):
        cmds.append(("TOPPADDING", (0, r), (-1, r), 0))
        cmds.append(("BOTTOMPADDING", (0, r), (-1, r), 0))
    widths = [tile_w if c % 2 == 0 else GAP for c in range(2 * cols - 1)]
    heights = [None if r % 2 == 0 else GAP for r in range(len(rows))]
    grid = Table(rows, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    grid.setStyle(TableStyle(cmds))
    parts: list[Flowable] = [Tag(Para(ink.text(panel.title), styles["h2"]), "H2"), grid]
    if panel.source_note:
        parts += [Spacer(1, 5), Tag(Para(ink.text(panel.source_note), styles["source"]), "P")]
    return [KeepTogether(parts), Spacer(1, 8)]
