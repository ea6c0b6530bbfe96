"""A chart's `table:` is checked cell by cell against a table of its source — HTML, DOCX, Markdown, aligned
text and PDF — found by row label and column heading; the cell is its locator and its only qualifier."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

import briefgen
from tests.support.readback import libreoffice_convert

ROWS = [("Region", "2022", "2023"), ("North", "120", "about 140"), ("South", "80", "95")]
PROSE = "Elsewhere the report mentions 141 projects, about 80 staff and 95 offices."

HTML = f"""<!doctype html><html><body><p>{PROSE}</p>
<table><thead><tr><th>Region</th><th>2022</th><th>2023</th></tr></thead>
<tbody><tr><td>North</td><td>120</td><td>about 140</td></tr>
<tr><td>South</td><td>80</td><td>95</td></tr></tbody></table></body></html>"""
MARKDOWN = f"{PROSE}\n\n| Region | 2022 | 2023 |\n| --- | ---: | ---: |\n" + "".join(
    f"| {a} | {b} | {c} |\n" for a, b, c in ROWS[1:]
)
TEXT = f"{PROSE}\n\nTable 1. Projects\n\n" + "".join(f"{a:<10}{b:>6}{c:>12}\n" for a, b, c in ROWS)


def write_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(PROSE)
    table = d.add_table(rows=len(ROWS), cols=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.save(str(path))
    return path


def spec(source: str, rows: str = "[North, 120, 140], [South, 80, 95]") -> str:
    return f"""
title: Projects
sources:
  report: {{path: {source}, author: Agency, title: Report, date: '2024'}}
facts: {{}}
sections:
  - id: one
    title: One
    chart:
      kind: column
      title: Projects by region
      table:
        source: report
        unit: projects
        columns: [Region, "2022", "2023"]
        rows: [{rows}]
"""


@pytest.fixture(params=["html", "md", "txt", "docx", "pdf"])
def source(request, tmp_path: Path) -> str:
    folder = tmp_path / "sources"
    folder.mkdir()
    kind = request.param
    if kind == "html":
        (folder / "report.html").write_text(HTML, encoding="utf-8")
    elif kind == "md":
        (folder / "report.md").write_text(MARKDOWN, encoding="utf-8")
    elif kind == "txt":
        (folder / "report.txt").write_text(TEXT, encoding="utf-8")
    elif kind == "docx":
        write_docx(folder / "report.docx")
    else:
        libreoffice_convert(write_docx(tmp_path / "report.docx"), folder)
    return f"sources/report.{kind}"


def test_values_are_checked_against_their_cell(make_spec, source):
    brief, diags = briefgen.check(make_spec(spec(source)))
    assert brief is not None, [str(d) for d in diags]
    north_2023 = brief.fact("table:0:0:0:2")
    # The qualifier comes from the cell ('about 140'), never from a sentence elsewhere ('about 80 staff').
    assert north_2023.value == "about 140 projects"
    assert brief.fact("table:0:0:1:1").value == "80 projects"
    assert north_2023.locator.endswith("Table 1, row North, column 2023")


def test_a_number_found_elsewhere_is_not_the_cell(make_spec, source):
    # 141 and 95 occur in the prose; only the cell counts.
    _, diags = briefgen.check(make_spec(spec(source, "[North, 120, 141], [South, 95, 95]")))
    assert [(d.code, d.message, d.hint) for d in diags if d.severity == "error"] == [
        (
            "table-value-not-in-source",
            "table of chart 'Projects by region', row 'North', column '2023': 141 is not what the source's "
            "cell states",
            "Table 1, row North, column 2023 says: about 140",
        ),
        (
            "table-value-not-in-source",
            "table of chart 'Projects by region', row 'South', column '2022': 95 is not what the source's "
            "cell states",
            "Table 1, row South, column 2022 says: 80",
        ),
    ]


def test_a_row_or_column_the_table_lacks_names_what_it_has(make_spec, source):
    _, diags = briefgen.check(make_spec(spec(source, "[East, 120, 140]")))
    errors = [d for d in diags if d.severity == "error"]
    assert [d.code for d in errors] == ["table-cell-not-found", "table-cell-not-found"]
    assert errors[0].message == (
        "table of chart 'Projects by region', row 'East', column '2022': no table of the source has a row "
        "'East' under the heading '2022'"
    )
    assert "rows North | South" in errors[0].hint and "columns Region | 2022 | 2023" in errors[0].hint


def test_a_source_without_tables_is_named(make_spec):
    path = make_spec(spec("sources/report.txt"), {"sources/report.txt": PROSE + "\n"})
    _, diags = briefgen.check(path)
    assert [(d.code, d.message) for d in diags if d.severity == "error"] == [
        (
            "table-not-in-source",
            "the table of chart 'Projects by region' names source 'report', which has no table",
        )
    ]


def test_real_html_tables_from_debian_documentation(tmp_path):
    """Tables of a document no one here wrote: the first HTML file with a table under /usr/share/doc."""
    from briefgen.facts.source_tables import source_tables
    from briefgen.facts.sources import read_source

    found = None
    for path in sorted(Path("/usr/share/doc").rglob("*.html"))[:400]:
        if b"<table" in path.read_bytes()[:200_000].lower():
            found = path
            break
    if found is None:
        pytest.skip("no HTML documentation with a table on this machine")
    copy = tmp_path / "doc.html"
    shutil.copy(found, copy)
    tables = source_tables(read_source(copy, "html"))
    assert tables and all(t.rows for t in tables), found
    first = tables[0]
    assert first.number == 1 and len(first.rows) >= 1 and any(c.text for c in first.rows[0])
