"""The format-neutral brief: sections of blocks, inline fact values and citations numbered once.

Renderers read only this model. Everything a reader sees (values, marker numbers, source lines,
reference entries) is already decided here, so the deck and the PDF cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from typing import Literal

from briefgen.theme.model import DEFAULT_THEME, Theme

ChartKind = Literal["column", "bar", "line", "pie", "doughnut", "slope", "combo"]
ChartLayout = Literal["clustered", "stacked", "percent"]
CitationStyle = Literal["numeric", "author-date"]


@dataclass(frozen=True)
class Mark:
    """One source inside a citation marker: its reference number and how the marker names it."""

    number: int
    text: str  # '2, ¶ 4' (numeric) or 'Luo 2024, ¶ 4' (author-date)


@dataclass(frozen=True)
class Marker:
    """A citation marker, e.g. '[1, ¶ 4; 2, p. 3]' or '(Luo 2024, ¶ 4)'; renderers link each mark."""

    marks: tuple[Mark, ...] = ()
    style: CitationStyle = "numeric"

    @property
    def text(self) -> str:
        """The marker as printed ('' when nothing is cited)."""
        if not self.marks:
            return ""
        inner = "; ".join(m.text for m in self.marks)
        return f"[{inner}]" if self.style == "numeric" else f"({inner})"

    @property
    def numbers(self) -> tuple[int, ...]:
        """The reference numbers cited, in marker order."""
        return tuple(m.number for m in self.marks)


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
    marker: Marker = field(default_factory=Marker)

    @property
    def citations(self) -> tuple[int, ...]:
        """The reference numbers the marker cites."""
        return self.marker.numbers

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
    fact_ids: tuple[str, ...] = ()
    secondary: bool = False  # combo charts: drawn as a line against the secondary (right) axis
    hidden: bool = False  # floating bars: the invisible base each visible bar stands on


@dataclass(frozen=True)
class Axis:
    """How a value axis reads: title, Excel number format (deck), Python format spec and suffix (PDF)."""

    title: str = ""
    number_format: str = "General"
    axis_format: str = ",g"
    suffix: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart whose every plotted value is a cited fact.

    `number_format` is an Excel-style format code for the values ('#,##0', '0.0"%"'), used by the deck
    for its value axis; both outputs label the points with `labels`. The PDF's value axis uses
    `axis_format` (a Python format spec such as ',.0f') followed by `value_suffix` ('%').

    Kinds: column and bar (`layout` clustered, stacked or percent — each category's series as shares of
    100 %), line, pie and doughnut (one series), slope (two categories, before → after, one line per
    series), combo (series with `secondary` drawn as a line against `secondary_axis`, the others as
    columns).
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
    layout: ChartLayout = "clustered"
    secondary_axis: Axis | None = None

    def color_index(self, i: int) -> int:
        """Series i's place in the palette: hidden series (a floating bar's base) take none."""
        return sum(1 for s in self.series[:i] if not s.hidden)

    def shown_series(self) -> int:
        """How many series a reader sees (for legends)."""
        return sum(1 for s in self.series if not s.hidden)


@dataclass(frozen=True)
class KeyNumber:
    """A headline figure: big value, what it measures, and the sources it cites."""

    fact_id: str
    value: str
    label: str
    marker: Marker = field(default_factory=Marker)
    change: str = ""  # e.g. '17 places' since an earlier figure, shown under the value (cited by `marker`)
    change_direction: Literal["up", "down", ""] = ""  # what the reader sees: ▲ or ▼; '' for no arrow
    change_fact_id: str = ""

    @property
    def citations(self) -> tuple[int, ...]:
        """The reference numbers the marker cites."""
        return self.marker.numbers


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
    marker: Marker
    fact_id: str = ""

    @property
    def citation(self) -> int:
        """The quoted source's reference number."""
        return self.marker.numbers[0]


@dataclass(frozen=True)
class Table:
    """A table of text cells (each may show facts, with their markers), and its source line."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[RichText, ...], ...]
    source_note: str = ""
    citations: tuple[int, ...] = ()


Block = Prose | Bullets | Table | Chart | KeyNumbers | Quote


@dataclass(frozen=True)
class Section:
    """A titled part of the brief: one or more slides in the deck, a numbered heading in the PDF."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    notes: str = ""
    fact_notes: tuple[str, ...] = ()
    slide: str = "auto"  # deck: 'auto', 'chart-beside-text' or 'chart-with-takeaway'
    divider: bool = False  # deck: a section-divider slide first
    calculated: tuple[str, ...] = ()  # how each derived figure the section shows was calculated


@dataclass(frozen=True)
class Reference:
    """A numbered entry of the reference list (one per cited source)."""

    number: int
    source_id: str
    text: str
    short: str
    url: str = ""
    author_date: str = ""  # 'Luo 2024', how author-date markers name the source


@dataclass(frozen=True)
class FactRecord:
    """Provenance of a fact the brief shows, for speaker notes and the fact appendix."""

    id: str
    label: str
    value: str  # as shown; '' for a quote that states no number
    kind: Literal["document", "derived", "estimate"]
    note: str  # one line for speaker notes: value, quote or formula, source and locator
    quote: str = ""
    source: str = ""  # the source's short form; 'derived' or 'estimate' for the others
    locator: str = ""  # '¶ 4', 'p. 3'
    marker: Marker = field(default_factory=Marker)
    detail: str = ""  # the formula of a derived fact, the note of an estimate


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
    facts: tuple[FactRecord, ...] = ()
    citation_style: CitationStyle = "numeric"
    keywords: tuple[str, ...] = ()
    theme: Theme = field(default_factory=lambda: DEFAULT_THEME)  # the look: colours, fonts, sizes, template
    notes: Literal["footnotes", "endnotes"] = "footnotes"  # where the PDF lists a page's sources
    fact_appendix: bool = False

    def reference(self, number: int) -> Reference:
        """The reference entry for citation `number`."""
        return self.references[number - 1]

    def fact(self, fact_id: str) -> FactRecord | None:
        """The provenance record of a fact the brief shows."""
        return self._facts_by_id.get(fact_id)

    @cached_property
    def _facts_by_id(self) -> dict[str, FactRecord]:
        # Looked up once per figure shown: a scan of every fact each time grew with the square of the brief.
        out: dict[str, FactRecord] = {}
        for f in self.facts:
            out.setdefault(f.id, f)
        return out


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
