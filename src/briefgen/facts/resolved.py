"""A checked fact as later stages see it, and the table of them by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.facts.sources import Locator

FactKind = Literal["document", "derived", "estimate"]


@dataclass(frozen=True)
class ResolvedFact:
    """A checked fact: a quote found in its source, a computed formula, or an estimate said to be one."""

    id: str
    kind: FactKind
    value: float | None
    scale: str | None
    unit: str
    qualifier: str | None
    label: str
    source_id: str | None = None
    quote: str = ""
    locator: Locator | None = None
    formula: str = ""
    inputs: tuple[str, ...] = ()
    note: str = ""  # how an estimate was made; for a value from a chart's table, where the table is


FactTable = dict[str, ResolvedFact]
