"""Hypothesis strategies for specs: a valid spec's data mutated by structure (keys, types, unicode, numbers,
nesting, anchors), and its YAML text mutated by bytes. Shared by the fuzz test and bench/fuzz_long.py."""

from __future__ import annotations

import copy
import math
import textwrap
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

import briefgen
from tests.support.minimal import SOURCE, SPEC

BASE: dict[str, Any] = yaml.safe_load(textwrap.dedent(SPEC))
BASE["sections"][0]["chart"] = {
    "kind": "column",
    "title": "Chart",
    "data": [{"label": "A", "fact": "nev"}, {"label": "B", "fact": "nev"}],
}
BASE["key_numbers"] = {"items": ["nev", {"fact": "rd", "label": "R&D", "change": "nev"}]}

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    [
        "{nev}",
        "{rd}",
        "{",
        "}",
        "{{",
        "`2.7`",
        "40%",
        "$2.5bn",
        "AV1",
        "1e999",
        "\u0000",
        "\x7f",
        "\x85",
        "\u202e",
    ]
)
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e308, 1e-308, 2.5, 469.01, 9.4]),
)
LEAVES = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(TEXT | st.sampled_from(list(BASE)), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    """The base spec with a few parts replaced, removed or added."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add", "nest"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(TEXT)] = draw(VALUES)
        elif action == "nest":
            depth = draw(st.integers(1, 200))
            value: Any = parent[path[-1]]
            for _ in range(depth):
                value = [value]
            parent[path[-1]] = value
        else:
            parent[path[-1]] = draw(VALUES)
    return data


@st.composite
def spec_texts(draw: st.DrawFn) -> str:
    """YAML text of a mutated spec, sometimes with anchors and aliases, sometimes with bytes changed."""
    data = draw(mutated_data())
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
    except (yaml.YAMLError, ValueError, RecursionError):
        text = textwrap.dedent(SPEC)
    if draw(st.booleans()):
        text = "shared: &a " + draw(st.sampled_from(["[1, 2]", "{x: 1}", "'text'", "[*a]"])) + "\n" + text
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, max(0, len(text) - 1)))
        text = (
            text[:at]
            + draw(st.sampled_from(["\t", ":", "- ", "{", "[", "&x ", "*x", "!!python/object ", "\n  "]))
            + text[at:]
        )
    return text


def check_spec(folder: Path, text: str, seconds: float = 10.0) -> float:
    """Run briefgen.check on the text; raise if it raises or takes longer than `seconds`. Returns the time."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    spec = folder / "brief.yaml"
    spec.write_text(text, encoding="utf-8", errors="surrogatepass")
    start = time.perf_counter()
    brief, diags = briefgen.check(spec)
    took = time.perf_counter() - start
    assert brief is not None or any(d.severity == "error" for d in diags)
    assert all(d.location.file for d in diags)
    assert took < seconds, f"check took {took:.1f} s"
    assert math.isfinite(took)
    return took
