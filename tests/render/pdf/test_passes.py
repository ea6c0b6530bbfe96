"""The PDF is laid out in as few passes as it needs: footnotes make room for themselves as pages fill,
page totals and the contents' page numbers are filled in when the file is written, a long brief's
contents page is planned from the start; what the frames cannot read still ends in the right notes, one
pass later."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import KeepTogether, ListFlowable, Paragraph, Table

from briefgen.render.pdf import cites as pdf_cites
from briefgen.render.pdf.cites import cites_in
from briefgen.render.pdf.notes import CiteFlag, cite_tag
from briefgen.render.pdf.tagging import Labelled, Tag
from briefgen.render.pdf.writer import build_pdf
from tests.support.long_brief import long_brief

STYLE = getSampleStyleSheet()["BodyText"]


def marked(text: str, numbers: tuple[int, ...]) -> Paragraph:
    return Paragraph(f"{text}{cite_tag(numbers)}", STYLE)


def notes_by_page(data: bytes) -> list[list[str]]:
    """The '[n]' labels of each page's footnotes (lines that start with one)."""
    return [
        re.findall(r"^\[(\d+)\]", page.extract_text(), re.M) for page in PdfReader(io.BytesIO(data)).pages
    ]


def test_what_a_flowable_cites_is_read_from_its_markers():
    p = marked("One claim", (1,))
    long = Paragraph(" ".join(f"claim {i}{cite_tag((i,))}" for i in range(1, 30)), STYLE)
    assert cites_in(p) == {1}
    # A split paragraph's parts cite what each part shows.
    long.wrap(200, 1000)
    first, rest = long.split(200, 50)
    assert cites_in(first) | cites_in(rest) == set(range(1, 30))
    assert cites_in(first) and max(cites_in(first)) < min(cites_in(rest))
    # Wrappers and containers: tags, labelled notes, lists, tables, groups, flags.
    table = Table([["a", [marked("cell", (4,))]], [Tag(marked("tagged", (5,)), "TD"), ""]])
    listed = ListFlowable([Tag(marked("item", (6,)), "LBody")], bulletType="bullet")
    labelled = Labelled(marked("entry", (7,)), "[7]", "P", ())
    group = KeepTogether([table, listed, labelled, CiteFlag((8, 9))])
    assert cites_in(group) == {4, 5, 6, 7, 8, 9}
    assert cites_in(Paragraph("No markers", STYLE)) == set()


def test_the_example_is_laid_out_once(example_brief):
    # Its footnotes take their room as the pages fill, so the first layout is the last.
    data, passes = build_pdf(example_brief, example_brief.theme)
    assert passes == 1
    assert all(notes for notes in notes_by_page(data))  # every page cites and lists its sources
    totals = {int(m) for m in re.findall(r"Page \d+ of (\d+)", "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))}  # fmt: skip
    assert totals == {len(PdfReader(io.BytesIO(data)).pages)}


def test_a_long_brief_and_its_contents_are_laid_out_once():
    # The contents' page numbers are filled in when the file is written: every entry names the page its
    # section starts on.
    brief = long_brief(40)
    data, passes = build_pdf(brief, brief.theme)
    assert passes == 1
    text = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    listed = re.findall(r"^Section (\d+):.*\n\s*(\d+)\s*$", text[1] + "\n" + text[2], re.M)
    assert len(listed) > 20
    for number, page in listed:
        assert re.search(rf"^{number} Section {number}:", text[int(page) - 1], re.M), (number, page)


def test_markers_the_frames_cannot_read_still_get_their_notes(example_brief, monkeypatch):
    expected, _ = build_pdf(example_brief, example_brief.theme)
    # Frames that see no markers: the notes come from the first pass's record, a pass later.
    monkeypatch.setattr(pdf_cites, "cites_in", lambda flowable: frozenset())
    data, passes = build_pdf(example_brief, example_brief.theme)
    assert passes > 1
    assert notes_by_page(data) == notes_by_page(expected)


def test_a_paragraph_is_parsed_once_per_build_and_only_with_its_own_style():
    from reportlab.lib.styles import ParagraphStyle

    from briefgen.render.pdf.para import Para, parsing_once

    small, large = ParagraphStyle("s", fontSize=8), ParagraphStyle("l", fontSize=20)
    with parsing_once():
        a, b, c = (
            Para("<b>Same</b> text", small),
            Para("<b>Same</b> text", small),
            Para("<b>Same</b> text", large),
        )
    assert a.frags is b.frags  # parsed once, fragments shared
    assert c.frags is not a.frags and c.frags[0].fontSize == 20  # another style is parsed anew
    outside = Para("<b>Same</b> text", small)
    assert outside.frags is not a.frags  # no sharing outside a build
