"""Slope charts for the PDF: before → after, one line per series, labelled at both ends."""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.graphics.shapes import Group, Line, String

from briefgen.brief.model import Chart
from briefgen.render.pdf.chartkit import (
    LABEL_SIZE,
    LINE_H,
    LINE_WIDTH,
    PLOT_H,
    ChartCtx,
    axis_title,
    marker,
    text_label,
)
from briefgen.render.scales import chart_scale, spread

END_GAP = 8  # between a point and its end label
NAME_GAP = 4  # between the value and the series name at the right end


def _finite(v: float | None) -> bool:
    return v is not None and math.isfinite(v)


def slope(chart: Chart, ctx: ChartCtx, width: float) -> tuple[Group, float]:
    """Points over two categories joined by lines, as on the slide: each point in the middle of its half,
    its value labelled beside it in the line's colour, and with several lines the right end names each
    line (no legend). The labels state every value, so the value axis keeps only its title; ranks run
    downwards from 1."""
    # The deck's axis, with headroom: no point on the top edge.
    scale = chart_scale(chart)[0]
    lo, hi = scale.low, scale.high
    named = len(chart.series) > 1
    first = [s.labels[0] if s.labels else "" for s in chart.series]
    last = [s.labels[-1] if s.labels else "" for s in chart.series]
    left_w = max(ctx.width(t, bold=True) for t in first)
    value_w = max(ctx.width(t, bold=True) for t in last)
    names = [
        ctx.wrap(s.name, max(60.0, width * 0.3 - value_w), bold=True) if named else [] for s in chart.series
    ]
    name_w = max((ctx.width(line, bold=True) for lines in names for line in lines), default=0.0)
    right_w = value_w + (NAME_GAP + name_w if named else 0.0)
    plot_x = LINE_H + 4 if chart.value_axis_title else 0.0
    plot_w = width - plot_x
    # The middle of each half, moved inwards where the end labels need more room.
    x0 = max(plot_x + plot_w / 4, plot_x + left_w + END_GAP + 4)  # labels have 1.5 pt halos
    x1 = min(plot_x + plot_w * 3 / 4, width - right_w - END_GAP - 4)
    n = max(2, len(chart.categories))
    xs = [x0 + (x1 - x0) * j / (n - 1) for j in range(n)]
    cat_lines = [ctx.wrap(c, plot_w / n - 8) for c in chart.categories]
    cat_h = max(len(lines) for lines in cat_lines) * LINE_H + 6
    block_h = max([1, *(len(lines) for lines in names)]) * LINE_H

    def y_of(v: float) -> float:
        frac = (v - lo) / ((hi - lo) or 1.0)
        return cat_h + (1 - frac if chart.reverse_value_axis else frac) * PLOT_H

    g = Group(Line(plot_x, cat_h, width, cat_h, strokeColor=ctx.rule, strokeWidth=0.75))
    for x, lines in zip(xs, cat_lines, strict=False):
        for k, line in enumerate(lines):
            y = cat_h - 4 - (k + 1) * LINE_H + 2
            g.add(
                String(
                    x,
                    y,
                    line,
                    fontName=ctx.font,
                    fontSize=LABEL_SIZE,
                    fillColor=ctx.body,
                    textAnchor="middle",
                )
            )
    for i, s in enumerate(chart.series):
        color = ctx.series(i)
        pts = [(x, y_of(v)) for x, v in zip(xs, s.values, strict=False) if _finite(v)]
        for (xa, ya), (xb, yb) in zip(pts, pts[1:], strict=False):
            g.add(Line(xa, ya, xb, yb, strokeColor=color, strokeWidth=LINE_WIDTH, strokeLineCap=1))
        for x, y in pts:
            g.add(marker(x, y, color, ctx))
    g.add(_end_labels(chart, ctx, xs, y_of, (first, last), names, value_w, block_h, cat_h))
    title = axis_title(chart.value_axis_title, ctx, LABEL_SIZE * 0.2, cat_h + PLOT_H / 2)
    if title:
        g.add(title)
    return g, cat_h + PLOT_H + block_h / 2 + 4


def _end_labels(
    chart: Chart,
    ctx: ChartCtx,
    xs: list[float],
    y_of: Callable[[float], float],
    texts: tuple[list[str], list[str]],
    names: list[list[str]],
    value_w: float,
    block_h: float,
    bottom: float,
) -> Group:
    """Labels at both ends in each line's colour, moved apart where lines start or end close together."""
    g = Group()
    for end, j in enumerate((0, len(xs) - 1)):
        rows = [
            (i, s.values[j]) for i, s in enumerate(chart.series) if j < len(s.values) and _finite(s.values[j])
        ]
        gap = block_h if end else LINE_H
        ys = spread([y_of(v) for _, v in rows], gap, bottom + gap / 2, bottom + PLOT_H + 2)
        for (i, _), y in zip(rows, ys, strict=True):
            color = ctx.series(i)
            if not end:
                g.add(text_label(texts[0][i], ctx, xs[0] - END_GAP, y, "e", color, halo=True))
                continue
            top = y + max(len(names[i]) - 1, 0) * LINE_H / 2  # the block's first line
            g.add(text_label(texts[1][i], ctx, xs[-1] + END_GAP, top, "w", color, halo=True))
            for k, line in enumerate(names[i]):
                x = xs[-1] + END_GAP + value_w + NAME_GAP
                g.add(text_label(line, ctx, x, top - k * LINE_H, "w", color, halo=True))
    return g
