"""Citation numbers, assigned once by first use, the markers that show them and the reference entries."""

from __future__ import annotations

from collections.abc import Collection

from briefgen.brief.markers import make_marker, source_line
from briefgen.brief.model import Marker, Reference
from briefgen.facts.resolved import FactTable, ResolvedFact
from briefgen.spec.model import BriefSpec, SourceSpec


class Citations:
    """Numbers sources in the order the reader first meets them: the one place numbering happens."""

    def __init__(self, spec: BriefSpec, facts: FactTable):
        self.spec = spec
        self.facts = facts
        self.style = spec.citations.style
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        """The source's citation number, given on first use."""
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def pairs(self, fact: ResolvedFact) -> list[tuple[int, str]]:
        """(reference number, locator) for what a fact cites: its source; a derived fact's inputs; an
        estimate nothing."""
        if fact.kind == "document" and fact.source_id:
            return [(self.number(fact.source_id), locator_text(fact))]
        return [pair for name in fact.inputs for pair in self.pairs(self.facts[name])]

    def of(self, fact: ResolvedFact) -> tuple[int, ...]:
        """The reference numbers a fact cites, ascending."""
        return tuple(sorted({n for n, _ in self.pairs(fact)}))

    def marker(self, pairs: list[tuple[int, str]]) -> Marker:
        """The marker for these citations, in the brief's style."""
        return make_marker(pairs, self.references(), self.style)

    def short(self, source_id: str) -> str:
        """The source's short form, e.g. 'Luo (2024)'."""
        return short_label(self.spec.sources[source_id], source_id)

    def note(self, numbers: list[int], kinds: Collection[str] = ()) -> str:
        """'Sources: Consul General in Mumbai (2024) [1]; Luo (2024) [2]' for a chart or panel."""
        return source_line(self.references(), numbers, self.style, kinds)

    def references(self) -> tuple[Reference, ...]:
        """The reference list so far, in citation order."""
        out = []
        for n, sid in enumerate(self.order, 1):
            src = self.spec.sources[sid]
            short = self.short(sid)
            out.append(Reference(n, sid, reference_text(src), short, src.url, _author_date(short)))
        return tuple(out)


def locator_text(fact: ResolvedFact) -> str:
    """How a marker points into the source, kept short: 'p. 3', '§ Faster startup', '¶ 4'."""
    if fact.kind == "document" and fact.note:
        return fact.note  # a table value: where the table is, as the spec says ('Table 2')
    return fact.locator.short() if fact.locator is not None else ""


def _author_date(short: str) -> str:
    """'Luo (2024)' → 'Luo 2024', for author-date markers."""
    return short.replace(" (", " ").replace(")", "") if short.endswith(")") else short


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
