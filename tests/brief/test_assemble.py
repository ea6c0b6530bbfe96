"""Citations are numbered once, by first use, and values read the same wherever they appear."""

from __future__ import annotations

import briefgen
from tests.support.minimal import SOURCE, SPEC

OTHER = "Exports of the new trio rose by a 30-percent increase in 2023.\n"
TWO_SOURCES = SPEC.replace(
    "facts:",
    """  other:
    path: sources/other.txt
    author: LUO Weidong
    title: Another document
    date: "2024"
facts:
  trio:
    source: other
    quote: "a 30-percent increase"
    unit: "%"
""",
    1,
)


def build(make_spec, spec: str):
    return briefgen.load(make_spec(spec, {"sources/doc.txt": SOURCE, "sources/other.txt": OTHER}))


def test_numbering_follows_first_use(make_spec):
    spec = TWO_SOURCES.replace(
        '      - "China made {nev} in 2023."',
        '      - "Exports grew {trio}."\n      - "China made {nev} in 2023."',
    )
    brief = build(make_spec, spec)
    items = brief.sections[0].blocks[0].items
    assert [(i.plain, i.citations) for i in items] == [
        ("Exports grew 30%.", (1,)),
        ("China made over 9.4 million units in 2023.", (2,)),
        ("R&D reached $469.01 billion.", (2,)),
    ]
    assert [(r.number, r.source_id, r.short) for r in brief.references] == [
        (1, "other", "LUO Weidong (2024)"),
        (2, "doc", "Jane Author (2024)"),
    ]


def test_key_numbers_come_first_in_reading_order(make_spec):
    spec = TWO_SOURCES.replace("sections:", "key_numbers:\n  items: [rd, trio]\nsections:")
    brief = build(make_spec, spec)
    assert [(k.value, k.citations) for k in brief.key_numbers.items] == [
        ("$469.01 billion", (1,)),
        ("30%", (2,)),
    ]
    assert brief.key_numbers.source_note == "Sources: Jane Author (2024) [1]; LUO Weidong (2024) [2]"
    assert [r.source_id for r in brief.references] == ["doc", "other"]


def test_uncited_sources_are_not_in_the_references(make_spec):
    brief = build(make_spec, TWO_SOURCES)
    assert [r.source_id for r in brief.references] == ["doc"]


def test_chart_source_line_is_built_from_the_plotted_facts(make_spec):
    spec = (
        SPEC
        + """    chart:
      kind: column
      title: Shares
      data:
        - {label: "World NEV share", fact: share}
"""
    )
    spec = spec.replace(
        "facts:",
        """facts:
  share:
    source: doc
    quote: "representing over 60% of the world’s total"
    unit: "%"
""",
        1,
    )
    brief = build(make_spec, spec)
    chart = brief.sections[0].blocks[1]
    assert chart.source_note == "Source: Jane Author (2024) [1]"
    assert chart.series[0].labels == ("over 60%",) and chart.series[0].values == (60.0,)


def test_mixed_units_in_a_chart_are_refused(make_spec):
    spec = (
        SPEC
        + """    chart:
      kind: column
      title: Apples and oranges
      data:
        - {label: NEVs, fact: nev}
        - {label: R&D, fact: rd}
"""
    )
    _, diags = briefgen.check(make_spec(spec, {"sources/doc.txt": SOURCE}))
    assert [d.code for d in diags] == ["chart-mixed-units"]
    assert "chart 'Apples and oranges' mixes values that cannot share an axis" in diags[0].message
    assert "key numbers" in diags[0].hint


def test_example_values_match_their_facts(example_brief):
    kn = {k.fact_id: k.value for k in example_brief.key_numbers.items}
    assert kn["rd_spend"] == "$469.01 billion"
    assert kn["nev_volume"] == "over 9.4 million units"
    assert kn["gii_2023"] == "12th"
    assert [r.source_id for r in example_brief.references] == ["mumbai", "toronto"]
