"""Combo charts for the PDF: columns on the left value axis, lines on a secondary axis on the right."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Group, Line, String

from briefgen.brief.model import Axis, Chart
from briefgen.render.pdf.bars import BAR_GAP, BAR_W, GROUP_GAP, column_or_line
from briefgen.render.pdf.chartkit import (
    LABEL_SIZE,
    LINE_H,
    LINE_WIDTH,
    PLOT_H,
    ChartCtx,
    axis_title,
    marker,
    style_category_axis,
    style_value_axis,
    text_label,
)
from briefgen.render.scales import combo_scales


def combo(chart: Chart, ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """Columns for the primary series against the left axis; a line with markers for each secondary
    series against the right axis, which carries its own ticks and title."""
    primary = [i for i, s in enumerate(chart.series) if not s.secondary]
    secondary = [i for i, s in enumerate(chart.series) if s.secondary]
    if not primary or not secondary:
        return column_or_line(_single_axis(chart, bool(primary)), ctx, width)
    axis2 = chart.secondary_axis or Axis()
    values = [v for i in primary for v in chart.series[i].values if v is not None and math.isfinite(v)]
    values2 = [v for i in secondary for v in chart.series[i].values if v is not None and math.isfinite(v)]
    scale, scale2 = combo_scales(values, values2)
    plot = VerticalBarChart()
    tick_texts = style_value_axis(plot.valueAxis, ctx, scale, chart.axis_format, chart.value_suffix)
    ticks2 = scale2.ticks
    texts2 = [scale2.text(v, axis2.axis_format, axis2.suffix) for v in ticks2]
    title_w = LINE_H + 4 if chart.value_axis_title else 0
    title2_w = LINE_H + 4 if axis2.title else 0
    tick_w, tick2_w = max(ctx.width(t) for t in tick_texts), max(ctx.width(t) for t in texts2)
    left, right = title_w + tick_w + 6, tick2_w + 6 + title2_w
    n = max(1, len(chart.categories))
    plot_w = width - left - right
    band = plot_w / n
    cat_h = max(len(ctx.wrap(c, band - 6)) for c in chart.categories) * LINE_H + 6
    plot.x, plot.y, plot.width, plot.height = left, cat_h, plot_w, PLOT_H
    style_category_axis(plot.categoryAxis, chart, ctx)
    labels = plot.categoryAxis.labels
    labels.boxAnchor, labels.textAnchor, labels.dy, labels.maxWidth = "n", "middle", -4, band - 6
    plot.data = [list(chart.series[i].values) for i in primary]
    plot.barWidth, plot.groupSpacing, plot.barSpacing = BAR_W, GROUP_GAP, BAR_GAP
    label_w = band / len(primary) - 4
    plot.barLabelFormat = "values"
    plot.barLabelArray = [list(chart.series[i].labels) for i in primary]
    bl = plot.barLabels
    bl.fontName, bl.fontSize, bl.fillColor = ctx.bold, LABEL_SIZE, ctx.body
    bl.boxAnchor, bl.textAnchor, bl.maxWidth, bl.nudge = "s", "middle", label_w, 3
    for row, i in enumerate(primary):
        plot.bars[row].fillColor, plot.bars[row].strokeColor = ctx.series(i), None
    g = Group(plot)
    lo2, hi2 = ticks2[0], ticks2[-1]

    def y2(v: float) -> float:
        return cat_h + (v - lo2) / ((hi2 - lo2) or 1.0) * PLOT_H

    x_right = left + plot_w
    for v, text in zip(ticks2, texts2, strict=True):
        g.add(
            String(
                x_right + 6,
                y2(v) - LABEL_SIZE * 0.3,
                text,
                fontName=ctx.font,
                fontSize=LABEL_SIZE,
                fillColor=ctx.muted,
            )
        )
    xs = [left + (j + 0.5) * band for j in range(n)]
    lines, reach = _lines(chart, ctx, secondary, xs, y2, cat_h + PLOT_H)
    g.add(lines)
    title = axis_title(
        chart.value_axis_title, ctx, left - tick_w - 6 - title_w + LABEL_SIZE * 0.2, cat_h + PLOT_H / 2
    )
    if title:
        g.add(title)
    title2 = axis_title(axis2.title, ctx, width - LABEL_SIZE * 0.2, cat_h + PLOT_H / 2, anchor="s")
    if title2:
        g.add(title2)
    top = max(len(ctx.wrap(t, label_w)) for i in primary for t in chart.series[i].labels) * LINE_H + 6
    return g, cat_h + PLOT_H + max(top, reach + 2)


def _lines(
    chart: Chart,
    ctx: ChartCtx,
    secondary: list[int],
    xs: list[float],
    y_of: Callable[[float], float],
    plot_top: float,
) -> tuple[Group, float]:
    """The secondary series as lines with markers, each point labelled: above it (as in the deck), or
    below where another line's point is higher at that category. Returns how far labels rise above
    the plot."""
    g, reach = Group(), 0.0
    points = {
        i: {
            k: y_of(v)
            for k, v in enumerate(chart.series[i].values[: len(xs)])
            if v is not None and math.isfinite(v)
        }
        for i in secondary
    }
    for i in secondary:
        color = ctx.series(i)
        pts = sorted(points[i].items())
        for (ka, ya), (kb, yb) in zip(pts, pts[1:], strict=False):
            g.add(Line(xs[ka], ya, xs[kb], yb, strokeColor=color, strokeWidth=LINE_WIDTH, strokeLineCap=1))
        for k, y in pts:
            g.add(marker(xs[k], y, color, ctx))
    for i in secondary:
        labels = chart.series[i].labels
        for k, y in points[i].items():
            text = labels[k] if k < len(labels) else ""
            highest = max(points[o][k] for o in secondary if k in points[o])
            if not text:
                continue
            if y >= highest:
                g.add(text_label(text, ctx, xs[k], y + 6, "s", halo=True))
                reach = max(reach, y + 6 + LINE_H - plot_top)
            else:
                g.add(text_label(text, ctx, xs[k], y - 6, "n", halo=True))
    return g, reach


def _single_axis(chart: Chart, primary: bool) -> Chart:
    """A combo without one of its two kinds of series: columns, or lines read against the axis it has."""
    if primary:
        return replace(chart, kind="column", layout="clustered")
    axis = chart.secondary_axis or Axis()
    return replace(
        chart,
        kind="line",
        value_axis_title=axis.title or chart.value_axis_title,
        axis_format=axis.axis_format,
        value_suffix=axis.suffix,
    )
