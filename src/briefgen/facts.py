"""Verify every fact against its source: the quote is there and states the value; record a locator."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic
from .numbers import matches, stated_numbers
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
        if value is None:
            if len(stated) == 1:
                value, scale = stated[0].value, stated[0].scale
                qualifier = qualifier or stated[0].qualifier
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
                        f"value {value:g}{' ' + scale if scale else ''} of fact '{fid}' "
                        "is not a number its quote states",
                        doc.at(("facts", fid, "value")),
                        f"the quote states: {shown}",
                    )
                )
                continue
            if scale is None and abs(value - hit.value) <= 1e-9 * max(1.0, abs(value)):
                scale = hit.scale  # '9.4' against '9.4 million': the scale word belongs to the value
            qualifier = qualifier or hit.qualifier
        table[fid] = ResolvedFact(
            fid, fact.source, fact.quote, locator, value, scale, fact.unit, qualifier, fact.label
        )
    return table, diags
