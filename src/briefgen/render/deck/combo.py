"""Combo charts: columns on the primary axis, a line for the secondary series against a right-hand axis.

python-pptx writes one plot per chart and no secondary axis (#338, #1101), so a combo chart is written
as clustered columns holding every series (the embedded workbook then has them all), and the XML is
rearranged the way PowerPoint itself saves a combo chart:

    c:plotArea
      c:barChart   primary series                      c:axId A, c:axId B
      c:lineChart  secondary series, moved here        c:axId C, c:axId D
      c:catAx A (shown)  c:valAx B (left)  c:catAx C (deleted)  c:valAx D (right, crosses max)

Series keep their c:idx and c:order, so every index stays unique across both plots.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree
from pptx.chart.axis import ValueAxis
from pptx.chart.chart import Chart as PptxChart
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

# Children a c:ser of a bar chart may have and a c:ser of a line chart may not (CT_BarSer vs CT_LineSer),
# and likewise inside a data point (CT_DPt).
BAR_ONLY = ("c:invertIfNegative", "c:pictureOptions", "c:shape")
BAR_ONLY_DPT = ("c:invertIfNegative", "c:pictureOptions", "c:bubble3D", "c:explosion")
AXES = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")


def _new_ids(plot_area: etree._Element) -> tuple[str, str]:
    """Two axis ids used nowhere in the chart (derived from the content, never random)."""
    used = {int(v) for v in plot_area.xpath(".//c:axId/@val")}
    base = max([*used, 0]) + 1
    return str(base), str(base + 1)


def _line_ser(ser: etree._Element) -> None:
    """Make a bar chart's c:ser a valid line chart c:ser: bar-only children out, marker and smooth in."""
    for tag in BAR_ONLY:
        for el in ser.findall(qn(tag)):
            ser.remove(el)
    for dpt in ser.findall(qn("c:dPt")):
        for tag in BAR_ONLY_DPT:
            for el in dpt.findall(qn(tag)):
                dpt.remove(el)
    ser.get_or_add_marker()  # python-pptx's c:ser knows the schema's child order
    ser.get_or_add_smooth().set("val", "0")


def make_combo(chart: PptxChart, secondary: Sequence[bool]) -> ValueAxis:
    """Move the series flagged `secondary` into a line chart on a new right-hand value axis; return it.

    Call right after the chart is created (before any formatting), with one flag per series.
    """
    plot_area = chart._chartSpace.chart.plotArea
    bar = plot_area.find(qn("c:barChart"))
    sers = bar.findall(qn("c:ser"))
    if len(sers) != len(secondary) or not any(secondary) or all(secondary):
        raise ValueError("a combo chart needs both column series and secondary (line) series")
    cat_id, val_id = _new_ids(plot_area)
    line = parse_xml(
        f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/><c:varyColors val="0"/></c:lineChart>'
    )
    for ser, flag in zip(sers, secondary, strict=True):
        if flag:
            line.append(ser)  # moves it out of the bar chart
            _line_ser(ser)
    for tag, val in (("c:marker", "1"), ("c:axId", cat_id), ("c:axId", val_id)):
        etree.SubElement(line, qn(tag)).set("val", val)
    bar.addnext(line)
    # The axes follow every plot: append the new ones after the last existing axis.
    last_axis = [el for el in plot_area if el.tag in {qn(t) for t in AXES}][-1]
    cat_ax = parse_xml(
        f"<c:catAx {nsdecls('c')}>"
        f'<c:axId val="{cat_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{val_id}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>'
        "</c:catAx>"
    )
    val_ax = parse_xml(
        f"<c:valAx {nsdecls('c')}>"
        f'<c:axId val="{val_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="r"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{cat_id}"/><c:crosses val="max"/><c:crossBetween val="between"/>'
        "</c:valAx>"
    )
    last_axis.addnext(cat_ax)
    cat_ax.addnext(val_ax)
    return ValueAxis(val_ax)


def secondary_value_axis(chart: PptxChart) -> ValueAxis | None:
    """The right-hand value axis of a combo chart, if the chart has one."""
    axes = chart._chartSpace.chart.plotArea.findall(qn("c:valAx"))
    right = [ax for ax in axes if ax.find(qn("c:axPos")).get("val") == "r"]
    return ValueAxis(right[0]) if right else None


def primary_value_axis(chart: PptxChart) -> ValueAxis:
    """The left-hand value axis. (python-pptx's `chart.value_axis` takes the second c:valAx when there
    are two, as in XY charts: for a combo chart that is the secondary one.)"""
    axes = chart._chartSpace.chart.plotArea.findall(qn("c:valAx"))
    return ValueAxis(next(ax for ax in axes if ax.find(qn("c:axPos")).get("val") != "r"))
