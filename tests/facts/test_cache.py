"""The cache of PDF page text (briefgen.facts.cache): used on the next read of the same bytes, never trusted
when damaged or foreign, bounded, and off when asked or when its folder cannot be written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefgen.facts import cache, sources
from briefgen.facts.sources import read_source
from tests.facts.test_readers import reportlab_pdf


@pytest.fixture(autouse=True)
def each_read_from_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the cache on disk: no source is kept in memory between reads."""
    monkeypatch.setattr(sources, "RECENT_ENTRIES", 0)
    sources._RECENT.clear()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(where))
    return where


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("pdf-text-*.json")) if folder.exists() else []


def test_the_first_read_fills_the_cache_and_the_next_read_uses_it(tmp_path: Path, folder: Path):
    pdf = tmp_path / "report.pdf"
    reportlab_pdf(pdf)
    first = read_source(pdf, "pdf")
    (entry,) = entries(folder)
    stored = json.loads(entry.read_text(encoding="ascii"))
    assert entry.name == f"pdf-text-{cache.digest(pdf.read_bytes())}.json"  # by content, not by name
    assert stored["texts"][1] == "In 2023 the fund reached $2.3 million."
    assert "pypdfium2" in stored["extractor"]  # an upgrade of the extractor reads the file afresh
    # Prove the next read takes the cache: an entry saying something else is what it reads.
    cache.store("pdf-text", stored["sha256"], stored["extractor"], ["Cached page one.", "Cached page two."])
    assert read_source(pdf, "pdf").find("Cached page two.").page == 2
    # The same bytes under another name are the same entry; other bytes are read afresh.
    copy = tmp_path / "renamed.pdf"
    copy.write_bytes(pdf.read_bytes())
    assert read_source(copy, "pdf").find("Cached page one.") is not None
    entry.unlink()
    again = read_source(pdf, "pdf")
    assert again.text == first.text and [str(again.find(q)) for q in ("$2.3 million", "issue 42")] == [
        str(first.find(q)) for q in ("$2.3 million", "issue 42")
    ]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"\x80\x81 not even UTF-8",
        lambda raw: b'["a list", "not an entry"]',
        lambda raw: raw.replace(b"2.3 million", b"9.9 million"),  # text changed: the checksum disagrees
        lambda raw: raw.replace(b'"format": 1', b'"format": 99'),  # a layout this version does not know
        lambda raw: b"\x80\x04\x95 pickle bytes are never loaded",
    ],
    ids=["truncated", "not-utf8", "not-an-entry", "text-changed", "other-format", "pickle"],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(tmp_path: Path, folder: Path, damage):
    pdf = tmp_path / "report.pdf"
    reportlab_pdf(pdf)
    read_source(pdf, "pdf")
    (entry,) = entries(folder)
    entry.write_bytes(damage(entry.read_bytes()))
    text = read_source(pdf, "pdf")
    assert text.find("In 2023 the fund reached $2.3 million.") is not None
    assert text.find("9.9 million") is None
    stored = json.loads(entry.read_text(encoding="ascii"))  # written again, whole
    assert stored["format"] == cache.FORMAT and "In 2023 the fund reached $2.3 million." in stored["texts"]


def test_set_empty_the_cache_is_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    pdf = tmp_path / "report.pdf"
    reportlab_pdf(pdf)
    assert read_source(pdf, "pdf").find("$2.3 million") is not None
    assert cache.cache_dir() is None
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()


def test_the_standard_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("BRIEFGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "briefgen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the XDG rules say
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "briefgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "briefgen"


def test_a_folder_that_cannot_be_written_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker / "cache"))  # its parent is a file
    pdf = tmp_path / "report.pdf"
    reportlab_pdf(pdf)
    assert read_source(pdf, "pdf").find("$2.3 million").page == 2
    assert read_source(pdf, "pdf").find("$2.3 million").page == 2
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(locked))
        assert read_source(pdf, "pdf").find("$2.3 million").page == 2
        assert list(locked.iterdir()) == []


def test_the_folder_is_bounded_and_only_its_own_entries_are_deleted(
    folder: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    folder.mkdir()
    mine = folder / "notes.json"
    mine.write_text("{}")  # a file of the user's in the folder
    keys = [cache.digest(bytes([i])) for i in range(6)]
    for i, key in enumerate(keys):
        cache.store("pdf-text", key, "x", [f"page {i}"])
        os.utime(folder / f"pdf-text-{key}.json", (1_000_000 + i, 1_000_000 + i))
    kept = [cache.load("pdf-text", key, "x") for key in keys]
    assert kept[-3:] == [["page 3"], ["page 4"], ["page 5"]] and kept[:3] == [None, None, None]
    assert mine.exists()
    assert cache.load("pdf-text", keys[-1], "another extractor") is None


def test_a_check_says_the_same_with_the_cache_without_it_and_from_it(
    tmp_path: Path, make_spec, monkeypatch: pytest.MonkeyPatch
):
    import briefgen

    target = tmp_path / "sources" / "report.pdf"
    target.parent.mkdir(parents=True)
    reportlab_pdf(target)
    spec = make_spec("""
        title: Cached
        sources:
          doc: {path: sources/report.pdf}
        facts:
          fund: {source: doc, quote: "the fund reached $2.3 million"}
          issue: {source: doc, quote: "fixes issue-31337"}
          wells: {source: doc, quote: "and well-known wells"}
          wrong: {source: doc, quote: "the fund reached $2.4 million"}
        sections:
          - {id: one, title: One, bullets: ["{fund}, {issue}, {wells}, {wrong}."]}
        """)

    def outcome() -> list[str]:
        brief, diags = briefgen.check(spec)
        return [str(d) for d in diags]

    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", "")
    without = outcome()
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    cold, warm = outcome(), outcome()
    assert len(entries(tmp_path / "cache")) == 1
    assert without == cold == warm
    assert [d.split("] ")[1].split("\n")[0] for d in warm if "error[" in d] == [
        "quote of fact 'wrong' not found in source 'doc'"
    ]
    assert any('p. 2, line 1: "the fund reached $2.3 million"' in d for d in warm), warm
