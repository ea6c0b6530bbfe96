"""The layout audit: it passes on the example, the cookbook, the chart gallery and a generated brief of 100
sections, and it catches what it looks for when a layout rule is switched off."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace

import pytest
from click.testing import CliRunner

import briefgen
from briefgen.cli import main
from briefgen.render.deck import audit as deck_audit
from briefgen.render.deck import fit as deck_fit
from briefgen.render.deck.layout import DEFAULT_GEOMETRY, BoxPlan, DeckPlan, ParaPlan, SlidePlan
from briefgen.render.deck.plan import plan_deck
from briefgen.render.pdf import audit as pdf_audit
from briefgen.render.pdf import inline as pdf_inline
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import rt
from tests.support.charts import chart_gallery
from tests.support.long_brief import long_brief
from tests.support.paths import EXAMPLE
from tests.support.recipes import RECIPES


@pytest.fixture(scope="module")
def hundred():
    return long_brief(100)


def test_the_example_passes(example_brief):
    assert briefgen.audit(example_brief) == []


def test_the_chart_gallery_passes():
    assert briefgen.audit(chart_gallery()) == []


def test_a_brief_of_100_sections_passes(hundred):
    assert briefgen.audit(hundred) == []


@pytest.mark.parametrize("text", RECIPES, ids=[b.splitlines()[0][7:40] for b in RECIPES])
def test_every_cookbook_brief_passes(tmp_path, text):
    shutil.copytree(EXAMPLE.parent / "sources", tmp_path / "sources")
    spec = tmp_path / "recipe.yaml"
    spec.write_text(text, encoding="utf-8")
    assert briefgen.audit(briefgen.load(spec)) == []


def test_the_100_section_deck_fits_its_content_to_its_slides(hundred):
    plan = plan_deck(hundred, DEFAULT_THEME)
    kinds = [s.kind for s in plan.slides]
    # Bullets share slides with charts, tables and quotes; "(cont.)" only where text or a table overflows.
    assert {"chart-text", "table-text", "quote-text"} <= set(kinds)
    for before, after in zip(plan.slides, plan.slides[1:], strict=False):
        if after.title_text.endswith("(cont.)"):
            assert after.kind == before.kind or after.kind in ("bullets", "text", "table"), after.title_text
    # 100 sections: no agenda running over many slides.
    assert "agenda" not in kinds


# -- it can fail ------------------------------------------------------------------------------------


def _slide(*boxes: BoxPlan, kind: str = "bullets") -> SlidePlan:
    return SlidePlan(kind, BoxPlan("Title", 0.6, 0.42, 12.1, 1.0, (ParaPlan(rt("A title"), 28.0),)), boxes)


def test_the_deck_audit_finds_a_near_empty_slide_a_shape_off_the_slide_and_an_overlap():
    one_line = (ParaPlan(rt("One short line"), 20.0),)
    sparse = _slide(BoxPlan("Bullets", 0.6, 1.8, 10.6, 4.5, one_line))
    off = _slide(
        BoxPlan("Bullets", 0.6, 1.8, 10.6, 4.5, one_line * 9), BoxPlan("Low", 1.0, 7.2, 3.0, 1.0, ())
    )
    over = _slide(
        BoxPlan("Left", 0.6, 1.8, 7.0, 4.5, one_line * 9), BoxPlan("Right", 6.0, 1.8, 6.0, 4.5, one_line * 9)
    )
    cover = _slide(kind="title")  # a cover may be sparse
    plan = DeckPlan("t", "", "", (sparse, off, over, cover))
    problems = deck_audit.audit_plan(plan, DEFAULT_GEOMETRY, DEFAULT_THEME)
    assert problems[0].startswith("slide 1 (A title): content fills ") and problems[0].endswith("under 20%")
    assert "slide 2 (A title): 'Low' runs off the slide (x 1.00–4.00, y 7.20–8.20 in)" in problems
    assert "slide 3 (A title): 'Left' overlaps 'Right'" in problems
    assert not any(p.startswith("slide 4") for p in problems)


def test_lone_last_words_are_found_once_the_rule_that_prevents_them_is_off(monkeypatch, hundred):
    monkeypatch.setattr(deck_fit, "keep_tail", lambda text: text)
    monkeypatch.setattr(pdf_inline, "keep_tail", lambda text: text)
    problems = briefgen.audit(hundred)
    assert any(
        re.fullmatch(r"deck: slide \d+ \(.+\): 'Bullets' ends on a lone word: ….+", p) for p in problems
    )
    assert any(re.fullmatch(r"pdf: page \d+: a paragraph ends on a lone word \('….+'\)", p) for p in problems)


def test_the_pdf_audit_reports_near_empty_pages_orphans_and_widows():
    rec = pdf_audit.Recorder()
    rec.pages = {
        1: pdf_audit.PageRecord(1, 700.0, 50.0, ["Paragraph"]),  # the cover may be short
        2: pdf_audit.PageRecord(
            2, 700.0, 600.0, ["Paragraph"], ["orphan: one line of a paragraph at the foot"]
        ),
        3: pdf_audit.PageRecord(3, 700.0, 70.0, ["Paragraph", "Table"]),
    }
    assert rec.problems() == [
        "page 2: orphan: one line of a paragraph at the foot",
        "page 3: filled 10%, under 25% (Paragraph, Table)",
    ]


def test_a_sparse_references_page_would_be_reported(monkeypatch, example_brief):
    # With the fill threshold above what any page reaches, every page but the cover is reported.
    monkeypatch.setattr(pdf_audit, "MIN_PAGE_FILL", 1.01)
    problems = briefgen.audit(example_brief)
    pages = [p for p in problems if re.match(r"pdf: page \d+: filled \d+%, under 101%", p)]
    assert len(pages) >= 4 and not any(p.startswith("pdf: page 1:") for p in pages)


def test_the_audit_command_prints_each_problem_and_fails(monkeypatch):
    result = CliRunner().invoke(main, ["audit", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("new-quality-productive-forces.yaml: 0 layout problem(s)")
    monkeypatch.setattr(deck_audit, "MIN_FILL", 0.99)
    result = CliRunner().invoke(main, ["audit", str(EXAMPLE)])
    assert result.exit_code == 1
    assert re.search(
        r"yaml: deck: slide 4 \(The argument: .+\): content fills \d+% of the body, under 99%", result.output
    )


def test_a_brief_without_a_closing_slide_passes_too(example_brief):
    theme = replace(example_brief.theme, closing_slide=False)
    assert briefgen.audit(example_brief, theme) == []
