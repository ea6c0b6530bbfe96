"""The `briefgen build` command: outputs, one line per problem, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from briefgen.cli import main
from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import EXAMPLE


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_build_writes_both_formats(make_spec, tmp_path):
    spec = make_spec(SPEC, {"sources/doc.txt": SOURCE}, name="tiny.yaml")
    result = run("build", str(spec), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "tiny.pptx").stat().st_size > 10_000
    assert (tmp_path / "out" / "tiny.pdf").read_bytes().startswith(b"%PDF")
    assert f"wrote {tmp_path / 'out' / 'tiny.pptx'}" in result.output


def test_format_option_limits_outputs(make_spec, tmp_path):
    spec = make_spec(SPEC, {"sources/doc.txt": SOURCE}, name="tiny.yaml")
    result = run("build", str(spec), "-o", str(tmp_path / "out"), "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["tiny.pdf"]


def test_no_argument_builds_every_spec_in_specs(tmp_path):
    shutil.copytree(EXAMPLE.parent, tmp_path / "specs")
    result = run("build", "--format", "pptx", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "new-quality-productive-forces.pptx").exists()


def test_input_problems_exit_1_with_one_line_each_and_keep_earlier_outputs(make_spec, tmp_path):
    spec = make_spec(SPEC, {"sources/doc.txt": SOURCE}, name="tiny.yaml")
    out = tmp_path / "out"
    assert run("build", str(spec), "-o", str(out)).exit_code == 0
    before = (out / "tiny.pdf").read_bytes()
    spec.write_text(SPEC.replace("value: 469.01", "value: 496").replace("{nev}", "{nevv}"), encoding="utf-8")
    result = run("build", str(spec), "-o", str(out))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "error[" in line]
    assert len(lines) == 2, result.output
    assert lines[0].startswith(f"{spec}:19:12: error[value-not-in-quote] value 496 of fact 'rd'"), lines
    assert lines[1].startswith(f"{spec}:25:9: error[unknown-fact]"), lines
    assert "Traceback" not in result.output
    assert (out / "tiny.pdf").read_bytes() == before
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["tiny.pdf", "tiny.pptx"]


def test_usage_errors_exit_2(tmp_path):
    assert run("build", cwd=tmp_path).exit_code == 2
    assert run("build", "--format", "docx", "x.yaml").exit_code == 2


def test_missing_spec_file_is_an_input_error(tmp_path):
    result = run("build", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "nope.yaml: error[spec-not-found] spec file not found" in result.output


def test_console_script_is_installed(make_spec, tmp_path):
    exe = Path(sys.executable).parent / "briefgen"
    spec = make_spec(SPEC.replace("{rd}", "{rdd}"), {"sources/doc.txt": SOURCE}, name="tiny.yaml")
    proc = subprocess.run(
        [str(exe), "build", str(spec), "-o", str(tmp_path / "o")], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "error[unknown-fact] section 'one' › bullet 2 names unknown fact 'rdd'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_characters_the_pdf_font_lacks_are_reported_not_dropped(make_spec, tmp_path):
    source = SOURCE + "\nOfficials in 北京 cited the figures.\n"
    spec = make_spec(
        SPEC.replace("facts:", 'facts:\n  cited:\n    source: doc\n    quote: "Officials in 北京 cited"\n', 1)
        + '      - "As they put it: {cited}"\n',
        {"sources/doc.txt": source},
        name="tiny.yaml",
    )
    result = run("build", str(spec), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (
        f"{spec}:11:26: error[missing-glyph] the PDF font Carlito has no glyph for '北' (U+5317)"
        in result.output
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert run("build", str(spec), "-o", str(tmp_path / "out"), "--format", "pptx").exit_code == 0


def test_facts_command_lists_every_fact_of_the_example():
    result = run("facts", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows["rd_spend"]["value"] == "$469.01 billion" and rows["rd_spend"]["status"] == "verified"
    assert (rows["gii_first_indicators"]["paragraph"], rows["gii_first_indicators"]["line"]) == (7, 13)
    assert rows["gii_gain"]["status"] == "derived" and rows["gii_gain"]["formula"] == "gii_2011 − gii_2023"
    assert all(r["status"] in ("verified", "derived") for r in rows.values())
    table = run("facts", str(EXAMPLE)).output
    assert (
        "nev_volume" in table and "over 9.4 million units" in table and "¶ 1, line 1, chars 397–458" in table
    )
    csv_text = run("facts", str(EXAMPLE), "--format", "csv").output
    assert csv_text.splitlines()[0].startswith("id,kind,label,value,source,locator,status,quote")


def test_a_copy_of_the_example_with_a_wrong_value_and_an_altered_quote_fails(tmp_path):
    shutil.copytree(EXAMPLE.parent, tmp_path / "specs")
    spec = tmp_path / "specs" / EXAMPLE.name
    text = spec.read_text(encoding="utf-8")
    text = text.replace("value: 469.01", "value: 496.01").replace(
        "representing over 60% of the world’s total", "representing over 65% of the world’s total"
    )
    spec.write_text(text, encoding="utf-8")
    result = run("facts", str(spec), "--format", "json")
    assert result.exit_code == 1
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["rd_spend"]["status"] == "error[value-not-in-quote]"
    assert rows["nev_world_share"]["status"] == "error[quote-not-found]"
    built = run("build", str(spec), "-o", str(tmp_path / "out"))
    assert built.exit_code == 1
    assert (
        "error[quote-not-found] quote of fact 'nev_world_share' not found in source 'mumbai'" in built.output
    )
    assert (
        "closest passage (9" in built.output
        and '¶ 1, line 1: "representing over 60% of the world’s total"' in built.output
    )
    assert (
        "error[value-not-in-quote] value 496.01 billion of fact 'rd_spend' is not a number its quote states"
        in (built.output)
    )
    assert "the quote states: $469.01 billion, 2023" in built.output


def test_suggest_command_prints_facts_that_verify(tmp_path):
    source = EXAMPLE.parent / "sources" / "luo-weidong-toronto-nqpf-2024.txt"
    result = run("suggest", str(source), "--id", "toronto")
    assert result.exit_code == 0
    facts = yaml.safe_load(result.output)["facts"]
    assert {(f["value"], f.get("scale"), f.get("unit")) for f in facts.values()} >= {
        (30, None, "%"),
        (1, "trillion", "yuan"),
    }


def test_a_bug_exits_3_with_a_traceback_and_a_request_to_report(tmp_path, monkeypatch):
    import briefgen.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "write_outputs", broken)  # the build command imports it when it runs
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 3
    assert "Traceback" in result.output and "RuntimeError: boom" in result.output
    assert "this is a bug in briefgen. Please report it" in result.output


MODULES_AFTER = """
import json, sys
from briefgen.cli import main
sys.argv = ["briefgen", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} | set(sys.modules))), file=sys.stderr)
"""
RENDERERS = {"pptx", "reportlab", "pikepdf", "xlsxwriter", "briefgen.render"}


def modules_after(*args: str, cwd: Path) -> set[str]:
    """The modules a `briefgen` command has imported when it ends, run in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_check_and_help_import_no_renderer(tmp_path: Path):
    """`briefgen check` reads and verifies without python-pptx, reportlab, pikepdf or XlsxWriter; `--help`
    does not even build the spec model."""
    shutil.copytree(EXAMPLE.parent, tmp_path / "specs")
    checked = modules_after("check", str(tmp_path / "specs" / EXAMPLE.name), cwd=tmp_path)
    assert "briefgen.facts.verify" in checked  # it did check
    assert checked & RENDERERS == set()
    helped = modules_after("--help", cwd=tmp_path)
    assert helped & (RENDERERS | {"pydantic", "yaml", "briefgen.pipeline", "briefgen.spec.model"}) == set()
    built = modules_after("build", str(tmp_path / "specs" / EXAMPLE.name), "-o", str(tmp_path), cwd=tmp_path)
    assert {"pptx", "reportlab", "briefgen.render"} <= built  # the same test would see them
