"""Vector charts for the PDF: one reportlab Drawing per model Chart, titled, labelled and themed."""

from __future__ import annotations

from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import Color

from briefgen.brief.model import Chart
from briefgen.render.pdf.bars import bar, column_or_line
from briefgen.render.pdf.chartkit import (
    GAP,
    ChartCtx,
    LegendKind,
    header,
    hex_color,
    legend_block,
    legend_row,
)
from briefgen.render.pdf.combo import combo
from briefgen.render.pdf.slope import slope
from briefgen.theme.model import Theme

__all__ = ["chart_drawing", "hex_color"]


def chart_drawing(chart: Chart, theme: Theme, width: float) -> Drawing:
    """A Drawing of `width` points: title and subtitle above, the plot, a legend when it helps."""
    ctx = ChartCtx(theme)
    head, head_h = header(chart, ctx, width)
    if chart.kind in ("pie", "doughnut"):
        body, body_h = _pie(chart, ctx, width)
    elif chart.kind == "bar":
        body, body_h = bar(chart, ctx, width)
    elif chart.kind == "slope":
        body, body_h = slope(chart, ctx, width)
    elif chart.kind == "combo":
        body, body_h = combo(chart, ctx, width)
    else:
        body, body_h = column_or_line(chart, ctx, width)
    items = _legend_items(chart, ctx)
    if items:
        legend, legend_h = legend_row(items, ctx, width)
        shifted = Group(body)
        shifted.translate(0, legend_h + GAP)
        body = Group(legend, shifted)
        body_h += legend_h + GAP
    d = Drawing(width, body_h + GAP + head_h)
    d.add(body)
    head.translate(0, body_h + GAP)
    d.add(head)
    d.hAlign = "CENTER"
    return d


def _legend_items(chart: Chart, ctx: ChartCtx) -> list[tuple[str, Color, LegendKind]]:
    """Legend entries when a legend helps: when there are several series.

    Pies and doughnuts name their slices beside the plot, slope charts their lines at the right end;
    a single series is named by the chart's title. A combo's legend tells its columns from its lines.
    """
    if chart.kind in ("pie", "doughnut", "slope") or chart.shown_series() < 2:
        return []
    lines = chart.kind == "line"
    return [
        (s.name, ctx.series(i), "line" if lines or (chart.kind == "combo" and s.secondary) else "box")
        for i, s in enumerate(chart.series)
    ]


def _pie(chart: Chart, ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """Pie or doughnut on the left, a legend with each slice's name and value label on the right."""
    series = chart.series[0]
    diameter = min(150.0, width * 0.35)
    pie = Doughnut() if chart.kind == "doughnut" else Pie()
    pie.x, pie.y, pie.width, pie.height = 4, 4, diameter, diameter
    pie.data = list(series.values)
    pie.labels = None
    pie.slices.strokeColor, pie.slices.strokeWidth = ctx.background, 1.5
    pie.slices.fontName = ctx.font
    if chart.kind == "doughnut":
        pie.innerRadiusFraction = 0.55
    else:
        pie.startAngle, pie.direction = 90, "clockwise"
    for i in range(len(series.values)):
        pie.slices[i].fillColor = ctx.series(i)
    x0 = diameter + 28
    rows = [(name, series.labels[i], ctx.series(i)) for i, name in enumerate(chart.categories)]
    legend, legend_h = legend_block(rows, ctx, width - x0)
    body_h = max(diameter + 8, legend_h)
    legend.translate(x0, (body_h - legend_h) / 2)
    pie_group = Group(pie)
    pie_group.translate(0, (body_h - diameter - 8) / 2)
    return Group(pie_group, legend), body_h
