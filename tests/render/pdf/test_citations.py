"""PDF citations read back with pypdf: page footnotes, endnotes, links to the references, fact appendix."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, replace

import pypdf
import pytest
from pypdf.generic import ContentStream

from briefgen.brief.model import (
    Brief,
    Bullets,
    Chart,
    Mark,
    Marker,
    Prose,
    Reference,
    RichText,
    Section,
    Text,
)
from briefgen.pipeline import render
from briefgen.render.pdf.notes import RULE_LENGTH
from briefgen.render.pdf.story import MARGIN_X
from briefgen.render.pdf.writer import BOTTOM_MARGIN, MAX_PASSES, build_pdf
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import rt, sample_brief

FOOTER_TOP = BOTTOM_MARGIN - 12  # 'Page N of M' sits below this; footnotes above it
BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@dataclass
class Page:
    """One page as a reader sees it: body text above the footnote rule, notes between rule and footer."""

    body: str
    notes: str
    rule: float | None  # height of the footnote rule, None when the page has none
    body_low: float  # lowest body baseline
    notes_high: float  # highest footnote baseline (0 without notes)
    notes_low: float


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _rule(page: pypdf.PageObject, reader: pypdf.PdfReader) -> float | None:
    """The y of the short footnote rule: a line from the left margin, RULE_LENGTH long."""
    ops = ContentStream(page.get_contents(), reader).operations
    for (a, op_a), (b, op_b) in zip(ops, ops[1:], strict=False):
        if op_a == b"m" and op_b == b"l":
            (x0, y0), (x1, y1) = map(float, a), map(float, b)
            if abs(x0 - MARGIN_X) < 0.01 and abs(x1 - x0 - RULE_LENGTH) < 0.01 and abs(y1 - y0) < 0.01:
                return y0
    return None


def read(data: bytes) -> tuple[pypdf.PdfReader, list[Page]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        frags: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size, frags=frags):
            if text.strip():
                frags.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

        page.extract_text(visitor_text=visit)
        rule = _rule(page, reader)
        body = [(y, t) for y, t in frags if y > (rule if rule is not None else FOOTER_TOP)]
        notes = [(y, t) for y, t in frags if rule is not None and FOOTER_TOP < y < rule]
        pages.append(
            Page(
                body=_flat(" ".join(t for _, t in body)),
                notes=_flat(" ".join(t for _, t in notes)),
                rule=rule,
                body_low=min((y for y, _ in body), default=0.0),
                notes_high=max((y for y, _ in notes), default=0.0),
                notes_low=min((y for y, _ in notes), default=0.0),
            )
        )
    return reader, pages


def _before_references(body: str) -> str:
    """Body text up to the References heading (its entries are no citation markers), and the fact
    appendix when it follows on the same page (its markers are)."""
    cut = body.find(" References [") if " References [" in body else body.find(" References ")
    appendix = body.find("Fact appendix ", max(cut, 0))
    if cut < 0:
        return body
    return body[:cut] + (" " + body[appendix:] if appendix >= 0 else "")


def cited(page: Page, brief: Brief) -> set[int]:
    """Reference numbers the page's body cites: its markers, and the source lines under its charts."""
    body = _before_references(page.body)
    found: set[int] = set()
    for inner in re.findall(r"\[([^\[\]]+)\]", body):
        parts = [p.strip() for p in inner.split(";")]
        if all(re.match(r"\d+\b", p) for p in parts):
            found |= {int(re.match(r"\d+", p).group()) for p in parts}
    if brief.citation_style == "author-date":
        for ref in brief.references:
            if re.search(r"[(;] ?" + re.escape(ref.author_date) + r"\b", body) or ref.short in body:
                found.add(ref.number)
    return found


def footnoted(page: Page, brief: Brief) -> set[int]:
    """Reference numbers whose full entry is among the page's footnotes."""
    numbers = set()
    for ref in brief.references:
        lead = f"[{ref.number}]" if brief.citation_style == "numeric" else f"{ref.author_date}."
        if _flat(f"{lead} {ref.text}") in page.notes:
            numbers.add(ref.number)
    return numbers


def check_footnotes(data: bytes, brief: Brief) -> list[Page]:
    """Every page's notes are exactly the entries it cites, and never touch the body or the footer."""
    _, pages = read(data)
    for n, page in enumerate(pages, start=1):
        numbers = cited(page, brief)
        assert footnoted(page, brief) == numbers, (n, page.body, page.notes)
        if numbers:
            assert page.rule is not None, n
            # The rule sits in the gap: below the lowest body line's descent, above the first note.
            assert page.body_low - page.rule > 4, (n, page.body_low, page.rule)
            assert page.rule - page.notes_high > 7.5, (n, page.notes_high, page.rule)
            assert page.notes_low > FOOTER_TOP, n
        else:
            assert page.rule is None and not page.notes, n
    return pages


def _dest(annot, reader: pypdf.PdfReader) -> tuple[int, float] | None:
    dest = annot.get("/Dest")
    if dest is None and "/A" in annot and annot["/A"].get("/S") == "/GoTo":
        dest = annot["/A"]["/D"]
    if dest is None:
        return None
    return reader.get_page_number(dest[0].get_object()), float(dest[3])


def _is_contents(page) -> bool:
    """The contents page (a brief long enough to have one): its links lead to the headings."""
    return page.body.lstrip().startswith("Contents")


def check_links(data: bytes, brief: Brief) -> None:
    """Each marker's link lands on its own entry of the References section."""
    reader, pages = read(data)
    # Where each entry starts: the page after the References heading and the baseline of its label.
    entries: dict[int, tuple[int, float]] = {}
    for i, page in enumerate(reader.pages):
        seen_heading: list[float] = []
        rule = _rule(page, reader)

        def visit(text, cm, tm, font, size, i=i, seen=seen_heading, rule=rule):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() == "References":
                seen.append(y)
            m = re.fullmatch(r"\[(\d+)\]", text.strip())
            if seen and m and y < seen[0] and (rule is None or y > rule):
                entries.setdefault(int(m.group(1)), (i, y))

        page.extract_text(visitor_text=visit)
    assert set(entries) == {r.number for r in brief.references}
    notes = {b.source_note for s in brief.sections for b in s.blocks if isinstance(b, Chart)}
    if brief.key_numbers:
        notes.add(brief.key_numbers.source_note)
    linked = 0
    for i, page in enumerate(reader.pages):
        if _is_contents(pages[i]):  # its links lead to the headings
            continue
        targets = []
        for annot in page.get("/Annots") or []:
            where = _dest(annot.get_object(), reader)
            if where is None:
                continue
            # The destination is the entry's anchor: at the top of its first line.
            number = next(n for n, (p, y) in entries.items() if p == where[0] and 0 < where[1] - y < 20)
            targets.append(number)
        body = _before_references(pages[i].body)
        for note in notes:
            body = body.replace(note, "")
        marks = [
            int(re.match(r"\d+", p.strip()).group())
            for inner in re.findall(r"\[([^\[\]]+)\]", body)
            for p in inner.split(";")
            if re.match(r"\s*\d+", p)
        ]
        assert targets == marks, (i, targets, marks)
        linked += len(targets)
    assert linked >= len(brief.references)


# --- the sample brief, in footnote, endnote, author-date and appendix variants -------------------------


@pytest.fixture(scope="module")
def variants() -> dict[str, Brief]:
    with_facts = sample_brief(facts=True)
    return {
        "footnotes": sample_brief(),
        "endnotes": replace(sample_brief(), notes="endnotes"),
        "appendix": replace(with_facts, fact_appendix=True),
        "author-date": replace(sample_brief(facts=True, style="author-date"), fact_appendix=True),
    }


@pytest.fixture(scope="module")
def pdfs(variants) -> dict[str, bytes]:
    return {name: render(brief, "pdf") for name, brief in variants.items()}


@pytest.mark.parametrize("name", ["footnotes", "appendix", "author-date"])
def test_each_page_lists_the_sources_it_cites(variants, pdfs, name):
    pages = check_footnotes(pdfs[name], variants[name])
    # The cover cites both sources (key numbers); so does every page of the body but the last.
    assert len([p for p in pages if p.notes]) >= 3


def test_endnotes_have_no_page_footnotes(variants, pdfs):
    brief = variants["endnotes"]
    _, pages = read(pdfs["endnotes"])
    assert all(p.rule is None for p in pages)
    # Each entry is printed once: in the References section.
    text = " ".join(p.body for p in pages)
    for ref in brief.references:
        assert text.count(_flat(ref.text)) == 1
    assert any(cited(p, brief) for p in pages)


@pytest.mark.parametrize("name", ["footnotes", "endnotes", "appendix"])
def test_marker_links_land_on_their_entries(variants, pdfs, name):
    check_links(pdfs[name], variants[name])


def test_references_hang_and_link_their_urls(variants, pdfs):
    brief = variants["footnotes"]
    reader, pages = read(pdfs["footnotes"])
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in reader.pages
        for a in p.get("/Annots") or []
        if a.get_object().get("/A", {}).get("/S") == "/URI"
    ]
    assert uris == [r.url for r in brief.references if r.url]
    refs = pages[-1].body[pages[-1].body.index("References") :]
    for ref in brief.references:
        assert _flat(f"[{ref.number}] {ref.text}") in refs


def test_author_date_markers_are_plain_text(variants, pdfs):
    brief = variants["author-date"]
    _, pages = read(pdfs["author-date"])
    text = " ".join(p.body for p in pages)
    # Inside the sentence, before its full stop, in the line's own size (not raised).
    assert "rose 30% in 2023 (Luo 2024, ¶ 9)." in text
    assert "(Consul General in Mumbai 2024, ¶ 1)" in text
    # No numbers in the reference list: each entry leads with the name the markers use.
    refs = text[text.rindex("References") :]  # the section, not its contents line
    for ref in brief.references:
        assert _flat(f"{ref.author_date}. {ref.text}") in refs
        assert f"[{ref.number}]" not in refs


@pytest.mark.parametrize("name", ["appendix", "author-date"])
def test_fact_appendix_lists_every_fact(variants, pdfs, name):
    brief = variants[name]
    reader, pages = read(pdfs[name])
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert outline[-2:] == ["References", "Fact appendix"]
    start = next(i for i, p in enumerate(pages) if "Fact appendix" in p.body and not _is_contents(p))
    appendix = _squash(" ".join(p.body for p in pages[start:]))
    for fact in brief.facts:
        for part in (fact.label, fact.value, fact.kind, fact.marker.text):
            assert _squash(part) in appendix, (fact.id, part)
        if fact.kind == "document":
            assert _squash(f"“{fact.quote}”") in appendix, fact.id
            assert _squash(f"{fact.source}, {fact.locator}") in appendix, fact.id
    # The table's header row repeats on every page it spans.
    for page in pages[start:]:
        assert "Fact Value Evidence Source and marker" in page.body


def test_no_appendix_unless_asked(pdfs):
    assert "Fact appendix" not in " ".join(p.body for p in read(pdfs["footnotes"])[1])


@pytest.mark.parametrize("name", ["footnotes", "endnotes", "appendix", "author-date"])
def test_rebuild_is_byte_identical_and_fonts_embedded(variants, pdfs, name):
    assert render(variants[name], "pdf") == pdfs[name]
    assert not any(font.encode() in pdfs[name] for font in BASE14)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
@pytest.mark.parametrize("name", ["footnotes", "endnotes", "appendix", "author-date"])
def test_qpdf_check(pdfs, name, tmp_path):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdfs[name])
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- pages crowded with sources ---------------------------------------------------------------------


def _crowded(sources: int, per_point: int, points: int) -> Brief:
    """A brief whose bullets each cite `per_point` of `sources` long-winded references."""
    refs = tuple(
        Reference(
            n,
            f"s{n}",
            f"Ministry of Examples, Department {n}. “A report with a long title that takes up most of a "
            f"line of footnote text, and then some more words, so that it wraps ({n}).” Annual series, 2024.",
            f"Ministry ({n})",
        )
        for n in range(1, sources + 1)
    )

    def point(i: int) -> RichText:
        numbers = sorted({(i * per_point + k) % sources + 1 for k in range(per_point)})
        marks = tuple(Mark(n, f"{n}, p. {i}") for n in numbers)
        return RichText(
            (Text(f"Point {i} rests on several sources and says so at some length. " * 3),), Marker(marks)
        )

    section = Section(
        "s", "Many sources", (Prose(rt("An opening paragraph.")), Bullets(tuple(map(point, range(points)))))
    )
    return Brief(name="crowded", title="Crowded", sections=(section,), references=refs)


def test_long_pages_reserve_room_for_all_their_notes():
    brief = _crowded(sources=9, per_point=3, points=30)
    data, passes = build_pdf(brief, DEFAULT_THEME)
    assert passes <= MAX_PASSES
    pages = check_footnotes(data, brief)
    assert len(pages) >= 4
    assert max(len(cited(p, brief)) for p in pages) >= 6


def test_notes_beyond_the_page_share_are_named_in_one_line():
    brief = _crowded(sources=40, per_point=40, points=1)
    data, _ = build_pdf(brief, DEFAULT_THEME)
    _, pages = read(data)
    page = next(p for p in pages if p.notes)
    assert "Also cited on this page:" in page.notes and "(see References)" in page.notes
    shown = footnoted(page, brief)
    named = {int(n) for n in re.findall(r"\[(\d+)\]", page.notes[page.notes.index("Also cited") :])}
    assert shown and named and shown | named == cited(page, brief) and not shown & named
    assert page.body_low - page.rule > 4 and page.notes_low > FOOTER_TOP


# --- the example spec, end to end ----------------------------------------------------------------------


def test_example_footnotes_links_and_appendix(example_brief):
    brief = replace(example_brief, fact_appendix=True)
    data, passes = build_pdf(brief, DEFAULT_THEME)
    assert passes <= 4
    assert render(brief, "pdf") == data
    pages = check_footnotes(data, brief)
    check_links(data, brief)
    appendix = _squash(" ".join(p.body for p in pages))
    for fact in brief.facts:
        assert _squash(fact.quote or fact.detail) in appendix, fact.id


def test_example_endnotes(example_brief):
    brief = replace(example_brief, notes="endnotes")
    data = render(brief, "pdf")
    assert all(p.rule is None and not p.notes for p in read(data)[1])
    check_links(data, brief)
