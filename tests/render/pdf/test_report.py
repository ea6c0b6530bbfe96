"""The PDF as a published report: tables, contents page and outline, cover and classification banner,
paper sizes, a CJK font, metadata, qpdf, reading order and byte-identical rebuilds."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from briefgen.brief.model import Brief, Prose, RichText, Section, Table, Text
from briefgen.pipeline import render
from briefgen.render.pdf.contents import contents_entries
from briefgen.render.pdf.fonts import face_name, register_fonts
from briefgen.render.pdf.table import column_widths
from tests.support.briefs import cite, rt, sample_brief
from tests.support.readback import require_file, require_tool

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
HEADER = ("Province", "Indicator", "Value")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def long_table(rows: int = 300) -> Table:
    body = tuple(
        (
            RichText((Text(f"Province {i:03d}"),)),
            RichText((Text("Joint laboratories opened under the cooperation programme"),)),
            rt(("labs", f"{i * 7:,}", 1)),
        )
        for i in range(1, rows + 1)
    )
    return Table(
        "Laboratories by province", HEADER, body, "Source: Consul General in Mumbai (2024) [1]", (1,)
    )


def huge_cell_table(words: int = 3000) -> Table:
    text = " ".join(f"word{i}" for i in range(words - 1)) + " LASTWORD"
    row = (RichText((Text("Everything"),)), RichText((Text(text),), cite(2)), RichText((Text("1"),)))
    return Table("One enormous cell", ("Topic", "Notes", "n"), (row,), "Source: Luo (2024) [2]", (2,))


def with_tables(brief: Brief) -> Brief:
    tables = (
        Section("tables", "Tables", (Prose(rt("What the table shows.")), long_table())),
        Section("huge", "A huge cell", (Prose(rt("One row longer than a page.")), huge_cell_table())),
    )
    return replace(brief, sections=brief.sections + tables)


@pytest.fixture(scope="module")
def brief() -> Brief:
    b = replace(sample_brief(facts=True), fact_appendix=True, keywords=("innovation", "China", "R&D"))
    return with_tables(b)


@pytest.fixture(scope="module")
def letter(brief) -> Brief:
    return replace(brief, theme=replace(brief.theme, page_size="Letter", classification="Confidential"))


@pytest.fixture(scope="module")
def data(brief) -> bytes:
    return render(brief, "pdf")


@pytest.fixture(scope="module")
def letter_data(letter) -> bytes:
    return render(letter, "pdf")


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _pages(data: bytes) -> list[str]:
    return [_flat(p.extract_text()) for p in _reader(data).pages]


def _heading_page(pages: list[str], text: str) -> int:
    """1-based page of a heading, past the contents page (which names it too)."""
    return next(
        i for i, p in enumerate(pages, start=1) if i > 2 and re.search(rf"(^| ){re.escape(text)} ", p)
    )


@pytest.mark.parametrize("which", ["data", "letter_data"])
def test_contents_lists_every_heading_with_its_page(brief, which, request):
    pages = _pages(request.getfixturevalue(which))
    toc = pages[1]
    assert " Contents " in f" {toc}"
    entries = contents_entries(brief)
    assert [e.title for e in entries][-2:] == ["References", "Fact appendix"]
    for e in entries:
        page = _heading_page(pages, e.outline)
        assert f"{e.outline} {page}" in toc, (e.outline, page)


def test_outline_equals_the_headings_and_lands_on_them(brief, data):
    reader = _reader(data)
    pages = _pages(data)
    outline = [o for o in reader.outline if not isinstance(o, list)]
    entries = contents_entries(brief)
    assert [o.title for o in outline] == [e.outline for e in entries]
    for o, e in zip(outline, entries, strict=True):
        assert reader.get_destination_page_number(o) + 1 == _heading_page(pages, e.outline)


def test_contents_entries_link_to_the_headings(data):
    reader = _reader(data)
    links = [a.get_object() for a in reader.pages[1].get("/Annots") or []]
    # Each entry links twice (title and page number).
    assert len(links) == 2 * len([o for o in reader.outline if not isinstance(o, list)])


def test_long_table_repeats_its_header_and_keeps_every_row(data):
    pages = _pages(data)
    spanned = [p for p in pages if "Province 0" in p or "Province 1" in p or "Province 2" in p]
    assert len(spanned) >= 5
    for p in spanned:
        assert " ".join(HEADER) in p
        # The rows cite reference 1: its note is at the foot of every page the table spans.
        assert "[1] Consul General of the People’s Republic of China in Mumbai" in p
    text = " ".join(spanned)
    for i in (1, 150, 300):
        assert f"Province {i:03d}" in text
    assert "Laboratories by province" in text
    # The source line follows the last row.
    assert text.index("Province 300") < text.rindex("Source: Consul General in Mumbai (2024) [1]")


def test_huge_cell_splits_across_pages(data):
    pages = _pages(data)
    start = _heading_page(pages, f"{len(sample_brief().sections) + 2} A huge cell") - 1
    text = " ".join(pages[start:])
    assert "word0 " in text and "word2998 LASTWORD" in text
    assert "Source: Luo (2024) [2]" in text
    spanned = [p for p in pages[start:] if "word1" in p]
    assert len(spanned) >= 2
    assert all("Topic Notes n" in p for p in spanned)


def test_column_widths_suit_the_content():
    font = register_fonts()
    block = long_table(20)
    widths = column_widths(block, 480, font, face_name(font, "bold"), 9, [0, 0, 10])
    assert sum(widths) == pytest.approx(480)
    # The long text column gets the room; the figures keep a narrow column.
    assert widths[1] > widths[0] > widths[2]
    short = Table("", ("A", "B"), ((RichText((Text("x"),)), RichText((Text("y"),))),))
    assert column_widths(short, 480, font, face_name(font, "bold"), 9, [0, 0]) == [240, 240]


def test_page_sizes(data, letter_data):
    a4 = _reader(data).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    for page in _reader(letter_data).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def test_metadata(brief, data):
    meta = _reader(data).metadata
    assert meta.title == brief.title
    assert meta.author == brief.author
    assert meta.subject == brief.subtitle
    assert meta["/Keywords"] == "innovation, China, R&D"
    assert meta["/Creator"] == "briefgen"


def test_web_links_are_clickable(brief, data):
    reader = _reader(data)
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in reader.pages
        for a in p.get("/Annots") or []
        if a.get_object().get("/A", {}).get("/S") == "/URI"
    ]
    assert uris == [r.url for r in brief.references if r.url]


def test_cover_shows_title_subtitle_author_date_and_classification(letter, letter_data):
    pages = _pages(letter_data)
    for part in (letter.title, letter.subtitle, letter.author, letter.date):
        assert _flat(part) in pages[0]
    # On the cover's stamp and in the banner of every page.
    assert pages[0].count("CONFIDENTIAL") >= 2
    assert all("CONFIDENTIAL" in p for p in pages)


def test_no_banner_without_a_classification(data):
    assert not any("CONFIDENTIAL" in p for p in _pages(data))


def test_running_header_and_page_footer_kept(brief, letter_data):
    pages = _pages(letter_data)
    for n, p in enumerate(pages[1:], start=2):
        assert f"Page {n} of {len(pages)}" in p
        assert brief.title[:30] in p


def test_headings_come_before_their_paragraphs(data):
    pages = _pages(data)
    n = len(sample_brief().sections) + 1
    page = pages[_heading_page(pages, f"{n} Tables") - 1]
    assert page.index(f"{n} Tables") < page.index("What the table shows.") < page.index("Province 001")


def test_rebuilds_are_byte_identical(letter, letter_data):
    assert render(letter, "pdf") == letter_data


@pytest.mark.parametrize("which", ["data", "letter_data"])
def test_only_embedded_fonts(which, request):
    reader = _reader(request.getfixturevalue(which))
    fonts = {
        str(f.get_object()["/BaseFont"])
        for p in reader.pages
        for f in (p["/Resources"].get("/Font") or {}).values()
    }
    assert fonts and not any(base in name for name in fonts for base in BASE14), fonts


@pytest.mark.parametrize("which", ["data", "letter_data"])
def test_qpdf_check_passes(which, request, tmp_path):
    qpdf = require_tool("qpdf")
    path = tmp_path / "brief.pdf"
    path.write_bytes(request.getfixturevalue(which))
    done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_cjk_font_renders_chinese_with_cjk_wrapping():
    require_file(CJK_FONT, "fonts-wqy-zenhei")
    from briefgen.render.pdf.story import make_styles

    files = dict.fromkeys(("regular", "bold", "italic", "bold_italic"), CJK_FONT)
    theme = replace(sample_brief().theme, pdf_font="WQYZenHei", pdf_font_files=files)
    assert make_styles(theme)["body"].wordWrap == "CJK"
    chinese = "新质生产力是创新起主导作用，摆脱传统经济增长方式、生产力发展路径的先进生产力质态。" * 6
    section = Section("zh", "新质生产力", (Prose(RichText((Text(chinese),), cite(1))),))
    brief = replace(sample_brief(), sections=(section,), theme=theme)
    data = render(brief, "pdf")
    assert data == render(brief, "pdf")
    text = "".join(p.extract_text() for p in _reader(data).pages)
    assert "新质生产力" in text
    assert re.sub(r"\s+", "", chinese) in re.sub(r"\s+", "", text)
    fonts = {
        str(f.get_object()["/BaseFont"])
        for p in _reader(data).pages
        for f in (p["/Resources"].get("/Font") or {}).values()
    }
    assert not any(base in name for name in fonts for base in BASE14), fonts
