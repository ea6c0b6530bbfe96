"""Vector charts for the PDF: one reportlab Drawing per model Chart, titled, labelled and themed."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.charts.textlabels import Label
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.model import Chart
from briefgen.render.pdf_fonts import face_name, register_fonts
from briefgen.theme import Theme

TITLE_SIZE = 11.5
SUBTITLE_SIZE = 9
LABEL_SIZE = 8
LEADING = 1.2  # line height as a multiple of the font size
GAP = 8  # space between header, plot and legend
ANGLE = 30  # angle of category names too long to wrap inside their band
ANGLED_MAX = 120  # wrap width of angled category names


def hex_color(value: str) -> Color:
    """A theme hex colour (no '#') as a reportlab colour."""
    return HexColor("#" + value)


def chart_drawing(chart: Chart, theme: Theme, width: float) -> Drawing:
    """A Drawing of `width` points: title and subtitle above, the plot, a legend when it helps."""
    ctx = _Ctx(theme)
    header, header_h = _header(chart, ctx, width)
    if chart.kind in ("pie", "doughnut"):
        body, body_h = _pie(chart, ctx, width)
    elif chart.kind == "bar":
        body, body_h = _bar(chart, ctx, width)
    else:
        body, body_h = _column_or_line(chart, ctx, width)
    if len(chart.series) > 1 and chart.kind not in ("pie", "doughnut"):
        legend, legend_h = _legend_row(chart, ctx, width)
        shifted = Group(body)
        shifted.translate(0, legend_h + GAP)
        body = Group(legend, shifted)
        body_h += legend_h + GAP
    d = Drawing(width, body_h + GAP + header_h)
    d.add(body)
    header.translate(0, body_h + GAP)
    d.add(header)
    d.hAlign = "CENTER"
    return d


class _Ctx:
    """Fonts and colours resolved once per chart."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        family = register_fonts(theme.pdf_font)
        self.font = face_name(family, "regular")
        self.bold = face_name(family, "bold")
        self.body = hex_color(theme.color("body"))
        self.muted = hex_color(theme.color("muted"))
        self.rule = hex_color(theme.color("rule"))
        self.title = hex_color(theme.color("title"))

    def series(self, i: int) -> Color:
        return hex_color(self.theme.series_color(i))

    def width(self, text: str, bold: bool = False, size: float = LABEL_SIZE) -> float:
        return stringWidth(text, self.bold if bold else self.font, size)

    def wrap(self, text: str, max_width: float, size: float = LABEL_SIZE) -> list[str]:
        return simpleSplit(text, self.font, size, max_width) or [""]


def _header(chart: Chart, ctx: _Ctx, width: float) -> tuple[Group, float]:
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


def _ticks(values: list[float], reverse: bool) -> tuple[float, float, list[float]]:
    """A readable value range and tick list: from 0 (or 1 for ranks, so rank 1 sits at the top)."""
    lo, hi = min([0.0, *values]), max([0.0, *values])
    if reverse and values and min(values) >= 1:
        lo = 1.0
    span = (hi - lo) or abs(hi) or 1.0
    raw = span / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    top = math.ceil(hi / step) * step
    bottom = math.floor(lo / step) * step if lo < 0 else lo
    ticks = [bottom]
    # Ranks: 1, then round multiples of the step (1, 5, 10 … rather than 1, 6, 11 …).
    t = (math.floor(bottom / step) + 1) * step
    while t <= top + step * 1e-9:
        if t - ticks[-1] >= step * 0.5:
            ticks.append(t)
        t += step
    if ticks[-1] < top:
        ticks.append(top)
    return bottom, ticks[-1], ticks


def _style_value_axis(axis, chart: Chart, ctx: _Ctx, values: list[float]) -> list[str]:
    """Fixed range and ticks formatted with `axis_format`; returns the tick label texts."""
    lo, hi, ticks = _ticks(values, chart.reverse_value_axis)
    axis.valueMin, axis.valueMax, axis.valueSteps = lo, hi, ticks
    axis.labelTextFormat = lambda v: format(v, chart.axis_format) + chart.value_suffix
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = ctx.font, LABEL_SIZE, ctx.muted
    axis.visibleAxis = 0
    axis.visibleTicks = 0
    axis.visibleGrid = 1
    axis.gridStrokeColor, axis.gridStrokeWidth = ctx.rule, 0.5
    axis.reverseDirection = 1 if chart.reverse_value_axis else 0
    return [format(v, chart.axis_format) + chart.value_suffix for v in ticks]


def _style_category_axis(axis, chart: Chart, ctx: _Ctx) -> None:
    axis.categoryNames = list(chart.categories)
    axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = ctx.font, LABEL_SIZE, ctx.body
    axis.strokeColor, axis.strokeWidth = ctx.rule, 0.75
    axis.visibleTicks = 0


def _axis_title(chart: Chart, ctx: _Ctx, x: float, y: float) -> Label | None:
    if not chart.value_axis_title:
        return None
    lab = Label()
    lab.setOrigin(x, y)
    lab.angle = 90
    lab.boxAnchor = "n"
    lab.setText(chart.value_axis_title)
    lab.fontName, lab.fontSize, lab.fillColor = ctx.font, LABEL_SIZE, ctx.muted
    return lab


def _column_or_line(chart: Chart, ctx: _Ctx, width: float) -> tuple[Group, float]:
    """Vertical bars or a line over categories along the x axis."""
    values = [v for s in chart.series for v in s.values]
    is_line = chart.kind == "line"
    plot = HorizontalLineChart() if is_line else VerticalBarChart()
    tick_texts = _style_value_axis(plot.valueAxis, chart, ctx, values)
    title_w = LABEL_SIZE * LEADING + 4 if chart.value_axis_title else 0
    left = title_w + max(ctx.width(t) for t in tick_texts) + 6
    n = max(1, len(chart.categories))
    band = (width - left - 4) / n
    # Category names wrap inside their band; a word wider than the band falls back to angled text.
    wrapped = [ctx.wrap(c, band - 6) for c in chart.categories]
    angled = any(ctx.width(line) > band - 4 for lines in wrapped for line in lines)
    if angled:
        cos, sin = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
        line_h = LABEL_SIZE * LEADING
        boxes = [
            (max(ctx.width(x) for x in ctx.wrap(c, ANGLED_MAX)), len(ctx.wrap(c, ANGLED_MAX)) * line_h)
            for c in chart.categories
        ]
        cat_h = max(w * sin + h * cos for w, h in boxes) + 8
        # Angled names reach left of their anchor: widen the left margin so the first ones stay inside.
        for _ in range(2):
            band = (width - left - 4) / n
            reach = max(w * cos + h * sin - band * (i + 0.5) for i, (w, h) in enumerate(boxes))
            left = max(left, reach + 2)
    else:
        cat_h = max(len(lines) for lines in wrapped) * LABEL_SIZE * LEADING + 6
    plot_w = width - left - 4
    band = plot_w / n
    label_w = band / (1 if is_line else len(chart.series)) - 4
    label_lines = max(len(ctx.wrap(t, label_w)) for s in chart.series for t in s.labels)
    top = label_lines * LABEL_SIZE * LEADING + 6
    plot_h = 150.0
    plot.x, plot.y, plot.width, plot.height = left, cat_h, plot_w, plot_h
    _style_category_axis(plot.categoryAxis, chart, ctx)
    labels = plot.categoryAxis.labels
    if angled:
        labels.angle, labels.boxAnchor, labels.textAnchor, labels.dy = ANGLE, "ne", "end", -4
        labels.maxWidth = ANGLED_MAX
    else:
        labels.boxAnchor, labels.textAnchor, labels.dy = "n", "middle", -4
        labels.maxWidth = band - 6
    plot.data = [list(s.values) for s in chart.series]
    point_labels = plot.lineLabels if is_line else plot.barLabels
    point_labels.fontName, point_labels.fontSize, point_labels.fillColor = ctx.bold, LABEL_SIZE, ctx.body
    point_labels.boxAnchor, point_labels.textAnchor, point_labels.maxWidth = "s", "middle", label_w
    if is_line:
        plot.lineLabelFormat = "values"
        plot.lineLabelArray = [list(s.labels) for s in chart.series]
        plot.lineLabelNudge = 0
        _place_line_labels(plot, chart)
        for i in range(len(chart.series)):
            plot.lines[i].strokeColor, plot.lines[i].strokeWidth = ctx.series(i), 2
            marker = makeMarker("FilledCircle")
            marker.size, marker.fillColor, marker.strokeColor = 6, ctx.series(i), white
            plot.lines[i].symbol = marker
    else:
        plot.barLabelFormat = "values"
        plot.barLabelArray = [list(s.labels) for s in chart.series]
        point_labels.nudge = 3
        plot.groupSpacing, plot.barSpacing = max(6, band * 0.25), 2
        for i in range(len(chart.series)):
            plot.bars[i].fillColor, plot.bars[i].strokeColor = ctx.series(i), None
    g = Group(plot)
    # The axis title sits just left of the tick labels, however wide the margin grew.
    tick_w = max(ctx.width(t) for t in tick_texts)
    title = _axis_title(chart, ctx, left - tick_w - 6 - title_w + LABEL_SIZE * 0.2, cat_h + plot_h / 2)
    if title:
        g.add(title)
    return g, cat_h + plot_h + top


def _place_line_labels(plot: HorizontalLineChart, chart: Chart) -> None:
    """Each category's topmost point gets its label above, the others below, so labels don't collide."""
    axis = plot.valueAxis
    span = (axis.valueMax - axis.valueMin) or 1.0
    for j in range(len(chart.categories)):
        # Height of each point as a fraction of the plot, whichever way the axis runs.
        heights = [(s.values[j] - axis.valueMin) / span for s in chart.series]
        if chart.reverse_value_axis:
            heights = [1 - h for h in heights]
        top = max(range(len(heights)), key=lambda i: heights[i])
        for i, h in enumerate(heights):
            above = i == top or h < 0.12  # near the axis there is no room below
            label = plot.lineLabels[(i, j)]
            label.boxAnchor, label.dy = ("s", 6) if above else ("n", -6)


def _bar(chart: Chart, ctx: _Ctx, width: float) -> tuple[Group, float]:
    """Horizontal bars, first category at the top, names wrapped on the left, labels past the bar ends."""
    values = [v for s in chart.series for v in s.values]
    plot = HorizontalBarChart()
    tick_texts = _style_value_axis(plot.valueAxis, chart, ctx, values)
    name_w = min(width * 0.3, max(ctx.width(c) for c in chart.categories) + 2)
    wrapped = [ctx.wrap(c, name_w) for c in chart.categories]
    left = max(ctx.width(line) for lines in wrapped for line in lines) + 8
    right = max(ctx.width(t, bold=True) for s in chart.series for t in s.labels) + 8
    right = max(right, ctx.width(tick_texts[-1]) / 2 + 2)
    band = max(max(len(lines) for lines in wrapped) * LABEL_SIZE * LEADING + 12, 16 * len(chart.series) + 10)
    band = max(band, 30)
    plot_h = band * len(chart.categories)
    axis_h = LABEL_SIZE * LEADING + 6 + (LABEL_SIZE * LEADING + 2 if chart.value_axis_title else 0)
    plot.x, plot.y, plot.width, plot.height = left, axis_h, width - left - right, plot_h
    _style_category_axis(plot.categoryAxis, chart, ctx)
    plot.categoryAxis.reverseDirection = 1
    labels = plot.categoryAxis.labels
    labels.boxAnchor, labels.textAnchor, labels.dx, labels.maxWidth = "e", "end", -4, name_w
    # With the category axis reversed, bars within a group still stack bottom-up: feed the series in
    # reverse so the first series is the top bar of each group, matching the legend order.
    order = list(reversed(range(len(chart.series))))
    plot.data = [list(chart.series[i].values) for i in order]
    plot.barLabelFormat = "values"
    plot.barLabelArray = [list(chart.series[i].labels) for i in order]
    bl = plot.barLabels
    bl.fontName, bl.fontSize, bl.fillColor = ctx.bold, LABEL_SIZE, ctx.body
    bl.boxAnchor, bl.textAnchor, bl.nudge = "w", "start", 3
    plot.groupSpacing, plot.barSpacing = 8, 2
    for row, i in enumerate(order):
        plot.bars[row].fillColor, plot.bars[row].strokeColor = ctx.series(i), None
    g = Group(plot)
    if chart.value_axis_title:
        g.add(
            String(
                left + plot.width / 2,
                2,
                chart.value_axis_title,
                fontName=ctx.font,
                fontSize=LABEL_SIZE,
                fillColor=ctx.muted,
                textAnchor="middle",
            )
        )
    return g, axis_h + plot_h + 4


def _pie(chart: Chart, ctx: _Ctx, width: float) -> tuple[Group, float]:
    """Pie or doughnut on the left, a legend with each slice's name and value label on the right."""
    series = chart.series[0]
    diameter = min(150.0, width * 0.35)
    pie = Doughnut() if chart.kind == "doughnut" else Pie()
    pie.x, pie.y, pie.width, pie.height = 4, 4, diameter, diameter
    pie.data = list(series.values)
    pie.labels = None
    pie.slices.strokeColor, pie.slices.strokeWidth = white, 1.5
    pie.slices.fontName = ctx.font
    if chart.kind == "doughnut":
        pie.innerRadiusFraction = 0.55
    else:
        pie.startAngle, pie.direction = 90, "clockwise"
    for i in range(len(series.values)):
        pie.slices[i].fillColor = ctx.series(i)
    x0 = diameter + 28
    rows = [(name, series.labels[i], ctx.series(i)) for i, name in enumerate(chart.categories)]
    legend, legend_h = _legend_block(rows, ctx, width - x0)
    body_h = max(diameter + 8, legend_h)
    legend.translate(x0, (body_h - legend_h) / 2)
    pie_group = Group(pie)
    pie_group.translate(0, (body_h - diameter - 8) / 2)
    return Group(pie_group, legend), body_h


def _legend_block(rows: list[tuple[str, str, Color]], ctx: _Ctx, width: float) -> tuple[Group, float]:
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
        for text, font, color_ in [(t, ctx.font, ctx.body) for t in lines] + [
            (t, ctx.bold, ctx.body) for t in value_lines
        ]:
            yy -= step
            g.add(String(14, yy + size * 0.25, text, fontName=font, fontSize=size, fillColor=color_))
        y += entry_h + 8
    return g, max(0.0, y - 8)


def _legend_row(chart: Chart, ctx: _Ctx, width: float) -> tuple[Group, float]:
    """Series names in a row (wrapping onto more rows) under the plot."""
    g = Group()
    x, step = 0.0, LABEL_SIZE * LEADING + 4
    items = [(s.name, ctx.series(i)) for i, s in enumerate(chart.series)]
    rows = 1
    for name, color in items:
        w = 14 + ctx.width(name) + 14
        if x > 0 and x + w > width:
            x, rows = 0.0, rows + 1
        g.add(Rect(x, -rows * step + 2, 9, 9, fillColor=color, strokeColor=None))
        g.add(
            String(x + 13, -rows * step + 3, name, fontName=ctx.font, fontSize=LABEL_SIZE, fillColor=ctx.body)
        )
        x += w
    g.translate(0, rows * step)
    return g, rows * step
