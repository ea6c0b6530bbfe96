"""Shared pieces of the PDF charts: fonts and colours, value ticks, axes, headers, legends, labels."""

from __future__ import annotations

from typing import Literal

from reportlab.graphics.charts.textlabels import Label
from reportlab.graphics.shapes import Circle, Group, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.brief.model import Chart
from briefgen.render.pdf.fonts import face_name, register_fonts
from briefgen.render.scales import Scale
from briefgen.theme.model import Theme

TITLE_SIZE = 11.5
SUBTITLE_SIZE = 9
LABEL_SIZE = 8
LEADING = 1.2  # line height as a multiple of the font size
LINE_H = LABEL_SIZE * LEADING
GAP = 8  # space between header, plot and legend
PLOT_H = 150.0  # height of the plotting area of category charts
LINE_WIDTH = 2
MARKER_SIZE = 6

LegendKind = Literal["box", "line"]


def hex_color(value: str) -> Color:
    """A theme hex colour (no '#') as a reportlab colour."""
    return HexColor("#" + value)


class ChartCtx:
    """Fonts and colours resolved once per chart."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        family = register_fonts(theme.pdf_font, theme.font_file)
        self.font = face_name(family, "regular")
        self.bold = face_name(family, "bold")
        self.body = hex_color(theme.color("body"))
        self.muted = hex_color(theme.color("muted"))
        self.rule = hex_color(theme.color("rule"))
        self.title = hex_color(theme.color("title"))
        self.background = hex_color(theme.color("background"))

    def series(self, i: int) -> Color:
        return hex_color(self.theme.series_color(i))

    def width(self, text: str, bold: bool = False, size: float = LABEL_SIZE) -> float:
        return stringWidth(text, self.bold if bold else self.font, size)

    def wrap(self, text: str, max_width: float, size: float = LABEL_SIZE, bold: bool = False) -> list[str]:
        return simpleSplit(text, self.bold if bold else self.font, size, max_width) or [""]

    def on(self, fill: Color) -> Color:
        """Text colour readable on `fill`: white on dark fills, the body colour on light ones."""
        luminance = 0.2126 * fill.red + 0.7152 * fill.green + 0.0722 * fill.blue
        return white if luminance < 0.55 else self.body


def header(chart: Chart, ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """Title (bold) and optional subtitle, wrapped to the width; the group's origin is its bottom."""
    lines: list[tuple[str, str, float, Color]] = []
    for text in simpleSplit(chart.title, ctx.bold, TITLE_SIZE, width):
        lines.append((text, ctx.bold, TITLE_SIZE, ctx.title))
    if chart.subtitle:
        for text in simpleSplit(chart.subtitle, ctx.font, SUBTITLE_SIZE, width):
            lines.append((text, ctx.font, SUBTITLE_SIZE, ctx.muted))
    height = sum(size * LEADING for _, _, size, _ in lines)
    g = Group()
    y = height
    for text, font, size, color in lines:
        y -= size * LEADING
        g.add(String(0, y + size * 0.2, text, fontName=font, fontSize=size, fillColor=color))
    return g, height


def style_value_axis(
    axis, ctx: ChartCtx, scale: Scale, spec: str, suffix: str, reverse: bool = False
) -> list[str]:
    """The shared scale's range and ticks, gridlines, ticks printed as the deck prints them; returns the
    tick texts."""
    axis.valueMin, axis.valueMax, axis.valueSteps = scale.low, scale.high, scale.ticks
    axis.labelTextFormat = lambda v: scale.text(v, spec, suffix)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = ctx.font, LABEL_SIZE, ctx.muted
    axis.visibleAxis = 0
    axis.visibleTicks = 0
    axis.visibleGrid = 1
    axis.gridStrokeColor, axis.gridStrokeWidth = ctx.rule, 0.5
    axis.reverseDirection = 1 if reverse else 0
    return [scale.text(v, spec, suffix) for v in scale.ticks]


def style_category_axis(axis, chart: Chart, ctx: ChartCtx) -> None:
    axis.categoryNames = list(chart.categories)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = ctx.font, LABEL_SIZE, ctx.body
    axis.strokeColor, axis.strokeWidth = ctx.rule, 0.75
    axis.visibleTicks = 0


def axis_title(text: str, ctx: ChartCtx, x: float, y: float, anchor: str = "n") -> Label | None:
    """A value axis title turned to read upwards, its `anchor` side at (x, y)."""
    if not text:
        return None
    lab = Label()
    lab.setOrigin(x, y)
    lab.angle = 90
    lab.boxAnchor = anchor
    lab.setText(text)
    lab.fontName, lab.fontSize, lab.fillColor = ctx.font, LABEL_SIZE, ctx.muted
    return lab


def text_label(
    text: str,
    ctx: ChartCtx,
    x: float,
    y: float,
    anchor: str,
    color: Color | None = None,
    bold: bool = True,
    halo: bool = False,
) -> Label:
    """A point label; with `halo`, on a background-coloured box so a line crossing bars stays legible."""
    lab = Label()
    lab.setOrigin(x, y)
    lab.boxAnchor = anchor
    lab.setText(text)
    lab.fontName, lab.fontSize = (ctx.bold if bold else ctx.font), LABEL_SIZE
    lab.fillColor = color or ctx.body
    if halo:
        lab.boxFillColor = ctx.background
        lab.leftPadding = lab.rightPadding = 1.5
        lab.topPadding, lab.bottomPadding = 0.5, 0
    return lab


def marker(x: float, y: float, color: Color, ctx: ChartCtx, size: float = MARKER_SIZE) -> Circle:
    """A filled circle with a thin background-coloured ring, as on the line charts."""
    return Circle(x, y, size / 2, fillColor=color, strokeColor=ctx.background, strokeWidth=0.75)


def swatch(x: float, y: float, color: Color, kind: LegendKind, ctx: ChartCtx) -> list:
    """A legend key 13 pt wide whose middle sits at height `y`: a square, or a line with its marker."""
    if kind == "line":
        return [
            Line(x, y, x + 13, y, strokeColor=color, strokeWidth=LINE_WIDTH),
            marker(x + 6.5, y, color, ctx, MARKER_SIZE - 1),
        ]
    return [Rect(x + 2, y - 4.5, 9, 9, fillColor=color, strokeColor=None)]


def legend_row(
    items: list[tuple[str, Color, LegendKind]], ctx: ChartCtx, width: float
) -> tuple[Group, float]:
    """Series names in a row (wrapping onto more rows) under the plot; the origin is its bottom."""
    g = Group()
    x, step = 0.0, LINE_H + 4
    rows = 1
    for name, color, kind in items:
        w = 16 + ctx.width(name) + 14
        if x > 0 and x + w > width:
            x, rows = 0.0, rows + 1
        base = -rows * step
        for shape in swatch(x, base + 6.5, color, kind, ctx):
            g.add(shape)
        g.add(String(x + 16, base + 3.5, name, fontName=ctx.font, fontSize=LABEL_SIZE, fillColor=ctx.body))
        x += w
    g.translate(0, rows * step)
    return g, rows * step


def legend_block(rows: list[tuple[str, str, Color]], ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """A vertical legend: swatch, wrapped name, then the value label in bold beneath it."""
    size = LABEL_SIZE + 1
    step = size * LEADING
    g = Group()
    y = 0.0
    # Built bottom-up so the group's origin is its bottom edge.
    for name, value, color in reversed(rows):
        lines = simpleSplit(name, ctx.font, size, width - 16) or [""]
        value_lines = simpleSplit(value, ctx.bold, size, width - 16) or [""]
        entry_h = (len(lines) + len(value_lines)) * step
        yy = y + entry_h
        g.add(Rect(0, yy - size, 9, 9, fillColor=color, strokeColor=None))
        for text, font in [(t, ctx.font) for t in lines] + [(t, ctx.bold) for t in value_lines]:
            yy -= step
            g.add(String(14, yy + size * 0.25, text, fontName=font, fontSize=size, fillColor=ctx.body))
        y += entry_h + 8
    return g, max(0.0, y - 8)
