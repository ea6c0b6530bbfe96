"""PDF/A-2 on request: the file passes pikepdf's PDF/A validator (built on veraPDF's rules), its fonts are
embedded with Unicode maps, its dates agree between the document information and XMP."""

from __future__ import annotations

import io
import logging
from dataclasses import replace

import pikepdf
import pikepdf.pdfa
import pytest
from click.testing import CliRunner
from lxml import etree

import briefgen
from briefgen.cli import main
from briefgen.pipeline import render
from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import EXAMPLE
from tests.support.tagged import structure_problems


def archival(brief, standard: str) -> bytes:
    return render(brief, "pdf", replace(brief.theme, pdf_standard=standard))


def validate(data: bytes, tmp_path, flavour: str = "2b"):
    path = tmp_path / "brief.pdf"
    path.write_bytes(data)
    logging.disable(logging.WARNING)  # fontTools finds the fonts' creation dates early
    try:
        return pikepdf.pdfa.validate_written(str(path), flavour)
    finally:
        logging.disable(logging.NOTSET)


def fonts_mapped_and_embedded(data: bytes) -> bool:
    pdf = pikepdf.open(io.BytesIO(data))
    fonts = [f for page in pdf.pages for f in page.obj.Resources.get("/Font", {}).values()]
    return bool(fonts) and all("/ToUnicode" in f and "/FontFile2" in f.FontDescriptor for f in fonts)


EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"


def described_properties(pdf: pikepdf.Pdf) -> set[tuple[str, str, str]]:
    """(namespace, property, value type) for each property the XMP's PDF/A extension schemas describe."""
    xmp = etree.fromstring(pdf.Root.Metadata.read_bytes())
    out = set()
    for schema in xmp.iter(f"{{{SCHEMA}}}namespaceURI"):
        for prop in schema.getparent().iter(f"{{{PROPERTY}}}name"):
            kind = prop.getparent().find(f"{{{PROPERTY}}}valueType")
            out.add((schema.text, prop.text, kind.text if kind is not None else ""))
    return out


def as_2b(data: bytes) -> bytes:
    """The file with its conformance level relabelled B: the validator knows the B levels only, and the
    U and A levels ask everything B asks (and more, checked here apart). The validator reads no PDF/A
    extension schema either (veraPDF does): the PDF/UA identification, which PDF/A admits with the schema
    that describes it, is checked apart too and left out of what the validator reads."""
    pdf = pikepdf.open(io.BytesIO(data))
    xmp = etree.fromstring(pdf.Root.Metadata.read_bytes())
    for el in [
        *xmp.iter(f"{{{PDFUAID}}}part"),
        *(e.getparent() for e in xmp.iter(f"{{{EXTENSION}}}schemas")),
    ]:
        el.getparent().remove(el)
    pdf.Root.Metadata.write(etree.tostring(xmp))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfaid:conformance"] = "B"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("standard", ["pdf/a-2b", "pdf/a-2u", "pdf/a-2a"])
def test_the_archival_pdf_passes_the_pdfa_validator(example_brief, tmp_path, standard):
    data = archival(example_brief, standard)
    report = validate(as_2b(data), tmp_path)
    assert report.verdict == "pass", report.summary()
    pdf = pikepdf.open(io.BytesIO(data))
    meta = pdf.open_metadata()
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", standard[-1].upper())
    # It is a PDF/UA-1 file too, and says so in a property its extension schema describes.
    assert meta["pdfuaid:part"] == "1"
    assert (PDFUAID, "part", "Integer") in described_properties(pdf)
    # 2u: every font maps its glyphs to Unicode; 2a: and the document is tagged.
    assert fonts_mapped_and_embedded(data)
    assert structure_problems(data) == []


def test_without_the_request_the_pdf_is_no_pdfa(example_brief, tmp_path):
    data = render(example_brief, "pdf")
    report = validate(data, tmp_path)
    assert report.verdict == "fail"
    assert any("OutputIntent" in f.message or "pdfaid" in f.message for f in report.findings)
    # It claims PDF/UA-1 (a tagged PDF by default), in PDF 1.7, with its language in the XMP as well.
    pdf = pikepdf.open(io.BytesIO(data))
    meta = pdf.open_metadata()
    assert (meta["pdfuaid:part"], meta["dc:language"], pdf.pdf_version) == ("1", {"en-US"}, "1.7")
    assert described_properties(pdf) == set()


def test_dates_agree_and_follow_source_date_epoch(example_brief, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714564800")  # 2024-05-01 12:00 UTC
    pdf = pikepdf.open(io.BytesIO(archival(example_brief, "pdf/a-2b")))
    meta = pdf.open_metadata()
    assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate) == "D:20240501120000Z"
    assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2024-05-01T12:00:00+00:00"
    assert meta["dc:title"] == example_brief.title


def test_a_spec_asks_for_it_and_a_wrong_name_is_an_error(make_spec):
    spec = make_spec(
        SPEC.replace("title: Test brief", "title: Test brief\npdf_standard: pdf/a-2b"),
        {"sources/doc.txt": SOURCE},
    )
    assert briefgen.load(spec).theme.pdf_standard == "pdf/a-2b"
    spec.write_text(spec.read_text().replace("pdf/a-2b", "pdf/a-9z"))
    _, diags = briefgen.check(spec)
    (error,) = [d for d in diags if d.severity == "error"]
    assert "pdf_standard" in str(error) and "pdf/a-2b" in str(error) and ":2:" in str(error)


def test_a_theme_file_asks_for_it_too(make_spec):
    text = SPEC.replace("title: Test brief", "title: Test brief\ntheme: house.yaml")
    spec = make_spec(text, {"sources/doc.txt": SOURCE, "house.yaml": "pdf_standard: pdf/a-2u\n"})
    assert briefgen.load(spec).theme.pdf_standard == "pdf/a-2u"
    # The spec's own choice wins.
    spec.write_text(
        spec.read_text().replace("theme: house.yaml", "theme: house.yaml\npdf_standard: pdf/a-2b")
    )
    assert briefgen.load(spec).theme.pdf_standard == "pdf/a-2b"


def test_the_build_command_asks_for_it_with_a_flag(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out), "--pdf-standard", "pdf/a-2u"])
    assert result.exit_code == 0, result.output
    meta = pikepdf.open(out / f"{EXAMPLE.stem}.pdf").open_metadata()
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "U")
    wrong = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(out), "--pdf-standard", "pdf/a-3b"])
    assert (
        wrong.exit_code == 2 and "'pdf/a-3b' is not one of 'pdf/a-2b', 'pdf/a-2u', 'pdf/a-2a'" in wrong.output
    )
