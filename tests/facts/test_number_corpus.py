"""The number reader on the labelled corpus of real documents (tests/facts/corpus): precision and recall."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from briefgen.facts.numbers import stated_numbers

CORPUS = Path(__file__).parent / "corpus"
# Measured on the corpus when the reader last changed; a change that reads worse fails here.
MIN_PRECISION = 0.95
MIN_RECALL = 0.95


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
        got = Counter(n.label() for n in stated_numbers(e["text"]))
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
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, "\n".join(misses[:40])
