"""Derived facts compute from other facts and cite their sources; estimates say they are estimates."""

from __future__ import annotations

import briefgen
from tests.support.minimal import SOURCE, SPEC

RANKS = "Our index ranking soared from 29th in 2011 to 12th in 2023.\n"


RANKS_SOURCE = '  ranks:\n    path: sources/ranks.txt\n    author: Index Team\n    date: "2024"\n'


def spec_with(facts: str, bullets: str) -> str:
    """The minimal spec plus a second source, more facts, and a second bullet in place of the R&D one."""
    return (
        SPEC.replace("facts:", "facts:\n" + facts, 1)
        .replace('      - "R&D reached {rd}."', bullets)
        .replace("sources:\n", "sources:\n" + RANKS_SOURCE, 1)
    )


RANK_FACTS = """  r2011:
    source: ranks
    quote: "soared from 29th in 2011"
  r2023:
    source: ranks
    quote: "to 12th in 2023"
  gain:
    formula: r2011 - r2023
    unit: places
    label: Places gained
"""


def check(make_spec, spec: str):
    return briefgen.check(make_spec(spec, {"sources/doc.txt": SOURCE, "sources/ranks.txt": RANKS}))


def test_a_derived_fact_is_computed_and_cites_its_inputs_sources(make_spec):
    brief, diags = check(
        make_spec, spec_with(RANK_FACTS, '      - "R&D reached {rd}; the index gain was {gain}."')
    )
    assert [str(d) for d in diags if d.severity == "error"] == []
    item = brief.sections[0].blocks[0].items[1]
    assert item.plain == "R&D reached $469.01 billion; the index gain was 17 places†."
    assert item.citations == (1, 2)
    assert [r.source_id for r in brief.references] == ["doc", "ranks"]  # first use, not order of definition
    notes = brief.sections[0].fact_notes
    derivation = (
        "Places gained (17 places†): calculated as r2011 − r2023, from r2011 = 29th, r2023 = 12th [2, ¶ 1]"
    )
    assert derivation in notes


def test_units_are_read_from_the_quote(make_spec):
    brief, _ = check(make_spec, spec_with(RANK_FACTS, '      - "It ranked {r2023}."'))
    assert brief.sections[0].blocks[0].items[1].plain == "It ranked 12th."


def test_formula_errors(make_spec):
    cases = {
        "r2011 - r2032": ("unknown-fact", "did you mean 'r2023'?"),
        "r2011 -": ("bad-formula", "formula of fact 'gain': the formula ends too soon"),
        "r2011 / (r2023 - r2023)": ("bad-formula", "formula of fact 'gain': division by zero"),
        "__import__('os')": ("bad-formula", "formula of fact 'gain': unexpected '_' at character 1"),
    }
    for formula, (code, text) in cases.items():
        _, diags = check(make_spec, spec_with(RANK_FACTS.replace("r2011 - r2023", formula), ""))
        assert [d.code for d in diags] == [code], (formula, [str(d) for d in diags])
        assert text in str(diags[0]), str(diags[0])


def test_circular_formulas(make_spec):
    facts = "  a:\n    formula: b + 1\n  b:\n    formula: a + 1\n"
    _, diags = check(make_spec, spec_with(facts, ""))
    assert [d.code for d in diags] == ["formula-cycle"]
    assert "formulas depend on each other in a circle: a → b → a" in diags[0].message


def test_approximate_inputs_need_a_qualifier(make_spec):
    facts = (
        '  share:\n    source: doc\n    quote: "representing over 60% of the world’s total"\n'
        "  rest:\n    formula: 100 - share\n    unit: '%'\n"
    )
    _, diags = check(make_spec, spec_with(facts, ""))
    assert [d.code for d in diags] == ["formula-approximate"]
    assert "fact 'rest' is computed from approximate figures ('share' is over 60)" in diags[0].message
    brief, diags = check(
        make_spec,
        spec_with(
            facts.replace("unit: '%'", "unit: '%'\n    qualifier: less than"), '      - "The rest: {rest}."'
        ),
    )
    assert brief.sections[0].blocks[0].items[1].plain == "The rest: less than 40%†."


def test_a_stated_value_must_match_the_formula(make_spec):
    _, diags = check(
        make_spec, spec_with(RANK_FACTS.replace("unit: places", "unit: places\n    value: 18"), "")
    )
    assert [d.message for d in diags] == ["value 18 of fact 'gain' is not what its formula gives: 17"]


def test_an_estimate_is_marked_and_cites_no_source(make_spec):
    facts = (
        "  guess:\n    source: estimate\n    value: 40\n    unit: '%'\n    qualifier: about\n"
        "    note: Analyst's reading of regional sales data\n"
    )
    brief, diags = check(make_spec, spec_with(facts, '      - "Our estimate: {guess}."'))
    assert [str(d) for d in diags if d.severity == "error"] == []
    item = brief.sections[0].blocks[0].items[1]
    assert (item.plain, item.citations) == ("Our estimate: about 40% (estimate).", ())
    assert any(
        "the author’s estimate, not from a source — Analyst's reading" in n
        for n in brief.sections[0].fact_notes
    )


def test_an_estimate_needs_a_note_and_no_quote(make_spec):
    facts = "  guess:\n    source: estimate\n    value: 40\n"
    _, diags = check(make_spec, spec_with(facts, ""))
    assert [d.code for d in diags] == ["bad-value"]
    assert "an estimate needs 'note': its value, and a note saying how it was made" in diags[0].message


def test_citation_metadata_authors_and_accessed(make_spec):
    spec = spec_with("", "").replace(
        "    author: Jane Author\n",
        "    author: [Jane Author, Joe Writer]\n    accessed: 1 May 2024\n    publisher: The Daily\n",
    )
    brief, diags = check(make_spec, spec)
    assert [str(d) for d in diags if d.severity == "error"] == []
    ref = brief.references[0]
    assert ref.short == "Jane Author and Joe Writer (2024)"
    assert ref.text == "Jane Author and Joe Writer. “A document.” The Daily, 2024. Accessed 1 May 2024."


def test_a_derived_amount_keeps_its_inputs_unit_and_scale(make_spec):
    facts = (
        '  share:\n    source: doc\n    quote: "accounting for 2.64% of its GDP"\n'
        "  part:\n    formula: round(rd * share / 100, 2)\n"
    )
    brief, diags = check(make_spec, spec_with(facts, '      - "That is {part}."'))
    assert [d for d in diags if d.severity == "error"] == [], [str(d) for d in diags]
    assert brief.sections[0].blocks[0].items[1].plain == "That is $12.38 billion†."


def test_a_difference_of_ranks_is_not_a_rank(make_spec):
    brief, _ = check(
        make_spec, spec_with(RANK_FACTS.replace("    unit: places\n", ""), '      - "Up {gain}."')
    )
    assert brief.sections[0].blocks[0].items[1].plain == "Up 17†."
