"""Deck citations: per-slide fact notes, marker styles, linked reference URLs, source lines on every slide."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.util import Emu

import briefgen
from briefgen.brief.markers import ESTIMATE_NOTE, source_line
from briefgen.brief.model import Bullets, Prose, Reference
from briefgen.pipeline import render
from briefgen.render.deck.plan import plan_deck
from briefgen.render.deck.writer import write_deck
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import sample_brief
from tests.support.paths import EXAMPLE
from tests.support.readback import measured_height_pt

CITE = DEFAULT_THEME.color("citation-marker")
MUMBAI = "Consul General in Mumbai (2024)"


def deck(brief) -> list:
    """The deck's slides without its agenda and closing slide (tests/test_deck_design.py covers those)."""
    slides = Presentation(io.BytesIO(write_deck(plan_deck(brief, DEFAULT_THEME), DEFAULT_THEME))).slides
    return [s for s in slides if s.shapes.title.text_frame.text not in ("Agenda", "Questions")]


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def fact_lines(slide) -> list[str]:
    """The notes' fact lines: after 'Facts:', before 'Sources:'."""
    lines = notes(slide).split("\n")
    if "Facts:" not in lines:
        return []
    rest = lines[lines.index("Facts:") + 1 :]
    return [ln.removeprefix("• ") for ln in rest[: rest.index("Sources:") if "Sources:" in rest else None]]


def noted_facts(brief, slide) -> list[str]:
    """The ids of the facts a slide's notes list, in their order."""
    by_note = {f.note: f.id for f in brief.facts}
    return [by_note[line] for line in fact_lines(slide)]


def shape(slide, name: str):
    return next((sh for sh in slide.shapes if sh.name == name), None)


def runs(slide):
    return [r for sh in slide.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]


def is_marker(r) -> bool:
    """A run in the citation colour that is a marker (not a bold fact value, which may share the colour,
    nor a reference URL)."""
    return (
        not r.font.bold
        and r.font.color.rgb is not None
        and str(r.font.color.rgb) == CITE
        and not r.text.startswith(("http", "file", "javascript"))
    )


def marker_runs(slide) -> list:
    return [r for r in runs(slide) if is_marker(r)]


def readable(text: str) -> str:
    """Text as a reader sees it: no-break spaces are spaces."""
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def facts_brief():
    return sample_brief(facts=True)


@pytest.fixture(scope="module")
def facts_slides(facts_brief) -> list:
    return deck(facts_brief)


# -- notes -------------------------------------------------------------------------------------------


def points(slide) -> list[int]:
    return [int(re.match(r"Point (\d+):", p.text)[1]) for p in shape(slide, "Bullets").text_frame.paragraphs]


def test_notes_list_exactly_the_facts_on_each_slide_in_order(facts_brief, facts_slides):
    coop = ["coop_countries", "coop_agreements", "coop_labs", "coop_platforms"]
    expected = {
        0: ["rd"],  # the summary, which the title slide leaves to the notes
        1: ["nev", "rd", "gii", "trio"],
        # The prose beside the chart: plotted values first, then the text's (the takeaway's are the same).
        2: ["gii_2011", "gii", "rd", "rd_gdp"],
        3: coop,
        **{i: [f"labs_{n}" for n in points(facts_slides[i])] for i in (4, 5, 6)},
        7: ["trained", "hosted"],
        8: ["nev_share", "rest_share", "trio_growth", "trio"],  # bullets beside the doughnut
        9: ["luo_quote"],
        10: [],
    }
    assert {i: noted_facts(facts_brief, s) for i, s in enumerate(facts_slides)} == expected
    # Continuation slides carry the facts of their own bullets, and only those.
    assert [n for i in (4, 5, 6) for n in points(facts_slides[i])] == list(range(1, 15))
    assert "labs_14" not in noted_facts(facts_brief, facts_slides[4])
    assert "labs_1" not in noted_facts(facts_brief, facts_slides[6])


def test_notes_give_quote_and_locator_then_the_full_references(facts_brief, facts_slides):
    text = notes(facts_slides[8])
    assert "Growth of “new trio” exports (30%): “rose by 30%” — Luo (2024) [2, ¶ 9]" in text
    assert text.index("Facts:") < text.index("Sources:") < text.index("[2] LUO Weidong.")
    quote = notes(facts_slides[9])
    assert "[2] LUO Weidong." in quote
    assert "[1] Consul General" not in quote  # nothing on the quote's slide cites [1]
    # The section's own notes lead its first slide only.
    section_note = "Attribute every figure: these are op-eds, not statistics releases."
    assert notes(facts_slides[2]).startswith(section_note)
    assert [i for i, s in enumerate(facts_slides) if section_note in notes(s)] == [2]
    # A fact record replaces the section-wide fact notes written for hand-built briefs without records.
    assert "rd: “China’s R&D investment" not in notes(facts_slides[2])


def test_prose_left_to_the_notes_brings_its_facts_to_the_first_slide_only(facts_brief):
    trade, prose = facts_brief.sections[3], facts_brief.sections[0].blocks[0]
    assert isinstance(prose, Prose)
    bullets, chart_block = trade.blocks[:2]
    # The chart on a slide of its own, after the bullets' slide.
    section = dataclasses.replace(trade, blocks=(prose, bullets, chart_block), slide="chart-with-takeaway")
    brief = dataclasses.replace(facts_brief, sections=(*facts_brief.sections[:3], section))
    slides = deck(brief)
    first, chart = slides[8], slides[9]
    assert isinstance(bullets, Bullets) and chart.shapes.title.text_frame.text.endswith("(chart)")
    assert "R&D investment reached $469.01 billion, or 2.64% of GDP. [1, ¶ 1]" in notes(first)
    # The slide's own facts come first, then those of the prose it leaves out; their sources follow.
    assert noted_facts(brief, first) == ["trio_growth", "trio", "rd", "rd_gdp"]
    assert "[1] Consul General" in notes(first) and "[2] LUO Weidong." in notes(first)
    assert noted_facts(brief, chart) == ["nev_share", "rest_share"]
    # The prose stays off the slide, so its source is not on the slide's source line.
    assert shape(first, "Source line").text_frame.text == "Source: Luo (2024) [2]"


# -- markers -----------------------------------------------------------------------------------------


def test_numeric_markers_are_superscript_with_locators(facts_slides):
    markers = marker_runs(facts_slides[8])
    assert [readable(r.text) for r in markers] == ["[2, ¶ 9]", "[2, ¶ 9]"]
    assert all(r.font._rPr.get("baseline") == "30000" for r in markers)


@pytest.fixture(scope="module")
def author_date():
    brief = sample_brief(facts=True, style="author-date")
    return brief, deck(brief)


def test_author_date_markers_are_normal_text_after_a_space(author_date):
    _, slides = author_date
    checked = 0
    for s in slides:
        for sh in s.shapes:
            if not sh.has_text_frame:
                continue
            for p in sh.text_frame.paragraphs:
                for r in p.runs:
                    if not is_marker(r):
                        continue
                    assert re.fullmatch(r" \((Consul General in Mumbai|Luo) 2024, ¶ \d+\)", readable(r.text))
                    assert r.font._rPr.get("baseline") is None  # not superscript
                    assert r.font.size == p.runs[0].font.size  # the paragraph's size
                    assert not r.font.italic and not r.font.bold
                    checked += 1
    assert checked >= 20
    assert "\u2060" not in "".join(r.text for s in slides for r in runs(s))  # no joiner before '('


def test_author_date_key_numbers_cite_under_the_value(author_date):
    _, slides = author_date
    assert readable(shape(slides[1], "Key number label 4").text_frame.text) == (
        "“New trio” exports, 2023 (Luo 2024, ¶ 9)"
    )
    assert shape(slides[1], "Key number 4").text_frame.text == "over one trillion yuan"
    assert shape(slides[1], "Source line").text_frame.text == f"Sources: {MUMBAI}; Luo (2024)"


# -- source lines ------------------------------------------------------------------------------------


def cited_refs(brief, marker: str) -> list[Reference]:
    """The references a marker as drawn names: '[1, ¶ 4; 2]' or '(Luo 2024, ¶ 9)'."""
    if brief.citation_style == "numeric":
        return [brief.reference(int(n)) for n in re.findall(r"(?:\[|; )(\d+)", marker)]
    return [ref for ref in brief.references if f"{ref.author_date}," in marker]


@pytest.mark.parametrize("variant", ["facts", "author-date"])
def test_every_slide_showing_a_fact_has_its_source_line(variant):
    brief = {
        "facts": sample_brief(facts=True),
        "author-date": sample_brief(facts=True, style="author-date"),
    }[variant]
    plan = plan_deck(brief, DEFAULT_THEME)
    plan = replace(plan, slides=tuple(sp for sp in plan.slides if sp.kind not in ("agenda", "closing")))
    slides = deck(brief)
    showing = [i for i, sp in enumerate(plan.slides) if sp.facts]
    assert showing == list(range(1, 10))  # every content slide but the references
    for i in showing:
        sp, line = plan.slides[i], shape(slides[i], "Source line")
        kinds = {f.kind for fid in sp.facts if (f := brief.fact(fid))}
        assert line is not None, i
        assert line.text_frame.text == source_line(
            brief.references, sp.citations, brief.citation_style, kinds
        )
        # Every source a marker on the slide cites is named on the line.
        for r in marker_runs(slides[i]):
            for ref in cited_refs(brief, readable(r.text)):
                assert ref.short in line.text_frame.text, (i, r.text)
    assert shape(slides[0], "Source line") is None and shape(slides[-1], "Source line") is None


def test_estimate_is_named_on_the_source_line(facts_slides):
    line = shape(facts_slides[7], "Source line").text_frame.text
    assert line == f"Sources: {MUMBAI} [1]; {ESTIMATE_NOTE}"


# -- references --------------------------------------------------------------------------------------


def thirty_references():
    brief = sample_brief()
    refs = list(brief.references)
    for n in range(3, 31):
        url = (
            f"https://example.org/reports/{n}"
            if n % 4
            else f"https://example.org/a/long/path/to/report-{n}/with/segments?id={n}&format=html"
        )
        if n == 7:
            url = "file:///etc/passwd"
        if n == 11:
            url = "javascript:alert(1)"
        text = f"Author {n}, A. “A report with a title long enough to wrap, number {n}.” Publisher, 2024."
        refs.append(Reference(n, f"s{n}", text, f"Author {n} (2024)", url))
    return dataclasses.replace(brief, references=tuple(refs))


@pytest.fixture(scope="module")
def reference_slides() -> list:
    return [s for s in deck(thirty_references()) if s.shapes.title.text_frame.text.startswith("References")]


def test_thirty_references_continue_over_slides_without_overflow(reference_slides):
    titles = [s.shapes.title.text_frame.text for s in reference_slides]
    assert len(titles) >= 3 and titles == ["References"] + ["References (cont.)"] * (len(titles) - 1)
    entries = [p.text for s in reference_slides for p in shape(s, "References").text_frame.paragraphs]
    assert [int(re.match(r"\[(\d+)\]", e)[1]) for e in entries] == list(range(1, 31))
    for s in reference_slides:
        sh = shape(s, "References")
        tf = sh.text_frame
        width = Emu(sh.width - tf.margin_left - tf.margin_right).pt
        height = Emu(sh.height - tf.margin_top - tf.margin_bottom).pt
        assert measured_height_pt(tf, width) <= height
        assert shape(s, "Source line") is None


def test_reference_urls_are_links_only_when_web_addresses(reference_slides):
    url_runs = {
        r.text: r.hyperlink.address
        for s in reference_slides
        for r in runs(s)
        if r.text.startswith(("http", "file", "javascript"))
    }
    assert len(url_runs) == 29  # every reference but Luo's has a URL
    assert url_runs["https://example.org/mumbai"] == "https://example.org/mumbai"
    assert url_runs["https://example.org/reports/5"] == "https://example.org/reports/5"
    assert url_runs["file:///etc/passwd"] is None
    assert url_runs["javascript:alert(1)"] is None
    assert all(address == text for text, address in url_runs.items() if text.startswith("http"))


# -- the example spec, end to end ----------------------------------------------------------------------


def example_deck(brief) -> list:
    return list(Presentation(io.BytesIO(render(brief, "pptx"))).slides)


def check_example(brief) -> None:
    slides = example_deck(brief)
    all_lines = []
    for i, s in enumerate(slides):
        lines = fact_lines(s)
        all_lines += lines
        if not lines or i == 0:  # the title slide leaves the summary, and its facts, to the notes
            continue
        # Each noted fact is one the brief records, its value on the slide (text or data labels) or in
        # the prose the notes carry; a slide that shows facts names its sources at its foot.
        text = readable(" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame))
        labels = " ".join(lab for sh in s.shapes if sh.has_chart for lab in chart_labels(brief, sh))
        prose = notes(s).split("Facts:")[0]
        for line in lines:
            fact = next(f for f in brief.facts if f.note == line)
            assert fact.value in f"{text} {labels} {prose}", fact.id
        line = shape(s, "Source line")
        assert line is not None and line.text_frame.text.startswith("Source"), s.shapes.title.text_frame.text
    # Every fact the brief shows is noted on some slide, quote and locator included.
    assert {f.note for f in brief.facts} <= set(all_lines)


def chart_labels(brief, frame) -> list[str]:
    title = frame.name.removeprefix("Chart: ")
    charts = [b for s in brief.sections for b in s.blocks if getattr(b, "title", None) == title]
    return [lab for c in charts for s in c.series for lab in s.labels]


def test_example_deck_notes_every_fact_where_it_is_shown():
    brief = briefgen.load(EXAMPLE)
    assert brief.facts
    check_example(brief)


def test_example_deck_in_author_date_style(tmp_path):
    shutil.copytree(EXAMPLE.parent / "sources", tmp_path / "sources")
    text = EXAMPLE.read_text(encoding="utf-8").replace("  style: numeric ", "  style: author-date ", 1)
    (tmp_path / EXAMPLE.name).write_text(text, encoding="utf-8")
    brief = briefgen.load(tmp_path / EXAMPLE.name)
    assert brief.citation_style == "author-date"
    check_example(brief)
    slides = example_deck(brief)
    markers = [readable(r.text) for s in slides for r in marker_runs(s)]
    assert markers and all(re.fullmatch(r" \(.+ 2024, ¶ \d+\)", m) for m in markers)
    assert not any(r.font._rPr.get("baseline") for s in slides for r in runs(s))


# -- fit ---------------------------------------------------------------------------------------------


def overflowing(slides) -> list[tuple[str, str]]:
    """(slide title, shape name) of every text box whose text, measured as written, exceeds it."""
    out = []
    for s in slides:
        for sh in s.shapes:
            if sh.has_text_frame and sh.text_frame.text:
                tf = sh.text_frame
                width = Emu(sh.width - tf.margin_left - tf.margin_right).pt
                height = Emu(sh.height - tf.margin_top - tf.margin_bottom).pt
                if measured_height_pt(tf, width) > height:
                    out.append((s.shapes.title.text_frame.text, sh.name))
    return out


def test_markers_as_drawn_fit_their_boxes(author_date, facts_slides, tmp_path):
    assert overflowing(author_date[1]) == []
    assert overflowing(facts_slides) == []
    assert overflowing(example_deck(briefgen.load(EXAMPLE))) == []
