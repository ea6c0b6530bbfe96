"""`briefgen suggest` measured against claims labelled by hand in real documents that Debian packages ship
(tests/facts/claims: NEWS files, changelogs, release notes, an HTML manual, a PDF, a Markdown README)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from briefgen.facts.sources import SourceText, read_source
from briefgen.facts.suggest import suggest_facts

CLAIMS = sorted((Path(__file__).parent / "claims").glob("*.yaml"))
SUFFIX = {"text": ".txt", "markdown": ".md", "html": ".html", "pdf": ".pdf"}
MIN_PRECISION = MIN_RECALL = 0.9


def document(entry: dict, folder: Path) -> SourceText:
    """The labelled document as briefgen reads it (a .gz file decompressed first)."""
    path = Path(entry["document"])
    if not path.exists():
        pytest.skip(f"{path} is not installed")
    if path.suffix == ".gz":
        plain = folder / (path.stem + SUFFIX[entry["kind"]])
        plain.write_bytes(gzip.decompress(path.read_bytes()))
        path = plain
    return read_source(path, entry["kind"])


def score(entry: dict, folder: Path) -> tuple[int, int, int, list[str]]:
    """(right suggestions, suggestions, labelled claims found, misses) for one document."""
    text = document(entry, folder)
    labels = []
    for claim in entry["claims"]:
        loc = text.find(claim["text"])
        assert loc is not None, f"{entry['document']}: label not in the document: {claim['text']!r}"
        labels.append((loc.start, loc.end, float(claim["value"])))
    found = suggest_facts(text, "doc")
    right, hit, notes = 0, set(), []
    for s in found:
        fits = [
            i
            for i, (a, b, v) in enumerate(labels)
            if v == s.value and a < s.locator.end and s.locator.start < b
        ]
        match = next((i for i in fits if i not in hit), None)  # one suggestion per labelled claim
        if match is None:
            notes.append(f"  not a labelled claim: {s.value:g} in {s.quote!r}")
        else:
            right += 1
            hit.add(match)
    for i, claim in enumerate(entry["claims"]):
        if i not in hit:
            notes.append(f"  missed: {claim['value']} in {claim['text']!r}")
    return right, len(found), len(hit), notes


def test_the_answer_key_covers_five_kinds_of_real_document():
    entries = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in CLAIMS]
    assert len(entries) >= 5
    assert {e["kind"] for e in entries} >= {"text", "html", "pdf", "markdown"}


def test_suggest_precision_and_recall(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    right = suggested = recalled = labelled = 0
    report = []
    for path in CLAIMS:
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        r, s, h, notes = score(entry, tmp_path)
        right, suggested, recalled, labelled = (
            right + r,
            suggested + s,
            recalled + h,
            labelled + len(entry["claims"]),
        )
        report.append(f"{path.stem}: {s} suggested, {r} right; {h} of {len(entry['claims'])} claims found")
        report += notes
    precision, recall = right / max(suggested, 1), recalled / max(labelled, 1)
    with capsys.disabled():
        print(
            f"\nsuggest on {len(CLAIMS)} real documents: {suggested} suggested, {right} right, "
            f"{recalled} of {labelled} claims found: precision {precision:.2f}, recall {recall:.2f}"
        )
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, "\n".join(report)
