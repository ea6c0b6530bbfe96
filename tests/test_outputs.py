"""The example brief, built end to end, read back from the deck and the PDF."""

from __future__ import annotations

import subprocess

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

import briefgen
from briefgen.brief.model import Bullets, Chart, Prose
from tests.support.paths import EXAMPLE
from tests.support.readback import libreoffice_pages, pdf_text, require_tool, slide_texts, squash

CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "slope": XL_CHART_TYPE.LINE_MARKERS,
}


def rich_texts(brief):
    """Every bullet, paragraph and takeaway of the brief."""
    for s in brief.sections:
        for b in s.blocks:
            if isinstance(b, Bullets):
                yield from b.items
            elif isinstance(b, Prose):
                yield b.text
            elif isinstance(b, Chart) and b.takeaway:
                yield b.takeaway


def test_example_meets_the_brief(example_brief):
    b = example_brief
    charts = [x for s in b.sections for x in s.blocks if isinstance(x, Chart)]
    assert len(b.sections) >= 5
    assert len({c.kind for c in charts}) >= 3
    assert len({r.source_id for r in b.references}) == 2
    assert b.key_numbers and len(b.key_numbers.items) >= 4


def test_deck_shows_every_section_chart_and_marker(example_outputs, example_brief):
    texts = slide_texts(example_outputs["pptx"])
    prs = Presentation(str(example_outputs["pptx"]))
    notes = squash("\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide))
    deck = squash("\n".join(texts))
    for section in example_brief.sections:
        assert any(
            t.lstrip().startswith(section.title) or section.title in t.splitlines()[:3] for t in texts
        ), section.title
    for k in example_brief.key_numbers.items:
        assert squash(k.value) in deck
    for rt in rich_texts(example_brief):
        assert squash(rt.plain + rt.marker.text) in deck + notes, rt.plain
    # Prose beside bullets is for the presenter: the deck keeps it in the speaker notes.
    argument = example_brief.sections[0]
    assert isinstance(argument.blocks[0], Prose) and any(isinstance(b, Bullets) for b in argument.blocks)
    assert squash(argument.blocks[0].text.plain) in notes
    assert squash(argument.blocks[0].text.plain) not in deck
    for s in example_brief.sections:
        for b in s.blocks:
            if isinstance(b, Bullets):
                for item in b.items:
                    assert squash(item.plain + item.marker.text) in deck, item.plain


def test_deck_charts_are_native_with_the_facts_values(example_outputs, example_brief):
    prs = Presentation(str(example_outputs["pptx"]))
    found = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    expected = [x for s in example_brief.sections for x in s.blocks if isinstance(x, Chart)]
    assert len(found) == len(expected) >= 3
    for chart, want in zip(found, expected, strict=True):
        assert chart.chart_type == CHART_TYPES[want.kind]
        plot = chart.plots[0]
        assert tuple(plot.categories) == want.categories
        assert tuple(plot.series[0].values) == want.series[0].values


def test_deck_speaker_notes_carry_the_quotes(example_outputs, example_brief):
    prs = Presentation(str(example_outputs["pptx"]))
    notes = squash("\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide))
    for section in example_brief.sections:
        for note in section.fact_notes:
            assert squash(note) in notes


def test_pdf_shows_every_value_reference_and_marker(example_outputs, example_brief):
    text = squash(pdf_text(example_outputs["pdf"]))
    for section in example_brief.sections:
        assert squash(section.title) in text
    for k in example_brief.key_numbers.items:
        assert squash(k.value) in text
    for rt in rich_texts(example_brief):
        assert squash(rt.plain + rt.marker.text) in text, rt.plain
    for c in (x for s in example_brief.sections for x in s.blocks if isinstance(x, Chart)):
        for label in c.series[0].labels:
            assert squash(label) in text
        assert squash(c.source_note) in text
    for ref in example_brief.references:
        assert squash(ref.text) in text


def test_same_reference_numbers_in_deck_and_pdf(example_outputs, example_brief):
    deck = squash("\n".join(slide_texts(example_outputs["pptx"])))
    pdf = squash(pdf_text(example_outputs["pdf"]))
    for ref in example_brief.references:
        entry = squash(f"[{ref.number}]") + squash(ref.text)[:40]
        assert entry in deck and entry in pdf, ref


def test_builds_are_byte_identical(tmp_path):
    a = briefgen.build(EXAMPLE, out_dir=tmp_path / "a")
    b = briefgen.build(EXAMPLE, out_dir=tmp_path / "b")
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_pdf_passes_qpdf_check(example_outputs):
    qpdf = require_tool("qpdf")
    proc = subprocess.run([qpdf, "--check", str(example_outputs["pdf"])], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_libreoffice_converts_the_deck_one_page_per_slide(example_outputs, tmp_path):
    deck = example_outputs["pptx"]
    assert libreoffice_pages(deck, tmp_path) == len(Presentation(str(deck)).slides)


def test_every_marker_cites_a_listed_reference_and_the_list_is_in_order(example_brief):
    cited = {m.number for rt in rich_texts(example_brief) for m in rt.marker.marks}
    assert [r.number for r in example_brief.references] == list(range(1, len(example_brief.references) + 1))
    assert cited == {r.number for r in example_brief.references}
    first_use = []
    reading_order = [example_brief.summary.marker, *(k.marker for k in example_brief.key_numbers.items)]
    reading_order += [rt.marker for rt in rich_texts(example_brief)]
    for marker in reading_order:
        for m in marker.marks:
            if m.number not in first_use:
                first_use.append(m.number)
    assert first_use == sorted(first_use)  # numbered by first use


def test_markers_carry_locators(example_brief):
    markers = {rt.marker.text for rt in rich_texts(example_brief)}
    assert "[1, ¶ 1]" in markers and "[2, ¶ 9]" in markers


def test_derived_figures_are_marked_and_explained_in_both_outputs(example_outputs, example_brief):
    derived = [f for f in example_brief.facts if f.kind == "derived"]
    assert derived, "the example shows a derived figure"
    slides = slide_texts(example_outputs["pptx"])
    pdf = squash(pdf_text(example_outputs["pdf"]))
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(example_outputs["pptx"])).slides]
    for f in derived:
        assert f.value.endswith("†"), f.value
        showing = [i for i, text in enumerate(slides) if f.value in text]
        assert showing, f.value
        for i in showing:  # the slide's source line says so, and its notes say how
            assert "† calculated from cited figures" in slides[i]
            assert f"({f.value}): calculated as {f.detail}" in notes[i]
        assert squash(f.value) in pdf
    calculated = [c for s in example_brief.sections for c in s.calculated]
    assert calculated == [
        "Places gained in the Global Innovation Index, 2011–2023 (17 places†) = "
        "Global Innovation Index rank, 2011 (29th) − Global Innovation Index rank, 2023 (12th)"
    ]
    assert squash("† Calculated from cited figures:" + calculated[0]) in pdf
