"""The build manifest: what each output was built from (hashes), so a rebuild skips the briefs unchanged."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from briefgen.spec.load import LoadedSpec
from briefgen.theme.model import Theme

MANIFEST = ".briefgen-build.json"  # in the output folder: one entry per output file
LOCK = ".briefgen-build.lock"
VERSION = 1  # of the manifest's layout; another version is read as no manifest


def inputs(loaded: LoadedSpec, theme: Theme) -> list[Path]:
    """Every file a brief is built from: the spec, its sources, theme file, template, logo and fonts."""
    folder = loaded.path.parent
    files = [loaded.path] + [loaded.source_path(sid) for sid in sorted(loaded.spec.sources)]
    if loaded.spec.theme.lower().endswith((".yaml", ".yml")):
        files.append(folder / loaded.spec.theme)
    files += [f for f in (theme.template, theme.logo) if f is not None]
    fonts = theme.pdf_font_files or {}
    files += [fonts[k] for k in sorted(fonts)]
    files += [f for face in sorted(theme.measure_files) for _, f in sorted(theme.measure_files[face].items())]
    return list(dict.fromkeys(f.resolve() for f in files))


def build_key(loaded: LoadedSpec, theme: Theme, options: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """One hash of everything an output depends on (the files' contents, the parameter row, the build
    `options` (briefgen's version among them), SOURCE_DATE_EPOCH), and each file's hash by its path from
    the spec's folder."""
    folder = loaded.path.parent.resolve()
    files = {os.path.relpath(f, folder): _file_hash(f) for f in inputs(loaded, theme)}
    what = {
        "files": files,
        "params": dict(loaded.row or {}),
        "options": dict(options),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    key = hashlib.sha256(json.dumps(what, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return key, files


def unchanged(out: Path, outputs: Iterable[Path], key: str, strict: bool = False) -> bool:
    """True when every output exists as briefgen wrote it from inputs with this key (and, with `strict`,
    its build had no warnings, which would fail now)."""
    entries = _read(out) or {}
    for path in outputs:
        entry = entries.get(path.name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return False
        if strict and entry.get("warnings"):
            return False
        try:
            if _file_hash(path) != entry.get("sha256"):
                return False
        except OSError:
            return False
    return True


def record(
    out: Path, outputs: Iterable[Path], key: str, files: Mapping[str, str], about: Mapping[str, Any]
) -> None:
    """Add the outputs just written, with their key and inputs, to the manifest (under a lock: builds in
    other processes add theirs to the same file)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in out.glob(f"{MANIFEST}.*.tmp"):  # a build killed while it wrote the manifest
            stale.unlink(missing_ok=True)
        entries = _read(out) or {}
        for path in outputs:
            entries[path.name] = {"key": key, "sha256": _file_hash(path), "inputs": dict(files), **about}
        tmp = out / f"{MANIFEST}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(
                {"version": VERSION, "outputs": entries}, f, indent=1, sort_keys=True, ensure_ascii=False
            )
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out / MANIFEST)


def check_manifest(out: Path) -> list[str]:
    """A note when the manifest cannot be read; it is then removed (the briefs it named are rebuilt)."""
    path = out / MANIFEST
    if not path.exists() or _read(out) is not None:
        return []
    path.unlink(missing_ok=True)
    return [f"the build manifest {path.name} could not be read; it was ignored (every brief is rebuilt)"]


def _read(out: Path) -> dict[str, Any] | None:
    """The manifest's entries: {} when there is none, None when it is there but not readable."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("outputs"), dict)
    ):
        return None
    return data["outputs"]


def _file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes; 'missing' when it cannot be read (the build reports why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return "missing"
    return digest.hexdigest()
