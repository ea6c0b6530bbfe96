"""Chart specs: layouts, slope and combo kinds, tables that name their source, honest scales, changes."""

from __future__ import annotations

import briefgen
from tests.support.minimal import SOURCE, SPEC

TABLE_SOURCE = SOURCE + (
    "\nTable 1. Projects by region\n\n"
    "Region      2022      2023\n"
    "North        120       140\n"
    "South         80    about 95\n\n"
    "Table 2. Spending and shares\n\n"
    "Region     Projects\n"
    "North        469.01\n"
    "Share          2.64\n"
)


def with_chart(chart: str, facts: str = "") -> str:
    return SPEC.replace("facts:", "facts:\n" + facts, 1) + "    chart:\n" + chart


def check(make_spec, spec: str):
    brief, diags = briefgen.check(make_spec(spec, {"sources/doc.txt": TABLE_SOURCE}))
    return brief, [d for d in diags if d.severity == "error"]


def chart_of(brief):
    return brief.sections[0].blocks[-1]


SHARES = """  share:
    source: doc
    quote: "representing over 60% of the world’s total"
  gdp:
    source: doc
    quote: "accounting for 2.64% of its GDP"
"""


def test_layout_only_for_column_and_bar(make_spec):
    _, diags = check(
        make_spec,
        with_chart(
            "      kind: line\n      layout: stacked\n      title: T\n      data: [{label: A, fact: nev}]\n"
        ),
    )
    assert [d.message for d in diags] == [
        "section 'one' › chart: 'layout: stacked' is for column and bar charts, not line"
    ]


def test_slope_needs_two_points(make_spec):
    _, diags = check(
        make_spec,
        with_chart(
            "      kind: slope\n      title: T\n      data:\n        - {label: A, fact: share}\n", SHARES
        ),
    )
    assert [d.code for d in diags] == ["chart-slope-data"]
    assert "a slope chart shows two points per line (before and after), not 1" in diags[0].message


def test_combo_needs_a_secondary_series_and_only_combo_has_one(make_spec):
    columns = "      series:\n        - name: NEVs\n          data: [{label: A, fact: nev}]\n"
    _, diags = check(make_spec, with_chart("      kind: combo\n      title: T\n" + columns))
    assert [d.code for d in diags] == ["chart-combo-data"]
    line = "        - name: Share\n          axis: secondary\n          data: [{label: A, fact: share}]\n"
    _, diags = check(make_spec, with_chart("      kind: column\n      title: T\n" + columns + line, SHARES))
    assert [d.code for d in diags] == ["chart-secondary-axis"]
    brief, diags = check(
        make_spec, with_chart("      kind: combo\n      title: T\n" + columns + line, SHARES)
    )
    assert diags == []
    chart = chart_of(brief)
    assert [s.secondary for s in chart.series] == [False, True]
    assert chart.secondary_axis.title == "Percent" and chart.secondary_axis.suffix == "%"
    assert chart.value_axis_title == "Million units"


def test_values_too_different_for_one_axis_are_refused(make_spec):
    spec = with_chart(
        "      kind: column\n      title: T\n      data:\n        - {label: A, fact: share}\n"
        "        - {label: B, fact: gdp}\n",
        SHARES,
    )
    brief, diags = check(make_spec, spec)
    assert diags == []  # 2.64 beside 60 is small but visible
    spec = with_chart(
        "      kind: column\n      title: T\n      table:\n        source: doc\n        unit: projects\n"
        "        columns: [Region, Projects]\n        rows:\n          - [North, 469.01]\n"
        "          - [Share, 2.64]\n"
    )
    _, diags = check(make_spec, spec)
    assert [d.code for d in diags] == ["chart-scale"]
    assert "is 0.6% of" in diags[0].message and "key numbers (tiles)" in diags[0].hint


def test_a_table_that_names_its_source(make_spec):
    table = (
        "      kind: column\n      title: Projects\n      table:\n        source: doc\n"
        '        locator: Table 2\n        unit: projects\n        columns: [Region, "2022", "2023"]\n'
        "        rows:\n          - [North, 120, 140]\n          - [South, 80, 95]\n"
    )
    brief, diags = check(make_spec, with_chart(table))
    assert diags == [], [str(d) for d in diags]
    chart = chart_of(brief)
    assert chart.categories == ("North", "South")
    assert [(s.name, s.values) for s in chart.series] == [("2022", (120.0, 80.0)), ("2023", (140.0, 95.0))]
    assert chart.source_note == "Source: Jane Author (2024) [1]"
    record = brief.fact("table:0:0:0:2")
    assert (record.value, record.locator, record.marker.text) == (
        "140 projects",
        "Table 1, row North, column 2023",  # the cell, found by its row and column
        "[1, Table 2]",  # the marker says where the spec's locator says the table is
    )
    assert brief.fact("table:0:0:1:2").value == "about 95 projects"  # its own cell's qualifier, no other


def test_table_values_must_be_in_the_source(make_spec):
    table = (
        "      kind: column\n      title: Projects\n      table:\n        source: doc\n"
        '        columns: [Region, "2023"]\n        rows:\n          - [North, 141]\n'
        "          - [South, lots]\n          - [East, 1, 2]\n"
    )
    _, diags = check(make_spec, with_chart(table))
    assert [(d.code, d.message) for d in diags] == [
        (
            "table-value-not-in-source",
            "table of chart 'Projects', row 'North', column '2023': 141 is not what the source's cell states",
        ),
        ("table-value", "table of chart 'Projects', row 'South', column '2023': 'lots' is not a number"),
        ("table-shape", "table of chart 'Projects', row 'East' has 3 cells, not 2"),
    ]
    assert (diags[0].location.line, diags[0].location.col) == (34, 13)  # the row as written


def test_table_source_must_exist(make_spec):
    table = (
        "      kind: bar\n      title: P\n      table:\n        source: stats\n"
        "        columns: [Region, Projects]\n        rows:\n          - [North, 469.01]\n"
    )
    _, diags = check(make_spec, with_chart(table))
    assert [d.message for d in diags] == ["the table of chart 'P' names unknown source 'stats'"]


def test_key_number_with_a_change(make_spec):
    spec = SPEC.replace(
        "facts:",
        """facts:
  r2011: {source: doc, quote: "North 120 140", value: 120}
  r2023: {source: doc, quote: "North 120 140", value: 140}
  growth: {formula: r2023 - r2011, unit: projects}
  drop: {formula: r2011 - r2023, unit: projects}
""",
        1,
    ).replace(
        "sections:",
        """key_numbers:
  items:
    - {fact: r2023, change: growth}
    - {fact: r2011, change: drop}
sections:""",
    )
    brief, diags = check(make_spec, spec)
    assert diags == [], [str(d) for d in diags]
    up, down = brief.key_numbers.items
    assert (up.value, up.change, up.change_direction) == ("140", "20 projects†", "up")
    assert (down.change, down.change_direction) == ("20 projects†", "down")


def test_a_table_of_text_shows_facts_and_refuses_typed_numbers(make_spec):
    table = (
        "    table:\n      title: Figures\n      columns: [What, Figure]\n      rows:\n"
        '        - [NEVs, "{nev}"]\n        - [R&D, "{rd}"]\n'
    )
    brief, diags = check(make_spec, SPEC + table)
    assert diags == []
    block = brief.sections[0].blocks[1]
    assert block.columns == ("What", "Figure")
    assert [[c.plain for c in row] for row in block.rows] == [
        ["NEVs", "over 9.4 million units"],
        ["R&D", "$469.01 billion"],
    ]
    assert (
        block.rows[0][1].marker.text == "[1, ¶ 1]" and block.source_note == "Source: Jane Author (2024) [1]"
    )
    _, diags = check(make_spec, SPEC + table + '        - [Typed, "12 things"]\n')
    assert [d.message for d in diags] == [
        "section 'one' › table › row 3 › cell 2 states the number '12' by hand"
    ]
