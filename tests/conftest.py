"""Shared fixtures: temporary specs, and the example brief built once per test session."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support.paths import EXAMPLE


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
