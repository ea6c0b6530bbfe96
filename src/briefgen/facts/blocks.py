"""A document's text as blocks (paragraphs, list items, table cells), and the error of an unreadable one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """A paragraph-like piece of visible text; `line` is where it starts in the file (PDFs: on its page)."""

    text: str
    line: int = 0
    page: int | None = None
    cell: tuple[int, int, int] | None = None  # a table cell: (table, row, column), table counted from 1
    heading: int = 0  # a heading's level (1–6); 0 for body text
    sheet: str = ""  # the worksheet a spreadsheet's cell is on
    ref: str = ""  # a spreadsheet cell's address: 'Sheet1!C7', or 'C7' in a CSV file
    span: int = 1  # the columns a merged cell spans
    number: float | None = None  # the number a spreadsheet cell holds (its text is how it is shown)


class ReadError(Exception):
    """The document cannot be read as the kind it claims to be; the message says why."""
