"""The PDF is tagged: a structure tree in reading order that the pdfua checker and our own structure checks
pass, on the example, the chart gallery, the cookbook briefs and a long generated brief."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys

import pikepdf
import pytest
from pptx import Presentation
from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

import briefgen
from briefgen.brief.model import Brief, Bullets, Chart, Prose, Quote, RichText, Table
from briefgen.pipeline import render
from tests.support.charts import chart_gallery
from tests.support.long_brief import long_brief
from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import EXAMPLE
from tests.support.readback import require_tool
from tests.support.recipes import RECIPES
from tests.support.tagged import elements, reading_order, structure_problems


@pytest.fixture(scope="module")
def briefs(tmp_path_factory, example_brief) -> dict[str, Brief]:
    out = {"example": example_brief, "gallery": chart_gallery(), "long": long_brief(40)}
    folder = tmp_path_factory.mktemp("recipes")
    shutil.copytree(EXAMPLE.parent / "sources", folder / "sources")
    for i, text in enumerate(RECIPES):
        spec = folder / f"r{i}.yaml"
        spec.write_text(text, encoding="utf-8")
        out[f"recipe {i}"] = briefgen.load(spec)
    return out


@pytest.fixture(scope="module")
def pdfs(briefs) -> dict[str, bytes]:
    return {name: render(brief, "pdf") for name, brief in briefs.items()}


NAMES = ["example", "gallery", "long", *(f"recipe {i}" for i in range(len(RECIPES)))]


@pytest.mark.parametrize("name", NAMES)
def test_the_pdfua_checker_finds_no_error(pdfs, name, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdfs[name])
    report = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
    )
    found = json.loads(report.stdout)
    # Nor any warning: the file claims PDF/UA-1 (pdfuaid), shows its title, states its language.
    assert found["findings"] == [], [f["message"] for f in found["findings"]]
    assert found["summary"]["rules_run"] >= 10 and found["summary"]["rules_skipped"] == 0


@pytest.mark.parametrize("name", NAMES)
def test_our_structure_checks_pass(pdfs, name):
    assert structure_problems(pdfs[name]) == []


def test_pdfinfo_says_tagged(pdfs, tmp_path):
    path = tmp_path / "example.pdf"
    path.write_bytes(pdfs["example"])
    info = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)


def test_the_checks_find_an_untagged_pdf():
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Paragraph("Hello", getSampleStyleSheet()["Normal"])])
    assert structure_problems(buf.getvalue()) == ["no structure tree"]


def test_the_structure_follows_the_briefs_reading_order(pdfs, example_brief):
    pdf = pikepdf.open(io.BytesIO(pdfs["example"]))
    roles = [str(el.S)[1:] for el in elements(pdf)]
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdfs["example"])).pages]
    # The headings: the brief's title, the key numbers' panel, each section, the references, the appendix.
    headings = [el for el in elements(pdf) if str(el.S) in ("/H1", "/H2")]
    titles = [
        example_brief.title,
        example_brief.key_numbers.title,
        *(f"{i} {s.title}" for i, s in enumerate(example_brief.sections, 1)),
        "References",
        "Fact appendix",
    ]
    assert len(headings) == len(titles)
    last_page = 0
    for el, title in zip(headings, titles, strict=True):
        page = pages[el.Pg.objgen]
        words = re.sub(r"\s+", " ", texts[page])
        assert title.split(":")[0] in words, (title, page)
        assert page >= last_page  # in the order the reader meets them
        last_page = page
    # Every bullet is a list item, every chart a figure with its alternative text, every figure once.
    bullets = sum(len(b.items) for s in example_brief.sections for b in s.blocks if isinstance(b, Bullets))
    assert roles.count("LI") == bullets + len(example_brief.references)
    # Each bullet is its item's label, each reference's number its entry's, each footnote's its note's.
    assert roles.count("Lbl") == bullets + len(example_brief.references) + roles.count("Note")
    alts = [str(el.Alt) for el in elements(pdf) if str(el.S) == "/Figure"]
    charts = [b.alt_text for s in example_brief.sections for b in s.blocks if getattr(b, "alt_text", None)]
    assert alts == charts
    # The key numbers: one row per figure, its label the row's header.
    rows = [el for el in elements(pdf) if str(el.S) == "/TR" and str(el.P.S) == "/Table"]
    assert len(rows) >= len(example_brief.key_numbers.items)


def _flat(text: str) -> str:
    """Text as compared: one space for any run of spaces or line breaks, none after a hyphen that ended a
    line."""
    return re.sub(r"-\s+", "-", " ".join(text.replace("\u00a0", " ").split()))


def _said(text: RichText) -> str:
    """A sentence's words up to its final stop (an author-date marker goes before the stop)."""
    return text.plain.rstrip(".!?")


def expected_order(brief: Brief) -> list[tuple[str, str]]:
    """What a reader of the brief meets, in order, as (role, text): the brief model's content."""
    out: list[tuple[str, str]] = [("H1", brief.title)]
    if brief.key_numbers:
        out.append(("H2", brief.key_numbers.title))
        for k in brief.key_numbers.items:
            out += [("TD", k.value), ("TH", k.label)]
    for i, section in enumerate(brief.sections, 1):
        out.append(("H1", f"{i} {section.title}"))
        for block in section.blocks:
            if isinstance(block, Prose):
                out.append(("P", _said(block.text)))
            elif isinstance(block, Bullets):
                out += [("LBody", _said(item)) for item in block.items]
            elif isinstance(block, Chart):
                out.append(("Figure", block.alt_text or block.title))
            elif isinstance(block, Table):
                out += [("TH", c) for c in block.columns]
                out += [("TD", _said(cell)) for row in block.rows for cell in row]
            elif isinstance(block, Quote):
                out.append(("P", block.text))
    out.append(("H1", "References"))
    out += [("LBody", ref.text) for ref in brief.references]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_the_tagged_text_reads_in_the_briefs_order(briefs, pdfs, name):
    # The text of each tagged element, in the structure tree's order, meets the brief's content in the
    # model's order: every heading, figure, bullet, paragraph, cell and reference, none out of place.
    tagged = [(role, _flat(text)) for role, text in reading_order(pdfs[name])]
    at = 0
    for role, text in expected_order(briefs[name]):
        want = _flat(text)
        found = next(
            (i for i in range(at, len(tagged)) if tagged[i][0] == role and want in tagged[i][1]), None
        )
        assert found is not None, (
            f"{role} {want[:60]!r} not found after {tagged[at - 1] if at else 'the start'}"
        )
        at = found + 1


def test_footnotes_are_notes_with_their_labels(pdfs, example_brief):
    pdf = pikepdf.open(io.BytesIO(pdfs["example"]))
    notes = [el for el in elements(pdf) if str(el.S) == "/Note"]
    assert notes
    labels = {r.number: f"[{r.number}]" for r in example_brief.references}
    order = reading_order(pdfs["example"])
    for role, text in order:
        if role == "Lbl" and text.startswith("["):
            assert text in labels.values()
    # Each note is its label, then its text: the entry of the reference the label names.
    for note in notes:
        kids = [str(k.S) for k in note.K]
        assert kids in (["/Lbl", "/P"], ["/P"])
    said = [(r, t) for r, t in order]
    pairs = [
        (said[i][1], said[i + 1][1])
        for i in range(len(said) - 1)
        if said[i][0] == "Lbl" and said[i][1].startswith("[")
    ]
    by_label = {f"[{r.number}]": _flat(r.text)[:40] for r in example_brief.references}
    assert pairs and all(_flat(text).startswith(by_label[label]) for label, text in pairs)


def test_repeated_table_headers_are_artifacts(pdfs):
    # The appendix runs over two pages: its header row is tagged once, drawn twice.
    pdf = pikepdf.open(io.BytesIO(pdfs["example"]))
    heads = [el for el in elements(pdf) if str(el.S) == "/TH" and str(el.A.Scope) == "/Column"]
    assert len(heads) == 4  # Fact, Value, Evidence, Source and marker: once


def test_links_sit_in_their_paragraph_and_say_where_they_lead(pdfs, example_brief):
    pdf = pikepdf.open(io.BytesIO(pdfs["example"]))
    links = [el for el in elements(pdf) if str(el.S) == "/Link"]
    said = [str(el.K[0].Obj.Contents) for el in links]
    # A citation marker leads to its reference, by number and short name, and is a Reference element
    # inside the paragraph (or cell) that shows it.
    refs = {f"Reference {r.number}: {r.short}" for r in example_brief.references}
    markers = [el for el, text in zip(links, said, strict=True) if text in refs]
    assert len(markers) > 20
    assert all(str(el.P.S) == "/Reference" and str(el.P.P.S) in ("/P", "/LBody", "/TD") for el in markers)
    # The rest: contents entries and headings by their section, web addresses as such.
    others = [text for text in said if text not in refs]
    assert all(t.startswith(("Section ", "Link to http", "References", "Fact appendix")) for t in others), (
        others
    )


def test_alternative_text_the_author_writes_replaces_the_generated(make_spec, tmp_path):
    said = "One bar: China's NEV output in 2023, about 9.4 million units."
    chart = (
        "\n  - id: two\n    title: Output\n    chart:\n      kind: column\n      title: NEV output\n"
        f'      alt_text: "{said}"\n      data:\n        - {{label: NEV, fact: nev}}\n'
    )
    spec = make_spec(SPEC + chart, {"sources/doc.txt": SOURCE})
    deck, pdf_path = briefgen.build(spec, tmp_path / "out")
    pdf = pikepdf.open(pdf_path)
    figures = [str(el.Alt) for el in elements(pdf) if str(el.S) == "/Figure"]
    frames = [
        sh._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0]
        for slide in Presentation(str(deck)).slides
        for sh in slide.shapes
        if sh.has_chart
    ]
    assert figures == frames == [said]
    # Without it, both say the chart's kind, title and data.
    spec.write_text(spec.read_text().replace(f'      alt_text: "{said}"\n', ""))
    generated = briefgen.load(spec).sections[1].blocks[0].alt_text
    assert generated.startswith("Column chart: NEV output.") and "9.4 million" in generated
