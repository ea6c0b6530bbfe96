"""Verify every fact: quotes in their sources stating their values, formulas computed, estimates marked."""

from __future__ import annotations

import re

from briefgen.diagnostics import Diagnostic, Location
from briefgen.facts.cells import FactPlace, check_cell
from briefgen.facts.formatting import PERCENT_UNITS, RANK_UNITS, number_text
from briefgen.facts.readers import ReadError
from briefgen.facts.resolved import FactTable, ResolvedFact
from briefgen.facts.source_tables import SourceTables
from briefgen.facts.sources import SourceText, read_source
from briefgen.facts.tables import check_tables
from briefgen.numbers import units as U
from briefgen.numbers.reader import SCALES, Stated, matches, stated_numbers
from briefgen.spec.document import Document
from briefgen.spec.formula import FormulaError, evaluate, names, parse, show
from briefgen.spec.load import LoadedSpec
from briefgen.spec.model import KIND_BY_SUFFIX, FactSpec
from briefgen.spec.paths import file_problem


def resolve_facts(ls: LoadedSpec) -> tuple[FactTable, list[Diagnostic]]:
    """Read each source once, then check every fact; all problems are returned together."""
    texts, diags = read_sources(ls)
    tables = SourceTables(texts)
    table: FactTable = {}
    derived: dict[str, FactSpec] = {}
    for fid, fact in ls.spec.facts.items():
        if fact.kind == "derived":
            derived[fid] = fact
        elif fact.kind == "estimate":
            table[fid] = ResolvedFact(
                fid,
                "estimate",
                fact.low,
                fact.scale,
                fact.unit,
                fact.qualifier,
                fact.label,
                note=fact.note,
                high=fact.high,
            )
        elif fact.source in texts and (fact.quote is not None or fact.selects_cell):
            if fact.selects_cell:
                keys = {k: ls.doc.at(("facts", fid, k)) for k in ("row", "column", "cell", "table", "value")}
                resolved, problems = check_cell(
                    fid,
                    fact,
                    texts[fact.source],
                    tables[fact.source],
                    ls.spec.sources[fact.source].decimal,
                    FactPlace(
                        ls.doc.at(("facts", fid)),
                        {k: v for k, v in keys.items() if getattr(fact, k) is not None},
                    ),
                )
            else:
                resolved, problems = _check_quote(fid, fact, texts[fact.source], ls)
            if resolved:
                table[fid] = resolved
            diags += problems
    diags += _derive(derived, table, ls.doc)
    diags += check_tables(ls, texts, table, tables)
    return table, diags


def read_sources(ls: LoadedSpec) -> tuple[dict[str, SourceText], list[Diagnostic]]:
    """Every source the spec may open, read once; unreadable ones are diagnosed."""
    texts: dict[str, SourceText] = {}
    diags: list[Diagnostic] = []
    for sid, src in ls.spec.sources.items():
        if sid in ls.blocked:
            continue
        path = ls.source_path(sid)
        kind = src.kind or KIND_BY_SUFFIX[path.suffix.lower()]
        where = ls.doc.at(("sources", sid, "path"))
        problem = file_problem(path, "source")
        if problem not in (None, "not found"):
            diags.append(
                Diagnostic(
                    "error",
                    "too-large" if problem and "limit" in problem else "source-unreadable",
                    f"source '{sid}': {src.path} {problem}",
                    where,
                    "name a document file next to the spec",
                )
            )
            continue
        try:
            texts[sid] = read_source(path, kind)
        except FileNotFoundError:
            diags.append(
                Diagnostic(
                    "error",
                    "source-not-found",
                    f"source '{sid}': file not found: {src.path}",
                    where,
                    "paths are relative to the spec's folder",
                )
            )
        except (OSError, ReadError) as e:
            diags.append(
                Diagnostic(
                    "error",
                    "source-unreadable",
                    f"source '{sid}': cannot read {src.path} as {kind}: {e}",
                    where,
                    f"check the file, or set 'kind:' if it is not {kind}",
                )
            )
    return texts, diags


def _check_quote(
    fid: str, fact: FactSpec, text: SourceText, ls: LoadedSpec
) -> tuple[ResolvedFact | None, list[Diagnostic]]:
    """The fact if its quote is in the source and states its value; else the problem."""
    doc, quote = ls.doc, fact.quote or ""
    locator = text.find(quote)
    if locator is None:
        near = text.closest(quote)
        return None, [
            Diagnostic(
                "error",
                "quote-not-found",
                f"quote of fact '{fid}' not found in source '{fact.source}'",
                doc.at(("facts", fid, "quote")),
                f"closest passage ({near.similarity:.0%} similar), {ls.spec.sources[fact.source or ''].path} "
                f'{near.locator}: "{near.text}"',
            )
        ]
    stated = stated_numbers(quote, ls.spec.sources[fact.source or ""].decimal)
    value, high = fact.low, fact.high
    scale: str | None = fact.scale
    hit: Stated | None = None
    if value is None:
        # 'from 29th in 2011': a year that dates the figure is not the figure.
        stated = [s for s in stated if not _is_year(s)] or stated
        if len(stated) > 1:
            return None, [
                Diagnostic(
                    "error",
                    "value-ambiguous",
                    f"fact '{fid}' has no value and its quote states several numbers: "
                    + ", ".join(s.text for s in stated),
                    doc.at(("facts", fid)),
                    "add 'value:' with the one you mean",
                )
            ]
        if stated:
            hit = stated[0]
            if scale is not None and scale != hit.scale:
                return None, [_scale_error(fid, scale, hit, ls)]
            value, high, scale = hit.value, hit.high, hit.scale
    else:
        hit = next((s for s in stated if matches(value, scale, s, high)), None)
        unscaled = [s for s in stated if matches(value, None, s, high) and s.scale != scale]
        if hit is None and scale and unscaled:
            return None, [_scale_error(fid, scale, unscaled[0], ls)]
        if hit is None:
            return None, [
                Diagnostic(
                    "error",
                    "value-not-in-quote",
                    f"value {_written(value, high)}{' ' + scale if scale else ''} of fact '{fid}' "
                    "is not a number its quote states",
                    doc.at(("facts", fid, "value")),
                    _value_hint(value, high, stated),
                )
            ]
        if scale is None and _same(value, hit.value):
            scale = hit.scale  # '9.4' against '9.4 million': the scale word belongs to the value
    unit: str = fact.unit
    qualifier: str | None = fact.qualifier
    digits = high_digits = ""
    grouped = False
    diags: list[Diagnostic] = []
    if hit is not None:
        problem = _disagreement(unit, qualifier, hit, quote)
        if problem:
            key, message, hint = problem
            where = doc.at(("facts", fid, key)) if getattr(fact, key) else doc.at(("facts", fid))
            return None, [Diagnostic("error", f"{key}-not-in-quote", f"fact '{fid}': {message}", where, hint)]
        unit = unit or hit.unit_text or hit.unit
        qualifier = qualifier or hit.qualifier
        if value is not None and _same(value, hit.value):
            digits, high_digits, grouped = hit.digits, hit.high_digits, hit.grouped
        diags += _label_figure(fid, quote, hit, stated, doc.at(("facts", fid, "value")))
    resolved = ResolvedFact(
        fid,
        "document",
        value,
        scale,
        unit,
        qualifier,
        fact.label,
        fact.source,
        quote,
        locator,
        high=high,
        digits=digits,
        high_digits=high_digits,
        grouped=grouped,
    )
    return resolved, diags


def _scale_error(fid: str, scale: str, said: Stated, ls: LoadedSpec) -> Diagnostic:
    return Diagnostic(
        "error",
        "scale-not-in-quote",
        f"fact '{fid}': scale '{scale}' but the quote states {said.text}",
        ls.doc.at(("facts", fid, "scale")),
        f"write scale: {said.scale}" if said.scale else "leave 'scale:' out",
    )


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _written(value: float, high: float | None) -> str:
    return number_text(value) + (f"–{number_text(high)}" if high is not None else "")


def _value_hint(value: float, high: float | None, stated: list[Stated]) -> str:
    """What the quote states instead, and how to write a range or a sign it holds."""
    said = ", ".join(s.text for s in sorted(stated, key=_is_year)) or "none"
    hint = f"the quote states: {said}"
    ranges = [s for s in stated if s.high is not None and high is None and value in (s.value, s.high)]
    if ranges:
        r = ranges[0]
        hint += f"; {r.text} is a range: write value: [{r.digits.lstrip('+')}, {r.high_digits.lstrip('+')}]"
    flipped = [s for s in stated if high is None and s.high is None and _same(-value, s.value) and value]
    if flipped:
        hint += f"; the quote writes the sign: value: {flipped[0].digits.lstrip('+')}"
    return hint


_LABEL = re.compile(r"[A-Za-z][\w-]*\s$")
_GIVES = re.compile(r"\s*[:=]\s*")


def _label_figure(
    fid: str, quote: str, hit: Stated, stated: list[Stated], where: Location
) -> list[Diagnostic]:
    """'Preset 4: 8%' with value 4: the number names the thing, the figure is the one after the colon."""
    label = _LABEL.search(quote[max(0, hit.start - 30) : hit.start])
    gives = _GIVES.match(quote, hit.end)
    if hit.unit or label is None or gives is None:
        return []
    after = next((s for s in stated if s.start == gives.end()), None)
    if after is None:
        return []
    name = f"{label.group().strip()} {hit.text}"
    return [
        Diagnostic(
            "warning",
            "value-is-a-label",
            f"value {hit.text} of fact '{fid}' is part of the label '{name}'; "
            f"the quote gives {after.text} for it",
            where,
            f"write value: {after.digits.lstrip('+')} if {after.text} is the figure you mean",
        )
    ]


def _is_year(s: Stated) -> bool:
    return s.text.isdigit() and len(s.text) == 4 and 1800 <= s.value <= 2100 and not (s.qualifier or s.unit)


def _disagreement(unit: str, qualifier: str | None, hit: Stated, quote: str) -> tuple[str, str, str] | None:
    """The fact's unit or qualifier says something its quote does not: (key, message, hint), or None."""
    if unit.strip():
        written, u, said = unit.strip(), U.canonical(unit), hit.unit
        take = "write unit: {}, or leave 'unit:' out to take the quote's"
        if said and u != said:
            if said == U.PERCENT:
                return (
                    "unit",
                    f"the quote states a percentage ({hit.text}) but the unit is '{written}'",
                    (take.format("'%'")),
                )
            if u in _KINDS:
                return (
                    "unit",
                    f"unit '{written}' but the quote states {hit.text}, {_not(u)}",
                    take.format(said),
                )
            symbol = (
                f" ({U.CURRENCY_SYMBOLS[u]})"
                if u in U.CURRENCY_SYMBOLS and written != U.CURRENCY_SYMBOLS[u]
                else ""
            )
            return "unit", f"unit '{written}'{symbol} but the quote states {hit.text}", take.format(said)
        symbolic = u in _KINDS or U.is_currency(u) or U.is_measure(u)
        if not said and symbolic and not U.states_noun(quote, unit):
            return (
                "unit",
                f"unit '{written}' but the quote states {hit.text}, {_not(u)}",
                ("use the quote's unit, or leave 'unit:' out"),
            )
        if not said and not U.states_noun(quote, unit):
            return (
                "unit",
                f"unit '{written}' is not a word of the quote",
                (
                    "the unit must be what the quote counts (a word it uses, singular or plural), "
                    "or leave it out"
                ),
            )
    if qualifier and qualifier != hit.qualifier:
        if hit.qualifier is None:
            return (
                "qualifier",
                f"qualifier '{qualifier}' but the quote states {hit.text} without one",
                ("leave 'qualifier:' out: the brief may not hedge or strengthen what the source states"),
            )
        return (
            "qualifier",
            f"qualifier '{qualifier}' but the quote says '{hit.qualifier}' ({hit.text})",
            (f"write qualifier: {hit.qualifier}, or leave it out to take the quote's"),
        )
    return None


_KINDS = (U.PERCENT, U.POINTS, U.TIMES, U.RANK)


def _not(unit: str) -> str:
    """'not a percentage', 'not a rank', 'not in ms'."""
    return {
        U.PERCENT: "not a percentage",
        U.POINTS: "not in percentage points",
        U.TIMES: "not a multiplier",
        U.RANK: "not a rank",
    }.get(unit, f"not in {unit}")


def _derive(derived: dict[str, FactSpec], table: FactTable, doc: Document) -> list[Diagnostic]:
    """Compute derived facts in dependency order, adding them to `table`; formulas never run code."""
    diags: list[Diagnostic] = []
    state: dict[str, str] = {}  # fact id -> 'busy' while its inputs are computed, then 'done'

    def compute(fid: str, trail: tuple[str, ...]) -> None:
        if state.get(fid) == "done":
            return
        if state.get(fid) == "busy":
            cycle = " → ".join((*trail[trail.index(fid) :], fid))
            diags.append(
                Diagnostic(
                    "error",
                    "formula-cycle",
                    f"formulas depend on each other in a circle: {cycle}",
                    doc.at(("facts", fid, "formula")),
                    "one of these facts must come from a source",
                )
            )
            state[fid] = "done"
            return
        state[fid] = "busy"
        fact = derived[fid]
        try:
            tree = parse(fact.formula or "")
        except FormulaError:
            state[fid] = "done"
            return  # reported by the spec stage
        inputs = names(tree)
        for name in inputs:
            if name in derived:
                compute(name, (*trail, fid))
        state[fid] = "done"
        if any(name not in table for name in inputs):
            return  # an input failed its own check, already reported
        where = doc.at(("facts", fid, "formula"))
        ranges = [table[n].id for n in inputs if table[n].high is not None]
        if ranges:
            diags.append(
                Diagnostic(
                    "error",
                    "formula-input",
                    f"formula of fact '{fid}' uses '{ranges[0]}', a range, which arithmetic cannot take",
                    where,
                    "use facts that state one number",
                )
            )
            return
        quotes = [table[n].id for n in inputs if table[n].value is None]
        if quotes:
            diags.append(
                Diagnostic(
                    "error",
                    "formula-input",
                    f"formula of fact '{fid}' uses '{quotes[0]}', a quote that states no number",
                    where,
                    "use facts with values",
                )
            )
            return
        unit, scale = (fact.unit, fact.scale) if fact.unit else _inherited_unit([table[n] for n in inputs])
        scale = fact.scale or scale
        # Inputs are taken in the result's scale (9.4 million → 9,400,000 → 9,400 thousand …), so round()
        # rounds what the reader sees; percentages are ratios and stay as written.
        per = SCALES.get(scale or "", 1.0)
        values = {
            n: table[n].value or 0.0
            if table[n].unit.strip().lower() in PERCENT_UNITS
            else _total(table[n]) / per
            for n in inputs
        }
        try:
            value = float(f"{evaluate(tree, values):.12g}")
        except FormulaError as e:
            diags.append(Diagnostic("error", "bad-formula", f"formula of fact '{fid}': {e}", where))
            return
        approximate = [n for n in inputs if table[n].qualifier]
        if approximate and not fact.qualifier:
            first = table[approximate[0]]
            diags.append(
                Diagnostic(
                    "error",
                    "formula-approximate",
                    f"fact '{fid}' is computed from approximate figures ('{first.id}' is {first.qualifier} "
                    f"{number_text(first.value or 0)})",
                    where,
                    "add a 'qualifier:' that says how exact the result is (about, over, nearly …)",
                )
            )
            return
        if fact.high is not None:
            diags.append(
                Diagnostic(
                    "error",
                    "value-not-derived",
                    f"fact '{fid}' has a formula, which gives one number, but its value is a range",
                    doc.at(("facts", fid, "value")),
                    "remove 'value:' (it is computed)",
                )
            )
            return
        if fact.low is not None and abs(fact.low - value) > 1e-9 * max(1.0, abs(value)):
            diags.append(
                Diagnostic(
                    "error",
                    "value-not-derived",
                    f"value {number_text(fact.low)} of fact '{fid}' is not "
                    f"what its formula gives: {number_text(value)}",
                    doc.at(("facts", fid, "value")),
                    "remove 'value:' (it is computed) or fix the formula",
                )
            )
            return
        table[fid] = ResolvedFact(
            fid,
            "derived",
            value,
            scale,
            unit,
            fact.qualifier,
            fact.label,
            formula=show(tree),
            inputs=tuple(inputs),
            note=fact.note,
        )

    for fid in derived:
        compute(fid, ())
    return diags


def _inherited_unit(inputs: list[ResolvedFact]) -> tuple[str, str | None]:
    """The unit and scale a derived fact takes when it names none: the one unit its inputs share,
    leaving out percentages (a share applied to an amount gives an amount); never a rank (a difference of
    ranks is a number of places, not a rank)."""
    kinds = {(f.unit.strip(), f.scale) for f in inputs if f.unit.strip().lower() not in PERCENT_UNITS}
    kinds = kinds or {(f.unit.strip(), f.scale) for f in inputs}
    if len(kinds) == 1:
        unit, scale = next(iter(kinds))
        if unit.lower() not in RANK_UNITS:
            return unit, scale
    return "", None


def _total(f: ResolvedFact) -> float:
    """A fact's value with its scale applied (9.4 million → 9,400,000)."""
    return (f.value or 0.0) * SCALES.get(f.scale or "", 1.0)
