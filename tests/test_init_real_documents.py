"""`briefgen init` on real documents Debian packages ship builds with --strict, its schema validating it.

The documents: NEWS files, changelogs, release notes, HTML manuals, a PDF, a Markdown README, and a DOCX that
LibreOffice makes from an HTML manual."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from briefgen.cli import main
from tests.support.readback import libreoffice_convert

CLAIMS = sorted((Path(__file__).parent / "facts" / "claims").glob("*.yaml"))
SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html", "pdf": ".pdf"}
DOCUMENTS = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in CLAIMS]


def source_file(entry: dict, folder: Path) -> Path:
    path = Path(entry["document"])
    if not path.exists():
        pytest.skip(f"{path} is not installed")
    target = folder / (path.name.removesuffix(".gz").replace(".", "-") + SUFFIX[entry["kind"]])
    target.write_bytes(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())
    return target


def init_and_build(source: Path, folder: Path) -> dict:
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        made = runner.invoke(main, ["init", "brief", "--source", str(source)])
        assert made.exit_code == 0, made.output
        built = runner.invoke(main, ["build", "--strict", "specs/brief.yaml", "-o", "out"])
        assert built.exit_code == 0, built.output
    finally:
        os.chdir(cwd)
    assert (folder / "out" / "brief.pptx").stat().st_size > 0 and (
        folder / "out" / "brief.pdf"
    ).stat().st_size > 0
    spec = folder / "specs" / "brief.yaml"
    first = spec.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=briefgen.schema.json"
    schema = json.loads((folder / "specs" / "briefgen.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    return data


@pytest.mark.parametrize("entry", DOCUMENTS, ids=[p.stem for p in CLAIMS])
def test_init_on_a_real_document_builds_strictly(tmp_path: Path, entry: dict):
    init_and_build(source_file(entry, tmp_path), tmp_path)


def test_init_on_a_docx_made_by_libreoffice(tmp_path: Path):
    manual = Path("/usr/share/doc/fontconfig/fontconfig-user.html")
    if not manual.exists():
        pytest.skip(f"{manual} is not installed")
    libreoffice_convert(manual, tmp_path, "docx:MS Word 2007 XML")
    data = init_and_build(tmp_path / "fontconfig-user.docx", tmp_path)
    assert data["facts"], "the manual states figures: init suggests some"
