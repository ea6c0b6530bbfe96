"""The number reader on the labelled corpus of real documents (tests/facts/corpus): precision and recall."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from briefgen.numbers.reader import stated_numbers

CORPUS = Path(__file__).parent / "corpus"
MIN_PRECISION = 0.99
MIN_RECALL = 0.99
# Phrases the reader gets wrong, each a known limit listed in docs/spec.md; any other difference fails.
KNOWN_LIMITS = {
    "approximate increase of 47.4 trillion yen",  # a qualifier two words before its number
    "using 5g services",  # '5g' read as 5 grams: the network's name, in lower case
    "faster than FT one",  # 'one' as a pronoun after a name
    "took 0.009 real-time seconds",  # a unit after an adjective
    "probes about every 120 seconds",  # a qualifier before 'every'
}


def entries() -> list[dict]:
    """Every labelled phrase, with the file it comes from."""
    out = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for e in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append({**e, "file": path.name})
    return out


def score(rows: list[dict]) -> tuple[int, int, int, list[str]]:
    """(matched, read, expected, misses) over the rows, comparing readings as multisets per phrase."""
    matched = read = expected = 0
    misses = []
    for e in rows:
        got = Counter(n.label() for n in stated_numbers(e["text"], e.get("decimal", ".")))
        want = Counter(e["numbers"])
        matched += sum((got & want).values())
        read += sum(got.values())
        expected += sum(want.values())
        if got != want:
            misses.append(
                f"{e['text']!r}\n    expected {sorted(want.elements())}"
                f"\n    read     {sorted(got.elements())}"
            )
    return matched, read, expected, misses


def test_corpus_is_real_and_large():
    rows = entries()
    assert len(rows) >= 400
    assert len({e["source"] for e in rows}) >= 20
    assert len({e["kind"] for e in rows}) >= 3
    assert sum(1 for e in rows if not e["numbers"]) >= 40  # phrases that state no number


def test_precision_and_recall(capsys: pytest.CaptureFixture[str]):
    rows = entries()
    matched, read, expected, misses = score(rows)
    precision, recall = matched / max(read, 1), matched / max(expected, 1)
    kinds = Counter(e["kind"] for e in rows)
    with capsys.disabled():
        print(
            f"\nnumber corpus: {len(rows)} phrases ({dict(kinds)}), {expected} numbers expected, "
            f"{read} read, "
            f"{matched} right: precision {precision:.3f}, recall {recall:.3f}; {len(misses)} phrases differ"
        )
    unknown = [m for m in misses if not any(limit in m for limit in KNOWN_LIMITS)]
    assert unknown == [], "\n".join(unknown)
    assert len(misses) == len(KNOWN_LIMITS), "a known limit is fixed: remove it here and in docs/spec.md"
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL
