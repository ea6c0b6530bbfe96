"""Decks that pass an accessibility check and validate against the standard (ECMA-376 schemas and the Open
XML SDK's rules, as openxml-audit ports them): the example, the chart gallery and a template deck."""

from __future__ import annotations

import warnings

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

import briefgen
from briefgen.pipeline import render
from tests.support.accessibility import accessibility_problems
from tests.support.charts import chart_gallery
from tests.support.templates import on_template

TEMPLATES = ("Lights.pptx", "Focus.pptx")


@pytest.fixture(scope="module")
def decks(tmp_path_factory, example_outputs, libreoffice_pptx) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("a11y")
    gallery = folder / "gallery.pptx"
    gallery.write_bytes(render(chart_gallery(), "pptx"))
    out = {"example": (example_outputs["pptx"], None), "gallery": (gallery, None)}
    for template in (t for t in libreoffice_pptx if t.name in TEMPLATES):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # layout fallbacks and contrast fixes
            (deck,) = briefgen.build(on_template(template, folder / template.stem), folder / "out", ["pptx"])
        out[template.stem] = (deck, template)
    assert len(out) == 4
    return out


@pytest.mark.parametrize("name", ["example", "gallery", "Lights", "Focus"])
def test_decks_pass_the_accessibility_rules(decks, name):
    assert accessibility_problems(*decks[name]) == []


@pytest.mark.parametrize("name", ["example", "gallery", "Lights", "Focus"])
def test_decks_validate_against_the_standard(decks, name):
    result = validate_pptx(str(decks[name][0]))
    assert [str(e) for e in result.errors] == []


def test_charts_have_unsigned_axis_ids(decks):
    # python-pptx writes negative ids ('-2068027336'), which are no xs:unsignedInt.
    prs = Presentation(str(decks["gallery"][0]))
    ids = [
        int(v)
        for s in prs.slides
        for sh in s.shapes
        if sh.has_chart
        for v in sh.chart._chartSpace.xpath(".//c:axId/@val | .//c:crossAx/@val")
    ]
    assert len(ids) > 20 and min(ids) >= 0  # pies have no axes; every other chart has two or four


def test_key_figures_speak_for_their_tiles_and_rules_are_decorative(decks):
    slide = Presentation(str(decks["example"][0])).slides[1]
    panels = {sh.name: sh._element.nvSpPr.cNvPr.get("descr") for sh in slide.shapes if "panel" in sh.name}
    assert (
        panels["Key number panel 1"]
        == "Key figure: over 9.4 million units — NEVs produced and sold in China, 2023"
    )
    rule = next(sh for sh in slide.shapes if sh.name == "Key number rule 1")
    assert b"decorative" in rule._element.xml.encode()


def test_the_rules_find_what_a_checker_would(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title
    slide.shapes.add_shape(1, Inches(1), Inches(1), Inches(1), Inches(1)).name = "Box"
    slide.shapes.add_textbox(Inches(3), Inches(1), Inches(2), Inches(1)).text_frame.text = "Hello"
    faint = slide.shapes.add_textbox(Inches(3), Inches(3), Inches(2), Inches(1))
    faint.name = "Faint"
    run = faint.text_frame.paragraphs[0].add_run()
    run.text, run.font.size, run.font.color.rgb = "Light grey", Pt(12), RGBColor(0xAA, 0xAA, 0xAA)
    run.font._rPr.set("lang", "en-GB")
    path = tmp_path / "bad.pptx"
    prs.save(str(path))
    assert accessibility_problems(path) == [
        "slide 1 'Faint': #AAAAAA on #FFFFFF is 2.3:1 (needs 4.5:1) in 'Light grey'",
        "slide 1: no title in a title placeholder",
        "slide 1: 'Box' has no alternative text and is not marked decorative",
        "slide 1: text 'Hello' states no language",
    ]


def test_the_validator_finds_what_python_pptx_writes_unrepaired(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
    path = tmp_path / "raw.pptx"
    prs.save(str(path))
    errors = [str(e) for e in validate_pptx(str(path)).errors]
    assert errors and all("less than minimum 0" in e for e in errors)
