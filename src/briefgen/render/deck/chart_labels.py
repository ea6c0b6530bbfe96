"""Data labels of native charts: the model's label text on every point, where each kind can show it.

Column, bar and line charts label their points with `Series.labels`; stacked and percent charts put
them inside the segments (in white, or dark text on a light series colour) and leave out a label whose
segment is too small for it; slope charts label both ends of each line, naming the line at its right.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from lxml import etree
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.datalabel import DataLabels
from pptx.chart.plot import BarPlot
from pptx.chart.series import _BaseCategorySeries
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.text.text import Font
from pptx.util import Emu, Pt

from briefgen.brief.model import Chart
from briefgen.render.deck.contrast import ratio
from briefgen.render.deck.measure import text_width
from briefgen.render.scales import chart_scale, spread
from briefgen.theme.model import Theme

LABEL_PT = 12
TITLE_PT = 11  # axis titles and tick labels
# Label positions valid per kind; a doughnut accepts none (PowerPoint repairs a file that sets one), and
# stacked bars accept no position outside their segment.
OUTSIDE = {
    "column": XL_LABEL_POSITION.OUTSIDE_END,
    "bar": XL_LABEL_POSITION.OUTSIDE_END,
    "combo": XL_LABEL_POSITION.OUTSIDE_END,
    "line": XL_LABEL_POSITION.ABOVE,
    "pie": XL_LABEL_POSITION.INSIDE_END,  # inside, so the white label text sits on its slice
}
# What a chart frame spends around its plot area, in points (axis labels, legend, padding): enough to
# judge whether a label fits its segment, not to draw anything.
FRAME_PT = 46.0
LEGEND_PT = 26.0


def rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def style_font(font: Font, theme: Theme, color: str, size: float, bold: bool = False) -> None:
    """Theme font at `size` in the hex colour `color`."""
    font.name = theme.deck_font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = rgb(color)


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


def on_fill(theme: Theme, fill: str) -> str:
    """Label colour on a segment: white (the cover's text colour), unless dark text reads better."""
    light, dark = theme.color("on-cover"), theme.color("body")
    return light if ratio(light, fill) >= ratio(dark, fill) else dark


def _nice_max(m: float) -> float:
    """Roughly where a viewer's automatic axis ends for data up to `m` (1-2-5 steps)."""
    if m <= 0:
        return 1.0
    unit = 10 ** math.floor(math.log10(m))
    step = next(s * unit for s in (0.1, 0.2, 0.5, 1.0, 2.0) if m / (s * unit) <= 10)
    return math.ceil(m / step) * step if m % step else m + step


def segment_fits(chart: Chart, box: tuple[int, int, int, int]) -> list[list[bool]]:
    """For a stacked or percent chart: per series and point, whether its label fits inside its segment."""
    n = len(chart.categories)
    values = [[abs(v) if v is not None and math.isfinite(v) else 0.0 for v in s.values] for s in chart.series]
    totals = [sum(vals[i] for vals in values if i < len(vals)) for i in range(n)]
    w, h = Emu(box[2]).pt - FRAME_PT, Emu(box[3]).pt - FRAME_PT - (LEGEND_PT if len(chart.series) > 1 else 0)
    horizontal = chart.kind == "bar"
    if horizontal:  # category names take room at the left
        w -= max((text_width(c, 11) for c in chart.categories), default=0.0)
    length, across = (w, h) if horizontal else (h, w)
    thickness = across / max(n, 1) / 1.7  # gap width 70
    axis_max = _nice_max(max(totals, default=0.0))
    out = []
    for s, vals in zip(chart.series, values, strict=True):
        row = []
        for i, v in enumerate(vals):
            scale = totals[i] if chart.layout == "percent" else axis_max
            seg = v / scale * length if scale else 0.0
            label = s.labels[i] if i < len(s.labels) else ""
            wide, tall = text_width(label, LABEL_PT) + 6, LABEL_PT * 1.3
            row.append(wide <= seg and tall <= thickness if horizontal else tall <= seg and wide <= thickness)
        out.append(row)
    return out


def _hide(series: _BaseCategorySeries, idx: int) -> None:
    """Leave one point's label out: a c:dLbl holding only its index and c:delete."""
    dlbls = series._element.get_or_add_dLbls()
    old = dlbls.get_dLbl_for_point(idx)
    if old is not None:
        dlbls.remove(old)
    dlbl = dlbls._insert_dLbl_in_sequence(idx)
    for child in list(dlbl)[1:]:
        dlbl.remove(child)
    etree.SubElement(dlbl, qn("c:delete")).set("val", "1")


def _defaults(dl: DataLabels, fmt: str, theme: Theme, color: str, bold: bool, position: object) -> None:
    dl.number_format = fmt
    dl.number_format_is_linked = False
    dl.show_value = True
    style_font(dl.font, theme, color, LABEL_PT, bold=bold)
    if position is not None:
        dl.position = position


def _custom(
    series: _BaseCategorySeries,
    idx: int,
    text: str,
    theme: Theme,
    color: str,
    bold: bool,
    position: object,
    nowrap: bool = False,
) -> None:
    lbl = series.points[idx].data_label
    tf = lbl.text_frame
    tf.text = text
    style_font(tf.paragraphs[0].runs[0].font, theme, color, LABEL_PT, bold=bold)
    if position is not None:
        lbl.position = position
    if nowrap:
        tf._txBody.find(qn("a:bodyPr")).set("wrap", "none")


def add_labels(c: PptxChart, chart: Chart, theme: Theme, box: tuple[int, int, int, int]) -> None:
    """Label every point with the model's text (custom text where the number format would differ)."""
    inside = chart.kind in ("column", "bar") and chart.layout in ("stacked", "percent")
    fits = segment_fits(chart, box) if inside else None
    right = chart.secondary_axis
    for plot in c.plots:
        plot.has_data_labels = True
        series = list(plot.series)
        first = chart.series[series[0].index] if series else None
        fmt = right.number_format if first is not None and first.secondary and right else chart.number_format
        if chart.kind == "slope":
            _slope(plot.data_labels, series, chart, theme, fmt, box)
            continue
        on_slice = chart.kind in ("pie", "doughnut")
        kind = "line" if not isinstance(plot, BarPlot) and chart.kind == "combo" else chart.kind
        position = XL_LABEL_POSITION.CENTER if inside else OUTSIDE.get(kind)
        base = theme.color("on-cover" if on_slice else "body")
        # Series-level labels too: a custom point label creates a series c:dLbls whose defaults hide the
        # values of every other point.
        # Values bold, as in the PDF (and as fact values are in the text).
        _defaults(plot.data_labels, fmt, theme, base, True, position)
        for s in series:
            model = chart.series[s.index]
            color = on_fill(theme, theme.series_color(chart.color_index(s.index))) if inside else base
            _defaults(s.data_labels, fmt, theme, color, True, position)
            for i, (value, label) in enumerate(zip(model.values, model.labels, strict=False)):
                if model.hidden or (fits is not None and not fits[s.index][i]):
                    _hide(s, i)
                elif label and excel_format(value, fmt) != label:
                    # Qualified figures ("more than 160") are stated in words, exactly as the PDF does.
                    _custom(s, i, label, theme, color, True, position)
            if kind == "line" and chart.kind == "combo":
                # A combo's line runs across its columns: its labels get the page's colour behind them.
                _label_backing(s.data_labels._element, theme.color("background"))


def _label_backing(dlbls: etree._Element, color: str) -> None:
    """A solid fill behind every label of a c:dLbls (its own and each c:dLbl's), where the schema puts
    c:spPr: before c:txPr."""
    for el in (dlbls, *dlbls.findall(qn("c:dLbl"))):
        old = el.find(qn("c:spPr"))
        if old is not None:
            el.remove(old)
        sppr = parse_xml(
            f'<c:spPr {nsdecls("c", "a")}><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></c:spPr>'
        )
        txpr = el.find(qn("c:txPr"))
        if txpr is not None:
            txpr.addprevious(sppr)


def slope_texts(chart: Chart) -> list[tuple[str, str]]:
    """Each line's (left, right) end labels; with several lines, the right one names its line."""
    out = []
    for model in chart.series:
        ends = [
            (model.labels[i] if i < len(model.labels) else "") or (excel_format(v, chart.number_format) or "")
            for i, v in enumerate(model.values[:2])
        ]
        left, right = (ends + ["", ""])[:2]
        out.append((left, f"{right}  {model.name}" if len(chart.series) > 1 else right))
    return out


def slope_plot_area(chart: Chart, box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    """The plot area (x, y, w, h as fractions of the chart) that leaves each end label its room.

    The two points sit a quarter of the plot's width in from its edges (c:crossBetween 'between'); the
    margins grow until the widest label at each end fits between its point and the chart's edge.
    """
    w, h = Emu(box[2]).pt, Emu(box[3]).pt
    texts = slope_texts(chart)
    need_l = max((text_width(t, LABEL_PT, "bold") for t, _ in texts), default=0.0) + 12
    need_r = max((text_width(t, LABEL_PT, "bold") for _, t in texts), default=0.0) + 12
    axis = 2 * TITLE_PT if chart.value_axis_title else 6.0  # the value axis keeps only its title
    left, right = axis, 6.0
    for _ in range(20):
        quarter = (w - left - right) / 4
        left, right = max(axis, need_l - quarter), max(6.0, need_r - quarter)
    left, right = min(left, w * 0.4), min(right, w * 0.4)  # never squeeze the lines away
    top, bottom = LABEL_PT, 2 * TITLE_PT + 6  # half a label above the top point; category names below
    return left / w, top / h, (w - left - right) / w, (h - top - bottom) / h


def _slope(
    dl: DataLabels,
    series: Sequence[_BaseCategorySeries],
    chart: Chart,
    theme: Theme,
    fmt: str,
    box: tuple[int, int, int, int],
) -> None:
    """Both ends of each line labelled in its colour; with several lines, the right end names the line.
    Labels of close values are nudged apart, by the rule the PDF uses (`scales.spread`)."""
    _defaults(dl, fmt, theme, theme.color("body"), True, XL_LABEL_POSITION.RIGHT)
    texts = slope_texts(chart)
    nudges = _slope_nudges(chart, box)
    for s in series:
        color = theme.series_color(s.index)
        _defaults(s.data_labels, fmt, theme, color, True, XL_LABEL_POSITION.RIGHT)
        for i, text in enumerate(texts[s.index]):
            position = XL_LABEL_POSITION.LEFT if i == 0 else XL_LABEL_POSITION.RIGHT
            # On one line: viewers otherwise wrap a long name into a narrow block centred on the point.
            _custom(s, i, text, theme, color, True, position, nowrap=True)
            dy = nudges.get((s.index, i), 0.0)
            if dy:
                _offset(s.points[i].data_label._get_or_add_dLbl(), dy)


def _slope_nudges(chart: Chart, box: tuple[int, int, int, int]) -> dict[tuple[int, int], float]:
    """How far (a fraction of the chart's height, downwards) each end label moves from its point so that
    no two overlap."""
    _, top, _, height = slope_plot_area(chart, box)
    scale = chart_scale(chart)[0]
    gap = LABEL_PT * 1.25 / Emu(box[3]).pt

    def y_of(v: float) -> float:
        frac = (v - scale.low) / ((scale.high - scale.low) or 1.0)
        return top + (frac if chart.reverse_value_axis else 1 - frac) * height

    out: dict[tuple[int, int], float] = {}
    for end in (0, 1):
        rows = [
            (k, y_of(s.values[end]))
            for k, s in enumerate(chart.series)
            if end < len(s.values) and s.values[end] is not None and math.isfinite(s.values[end])
        ]
        ys = spread([y for _, y in rows], gap, top, top + height)
        out.update({(k, end): new - y for (k, y), new in zip(rows, ys, strict=True) if abs(new - y) > 1e-4})
    return out


def _offset(dlbl: etree._Element, dy: float) -> None:
    """Move a data label (a c:dLbl) `dy`, a fraction of the chart's height, from its place: its
    c:layout/c:manualLayout, right after its c:idx as the schema orders it."""
    old = dlbl.find(qn("c:layout"))
    if old is not None:
        dlbl.remove(old)
    manual = f'<c:manualLayout><c:x val="0"/><c:y val="{dy:.4f}"/></c:manualLayout>'
    dlbl.find(qn("c:idx")).addnext(parse_xml(f"<c:layout {nsdecls('c')}>{manual}</c:layout>"))
