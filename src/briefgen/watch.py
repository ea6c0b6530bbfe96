"""`briefgen build --watch`: rebuild when a spec, a source, a theme or a template changes (by polling)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from briefgen.spec.load import load_spec, spec_params
from briefgen.theme.files import resolve_theme


def watched_files(specs: Iterable[Path]) -> list[Path]:
    """The specs and every source they name (as far as each spec can be read), for each parameter row of a
    spec with params: (and its CSV file)."""
    files: list[Path] = []
    for spec in specs:
        files.append(spec)
        table, _ = spec_params(spec, allow_outside=True)
        if table is not None and table.file is not None:
            files.append(table.file)
        for row in table.rows if table is not None else [None]:
            loaded, _ = load_spec(spec, allow_outside=True, params=row)
            if loaded is not None:
                files += [loaded.source_path(sid) for sid in loaded.spec.sources]
                theme, _ = resolve_theme(loaded, allow_outside=True)
                files += [
                    f for f in (spec.parent / loaded.spec.theme, theme.template, theme.logo) if f is not None
                ]
    return list(dict.fromkeys(files))


def _stamps(files: Iterable[Path]) -> dict[Path, float | None]:
    out: dict[Path, float | None] = {}
    for f in files:
        try:
            out[f] = f.stat().st_mtime_ns
        except OSError:
            out[f] = None
    return out


def watch_and_rebuild(
    specs: Iterable[Path],
    run: Callable[[], int],
    interval: float = 0.5,
    max_rebuilds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Build once, then again after every change, printing what changed; Ctrl-C stops."""
    specs = list(specs)
    run()
    files = watched_files(specs)
    before = _stamps(files)
    rebuilds = 0
    click.echo(f"watching {len(files)} file(s); Ctrl-C to stop", err=True)
    try:
        while max_rebuilds is None or rebuilds < max_rebuilds:
            sleep(interval)
            now = _stamps(files)
            changed = [f for f in files if now.get(f) != before.get(f)]
            if not changed:
                continue
            for f in changed:
                click.echo(f"changed: {f}", err=True)
            run()
            rebuilds += 1
            files = watched_files(specs)  # the spec may now name other sources
            before = _stamps(files)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
