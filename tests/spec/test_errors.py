"""Problems in a spec are reported together, each at the line and column the user wrote."""

from __future__ import annotations

import pytest

import briefgen
from tests.support.minimal import SOURCE, SPEC


def errors(path) -> list[str]:
    brief, diags = briefgen.check(path)
    assert brief is None, "expected the spec to be rejected"
    return [str(d) for d in diags]


def test_minimal_spec_is_valid(make_spec):
    brief, diags = briefgen.check(make_spec(SPEC, {"sources/doc.txt": SOURCE}))
    assert diags == []
    assert brief is not None and brief.title == "Test brief"


def test_unknown_key_names_line_column_and_suggests(make_spec):
    path = make_spec(
        SPEC.replace("    title: First section", "    titel: First section"), {"sources/doc.txt": SOURCE}
    )
    out = errors(path)
    assert any(
        ":22:5: error[unknown-key] unknown key 'titel' in section 'one'" in e and "did you mean 'title'?" in e
        for e in out
    ), out


def test_every_problem_is_reported_at_once(make_spec):
    bad = (
        SPEC.replace("title: Test brief", "titel: Test brief")
        .replace("    unit: USD", "    unit: USD\n    valeu: 3")
        .replace("    scale: million", "    scale: milion")
    )
    out = errors(make_spec(bad, {"sources/doc.txt": SOURCE}))
    codes = sorted(e.split("error[")[1].split("]")[0] for e in out)
    assert codes == ["bad-value", "unknown-key", "unknown-key"], out  # a misspelt key is not also missing
    assert any("'milion' is not allowed" in e and "did you mean 'million'?" in e for e in out), out


def test_duplicate_keys_are_rejected_with_both_lines(make_spec):
    out = errors(make_spec(SPEC + "title: Again\n", {"sources/doc.txt": SOURCE}))
    assert any(
        ":26:1: error[duplicate-key] duplicate key 'title' (first defined at line 1)" in e for e in out
    ), out


def test_yaml_syntax_error_points_at_line(make_spec):
    out = errors(make_spec("title: [unclosed\nsources: {}\n"))
    assert (
        len(out) == 1
        and "error[yaml-syntax]" in out[0]
        and "brief.yaml:2:8" in out[0]
        and "expected ',' or ']'" in out[0]
    ), out


def test_unknown_fact_in_text_suggests_the_nearest_id(make_spec):
    out = errors(make_spec(SPEC.replace("{nev}", "{nevv}"), {"sources/doc.txt": SOURCE}))
    assert any(
        "error[unknown-fact] section 'one' › bullet 1 names unknown fact 'nevv'" in e
        and "did you mean 'nev'?" in e
        for e in out
    ), out


def test_unknown_source_of_a_fact(make_spec):
    out = errors(
        make_spec(
            SPEC.replace('    source: doc\n    quote: "China', '    source: dco\n    quote: "China'),
            {"sources/doc.txt": SOURCE},
        )
    )
    assert any(
        "error[unknown-source] fact 'rd' names unknown source 'dco'" in e and "did you mean 'doc'?" in e
        for e in out
    ), out


def test_number_typed_by_hand_is_refused(make_spec):
    out = errors(
        make_spec(SPEC.replace("R&D reached {rd}.", "R&D reached 2.64% of GDP."), {"sources/doc.txt": SOURCE})
    )
    assert any(
        "error[unsourced-number] section 'one' › bullet 2 states the number '2.64%' by hand" in e for e in out
    ), out


def test_years_in_text_are_not_numbers_to_source(make_spec):
    brief, diags = briefgen.check(
        make_spec(SPEC.replace("in 2023.", "in 2023, up from 2011."), {"sources/doc.txt": SOURCE})
    )
    assert brief is not None, [str(d) for d in diags]


def test_unmatched_brace(make_spec):
    out = errors(
        make_spec(SPEC.replace("R&D reached {rd}.", "R&D reached {rd."), {"sources/doc.txt": SOURCE})
    )
    assert any("error[bad-markup]" in e and "unmatched '{'" in e for e in out), out


def test_source_outside_the_spec_folder_is_refused(make_spec, tmp_path):
    (tmp_path.parent / "outside.txt").write_text(SOURCE, encoding="utf-8")
    path = make_spec(SPEC.replace("sources/doc.txt", "../outside.txt"))
    out = errors(path)
    assert any("error[source-outside] source 'doc' points outside the spec's folder" in e for e in out), out
    brief, diags = briefgen.check(path, allow_outside=True)
    assert brief is not None, [str(d) for d in diags]


def test_dates_are_kept_as_written(make_spec):
    brief = briefgen.load(
        make_spec(
            SPEC.replace("title: Test brief", "title: Test brief\ndate: 2024-05-01"),
            {"sources/doc.txt": SOURCE},
        )
    )
    assert brief.date == "2024-05-01"


def test_unsafe_yaml_tags_are_refused(make_spec):
    out = errors(make_spec("title: !!python/object/apply:os.system ['echo hi']\n"))
    assert len(out) == 1 and "error[yaml-tag]" in out[0] and "brief.yaml:1:8" in out[0], out


def test_duplicate_section_ids(make_spec):
    spec = SPEC + '  - id: one\n    title: Second\n    bullets: ["More."]\n'
    out = errors(make_spec(spec, {"sources/doc.txt": SOURCE}))
    assert any("error[duplicate-id] section id 'one' is used twice" in e for e in out), out


def test_load_raises_one_exception_with_all_diagnostics(make_spec):
    path = make_spec(SPEC.replace("{nev}", "{x}").replace("{rd}", "{y}"), {"sources/doc.txt": SOURCE})
    with pytest.raises(briefgen.BriefgenError) as info:
        briefgen.load(path)
    assert [d.code for d in info.value.diagnostics] == ["unknown-fact", "unknown-fact"]


def test_schema_errors_do_not_hide_fact_errors(make_spec):
    bad = SPEC.replace("    title: First section", "    titel: First section").replace(
        "value: 469.01", "value: 496"
    )
    out = errors(make_spec(bad, {"sources/doc.txt": SOURCE}))
    codes = [e.split("error[")[1].split("]")[0] for e in out]
    assert codes == ["value-not-in-quote", "unknown-key"], out


def test_an_outside_source_is_never_opened_but_other_facts_are_checked(make_spec, tmp_path):
    (tmp_path.parent / "outside.txt").write_text(SOURCE, encoding="utf-8")
    spec = SPEC.replace("facts:", "  far:\n    path: ../outside.txt\nfacts:", 1).replace(
        "value: 469.01", "value: 496"
    )
    spec = spec.replace('    source: doc\n    quote: "production', '    source: far\n    quote: "production')
    out = errors(make_spec(spec, {"sources/doc.txt": SOURCE}))
    codes = [e.split("error[")[1].split("]")[0] for e in out]
    assert codes == ["source-outside", "value-not-in-quote"], out


def test_merge_keys_are_refused_not_a_crash(make_spec):
    out = errors(make_spec('title: "x"\n<<: {a: 1}\n'))
    assert (
        len(out) == 1 and "brief.yaml:2:1: error[yaml-merge] merge keys ('<<') are not supported" in out[0]
    ), out


def test_infinite_value_is_refused(make_spec):
    out = errors(make_spec(SPEC.replace("value: 469.01", "value: .inf"), {"sources/doc.txt": SOURCE}))
    assert any("fact 'rd' › value: expected a finite number" in e for e in out), out


def test_indentation_mistake_is_explained(make_spec):
    out = errors(
        make_spec(
            SPEC.replace("    unit: units\n", "    unit: units\n  label: oops\n"), {"sources/doc.txt": SOURCE}
        )
    )
    assert any(
        "fact 'label': expected a mapping of keys, got the text 'oops'" in e and "indentation" in e
        for e in out
    ), out


def test_numbers_typed_in_chart_labels_are_refused(make_spec):
    spec = (
        SPEC
        + '    chart:\n      kind: bar\n      title: R\n      data:\n        - {label: "Top 3", fact: rd}\n'
    )
    out = errors(make_spec(spec, {"sources/doc.txt": SOURCE}))
    assert any("chart › data point 1 › label states the number '3' by hand" in e for e in out), out
