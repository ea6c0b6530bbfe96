"""Chart data typed from a source's table: every value must be a number that source states."""

from __future__ import annotations

import re
from dataclasses import replace

from briefgen.diagnostics import Diagnostic
from briefgen.facts.cells import plain_quantity
from briefgen.facts.formatting import number_text
from briefgen.facts.resolved import FactTable, ResolvedFact
from briefgen.facts.source_tables import Cell, SourceTable, SourceTables, same
from briefgen.facts.sources import Locator, SourceText
from briefgen.numbers.reader import Stated, matches, stated_numbers
from briefgen.spec.load import LoadedSpec
from briefgen.spec.model import TableBlockSpec, TableSpec

SECTION_TABLE = -1  # in a table value's id, where a chart's number would be: the section's own table


def table_cell_id(section: int, chart: int, row: int, column: int) -> str:
    """The id of a table's value in the fact table (':' keeps it apart from the user's ids): a chart's
    table, or with `chart` SECTION_TABLE the section's table read from a source."""
    return f"table:{section}:{chart}:{row}:{column}"


def check_tables(
    ls: LoadedSpec, texts: dict[str, SourceText], table: FactTable, found: SourceTables
) -> list[Diagnostic]:
    """Verify the tables of every chart, and the sections' tables read from a source; each value found
    becomes a fact in `table`."""
    diags: list[Diagnostic] = []
    for i, sec in enumerate(ls.spec.sections):
        if sec.table is not None and sec.table.source in texts:
            owner = f"section '{sec.id}'"
            source = sec.table.source
            at = (i, SECTION_TABLE)
            diags += _check_table(
                ls, owner, sec.table, texts[source], found[source], at, ("sections", i), table
            )
        for k, chart in enumerate(sec.all_charts()):
            if chart.table is not None and chart.table.source in texts:
                path = ("sections", i) + (
                    ("chart",) if sec.chart and k == 0 else ("charts", k - bool(sec.chart))
                )
                source = chart.table.source
                owner = f"chart '{chart.title}'"
                diags += _check_table(
                    ls, owner, chart.table, texts[source], found[source], (i, k), path, table
                )
    return diags


def _check_table(
    ls: LoadedSpec,
    owner: str,
    spec: TableSpec | TableBlockSpec,
    text: SourceText,
    tables: list[SourceTable],
    at: tuple[int, int],
    path: tuple,
    table: FactTable,
) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    source = spec.source or ""
    decimal = ls.spec.sources[source].decimal
    rows: list[list[float | str]] = [list(row) for row in spec.rows]
    if not tables:
        return [
            Diagnostic(
                "error",
                "table-not-in-source",
                f"the table of {owner} names source '{spec.source}', which has no table",
                ls.doc.at(path + ("table", "source")),
                "a table: from a source is checked cell by cell against a table of it (CSV, XLSX, HTML, "
                "DOCX or Markdown tables, or rows of text aligned in columns); cite facts instead",
            )
        ]
    for r, row in enumerate(rows):
        where = ls.doc.at(path + ("table", "rows", r))
        cell_name = f"table of {owner}, row '{row[0]}'"
        read = len(row) == 1  # a label alone: the values are read from the source's cells
        if len(row) != len(spec.columns) and not read:
            diags.append(
                Diagnostic(
                    "error",
                    "table-shape",
                    f"{cell_name} has {len(row)} cells, not {len(spec.columns)}",
                    where,
                    "give a label and one value per column, or the label alone to read the values",
                )
            )
            continue
        for c in range(1, len(spec.columns)):
            value = None if read else row[c]
            name = f"{cell_name}, column '{spec.columns[c]}'"
            if value is not None and not isinstance(value, float):
                diags.append(
                    Diagnostic(
                        "error",
                        "table-value",
                        f"{name}: '{value}' is not a number",
                        where,
                        "write the number as the source states it, e.g. 9.4",
                    )
                )
                continue
            found = _cell(tables, str(row[0]), spec.columns[c], spec.locator)
            if isinstance(found, str):
                diags.append(
                    Diagnostic("error", "table-cell-not-found", f"{name}: {found}", where, _labels(tables))
                )
                continue
            src_table, cell = found
            place = _place(src_table, cell, str(row[0]), spec.columns[c])
            stated = stated_numbers(cell.text, "." if cell.number is not None else decimal)
            if value is None:
                if len(stated) != 1 or stated[0].high is not None:
                    diags.append(
                        Diagnostic(
                            "error",
                            "table-value",
                            f"{name}: {place} holds '{cell.text}', not one number",
                            where,
                            "plot rows whose cells hold numbers, or write the values in the row",
                        )
                    )
                    continue
                value = stated[0].value
            hit = next((n for n in stated if _states(n, value, spec)), None)
            if hit is None:
                diags.append(
                    Diagnostic(
                        "error",
                        "table-value-not-in-source",
                        f"{name}: {number_text(value)} is not what the source's cell states",
                        where,
                        f"{place} says: {cell.text}",
                    )
                )
                continue
            fid = table_cell_id(*at, r, c)
            locator = text.locate(cell.start, cell.end) if cell.start >= 0 else Locator(0, 0, 0, 0, cell.page)
            # The table declares unit and scale for all its values; the qualifier is the cell's own.
            table[fid] = ResolvedFact(
                fid,
                "document",
                value,
                spec.scale,
                spec.unit,
                hit.qualifier,
                f"{row[0]}, {spec.columns[c]}",
                source,
                cell.text,
                replace(locator, cell=place),
                note=spec.locator or (cell.ref if cell.ref else f"Table {src_table.number}"),
                digits=hit.digits if abs(hit.value - value) < 1e-9 * max(1.0, abs(value)) else "",
                grouped=hit.grouped or plain_quantity(cell.text, text.kind),
            )
    return diags


def _place(table: SourceTable, cell: Cell, row: str, column: str) -> str:
    """Where a cell is: 'GDP!D4' in a workbook, 'row India, column 2023 (cell E2)' in a CSV file, else
    'Table 2, row India, column 2023'."""
    if table.name and cell.ref:
        return cell.ref
    if cell.ref:
        return f"row {row}, column {column} (cell {cell.ref})"
    return f"Table {table.number}, row {row}, column {column}"


def _cell(tables: list[SourceTable], row: str, column: str, locator: str) -> tuple[SourceTable, Cell] | str:
    """The cell of the first table (the one the locator names, if it names one) with that row and column."""
    named = re.search(r"\btable\s+(\d+)", locator, re.IGNORECASE)
    order = sorted(
        tables,
        key=lambda t: (
            not (t.name and same(t.name, locator)) and (named is None or t.number != int(named.group(1)))
        ),
    )
    for t in order:
        rc = t.find(row, column)
        if rc is not None:
            return t, t.rows[rc[0]][rc[1]]
    if not any(any(same(h.text, column) for r in t.rows for h in r) for t in tables):
        return f"no table of the source has a column headed '{column}'"
    return f"no table of the source has a row '{row}' under the heading '{column}'"


def _labels(tables: list[SourceTable]) -> str:
    """The row and column labels of the source's tables, for the hint."""
    parts = []
    for t in tables[:3]:
        heads = " | ".join(t.headings()[:6])
        rows = " | ".join(t.labels()[:6])
        parts.append(f"Table {t.number}: columns {heads}; rows {rows}")
    return "; ".join(parts) + ("; …" if len(tables) > 3 else "")


def _states(n: Stated, value: float, spec: TableSpec | TableBlockSpec) -> bool:
    """The cell's number is the value: its own scale, if it writes one, is the table's."""
    return matches(value, None, n) and (n.scale is None or n.scale == spec.scale) and n.high is None
