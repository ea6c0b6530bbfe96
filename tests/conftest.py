"""Shared fixtures: temporary specs, and the example brief built once per test session."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support.paths import EXAMPLE


@pytest.fixture(scope="session", autouse=True)
def _page_text_cache(tmp_path_factory: pytest.TempPathFactory):
    """The tests' own cache of source text (briefgen.facts.cache), never the user's; processes the tests
    start inherit it."""
    import os

    before = os.environ.get("BRIEFGEN_CACHE_DIR")
    os.environ["BRIEFGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("briefgen-cache"))
    yield
    if before is None:
        os.environ.pop("BRIEFGEN_CACHE_DIR", None)
    else:
        os.environ["BRIEFGEN_CACHE_DIR"] = before


@pytest.fixture
def make_spec(tmp_path: Path):
    """Write a spec (dedented YAML) and its text sources into a temporary folder; return the spec path."""

    def make(yaml_text: str, sources: dict[str, str] | None = None, name: str = "brief.yaml") -> Path:
        for rel, text in (sources or {}).items():
            p = tmp_path / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        spec = tmp_path / name
        spec.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
        return spec

    return make


@pytest.fixture(scope="session")
def example_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example spec built into a temporary folder: {'pptx': path, 'pdf': path}."""
    import briefgen

    out = tmp_path_factory.mktemp("example")
    written = briefgen.build(EXAMPLE, out_dir=out)
    return {p.suffix.lstrip("."): p for p in written}


@pytest.fixture(scope="session")
def example_brief():
    """The example spec's assembled Brief."""
    import briefgen

    return briefgen.load(EXAMPLE)


PRESNT = Path("/usr/lib/libreoffice/share/template/common/presnt")


def _convert_templates(out: Path, fmt: str) -> list[Path]:
    """Every Impress template Debian ships, converted to `fmt` (pptx, potx) by LibreOffice."""
    import os
    import subprocess

    from tests.support.readback import require_file, require_tool

    require_file(PRESNT / "Candy.otp", "libreoffice-common")
    soffice = require_tool("soffice")
    sources = sorted(PRESNT.glob("*.otp"))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--norestore"]
        + ["--convert-to", fmt, "--outdir", str(out), *map(str, sources)],
        capture_output=True,
        timeout=600,
        check=False,
        env={**os.environ, "HOME": str(out)},
    )
    converted = sorted(out.glob(f"*.{fmt}"))
    assert len(converted) == len(sources) >= 15
    return converted


@pytest.fixture(scope="session")
def libreoffice_pptx(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The LibreOffice Impress templates as .pptx, converted once per session."""
    return _convert_templates(tmp_path_factory.mktemp("presnt-pptx"), "pptx")


@pytest.fixture(scope="session")
def libreoffice_potx(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The LibreOffice Impress templates as .potx, converted once per session."""
    return _convert_templates(tmp_path_factory.mktemp("presnt-potx"), "potx")
