"""Facts are checked against their sources: the quote must be there and state the value."""

from __future__ import annotations

import pytest

import briefgen
from briefgen.numbers.reader import stated_numbers
from tests.support.minimal import SOURCE, SPEC


def check(make_spec, spec: str, source: str = SOURCE):
    return briefgen.check(make_spec(spec, {"sources/doc.txt": source}))


def test_altered_quote_fails_with_closest_passage_and_similarity(make_spec):
    brief, diags = check(
        make_spec, SPEC.replace("exceeding 9.4 million units each", "exceeding 9.5 million units")
    )
    assert brief is None
    (d,) = diags
    assert d.code == "quote-not-found"
    assert str(d.location).endswith("brief.yaml:11:12")
    assert d.message == "quote of fact 'nev' not found in source 'doc'"
    assert "closest passage (9" in d.hint and "sources/doc.txt ¶ 1, line 1" in d.hint
    assert "exceeding 9.4 million units" in d.hint


def test_wrong_value_names_the_numbers_the_quote_states(make_spec):
    brief, diags = check(make_spec, SPEC.replace("value: 469.01", "value: 496.01"))
    assert brief is None
    (d,) = diags
    assert d.code == "value-not-in-quote"
    assert d.message == "value 496.01 of fact 'rd' is not a number its quote states"
    assert d.hint == "the quote states: $469.01 billion"
    assert str(d.location).endswith("brief.yaml:18:12")


def test_wrong_scale_is_an_error(make_spec):
    brief, diags = check(make_spec, SPEC.replace("scale: million", "scale: billion"))
    assert brief is None and [(d.code, d.message, d.hint) for d in diags] == [
        (
            "scale-not-in-quote",
            "fact 'nev': scale 'billion' but the quote states 9.4 million",
            "write scale: million",
        )
    ]
    assert (diags[0].location.line, diags[0].location.col) == (13, 12)  # the "scale:" line of fact nev


def test_typographic_quotes_dashes_and_spaces_are_tolerated(make_spec):
    spec = SPEC.replace("China’s R&D investment reached", "China's  R&D\u00a0investment reached")
    brief, diags = check(make_spec, spec)
    assert brief is not None, [str(d) for d in diags]


def test_case_counts(make_spec):
    brief, diags = check(
        make_spec, SPEC.replace("production and sales volumes", "Production and sales volumes")
    )
    assert brief is None and diags[0].code == "quote-not-found"


def test_value_is_taken_from_a_quote_with_one_number(make_spec):
    brief, diags = check(make_spec, SPEC.replace("    value: 469.01\n", ""))
    assert brief is not None, [str(d) for d in diags]
    assert "$469.01 billion" in brief.sections[0].blocks[0].items[1].plain


def test_qualifier_from_the_quote_is_kept(make_spec):
    brief, _ = check(make_spec, SPEC)
    assert brief.sections[0].blocks[0].items[0].plain == "China made over 9.4 million units in 2023."


def test_missing_source_file(make_spec, tmp_path):
    brief, diags = briefgen.check(make_spec(SPEC))
    assert brief is None
    assert [d.code for d in diags] == ["source-not-found"]
    assert "source 'doc': file not found: sources/doc.txt" in diags[0].message


def test_paragraph_locator(example_brief):
    notes = [n for s in example_brief.sections for n in s.fact_notes]
    assert any(
        n.startswith("GII 2023 indicators in which China ranks first (6 indicators)")
        and n.endswith("— Luo (2024), ¶ 7, line 13 [2, ¶ 7]")  # the full locator, then the marker
        for n in notes
    ), notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exceeding 9.4 million units", [(9.4, "million", "over")]),
        ("reached $469.01 billion", [(469.01, "billion", None)]),
        ("accounting for 2.64% of its GDP", [(2.64, None, None)]),
        ("a 30-percent increase", [(30.0, None, None)]),
        ("from 29th in 2011", [(29.0, None, None), (2011.0, None, None)]),
        ("over 1,500 automotive OEMs", [(1500.0, None, "over")]),
        ("for nine consecutive years", [(9.0, None, None)]),
        ("totally exceeded one trillion yuan", [(1.0, "trillion", "over")]),
        ("With nearly 80% of the global population", [(80.0, None, "nearly")]),
        ("with more than 160 countries", [(160.0, None, "more than")]),
        ("a zero-sum game, two-way and one-sided", []),
        ("a five-year plan", [(5.0, None, None)]),
    ],
)
def test_number_forms(text, expected):
    assert [(s.value, s.scale, s.qualifier) for s in stated_numbers(text)] == expected


def test_qualifier_must_agree_with_the_quote(make_spec):
    brief, diags = check(make_spec, SPEC.replace("scale: million", "scale: million\n    qualifier: nearly"))
    assert brief is None
    assert [str(d).split("\n")[0].split(": ", 1)[1] for d in diags] == [
        "error[qualifier-not-in-quote] fact 'nev': qualifier 'nearly' but the quote says 'over' (9.4 million)"
    ]


def test_unit_must_agree_with_the_quote(make_spec):
    for unit, message in [
        ("EUR", "unit 'EUR' (€) but the quote states $469.01 billion"),
        ("'%'", "unit '%' but the quote states $469.01 billion, not a percentage"),
        ("rank", "unit 'rank' but the quote states $469.01 billion, not a rank"),
    ]:
        brief, diags = check(make_spec, SPEC.replace("unit: USD", f"unit: {unit}"))
        assert brief is None and [d.message for d in diags] == [f"fact 'rd': {message}"], unit
        assert diags[0].code == "unit-not-in-quote"


def test_a_percentage_needs_the_percent_unit(make_spec):
    spec = SPEC.replace(
        '    quote: "China’s R&D investment reached $469.01 billion"\n    value: 469.01\n    unit: USD',
        '    quote: "accounting for 2.64% of its GDP"\n    value: 2.64\n    unit: points',
    )
    brief, diags = check(make_spec, spec)
    assert [d.message for d in diags] == [
        "fact 'rd': the quote states a percentage (2.64%) but the unit is 'points'"
    ]


def test_matching_tolerates_what_documents_do_to_text(make_spec):
    source = (
        "The ﬁnancial plan \u2014 a \u201cﬁve\u2011year\u201d plan \u2014 grew by over\u00a040%\n"
        "in two years; re\u00adform   followed.\n"
    )
    spec = make_spec(
        """
        title: Tolerance
        sources:
          doc: {path: sources/doc.txt}
        facts:
          growth:
            source: doc
            quote: 'financial plan - a "five-year" plan - grew by over 40% in two years; reform followed.'
            value: 40
        sections:
          - {id: one, title: One, bullets: ["Growth: {growth}."]}
        """,
        {"sources/doc.txt": source},
    )
    brief, diags = briefgen.check(spec)
    assert [str(d) for d in diags if d.severity == "error"] == []
    assert brief.sections[0].blocks[0].items[0].plain == "Growth: over 40%."
    # Words and case still count.
    spec.write_text(spec.read_text().replace("reform followed", "Reform followed"))
    assert [d.code for d in briefgen.check(spec)[1]] == ["quote-not-found"]


def test_a_quote_stating_several_numbers_needs_a_value(make_spec):
    spec = SPEC.replace("    value: 469.01\n", "").replace(
        "China’s R&D investment reached $469.01 billion", "$469.01 billion, accounting for 2.64% of its GDP"
    )
    brief, diags = check(make_spec, spec)
    assert [str(d).split(": ", 1)[1] for d in diags] == [
        "error[value-ambiguous] fact 'rd' has no value and its quote states several numbers: "
        "$469.01 billion, 2.64%\n    add 'value:' with the one you mean"
    ]


def test_the_first_occurrence_is_the_locator(make_spec):
    source = "Intro.\n\nSales rose 12% in May.\n\nAgain: Sales rose 12% in May.\n"
    spec = SPEC.replace(
        '    quote: "China’s R&D investment reached $469.01 billion"\n    value: 469.01\n    unit: USD',
        '    quote: "Sales rose 12% in May"',
    ).replace('      - "China made {nev} in 2023."\n', "")
    spec = spec.replace(
        '    quote: "production and sales volumes exceeding 9.4 million units each"\n    value: 9.4\n'
        "    scale: million\n    unit: units",
        '    quote: "Intro."',
    )
    brief, diags = check(make_spec, spec, source)
    assert [str(d) for d in diags if d.severity == "error"] == []
    assert brief.sections[0].blocks[0].items[0].plain == "R&D reached 12%."
    assert any(n.endswith("— Jane Author (2024), ¶ 2, line 3 [1, ¶ 2]") for n in brief.sections[0].fact_notes)
