"""Generated and mutated specs through `briefgen.check` (and some through `build`): a clean result or
diagnostics, never an exception, within a time bound. A fixed seed and a budget that fits CI;
bench/fuzz_long.py runs the same strategies on 10,000 specs and more."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

import briefgen
from tests.fuzz.specs import check_spec, spec_texts

FUZZ = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(spec_texts())
def test_check_never_raises(text: str):
    with tempfile.TemporaryDirectory() as folder:
        check_spec(Path(folder), text)


@settings(FUZZ, max_examples=25)
@given(spec_texts())
def test_build_never_raises(text: str):
    with tempfile.TemporaryDirectory() as folder:
        check_spec(Path(folder), text)
        try:
            briefgen.build(Path(folder) / "brief.yaml", out_dir=Path(folder) / "out")
        except briefgen.BriefgenError as e:
            assert e.diagnostics


def test_found_by_the_long_run_a_key_that_looks_like_a_union_tag(tmp_path: Path):
    import textwrap

    from tests.support.minimal import SPEC

    _, diags = briefgen.check(_write(tmp_path, textwrap.dedent(SPEC).lstrip() + "'<x': 1\n"))
    assert [d.code for d in diags] == ["unknown-key"] and "'<x'" in diags[0].message


def _write(folder: Path, text: str) -> Path:
    check_spec(folder, text)
    return folder / "brief.yaml"
