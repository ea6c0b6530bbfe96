"""Read outputs back as a user's software would: python-pptx for decks, pypdf for PDFs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from briefgen.render.deck.measure import Span, wrap_spans


def squash(text: str) -> str:
    """Text with all whitespace (and word joiners) removed, for comparing what wraps differently."""
    return re.sub(r"[\s\u2060]+", "", text)


def slide_texts(path: Path) -> list[str]:
    """All text on each slide (shapes, tables), in shape order."""
    out = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(c.text for r in shape.table.rows for c in r.cells)
        out.append("\n".join(parts))
    return out


def pdf_text(path: Path) -> str:
    """The PDF's text, page after page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def require_file(path: Path, package: str) -> Path:
    """A file a Debian package installs; skipped locally when missing, a failure in CI (which installs it)."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: .ci/run installs {package}")
        pytest.skip(f"{path} is missing (apt-get install {package})")
    return path


def require_tool(name: str) -> str:
    """Path of a Debian tool; skipped locally when missing, a failure in CI (which installs it)."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed; .ci/run must install it")
    pytest.skip(f"{name} is not installed")


def libreoffice_convert(src: Path, outdir: Path, to: str = "pdf") -> Path:
    """Convert a document with LibreOffice (`to`: 'pdf', or 'docx:MS Word 2007 XML'); the file it wrote.

    soffice exits 0 even when it cannot load a file, so the converted file's existence is checked."""
    soffice = require_tool("soffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{outdir}/lo-profile",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(outdir)},
    )
    converted = outdir / (src.stem + "." + to.split(":")[0])
    assert converted.exists(), f"LibreOffice could not convert {src.name}"
    return converted


def libreoffice_pages(deck: Path, workdir: Path) -> int:
    """Convert a deck with LibreOffice and return the page count of the PDF it wrote."""
    pdfinfo = require_tool("pdfinfo")
    converted = libreoffice_convert(deck, workdir)
    info = subprocess.run([pdfinfo, str(converted)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


STYLES = {
    (False, False): "regular",
    (True, False): "bold",
    (False, True): "italic",
    (True, True): "bold_italic",
}


def measured_height_pt(tf, width_pt: float) -> float:
    """Height of a text frame's text, measured from what is in the file (sizes, bold, spacing)."""
    total = 0.0
    for i, p in enumerate(tf.paragraphs):
        if not p.runs:
            continue
        size = p.runs[0].font.size.pt
        spans = [Span(r.text, STYLES[bool(r.font.bold), bool(r.font.italic)]) for r in p.runs]
        ppr = p._p.pPr
        indent = Emu(int(ppr.get("marL", "0"))).pt if ppr is not None else 0.0
        lines = wrap_spans(spans, width_pt - indent, size)
        total += lines * p.line_spacing.pt + (p.space_before.pt if i and p.space_before else 0.0)
    return total
