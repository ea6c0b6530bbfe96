"""Verify every fact against its source: the quote is there and states the value; record a locator."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic
from .formatting import CURRENCIES, PERCENT_UNITS, RANK_UNITS, number_text
from .numbers import Stated, matches, stated_numbers
from .sources import Locator, SourceText, read_source
from .specload import SOURCE_KINDS, LoadedSpec


@dataclass(frozen=True)
class ResolvedFact:
    """A fact whose quote was found in its source and whose value the quote states."""

    id: str
    source_id: str
    quote: str
    locator: Locator
    value: float | None
    scale: str | None
    unit: str
    qualifier: str | None
    label: str


FactTable = dict[str, ResolvedFact]


def resolve_facts(ls: LoadedSpec) -> tuple[FactTable, list[Diagnostic]]:
    """Read each source once, then check every fact; all problems are returned together."""
    spec, doc = ls.spec, ls.doc
    diags: list[Diagnostic] = []
    texts: dict[str, SourceText] = {}
    for sid, src in spec.sources.items():
        if sid in ls.blocked:
            continue
        path = ls.source_path(sid)
        kind = src.kind or SOURCE_KINDS[path.suffix.lower()]
        try:
            texts[sid] = read_source(path, kind)
        except FileNotFoundError:
            diags.append(
                Diagnostic(
                    "error",
                    "source-not-found",
                    f"source '{sid}': file not found: {src.path}",
                    doc.at(("sources", sid, "path")),
                    "paths are relative to the spec's folder",
                )
            )
        except (OSError, UnicodeDecodeError) as e:
            diags.append(
                Diagnostic(
                    "error",
                    "source-unreadable",
                    f"source '{sid}': cannot read {src.path}: {e}",
                    doc.at(("sources", sid, "path")),
                    "save text sources as UTF-8",
                )
            )
    table: FactTable = {}
    for fid, fact in spec.facts.items():
        text = texts.get(fact.source)
        if text is None:
            continue
        where = doc.at(("facts", fid, "quote"))
        locator = text.find(fact.quote)
        if locator is None:
            near = text.closest(fact.quote)
            diags.append(
                Diagnostic(
                    "error",
                    "quote-not-found",
                    f"quote of fact '{fid}' not found in source '{fact.source}'",
                    where,
                    f"closest passage ({near.similarity:.0%} similar), {spec.sources[fact.source].path} "
                    f'{near.locator}: "{near.text}"',
                )
            )
            continue
        stated = stated_numbers(fact.quote)
        value, scale, qualifier = fact.value, fact.scale, fact.qualifier
        hit = None
        if value is None:
            if len(stated) == 1:
                hit = stated[0]
                value, scale = hit.value, hit.scale
            elif len(stated) > 1:
                diags.append(
                    Diagnostic(
                        "error",
                        "value-ambiguous",
                        f"fact '{fid}' has no value and its quote states several numbers: "
                        + ", ".join(s.text for s in stated),
                        doc.at(("facts", fid)),
                        "add 'value:' with the one you mean",
                    )
                )
                continue
        else:
            hit = next((s for s in stated if matches(value, scale, s)), None)
            if hit is None:
                shown = ", ".join(s.text for s in stated) or "none"
                diags.append(
                    Diagnostic(
                        "error",
                        "value-not-in-quote",
                        f"value {number_text(value)}{' ' + scale if scale else ''} of fact '{fid}' "
                        "is not a number its quote states",
                        doc.at(("facts", fid, "value")),
                        f"the quote states: {shown}",
                    )
                )
                continue
            if scale is None and abs(value - hit.value) <= 1e-9 * max(1.0, abs(value)):
                scale = hit.scale  # '9.4' against '9.4 million': the scale word belongs to the value
        if hit is not None:
            problem = _disagreement(fact.unit, fact.qualifier, hit)
            if problem:
                key, message, hint = problem
                diags.append(
                    Diagnostic(
                        "error",
                        f"{key}-not-in-quote",
                        f"fact '{fid}': {message}",
                        doc.at(("facts", fid, key)),
                        hint,
                    )
                )
                continue
            qualifier = qualifier or hit.qualifier
        table[fid] = ResolvedFact(
            fid, fact.source, fact.quote, locator, value, scale, fact.unit, qualifier, fact.label
        )
    return table, diags


_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}


def _disagreement(unit: str, qualifier: str | None, hit: Stated) -> tuple[str, str, str] | None:
    """The fact's unit or qualifier says something its quote does not: (key, message, hint), or None."""
    u = unit.strip()
    if hit.percent and u.lower() not in PERCENT_UNITS:
        return "unit", f"the quote states a percentage ({hit.text}) but the unit is '{u}'", "write unit: '%'"
    if u.lower() in PERCENT_UNITS and not hit.percent:
        return "unit", f"unit '%' but the quote states {hit.text}, not a percentage", "use the quote's unit"
    if u.lower() in RANK_UNITS and not hit.ordinal:
        return "unit", f"unit 'rank' but the quote states {hit.text}, not a rank", "use the quote's unit"
    symbol = CURRENCIES.get(u.upper(), CURRENCIES.get(u, ""))
    if hit.currency and symbol and symbol != hit.currency:
        return (
            "unit",
            f"unit '{u}' ({symbol}) but the quote states {hit.text}",
            f"write unit: {_CODES.get(hit.currency, hit.currency)}",
        )
    if qualifier and hit.qualifier and qualifier != hit.qualifier:
        return (
            "qualifier",
            f"qualifier '{qualifier}' but the quote says '{hit.qualifier}' ({hit.text})",
            f"write qualifier: {hit.qualifier}, or leave it out to take the quote's",
        )
    return None
