"""Speaker notes and source lines of deck slides: what the presenter needs to answer "where is that from?"."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from briefgen.brief.markers import source_line
from briefgen.brief.model import Brief, FactValue, RichText
from briefgen.render.deck.layout import ChartPlan, ParaPlan


def cited(rt: RichText | None) -> set[int]:
    """Every citation number a rich text shows (its markers and its fact values)."""
    if rt is None:
        return set()
    return set(rt.citations) | {n for r in rt.runs if isinstance(r, FactValue) for n in r.citations}


def fact_ids(rt: RichText | None) -> list[str]:
    """The facts a rich text shows, in order of appearance."""
    return [] if rt is None else [r.fact_id for r in rt.runs if isinstance(r, FactValue)]


def shown_facts(paras: Iterable[ParaPlan], charts: Sequence[ChartPlan] = ()) -> list[str]:
    """The facts a slide shows, once each in order of appearance: plotted values first, then text."""
    ids = [fid for c in charts for s in c.chart.series for fid in s.fact_ids]
    ids += [fid for p in paras for fid in fact_ids(p.text)]
    return list(dict.fromkeys(fid for fid in ids if fid))


def shown_kinds(brief: Brief, facts: Iterable[str]) -> set[str]:
    """Where the shown facts come from ('document', 'estimate', 'derived'): the source line says so."""
    return {rec.kind for fid in facts if (rec := brief.fact(fid)) is not None}


def source_line_text(brief: Brief, citations: Iterable[int], kinds: Collection[str] = ()) -> str:
    """'Sources: Consul General in Mumbai (2024) [1]; Luo (2024) [2]', as the brief's own source notes."""
    return source_line(brief.references, citations, brief.citation_style, kinds)


def rich_plain(rt: RichText) -> str:
    """Rich text as plain text with its marker, for speaker notes."""
    mark = rt.marker.text
    return f"{rt.plain} {mark}" if mark else rt.plain


def notes_text(
    brief: Brief, parts: Iterable[str], citations: Iterable[int], facts: Iterable[str] = ()
) -> str:
    """Speaker notes: the given parts, the provenance of each fact (quote and locator), then the full
    reference of every citation."""
    lines = [p for p in parts if p]
    records = [rec.note for fid in dict.fromkeys(facts) if (rec := brief.fact(fid)) is not None]
    if records:
        lines.append("Facts:")
        lines += [f"• {note}" for note in records]
    nums = sorted(set(citations))
    if nums:
        lines.append("Sources:")
        for n in nums:
            ref = brief.reference(n)
            lines.append(f"[{n}] {ref.text}" + (f" {ref.url}" if ref.url else ""))
    return "\n".join(lines)
