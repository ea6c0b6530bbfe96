"""The text read from source documents, kept on disk by the hash of each file's bytes.

Reading a long PDF takes seconds; the same file read again (the next `briefgen check`, a rebuild in watch
mode) takes milliseconds from here. An entry is found by the SHA-256 of the file's content, never by its
name or modification time, so an edited file is read afresh and a renamed one is not. Entries are JSON holding
plain text only: nothing in the cache is ever run, and a damaged, foreign or out-of-date file is ignored (the
document is read again). An entry also names the extractor that made it (library and version), so an upgrade
reads afresh: a check gives the same results with the cache, without it, or with it deleted.

Where: `$BRIEFGEN_CACHE_DIR` if set (set it empty to turn the cache off), else `$XDG_CACHE_HOME/briefgen`,
else `~/.cache/briefgen`. A folder that cannot be made or written just means no cache. The folder is bounded:
when its entries pass `MAX_BYTES` or `MAX_ENTRIES`, the least recently used are deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

ENV = "BRIEFGEN_CACHE_DIR"
FORMAT = 1  # the layout of an entry; a new layout ignores entries of the old one
MAX_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 512
_SUFFIX = ".json"
_NAME = re.compile(r"[a-z0-9-]+-[0-9a-f]{64}\.json")  # only such files are ever deleted from the folder


def cache_dir() -> Path | None:
    """The cache folder, or None when the user turned the cache off (BRIEFGEN_CACHE_DIR set empty)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and Path(base).is_absolute():  # the XDG rule: a relative path is ignored
        return Path(base) / "briefgen"
    try:
        return Path.home() / ".cache" / "briefgen"
    except (RuntimeError, KeyError):  # no home folder to be found
        return None


def digest(data: bytes) -> str:
    """The key of a file's content."""
    return hashlib.sha256(data).hexdigest()


def load(kind: str, key: str, extractor: str) -> list[str] | None:
    """The texts stored for content `key` by `extractor`, or None when there is no sound entry."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
        entry = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):  # missing, unreadable, not UTF-8, not JSON: read the document instead
        return None
    if not isinstance(entry, dict):
        return None
    texts = entry.get("texts")
    if (
        entry.get("format") != FORMAT
        or entry.get("kind") != kind
        or entry.get("sha256") != key
        or entry.get("extractor") != extractor
        or not isinstance(texts, list)
        or not all(isinstance(t, str) for t in texts)
        or entry.get("check") != _check(texts)
    ):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest when the folder is pruned
    return texts


def store(kind: str, key: str, extractor: str, texts: list[str]) -> None:
    """Keep `texts` for content `key`; silently nothing when the folder cannot be written."""
    path = _entry(kind, key)
    if path is None:
        return
    entry = {"format": FORMAT, "kind": kind, "sha256": key, "extractor": extractor, "check": _check(texts)}
    data = json.dumps({**entry, "texts": texts}, ensure_ascii=True).encode("ascii")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)  # whole or not at all: a reader never sees half an entry
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _prune(path.parent, keep=path)
    except OSError:
        return


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    name = f"{kind}-{key}{_SUFFIX}"
    return folder / name if folder is not None and _NAME.fullmatch(name) else None


def _check(texts: list[str]) -> str:
    """A checksum of the texts: a damaged entry that still parses as JSON is not trusted either."""
    h = hashlib.sha256()
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _prune(folder: Path, keep: Path) -> None:
    """Delete the least recently used entries until the folder is within its bounds."""
    entries = []
    for p in folder.iterdir():
        if not _NAME.fullmatch(p.name):
            continue  # not an entry: a file of the user's, or another process's entry being written
        with contextlib.suppress(OSError):
            info = p.stat()
            entries.append((info.st_mtime, info.st_size, p))
    total = sum(size for _, size, _ in entries)
    entries.sort(key=lambda e: e[0])
    while entries and (total > MAX_BYTES or len(entries) > MAX_ENTRIES):
        _, size, p = entries.pop(0)
        if p == keep:
            continue
        with contextlib.suppress(OSError):
            p.unlink()
        total -= size
