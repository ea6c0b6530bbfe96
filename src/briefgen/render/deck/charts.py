"""Native, editable PowerPoint charts from the model's Chart (python-pptx), styled by the theme."""

from __future__ import annotations

import math
from dataclasses import replace

from pptx.chart.axis import ValueAxis
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.chart.plot import BarPlot
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefgen.brief.model import Chart
from briefgen.render.deck.chart_labels import add_labels, excel_format, rgb, slope_plot_area, style_font
from briefgen.render.deck.combo import make_combo, primary_value_axis
from briefgen.render.scales import Scale, chart_scale, combo_scales
from briefgen.theme.model import Theme

__all__ = ["add_chart", "chart_type", "clean_values", "excel_format"]

# Column and bar charts by layout; the other kinds have one type each.
LAYOUT_TYPES = {
    ("column", "clustered"): XL_CHART_TYPE.COLUMN_CLUSTERED,
    ("column", "stacked"): XL_CHART_TYPE.COLUMN_STACKED,
    ("column", "percent"): XL_CHART_TYPE.COLUMN_STACKED_100,
    ("bar", "clustered"): XL_CHART_TYPE.BAR_CLUSTERED,
    ("bar", "stacked"): XL_CHART_TYPE.BAR_STACKED,
    ("bar", "percent"): XL_CHART_TYPE.BAR_STACKED_100,
}
KIND_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "slope": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "combo": XL_CHART_TYPE.COLUMN_CLUSTERED,  # then its secondary series become a line (deck_combo)
}
BASE_PT = 12
TICK_PT = 11
PERCENT_FORMAT = "0%"


def chart_type(chart: Chart) -> XL_CHART_TYPE:
    """The python-pptx chart type a Chart is written as (a combo chart as its first plot's type)."""
    if chart.kind in ("column", "bar"):
        return LAYOUT_TYPES[chart.kind, chart.layout]
    return KIND_TYPES[chart.kind]


def clean_values(values: tuple[float, ...]) -> list[float | None]:
    """Plot values as floats; NaN, inf and booleans become gaps (XlsxWriter rejects them)."""
    out: list[float | None] = []
    for v in values:
        f = None if v is None or isinstance(v, bool) else float(v)
        out.append(f if f is not None and math.isfinite(f) else None)
    return out


def bottom_up(chart: Chart) -> bool:
    """A clustered bar chart of several series, written bottom-up (see add_chart)."""
    clustered = chart.kind == "bar" and chart.layout == "clustered"
    return clustered and len(chart.series) > 1 and not any(s.hidden for s in chart.series)


def _bottom_up(chart: Chart, theme: Theme) -> tuple[Chart, Theme]:
    """The chart with its categories and series in reverse order, each series keeping its colour.

    Horizontal bars read top-down, and viewers draw a bar chart's first category and series at the
    bottom. Reversing the axis instead lines PowerPoint's legend up with the bars but not LibreOffice's;
    written in reverse on an axis in its usual direction, both show the first category on top, the
    series in their order down each group, and the legend in that order too."""
    n = len(chart.series)
    series = tuple(
        replace(s, values=s.values[::-1], labels=s.labels[::-1], fact_ids=s.fact_ids[::-1])
        for s in reversed(chart.series)
    )
    colors = tuple(theme.series_color(i) for i in range(n))[::-1]
    return (
        replace(chart, categories=chart.categories[::-1], series=series),
        replace(theme, palette=colors + theme.palette[n:]),
    )


def add_chart(slide: Slide, chart: Chart, box: tuple[int, int, int, int], theme: Theme) -> GraphicFrame:
    """Add `chart` as a native chart in `box` (EMU: x, y, cx, cy) and return its graphic frame."""
    if bottom_up(chart):
        chart, theme = _bottom_up(chart, theme)
    right = chart.secondary_axis
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = list(chart.categories)
    for s in chart.series:
        fmt = right.number_format if s.secondary and right is not None else chart.number_format
        data.add_series(s.name, clean_values(s.values), number_format=fmt)
    x, y, cx, cy = (Emu(v) for v in box)
    frame: GraphicFrame = slide.shapes.add_chart(  # type: ignore[assignment]
        chart_type(chart),
        x,
        y,
        cx,
        cy,
        data,  # type: ignore[arg-type]
    )
    frame.name = f"Chart: {chart.title}"[:250]
    # Screen readers read the frame's description; python-pptx has no API for it.
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text or chart.title)
    c = frame.chart
    secondary = make_combo(c, [s.secondary for s in chart.series]) if chart.kind == "combo" else None
    style_font(c.font, theme, theme.color("body"), BASE_PT)
    c.has_title = False  # the planner draws title and subtitle as text; else one series names itself
    round_ = chart.kind in ("pie", "doughnut")
    # A slope chart names its lines at their right ends; the others need a key for several series.
    c.has_legend = round_ or (chart.kind != "slope" and chart.shown_series() > 1)
    if c.has_legend:
        c.legend.position = XL_LEGEND_POSITION.RIGHT if round_ else XL_LEGEND_POSITION.BOTTOM
        c.legend.include_in_layout = False
        style_font(c.legend.font, theme, theme.color("body"), BASE_PT)
    if not round_:
        _axes(c, chart, theme)
    if chart.kind == "slope":
        manual_plot_area(c, slope_plot_area(chart, box))
    if secondary is not None and right is not None:
        _secondary_axis(secondary, chart, theme)
        _combo_scales(primary_value_axis(c), secondary, chart)
    _series(c, chart, theme)
    add_labels(c, chart, theme, box)
    _unsigned_axis_ids(c)
    for el in c._chartSpace.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        el.set("lang", theme.language)  # the labels' language, as the slides' text states it
    return frame


def _unsigned_axis_ids(c: PptxChart) -> None:
    """Axis ids as the schema wants them, unsigned: python-pptx writes negative ones
    ('c:axId val="-2068027336"'), which PowerPoint may offer to repair. Renumbered 1, 2 … in order."""
    plot_area = c._chartSpace.chart.plotArea
    new: dict[str, str] = {}
    for el in plot_area.iter(qn("c:axId")):
        new.setdefault(el.get("val"), str(len(new) + 1))
    for el in (*plot_area.iter(qn("c:axId")), *plot_area.iter(qn("c:crossAx"))):
        el.set("val", new.get(el.get("val"), el.get("val")))


def _value_axis_look(va: ValueAxis, number_format: str, title: str, theme: Theme) -> None:
    va.format.line.fill.background()
    va.major_tick_mark = XL_TICK_MARK.NONE
    va.tick_labels.number_format = number_format
    va.tick_labels.number_format_is_linked = False
    style_font(va.tick_labels.font, theme, theme.color("muted"), TICK_PT)
    if title:
        va.has_title = True
        va.axis_title.text_frame.text = title
        style_font(va.axis_title.text_frame.paragraphs[0].runs[0].font, theme, theme.color("muted"), TICK_PT)


def _axes(c: PptxChart, chart: Chart, theme: Theme) -> None:
    va, ca = primary_value_axis(c), c.category_axis
    va.has_major_gridlines = True
    va.major_gridlines.format.line.color.rgb = rgb(theme.color("rule"))
    va.major_gridlines.format.line.width = Pt(0.75)
    percent = chart.kind in ("bar", "column") and chart.layout == "percent"
    _value_axis_look(va, PERCENT_FORMAT if percent else chart.number_format, chart.value_axis_title, theme)
    ca.major_tick_mark = XL_TICK_MARK.NONE
    ca.format.line.color.rgb = rgb(theme.color("rule"))
    style_font(ca.tick_labels.font, theme, theme.color("body"), TICK_PT)
    if chart.kind in ("column", "bar", "line", "slope"):
        # The axis the PDF draws too: from zero (bars are read by their length: 60 against 50 must not
        # look like 4 to 1), in round steps, ticks printed alike; a percent layout's shares of 1 as 0–100%.
        # (A combo's two axes are set with its series.)
        scale, spec, suffix = chart_scale(chart)
        _apply_scale(va, scale, spec, suffix, percent=percent)
    if chart.kind == "bar" and not bottom_up(chart):
        # Horizontal bars read top-down: first category at the top, value axis kept at the bottom.
        ca.reverse_order = True
        va._element.find(qn("c:crosses")).set("val", "max")
    if chart.kind == "slope":
        # Two categories, each point in the middle of its half: room for the end labels on both sides.
        # The labels at the ends state every value, so the value axis keeps only its title.
        _cross_between(va, "between")
        va.has_major_gridlines = False
        va.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    if chart.reverse_value_axis:
        # Ranks: 1 at the top. The category axis then has to cross at the (now bottom) maximum.
        va.reverse_order = True
        ca._element.find(qn("c:crosses")).set("val", "max")
        # Ranks: the axis starts at 0, its tick left blank, so that rank 1 sits by the top; ticks are
        # plain numbers (as in the PDF), the data labels say '12th'.


def manual_plot_area(c: PptxChart, area: tuple[float, float, float, float]) -> None:
    """Place the inner plot area at (x, y, w, h), fractions of the chart frame (c:plotArea/c:layout)."""
    plot_area = c._chartSpace.chart.plotArea
    old = plot_area.find(qn("c:layout"))
    if old is not None:
        plot_area.remove(old)
    x, y, w, h = (f"{v:.4f}" for v in area)
    plot_area.insert(
        0,
        parse_xml(
            f"<c:layout {nsdecls('c')}><c:manualLayout>"
            '<c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>'
            f'<c:x val="{x}"/><c:y val="{y}"/><c:w val="{w}"/><c:h val="{h}"/>'
            "</c:manualLayout></c:layout>"
        ),
    )


def _cross_between(va: ValueAxis, how: str) -> None:
    el = va._element.find(qn("c:crossBetween"))
    if el is None:
        el = va._element.makeelement(qn("c:crossBetween"), {})
        va._element.find(qn("c:crosses")).addnext(el)
    el.set("val", how)


def _secondary_axis(va: ValueAxis, chart: Chart, theme: Theme) -> None:
    """The right-hand axis of a combo chart: its own number format and title, no gridlines of its own."""
    axis = chart.secondary_axis
    assert axis is not None
    va.has_major_gridlines = False
    _value_axis_look(va, axis.number_format, axis.title, theme)


def _combo_scales(left: ValueAxis, right: ValueAxis, chart: Chart) -> None:
    """Each axis scaled to its own data in the same number of steps, by the rule the PDF uses too."""
    values = [(s.secondary, v) for s in chart.series for v in clean_values(s.values) if v is not None]
    scales = combo_scales([v for sec, v in values if not sec], [v for sec, v in values if sec])
    axis2 = chart.secondary_axis
    assert axis2 is not None
    _apply_scale(left, scales[0], chart.axis_format, chart.value_suffix)
    _apply_scale(right, scales[1], axis2.axis_format, axis2.suffix)


def _apply_scale(va: ValueAxis, scale: Scale, spec: str, suffix: str, percent: bool = False) -> None:
    """The shared scale on a value axis: its bounds, its step and its tick texts, as the PDF prints them
    (a percent layout plots shares of 1, shown as 0%–100%)."""
    unit = 100.0 if percent else 1.0
    va.minimum_scale, va.maximum_scale = scale.low / unit, scale.high / unit
    va.major_unit = scale.step / unit
    va.tick_labels.number_format = PERCENT_FORMAT if percent else scale.excel_format(spec, suffix)
    va.tick_labels.number_format_is_linked = False


def _series(c: PptxChart, chart: Chart, theme: Theme) -> None:
    if chart.kind in ("pie", "doughnut"):
        plot = c.plots[0]
        plot.vary_by_categories = True
        for i, pt in enumerate(plot.series[0].points):
            pt.format.fill.solid()
            pt.format.fill.fore_color.rgb = rgb(theme.series_color(i))
            pt.format.line.color.rgb = rgb(theme.color("background"))
            pt.format.line.width = Pt(1.5)
        hole = plot._element.find(qn("c:holeSize"))
        if hole is not None:
            hole.set("val", "55")
        return
    for plot in c.plots:
        if isinstance(plot, BarPlot):
            plot.gap_width = 70
            plot.vary_by_categories = False
        for s in plot.series:
            # Colours follow the model's series order, in whichever plot a series ended up.
            color = rgb(theme.series_color(chart.color_index(s.index)))
            if isinstance(plot, BarPlot) and chart.series[s.index].hidden:
                s.format.fill.background()  # a floating bar's base: there, but not seen
                s.format.line.fill.background()
                continue
            if isinstance(plot, BarPlot):
                s.format.fill.solid()
                s.format.fill.fore_color.rgb = color
                continue
            s.smooth = False
            s.format.line.color.rgb = color
            s.format.line.width = Pt(2.5)
            s.marker.style = XL_MARKER_STYLE.CIRCLE
            s.marker.size = 8
            s.marker.format.fill.solid()
            s.marker.format.fill.fore_color.rgb = color
            s.marker.format.line.color.rgb = color
