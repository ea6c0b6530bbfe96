"""The format-neutral brief: sections of blocks, inline fact values and citations numbered once.

Renderers read only this model. Everything a reader sees (values, marker numbers, source lines,
reference entries) is already decided here, so the deck and the PDF cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Literal

ChartKind = Literal["column", "bar", "line", "pie", "doughnut"]


@dataclass(frozen=True)
class Text:
    """A run of plain user text (never markup: renderers escape it)."""

    text: str


@dataclass(frozen=True)
class FactValue:
    """A fact's value as written inline, e.g. 'over 9.4 million units', with the sources it cites.

    A derived fact cites the sources of the facts it came from; an estimate cites none (its text says
    it is an estimate).
    """

    fact_id: str
    text: str
    citations: tuple[int, ...]


Inline = Text | FactValue


@dataclass(frozen=True)
class RichText:
    """A sentence or bullet: runs of text and fact values, then the markers of the sources it cites."""

    runs: tuple[Inline, ...]
    citations: tuple[int, ...] = ()

    @property
    def plain(self) -> str:
        """The text without citation markers."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Prose:
    """A paragraph of running text (the PDF shows it; the deck puts it in speaker notes)."""

    text: RichText


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[RichText, ...]


@dataclass(frozen=True)
class Series:
    """One data series; values are plain numbers, labels are their formatted text ('9.4 million')."""

    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """A chart whose every plotted value is a cited fact.

    `number_format` is an Excel-style format code for the values ('#,##0', '0.0"%"'), used by the deck
    for its value axis; both outputs label the points with `labels`. The PDF's value axis uses
    `axis_format` (a Python format spec such as ',.0f') followed by `value_suffix` ('%').
    """

    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    source_note: str
    citations: tuple[int, ...]
    subtitle: str = ""
    value_axis_title: str = ""
    number_format: str = "General"
    axis_format: str = ",g"
    value_suffix: str = ""
    reverse_value_axis: bool = False
    takeaway: RichText | None = None
    alt_text: str = ""


@dataclass(frozen=True)
class KeyNumber:
    """A headline figure: big value, what it measures, and the sources it cites."""

    fact_id: str
    value: str
    label: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class KeyNumbers:
    """A panel of headline figures."""

    title: str
    items: tuple[KeyNumber, ...]
    source_note: str = ""
    fact_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A verbatim quote from a source, attributed and cited."""

    text: str
    attribution: str
    citation: int
    fact_id: str = ""


Block = Prose | Bullets | Chart | KeyNumbers | Quote


@dataclass(frozen=True)
class Section:
    """A titled part of the brief: one or more slides in the deck, a numbered heading in the PDF."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    notes: str = ""
    fact_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A numbered entry of the reference list (one per cited source)."""

    number: int
    source_id: str
    text: str
    short: str
    url: str = ""


@dataclass(frozen=True)
class Brief:
    """The whole brief, in reading order: key numbers first, then the sections, then the references."""

    name: str
    title: str
    subtitle: str = ""
    author: str = ""
    date: str = ""
    summary: RichText | None = None
    key_numbers: KeyNumbers | None = None
    sections: tuple[Section, ...] = ()
    references: tuple[Reference, ...] = field(default_factory=tuple)

    def reference(self, number: int) -> Reference:
        """The reference entry for citation `number`."""
        return self.references[number - 1]


def iter_texts(node: object) -> Iterator[str]:
    """Every string in a model object, depth first (for font coverage and similar checks)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from iter_texts(item)
    elif is_dataclass(node):
        for f in fields(node):
            yield from iter_texts(getattr(node, f.name))
