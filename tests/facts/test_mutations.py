"""Every wrong fact is caught: each fact of every spec in specs/, the cookbook and the test brief, mutated
seven ways (a value digit, the scale, the unit, the qualifier, the sign, a quote digit, a quote word), must
fail `check` with an error that names the fact at the line and column of the key that is wrong."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import briefgen
from briefgen.numbers.reader import matches, stated_numbers
from briefgen.numbers.units import canonical, states_noun
from briefgen.spec.document import load_yaml
from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import EXAMPLE, ROOT

Fact = dict
Mutation = Callable[
    [Fact], "str | None"
]  # mutates the fact; the key that is now wrong, or None (not applicable)


def _reading(fact: Fact) -> tuple[float, str | None] | None:
    """The value and scale the fact states, as the spec writes them or as its quote states them."""
    if isinstance(fact.get("value"), (int, float)):
        return float(fact["value"]), fact.get("scale")
    if "value" in fact:
        return None  # a range
    found = [s for s in stated_numbers(fact["quote"]) if not (s.digits.isdigit() and len(s.digits) == 4)]
    return (found[0].value, found[0].scale) if len(found) == 1 and found[0].high is None else None


def _stated(fact: Fact, value: float, scale: str | None) -> bool:
    return any(matches(value, scale, s) for s in stated_numbers(fact["quote"]))


def value_digit(fact: Fact) -> str | None:
    reading = _reading(fact)
    if reading is None:
        return None
    value, scale = reading
    text = repr(abs(value)).removesuffix(".0")
    for i, ch in enumerate(text):
        if ch.isdigit():
            wrong = float(text[:i] + str((int(ch) + 1) % 10) + text[i + 1 :]) * (1 if value >= 0 else -1)
            if not _stated(fact, wrong, scale):
                fact["value"] = int(wrong) if wrong.is_integer() else wrong
                return "value"
    return None


def scale(fact: Fact) -> str | None:
    reading = _reading(fact)
    if reading is None:
        return None
    fact["scale"] = "billion" if fact.get("scale") != "billion" else "million"
    return None if _stated(fact, reading[0], fact["scale"]) else "scale"


def unit(fact: Fact) -> str | None:
    if _reading(fact) is None:
        return None
    said = {s.unit for s in stated_numbers(fact["quote"])}
    current = canonical(str(fact.get("unit", "")))
    for wrong in ("%", "USD", "ms", "×", "rank", "widgets"):
        if canonical(wrong) not in said | {current} and not states_noun(fact["quote"], wrong):
            fact["unit"] = wrong
            return "unit"
    return None


def qualifier(fact: Fact) -> str | None:
    if _reading(fact) is None:
        return None
    said = {s.qualifier for s in stated_numbers(fact["quote"])}
    fact["qualifier"] = next(q for q in ("up to", "about", "over") if q not in said | {fact.get("qualifier")})
    return "qualifier"


def sign(fact: Fact) -> str | None:
    reading = _reading(fact)
    if reading is None or reading[0] == 0:
        return None
    wrong = -reading[0]
    if _stated(fact, wrong, reading[1]):
        return None
    fact["value"] = int(wrong) if wrong.is_integer() else wrong
    return "value"


def quote_digit(fact: Fact) -> str | None:
    m = re.search(r"\d", fact["quote"])
    if m is None:
        return None
    q = fact["quote"]
    fact["quote"] = q[: m.start()] + str((int(m.group()) + 1) % 10) + q[m.end() :]
    return "quote"


def quote_word(fact: Fact) -> str | None:
    words = fact["quote"].split(" ")
    if len(words) < 3:
        return None
    fact["quote"] = " ".join(words[:1] + words[2:])
    return "quote"


MUTATIONS: dict[str, Mutation] = {
    "value digit": value_digit,
    "scale": scale,
    "unit": unit,
    "qualifier": qualifier,
    "sign": sign,
    "quote digit": quote_digit,
    "quote word": quote_word,
}


def briefs(tmp: Path) -> list[tuple[str, Path]]:
    """(name, folder with the spec's sources) for each spec whose facts are mutated."""
    out = []
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        out.append((spec.read_text(encoding="utf-8"), spec.parent / "sources"))
    cookbook = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
    out += [
        (b, EXAMPLE.parent / "sources")
        for b in re.findall(r"```yaml\n(.*?)```", cookbook, re.S)
        if b.startswith("title:")
    ]
    minimal = tmp / "minimal-sources"
    (minimal / "sources").mkdir(parents=True)
    (minimal / "sources" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    out.append((SPEC, minimal / "sources"))
    return [(text, src) for text, src in out]


def test_every_mutation_of_every_fact_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    tried = caught = 0
    missed: list[str] = []
    for n, (text, sources) in enumerate(briefs(tmp_path)):
        folder = tmp_path / f"brief{n}"
        shutil.copytree(sources, folder / "sources")
        data = yaml.safe_load(text)
        for fid, fact in data["facts"].items():
            if "quote" not in fact or fact.get("source") == "estimate":
                continue
            for name, mutate in MUTATIONS.items():
                mutated = copy.deepcopy(data)
                key = mutate(mutated["facts"][fid])
                if key is None:
                    continue
                tried += 1
                spec = folder / "mutated.yaml"
                dumped = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False, width=10_000)
                spec.write_text(dumped, encoding="utf-8")
                _, diags = briefgen.check(spec)
                doc, _ = load_yaml(dumped, str(spec))
                at = doc.at(("facts", fid, key))
                found = [d for d in diags if d.severity == "error" and f"'{fid}'" in d.message]
                if any((d.location.line, d.location.col) == (at.line, at.col) for d in found):
                    caught += 1
                else:
                    got = (
                        "; ".join(f"{d.location.line}:{d.location.col} {d.code}" for d in found) or "no error"
                    )
                    missed.append(f"brief {n} fact {fid}, {name} ({key} at {at.line}:{at.col}): {got}")
    with capsys.disabled():
        print(f"\nmutations: {caught} of {tried} caught at the wrong key's line and column")
    assert tried >= 150
    assert missed == [], "\n".join(missed)
