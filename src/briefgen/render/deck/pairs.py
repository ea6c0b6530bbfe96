"""A section's text and its chart, table or quote on one slide, side by side or stacked, when both fit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.brief.model import Chart, Quote, RichText, Table, Text
from briefgen.render.deck.chart_slides import GUTTER, chart_column, quote_mark
from briefgen.render.deck.fit import fits, needed_height, plain
from briefgen.render.deck.layout import BoxPlan, ChartPlan, Geometry, ParaPlan, TablePlan
from briefgen.render.deck.notes import cited
from briefgen.render.deck.table import plan_table_pages, table_title

Visual = Chart | Table | Quote

TEXT_SHARE = 0.42  # the text column's share of the content width, side by side
SIDE_SIZES = (20.0, 18.0, 16.0, 14.0)  # the text's sizes beside a visual …
STACK_SIZES = (20.0, 18.0, 16.0)  # … and above one, where it runs the full width
STACK_GAP = 0.25
# The least a visual may have and still read: a chart's plot, a quote's text size, a table's text size.
MIN_CHART_W, MIN_CHART_H = 4.2, 2.6
QUOTE_SIZES = (24.0, 22.0, 20.0, 18.0)
MIN_TABLE_SIZE = 14.0


@dataclass(frozen=True)
class Placed:
    """What one slide holds when a text and a visual share it."""

    kind: str
    boxes: tuple[BoxPlan, ...]
    cites: frozenset[int]
    charts: tuple[ChartPlan, ...] = ()
    tables: tuple[TablePlan, ...] = ()
    facts: tuple[str, ...] = ()


def _text_paras(items: Sequence[RichText], bullets: bool, size: float, chart: Chart | None) -> list[ParaPlan]:
    gap = size * (0.5 if bullets else 0.6)
    paras = [ParaPlan(t, size, "body", bullet=bullets, space_before=gap) for t in items]
    if chart is not None and chart.takeaway is not None:
        # The chart's takeaway closes the text that stands beside it.
        paras.append(ParaPlan(chart.takeaway, size, "title", bold=True, space_before=size))
    return paras


def _chart(chart: Chart, x: float, y: float, w: float, bottom: float, cites: set[int]) -> Placed | None:
    boxes, plan = chart_column(chart, x, y, w, bottom, cites | set(chart.citations))
    if plan.w < MIN_CHART_W or plan.h < MIN_CHART_H:
        return None
    return Placed("chart-text", tuple(boxes), frozenset(chart.citations), charts=(plan,))


def _table(table: Table, x: float, y: float, w: float, bottom: float) -> Placed | None:
    heading, th = table_title(table, w)
    boxes = [BoxPlan("Table title", x, y, w, th, tuple(heading))] if heading else []
    top = y + th + (0.1 if heading else 0.0)
    pages = plan_table_pages(table, x, top, w, bottom - top)
    if len(pages) != 1 or min(c.paragraphs[0].size for row in pages[0].rows for c in row) < MIN_TABLE_SIZE:
        return None
    page = pages[0]
    cites = frozenset().union(*(cited(p.text) for row in page.rows for c in row for p in c.paragraphs))
    return Placed("table-text", tuple(boxes), cites, tables=(page,))


def _quote(quote: Quote, x: float, y: float, w: float, bottom: float) -> Placed | None:
    indent = 0.75
    text = RichText((Text(quote.text),), quote.marker)
    for size in QUOTE_SIZES:
        paras = [
            ParaPlan(text, size, "title", italic=True, line_spacing=1.15),
            ParaPlan(plain(f"— {quote.attribution}"), max(size * 0.6, 14.0), "muted", space_before=12.0),
        ]
        h = needed_height(paras, w - indent)
        if y + 0.2 + h <= bottom:
            mark = quote_mark(x, y, indent, 1.1, 72.0)
            box = BoxPlan("Quote", x + indent, y + 0.2, w - indent, bottom - y - 0.2, tuple(paras))
            return Placed("quote-text", (mark, box), frozenset({quote.citation}), facts=(quote.fact_id,))
    return None


def _visual(block: Visual, x: float, y: float, w: float, bottom: float, cites: set[int]) -> Placed | None:
    if isinstance(block, Chart):
        return _chart(block, x, y, w, bottom, cites)
    if isinstance(block, Table):
        return _table(block, x, y, w, bottom)
    return _quote(block, x, y, w, bottom)


def _join(text: BoxPlan, paras: Sequence[ParaPlan], visual: Placed) -> Placed:
    cites = frozenset().union(*(cited(p.text) for p in paras)) | visual.cites
    return Placed(visual.kind, (text, *visual.boxes), cites, visual.charts, visual.tables, visual.facts)


def side_by_side(geo: Geometry, items: Sequence[RichText], bullets: bool, block: Visual) -> Placed | None:
    """The text left, the visual right, when both fit at a readable size; else None."""
    text_w = geo.content_w * TEXT_SHARE
    x = geo.left + text_w + GUTTER
    chart = block if isinstance(block, Chart) else None
    paras = next(
        (p for s in SIDE_SIZES if fits(p := _text_paras(items, bullets, s, chart), text_w, geo.body_h)), None
    )
    if paras is None:
        return None
    cites = set().union(*(cited(p.text) for p in paras))
    visual = _visual(block, x, geo.body_y, geo.right - x, geo.body_bottom, cites)
    if visual is None:
        return None
    box = BoxPlan("Bullets" if bullets else "Text", geo.left, geo.body_y, text_w, geo.body_h, tuple(paras))
    return _join(box, paras, visual)


def stacked(geo: Geometry, items: Sequence[RichText], bullets: bool, block: Visual) -> Placed | None:
    """The text across the top, the visual below it, when both fit at a readable size; else None."""
    chart = block if isinstance(block, Chart) else None
    for size in STACK_SIZES:
        paras = _text_paras(items, bullets, size, chart)
        h = needed_height(paras, geo.content_w)
        top = geo.body_y + h + STACK_GAP
        if top >= geo.body_bottom:
            continue
        cites = set().union(*(cited(p.text) for p in paras))
        visual = _visual(block, geo.left, top, geo.content_w, geo.body_bottom, cites)
        if visual is not None:
            box = BoxPlan(
                "Bullets" if bullets else "Text", geo.left, geo.body_y, geo.content_w, h, tuple(paras)
            )
            return _join(box, paras, visual)
    return None


def pair(
    geo: Geometry, items: Sequence[RichText], bullets: bool, block: Visual, beside: bool = False
) -> Placed | None:
    """The text and the visual on one slide: side by side for a chart (or when `beside`), stacked first for
    a quote or a table wider than three columns (they read better wide); None when neither fits."""
    wide = isinstance(block, Quote) or (isinstance(block, Table) and len(block.columns) > 3)
    order = (stacked, side_by_side) if wide and not beside else (side_by_side, stacked)
    for arrange in order:
        placed = arrange(geo, items, bullets, block)
        if placed is not None:
            return placed
    return None
