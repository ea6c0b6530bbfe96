"""`briefgen facts`: every fact of a spec with its value, source, locator and check status."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from briefgen.diagnostics import Diagnostic
from briefgen.facts.resolved import ResolvedFact
from briefgen.facts.verify import resolve_facts
from briefgen.spec.load import LoadedSpec, ParamChoice, load_spec


@dataclass(frozen=True)
class FactRow:
    """One line of the report."""

    id: str
    kind: str
    label: str
    value: str
    source: str
    locator: str
    status: str
    quote: str
    number: float | None = None
    scale: str | None = None
    unit: str = ""
    qualifier: str | None = None
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None
    formula: str = ""
    note: str = ""


def fact_rows(
    path: Path, allow_outside: bool = False, params: ParamChoice | None = None
) -> tuple[list[FactRow], list[Diagnostic]]:
    """Check the spec's facts (without assembling or rendering) and describe each one; `params` chooses
    the row of a spec with params:."""
    loaded, diags = load_spec(path, allow_outside, params)
    if loaded is None:
        return [], diags
    table, fact_diags = resolve_facts(loaded)
    diags = diags + fact_diags
    owners = _owners(loaded, diags)
    rows = []
    for fid, spec in loaded.spec.facts.items():
        f = table.get(fid)
        problems = owners.get(fid, [])
        status = ", ".join(f"error[{d.code}]" for d in problems) if problems else _status(f)
        said = spec.quote or (f.quote if f is not None and spec.selects_cell else "") or spec.note
        rows.append(_row(fid, spec.kind, spec.label, spec.source or "", said, f, status))
    return rows, diags


def _status(f: ResolvedFact | None) -> str:
    if f is None:
        return "not checked"  # its source could not be read, or an input failed
    return {"document": "verified", "derived": "derived", "estimate": "estimate"}[f.kind]


def _row(
    fid: str, kind: str, label: str, source: str, quote: str, f: ResolvedFact | None, status: str
) -> FactRow:
    if f is None:
        return FactRow(fid, kind, label, "", source, "", status, quote)
    value = "(quote)" if f.value is None else f.shown()  # as the brief shows it (digits as written)
    loc = f.locator
    return FactRow(
        fid,
        f.kind,
        f.label,
        value,
        f.source_id or ("derived" if f.kind == "derived" else "estimate"),
        f"{loc}, chars {loc.start}–{loc.end}" if loc else "",
        status,
        f.quote or f.note,
        f.value,
        f.scale,
        f.unit,
        f.qualifier,
        loc.page if loc else None,
        loc.paragraph if loc else None,
        loc.line if loc else None,
        loc.start if loc else None,
        loc.end if loc else None,
        f.formula,
        f.note,
    )


def _owners(loaded: LoadedSpec, diags: list[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Diagnostics by the fact whose lines they point into."""
    starts = sorted(
        (loaded.doc.keys[("facts", fid)][0], fid)
        for fid in loaded.spec.facts
        if ("facts", fid) in loaded.doc.keys
    )
    last_line = max((pos[0] for path, pos in loaded.doc.values.items() if path[:1] == ("facts",)), default=0)
    out: dict[str, list[Diagnostic]] = {}
    for d in diags:
        owner = None
        for line, fid in starts:
            if line <= d.location.line:
                owner = fid
        if owner and d.location.line <= last_line:
            out.setdefault(owner, []).append(d)
    return out


def render_rows(rows: list[FactRow], fmt: str) -> str:
    """The report as 'json' or 'csv' text ('table' is drawn by the CLI with rich)."""
    if fmt == "json":
        return json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(FactRow.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow(r.__dict__)
    return buf.getvalue()
