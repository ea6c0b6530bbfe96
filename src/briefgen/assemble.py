"""Assemble the neutral `Brief`: fact values in text, charts from facts, citations numbered by first use."""

from __future__ import annotations

from .diagnostics import Diagnostic
from .facts import FactTable, ResolvedFact
from .formatting import excel_format, format_value, python_format, unit_label, value_suffix
from .inline import InlineError, Ref, parse_inline
from .markers import marker
from .model import (
    Block,
    Brief,
    Bullets,
    Chart,
    FactValue,
    Inline,
    KeyNumber,
    KeyNumbers,
    Prose,
    Quote,
    Reference,
    RichText,
    Section,
    Series,
    Text,
)
from .spec import BriefSpec, ChartSpec, SourceSpec
from .specload import LoadedSpec


class _Citations:
    """Numbers sources in the order the reader first meets them: the one place numbering happens."""

    def __init__(self, spec: BriefSpec):
        self.spec = spec
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def short(self, source_id: str) -> str:
        return short_label(self.spec.sources[source_id], source_id)

    def note(self, numbers: list[int]) -> str:
        """'Source: Luo (2024) [2]' for the sources behind a chart or panel."""
        unique = sorted(set(numbers))
        items = "; ".join(f"{self.short(self.order[n - 1])} {marker((n,))}" for n in unique)
        return f"{'Sources' if len(unique) > 1 else 'Source'}: {items}" if unique else ""


def assemble_brief(ls: LoadedSpec, facts: FactTable) -> tuple[Brief, list[Diagnostic]]:
    """Build the Brief in reading order, so that citation numbers follow first use."""
    spec, doc = ls.spec, ls.doc
    cites = _Citations(spec)
    diags: list[Diagnostic] = []

    def fact_text(f: ResolvedFact, with_unit: bool = True) -> str:
        assert f.value is not None
        return format_value(f.value, f.scale, f.unit, f.qualifier, with_unit)

    def valued(fid: str, path: tuple) -> ResolvedFact | None:
        f = facts.get(fid)
        if f is not None and f.value is None:
            diags.append(
                Diagnostic(
                    "error",
                    "fact-without-value",
                    f"fact '{fid}' states no number but is used as a value",
                    doc.at(path),
                    "use it in a 'quote:' block, or quote a number",
                )
            )
            return None
        return f

    def rich(text: str, path: tuple) -> RichText:
        runs: list[Inline] = []
        numbers: list[int] = []
        try:
            parts = parse_inline(text)
        except InlineError:
            parts = [text]  # reported by the spec stage
        for part in parts:
            if isinstance(part, Ref):
                f = facts.get(part.fact_id)
                if f is None:
                    continue  # reported by the fact stage
                n = cites.number(f.source_id)
                # A fact without a number is a verbatim quote: it is shown as one, in quotation marks.
                runs.append(FactValue(f.id, fact_text(f) if f.value is not None else f"“{f.quote}”", n))
                if n not in numbers:
                    numbers.append(n)
            else:
                runs.append(Text(part))
        return RichText(tuple(runs), tuple(numbers))

    def fact_note(f: ResolvedFact) -> str:
        """For speaker notes: what the fact says, its verbatim quote, source and locator."""
        value = f" ({fact_text(f)})" if f.value is not None else ""
        where = f"{cites.short(f.source_id)} {marker((cites.number(f.source_id),))}, {f.locator}"
        return f"{f.label or f.id}{value}: “{f.quote}” — {where}"

    summary = rich(spec.summary, ("summary",)) if spec.summary else None
    key_numbers = None
    if spec.key_numbers:
        items = []
        for i, item in enumerate(spec.key_numbers.items):
            fid, label = (item, "") if isinstance(item, str) else (item.fact, item.label)
            f = valued(fid, ("key_numbers", "items", i))
            if f is not None:
                items.append(KeyNumber(fid, fact_text(f), label or f.label or fid, cites.number(f.source_id)))
        key_numbers = KeyNumbers(
            spec.key_numbers.title,
            tuple(items),
            cites.note([k.citation for k in items]),
            tuple(fact_note(facts[k.fact_id]) for k in items),
        )

    sections = []
    for i, sec in enumerate(spec.sections):
        base = ("sections", i)
        blocks: list[Block] = []
        plotted: list[str] = []
        for j, p in enumerate(sec.prose_list()):
            blocks.append(
                Prose(rich(p, base + ("prose",) if isinstance(sec.prose, str) else base + ("prose", j)))
            )
        if sec.bullets:
            blocks.append(Bullets(tuple(rich(b, base + ("bullets", j)) for j, b in enumerate(sec.bullets))))
        for k, chart in enumerate(sec.all_charts()):
            cpath = base + (("chart",) if sec.chart and k == 0 else ("charts", k - (1 if sec.chart else 0)))
            built = _chart(chart, cpath, facts, cites, rich, diags, doc)
            if built:
                blocks.append(built[0])
                plotted.extend(built[1])
        if sec.quote and sec.quote.fact in facts:
            f = facts[sec.quote.fact]
            src = spec.sources[f.source_id]
            blocks.append(
                Quote(
                    f.quote,
                    sec.quote.attribution or src.author or cites.short(f.source_id),
                    cites.number(f.source_id),
                    f.id,
                )
            )
        used = dict.fromkeys(plotted + [fid for block in blocks for fid in _fact_runs(block)])
        fact_notes = tuple(fact_note(facts[fid]) for fid in used)
        sections.append(Section(sec.id, sec.title, tuple(blocks), sec.notes, fact_notes))

    references = tuple(
        Reference(n, sid, reference_text(spec.sources[sid]), cites.short(sid), spec.sources[sid].url)
        for n, sid in enumerate(cites.order, 1)
    )
    brief = Brief(
        ls.name,
        spec.title,
        spec.subtitle,
        spec.author,
        spec.date,
        summary,
        key_numbers,
        tuple(sections),
        references,
    )
    return brief, diags


def _fact_runs(block: Block) -> list[str]:
    """Ids of the facts a block shows, in order."""
    texts: list[RichText] = []
    if isinstance(block, Prose):
        texts = [block.text]
    elif isinstance(block, Bullets):
        texts = list(block.items)
    elif isinstance(block, Chart):
        texts = [block.takeaway] if block.takeaway else []
    elif isinstance(block, Quote):
        return [block.fact_id]
    return [r.fact_id for t in texts for r in t.runs if isinstance(r, FactValue)]


def _chart(
    chart: ChartSpec, cpath: tuple, facts: FactTable, cites: _Citations, rich, diags, doc
) -> tuple[Chart, list[str]] | None:
    """A chart from facts, with the ids it plots; values that cannot share an axis are refused."""
    series_specs = chart.all_series()
    points = [(s, p) for s in series_specs for p in s.data]
    if any(p.fact not in facts for _, p in points):
        return None  # already reported (unknown or unverified fact)
    resolved = [facts[p.fact] for _, p in points]
    if any(f.value is None for f in resolved):
        bad = next(f.id for f in resolved if f.value is None)
        diags.append(
            Diagnostic(
                "error",
                "fact-without-value",
                f"chart '{chart.title}' plots fact '{bad}', which states no number",
                doc.at(cpath),
                "plot facts whose quotes state a number",
            )
        )
        return None
    kinds = {(f.unit.strip().lower(), f.scale) for f in resolved}
    if len(kinds) > 1:
        shown = ", ".join(f"{f.id} ({unit_label(f.unit, f.scale) or 'no unit'})" for f in resolved)
        diags.append(
            Diagnostic(
                "error",
                "chart-mixed-units",
                f"chart '{chart.title}' mixes values that cannot share an axis: {shown}",
                doc.at(cpath),
                "plot facts of one unit and scale; show the others as key numbers or another chart",
            )
        )
        return None
    categories = tuple(p.label for p in series_specs[0].data)
    if chart.kind in ("pie", "doughnut") and (len(categories) < 2 or len(series_specs) > 1):
        diags.append(
            Diagnostic(
                "error",
                "chart-pie-data",
                f"chart '{chart.title}': a {chart.kind} needs one series of at least two slices",
                doc.at(cpath),
                "show a single share as a key number, or plot the parts of one whole",
            )
        )
        return None
    for s in series_specs[1:]:
        if tuple(p.label for p in s.data) != categories:
            diags.append(
                Diagnostic(
                    "error",
                    "chart-categories",
                    f"chart '{chart.title}': series '{s.name}' has other labels than the first series",
                    doc.at(cpath),
                    f"give every series the labels {', '.join(categories)} in that order",
                )
            )
            return None
    numbers = [cites.number(facts[p.fact].source_id) for _, p in points]
    series = tuple(
        Series(
            s.name,
            tuple(float(facts[p.fact].value or 0) for p in s.data),
            tuple(
                format_value(
                    facts[p.fact].value or 0,
                    facts[p.fact].scale,
                    facts[p.fact].unit,
                    facts[p.fact].qualifier,
                    with_unit=False,
                )
                for p in s.data
            ),
        )
        for s in series_specs
    )
    values = [v for s in series for v in s.values]
    unit = resolved[0].unit
    words = "; ".join(f"{c} {lab}" for s in series for c, lab in zip(categories, s.labels, strict=True))
    built = Chart(
        kind=chart.kind,
        title=chart.title,
        subtitle=chart.subtitle,
        categories=categories,
        series=series,
        source_note=cites.note(numbers),
        citations=tuple(sorted(set(numbers))),
        value_axis_title=chart.axis_title or unit_label(unit, resolved[0].scale).capitalize(),
        number_format=excel_format(values, unit),
        axis_format=python_format(values),
        value_suffix=value_suffix(unit),
        reverse_value_axis=unit.strip().lower() in ("rank", "ordinal"),
        takeaway=rich(chart.takeaway, cpath + ("takeaway",)) if chart.takeaway else None,
        alt_text=f"{chart.kind.capitalize()} chart: {chart.title}. {words}.",
    )
    return built, [p.fact for _, p in points]


def short_label(src: SourceSpec, source_id: str) -> str:
    """A source's short form for source lines: its label, else 'Author (year)', else its id."""
    if src.label:
        return src.label
    year = src.date[:4] if src.date[:4].isdigit() else ""
    who = src.author.split(",")[0].strip() or src.publisher or source_id
    return f"{who} ({year})" if year else who


def reference_text(src: SourceSpec) -> str:
    """A reference entry: Author. “Title.” Publisher, date."""
    parts = []
    if src.author:
        parts.append(src.author.rstrip(".") + ".")
    if src.title:
        parts.append(f"“{src.title.rstrip('.')}.”")
    tail = ", ".join(x for x in (src.publisher, src.date) if x)
    if tail:
        parts.append(tail + ".")
    return " ".join(parts) or src.path
