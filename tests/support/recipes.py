"""The complete specs of docs/cookbook.md: briefs written for the docs, not for the tests."""

from __future__ import annotations

import re

from tests.support.paths import ROOT

COOKBOOK = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
RECIPES = [b for b in re.findall(r"```yaml\n(.*?)```", COOKBOOK, re.S) if b.startswith("title:")]
