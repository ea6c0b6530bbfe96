"""Chart data typed from a source's table: every value must be a number that source states."""

from __future__ import annotations

from briefgen.diagnostics import Diagnostic
from briefgen.facts.formatting import number_text
from briefgen.facts.numbers import Stated, matches, stated_numbers
from briefgen.facts.resolved import FactTable, ResolvedFact
from briefgen.facts.sources import SourceText
from briefgen.spec.load import LoadedSpec
from briefgen.spec.model import ChartSpec, TableSpec


def table_cell_id(section: int, chart: int, row: int, column: int) -> str:
    """The id of a chart table's value in the fact table (':' keeps it apart from the user's ids)."""
    return f"table:{section}:{chart}:{row}:{column}"


def check_tables(ls: LoadedSpec, texts: dict[str, SourceText], table: FactTable) -> list[Diagnostic]:
    """Verify the tables of every chart; each value found becomes a fact in `table`."""
    diags: list[Diagnostic] = []
    for i, sec in enumerate(ls.spec.sections):
        for k, chart in enumerate(sec.all_charts()):
            if chart.table is not None and chart.table.source in texts:
                path = ("sections", i) + (
                    ("chart",) if sec.chart and k == 0 else ("charts", k - bool(sec.chart))
                )
                diags += _check_table(ls, chart, chart.table, texts[chart.table.source], (i, k), path, table)
    return diags


def _check_table(
    ls: LoadedSpec,
    chart: ChartSpec,
    spec: TableSpec,
    text: SourceText,
    at: tuple[int, int],
    path: tuple,
    table: FactTable,
) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    numbers = stated_numbers(text.text)
    for r, row in enumerate(spec.rows):
        where = ls.doc.at(path + ("table", "rows", r))
        cell_name = f"table of chart '{chart.title}', row '{row[0]}'"
        if len(row) != len(spec.columns):
            diags.append(
                Diagnostic(
                    "error",
                    "table-shape",
                    f"{cell_name} has {len(row)} cells, not {len(spec.columns)}",
                    where,
                    "give a label and one value per column",
                )
            )
            continue
        for c, cell in enumerate(row[1:], 1):
            name = f"{cell_name}, column '{spec.columns[c]}'"
            if not isinstance(cell, float):
                diags.append(
                    Diagnostic(
                        "error",
                        "table-value",
                        f"{name}: '{cell}' is not a number",
                        where,
                        "write the number as the source states it, e.g. 9.4",
                    )
                )
                continue
            hit = _first(numbers, cell, spec)
            if hit is None:
                diags.append(
                    Diagnostic(
                        "error",
                        "table-value-not-in-source",
                        f"{name}: {number_text(cell)} is not a number source '{spec.source}' states",
                        where,
                        "check the value against the source's table",
                    )
                )
                continue
            fid = table_cell_id(*at, r, c)
            # The table declares unit and scale for all its values; where else the number occurs is no guide.
            table[fid] = ResolvedFact(
                fid,
                "document",
                cell,
                spec.scale,
                spec.unit,
                hit.qualifier,
                f"{row[0]}, {spec.columns[c]}",
                spec.source,
                hit.text,
                text.locate(hit.start, hit.end),
                note=spec.locator,
            )
    return diags


def _first(numbers: list[Stated], value: float, spec: TableSpec) -> Stated | None:
    return next((n for n in numbers if matches(value, spec.scale, n)), None)
