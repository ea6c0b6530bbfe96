"""How the PDF flows over its pages: a contents page only when the brief is long, a short brief on its
cover page, tables that split well, no paragraph ending on a lone word."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, Table

from briefgen.brief.model import KeyNumbers, Prose, Section
from briefgen.pipeline import render
from briefgen.render.pdf import writer as pdf_writer
from briefgen.render.pdf.table import KeepStart
from briefgen.render.pdf.writer import CONTENTS_MIN_PAGES, audit_pdf
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import rt, sample_brief
from tests.support.long_brief import long_brief


def pages(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def test_a_short_brief_has_no_contents_page_but_an_outline(example_brief):
    data = render(example_brief, "pdf")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) - 1 < CONTENTS_MIN_PAGES
    assert not any(t.lstrip().startswith("Contents") for t in pages(data))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[: len(example_brief.sections)] == [
        f"{i} {s.title}" for i, s in enumerate(example_brief.sections, 1)
    ]


def test_a_long_brief_gets_its_contents_page_after_the_cover():
    text = pages(render(long_brief(40), "pdf"))
    assert len(text) - 1 >= CONTENTS_MIN_PAGES
    assert text[1].split("\n")[1] == "Contents"  # under the running header
    assert "1 Section 1:" in text[1].replace("\n", " ")


def test_a_one_section_brief_fits_its_cover_page(example_brief):
    one = replace(
        example_brief,
        sections=example_brief.sections[:1],
        fact_appendix=False,
        key_numbers=None,
        summary=None,
    )
    text = pages(render(one, "pdf"))
    assert len(text) == 1
    assert "1 The argument" in text[0] and "References" in text[0]


def _table(rows: int) -> Table:
    style = getSampleStyleSheet()["Normal"]
    data = [[Paragraph("Head", style)], *([Paragraph(f"Row {i}", style)] for i in range(rows))]
    return Table(data, colWidths=[200], repeatRows=1)


def _rows(part: Table) -> list[str]:
    return [(row[0][0] if isinstance(row[0], tuple | list) else row[0]).text for row in part._cellvalues]


def test_a_short_table_moves_on_whole_rather_than_split():
    keep = KeepStart([], _table(6))
    height = _table(6).wrap(200, 1000)[1]
    assert keep.split(200, height - 10) == []  # on to the next page, where it fits
    parts = keep.split(200, height + 1)
    assert len(parts) == 1 and len(parts[0]._cellvalues) == 7


def test_a_long_table_carries_at_least_three_rows_over():
    table = _table(20)
    table.wrap(200, 1000)
    head, row = table._rowHeights[0], table._rowHeights[1]
    # Room for the header and 19 rows: reportlab would carry one row over; three go.
    parts = KeepStart([], table).split(200, head + 19 * row + 1)
    first, rest = parts[0], parts[1].table
    assert _rows(first)[1:] == [f"Row {i}" for i in range(17)]
    assert _rows(rest) == ["Head", "Row 17", "Row 18", "Row 19"]


def test_a_table_ending_the_document_leaves_no_near_empty_last_page():
    table = _table(40)
    table.wrap(200, 1000)
    head, row = table._rowHeights[0], table._rowHeights[1]
    # Room for 36 rows; the last part must be at least ten rows tall.
    parts = KeepStart([], table, tail=10 * row).split(200, head + 36 * row + 1)
    assert len(_rows(parts[1].table)) - 1 == 10


def test_no_paragraph_ends_on_a_lone_word_with_its_marker(example_brief):
    # 'six.[1, ¶ 27]' alone: a word and a marker on the last line of a paragraph.
    brief = replace(example_brief, sections=(*example_brief.sections, *long_brief(30).sections))
    # Key-number tiles aside: a figure is a single word ('1.3x') by design.
    sections = tuple(s for s in brief.sections if not any(isinstance(b, KeyNumbers) for b in s.blocks))
    for page in pages(render(replace(brief, sections=sections), "pdf"))[1:]:
        for line in page.split("\n"):
            assert not re.fullmatch(r"\S+\[\d+(, ¶ \d+)?\]", line.strip()), line


def _one_long_section(k: int):
    para = Prose(
        rt(
            "The release adds support for incremental builds across every platform and reduces memory use "
            "when large documents are parsed, while keeping the public interface stable for existing users."
        )
    )
    base = replace(sample_brief(), key_numbers=None, fact_appendix=False)
    return replace(base, sections=(Section("s", "Long section", (para,) * k),))


def _short_pages(briefs) -> dict[int, list[str]]:
    return {
        k: found
        for k, b in briefs
        if (found := [p for p in audit_pdf(b, DEFAULT_THEME) if re.search(r"filled \d+%, under", p)])
    }


def test_no_last_page_holds_only_a_short_tail(monkeypatch):
    # Bodies of 10 to 39 paragraphs end at every height of a page: the references (or the last lines)
    # would be left alone on a last page for some of them.
    briefs = [(k, _one_long_section(k)) for k in range(10, 40)]
    assert _short_pages(briefs) == {}
    # Without taking from the page before, some last pages hold a heading and a line or two.
    monkeypatch.setattr(pdf_writer, "tail_break", lambda pages, keeps: None)
    assert len(_short_pages(briefs)) >= 3
