"""Citation numbers, assigned once by first use, and the reference entries they point to."""

from __future__ import annotations

from .facts import FactTable, ResolvedFact
from .markers import marker
from .model import Reference
from .spec import BriefSpec, SourceSpec

ESTIMATE_NOTE = "author’s estimate"


class Citations:
    """Numbers sources in the order the reader first meets them: the one place numbering happens."""

    def __init__(self, spec: BriefSpec, facts: FactTable):
        self.spec = spec
        self.facts = facts
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        """The source's citation number, given on first use."""
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def of(self, fact: ResolvedFact) -> tuple[int, ...]:
        """What a fact cites: its source; for a derived fact, its inputs' sources; for an estimate, none."""
        if fact.kind == "document" and fact.source_id:
            return (self.number(fact.source_id),)
        found: list[int] = []
        for name in fact.inputs:
            for n in self.of(self.facts[name]):
                if n not in found:
                    found.append(n)
        return tuple(sorted(found))

    def short(self, source_id: str) -> str:
        """The source's short form, e.g. 'Luo (2024)'."""
        return short_label(self.spec.sources[source_id], source_id)

    def note(self, numbers: list[int], estimate: bool = False) -> str:
        """'Sources: Consul General in Mumbai (2024) [1]; Luo (2024) [2]' for a chart or panel."""
        unique = sorted(set(numbers))
        items = [f"{self.short(self.order[n - 1])} {marker((n,))}" for n in unique]
        if estimate:
            items.append(ESTIMATE_NOTE)
        if not items:
            return ""
        return f"{'Sources' if len(items) > 1 else 'Source'}: {'; '.join(items)}"

    def references(self) -> tuple[Reference, ...]:
        """The reference list, in citation order."""
        return tuple(
            Reference(
                n, sid, reference_text(self.spec.sources[sid]), self.short(sid), self.spec.sources[sid].url
            )
            for n, sid in enumerate(self.order, 1)
        )


def short_label(src: SourceSpec, source_id: str) -> str:
    """A source's short form for source lines: its label, else 'Author (year)', else its id."""
    if src.label:
        return src.label
    year = src.date[:4] if src.date[:4].isdigit() else ""
    authors = src.authors()
    who = authors[0].split(",")[0].strip() if authors else src.publisher or source_id
    if len(authors) == 2:
        who += " and " + authors[1].split(",")[0].strip()
    elif len(authors) > 2:
        who += " et al."
    return f"{who} ({year})" if year else who


def reference_text(src: SourceSpec) -> str:
    """A reference entry: Authors. “Title.” Publisher, date. Accessed date."""
    parts = []
    authors = src.authors()
    if authors:
        names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
        parts.append(names.rstrip(".") + ".")
    if src.title:
        parts.append(f"“{src.title.rstrip('.')}.”")
    tail = ", ".join(x for x in (src.publisher, src.date) if x)
    if tail:
        parts.append(tail + ".")
    if src.accessed:
        parts.append(f"Accessed {src.accessed}.")
    return " ".join(parts) or src.path
