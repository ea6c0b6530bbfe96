"""Every complete spec in docs/cookbook.md checks cleanly against the example's sources."""

from __future__ import annotations

import re
import shutil

import pytest

import briefgen
from tests.support.paths import EXAMPLE, ROOT

BLOCKS = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8"), re.S)
COMPLETE = [b for b in BLOCKS if b.startswith("title:")]
WITH_PARAMS = [b for b in BLOCKS if b.startswith("params:\n  country:")]  # a brief per row


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


def test_the_one_brief_per_country_recipe_checks_for_every_country(tmp_path):
    assert len(WITH_PARAMS) == 1
    shutil.copytree(EXAMPLE.parent / "sources", tmp_path / "sources")
    spec = tmp_path / "countries.yaml"
    spec.write_text(WITH_PARAMS[0], encoding="utf-8")
    rows = briefgen.param_rows(spec)
    assert rows == [{"country": "India"}, {"country": "Kenya"}, {"country": "Brazil"}]
    for row in rows:
        brief, diags = briefgen.check(spec, params=row)
        assert brief is not None and diags == [], [str(d) for d in diags]
        assert brief.title == f"China’s innovation pitch: a note for {row['country']}"
        assert brief.name == f"countries-{row['country']}"
