"""A template's look wins: its fonts (measured, or a substitute that is named), its text colours, its
placeholders for footers, slide numbers and dates; text is checked for WCAG AA contrast on what lies under
it and fixed where it fails; a template without room for content is refused with the sizes."""

from __future__ import annotations

import re
import shutil
import warnings

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.oxml.ns import qn

import briefgen
from briefgen.brief.model import RichText, Text
from briefgen.diagnostics import BriefgenError, RenderWarning
from briefgen.render.deck.contrast import check_contrast, fixes_report, ratio
from briefgen.render.deck.layout import BoxPlan, Geometry, ParaPlan, SlidePlan
from briefgen.theme.look import Patch
from briefgen.theme.model import DEFAULT_THEME
from tests.support.minimal import SOURCE, SPEC
from tests.support.templates import HOUSE_STYLES, make_house_template


def test_contrast_ratios_are_the_wcag_ones():
    assert ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)  # just under AA for body text
    assert ratio("2C3E50", "2C3E50") == pytest.approx(1.0)


def one_box_slide(box: BoxPlan, backdrop: tuple[Patch, ...]) -> tuple[SlidePlan, Geometry]:
    title = BoxPlan("Title", 0.5, 0.2, 9.0, 0.8, (ParaPlan(RichText((Text("Heading"),)), 28.0, "title"),))
    geo = Geometry(10.0, 7.5, template=True, backdrops=(("title-only", backdrop),))
    return SlidePlan("text", title, (box,)), geo


def body_box(y: float = 2.0, h: float = 3.0) -> BoxPlan:
    para = ParaPlan(RichText((Text("Readable body text on a dark band"),)), 16.0, "body")
    return BoxPlan("Text", 0.5, y, 9.0, h, (para,))


def test_text_that_fails_on_its_backdrop_takes_the_templates_contrasting_colour():
    theme = DEFAULT_THEME.__class__(
        colors={**DEFAULT_THEME.colors, "body": "222222", "title": "222222"},
        contrast_colors=("222222", "FFFFFF"),
    )
    dark = (Patch(0.0, 0.0, 10.0, 7.5, ("14213D",)),)
    slide, geo = one_box_slide(body_box(), dark)
    (fixed,), fixes = check_contrast((slide,), geo, theme)
    assert dict(fixed.boxes[0].colors) == {"body": "FFFFFF"} and dict(fixed.title.colors) == {
        "title": "FFFFFF"
    }
    report = fixes_report(fixes)
    assert any(
        line.startswith("Text: 'body' text #222222 on #14213D has contrast 1.")
        and "drawn in #FFFFFF (" in line
        for line in report
    ), report


def test_text_on_light_and_dark_at_once_gets_a_backing():
    theme = DEFAULT_THEME.__class__(contrast_colors=("222222", "FFFFFF"))
    halves = (Patch(0.0, 0.0, 10.0, 7.5, ("FFFFFF",)), Patch(5.0, 0.0, 5.0, 7.5, ("000000",)))
    slide, geo = one_box_slide(body_box(2.0, 0.5), halves)
    (fixed,), fixes = check_contrast((slide,), geo, theme)
    box = fixed.boxes[0]
    assert box.fill == "backing" and ratio(dict(box.colors).get("body", theme.color("body")), "FFFFFF") >= 4.5
    assert any("no one colour reads there: set on #FFFFFF" in line for line in fixes_report(fixes))


@pytest.fixture()
def house_spec(make_spec):
    """A spec on a house template (two masters, non-default layout names), with a date for the date
    placeholder; returns (spec path, template path)."""
    # Enough bullets to fill the body placeholder (two short ones would be set as a statement panel).
    more = "".join(
        f'\n      - "{t}"'
        for t in (
            "The op-ed presents the figures as the fruit of long-term planning and steady investment.",
            "It argues that developing countries can share in the gains through trade and cooperation.",
            "It does not say how the figures were measured, nor who measured them.",
        )
    )
    spec = make_spec(
        SPEC.replace(
            "title: Test brief", 'title: Test brief\ndate: "May 2024"\ntemplate: house.potx\nmaster: 2'
        ).replace('      - "R&D reached {rd}."', '      - "R&D reached {rd}."' + more),
        {"sources/doc.txt": SOURCE},
    )
    return spec


def test_footers_slide_numbers_and_dates_go_into_the_layouts_placeholders(house_spec, tmp_path):
    make_house_template(house_spec.parent / "house.potx", "harbour")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        (deck,) = briefgen.build(house_spec, tmp_path / "out", formats=["pptx"])
    content = [s for s in Presentation(str(deck)).slides if s.slide_layout.name == "Body copy"]
    assert content
    for s in content:
        kinds = {ph.placeholder_format.type: ph for ph in s.placeholders}
        assert kinds[PH.FOOTER].text_frame.text == "Test brief"
        assert kinds[PH.DATE].text_frame.text == "May 2024"
        assert kinds[PH.SLIDE_NUMBER].text_frame._txBody.find(f".//{qn('a:fld')}").get("type") == "slidenum"
    # The dark master's own light text colour, read from its theme, on its dark background (the short
    # references are a statement panel of their own colour).
    (bullets,) = [s for s in content if PH.OBJECT in {ph.placeholder_format.type for ph in s.placeholders}]
    body = next(ph for ph in bullets.placeholders if ph.placeholder_format.type == PH.OBJECT)
    runs = [r for p in body.text_frame.paragraphs for r in p.runs if r.text.strip()]
    plain = [r for r in runs if r.font.bold is not True and r.font._rPr.get("baseline") is None]
    assert plain and {str(r.font.color.rgb) for r in plain} == {"FFFFFF"}


def test_a_theme_file_keeps_its_own_colours_and_font_over_the_templates(house_spec):
    make_house_template(house_spec.parent / "house.potx", "harbour")
    (house_spec.parent / "brand.yaml").write_text(
        'colors: {body: "123456"}\nfonts: {deck: "DejaVu Sans Mono"}\n', encoding="utf-8"
    )
    house_spec.write_text(house_spec.read_text().replace("master: 2", "master: 1\ntheme: brand.yaml"))
    brief, diags = briefgen.check(house_spec)
    assert brief is not None, [str(d) for d in diags]
    assert brief.theme.colors["body"] == "123456" and brief.theme.deck_font == "DejaVu Sans Mono"
    assert (
        brief.theme.colors["title"] == HOUSE_STYLES["harbour"]["schemes"][0]["dk1"]
    )  # not set: the template's


def test_a_template_font_that_is_not_installed_is_measured_with_a_named_substitute(house_spec):
    make_house_template(house_spec.parent / "house.potx", "harbour", fonts=("Arial", "Nonexistent Sans 42"))
    brief, diags = briefgen.check(house_spec)
    assert brief is not None
    subs = {
        d.message.split("font ")[1].split(" is not installed")[0]: d
        for d in diags
        if d.code == "template-font-substituted"
    }
    assert set(subs) == {"'Arial' (titles)", "'Nonexistent Sans 42' (text)"}
    arial = subs["'Arial' (titles)"]
    if shutil.which("fc-match") and "Liberation Sans" in arial.message:
        assert "its metric-compatible substitute: text fits the same" in arial.message
    assert re.search(
        r"measured with ('[^']+'|briefgen's Carlito)", subs["'Nonexistent Sans 42' (text)"].message
    )
    assert (
        "not metric-compatible" in subs["'Nonexistent Sans 42' (text)"].message
        or "Carlito" in subs["'Nonexistent Sans 42' (text)"].message
    )
    assert all(d.location.line == 3 and "install '" in d.hint for d in subs.values())  # the template: line
    assert brief.theme.deck_font == "Nonexistent Sans 42"  # the deck still names the template's font


def test_a_template_with_no_room_for_content_is_refused_with_the_sizes(house_spec, tmp_path):
    band = ("Middle band", (0.0, 2.2, 13.333, 3.0), "0B3C5D")
    make_house_template(house_spec.parent / "house.potx", "harbour", bands=(band, band))
    with pytest.raises(BriefgenError) as e:
        briefgen.build(house_spec, tmp_path / "out", formats=["pptx"])
    (d,) = e.value.diagnostics
    assert d.code == "template-too-small" and d.location.file.endswith("house.potx")
    assert re.search(
        r"has no room for charts and tables \(4\.0 × 2\.4 in\): "
        r"layout 'Body copy' of master 2 leaves \d+\.\d\d × \d+\.\d\d in",
        d.message,
    )
    assert "layouts:" in d.hint


def test_a_body_too_small_falls_back_and_says_so(libreoffice_pptx, make_spec, tmp_path):
    source = next(t for t in libreoffice_pptx if t.stem == "Midnightblue")
    spec = make_spec(
        SPEC.replace("title: Test brief", "title: Test brief\ntemplate: mb.pptx"), {"sources/doc.txt": SOURCE}
    )
    shutil.copy(source, spec.parent / "mb.pptx")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always", RenderWarning)
        briefgen.build(spec, tmp_path / "out", formats=["pptx"])
    said = [str(w.message) for w in seen if w.category is RenderWarning and "leaves" in str(w.message)]
    assert len(said) == 1
    assert re.search(
        r"layout 'Title, Content' of master 1 leaves \d\.\d\d × \d\.\d\d in for content", said[0]
    )
    assert "content slides are placed as" in said[0]


def test_chart_series_that_vanish_on_the_backdrop_take_colours_that_stand_out():
    from briefgen.render.deck.layout import ChartPlan
    from tests.support.charts import GALLERY

    theme = DEFAULT_THEME.__class__(
        palette=("2F60A5", "F2A541", "FFFFFF"), contrast_colors=("FFFFFF", "000000")
    )
    blue = (Patch(0.0, 0.0, 10.0, 7.5, ("2F60A5",)),)
    slide, geo = one_box_slide(body_box(), blue)
    chart = ChartPlan(GALLERY[0], 1.0, 2.0, 6.0, 4.0)
    (fixed,), fixes = check_contrast((slide.__class__(**{**slide.__dict__, "charts": (chart,)}),), geo, theme)
    (c,) = fixed.charts
    assert c.palette[0] != "2F60A5" and ratio(c.palette[0], "2F60A5") >= 3.0  # the blue series on blue
    assert c.palette[1:] == ("F2A541", "FFFFFF")  # the others stood out already
    assert any(line.startswith("Chart: series 1 colour #2F60A5 on #2F60A5") for line in fixes_report(fixes))


def test_a_chart_on_light_and_dark_at_once_gets_a_backing():
    from briefgen.render.deck.layout import ChartPlan
    from tests.support.charts import GALLERY

    halves = (Patch(0.0, 0.0, 10.0, 7.5, ("FFFFFF",)), Patch(4.0, 0.0, 6.0, 7.5, ("000000",)))
    slide, geo = one_box_slide(body_box(), halves)
    chart = ChartPlan(GALLERY[0], 1.0, 2.0, 6.0, 4.0)
    (fixed,), _ = check_contrast(
        (slide.__class__(**{**slide.__dict__, "charts": (chart,)}),), geo, DEFAULT_THEME
    )
    assert fixed.charts[0].backing == "backing"


def test_a_template_that_prints_its_own_slide_numbers_gets_none_added(libreoffice_pptx, make_spec, tmp_path):
    source = next(t for t in libreoffice_pptx if t.stem == "Midnightblue")  # a number in a teal circle
    spec = make_spec(
        SPEC.replace("title: Test brief", "title: Test brief\ntemplate: mb.pptx"), {"sources/doc.txt": SOURCE}
    )
    shutil.copy(source, spec.parent / "mb.pptx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RenderWarning)
        (deck,) = briefgen.build(spec, tmp_path / "out", formats=["pptx"])
    slides = list(Presentation(str(deck)).slides)
    fields = [f for s in slides for f in s.shapes._spTree.iter(qn("a:fld")) if f.get("type") == "slidenum"]
    assert fields == [] and len(slides) >= 3


def test_the_read_back_checks_find_unreadable_text_and_shapes_on_artwork(tmp_path):
    """The corpus checks can fail: grey text on a dark band, and a text box on the band, are found."""
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    from tests.support.contrast import contrast_problems
    from tests.support.geometry import art_problems

    band = ("Middle band", (0.0, 3.0, 13.333, 1.5), "14213D")
    template = make_house_template(tmp_path / "t.pptx", "harbour", bands=(band, band))
    prs = Presentation(str(template))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    box = slide.shapes.add_textbox(Inches(1), Inches(3.2), Inches(6), Inches(0.6))
    box.name = "On the band"
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "Grey text on the dark band"
    run.font.size, run.font.color.rgb = Pt(12), RGBColor.from_string("555555")
    deck = tmp_path / "d.pptx"
    prs.save(str(deck))
    found = contrast_problems(deck, template)
    assert any(p.startswith("slide ") and "'On the band': #555555 on #14213D is 2." in p for p in found), (
        found
    )
    assert any(
        "'On the band' lies on the template's artwork at x 0.00, y 3.00 in" in p
        for p in art_problems(deck, template)
    )
