"""Real templates, faithfully: every LibreOffice Impress template (as .pptx and .potx) and two house
templates of two masters each build the example and the chart gallery with nothing off the slide, nothing
on the template's artwork, every text run readable (WCAG AA) on what it sits on, the template's fonts in
the text and the bullets in its body placeholders."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.oxml.ns import qn

import briefgen
from briefgen.pipeline import render
from briefgen.render.deck.writer import audit_deck
from briefgen.theme.look import read_look
from tests.support.charts import chart_gallery
from tests.support.contrast import contrast_problems, master_number
from tests.support.geometry import art_problems, deck_problems
from tests.support.templates import HOUSE_STYLES, make_house_template, on_template


def faults(deck: Path, template: Path) -> list[str]:
    """Everything the three checks find on a deck: off the slide or overlapping, on artwork, unreadable."""
    return deck_problems(deck) + art_problems(deck, template) + contrast_problems(deck, template)


def fonts_of(deck: Path) -> set[str]:
    prs = Presentation(str(deck))
    return {
        latin.get("typeface")
        for s in prs.slides
        for sh in s.shapes
        if sh.has_text_frame
        for latin in sh.text_frame._txBody.iter(qn("a:latin"))
    }


def bullets_in_body_placeholders(deck: Path) -> int:
    """How many content slides carry their bullets in a body placeholder of the layout."""
    prs = Presentation(str(deck))
    return sum(
        1
        for s in prs.slides
        for ph in s.placeholders
        if ph.placeholder_format.type in (PH.BODY, PH.OBJECT)
        and any(
            p._p.find(qn("a:pPr")) is not None and p._p.find(qn("a:pPr")).get("indent", "0") != "0"
            for p in ph.text_frame.paragraphs
        )
    )


def check_template(template: Path, folder: Path, extra: str = "") -> list[str]:
    """Build the example and the gallery on a template; every fault found, and the look checked."""
    spec = on_template(template, folder, extra)
    brief, diags = briefgen.check(spec)
    assert brief is not None, [str(d) for d in diags]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # contrast fixes and layout fallbacks are expected here
        (deck,) = briefgen.build(spec, folder / "out", formats=["pptx"])
        gallery = folder / "out" / f"gallery-{spec.stem}.pptx"
        gallery.write_bytes(render(replace(chart_gallery(), theme=brief.theme), "pptx"))
        # The layout audit too: no near-empty slide, nothing over its box, no lone last word.
        theme = brief.theme
        audit = audit_deck(brief, theme) + audit_deck(replace(chart_gallery(), theme=theme), theme)
    look = read_look(theme.template, theme.layouts, theme.master)
    # The template's fonts are the deck's: its body font in the text, its heading font in the titles.
    assert theme.deck_font == (look.body.font or theme.deck_font)
    assert theme.deck_font in fonts_of(deck) and theme.face("heading") in fonts_of(deck)
    assert bullets_in_body_placeholders(deck) >= 3, template.name  # agenda and two bullet slides
    return (
        [f"{template.name} example {f}" for f in faults(deck, theme.template)]
        + [f"{template.name} gallery {f}" for f in faults(gallery, theme.template)]
        + [f"{template.name} audit {p}" for p in audit]
    )


@pytest.mark.parametrize("fmt", ["pptx", "potx"])
def test_every_libreoffice_template_builds_readable_decks_with_nothing_off_or_over(fmt, request, tmp_path):
    templates = request.getfixturevalue(f"libreoffice_{fmt}")
    found = []
    for t in templates:
        try:
            found += check_template(t, tmp_path / t.stem)
        except AssertionError as e:
            found.append(f"{t.name}: {e}")
    assert found == []


@pytest.mark.parametrize("style", sorted(HOUSE_STYLES))
@pytest.mark.parametrize("master", ["", "1", "2"])
def test_house_templates_of_two_masters_build_on_either_master(style, master, tmp_path):
    names = HOUSE_STYLES[style]
    template = make_house_template(tmp_path / f"{style}.potx", style)
    chosen = {"": "", "1": names["masters"][0], "2": names["masters"][1]}[master]
    extra = f"master: '{chosen}'\n" if chosen else ""
    assert check_template(template, tmp_path / "specs", extra) == []
    spec = tmp_path / "specs" / f"{style}-potx.yaml"
    brief, diags = briefgen.check(spec)
    codes = {d.code for d in diags}
    # Non-default names are picked by type, and said; two masters sharing names warn unless one is named.
    assert "template-layout-picked" in codes
    assert ("template-duplicate-layouts" in codes) == (master == "")
    (deck,) = briefgen.build(spec, tmp_path / "again", formats=["pptx"])
    prs = Presentation(str(deck))
    want = {"": 1, "1": 1, "2": 2}[master]
    assert {master_number(s) for s in prs.slides} == {want}
    layouts = {s.slide_layout.name for s in prs.slides}
    assert layouts <= set(names["names"].values()), layouts
    # The master's theme: its fonts, and text in its own dark colour on its own background.
    major, minor = names["fonts"]
    assert brief.theme.deck_font == minor and brief.theme.face("heading") == major
    assert brief.theme.colors["body"] == names["schemes"][want - 1]["dk1"]
