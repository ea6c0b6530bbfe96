"""No module of briefgen, nor any test, imports a private name (`_x`) from another briefgen module."""

from __future__ import annotations

import ast

from tests.support.paths import ROOT


def private_imports(source: str) -> list[str]:
    """`module:name` for every private name imported from a briefgen module in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("briefgen")):
            private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
            found += [f"{node.module}:{name}" for name in private]
    return found


def test_the_check_finds_a_private_import():
    assert private_imports("from briefgen.render.deck.fit import plain, _greedy\n") == [
        "briefgen.render.deck.fit:_greedy"
    ]
    assert private_imports("from pptx.text.text import _Run\nfrom briefgen import __version__\n") == []


def test_no_private_name_crosses_a_module_boundary():
    offenders = {
        str(p.relative_to(ROOT)): found
        for tree in ("src", "tests", "bench")
        for p in sorted((ROOT / tree).rglob("*.py"))
        if (found := private_imports(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}
