"""Category charts for the PDF: columns, bars (clustered, stacked, percent) and lines."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Group, String
from reportlab.graphics.widgets.markers import makeMarker

from briefgen.brief.model import Chart
from briefgen.render.pdf.chartkit import (
    LABEL_SIZE,
    LINE_H,
    LINE_WIDTH,
    MARKER_SIZE,
    PLOT_H,
    ChartCtx,
    axis_title,
    style_category_axis,
    style_value_axis,
    text_label,
)
from briefgen.render.scales import chart_scale

ANGLE = 30  # angle of category names too long to wrap inside their band
ANGLED_MAX = 120  # wrap width of angled category names
BAR_W, GROUP_GAP, BAR_GAP = 10, 7, 1.5  # relative units: the deck's gap width of 70 %

Rect4 = tuple[float, float, float, float]  # x, y, width, height


def plotted(chart: Chart) -> list[list[float]]:
    """The data as drawn: percent layouts draw each category's values as shares of 100."""
    data = [list(s.values) for s in chart.series]
    if chart.kind in ("column", "bar") and chart.layout == "percent":
        totals = [sum(max(v, 0.0) for v in col) for col in zip(*data, strict=True)]
        data = [
            [max(v, 0.0) / t * 100 if t else 0.0 for v, t in zip(row, totals, strict=True)] for row in data
        ]
    return data


def bar_segments(plot: BarChart, data: list[list[float]], vertical: bool) -> list[list[Rect4]]:
    """Where reportlab draws each stacked segment (series × category), computed as it does."""
    n = max(1, len(data[0]))
    lo, hi = plot.valueAxis.valueMin, plot.valueAxis.valueMax
    along = plot.height if vertical else plot.width
    across = (plot.width if vertical else plot.height) / n
    f = across / (plot.groupSpacing + plot.barWidth)
    thick, offset = plot.barWidth * f, plot.groupSpacing * f / 2
    pos, neg = [0.0] * n, [0.0] * n
    out = []
    for row in data:
        rects = []
        for j, v in enumerate(row):
            acc = pos if v >= 0 else neg
            a, b = acc[j], acc[j] + v
            acc[j] = b
            p0, p1 = (a - lo) / (hi - lo) * along, (b - lo) / (hi - lo) * along
            start, length = min(p0, p1), abs(p1 - p0)
            if vertical:
                rects.append((plot.x + j * across + offset, plot.y + start, thick, length))
            else:  # the category axis runs top-down
                y = plot.y + plot.height - (j + 1) * across + offset
                rects.append((plot.x + start, y, length, thick))
        out.append(rects)
    return out


def _segment_labels(
    chart: Chart, ctx: ChartCtx, plot: BarChart, data: list[list[float]], vertical: bool
) -> Group:
    """Each label inside its segment, in white or dark text to suit the fill. As in the deck, a label
    whose segment is too small for it is left out: the segment's size still reads off the axis."""
    g = Group()
    segments = bar_segments(plot, data, vertical)
    for i, series in enumerate(chart.series):
        fill = ctx.series(chart.color_index(i))
        for j, text in enumerate(series.labels[: len(chart.categories)]):
            x, y, w, h = segments[i][j]
            tw = ctx.width(text, bold=True)
            fits = tw <= w - 4 and h >= LABEL_SIZE + 3 if vertical else tw <= w - 6 and h >= LABEL_SIZE + 2
            if text and data[i][j] and fits and not series.hidden:
                g.add(text_label(text, ctx, x + w / 2, y + h / 2, "c", ctx.on(fill)))
    return g


def column_or_line(chart: Chart, ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """Vertical bars (clustered, stacked or as shares of 100 %) or a line over categories."""
    is_line = chart.kind == "line"
    stacked = not is_line and chart.layout != "clustered"
    data = plotted(chart)
    scale, spec, suffix = chart_scale(chart)
    plot = HorizontalLineChart() if is_line else VerticalBarChart()
    tick_texts = style_value_axis(plot.valueAxis, ctx, scale, spec, suffix, chart.reverse_value_axis)
    title_w = LINE_H + 4 if chart.value_axis_title else 0
    tick_w = max(ctx.width(t) for t in tick_texts)
    left = title_w + tick_w + 6
    n = max(1, len(chart.categories))
    band = (width - left - 4) / n
    # Category names wrap inside their band; a word wider than the band falls back to angled text.
    wrapped = [ctx.wrap(c, band - 6) for c in chart.categories]
    angled = any(ctx.width(line) > band - 4 for lines in wrapped for line in lines)
    if angled:
        cos, sin = math.cos(math.radians(ANGLE)), math.sin(math.radians(ANGLE))
        boxes = [
            (max(ctx.width(x) for x in ctx.wrap(c, ANGLED_MAX)), len(ctx.wrap(c, ANGLED_MAX)) * LINE_H)
            for c in chart.categories
        ]
        cat_h = max(w * sin + h * cos for w, h in boxes) + 8
        # Angled names reach left of their anchor: widen the left margin so the first ones stay inside.
        for _ in range(2):
            band = (width - left - 4) / n
            reach = max(w * cos + h * sin - band * (i + 0.5) for i, (w, h) in enumerate(boxes))
            left = max(left, reach + 2)
    else:
        cat_h = max(len(lines) for lines in wrapped) * LINE_H + 6
    plot_w = width - left - 4
    band = plot_w / n
    label_w = band / (1 if is_line or stacked else len(chart.series)) - 4
    plot.x, plot.y, plot.width, plot.height = left, cat_h, plot_w, PLOT_H
    style_category_axis(plot.categoryAxis, chart, ctx)
    labels = plot.categoryAxis.labels
    if angled:
        labels.angle, labels.boxAnchor, labels.textAnchor, labels.dy = ANGLE, "ne", "end", -4
        labels.maxWidth = ANGLED_MAX
    else:
        labels.boxAnchor, labels.textAnchor, labels.dy = "n", "middle", -4
        labels.maxWidth = band - 6
    plot.data = data
    g = Group(plot)
    if is_line:
        top = _line_series(plot, chart, ctx, label_w)
    else:
        plot.barWidth, plot.groupSpacing, plot.barSpacing = BAR_W, GROUP_GAP, BAR_GAP
        _fill_bars(plot, chart, ctx)
        if stacked:
            plot.categoryAxis.style = "stacked"
            g.add(_segment_labels(chart, ctx, plot, data, vertical=True))
            top = 6.0
        else:
            top = _bar_labels(plot, chart, ctx, label_w)
    # The axis title sits just left of the tick labels, however wide the margin grew.
    title = axis_title(
        chart.value_axis_title, ctx, left - tick_w - 6 - title_w + LABEL_SIZE * 0.2, cat_h + PLOT_H / 2
    )
    if title:
        g.add(title)
    return g, cat_h + PLOT_H + top


def _fill_bars(plot: BarChart, chart: Chart, ctx: ChartCtx) -> None:
    """Each series in its palette colour; a floating bar's base is not drawn."""
    for i, s in enumerate(chart.series):
        plot.bars[i].fillColor = None if s.hidden else ctx.series(chart.color_index(i))
        plot.bars[i].strokeColor = None


def _bar_labels(plot: BarChart, chart: Chart, ctx: ChartCtx, label_w: float) -> float:
    """Clustered columns: each value label just above its bar; returns the room they need on top."""
    plot.barLabelFormat = "values"
    plot.barLabelArray = [list(s.labels) for s in chart.series]
    bl = plot.barLabels
    bl.fontName, bl.fontSize, bl.fillColor = ctx.bold, LABEL_SIZE, ctx.body
    bl.boxAnchor, bl.textAnchor, bl.maxWidth, bl.nudge = "s", "middle", label_w, 3
    return max(len(ctx.wrap(t, label_w)) for s in chart.series for t in s.labels) * LINE_H + 6


def _line_series(plot: HorizontalLineChart, chart: Chart, ctx: ChartCtx, label_w: float) -> float:
    """Lines with markers, each point labelled; returns the room the labels need above the plot."""
    ll = plot.lineLabels
    ll.fontName, ll.fontSize, ll.fillColor = ctx.bold, LABEL_SIZE, ctx.body
    ll.boxAnchor, ll.textAnchor, ll.maxWidth = "s", "middle", label_w
    plot.lineLabelFormat = "values"
    plot.lineLabelArray = [list(s.labels) for s in chart.series]
    plot.lineLabelNudge = 0
    _place_line_labels(plot, chart)
    for i in range(len(chart.series)):
        plot.lines[i].strokeColor, plot.lines[i].strokeWidth = ctx.series(i), LINE_WIDTH
        symbol = makeMarker("FilledCircle")
        symbol.size, symbol.fillColor, symbol.strokeColor = MARKER_SIZE, ctx.series(i), ctx.background
        plot.lines[i].symbol = symbol
    return max(len(ctx.wrap(t, label_w)) for s in chart.series for t in s.labels) * LINE_H + 6


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


def bar(chart: Chart, ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """Horizontal bars, first category at the top, names wrapped on the left; clustered bars carry their
    labels past the ends, stacked and percent bars inside their segments (where they fit)."""
    stacked = chart.layout != "clustered"
    data = plotted(chart)
    scale, spec, suffix = chart_scale(chart)
    plot = HorizontalBarChart()
    tick_texts = style_value_axis(plot.valueAxis, ctx, scale, spec, suffix, chart.reverse_value_axis)
    name_w = min(width * 0.3, max(ctx.width(c) for c in chart.categories) + 2)
    wrapped = [ctx.wrap(c, name_w) for c in chart.categories]
    left = max(ctx.width(line) for lines in wrapped for line in lines) + 8
    tick_half = max(ctx.width(tick_texts[-1]) / 2 + 2, 6.0)
    if stacked:
        right = tick_half
        band = max(max(len(lines) for lines in wrapped) * LINE_H + 12, 30)
    else:
        right = max(tick_half, max(ctx.width(t, bold=True) for s in chart.series for t in s.labels) + 8)
        band = max(max(len(lines) for lines in wrapped) * LINE_H + 12, 16 * len(chart.series) + 10, 30)
    plot_h = band * len(chart.categories)
    axis_h = LINE_H + 6 + (LINE_H + 2 if chart.value_axis_title else 0)
    plot.x, plot.y, plot.width, plot.height = left, axis_h, width - left - right, plot_h
    style_category_axis(plot.categoryAxis, chart, ctx)
    plot.categoryAxis.reverseDirection = 1
    labels = plot.categoryAxis.labels
    labels.boxAnchor, labels.textAnchor, labels.dx, labels.maxWidth = "e", "end", -4, name_w
    plot.barWidth, plot.groupSpacing, plot.barSpacing = BAR_W, GROUP_GAP, BAR_GAP
    g = Group(plot)
    if stacked:
        plot.categoryAxis.style = "stacked"
        plot.data = data
        _fill_bars(plot, chart, ctx)
        g.add(_segment_labels(chart, ctx, plot, data, vertical=False))
    else:
        # With the category axis reversed, bars within a group still stack bottom-up: feed the series
        # in reverse so the first series is the top bar of each group, matching the legend order.
        order = list(reversed(range(len(chart.series))))
        plot.data = [data[i] for i in order]
        plot.barLabelFormat = "values"
        plot.barLabelArray = [list(chart.series[i].labels) for i in order]
        bl = plot.barLabels
        bl.fontName, bl.fontSize, bl.fillColor = ctx.bold, LABEL_SIZE, ctx.body
        bl.boxAnchor, bl.textAnchor, bl.nudge = "w", "start", 3
        for row, i in enumerate(order):
            plot.bars[row].fillColor, plot.bars[row].strokeColor = ctx.series(i), None
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
