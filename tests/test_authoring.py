"""Writing a spec: `check` without rendering, warnings and --strict, report formats, schema, init, watch."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.spec.schema import spec_schema
from briefgen.watch import watch_and_rebuild
from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import EXAMPLE, ROOT


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_reports_ok_and_imports_no_renderer():
    code = (
        "import sys; from click.testing import CliRunner; from briefgen.cli import main;"
        f"r = CliRunner().invoke(main, ['check', {str(EXAMPLE)!r}]); print(r.exit_code, r.output.strip());"
        "print(sorted(m for m in ('pptx', 'reportlab', 'briefgen.render') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, modules = out.strip().splitlines()
    assert first.startswith("0 ") and first.endswith(
        "new-quality-productive-forces.yaml: ok (26 facts shown, 2 sources cited)"
    )
    assert modules == "[]"


def test_warnings_and_strict(make_spec):
    spec = make_spec(SPEC.replace('      - "R&D reached {rd}."\n', ""), {"sources/doc.txt": SOURCE})
    result = run("check", str(spec))
    assert result.exit_code == 0
    assert f"{spec}:15:3: warning[unused-fact] fact 'rd' is not used anywhere in the brief" in result.output
    assert run("check", str(spec), "--strict").exit_code == 1
    built = run("build", str(spec), "-o", str(spec.parent / "out"), "--strict")
    assert built.exit_code == 1 and not (spec.parent / "out").exists()


def test_fact_only_in_notes_and_unsourced_section_warnings(make_spec):
    spec = (
        SPEC.replace("sections:\n", 'summary: "Spending hit {rd}."\nsections:\n').replace(
            '      - "R&D reached {rd}."\n', '      - "Spending matters."\n'
        )
        + '  - id: two\n    title: Context\n    bullets: ["No figures here."]\n'
    )
    result = run("check", str(make_spec(spec, {"sources/doc.txt": SOURCE})))
    assert (
        "warning[fact-only-in-notes] fact 'rd' appears in the deck only in the speaker notes" in result.output
    )
    assert "warning[section-unsourced] section 'two' cites no source" in result.output


def test_report_formats(make_spec):
    spec = make_spec(SPEC.replace("{nev}", "{nevv}"), {"sources/doc.txt": SOURCE})
    as_json = json.loads(run("check", str(spec), "--format", "json").output)
    assert as_json == [
        {
            "file": str(spec),
            "line": 24,
            "col": 9,
            "severity": "error",
            "code": "unknown-fact",
            "message": "section 'one' › bullet 1 names unknown fact 'nevv'",
            "hint": "did you mean 'nev'?",
        }
    ]
    github = run("check", str(spec), "--format", "github").output.strip()
    assert github == (
        f"::error file={spec},line=24,col=9,title=briefgen unknown-fact::section 'one' › bullet 1 "
        "names unknown fact 'nevv' (did you mean 'nev'?)"
    )


def test_debug_shows_a_traceback(make_spec):
    spec = make_spec(SPEC.replace("{nev}", "{nevv}"), {"sources/doc.txt": SOURCE})
    plain = run("build", str(spec), "-o", str(spec.parent / "o"))
    debug = run("build", str(spec), "-o", str(spec.parent / "o"), "--debug")
    assert "Traceback" not in plain.output and "Traceback" in debug.output


def test_the_committed_schema_is_current_and_validates_the_examples():
    committed = json.loads((ROOT / "specs" / "briefgen.schema.json").read_text())
    assert committed == spec_schema() == json.loads(run("schema").output)
    for spec in (ROOT / "specs").glob("*.yaml"):
        assert spec.read_text().startswith("# yaml-language-server: $schema=briefgen.schema.json\n")
        jsonschema.validate(yaml.safe_load(spec.read_text()), committed)
    broken = yaml.safe_load(EXAMPLE.read_text())
    broken["sections"][0]["titel"] = broken["sections"][0].pop("title")
    errors = list(jsonschema.Draft202012Validator(committed).iter_errors(broken))
    assert any("'titel' was unexpected" in e.message for e in errors)


def properties(schema: dict) -> list[tuple[str, dict]]:
    """Every property of every object in a schema, with its path."""
    found = []

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            found.extend((f"{path}.{k}", v) for k, v in node.get("properties", {}).items())
            for k, v in node.items():
                walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for v in node:
                walk(v, path)

    walk(schema, "")
    return found


@pytest.mark.parametrize("which", ["spec", "theme"])
def test_schemas_as_an_editor_needs_them(which):
    committed = json.loads(
        (ROOT / "specs" / f"briefgen{'.theme' if which == 'theme' else ''}.schema.json").read_text()
    )
    assert committed == json.loads(run("schema", *(["--theme"] if which == "theme" else [])).output)
    assert committed["$id"].startswith("urn:briefgen:schema:")
    undescribed = [path for path, node in properties(committed) if not node.get("description")]
    assert undescribed == []
    assert '"null"' not in json.dumps(committed)  # an optional key is left out, never set to null
    enums = [node for _, node in properties(committed) if "enum" in node and len(node["enum"]) > 2]
    assert all(len(n.get("enumDescriptions", [])) == len(n["enum"]) for n in enums)  # what each value means
    if which == "spec":
        assert len(enums) >= 5


def test_the_schema_tells_the_kinds_of_fact_apart():
    schema = spec_schema()
    data = yaml.safe_load(EXAMPLE.read_text())
    fact_kinds = {
        "quoted": {"source": "mumbai", "quote": "a quote"},
        "derived": {"formula": "a - b"},
        "estimate": {"source": "estimate", "value": 3, "note": "how"},
        "cell": {"source": "mumbai", "row": "India", "column": "2023"},
        "address": {"source": "mumbai", "cell": "Sheet1!C7", "value": 3},
        "long-table row": {"source": "mumbai", "row": ["India", 2023], "column": "Value"},
    }
    for fact in fact_kinds.values():
        data["facts"]["x"] = fact
        jsonschema.validate(data, schema)
    for wrong in (
        {"source": "mumbai", "value": 3},
        {"formula": "a - b", "quote": "q"},
        {"source": "estimate"},
        {"source": "mumbai", "row": "India"},
        {"source": "mumbai", "cell": "C7", "row": "India", "column": "2023"},
        {"source": "mumbai", "quote": "q", "cell": "C7"},
    ):
        data["facts"]["x"] = wrong
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)), wrong


def test_theme_files_validate_against_the_theme_schema(tmp_path):
    schema = json.loads((ROOT / "specs" / "briefgen.theme.schema.json").read_text())
    theme = {"base": "ocean", "colors": {"title": "#112233"}, "fonts": {"deck": "Arial"}, "slide_size": "4:3"}
    jsonschema.validate(theme, schema)
    theme["slide_size"] = "5:4"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(theme))


def test_init_with_sources_writes_a_spec_that_builds_cleanly(tmp_path):
    sources = [
        EXAMPLE.parent / "sources" / n
        for n in ("mumbai-consul-general-nqpf-2024.txt", "luo-weidong-toronto-nqpf-2024.txt")
    ]
    result = run(
        "init", "Envoys brief", "--dir", str(tmp_path), *[a for s in sources for a in ("--source", str(s))]
    )
    assert result.exit_code == 0, result.output
    spec = tmp_path / "envoys-brief.yaml"
    checked = run("check", str(spec), "--strict")
    assert checked.exit_code == 0, checked.output  # no errors and no warnings
    data = yaml.safe_load(spec.read_text())
    section = {key for s in data["sections"] for key in s} - {"id", "title"}
    assert section == {"prose", "bullets", "table", "chart", "quote"} and data["key_numbers"]["items"]
    assert len(data["sources"]) == 2 and (tmp_path / "sources" / sources[0].name).exists()
    assert run("build", str(spec), "-o", str(tmp_path / "out")).exit_code == 0
    again = run("init", "Envoys brief", "--dir", str(tmp_path))
    assert again.exit_code == 1 and "the file exists already" in again.output


def test_init_without_sources_builds(tmp_path):
    assert run("init", "blank", "--dir", str(tmp_path)).exit_code == 0
    assert run("build", str(tmp_path / "blank.yaml"), "-o", str(tmp_path / "out"), "--strict").exit_code == 0


def test_watch_rebuilds_when_a_source_changes(make_spec):
    spec = make_spec(SPEC, {"sources/doc.txt": SOURCE})
    runs: list[int] = []
    source = spec.parent / "sources" / "doc.txt"

    def sleep(_: float) -> None:
        if len(runs) == 1:
            source.write_text(SOURCE + "\nMore.\n", encoding="utf-8")

    thread = threading.Thread(
        target=watch_and_rebuild, args=([spec], lambda: runs.append(1) or 0, 0.0, 1, sleep)
    )
    thread.start()
    thread.join(10)
    assert len(runs) == 2  # the first build, then one after the change


def test_python_api_is_typed():
    assert (Path(__import__("briefgen").__file__).parent / "py.typed").exists()
