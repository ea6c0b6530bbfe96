"""Native, editable PowerPoint charts from the model's Chart (python-pptx), styled by the theme."""

from __future__ import annotations

import math
import re

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_MARK,
)
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Emu, Pt

from briefgen.model import Chart
from briefgen.theme import Theme

CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}
# Label positions valid per kind; a doughnut accepts none (PowerPoint repairs a file that sets one).
LABEL_POSITIONS = {
    "column": XL_LABEL_POSITION.OUTSIDE_END,
    "bar": XL_LABEL_POSITION.OUTSIDE_END,
    "line": XL_LABEL_POSITION.ABOVE,
    "pie": XL_LABEL_POSITION.INSIDE_END,  # inside, so the white label text sits on its slice
}
BASE_PT = 12
LABEL_PT = 12
TICK_PT = 11


def _rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def _style(font: Font, theme: Theme, role: str, size: float, bold: bool = False) -> None:
    font.name = theme.deck_font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = _rgb(theme.color(role))


def clean_values(values: tuple[float, ...]) -> list[float | None]:
    """Plot values as floats; NaN, inf and booleans become gaps (XlsxWriter rejects them)."""
    out: list[float | None] = []
    for v in values:
        f = None if v is None or isinstance(v, bool) else float(v)
        out.append(f if f is not None and math.isfinite(f) else None)
    return out


_QUOTED = re.compile(r'"([^"]*)"|\\(.)')
_NUMBER = re.compile(r"^([#0,]*0)(?:\.(0+))?(%?)$")


def excel_format(value: float | None, fmt: str) -> str | None:
    """What a viewer shows for `value` under a simple Excel number format, or None if unsure.

    Used only to decide whether a data label needs custom text, so an unknown format simply means
    "write the label text out": the deck can then never state a different figure than the PDF.
    """
    if value is None or not math.isfinite(value):
        return None
    section = fmt.split(";")[0]
    if section == "General":
        return f"{value:.10g}"
    parts = _QUOTED.split(section)
    pieces = parts[::3]
    literals = [a if a is not None else b for a, b in zip(parts[1::3], parts[2::3], strict=True)]
    numeric = [p for p in pieces if p]
    m = _NUMBER.match(numeric[0]) if len(numeric) == 1 else None
    if m is None:
        return None
    decimals = len(m.group(2) or "")
    v = value * 100 if m.group(3) else value
    body = (f"{v:,.{decimals}f}" if "," in m.group(1) else f"{v:.{decimals}f}") + m.group(3)
    text = ""
    for i, p in enumerate(pieces):
        text += body if p else ""
        text += literals[i] if i < len(literals) else ""
    return text


def add_chart(slide: Slide, chart: Chart, box: tuple[int, int, int, int], theme: Theme) -> GraphicFrame:
    """Add `chart` as a native chart in `box` (EMU: x, y, cx, cy) and return its graphic frame."""
    ct = CHART_TYPES[chart.kind]
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = list(chart.categories)
    for s in chart.series:
        data.add_series(s.name, clean_values(s.values))
    frame = slide.shapes.add_chart(ct, *(Emu(v) for v in box), data)
    frame.name = f"Chart: {chart.title}"[:250]
    # Screen readers read the frame's description; python-pptx has no API for it.
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text or chart.title)
    c = frame.chart
    _style(c.font, theme, "body", BASE_PT)
    c.has_title = False  # the planner draws title and subtitle as text; else one series names itself
    round_ = chart.kind in ("pie", "doughnut")
    c.has_legend = len(chart.series) > 1 or round_
    if c.has_legend:
        c.legend.position = XL_LEGEND_POSITION.RIGHT if round_ else XL_LEGEND_POSITION.BOTTOM
        c.legend.include_in_layout = False
        _style(c.legend.font, theme, "body", BASE_PT)
    if not round_:
        _axes(c, chart, theme)
    _series(c, chart, theme)
    _labels(c, chart, theme)
    return frame


def _axes(c: PptxChart, chart: Chart, theme: Theme) -> None:
    va, ca = c.value_axis, c.category_axis
    va.has_major_gridlines = True
    va.major_gridlines.format.line.color.rgb = _rgb(theme.color("rule"))
    va.major_gridlines.format.line.width = Pt(0.75)
    va.format.line.fill.background()
    va.major_tick_mark = XL_TICK_MARK.NONE
    va.tick_labels.number_format = chart.number_format
    va.tick_labels.number_format_is_linked = False
    _style(va.tick_labels.font, theme, "muted", TICK_PT)
    ca.major_tick_mark = XL_TICK_MARK.NONE
    ca.format.line.color.rgb = _rgb(theme.color("rule"))
    _style(ca.tick_labels.font, theme, "body", TICK_PT)
    if chart.value_axis_title:
        va.has_title = True
        va.axis_title.text_frame.text = chart.value_axis_title
        _style(va.axis_title.text_frame.paragraphs[0].runs[0].font, theme, "muted", TICK_PT)
    if chart.kind in ("bar", "column") and min(v for se in chart.series for v in se.values) >= 0:
        # Bars are read by their length: the axis starts at zero, or 60 against 50 looks like 4 to 1.
        va.minimum_scale = 0
    if chart.kind == "bar":
        # Horizontal bars read top-down: first category at the top, value axis kept at the bottom.
        ca.reverse_order = True
        va._element.find(qn("c:crosses")).set("val", "max")
    if chart.reverse_value_axis:
        # Ranks: 1 at the top. The category axis then has to cross at the (now bottom) maximum.
        va.reverse_order = True
        ca._element.find(qn("c:crosses")).set("val", "max")
        # Ranks start at 1; ticks are plain numbers (as in the PDF), the data labels say '12th'.
        va.minimum_scale = 1


def _series(c: PptxChart, chart: Chart, theme: Theme) -> None:
    plot = c.plots[0]
    if chart.kind in ("pie", "doughnut"):
        plot.vary_by_categories = True
        for i, pt in enumerate(plot.series[0].points):
            pt.format.fill.solid()
            pt.format.fill.fore_color.rgb = _rgb(theme.series_color(i))
            pt.format.line.color.rgb = _rgb(theme.color("background"))
            pt.format.line.width = Pt(1.5)
        hole = plot._element.find(qn("c:holeSize"))
        if hole is not None:
            hole.set("val", "55")
        return
    if chart.kind in ("column", "bar"):
        plot.gap_width = 70
        plot.vary_by_categories = False
    for i, s in enumerate(plot.series):
        color = _rgb(theme.series_color(i))
        if chart.kind == "line":
            s.smooth = False
            s.format.line.color.rgb = color
            s.format.line.width = Pt(2.5)
            s.marker.style = XL_MARKER_STYLE.CIRCLE
            s.marker.size = 8
            s.marker.format.fill.solid()
            s.marker.format.fill.fore_color.rgb = color
            s.marker.format.line.color.rgb = color
        else:
            s.format.fill.solid()
            s.format.fill.fore_color.rgb = color


def _labels(c: PptxChart, chart: Chart, theme: Theme) -> None:
    plot = c.plots[0]
    plot.has_data_labels = True
    on_slice = chart.kind in ("pie", "doughnut")
    role = "on-cover" if on_slice else "body"
    position = LABEL_POSITIONS.get(chart.kind)
    # Series-level labels too: a custom point label creates a series c:dLbls whose defaults hide the
    # values of every other point.
    for dl in (plot.data_labels, *(s.data_labels for s in plot.series)):
        dl.number_format = chart.number_format
        dl.number_format_is_linked = False
        dl.show_value = True
        _style(dl.font, theme, role, LABEL_PT, bold=on_slice)
        if position is not None:
            dl.position = position
    for s_plan, s in zip(chart.series, plot.series, strict=True):
        for i, (value, label) in enumerate(zip(s_plan.values, s_plan.labels, strict=False)):
            if label and excel_format(value, chart.number_format) != label:
                # Qualified figures ("more than 160") are stated in words, exactly as the PDF does.
                lbl = s.points[i].data_label
                tf = lbl.text_frame
                tf.text = label
                _style(tf.paragraphs[0].runs[0].font, theme, role, LABEL_PT, bold=on_slice)
                if position is not None:
                    lbl.position = position
