"""Assemble the neutral `Brief`: fact values in text, charts from facts, citations numbered by first use."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal, cast

from briefgen.brief.charts import build_chart
from briefgen.brief.citations import Citations, locator_text
from briefgen.brief.model import (
    Block,
    Brief,
    Bullets,
    Chart,
    FactRecord,
    FactValue,
    Inline,
    KeyNumber,
    KeyNumbers,
    Marker,
    Prose,
    Quote,
    RichText,
    Section,
    Table,
    Text,
)
from briefgen.diagnostics import Diagnostic
from briefgen.facts.resolved import FactTable, ResolvedFact
from briefgen.facts.tables import SECTION_TABLE, table_cell_id
from briefgen.spec.inline import InlineError, Ref, Verbatim, parse_inline
from briefgen.spec.load import LoadedSpec
from briefgen.spec.model import TableBlockSpec

ESTIMATE_MARK = " (estimate)"
DERIVED_MARK = "†"  # a figure briefgen calculated, explained as 'calculated from …' in notes and the PDF


class _Assembler:
    """Walks the spec in reading order; every fact shown passes through `value_text` and `cite`."""

    def __init__(self, ls: LoadedSpec, facts: FactTable):
        self.ls, self.spec, self.doc, self.facts = ls, ls.spec, ls.doc, facts
        self.cites = Citations(ls.spec, facts)
        self.diags: list[Diagnostic] = []
        self.shown: dict[str, None] = {}  # facts the reader sees, in order of first appearance

    def error(self, code: str, message: str, path: tuple, hint: str = "") -> None:
        self.diags.append(Diagnostic("error", code, message, self.doc.at(path), hint))

    def value_text(self, f: ResolvedFact, with_unit: bool = True, short: bool = False) -> str:
        """The value as readers see it; an estimate always says so ('about 40% (estimate)')."""
        if f.value is None:
            return f"“{f.quote}”"  # a fact without a number is a verbatim quote
        text = f.shown(with_unit)
        if f.kind == "estimate":
            text += " (est.)" if short else ESTIMATE_MARK
        elif f.kind == "derived":
            text += DERIVED_MARK
        return text

    def valued(self, fid: str, path: tuple) -> ResolvedFact | None:
        """The fact if it has a number to show; a quote used as a value is an error."""
        f = self.facts.get(fid)
        if f is not None and f.value is None:
            self.error(
                "fact-without-value",
                f"fact '{fid}' states no number but is used as a value",
                path,
                "use it in a 'quote:' block, or quote a number",
            )
            return None
        return f

    def rich(self, text: str, path: tuple) -> RichText:
        runs: list[Inline] = []
        pairs: list[tuple[int, str]] = []
        try:
            parts = parse_inline(text)
        except InlineError:
            parts = [text]  # reported by the spec stage
        for n, part in enumerate(parts):
            if isinstance(part, Ref):
                f = self.facts.get(part.fact_id)
                if f is None:
                    continue  # reported by the spec or fact stage
                prev = parts[n - 1] if n else ""
                before = prev if isinstance(prev, str) else ""
                if f.qualifier and re.search(rf"\b{re.escape(f.qualifier)}\s*$", before, re.IGNORECASE):
                    self.error(
                        "doubled-qualifier",
                        f"'{f.qualifier} {{{f.id}}}' would read '{f.qualifier} {self.value_text(f)}'",
                        path,
                        f"the value already says '{f.qualifier}': remove it from the text",
                    )
                self.shown.setdefault(f.id)
                pairs += self.cites.pairs(f)
                runs.append(FactValue(f.id, self.value_text(f), self.cites.of(f)))
            else:
                runs.append(Text(part.text if isinstance(part, Verbatim) else part))
        return RichText(tuple(runs), self.cites.marker(pairs))

    def fact_note(self, f: ResolvedFact) -> str:
        """For speaker notes: what the fact says and where it comes from (quote and locator, or formula)."""
        head = f"{f.label or f.id}{f' ({self.value_text(f)})' if f.value is not None else ''}"
        if f.kind == "estimate":
            return f"{head}: the author’s estimate, not from a source — {f.note}"
        if f.kind == "derived":
            inputs = ", ".join(f"{n} = {self.value_text(self.facts[n])}" for n in f.inputs)
            return f"{head}: calculated as {f.formula}, from {inputs} {self.mark(f).text}".rstrip()
        source = f.source_id or ""
        where = f", {f.locator}" if f.locator else ""
        return f"{head}: “{f.quote}” — {self.cites.short(source)}{where} {self.mark(f).text}"

    def mark(self, f: ResolvedFact) -> Marker:
        """The marker citing one fact."""
        return self.cites.marker(self.cites.pairs(f))

    def record(self, fid: str) -> FactRecord:
        """A shown fact's provenance, for speaker notes and the fact appendix."""
        f = self.facts[fid]
        source = self.cites.short(f.source_id) if f.source_id else f.kind
        value = self.value_text(f) if f.value is not None else ""
        detail = f.formula if f.kind == "derived" else f.note
        return FactRecord(
            f.id,
            f.label or f.id,
            value,
            f.kind,
            self.fact_note(f),
            f.quote,
            source,
            str(f.locator) if f.locator else locator_text(f),
            self.mark(f),
            detail,
        )

    def key_numbers(self) -> KeyNumbers | None:
        spec = self.spec.key_numbers
        if spec is None:
            return None
        items = []
        for i, item in enumerate(spec.items):
            fid, label, change_id = (
                (item, "", None) if isinstance(item, str) else (item.fact, item.label, item.change)
            )
            f = self.valued(fid, ("key_numbers", "items", i))
            change = self.valued(change_id, ("key_numbers", "items", i, "change")) if change_id else None
            if f is None or (change_id and change is None):
                continue
            self.shown.setdefault(f.id)
            pairs = self.cites.pairs(f)
            text, direction = "", cast(Literal["up", "down", ""], "")
            if change is not None:
                self.shown.setdefault(change.id)
                pairs += self.cites.pairs(change)
                text = self.value_text(
                    replace(change, value=abs(change.value or 0), digits=change.digits.lstrip("+-"))
                )
                direction = "up" if (change.value or 0) > 0 else "down" if (change.value or 0) < 0 else ""
            marker = self.cites.marker(pairs)
            items.append(
                KeyNumber(
                    fid, self.value_text(f), label or f.label or fid, marker, text, direction, change_id or ""
                )
            )
        kinds = {self.facts[fid].kind for k in items for fid in (k.fact_id, k.change_fact_id) if fid}
        numbers = [n for k in items for n in k.citations]
        notes = tuple(self.fact_note(self.facts[k.fact_id]) for k in items)
        return KeyNumbers(spec.title, tuple(items), self.cites.note(numbers, kinds), notes)

    def section(self, i: int) -> Section:
        sec = self.spec.sections[i]
        base = ("sections", i)
        blocks: list[Block] = []
        shown: list[str] = []
        for j, p in enumerate(sec.prose_list()):
            blocks.append(
                Prose(self.rich(p, base + (("prose",) if isinstance(sec.prose, str) else ("prose", j))))
            )
        if sec.bullets:
            blocks.append(
                Bullets(tuple(self.rich(b, base + ("bullets", j)) for j, b in enumerate(sec.bullets)))
            )
        if sec.table and sec.table.source is not None:
            read = self.source_table(sec.table, i)
            if read is not None:
                blocks.append(read)
        elif sec.table:
            blocks.append(self.table(sec.table, base + ("table",)))
        for k, chart in enumerate(sec.all_charts()):
            cpath = base + (("chart",) if sec.chart and k == 0 else ("charts", k - (1 if sec.chart else 0)))
            built = build_chart(self, chart, cpath, (i, k))
            if built:
                blocks.append(built[0])
                shown += built[1]
        if sec.quote and sec.quote.fact in self.facts:
            f = self.facts[sec.quote.fact]
            if f.kind != "document" or f.source_id is None:
                self.error(
                    "quote-not-from-source",
                    f"the quote of section '{sec.id}' names fact '{f.id}', which no document states",
                    base + ("quote", "fact"),
                    "quote a fact with a source and quote",
                )
            else:
                src = self.spec.sources[f.source_id]
                attribution = (
                    sec.quote.attribution or ", ".join(src.authors()) or self.cites.short(f.source_id)
                )
                self.shown.setdefault(f.id)
                blocks.append(Quote(f.quote, attribution, self.mark(f), f.id))
        shown += [fid for block in blocks for fid in _fact_ids(block)]
        notes = tuple(self.fact_note(self.facts[fid]) for fid in dict.fromkeys(shown))
        calculated = tuple(
            self.calculation(self.facts[fid])
            for fid in dict.fromkeys(shown)
            if self.facts[fid].kind == "derived"
        )
        return Section(sec.id, sec.title, tuple(blocks), sec.notes, notes, sec.slide, sec.divider, calculated)

    def calculation(self, f: ResolvedFact) -> str:
        """How a derived figure was calculated, in the words readers know its inputs by:
        'Places gained (17 places†) = GII rank, 2011 (29th) − GII rank, 2023 (12th)'."""
        formula = f.formula
        for n in sorted(f.inputs, key=len, reverse=True):
            g = self.facts[n]
            formula = re.sub(rf"\b{re.escape(n)}\b", f"{g.label or g.id} ({self.value_text(g)})", formula)
        return f"{f.label or f.id} ({self.value_text(f)}) = {formula}"

    def source_table(self, spec: TableBlockSpec, section: int) -> Table | None:
        """A range of a source's table: each row's label, then its values as the source states them, each
        cited to its cell (in speaker notes and the fact appendix) and the table to its source below it.
        None when a value was not found (already reported)."""
        ids = [
            [table_cell_id(section, SECTION_TABLE, r, c) for c in range(1, len(spec.columns))]
            for r in range(len(spec.rows))
        ]
        if any(fid not in self.facts for row in ids for fid in row):
            return None
        facts = [self.facts[fid] for row in ids for fid in row]
        for f in facts:
            self.shown.setdefault(f.id)
        pairs = [pair for f in facts for pair in self.cites.pairs(f)]
        numbers = sorted({n for n, _ in pairs})
        rows = tuple(
            (RichText((Text(str(label[0])),)),)
            + tuple(
                RichText((FactValue(fid, self.value_text(self.facts[fid]), tuple(numbers)),)) for fid in row
            )
            for label, row in zip(spec.rows, ids, strict=True)
        )
        note = self.cites.note(numbers, {f.kind for f in facts})
        return Table(spec.title, tuple(spec.columns), rows, note, tuple(numbers))

    def table(self, spec: TableBlockSpec, path: tuple) -> Table:
        """A table of rich-text cells; its source line lists every source its cells cite."""
        width = len(spec.columns)
        rows = tuple(
            tuple(
                self.rich(cell, path + ("rows", r, c)) for c, cell in enumerate((row + [""] * width)[:width])
            )
            for r, row in enumerate(spec.rows)
        )
        for r, row in enumerate(spec.rows):
            if len(row) > width:
                self.error(
                    "table-shape",
                    f"row {r + 1} of table '{spec.title or 'untitled'}' has {len(row)} cells "
                    f"for {width} columns",
                    path + ("rows", r),
                    "remove the extra cells or add a column",
                )
        numbers = sorted({n for row in rows for cell in row for n in cell.citations})
        kinds = {
            self.facts[fid].kind
            for row in rows
            for cell in row
            for fid in (r.fact_id for r in cell.runs if isinstance(r, FactValue))
        }
        return Table(spec.title, tuple(spec.columns), rows, self.cites.note(numbers, kinds), tuple(numbers))


def assemble_brief(ls: LoadedSpec, facts: FactTable) -> tuple[Brief, list[Diagnostic]]:
    """Build the Brief in reading order, so that citation numbers follow first use."""
    a = _Assembler(ls, facts)
    spec = ls.spec
    summary = a.rich(spec.summary, ("summary",)) if spec.summary else None
    key_numbers = a.key_numbers()
    sections = tuple(a.section(i) for i in range(len(spec.sections)))
    brief = Brief(
        ls.name,
        spec.title,
        spec.subtitle,
        spec.author,
        spec.date,
        summary,
        key_numbers,
        sections,
        a.cites.references(),
        tuple(a.record(fid) for fid in a.shown),
        citation_style=spec.citations.style,
        keywords=tuple(spec.keywords),
        notes=spec.citations.notes,
        fact_appendix=spec.citations.appendix,
    )
    return brief, a.diags


def _fact_ids(block: Block) -> list[str]:
    """Ids of the facts a block's text shows, in order."""
    texts: list[RichText] = []
    if isinstance(block, Prose):
        texts = [block.text]
    elif isinstance(block, Bullets):
        texts = list(block.items)
    elif isinstance(block, Chart):
        texts = [block.takeaway] if block.takeaway else []
    elif isinstance(block, Table):
        texts = [cell for row in block.rows for cell in row]
    elif isinstance(block, Quote):
        return [block.fact_id]
    return [r.fact_id for t in texts for r in t.runs if isinstance(r, FactValue)]
