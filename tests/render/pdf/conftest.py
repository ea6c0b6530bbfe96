"""PDF renderer fixtures: each test module gives a `brief`; these write it and read it back."""

from __future__ import annotations

import io

import pypdf
import pytest

from briefgen.render.pdf.writer import write_pdf
from briefgen.theme.model import DEFAULT_THEME


@pytest.fixture(scope="module")
def pdf_bytes(brief) -> bytes:
    return write_pdf(brief, DEFAULT_THEME)


@pytest.fixture(scope="module")
def reader(pdf_bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf_bytes))
