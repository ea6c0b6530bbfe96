"""The names the command line offers before any spec is read (source kinds, PDF standards), kept apart from
the pydantic model so that `briefgen --help` need not build it."""

from __future__ import annotations

from typing import Literal, get_args

SourceKind = Literal["text", "markdown", "html", "pdf", "docx", "csv", "xlsx"]
PdfStandard = Literal["pdf/a-2b", "pdf/a-2u", "pdf/a-2a"]
PDF_STANDARDS: tuple[str, ...] = get_args(PdfStandard)
KINDS: tuple[str, ...] = get_args(SourceKind)
KIND_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
}
