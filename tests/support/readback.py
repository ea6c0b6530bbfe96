"""Read outputs back as a user's software would: python-pptx for decks, pypdf for PDFs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader


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


def require_tool(name: str) -> str:
    """Path of a Debian tool; skipped locally when missing, a failure in CI (which installs it)."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed; .ci/run must install it")
    pytest.skip(f"{name} is not installed")


def libreoffice_pages(deck: Path, workdir: Path) -> int:
    """Convert a deck with LibreOffice and return the page count of the PDF it wrote.

    soffice exits 0 even when it cannot load a file, so the PDF's existence and page count are the test.
    """
    soffice = require_tool("soffice")
    pdfinfo = require_tool("pdfinfo")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{workdir}/lo-profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(deck),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(workdir)},
    )
    converted = workdir / (deck.stem + ".pdf")
    assert converted.exists(), "LibreOffice could not open the deck"
    info = subprocess.run([pdfinfo, str(converted)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
