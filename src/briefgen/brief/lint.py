"""Warnings that help: unused facts and sources, facts only the presenter sees, sections citing nothing."""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.brief.model import (
    Brief,
    Bullets,
    Chart,
    FactValue,
    KeyNumbers,
    Prose,
    Quote,
    RichText,
    Section,
    Table,
)
from briefgen.diagnostics import Diagnostic
from briefgen.facts.resolved import FactTable
from briefgen.spec.load import LoadedSpec


def lint(ls: LoadedSpec, facts: FactTable, brief: Brief) -> list[Diagnostic]:
    """Warnings about a valid brief; `--strict` turns them into failures."""
    return list(_warnings(ls, facts, brief))


def _warnings(ls: LoadedSpec, facts: FactTable, brief: Brief) -> Iterator[Diagnostic]:
    doc, spec = ls.doc, ls.spec
    shown = {f.id for f in brief.facts}
    used = set(shown)
    for fid in shown:  # a derived fact uses its inputs, and theirs
        stack = [fid]
        while stack:
            f = facts.get(stack.pop())
            for name in f.inputs if f else ():
                if name not in used:
                    used.add(name)
                    stack.append(name)
    for fid in spec.facts:
        if fid not in used:
            yield Diagnostic(
                "warning",
                "unused-fact",
                f"fact '{fid}' is not used anywhere in the brief",
                doc.at(("facts", fid), key=True),
                "show it with '{" + fid + "}' in a text, or remove it",
            )
    cited_sources = {facts[fid].source_id for fid in used if fid in facts and facts[fid].source_id}
    for sid in spec.sources:
        if sid not in cited_sources:
            yield Diagnostic(
                "warning",
                "unused-source",
                f"source '{sid}' is not cited by any fact the brief shows",
                doc.at(("sources", sid), key=True),
                "use one of its facts, or remove the source",
            )
    on_slides = _facts_on_slides(brief)
    for record in brief.facts:
        if record.id not in on_slides:
            yield Diagnostic(
                "warning",
                "fact-only-in-notes",
                f"fact '{record.id}' appears in the deck only in the speaker notes",
                doc.at(("facts", record.id), key=True),
                "the summary, and prose beside bullets, go to the notes: put it in a bullet or chart",
            )
    for i, sec in enumerate(brief.sections):
        if not _cites_anything(sec):
            yield Diagnostic(
                "warning",
                "section-unsourced",
                f"section '{sec.id}' cites no source",
                doc.at(("sections", i)),
                "support its claims with facts ('{fact_id}')",
            )


def _runs_of(texts: list[RichText]) -> set[str]:
    return {r.fact_id for t in texts for r in t.runs if isinstance(r, FactValue)}


def _facts_on_slides(brief: Brief) -> set[str]:
    """Facts a deck shows on slides (the deck puts prose beside bullets, and the summary, in the notes)."""
    items = brief.key_numbers.items if brief.key_numbers else ()
    ids = {k.fact_id for k in items} | {k.change_fact_id for k in items if k.change_fact_id}
    for sec in brief.sections:
        has_bullets = any(isinstance(b, Bullets) for b in sec.blocks)
        for b in sec.blocks:
            if isinstance(b, Bullets):
                ids |= _runs_of(list(b.items))
            elif isinstance(b, Prose) and not has_bullets:
                ids |= _runs_of([b.text])
            elif isinstance(b, Chart):
                ids |= {fid for s in b.series for fid in s.fact_ids} | _runs_of(
                    [b.takeaway] if b.takeaway else []
                )
            elif isinstance(b, Quote):
                ids.add(b.fact_id)
            elif isinstance(b, Table):
                ids |= _runs_of([cell for row in b.rows for cell in row])
            elif isinstance(b, KeyNumbers):
                ids |= {k.fact_id for k in b.items}
    return ids


def _cites_anything(sec: Section) -> bool:
    for b in sec.blocks:
        if isinstance(b, (Prose, Bullets)):
            texts = [b.text] if isinstance(b, Prose) else list(b.items)
            if any(t.marker.marks or any(isinstance(r, FactValue) for r in t.runs) for t in texts):
                return True
        elif isinstance(b, (Chart, Quote, KeyNumbers)) or (isinstance(b, Table) and b.citations):
            return True
    return False
