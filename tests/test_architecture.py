"""The stage boundaries of docs/architecture.md, checked on the imports of each module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "briefgen"
STAGES = {
    "spec",
    "specload",
    "spec_errors",
    "yamlload",
    "sources",
    "readers",
    "formula",
    "citations",
    "fact_report",
    "suggest",
    "facts",
    "assemble",
    "numbers",
    "inline",
    "pipeline",
    "cli",
}
LIBRARIES = {"pptx", "reportlab"}


def imports(path: Path) -> set[str]:
    """Top-level briefgen modules and third-party packages a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                found.add((node.module or "").split(".")[0])
            else:
                base = (node.module or "").split(".")
                if node.level == 2 or path.parent.name != "render":
                    found.add(base[0] if base[0] else node.names[0].name)
                else:
                    found.add("render." + (base[0] if base[0] else node.names[0].name))
    return found


MODULES = sorted(PKG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_module_boundaries(path: Path):
    used = imports(path)
    name = path.stem
    if path.parent.name == "render":
        assert not used & STAGES, f"renderers read only the Brief: {used & STAGES}"
        if name.startswith("deck"):
            assert not any(u.startswith("render.pdf") for u in used) and "reportlab" not in used
        if name.startswith("pdf"):
            assert not any(u.startswith("render.deck") for u in used) and "pptx" not in used
        if name in ("deck_plan", "measure"):
            assert "pptx" not in used, "the deck plan is pure Python"
    else:
        assert not used & LIBRARIES, f"only renderers import rendering libraries: {used & LIBRARIES}"


def test_every_module_opens_with_a_one_line_docstring():
    for path in MODULES:
        doc = ast.get_docstring(ast.parse(path.read_text()))
        assert doc and doc.splitlines()[0].strip(), path
