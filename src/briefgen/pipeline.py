"""The order of the stages: load → verify facts → assemble → render; stops at the first stage with errors."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .assemble import assemble_brief
from .diagnostics import BriefgenError, Diagnostic, has_errors
from .facts import resolve_facts
from .model import Brief
from .specload import load_spec
from .theme import DEFAULT_THEME, Theme

FORMATS = ("pptx", "pdf")


def check(path: str | os.PathLike[str], allow_outside: bool = False) -> tuple[Brief | None, list[Diagnostic]]:
    """Load, validate and verify a spec; the Brief (None on errors) and every diagnostic."""
    loaded, diags = load_spec(Path(path), allow_outside)
    if loaded is None:
        return None, diags
    # Spec errors do not stop the fact checks: every problem is reported in one run.
    facts, fact_diags = resolve_facts(loaded)
    diags += fact_diags
    brief, brief_diags = assemble_brief(loaded, facts)
    diags += brief_diags
    diags.sort(key=lambda d: (d.location.file, d.location.line, d.location.col))
    return (None if has_errors(diags) else brief), diags


def load(path: str | os.PathLike[str], allow_outside: bool = False) -> Brief:
    """The validated, verified brief model of a spec; raises BriefgenError listing every problem."""
    brief, diags = check(path, allow_outside)
    if brief is None:
        raise BriefgenError(diags)
    return brief


def render(brief: Brief, fmt: str, theme: Theme = DEFAULT_THEME) -> bytes:
    """The bytes of one output format."""
    if fmt == "pptx":
        from .render.deck_plan import plan_deck
        from .render.deck_writer import write_deck

        return write_deck(plan_deck(brief, theme), theme)
    if fmt == "pdf":
        from .render.pdf_writer import write_pdf

        return write_pdf(brief, theme)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def build(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] = "output",
    formats: Iterable[str] = FORMATS,
    allow_outside: bool = False,
) -> list[Path]:
    """Build a spec into `out_dir/<spec-name>.<format>`; returns the written paths.

    Every output is rendered before any is written, and each is written to a temporary file that is
    then renamed, so a failed build leaves earlier outputs intact.
    """
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    brief = load(path, allow_outside)
    data = {fmt: render(brief, fmt) for fmt in formats}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, blob in data.items():
        target = out / f"{brief.name}.{fmt}"
        _write_atomic(target, blob)
        written.append(target)
    return written


def _write_atomic(target: Path, blob: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
