"""Spreadsheet sources: the cells of a CSV file and of every worksheet of an XLSX workbook, as blocks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from briefgen.facts.blocks import Block, ReadError

MAX_CELLS = 1_000_000  # filled cells kept of a CSV file or a workbook: about 300 MB of blocks and tables


def column_letters(index: int) -> str:
    """The letters of a 0-based column index: 0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """The 0-based index of column letters: 'A' → 0, 'AA' → 26."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_csv(path: Path) -> list[Block]:
    """A CSV (or TSV) file's cells, row by row: one table, its delimiter sniffed from the first lines."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"not UTF-8 text ({e.reason} at byte {e.start}); save the CSV as UTF-8") from e
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    blocks: list[Block] = []
    line = 1
    try:
        for r, row in enumerate(reader):
            for c, value in enumerate(row):
                value = value.strip()
                if value:
                    ref = f"{column_letters(c)}{r + 1}"
                    blocks.append(Block(value, line, cell=(1, r, c), ref=ref))
                    if len(blocks) > MAX_CELLS:
                        raise ReadError(f"has over {MAX_CELLS:,} filled cells; split the table")
            line = reader.line_num + 1
    except csv.Error as e:
        raise ReadError(f"not a well-formed CSV file (line {reader.line_num}: {e})") from e
    return blocks


def read_xlsx(path: Path) -> list[Block]:
    """An XLSX workbook's cells, sheet by sheet (each a table, numbered from 1) and row by row, with the
    values Excel last calculated (a formula's result, not its text) and the column span of merged cells.
    Rows are streamed (openpyxl's read-only mode): memory grows with the cells kept, and stops at
    MAX_CELLS."""
    import openpyxl

    from briefgen.spec.paths import zip_problem

    if problem := zip_problem(path):
        raise ReadError(f"the XLSX {problem}")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # a damaged package: zipfile, lxml and openpyxl raise their own kinds
        raise ReadError(f"not a readable XLSX workbook ({type(e).__name__}: {e})") from e
    blocks: list[Block] = []
    try:
        with zipfile.ZipFile(path) as package:
            for t, sheet in enumerate(book.worksheets, 1):
                spans = _merged(package, getattr(sheet, "_worksheet_path", ""))
                for row in sheet.iter_rows():
                    for cell in row:
                        value = getattr(cell, "value", None)
                        if value is None or (isinstance(value, str) and not value.strip()):
                            continue
                        text, number = _shown(value, cell.number_format or "")
                        blocks.append(
                            Block(
                                text,
                                cell.row,
                                cell=(t, cell.row - 1, cell.column - 1),
                                sheet=sheet.title,
                                ref=f"{sheet_ref(sheet.title)}!{cell.coordinate}",
                                span=spans.get((cell.row, cell.column), 1),
                                number=number,
                            )
                        )
                        if len(blocks) > MAX_CELLS:
                            raise ReadError(
                                f"has over {MAX_CELLS:,} filled cells; keep the tables the brief needs"
                            )
    except ReadError:
        raise
    except Exception as e:  # a damaged sheet shows only when its rows are read
        raise ReadError(f"not a readable XLSX workbook ({type(e).__name__}: {e})") from e
    finally:
        book.close()
    return blocks


def _merged(package: zipfile.ZipFile, part: str) -> dict[tuple[int, int], int]:
    """The merged ranges of a sheet (its XML part, read as a stream): (row, column) of each range's first
    cell → the columns it spans. Read-only workbooks do not keep them."""
    from lxml import etree

    spans: dict[tuple[int, int], int] = {}
    if part not in package.namelist():
        return spans
    with package.open(part) as xml:
        for _, element in etree.iterparse(
            xml, events=("end",), tag=f"{{{_MAIN}}}mergeCell", resolve_entities=False
        ):
            m = _RANGE.fullmatch(element.get("ref", ""))
            if m:
                first, last = column_index(m.group(1)), column_index(m.group(3))
                spans[(int(m.group(2)), first + 1)] = last - first + 1
            element.clear()
    return spans


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)")


def sheet_ref(title: str) -> str:
    """A sheet's name as a cell address writes it: quoted when it holds anything but letters and digits."""
    return title if title.replace("_", "").isalnum() else "'" + title.replace("'", "''") + "'"


def _shown(value: object, number_format: str) -> tuple[str, float | None]:
    """A cell's value as Excel shows it (its number format's decimals, grouping and percent sign), and the
    number shown (None for text and dates): the figure a reader of the sheet sees is the one stated."""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return str(value), None
        text = _formatted(float(value), number_format)
        return text, float(text.replace(",", "").rstrip("%"))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            value = value.date()
        return value.isoformat(), None
    return " ".join(str(value).split()), None


_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _formatted(value: float, number_format: str) -> str:
    """`value` in an Excel number format's first section: '#,##0.0' → '3,385.1', '0.0%' → '12.5%';
    'General' (or a format with no digit placeholder) → at most 10 significant digits, as Excel shows."""
    section = _LITERALS.sub("", number_format.split(";")[0])
    percent = "%" in section
    if percent:
        value *= 100
    if not re.search(r"[0#?]", section):
        text = f"{value:.10g}"
        text = repr(value) if "e" in text else text
    else:
        whole, _, frac = section.partition(".")
        most = len(re.findall(r"[0#?]", frac))
        least = frac.count("0")
        # Excel rounds half away from zero (12.5 → 13), as Decimal's ROUND_HALF_UP does; format() would not.
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-most), ROUND_HALF_UP)
        text = f"{exact:,.{most}f}" if "," in whole else f"{exact:.{most}f}"
        if most > least and "." in text:
            keep = len(text) - (most - least)
            text = text[:keep] + text[keep:].rstrip("0")
            text = text.rstrip(".")
    if text in ("-0", "-0.0") or re.fullmatch(r"-0\.0*", text):
        text = text[1:]
    return text + ("%" if percent else "")
