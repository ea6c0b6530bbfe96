"""Tables as sources: facts read from a CSV or XLSX cell (or a table of an HTML, DOCX or Markdown source)
named by its row and column labels or its address, with unit and scale from the heading, and clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl
import pytest
from pptx import Presentation

import briefgen
from briefgen.brief.model import Chart, Table
from tests.support.readback import libreoffice_convert, pdf_text

# A wide table as statistics offices publish them: a label column, a code, a column per year.
GDP_CSV = (
    "Country Name,Country Code,2021,2022,2023\n"
    'India,IND,"3,150.3","3,353.5","3,549.9"\n'
    "China,CHN,17734.1,17881.8,17794.8\n"
    "Brazil,BRA,1670.6,1951.9,2173.7\n"
    "Chad,TCD,n/a,12.7,13.1\n"
)
HEAD = """
title: GDP
sources:
  wb: {path: sources/gdp.csv, publisher: World Bank, title: GDP (current US$ billion), date: '2024'}
"""
USE = """
sections:
  - id: one
    title: One
    bullets: ["{used}"]
"""


def brief_spec(facts: str, used: str = "") -> str:
    return HEAD + "facts:\n" + facts + USE.replace("{used}", used)


@pytest.fixture
def gdp(make_spec):
    def make(facts: str, used: str = "", extra: dict[str, str] | None = None) -> Path:
        return make_spec(brief_spec(facts, used), {"sources/gdp.csv": GDP_CSV, **(extra or {})})

    return make


def test_a_csv_cell_named_by_row_and_column_is_the_fact_in_both_outputs(gdp, tmp_path: Path) -> None:
    spec = gdp(
        "  india: {source: wb, row: India, column: 2023, unit: USD, scale: billion}\n"
        "  china: {source: wb, row: China, column: '2022', value: 17881.8}\n",
        "India's GDP was {india} in 2023; China's {china} in 2022.",
    )
    brief = briefgen.load(spec)
    india, china = brief.fact("india"), brief.fact("china")
    assert (india.value, india.quote) == ("$3,549.9 billion", "3,549.9")
    assert india.locator == "row India, column 2023 (cell E2)"
    assert china.locator == "row China, column 2022 (cell D3)"
    out = briefgen.build(spec, tmp_path / "out")
    pdf = pdf_text(next(p for p in out if p.suffix == ".pdf"))
    deck = " ".join(
        shape.text_frame.text
        for slide in Presentation(str(next(p for p in out if p.suffix == ".pptx"))).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    for text in (pdf, deck):
        flat = " ".join(text.split())
        assert "India's GDP was $3,549.9 billion in 2023" in flat
        assert "17,881.8" in flat
        # The marker points at the cells, numbered the same in both outputs.
        assert re.search(r"\[1, cell E2, cell D3\]", flat), flat[:400]


def test_a_cell_named_by_its_address_and_a_quote_found_in_a_cell(gdp) -> None:
    spec = gdp(
        "  brazil: {source: wb, cell: E4}\n  code: {source: wb, quote: 'TCD', label: code}\n",
        "Brazil {brazil}. {code}",
    )
    brief = briefgen.load(spec)
    brazil = brief.fact("brazil")
    assert (brazil.value, brazil.label) == ("2,173.7", "Brazil, 2023")
    assert brazil.locator == "row Brazil, column 2023 (cell E4)"
    assert brief.fact("code").locator == "cell B5"


ERRORS = [
    (
        "  f: {source: wb, row: Indai, column: 2023}\n",
        "error[row-not-found] fact 'f': the table has no row 'Indai' under the heading '2023'",
        "closest rows: 'India'",
    ),
    (
        "  f: {source: wb, row: India, column: 2024}\n",
        "error[column-not-found] fact 'f': the table has no column headed '2024'",
        "closest columns: '2021', '2022', '2023'",
    ),
    (
        "  f: {source: wb, row: Brazil, column: 2023, value: 2137.7}\n",
        "error[value-not-in-cell] value 2,137.7 of fact 'f' is not what row Brazil, column 2023 (cell E4) "
        "states",
        "the cell says: 2173.7",
    ),
    (
        "  f: {source: wb, row: Chad, column: 2021}\n",
        "error[cell-not-a-number] fact 'f': row Chad, column 2021 (cell C5) holds 'n/a', not a number",
        "name a cell holding one number",
    ),
    (
        "  f: {source: wb, row: India, column: Country Code}\n",
        "error[cell-not-a-number] fact 'f': row India, column Country Code (cell B2) holds 'IND'",
        "",
    ),
    (
        "  f: {source: wb, cell: H40}\n",
        "error[cell-outside] fact 'f': cell H40 is outside the cells of the file, which fill A1:E5",
        "name a cell inside them",
    ),
    (
        "  f: {source: wb, row: India}\n",
        "fact 'f': a cell is named by 'row' and 'column': 'row' needs 'column'",
        "",
    ),
    (
        "  f: {source: wb, cell: B2, column: '2023'}\n",
        "fact 'f': name the cell by 'cell' or by 'row' and 'column', not both",
        "",
    ),
    (
        "  f: {source: wb, quote: India, row: India, column: '2023'}\n",
        "fact 'f': a fact quotes its source or names a table's cell, not both",
        "",
    ),
    ("  f: {source: wb, cell: 'E0'}\n", "'E0' is not a cell address; write it as a spreadsheet does", ""),
]


@pytest.mark.parametrize(("facts", "message", "hint"), ERRORS)
def test_bad_cells_are_reported_by_text_at_their_key(gdp, facts: str, message: str, hint: str) -> None:
    spec = gdp(facts)
    _, diags = briefgen.check(spec)
    shown = [f"{d.location}: {d.severity}[{d.code}] {d.message}\n    {d.hint}" for d in diags]
    hit = [s for s in shown if message in s]
    assert hit, shown
    assert hint in hit[0]
    line = spec.read_text().splitlines().index(facts.rstrip("\n")) + 1
    assert hit[0].startswith(f"{spec}:{line}:"), hit[0]


def test_ambiguous_rows_and_headings_are_refused_with_the_way_out(make_spec) -> None:
    twice = "Region,2023,2023\nNorth,1,2\nNorth,3,4\nSouth,5,6\n"
    spec = make_spec(
        brief_spec(
            "  a: {source: wb, row: North, column: '2023'}\n  b: {source: wb, cell: B2, table: '3'}\n"
        ),
        {"sources/gdp.csv": twice},
    )
    _, diags = briefgen.check(spec)
    messages = {d.code: f"{d.message} | {d.hint}" for d in diags}
    assert messages["header-ambiguous"] == (
        "fact 'a': the table has 2 columns headed '2023' (B1, C1) | name the heading above it too, as a list "
        "(column: [heading, sub-heading]), or the cell by its address ('cell:')"
    )
    assert messages["table-not-found"].startswith("fact 'b': the source has 1 table, not a table 3")


def test_a_long_table_names_its_row_by_several_labels(gdp) -> None:
    long = "Country Name,Country Code,Year,Value\nIndia,IND,2021,1407563842\nIndia,IND,2022,1417173173\n"
    long += "Chad,TCD,2022,17723315\n"
    spec = gdp(
        "  india: {source: wb, row: [India, 2022], column: Value, unit: people}\n"
        "  both: {source: wb, row: India, column: Value}\n",
        "{india}",
        {"sources/gdp.csv": long},
    )
    brief, diags = briefgen.check(spec)
    (problem,) = diags
    assert problem.code == "row-ambiguous"
    assert problem.message == "fact 'both': the table has 2 rows labelled 'India' (row 2, row 3)"
    assert "name the row by more of its labels, as a list (row: [label, label])" in problem.hint
    spec.write_text(spec.read_text().replace("  both: {source: wb, row: India, column: Value}\n", ""))
    fact = briefgen.load(spec).fact("india")
    assert fact.value == "1,417,173,173 people"
    assert fact.locator == "row India, 2022, column Value (cell D3)"


def write_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "GDP"
    sheet.append(["World GDP, current US$"])
    sheet.append([])
    sheet.append(["Country", "Region", "2022", "2023"])
    sheet.append(["India", "Asia", 3353.47, 3549.92])
    sheet.append(["Chad", "Africa", 12.66, 13.1])
    sheet.append(["Share of world", "", 0.0335, 0.0344])
    for ref in ("C4", "D4", "C5", "D5"):
        sheet[ref].number_format = "#,##0.0"
    for ref in ("C6", "D6"):
        sheet[ref].number_format = "0.0%"
    people = book.create_sheet("Population data")
    people.append(["Country", "Population (millions)", "", "Growth"])
    people.append(["", "", "", "2022", "2023"])
    people.append(["India", 1428.6, "", 0.81, 0.79])
    people.merge_cells("D1:E1")
    book.save(path)
    return path


def test_xlsx_cells_are_read_as_the_sheet_shows_them(make_spec, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    write_workbook(tmp_path / "sources" / "gdp.xlsx")
    spec = make_spec(
        """
        title: Workbook
        sources:
          xl: {path: sources/gdp.xlsx, publisher: Test, date: '2024'}
        facts:
          india: {source: xl, table: GDP, row: India, column: 2023}
          twice: {source: xl, row: India, column: 2023}
          share: {source: xl, row: Share of world, column: '2023'}
          people: {source: xl, cell: "'Population data'!B3"}
          growth: {source: xl, table: Population data, row: India, column: Growth}
          nosheet: {source: xl, table: Populations, row: India, column: Growth}
        sections:
          - id: one
            title: One
            bullets: ["{india}, {share}, {people}."]
        """
    )
    brief, diags = briefgen.check(spec)
    messages = {d.code: (d.message, d.hint) for d in diags}
    assert messages["header-merged"] == (
        "fact 'growth': column 'Growth' of sheet 'Population data' is a merged heading over 2 columns",
        "name one of the columns under it after it, as a list: column: ['Growth', '2022'] "
        "(under it: '2022', '2023')",
    )
    assert messages["table-not-found"] == (
        "fact 'nosheet': the source has no sheet named 'Populations'",
        "the sheets are 'GDP', 'Population data'",
    )
    assert messages["cell-ambiguous"] == (
        "fact 'twice': row 'India', column '2023' is in sheet 'GDP' and sheet 'Population data'",
        "add 'table:' with the sheet's name",
    )
    assert len(diags) == 3
    assert brief is None
    text = spec.read_text()
    for bad in ("twice", "growth", "nosheet"):
        text = re.sub(rf"  {bad}: .*\n", "", text)
    spec.write_text(text)
    brief = briefgen.load(spec)
    india, share, people = (brief.fact(f) for f in ("india", "share", "people"))
    # The figure as the sheet shows it (its number format: one decimal), not the stored 3549.92.
    assert (india.value, india.quote, india.locator) == ("3,549.9", "3,549.9", "GDP!D4")
    assert (share.value, share.locator) == ("3.4%", "GDP!D6")
    # Unit and scale from the heading: 'Population (millions)'; the row's and column's labels.
    assert (people.value, people.locator, people.label) == (
        "1,428.6 million",
        "'Population data'!B3",
        "India, Population (millions)",
    )


def test_an_xlsx_written_by_libreoffice(gdp, make_spec, tmp_path: Path) -> None:
    csv = tmp_path / "gdp.csv"
    csv.write_text(GDP_CSV, encoding="utf-8")
    (tmp_path / "sources").mkdir(exist_ok=True)
    xlsx = libreoffice_convert(csv, tmp_path / "sources", "xlsx:Calc MS Excel 2007 XML")
    spec = make_spec(
        HEAD.replace("sources/gdp.csv", "sources/gdp.xlsx")
        + "facts:\n  china: {source: wb, row: China, column: 2023}\n  chad: {source: wb, cell: D5}\n"
        + USE.replace("{used}", "{china} {chad}")
    )
    assert xlsx.name == "gdp.xlsx"
    brief = briefgen.load(spec)
    china, chad = brief.fact("china"), brief.fact("chad")
    assert (china.value, china.locator) == ("17,794.8", "gdp!E3")
    assert (chad.value, chad.locator, chad.label) == ("12.7", "gdp!D5", "Chad, 2022")


ROWS = [("Region", "2022", "2023 (projects)"), ("North", "120", "about 140"), ("South", "80", "95")]


@pytest.mark.parametrize("kind", ["html", "md", "docx"])
def test_a_document_table_cell_is_a_fact(make_spec, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    intro = "The report counts projects by region."
    if kind == "html":
        cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
        (folder / "r.html").write_text(f"<p>{intro}</p><table>{cells}</table>", encoding="utf-8")
    elif kind == "md":
        lines = [f"| {' | '.join(r)} |" for r in ROWS]
        lines.insert(1, "| --- | --- | --- |")
        (folder / "r.md").write_text(intro + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    else:
        d = docx.Document()
        d.add_paragraph(intro)
        table = d.add_table(rows=3, cols=3)
        for r, row in enumerate(ROWS):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        d.save(str(folder / "r.docx"))
    spec = make_spec(
        f"""
        title: Projects
        sources:
          r: {{path: sources/r.{kind}, publisher: Agency, date: '2024'}}
        facts:
          north: {{source: r, row: North, column: 2023 (projects)}}
          address: {{source: r, cell: B2}}
          named: {{source: r, table: Projects, row: North, column: 2022}}
        sections:
          - id: one
            title: One
            bullets: ["{{north}}"]
        """
    )
    brief, diags = briefgen.check(spec)
    assert [d.code for d in diags] == ["cell-address-not-spreadsheet", "table-not-found"]
    assert diags[0].hint == "name the cell of an HTML, DOCX or Markdown table by 'row' and 'column'"
    assert diags[1].message == (
        "fact 'named': 'Projects' names no table: "
        "this source's tables are numbered (1 = the first), not named"
    )
    text = spec.read_text().replace("  address: {source: r, cell: B2}\n", "")
    spec.write_text(text.replace("  named: {source: r, table: Projects, row: North, column: 2022}\n", ""))
    north = briefgen.load(spec).fact("north")
    assert north.value == "about 140"
    assert north.locator == "Table 1, row North, column 2023 (projects)"


def test_a_chart_reads_whole_rows_each_point_cited_to_its_cell(gdp) -> None:
    spec = gdp("  {}\n")
    text = spec.read_text().replace("facts:\n  {}\n", "facts: {}\n")
    text = text.replace(
        '    bullets: [""]',
        """    chart:
      kind: column
      title: GDP by country
      table:
        source: wb
        unit: USD
        scale: billion
        columns: [Country Name, "2022", 2023]
        rows: [India, Brazil]""",
    )
    spec.write_text(text)
    brief = briefgen.load(spec)
    (chart,) = [b for s in brief.sections for b in s.blocks if isinstance(b, Chart)]
    values = {
        (s.name, label): value
        for s in chart.series
        for label, value in zip(chart.categories, s.values, strict=True)
    }
    assert values == {
        ("2022", "India"): 3353.5,
        ("2023", "India"): 3549.9,
        ("2022", "Brazil"): 1951.9,
        ("2023", "Brazil"): 2173.7,
    }
    cited = sorted(brief.fact(f"table:0:0:{r}:{c}").locator for r in (0, 1) for c in (1, 2))
    assert cited == [
        "row Brazil, column 2022 (cell D4)",
        "row Brazil, column 2023 (cell E4)",
        "row India, column 2022 (cell D2)",
        "row India, column 2023 (cell E2)",
    ]


def test_a_source_read_again_in_one_process_gives_its_new_figures(gdp) -> None:
    """Sources are kept in memory between briefs of one process (a brief per parameter row reads the same
    table); an edited file is read afresh."""
    spec = gdp("  india: {source: wb, row: India, column: 2023}\n", "{india}")
    assert briefgen.load(spec).fact("india").value == "3,549.9"
    table = spec.parent / "sources" / "gdp.csv"
    table.write_text(GDP_CSV.replace('"3,549.9"', '"3,600.1"'), encoding="utf-8")
    assert briefgen.load(spec).fact("india").value == "3,600.1"


def test_a_section_table_reads_a_range_of_the_source_in_both_outputs(gdp, tmp_path: Path) -> None:
    spec = gdp("  {}\n")
    text = spec.read_text().replace("facts:\n  {}\n", "facts: {}\n")
    spec.write_text(
        text.replace(
            '    bullets: [""]',
            """    table:
      title: GDP, US$ billion
      source: wb
      columns: [Country, "2022", "2023"]
      rows: [India, Brazil]""",
        )
    )
    brief = briefgen.load(spec)
    (table,) = [b for s in brief.sections for b in s.blocks if isinstance(b, Table)]
    cells = [[" ".join(r.text for r in cell.runs) for cell in row] for row in table.rows]
    assert cells == [["India", "3,353.5", "3,549.9"], ["Brazil", "1,951.9", "2,173.7"]]
    assert table.source_note == "Source: World Bank (2024) [1]"
    assert brief.fact("table:0:-1:1:2").locator == "row Brazil, column 2023 (cell E4)"
    out = briefgen.build(spec, tmp_path / "out")
    pdf = " ".join(pdf_text(next(p for p in out if p.suffix == ".pdf")).split())
    assert "Brazil 1,951.9 2,173.7" in pdf and "Source: World Bank (2024) [1]" in pdf
    deck = Presentation(str(next(p for p in out if p.suffix == ".pptx")))
    shown = [
        [cell.text for cell in row.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    assert shown == [
        ["Country", "2022", "2023"],
        ["India", "3,353.5", "3,549.9"],
        ["Brazil", "1,951.9", "2,173.7"],
    ]


def test_a_section_table_from_a_source_names_rows_by_label(gdp) -> None:
    spec = gdp("  {}\n")
    text = spec.read_text().replace("facts:\n  {}\n", "facts: {}\n")
    spec.write_text(
        text.replace(
            '    bullets: [""]',
            "    table:\n      source: wb\n      columns: [Country, '2023']\n"
            "      rows: [[India, 3549.9], Chile]",
        )
    )
    _, diags = briefgen.check(spec)
    assert [(d.code, d.message) for d in diags] == [
        (
            "bad-value",
            "section 'one' › table: a table from a source lists each row by its label alone (its values are "
            "read from the source): rows: [India, China]",
        )
    ]
    spec.write_text(spec.read_text().replace("[[India, 3549.9], Chile]", "[India, Chile]"))
    _, diags = briefgen.check(spec)
    assert [(d.code, d.message) for d in diags] == [
        (
            "table-cell-not-found",
            "table of section 'one', row 'Chile', column '2023': no table of the source has a row 'Chile' "
            "under the heading '2023'",
        )
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gdp.csv", "Country,2023\nS\xe3o Tom\xe9,1\n".encode("latin-1"), "not UTF-8 text"),
        ("gdp.xlsx", b"PK\x03\x04 not really a workbook", "is not a readable zip package"),
        ("gdp.xlsx", None, "not a readable XLSX workbook"),
    ],
)
def test_an_unreadable_table_is_a_clear_error(make_spec, tmp_path: Path, name, content, message) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    if content is None:  # a zip that is not a workbook: a DOCX renamed
        d = docx.Document()
        d.add_paragraph("Not a workbook.")
        d.save(str(folder / name))
    else:
        (folder / name).write_bytes(content)
    spec = make_spec(
        brief_spec("  f: {source: wb, cell: B2}\n").replace("sources/gdp.csv", f"sources/{name}")
    )
    _, diags = briefgen.check(spec)
    (problem,) = diags
    assert problem.code == "source-unreadable"
    assert message in problem.message, problem.message


def test_a_table_over_the_cell_limit_is_refused_before_it_fills_memory(gdp, monkeypatch) -> None:
    from briefgen.facts import sheets, sources

    monkeypatch.setattr(sheets, "MAX_CELLS", 10)
    monkeypatch.setattr(sources, "RECENT_ENTRIES", 0)
    _, diags = briefgen.check(gdp("  f: {source: wb, cell: B2}\n"))
    (problem,) = diags
    assert problem.message.endswith("has over 10 filled cells; split the table")


def test_the_facts_command_shows_a_cell_as_the_brief_does(make_spec) -> None:
    from click.testing import CliRunner

    from briefgen.cli import main

    spec = make_spec(
        brief_spec("  bits: {source: wb, row: float32, column: input}\n", "{bits}"),
        {"sources/gdp.csv": "dtype,input,output\nfloat32,0x004b4716,0xc2afbc1b\n"},
    )
    shown = CliRunner().invoke(main, ["facts", str(spec), "--format", "csv"])
    assert shown.exit_code == 0, shown.output
    assert "0x004b4716" in shown.output and "4,933,398" not in shown.output
    assert briefgen.load(spec).fact("bits").value == "0x004b4716"


TWO_TABLES = """<html><body><p>Installed capacity, by region.</p>
<table><caption>Table 1. Solar (GW)</caption>
<tr><th>Region</th><th>2022</th><th>2023</th></tr>
<tr><td>India</td><td>63</td><td>73</td></tr>
<tr><td>Europe</td><td>208</td><td>263</td></tr></table>
<table><caption>Table 2. Wind and solar (GW)</caption>
<tr><th rowspan="2">Region</th><th colspan="2">Wind</th><th colspan="2">Solar</th></tr>
<tr><th>2022</th><th>2023</th><th>2022</th><th>2023</th></tr>
<tr><td>Europe</td><td>58</td><td>61</td><td>208</td><td>263</td></tr>
<tr><td>India</td><td>42</td><td>45</td><td>63</td><td>73</td></tr></table>
</body></html>"""


def test_html_headings_that_span_columns_and_rows(make_spec) -> None:
    spec = make_spec(
        """
        title: Capacity
        sources:
          iea: {path: sources/capacity.html, publisher: Agency, date: '2024'}
        facts:
          merged: {source: iea, table: 2, row: Europe, column: Wind}
          twice: {source: iea, table: 2, row: India, column: '2023'}
          both: {source: iea, row: India, column: '2022'}
        sections:
          - id: one
            title: One
            bullets: ["{wind}"]
        """,
        {"sources/capacity.html": TWO_TABLES},
    )
    _, diags = briefgen.check(spec)
    messages = {d.code: (d.message, d.hint) for d in diags if d.code != "unknown-fact"}
    # A heading over two columns is not taken for the first of them.
    assert messages["header-merged"] == (
        "fact 'merged': column 'Wind' of Table 2 is a merged heading over 2 columns",
        "name one of the columns under it after it, as a list: column: ['Wind', '2022'] "
        "(under it: '2022', '2023')",
    )
    # Columns counted on the grid the spanning cells make: 'Region' spans two rows.
    assert messages["header-ambiguous"][0] == (
        "fact 'twice': Table 2 has 2 columns headed '2023' (column 3, column 5)"
    )
    # Table 1 has the cell, Table 2 has it twice over: not a quiet pick of Table 1.
    assert messages["cell-ambiguous"][0].startswith("fact 'both': row 'India', column '2022' is in Table 1; ")
    assert messages["cell-ambiguous"][1] == "add 'table:' with the table's number"
    spec.write_text(
        spec.read_text()
        .replace("row: Europe, column: Wind}", "row: Europe, column: [Wind, '2023']}")
        .replace("row: India, column: '2023'}", "row: India, column: [Solar, '2023']}")
        .replace("  both: {source: iea, row: India, column: '2022'}\n", "")
        .replace('["{wind}"]', '["{merged} {twice}"]')
    )
    brief = briefgen.load(spec)
    assert (brief.fact("merged").value, brief.fact("merged").locator) == (
        "61",
        "Table 2, row Europe, column Wind › 2023",
    )
    assert brief.fact("twice").value == "73"


def test_a_label_as_written_tells_a_footnoted_row_apart(gdp) -> None:
    spec = gdp(
        "  marked: {source: wb, row: India*, column: 2023}\n  typo: {source: wb, row: Indai, column: 2023}\n",
        "{marked}",
        {"sources/gdp.csv": "Country,2023\nIndia*,3549.9\nChad,n/a\nIndia,3100\n"},
    )
    _, diags = briefgen.check(spec)
    (typo,) = diags
    assert typo.hint == "closest rows: 'India', 'India*'"  # labels, not a cell's 'n/a'
    spec.write_text(spec.read_text().replace("  typo: {source: wb, row: Indai, column: 2023}\n", ""))
    assert briefgen.load(spec).fact("marked").value == "3,549.9"


def test_a_cell_by_address_takes_its_unit_from_a_merged_heading_over_it(make_spec, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Trade"
    sheet.append(["Country", "Exports (US$ million)", "", ""])
    sheet.append(["", "2021", "2022", "2023"])
    sheet.append(["India", 395426, 453480, 431406])
    sheet.merge_cells("B1:D1")
    book.save(tmp_path / "sources" / "trade.xlsx")
    spec = make_spec(
        """
        title: Trade
        sources:
          xl: {path: sources/trade.xlsx, publisher: Test, date: '2024'}
        facts:
          india: {source: xl, cell: 'Trade!D3'}
          by_path: {source: xl, row: India, column: [Exports (US$ million), 2022]}
        sections:
          - id: one
            title: One
            bullets: ["India exported {india} in 2023 and {by_path} in 2022."]
        """
    )
    brief = briefgen.load(spec)
    assert brief.fact("india").value == "$431,406 million"
    assert brief.fact("india").label == "India, Exports (US$ million) › 2023"
    assert (brief.fact("by_path").value, brief.fact("by_path").locator) == ("$453,480 million", "Trade!C3")


def test_a_chart_axis_keeps_its_unit_as_written(make_spec) -> None:
    spec = make_spec(
        """
        title: Capacity
        sources:
          iea: {path: sources/capacity.html, publisher: Agency, date: '2024'}
        facts: {}
        sections:
          - id: one
            title: One
            chart:
              kind: column
              title: Solar capacity
              table: {source: iea, locator: Table 1, unit: GW, columns: [Region, '2023'], rows: [India]}
        """,
        {"sources/capacity.html": TWO_TABLES},
    )
    (chart,) = [b for s in briefgen.load(spec).sections for b in s.blocks if isinstance(b, Chart)]
    assert chart.value_axis_title == "GW"
