"""Chart slides: a chart with its takeaway beside it, and the chart column other slides share (no pptx)."""

from __future__ import annotations

from briefgen.brief.model import Chart
from briefgen.render.deck.fit import first_fit, needed_height, plain
from briefgen.render.deck.layout import BoxPlan, ChartPlan, Geometry, ParaPlan
from briefgen.render.deck.notes import cited

GUTTER = 0.45


def _heads(chart: Chart, x: float, y: float, w: float) -> tuple[list[BoxPlan], float]:
    """Chart title and subtitle as measured text boxes (chart titles cannot mix sizes reliably across
    viewers); returns them and the y where the chart starts."""
    boxes: list[BoxPlan] = []
    for name, text, sizes, role, bold in (
        ("Chart title", chart.title, (16.0, 15.0, 14.0), "title", True),
        ("Chart subtitle", chart.subtitle, (12.0, 11.0), "muted", False),
    ):
        if text:

            def make(s: float, t: str = text, r: str = role, b: bool = bold) -> list[ParaPlan]:
                return [ParaPlan(plain(t), s, r, bold=b)]

            paras = first_fit(make, sizes, w, 0.6)
            h = needed_height(paras, w)
            boxes.append(BoxPlan(name, x, y, w, h, tuple(paras)))
            y += h
    return boxes, y + 0.1


def chart_column(chart: Chart, x: float, y: float, w: float, bottom: float, cites: set[int]):
    """Title, subtitle, chart and (when the slide cites more than the chart) the chart's own source note,
    in a column from `y` down to `bottom`."""
    boxes, y = _heads(chart, x, y, w)
    # The slide's foot line names the chart's sources; a note under the chart is needed only when the
    # slide cites more than the chart, so that the plotted values keep a source line of their own.
    own_note = bool(chart.source_note) and cites != set(chart.citations)
    note_h = 0.32 if own_note else 0.0
    chart_h = bottom - note_h - y
    if own_note:
        note = first_fit(
            lambda s: [ParaPlan(plain(chart.source_note), s, "source-note")], (10.0, 9.0), w, note_h
        )
        boxes.append(BoxPlan("Chart source note", x, y + chart_h, w, note_h, tuple(note), anchor="bottom"))
    return boxes, ChartPlan(chart, x, y, w, chart_h)


def chart_boxes(geo: Geometry, chart: Chart) -> tuple[list[BoxPlan], ChartPlan, set[int]]:
    """A chart slide's boxes and chart: the takeaway in a panel beside the chart when there is one."""
    # Round charts stay compact even alone: a full-width doughnut strands its legend at the far edge.
    narrow = chart.takeaway is not None or chart.kind in ("pie", "doughnut")
    chart_w = geo.content_w * 0.6 if narrow else geo.content_w
    cites = set(chart.citations) | cited(chart.takeaway)
    boxes, plan = chart_column(chart, geo.left, geo.body_y, chart_w, geo.body_bottom, cites)
    if chart.takeaway:
        x = geo.left + chart_w + GUTTER
        w = geo.right - x
        take = chart.takeaway
        paras = first_fit(
            lambda s: [ParaPlan(take, s, "title", line_spacing=1.15)],
            (24.0, 22.0, 20.0, 18.0, 16.0),
            w,
            geo.body_h,
            0.3,
        )
        boxes.append(
            BoxPlan(
                "Takeaway",
                x,
                geo.body_y,
                w,
                geo.body_h,
                tuple(paras),
                anchor="middle",
                fill="panel",
                inset=0.3,
            )
        )
    return boxes, plan, cites


def quote_mark(x: float, y: float, w: float, h: float, largest: float) -> BoxPlan:
    """The big accent-coloured opening mark of a pull quote, at the largest size up to `largest` whose
    glyph fits the box in the deck's font."""

    def make(size: float) -> list[ParaPlan]:
        return [ParaPlan(plain("“"), size, "accent", bold=True, line_spacing=1.0)]

    sizes = [s for s in (96.0, 80.0, 72.0, 60.0, 48.0, 40.0) if s <= largest]
    return BoxPlan("Quote mark", x, y, w, h, tuple(first_fit(make, sizes, w, h)))
