"""The PDF as a reader sees it: text, structure, links, fonts and byte-identical rebuilds."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pypdf
import pytest

from briefgen.brief.model import Brief, Chart
from briefgen.render.pdf.charts import chart_drawing
from briefgen.render.pdf.writer import write_pdf
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import sample_brief

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@pytest.fixture(scope="module")
def brief():
    return sample_brief()


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [_flat(p.extract_text()) for p in reader.pages]


@pytest.fixture(scope="module")
def text(pages) -> str:
    return " ".join(pages)


def _flat(s: str) -> str:
    """Extracted text with line breaks and runs of spaces collapsed, so wrapped phrases still match."""
    return re.sub(r"\s+", " ", s)


def _charts(brief) -> list[Chart]:
    return [b for s in brief.sections for b in s.blocks if isinstance(b, Chart)]


def test_cover_shows_title_subtitle_author_date_summary(brief, pages):
    cover = pages[0]
    for part in (brief.title, brief.subtitle, brief.author, brief.date):
        assert part in cover
    assert "R&D <spending> & more" in cover
    assert "Page 1 of" not in cover


def test_key_numbers_panel_on_cover(brief, pages):
    for item in brief.key_numbers.items:
        assert item.value in pages[0]
        assert item.value + item.marker.text in pages[0] and item.label in pages[0]
    assert brief.key_numbers.source_note in pages[0]


def test_section_headings_numbered_in_order(brief, text):
    positions = [text.index(f"{i} {s.title}") for i, s in enumerate(brief.sections, start=1)]
    assert positions == sorted(positions)
    assert text.index("References") > positions[-1]


def test_charts_show_title_labels_and_source(brief, text):
    for chart in _charts(brief):
        assert chart.title in text
        if chart.subtitle:
            assert chart.subtitle in text
        assert chart.source_note in text
        for series in chart.series:
            for label in series.labels:
                assert label in text, (chart.title, label)
        for category in chart.categories:
            assert category in text, (chart.title, category)


def test_chart_takeaway_and_inline_markers(text):
    assert "China rose from 29th to 12th in twelve years.[1]" in text
    assert "$469.01 billion, or 2.64% of GDP.[1]" in text
    assert "Luo states that exports of the “new trio” rose 30% in 2023.[2]" in text


def test_quote_with_attribution_and_marker(text):
    assert "“Lose-lose is not a rational choice, and win-win is the future of mankind.”[2]" in text
    assert "— LUO Weidong, Consul General in Toronto" in text


def test_hostile_text_is_literal(text):
    assert "cooperation & sharing <matter>" in text
    assert "Point 14:" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_every_reference_entry_listed(brief, text):
    refs = text[text.rindex("References") :]
    for ref in brief.references:
        assert _flat(f"[{ref.number}] {ref.text}") in refs
        if ref.url:
            assert ref.url in refs


def test_speaker_notes_not_in_pdf(brief, text):
    for section in brief.sections:
        if section.notes:
            assert section.notes not in text
        for note in section.fact_notes:
            assert note not in text


def test_running_header_and_footer_except_cover(brief, pages):
    total = len(pages)
    assert f"Page 1 of {total}" not in pages[0]
    for n, page in enumerate(pages[1:], start=2):
        assert f"Page {n} of {total}" in page
        assert brief.title in page


def test_metadata(brief, reader):
    meta = reader.metadata
    assert meta.title == brief.title
    assert meta.author == brief.author
    assert meta.subject == brief.subtitle
    assert meta.creator == "briefgen"
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


def test_outline_matches_section_headings(brief, reader, pages):
    outline = [o for o in reader.outline if not isinstance(o, list)]
    titles = [o.title for o in outline]
    assert titles == [f"{i} {s.title}" for i, s in enumerate(brief.sections, start=1)] + ["References"]
    for entry in outline:
        # Each bookmark opens the page that shows its heading.
        assert entry.title in pages[reader.get_destination_page_number(entry)]


def _annotations(reader) -> list[tuple[int, dict]]:
    return [(i, a.get_object()) for i, p in enumerate(reader.pages) for a in (p.get("/Annots") or [])]


def test_citation_links_resolve_to_reference_entries(brief, reader, pages):
    # reportlab resolves each <a name> anchor into an explicit destination (page + position) rather
    # than writing a /Dests name tree, so check where the links land instead of looking names up.
    # (Footnotes repeat the entries at the foot of each page: the list itself follows its heading.)
    ref_page = next(i for i, p in enumerate(pages) if "References [1] " + brief.references[0].text[:20] in p)
    targets = set()
    contents = 1  # the page after the cover
    for i, annot in _annotations(reader):
        dest = annot.get("/Dest")
        if dest is None or i == contents:  # the contents page links to the headings
            continue
        page = reader.get_page_number(dest[0].get_object()) if hasattr(dest[0], "get_object") else None
        assert page == ref_page
        targets.add(round(float(dest[3])))
    # One distinct target per reference entry, the first one highest on the page.
    assert len(targets) == len(brief.references)


def test_uri_links_only_http(brief, reader):
    uris = [a["/A"]["/URI"] for _, a in _annotations(reader) if "/A" in a and a["/A"].get("/S") == "/URI"]
    assert uris == [r.url for r in brief.references if r.url]


def test_only_embedded_carlito_fonts(reader, pdf_bytes):
    fonts = set()
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]))
        for xobj in (page["/Resources"].get("/XObject") or {}).values():
            res = xobj.get_object().get("/Resources") or {}
            for f in (res.get("/Font") or {}).values():
                fonts.add(str(f.get_object()["/BaseFont"]))
    assert fonts and all("Carlito" in f for f in fonts), fonts
    assert not any(name.encode() in pdf_bytes for name in BASE14)


def test_two_builds_byte_identical(brief, pdf_bytes):
    assert write_pdf(brief, DEFAULT_THEME) == pdf_bytes


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_check(pdf_bytes, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf_bytes)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["column", "bar", "line", "pie", "doughnut"])
def test_chart_drawing_fits_width(brief, kind):
    base = _charts(brief)[0]
    chart = Chart(
        kind=kind,
        title="A chart title long enough to need wrapping onto a second line in a narrow drawing",
        categories=("Alpha", "A much longer category name that must wrap", "Gamma"),
        series=tuple(
            type(base.series[0])(f"S{i}", (3.0 + i, 10.0, 7.5), ("three", "ten", "seven and a half"))
            for i in range(2)
        ),
        source_note="Source: test",
        citations=(1,),
        axis_format=",.1f",
    )
    width = 300.0
    d = chart_drawing(chart, DEFAULT_THEME, width)
    assert d.width == width
    x0, y0, x1, y1 = d.getBounds()
    assert x0 >= -0.5 and x1 <= width + 0.5, (x0, x1)
    assert y0 >= -0.5 and y1 <= d.height + 0.5, (y0, y1)


def test_minimal_brief_and_unsafe_url(brief):
    minimal = Brief(name="m", title="Only a title")
    assert pypdf.PdfReader(io.BytesIO(write_pdf(minimal, DEFAULT_THEME))).pages[0].extract_text()
    refs = (replace(brief.references[0], url="javascript:alert(1)"), brief.references[1])
    data = write_pdf(replace(brief, references=refs), DEFAULT_THEME)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert not [a for _, a in _annotations(reader) if "/A" in a]
    assert "javascript:alert(1)" in _flat(reader.pages[-1].extract_text())
