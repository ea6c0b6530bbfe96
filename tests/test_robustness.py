"""Broken specs of every shape end in diagnostics, never in an exception: mutations of the example."""

from __future__ import annotations

import random
import shutil

import pytest

import briefgen
from tests.support.paths import EXAMPLE

VALUES = ["[]", "{}", "12", "true", '"x"', "-1", "1e999", ".nan", "null", "[a, b]", "{a: 1}", "!!binary aGk="]


def mutate(lines: list[str], rng: random.Random) -> list[str]:
    out = list(lines)
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(out))
        kinds = ["delete", "duplicate", "indent", "dedent", "value", "colon", "dash", "brace", "digit"]
        kind = rng.choice(kinds)
        if kind == "delete":
            del out[k]
        elif kind == "duplicate":
            out.insert(k, out[k])
        elif kind == "indent":
            out[k] = "  " + out[k]
        elif kind == "dedent":
            out[k] = out[k][2:]
        elif kind == "value" and ":" in out[k]:
            out[k] = out[k].split(":")[0] + ": " + rng.choice(VALUES)
        elif kind == "colon":
            out[k] = out[k].replace(":", "", 1)
        elif kind == "dash":
            out[k] = out[k].replace("- ", "", 1)
        elif kind == "brace":
            out[k] = out[k].replace("{", "", 1)
        elif kind == "digit":
            out[k] = out[k].replace("9", "8", 1)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_mutated_examples_give_diagnostics_not_exceptions(tmp_path, seed):
    shutil.copytree(EXAMPLE.parent / "sources", tmp_path / "sources")
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    spec = tmp_path / "mutant.yaml"
    for _ in range(30):
        spec.write_text("\n".join(mutate(lines, rng)), encoding="utf-8")
        brief, diags = briefgen.check(spec)  # an exception here fails the test with the mutant on disk
        assert (brief is None) == any(d.severity == "error" for d in diags)
        for d in diags:
            assert d.location.file.endswith("mutant.yaml") or d.code.startswith("source")
