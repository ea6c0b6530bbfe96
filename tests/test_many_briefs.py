"""Many briefs from one spec: a brief per parameter row, built in parallel, skipped when unchanged."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

import briefgen
from briefgen.cli import main
from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import ROOT

COUNTRIES = (
    SPEC.replace(
        "title: Test brief",
        'title: "Brief for ${country}"\nparams:\n  country: [India, Chad, China, Peru]',
        1,
    )
    .replace("path: sources/doc.txt", "path: sources/${country}.txt")
    .replace("title: First section", "title: First section on ${country}")
)
SOURCES = {"sources/India.txt": SOURCE, "sources/China.txt": SOURCE}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_a_brief_per_row_and_failures_listed_by_their_parameters(make_spec, tmp_path):
    spec = make_spec(COUNTRIES, SOURCES, name="brief.yaml")
    out = tmp_path / "out"
    result = run("build", str(spec), "-o", str(out), "-j", "1")
    assert result.exit_code == 1
    assert outputs(out) == ["brief-China.pdf", "brief-China.pptx", "brief-India.pdf", "brief-India.pptx"]
    lines = result.output.splitlines()
    assert lines[-1] == "2 of 4 briefs failed: country=Chad, country=Peru"
    # Each failed brief's problems follow a line naming it, in the order of the rows.
    chad, peru = lines.index(f"{spec} country=Chad:"), lines.index(f"{spec} country=Peru:")
    assert chad < peru
    assert "error[source-not-found]" in lines[chad + 1] and "Chad.txt" in lines[chad + 1]
    assert (
        lines.index(f"wrote {out / 'brief-India.pptx'}")
        < chad
        < lines.index(f"wrote {out / 'brief-China.pptx'}")
    )
    assert "Traceback" not in result.output


def test_param_builds_only_the_rows_named(make_spec, tmp_path):
    spec = make_spec(COUNTRIES, SOURCES, name="brief.yaml")
    out = tmp_path / "out"
    result = run("build", str(spec), "-o", str(out), "--param", "country=China", "--param", "country=India")
    assert result.exit_code == 0, result.output
    assert outputs(out) == ["brief-China.pdf", "brief-China.pptx", "brief-India.pdf", "brief-India.pptx"]
    wrong = run("build", str(spec), "-o", str(out), "--param", "country=Chile")
    assert wrong.exit_code == 1
    assert (
        f"{spec}: error[params-row] --param: no row has country=Chile (its values: India, Chad, China, Peru)"
        in wrong.output
    )
    assert run("build", str(spec), "--param", "country").exit_code == 2


def test_parallel_build_is_byte_identical_to_a_sequential_one(make_spec, tmp_path):
    spec = make_spec(COUNTRIES.replace("Chad, China, Peru", "China"), SOURCES, name="brief.yaml")
    other = make_spec(SPEC, {"sources/doc.txt": SOURCE}, name="tiny.yaml")
    one, two = tmp_path / "one", tmp_path / "two"
    first = run("build", str(spec), str(other), "-o", str(one), "-j", "1")
    second = run("build", str(spec), str(other), "-o", str(two), "-j", "2")
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    names = outputs(one)
    assert names == [
        "brief-China.pdf",
        "brief-China.pptx",
        "brief-India.pdf",
        "brief-India.pptx",
        "tiny.pdf",
        "tiny.pptx",
    ]
    assert outputs(two) == names
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    # Printed in the order of the specs and rows, whatever order the processes finished in.
    assert first.output.replace(str(one), "OUT") == second.output.replace(str(two), "OUT")


def test_a_rebuild_skips_unchanged_briefs_and_rebuilds_after_an_edit(make_spec, tmp_path):
    spec = make_spec(COUNTRIES.replace("Chad, China, Peru", "China"), SOURCES, name="brief.yaml")
    out = tmp_path / "out"
    assert run("build", str(spec), "-o", str(out)).exit_code == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if not p.name.startswith(".")}

    again = run("build", str(spec), "-o", str(out))
    assert again.exit_code == 0
    assert again.output.splitlines() == [
        f"unchanged {out / n}"
        for n in ("brief-India.pptx", "brief-India.pdf", "brief-China.pptx", "brief-China.pdf")
    ]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if not p.name.startswith(".")} == stamps

    (spec.parent / "sources" / "China.txt").write_text(SOURCE + "\nA new paragraph.\n", encoding="utf-8")
    edited = run("build", str(spec), "-o", str(out))
    assert f"unchanged {out / 'brief-India.pdf'}" in edited.output
    assert f"wrote {out / 'brief-China.pdf'}" in edited.output

    forced = run("build", str(spec), "-o", str(out), "--force")
    assert f"unchanged {out}" not in forced.output and forced.output.count("wrote ") == 4

    (out / "brief-India.pdf").write_bytes(b"edited by hand")  # an output changed since: built again
    assert f"wrote {out / 'brief-India.pdf'}" in run("build", str(spec), "-o", str(out)).output


def test_the_manifest_may_be_deleted_or_corrupt_and_only_costs_a_rebuild(make_spec, tmp_path):
    spec = make_spec(SPEC, {"sources/doc.txt": SOURCE}, name="tiny.yaml")
    out = tmp_path / "out"
    assert run("build", str(spec), "-o", str(out)).exit_code == 0
    manifest = out / ".briefgen-build.json"
    manifest.unlink()
    assert run("build", str(spec), "-o", str(out)).output.count("wrote ") == 2
    manifest.write_text("{not json", encoding="utf-8")
    corrupt = run("build", str(spec), "-o", str(out))
    assert corrupt.exit_code == 0
    assert (
        f"{out}: warning[manifest] the build manifest .briefgen-build.json could not be read; it was ignored"
        in corrupt.output
    )
    assert corrupt.output.count("wrote ") == 2
    assert f"unchanged {out}" in run("build", str(spec), "-o", str(out)).output  # a good manifest again


def test_strict_does_not_skip_a_brief_whose_build_had_warnings(make_spec, tmp_path):
    spec = make_spec(
        SPEC.replace('      - "R&D reached {rd}."\n', ""), {"sources/doc.txt": SOURCE}, name="tiny.yaml"
    )
    out = tmp_path / "out"
    first = run("build", str(spec), "-o", str(out))
    assert first.exit_code == 0 and "warning[unused-fact]" in first.output
    assert run("build", str(spec), "-o", str(out), "--strict").exit_code == 1


def test_build_many_returns_a_result_per_brief_in_order(make_spec, tmp_path):
    spec = make_spec(COUNTRIES, SOURCES, name="brief.yaml")
    results = briefgen.build_many([spec], out_dir=tmp_path / "out", formats=["pdf"], jobs=2)
    assert [r.label(with_spec=False) for r in results] == [
        "country=India",
        "country=Chad",
        "country=China",
        "country=Peru",
    ]
    assert [r.ok for r in results] == [True, False, True, False]
    assert results[0].written == (tmp_path / "out" / "brief-India.pdf",)
    assert [d.code for d in results[1].diagnostics if d.severity == "error"] == ["source-not-found"]
    again = briefgen.build_many(
        [spec], out_dir=tmp_path / "out", formats=["pdf"], params={"country": "India"}
    )
    assert [(r.written, r.unchanged) for r in again] == [((), (tmp_path / "out" / "brief-India.pdf",))]
    paths = briefgen.build(spec, out_dir=tmp_path / "api", params={"country": "China"})
    assert [p.name for p in paths] == ["brief-China.pptx", "brief-China.pdf"]
    assert os.path.exists(tmp_path / "api" / "brief-China.pdf")


def test_facts_and_audit_take_a_row_of_a_spec_with_params():
    spec = ROOT / "specs" / "population-by-country.yaml"
    facts = run("facts", str(spec), "--param", "country=Kenya", "--format", "csv")
    assert facts.exit_code == 0, facts.output
    assert "row Kenya, 2022, column Value (cell D7864)" in facts.output
    assert "54,252,461 people" in facts.output
    unchosen = run("facts", str(spec))
    assert unchosen.exit_code == 1
    assert "error[params-row] the spec has parameters (country): choose a row" in unchosen.output
    audit = run("audit", str(spec), "--param", "country=Kenya", "--param", "country=Japan")
    assert audit.exit_code == 0, audit.output
    assert f"{spec} (country=Japan): 0 layout problem(s)" in audit.output
    assert f"{spec} (country=Kenya): 0 layout problem(s)" in audit.output
