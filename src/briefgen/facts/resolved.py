"""A checked fact as later stages see it, and the table of them by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.facts.formatting import format_value
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
    high: float | None = None  # the upper end of a range ('12–45%')
    digits: str = ""  # the figure as its source writes it ('3.10', '-9', '0x40'), when shown as stated
    high_digits: str = ""
    grouped: bool = False  # the source groups thousands ('1,500'); an identifier ('31337') is not grouped

    def shown(self, with_unit: bool = True) -> str:
        """The value as readers see it: '12–45%', '$469.01 billion', '−9', '1.3×' (None: a quote)."""
        if self.value is None:
            return ""
        return format_value(
            self.value,
            self.scale,
            self.unit,
            self.qualifier,
            with_unit,
            digits=self.digits,
            high=self.high,
            high_digits=self.high_digits,
            grouped=self.grouped,
        )


FactTable = dict[str, ResolvedFact]
