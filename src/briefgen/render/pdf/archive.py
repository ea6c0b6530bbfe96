"""The PDF's metadata, and PDF/A-2 on request: XMP that repeats the document information (dates from
SOURCE_DATE_EPOCH when it is set), an sRGB output intent, the PDF/A identification."""

from __future__ import annotations

import os
import struct
from datetime import datetime, timezone

import pikepdf
from PIL import ImageCms

SRGB = "sRGB IEC61966-2.1"
PDF_A = {"pdf/a-2b": "B", "pdf/a-2u": "U", "pdf/a-2a": "A"}
# PDF/A admits XMP properties outside its own list only when the file describes their schema.
PDF_UA_SCHEMA = (
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
    'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    "<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>PDF/UA version identifier</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>"
    "</rdf:Description>"
)


def srgb_profile() -> bytes:
    """An sRGB ICC profile made by LittleCMS (no file to ship or download), its creation date fixed at
    2000-01-01 so that the same brief gives the same bytes."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)
    return bytes(data)


def build_date() -> str | None:
    """SOURCE_DATE_EPOCH as a PDF date ('D:20240501120000Z'), for reproducible builds; None when unset or
    not a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def write_metadata(pdf: pikepdf.Pdf, lang: str, standard: str = "") -> None:
    """The XMP metadata from the document information (title, author, subject, keywords, tools, dates),
    with SOURCE_DATE_EPOCH's date in both when set, the language and the PDF/UA-1 identification; with
    `standard` ('pdf/a-2b' …), the PDF/A-2 identification, its description of the PDF/UA schema and an
    sRGB output intent."""
    when = build_date()
    if when is not None:
        pdf.docinfo.CreationDate = pdf.docinfo.ModDate = pikepdf.String(when)
    if "/Trapped" in pdf.docinfo:
        # reportlab's '/Trapped /False' says nothing, and archival XMP has no place for it.
        del pdf.docinfo.Trapped
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["dc:language"] = [lang]
        meta["pdfuaid:part"] = "1"
        if standard in PDF_A:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = PDF_A[standard]
    if standard in PDF_A:
        xmp = pdf.Root.Metadata.read_bytes().replace(b"</rdf:RDF>", PDF_UA_SCHEMA.encode() + b"</rdf:RDF>", 1)
        pdf.Root.Metadata.write(xmp)
        profile = pdf.make_stream(srgb_profile())
        profile.N = 3
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String(SRGB),
            Info=pikepdf.String(SRGB),
            DestOutputProfile=profile,
        )
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
