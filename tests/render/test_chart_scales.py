"""One chart, one axis: every chart of the gallery has the same value axis in the deck and in the PDF (bounds,
steps, tick texts), bold value labels in both, the same legend order as a reader sees it, and slope end
labels that never overlap."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pypdf import PdfReader
from reportlab.graphics import renderPDF

from briefgen.brief.model import Chart, Section, Series
from briefgen.render.deck.chart_labels import excel_format
from briefgen.render.deck.charts import primary_value_axis
from briefgen.render.deck.writer import render_deck
from briefgen.render.pdf.chartkit import ChartCtx
from briefgen.render.pdf.charts import chart_drawing
from briefgen.render.scales import chart_scale, combo_scales, value_scale
from briefgen.theme.model import DEFAULT_THEME
from tests.support.charts import GALLERY, chart, chart_gallery
from tests.support.readback import libreoffice_convert, require_tool

EXTRA = (
    chart(
        "column",
        "Negative and positive changes",
        ("2020", "2021", "2022", "2023"),
        (Series("Change", (-12.5, 4.0, 18.0, -3.0), ("-12.5%", "4.0%", "18.0%", "-3.0%")),),
        number_format='0.0"%"',
        axis_format=".1f",
        value_suffix="%",
    ),
    chart(
        "line",
        "Ranks over time",
        ("2019", "2020", "2021", "2022", "2023"),
        (Series("China", (14.0, 14.0, 12.0, 11.0, 12.0), ("14th", "14th", "12th", "11th", "12th")),),
        number_format='0"th"',
        axis_format=".0f",
        reverse_value_axis=True,
    ),
    chart(
        "combo",
        "Combo with a small maximum",
        ("2021", "2022", "2023"),
        (
            Series("Output", (12.0, 33.5, 50.6), ("12", "33.5", "50.6")),
            Series("Share", (1.2, 1.9, 2.3), ("1.2%", "1.9%", "2.3%"), secondary=True),
        ),
        number_format="#,##0.0",
        axis_format=",.1f",
        secondary_axis=replace(GALLERY[-1].secondary_axis, number_format='0.0"%"', axis_format=".1f"),
    ),
)
CHARTS = tuple(c for c in (*GALLERY, *EXTRA) if c.kind not in ("pie", "doughnut"))


@pytest.fixture(scope="module")
def deck_charts() -> dict[str, object]:
    brief = chart_gallery()
    extra = tuple(Section(id=f"extra-{i}", title=c.title, blocks=(c,)) for i, c in enumerate(EXTRA))
    prs = Presentation(
        io.BytesIO(render_deck(replace(brief, sections=brief.sections + extra), DEFAULT_THEME))
    )
    return {sh.name.removeprefix("Chart: "): sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart}


def deck_axis(axis_el) -> tuple[float, float, float, str]:
    scaling = axis_el.find(qn("c:scaling"))
    lo, hi = (float(scaling.find(qn(f"c:{k}")).get("val")) for k in ("min", "max"))
    return (
        lo,
        hi,
        float(axis_el.find(qn("c:majorUnit")).get("val")),
        axis_el.find(qn("c:numFmt")).get("formatCode"),
    )


def deck_ticks(lo: float, hi: float, step: float, fmt: str) -> list[str]:
    """The tick texts a viewer prints: each step from the minimum, in the axis's number format (a third,
    empty format section blanks the zero)."""
    n = round((hi - lo) / step)
    values = [lo + k * step for k in range(n + 1)]
    blank_zero = fmt.count(";") == 2 and fmt.endswith(";")
    return ["" if blank_zero and abs(v) < 1e-12 else excel_format(v, fmt) for v in values]


def pdf_plot(chart_: Chart):
    """The reportlab chart object the PDF draws for the chart: its value axis holds bounds and ticks."""
    drawing = chart_drawing(chart_, DEFAULT_THEME, 460)
    stack = list(drawing.contents)
    while stack:
        node = stack.pop()
        if hasattr(node, "valueAxis"):
            return node, drawing
        stack.extend(getattr(node, "contents", []))
    return None, drawing


def pdf_text(drawing) -> str:
    return PdfReader(io.BytesIO(renderPDF.drawToString(drawing))).pages[0].extract_text()


@pytest.mark.parametrize("chart_", CHARTS, ids=[c.title for c in CHARTS])
def test_the_value_axis_is_the_same_in_the_deck_and_the_pdf(deck_charts, chart_):
    deck = deck_charts[chart_.title]
    plot, drawing = pdf_plot(chart_)
    text = pdf_text(drawing)
    axes = deck._chartSpace.chart.plotArea.findall(qn("c:valAx"))
    left = primary_value_axis(deck)._element
    lo, hi, step, fmt = deck_axis(left)
    percent = chart_.layout == "percent" and chart_.kind in ("column", "bar")
    unit = 100 if percent else 1
    if chart_.kind == "slope":
        # The end labels state every value: no ticks in either; the points sit on the same scale.
        assert left.find(qn("c:tickLblPos")).get("val") == "none"
        scale = chart_scale(chart_)[0]
        assert (lo, hi) == (scale.low, scale.high)
        return
    axis = plot.valueAxis
    assert (lo * unit, hi * unit, round(step * unit, 9)) == pytest.approx(
        (axis.valueMin, axis.valueMax, axis.valueSteps[1] - axis.valueSteps[0])
    )
    ticks = deck_ticks(lo, hi, step, fmt)
    assert ticks == [axis.labelTextFormat(v) for v in axis.valueSteps]
    assert all(t in text for t in ticks if t)
    if chart_.kind == "combo":
        right = next(a for a in axes if a.find(qn("c:axPos")).get("val") == "r")
        rticks = deck_ticks(*deck_axis(right))
        values = lambda sec: [v for s in chart_.series if s.secondary == sec for v in s.values]  # noqa: E731
        scale = combo_scales(values(False), values(True))[1]
        assert rticks == [
            scale.text(v, chart_.secondary_axis.axis_format, chart_.secondary_axis.suffix)
            for v in scale.ticks
        ]
        assert all(t in text for t in rticks)


def test_tick_texts_keep_to_the_steps_precision():
    # '40.0%' ticks beside '37%' labels was the fault: ticks show the decimals their step needs.
    scale = value_scale([37.0, 12.5, 41.2])
    assert [scale.text(v, ".1f", "%") for v in scale.ticks] == ["0%", "10%", "20%", "30%", "40%", "50%"]
    assert value_scale([0.4, 1.1]).text(0.25, ",") == "0.25"


def test_a_combo_axis_is_scaled_to_its_own_data():
    left, right = combo_scales([12.0, 33.5, 50.6], [1.2, 1.9, 2.3])
    assert (left.low, left.high) == (0.0, 60.0)  # not 0–140 for a maximum of 50.6
    assert len(left.ticks) == len(right.ticks) and right.high >= 2.3 and right.high < 5


def test_value_labels_are_bold_in_both(deck_charts):
    for chart_ in CHARTS:
        for dlbls in deck_charts[chart_.title]._chartSpace.iter(qn("c:dLbls")):
            for rpr in dlbls.iter(qn("a:defRPr")):
                assert rpr.get("b") == "1", chart_.title
        plot, _ = pdf_plot(chart_)
        bold = ChartCtx(DEFAULT_THEME).bold
        labels = getattr(plot, "barLabels", None) or getattr(plot, "lineLabels", None)
        if labels is not None:
            assert labels.fontName == bold, chart_.title


def test_legends_list_the_series_in_the_same_order_as_a_reader_sees_them(tmp_path):
    require_tool("soffice")
    multi = [c for c in GALLERY if c.kind in ("column", "bar") and len(c.series) > 1]
    brief = replace(
        chart_gallery(),
        sections=tuple(Section(id=f"m{i}", title=c.title, blocks=(c,)) for i, c in enumerate(multi)),
    )
    (tmp_path / "g.pptx").write_bytes(render_deck(brief, DEFAULT_THEME))
    converted = libreoffice_convert(tmp_path / "g.pptx", tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(converted), "-"], capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    for c in multi:
        # The chart's slide (not the agenda, which names it too): the line that holds every series name.
        legend = next(
            line
            for p in pages
            if c.title in p
            for line in p.splitlines()
            if all(s.name in line for s in c.series)
        )
        deck_order = sorted(c.series, key=lambda s: legend.index(s.name))
        # The PDF's legend row is drawn left to right, before the plot: its names come first, in order.
        pdf_legend = pdf_text(chart_drawing(c, DEFAULT_THEME, 460))
        pdf_order = sorted(c.series, key=lambda s: pdf_legend.index(s.name))
        assert [s.name for s in deck_order] == [s.name for s in pdf_order] == [s.name for s in c.series], (
            c.title
        )


def test_slope_end_labels_of_close_values_are_nudged_apart(deck_charts):
    close = chart(
        "slope",
        "Close values",
        ("2022", "2023"),
        (
            Series("Alpha", (25.6, 31.6), ("25.6%", "31.6%")),
            Series("Beta", (25.9, 31.2), ("25.9%", "31.2%")),
        ),
        number_format='0.0"%"',
        axis_format=".1f",
        value_suffix="%",
    )
    brief = replace(chart_gallery(), sections=(Section(id="c", title="Close", blocks=(close,)),))
    prs = Presentation(io.BytesIO(render_deck(brief, DEFAULT_THEME)))
    frame = next(sh for s in prs.slides for sh in s.shapes if sh.has_chart)
    offsets = [
        float(d.find(f"{qn('c:layout')}/{qn('c:manualLayout')}/{qn('c:y')}").get("val"))
        for d in frame.chart._chartSpace.iter(qn("c:dLbl"))
        if d.find(qn("c:layout")) is not None
    ]
    # At each end one label moves off the other by nearly a label's height (9 pt × 1.25; the points
    # themselves are about 2 pt apart).
    height_pt = frame.height / 12700
    assert len(offsets) == 2 and all(abs(o) * height_pt >= 9 * 1.25 - 3 for o in offsets)
