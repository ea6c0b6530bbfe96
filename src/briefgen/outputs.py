"""Writing a build's outputs as one set: all new files or all old ones, whatever stops the build."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from pathlib import Path

FORMATS = ("pptx", "pdf")  # what a build writes, in this order

# Beside the outputs: the swap in progress (removed when it is done) and which build made each output.
JOURNAL = ".{name}.briefgen-journal"
MANIFEST = ".{name}.briefgen.json"
LOCK = ".{name}.briefgen-lock"


def write_set(out: Path, name: str, blobs: dict[str, bytes]) -> tuple[list[Path], list[str]]:
    """Write `out/<name>.<format>` for every blob, as a set; returns the paths and notes for the user
    (an interrupted build rolled back, outputs from different builds).

    Each blob goes to a temporary file that is fsynced first; then the old outputs are set aside, the new
    ones moved in, and the old ones deleted. A journal names the swap while it runs: if anything stops it,
    even SIGKILL, the next build puts the old set back before it starts. On an error here the old set is
    put back at once and the error raised."""
    out.mkdir(parents=True, exist_ok=True)
    build = hashlib.sha256(b"".join(hashlib.sha256(b).digest() for b in blobs.values())).hexdigest()[:16]
    targets = {fmt: out / f"{name}.{fmt}" for fmt in blobs}
    temps: dict[str, Path] = {}
    # One build of this name at a time swaps files here (the kernel drops the lock if a build is killed):
    # another build's recovery must never roll back a swap that is still running.
    with open(out / LOCK.format(name=name), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        notes = recover(out, name)
        try:
            for fmt, blob in blobs.items():
                temps[fmt] = _temporary(targets[fmt], blob)
            _swap(out, name, targets, temps)
        finally:
            for tmp in temps.values():
                tmp.unlink(missing_ok=True)
        notes += _record(out, name, targets, build)
    return list(targets.values()), notes


def _record(out: Path, name: str, targets: dict[str, Path], build: str) -> list[str]:
    """Name this build in the manifest; a note if the outputs now come from different builds."""
    manifest = _manifest(out, name)
    manifest.update({t.name: {"sha256": _digest(t), "build": build} for t in targets.values()})
    _write_json(out / MANIFEST.format(name=name), manifest)
    present = sorted(f for f in manifest if (out / f).exists())
    if len({manifest[f]["build"] for f in present}) > 1:
        return [
            f"{' and '.join(present)} in {out} come from different builds: "
            "build every format to bring them together"
        ]
    return []


def inspect(out: Path, name: str) -> list[str]:
    """What `out` shows of the outputs of `name`, without changing anything: a swap cut short, outputs of
    two builds side by side, an output changed since briefgen wrote it."""
    if not out.is_dir():
        return []
    notes = []
    if (out / JOURNAL.format(name=name)).exists():
        notes.append(
            f"a build of {name} was interrupted in {out}: the next build rolls back to the previous set"
        )
    manifest = _manifest(out, name)
    present = sorted(f for f in manifest if (out / f).is_file())
    if len({manifest[f].get("build") for f in present}) > 1:
        notes.append(f"{' and '.join(present)} in {out} come from different builds")
    changed = [f for f in present if _digest(out / f) != manifest[f].get("sha256")]
    notes += [f"{f} in {out} was changed after briefgen wrote it" for f in changed]
    return notes


def recover(out: Path, name: str) -> list[str]:
    """Undo what a killed build left: put the old outputs back from a swap in progress, delete temporaries."""
    notes = []
    journal = out / JOURNAL.format(name=name)
    if journal.exists():
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            moves = {}
        for target, backup in moves.get("backups", {}).items():
            if (out / backup).exists():
                os.replace(out / backup, out / target)
        for target in moves.get("new", []):
            if target not in moves.get("backups", {}):
                (out / target).unlink(missing_ok=True)  # there was no old one: the set goes back to none
        journal.unlink(missing_ok=True)
        notes.append(
            f"an interrupted build of {name} was rolled back: the outputs in {out} are the previous set"
        )
    for leftover in out.glob(f".{name}.*.tmp"):
        leftover.unlink(missing_ok=True)
    for leftover in out.glob(f".{name}.*.old"):
        leftover.unlink(missing_ok=True)
    return notes


def _swap(out: Path, name: str, targets: dict[str, Path], temps: dict[str, Path]) -> None:
    journal = out / JOURNAL.format(name=name)
    backups = {t.name: f".{t.name}.{os.getpid()}.old" for t in targets.values() if t.exists()}
    _write_json(journal, {"backups": backups, "new": [t.name for t in targets.values()]})
    moved: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for fmt, target in targets.items():
            if target.name in backups:
                os.replace(target, out / backups[target.name])
                moved.append((target, out / backups[target.name]))
            os.replace(temps[fmt], target)
            placed.append(target)
        _sync_folder(out)
    except BaseException:
        for target in placed:
            target.unlink(missing_ok=True)
        for target, backup in moved:
            os.replace(backup, target)
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)
    for _, backup in moved:
        backup.unlink(missing_ok=True)


def _temporary(target: Path, blob: bytes) -> Path:
    """`blob` in a new file beside `target`, on disk (fsynced), with the mode the output will have: the
    replaced file's, or what the umask allows."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(out: Path, name: str) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((out / MANIFEST.format(name=name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
