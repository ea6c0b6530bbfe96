"""Chart slides: a chart with its takeaway beside it, or a section's bullets beside its chart (no pptx)."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.brief.model import Chart, RichText
from briefgen.render.deck.fit import first_fit, fits, needed_height, plain
from briefgen.render.deck.layout import BoxPlan, ChartPlan, Geometry, ParaPlan
from briefgen.render.deck.notes import cited

GUTTER = 0.45
BESIDE_SIZES = (20.0, 18.0, 16.0, 14.0)


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


def _chart_column(geo: Geometry, chart: Chart, x: float, w: float, cites: set[int]):
    """Title, subtitle, chart and (when the slide cites more than the chart) the chart's own source note."""
    boxes, y = _heads(chart, x, geo.body_y, w)
    # The slide's foot line names the chart's sources; a note under the chart is needed only when the
    # slide cites more than the chart, so that the plotted values keep a source line of their own.
    own_note = bool(chart.source_note) and cites != set(chart.citations)
    note_h = 0.32 if own_note else 0.0
    chart_h = geo.body_bottom - note_h - y
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
    boxes, plan = _chart_column(geo, chart, geo.left, chart_w, cites)
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


def beside_text(
    geo: Geometry, chart: Chart, items: Sequence[RichText], bullets: bool
) -> tuple[list[BoxPlan], ChartPlan, set[int]] | None:
    """The section's bullets (or prose) left, the chart right, on one slide; None when they do not fit
    at a readable size. The takeaway, if any, closes the text column."""
    text_w = geo.content_w * 0.42
    chart_x = geo.left + text_w + GUTTER
    chart_w = geo.right - chart_x

    def make(size: float) -> list[ParaPlan]:
        gap = size * (0.5 if bullets else 0.6)
        paras = [ParaPlan(t, size, "body", bullet=bullets, space_before=gap) for t in items]
        if chart.takeaway is not None:
            paras.append(ParaPlan(chart.takeaway, size, "title", bold=True, space_before=size))
        return paras

    paras = next((p for s in BESIDE_SIZES if fits(p := make(s), text_w, geo.body_h)), None)
    if paras is None:
        return None
    cites = set(chart.citations) | set().union(*(cited(p.text) for p in paras))
    boxes, plan = _chart_column(geo, chart, chart_x, chart_w, cites)
    name = "Bullets" if bullets else "Text"
    boxes.insert(0, BoxPlan(name, geo.left, geo.body_y, text_w, geo.body_h, tuple(paras)))
    return boxes, plan, cites
