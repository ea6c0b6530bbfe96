"""The `briefgen build` command: outputs, one line per problem, exit codes, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import main
from conftest import EXAMPLE
from minimal import SOURCE, SPEC


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
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["tiny.pdf"]


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
    assert sorted(p.name for p in out.iterdir()) == ["tiny.pdf", "tiny.pptx"]


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
