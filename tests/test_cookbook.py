"""Every complete spec in docs/cookbook.md checks cleanly against the example's sources."""

from __future__ import annotations

import re
import shutil

import pytest

import briefgen
from tests.support.paths import EXAMPLE, ROOT

BLOCKS = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8"), re.S)
COMPLETE = [b for b in BLOCKS if b.startswith("title:")]


def test_the_cookbook_has_recipes():
    assert len(COMPLETE) >= 4


@pytest.mark.parametrize("text", COMPLETE, ids=[b.splitlines()[0][7:40] for b in COMPLETE])
def test_recipe_checks_without_errors(tmp_path, text):
    shutil.copytree(EXAMPLE.parent / "sources", tmp_path / "sources")
    spec = tmp_path / "recipe.yaml"
    spec.write_text(text, encoding="utf-8")
    brief, diags = briefgen.check(spec)
    assert brief is not None, [str(d) for d in diags]
    assert [d for d in diags if d.code != "unused-source"] == [], [str(d) for d in diags]
