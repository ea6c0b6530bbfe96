"""A suite of broken specs (tests/broken/*.yaml): every problem reported at once, at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen

BROKEN = Path(__file__).parent / "broken"

# file → the diagnostics `briefgen check` must print, exactly these and no others:
# "line:col code" and the start of the message (and of the hint, after ' || ').
EXPECTED = {
    "syntax-unclosed-bracket": [
        "2:8 yaml-syntax YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"
    ],
    "syntax-bad-indent": ["5:4 yaml-syntax YAML syntax error: while parsing a block mapping"],
    "tab-indent": [
        "5:1 yaml-syntax YAML syntax error: while scanning a plain scalar found a tab character that "
        "violates indentation"
    ],
    "not-a-mapping": ["1:1 spec-not-mapping a spec must be a mapping of keys"],
    "duplicate-key": [
        "26:1 duplicate-key duplicate key 'title' (first defined at line 1) || YAML would silently"
    ],
    "duplicate-fact-id": [
        "15:3 duplicate-key duplicate key 'nev' (first defined at line 9)",
        "25:9 unknown-fact section 'one' › bullet 2 names unknown fact 'rd'",  # reported in the same run
    ],
    "duplicate-section-id": ["26:9 duplicate-id section id 'one' is used twice || first used by section 1"],
    "unknown-top-key": ["1:1 unknown-key unknown key 'titel' in the spec || did you mean 'title'?"],
    "unknown-source-key": ["6:5 unknown-key unknown key 'tittle' in source 'doc' || did you mean 'title'?"],
    "unknown-fact-key": ["20:5 unknown-key unknown key 'valeu' in fact 'rd' || did you mean 'value'?"],
    "missing-sections": ["1:1 missing-key sections is required || add 'sections:' here"],
    "empty-sources": [
        "2:10 wrong-type sources: needs at least one item",
        "5:13 unknown-source fact 'nev' names unknown source 'doc'",
        "11:13 unknown-source fact 'rd' names unknown source 'doc'",
    ],
    "wrong-type-value": ["18:12 wrong-type fact 'rd' › value: expected a number, got the text 'lots'"],
    "wrong-type-bullets": ["23:14 wrong-type section 'one' › bullets: expected a list, got the text"],
    "bad-scale": ["13:12 bad-value fact 'nev' › scale: 'milion' is not allowed || did you mean 'million'?"],
    "bad-chart-kind": [
        "27:13 bad-value section 'one' › chart › kind: 'collumn' is not allowed || did you mean 'column'?"
    ],
    "chart-without-data": ["27:7 bad-value section 'one' › chart: give one of 'data' (one series), 'series'"],
    "chart-unknown-fact": [
        "30:31 unknown-fact section 'one' › chart › data point 1 › fact names unknown fact 'nevv'"
    ],
    "chart-mixed-units": [
        "27:7 chart-mixed-units chart 'Mixed' mixes values that cannot share an axis: "
        "nev (million units), rd ($ billion)"
    ],
    "pie-one-slice": ["27:7 chart-pie-data chart 'One': a pie needs one series of at least two slices"],
    "unknown-fact-in-bullet": [
        "24:9 unknown-fact section 'one' › bullet 1 names unknown fact 'nevv' || did you mean"
    ],
    "unknown-source-of-fact": [
        "16:13 unknown-source fact 'rd' names unknown source 'dco' || did you mean 'doc'?"
    ],
    "quote-not-found": [
        "11:12 quote-not-found quote of fact 'nev' not found in source 'doc' || closest passage (9"
    ],
    "value-not-in-quote": [
        "18:12 value-not-in-quote value 496.01 of fact 'rd' is not a number its quote states"
    ],
    "qualifier-contradicts-quote": [
        "14:16 qualifier-not-in-quote fact 'nev': qualifier 'nearly' but the quote says"
    ],
    "unit-contradicts-quote": [
        "19:11 unit-not-in-quote fact 'rd': unit 'EUR' (€) but the quote states $469.01"
    ],
    "typed-number": ["25:22 unsourced-number section 'one' › bullet 2 states the number '2.64%' by hand"],
    "unmatched-brace": [
        "25:9 bad-markup section 'one' › bullet 2: unmatched '{' (write '{{' for a literal brace)"
    ],
    "source-outside-folder": [
        "4:11 source-outside source 'doc' points outside the spec's folder: ../doc.txt"
    ],
    "source-missing": ["4:11 source-not-found source 'doc': file not found: sources/nope.txt"],
    "bad-formula": ["10:14 bad-formula formula of fact 'gain': the formula ends too soon: expected ')'"],
    "estimate-without-note": ["10:5 bad-value fact 'guess': an estimate needs 'note': its value, and a note"],
    "yaml-tag": ["1:8 yaml-tag unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"],
    "merge-key": ["2:1 yaml-merge merge keys ('<<') are not supported"],
    "several-at-once": [
        "1:1 unknown-key unknown key 'titel' in the spec",
        "18:12 value-not-in-quote value 496 of fact 'rd' is not a number its quote states",
        "24:9 unknown-fact section 'one' › bullet 1 names unknown fact 'nevv'",
    ],
}


def test_every_fixture_has_expectations():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_spec(name: str):
    brief, diags = briefgen.check(BROKEN / f"{name}.yaml")
    assert brief is None
    got = [f"{d.location.line}:{d.location.col} {d.code} {d.message} || {d.hint}" for d in diags]
    assert len(got) == len(EXPECTED[name]), got
    for want, line in zip(EXPECTED[name], got, strict=True):
        head, _, hint = want.partition(" || ")
        message, _, got_hint = line.partition(" || ")
        assert message.startswith(head), (want, line)
        assert got_hint.startswith(hint), (want, line)
        assert diags[0].location.file.endswith(".yaml")
