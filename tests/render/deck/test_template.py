"""Corporate templates: .potx and .pptx, layouts by name, title placeholders filled, no sample slides or
empty placeholders left, clear errors for missing layouts, and `template_info`."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.oxml.ns import qn

import briefgen
from briefgen.diagnostics import BriefgenError
from briefgen.pipeline import render
from briefgen.render.deck.template import TemplateError, template_info
from tests.support.paths import EXAMPLE
from tests.support.readback import libreoffice_pages
from tests.support.templates import (
    CORP_BACKGROUND,
    CORP_LAYOUTS,
    PRS,
    SAMPLE_TEXT,
    TPL,
    make_potx,
    make_pptx,
)


def templated(template: Path, layouts: dict[str, str] | None = None):
    brief = briefgen.load(EXAMPLE)
    theme = replace(brief.theme, template=template, layouts={**brief.theme.layouts, **(layouts or {})})
    return replace(brief, theme=theme)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("templates")


@pytest.fixture(scope="module")
def potx(folder) -> Path:
    return make_potx(folder / "corp.potx")


@pytest.fixture(scope="module")
def plain_pptx(folder) -> Path:
    return make_pptx(folder / "plain.pptx")


@pytest.fixture(scope="module")
def corp_deck(folder, potx) -> Path:
    out = folder / "corp-deck.pptx"
    out.write_bytes(render(templated(potx, CORP_LAYOUTS), "pptx"))
    return out


@pytest.fixture(scope="module")
def plain_deck(folder, plain_pptx) -> Path:
    out = folder / "plain-deck.pptx"
    out.write_bytes(render(templated(plain_pptx), "pptx"))
    return out


def test_potx_really_is_a_template(potx):
    assert TPL in zipfile.ZipFile(potx).read("[Content_Types].xml").decode()


@pytest.mark.parametrize("which", ["corp_deck", "plain_deck"])
def test_sample_slide_gone_and_content_type_is_a_presentation(request, which):
    deck = request.getfixturevalue(which)
    types = zipfile.ZipFile(deck).read("[Content_Types].xml").decode()
    assert PRS in types and TPL not in types
    prs = Presentation(str(deck))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert SAMPLE_TEXT not in titles
    assert titles[0].startswith("New quality productive forces") and titles[-1] == "Questions"


def test_slides_use_the_templates_layouts_by_name(corp_deck):
    prs = Presentation(str(corp_deck))
    used = {s.slide_layout.name for s in prs.slides}
    assert used == {"Cover", "Text page", "Heading only"}
    assert prs.slides[0].slide_layout.name == "Cover"
    kinds = {s.shapes.title.text_frame.text: s.slide_layout.name for s in prs.slides}
    assert kinds["Agenda"] == "Text page" and kinds["References"] == "Text page"
    assert kinds["The op-eds’ headline figures"] == "Heading only"


def test_template_keeps_its_size_and_masters(corp_deck, plain_deck):
    corp, plain = Presentation(str(corp_deck)), Presentation(str(plain_deck))
    assert (corp.slide_width, corp.slide_height) == (12_192_000, 6_858_000)
    assert (plain.slide_width, plain.slide_height) == (9_144_000, 6_858_000)
    assert str(corp.slide_master.background.fill.fore_color.rgb) == CORP_BACKGROUND  # the master's look stays


@pytest.mark.parametrize("which", ["corp_deck", "plain_deck"])
def test_titles_in_title_placeholders_and_no_empty_placeholders(request, which):
    prs = Presentation(str(request.getfixturevalue(which)))
    for s in prs.slides:
        title = s.shapes.title
        assert title is not None and title.is_placeholder and title.text_frame.text.strip()
        assert title.placeholder_format.type in (PH.TITLE, PH.CENTER_TITLE)
        for ph in s.placeholders:
            assert ph.has_text_frame and ph.text_frame.text.strip(), (title.text_frame.text, ph.name)


def test_bullets_sit_in_the_body_placeholder_within_its_area(plain_deck, plain_pptx):
    body = Presentation(str(plain_pptx)).slide_layouts.get_by_name("Title and Content").placeholders[1]
    prs = Presentation(str(plain_deck))
    bullets = [
        sh
        for s in prs.slides
        for sh in s.placeholders
        if sh.placeholder_format.type in (PH.BODY, PH.OBJECT) and s.slide_layout.name == "Title and Content"
    ]
    assert len(bullets) >= 3  # the example's agenda and its two bullet slides (its short references: a panel)
    # At the body's left edge, within its area (a short statement centred in it, text beside a chart
    # narrower).
    assert all(sh.left == body.left and sh.top >= body.top for sh in bullets)
    assert all(sh.top + sh.height <= body.top + body.height for sh in bullets)
    first = bullets[0].text_frame.paragraphs[0]._p.find(qn("a:pPr"))
    assert first.find(qn("a:buChar")) is None  # the template's own bullet character applies


def test_a_missing_layout_names_the_layouts_it_has(potx):
    brief = templated(potx, {**CORP_LAYOUTS, "title": "Opening"})
    with pytest.raises(BriefgenError) as e:
        render(brief, "pptx")
    d = e.value.diagnostics[0]
    assert d.code == "template-layout" and d.location.file == str(potx)
    assert d.message == "template corp.potx has no layout 'Opening' (for title slides)"
    listed = "the template's layouts are:\n      'Cover'\n      'Text page'\n      'Divider'\n"
    assert d.hint.startswith(listed)
    assert d.hint.endswith("map title slides to one with 'layouts:'")


def test_default_names_do_not_match_a_renamed_template(potx):
    with pytest.raises(BriefgenError, match="has no layout 'Title Slide'"):
        render(templated(potx), "pptx")


def test_divider_uses_the_section_layout(folder, potx):
    brief = templated(potx, CORP_LAYOUTS)
    sections = (replace(brief.sections[0], divider=True), *brief.sections[1:])
    prs = Presentation(io.BytesIO(render(replace(brief, sections=sections), "pptx")))
    divider = next(s for s in prs.slides if s.slide_layout.name == "Divider")
    assert divider.shapes.title.text_frame.text == brief.sections[0].title


def test_template_info_lists_layouts_and_placeholders(potx):
    info = template_info(potx)
    assert "slide size 13.33 × 7.50 in" in info
    for name in ("Cover", "Divider", "Text page", "Heading only", "Blank"):
        assert f"layout '{name}'" in info
    assert "center_title" in info and "subtitle" in info and "idx 1" in info
    assert "x 0.67 y 1.75 w 12.00 h 4.95 in" in info  # the widened body placeholder, in inches
    assert "master 1: (unnamed)\n  theme fonts: headings 'Calibri', body 'Calibri'\n" in info
    assert "theme colours: dk1 000000 lt1 FFFFFF dk2 1F497D" in info
    assert "layout 'Heading only' (titleOnly)" in info


def test_template_info_as_json_from_the_command_line(potx):
    from click.testing import CliRunner

    from briefgen.cli import main

    result = CliRunner().invoke(main, ["template-info", "--json", str(potx)])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert d["file"] == "corp.potx" and d["slide_size_in"] == [13.3333, 7.5]
    [master] = d["masters"]
    assert master["fonts"] == {"major": "Calibri", "minor": "Calibri"}
    assert master["colors"]["accent1"] == "4F81BD" and len(master["colors"]) == 10
    text_page = next(lay for lay in master["layouts"] if lay["name"] == "Text page")
    assert text_page["type"] == "obj"
    body = next(ph for ph in text_page["placeholders"] if ph["idx"] == 1)
    assert body["type"] == "object" and body["box_in"] == pytest.approx([0.667, 1.75, 12.0, 4.95], abs=0.001)


def test_template_info_refuses_what_is_not_a_template(tmp_path):
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError):
        template_info(bad)


@pytest.mark.parametrize("which", ["corp_deck", "plain_deck"])
def test_template_decks_open_in_libreoffice(request, tmp_path, which):
    deck = request.getfixturevalue(which)
    assert libreoffice_pages(deck, tmp_path) == len(Presentation(str(deck)).slides)
