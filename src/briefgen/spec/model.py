"""The briefing spec as the user writes it: typed fields, allowed values, ids and references."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from briefgen.spec.kinds import KIND_BY_SUFFIX as KIND_BY_SUFFIX
from briefgen.spec.kinds import KINDS as KINDS
from briefgen.spec.kinds import PDF_STANDARDS as PDF_STANDARDS
from briefgen.spec.kinds import PdfStandard as PdfStandard
from briefgen.spec.kinds import SourceKind as SourceKind

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]*$"
Scale = Literal["thousand", "lakh", "million", "crore", "billion", "trillion"]
Qualifier = Literal["over", "more than", "at least", "nearly", "about", "up to", "less than"]
SlideKind = Literal["title", "section", "content", "title-only", "blank"]
ESTIMATE = "estimate"  # the `source:` of a figure no document states


def _scalar_to_str(v: Any) -> Any:
    # `date: 2024` or `title: 2030` arrive as numbers; the user meant the text they typed.
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return v


Str = Annotated[str, BeforeValidator(_scalar_to_str)]
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # BCP 47's shape: 'en-US', 'de', 'sr-Latn-RS'


def _language_tag(v: str) -> str:
    if not LANGUAGE_TAG.fullmatch(v):
        raise ValueError(
            f"'{v}' is not a language tag; write the language as BCP 47 does: 'en-US', 'en-GB', 'de', 'fr-CA'"
        )
    return v


Language = Annotated[Str, Field(max_length=35), AfterValidator(_language_tag)]
# Lengths a slide or a page can lay out (and a bound on the work a build does): titles, labels, running text.
Title = Annotated[Str, Field(max_length=300)]
Label = Annotated[Str, Field(max_length=200)]
Text = Annotated[Str, Field(max_length=5000)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Figure = Annotated[float, Field(allow_inf_nan=False)]
RowLabel = Annotated[Label, Field(min_length=1)]
# A spreadsheet cell's address: 'C7', '$C$7', 'Sheet1!C7', "'Q1 2024'!C7".
CELL_ADDRESS = re.compile(r"(?:(?:'(?:[^']|'')+'|[^!'\[\]:*?/\\]+)!)?\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}")


def _cell_address(v: str) -> str:
    if not CELL_ADDRESS.fullmatch(v.strip()):
        raise ValueError(f"'{v}' is not a cell address; write it as a spreadsheet does: 'C7', or 'Sheet1!C7'")
    return v.strip()


CellRef = Annotated[Str, Field(max_length=140), AfterValidator(_cell_address)]
# One number, or a range [low, high]; the tags never reach a message (spec.errors drops them).
Value = Annotated[
    Annotated[Figure, Tag("<number>")] | Annotated[tuple[Figure, Figure], Tag("<range>")],
    Discriminator(lambda v: "<range>" if isinstance(v, (list, tuple)) else "<number>"),
]


class StrictModel(BaseModel):
    """Unknown keys refused; each field's docstring is its description in the JSON Schema."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, use_attribute_docstrings=True)


class SourceSpec(StrictModel):
    """A document the brief cites, with what a reference entry needs."""

    path: Str = Field(description="File path, relative to the spec's folder.")
    kind: SourceKind | None = Field(
        None, description="Document kind; taken from the file ending when omitted."
    )
    author: Str | list[Str] = Field("", description="Author, or a list of authors.")
    title: Str = ""
    """The document's title, as the reference list shows it."""
    publisher: Str = Field("", description="Publisher or outlet.")
    date: Str = ""
    """When it was published, as written: '2024', 'May 2024'."""
    url: Str = ""
    """Where to read it; becomes a link in the references."""
    accessed: Str = Field("", description="When the URL was read, as written.")
    label: Str = Field("", description="Short form for source lines, e.g. 'Luo (2024)'.")
    decimal: Literal[".", ","] = Field(
        ".", description="The document's decimal mark: ',' where it writes '12,5 %' and '1.234,5'."
    )

    def authors(self) -> list[str]:
        """The authors as a list."""
        return [self.author] if isinstance(self.author, str) and self.author else list(self.author or [])


class FactSpec(StrictModel):
    """A figure: quoted verbatim from a source, derived from other facts, or the author's estimate."""

    source: Id | None = Field(None, description="A source id, or 'estimate' for a figure no document states.")
    quote: Text | None = Field(
        None, min_length=1, description="Verbatim text of the source that states the value."
    )
    value: Value | None = Field(
        None,
        description="The number as the quote states it (9.4 for '9.4 million', -9 for '(-9)'), or a range "
        "as [low, high] ([12, 45] for '12-45%').",
    )
    scale: Scale | None = None
    """The scale word the quote puts after the value: thousand, lakh, million, crore, billion, trillion."""
    unit: Str = Field(
        "", description="'%', 'USD', 'rank', or a word such as 'units'; read from the quote if omitted."
    )
    qualifier: Qualifier | None = Field(
        None, description="'over', 'more than', 'nearly' …; read from the quote when omitted."
    )
    formula: Str | None = Field(
        None, min_length=1, description="A derived fact: arithmetic over other fact ids."
    )
    row: RowLabel | Annotated[list[RowLabel], Field(min_length=1, max_length=8)] | None = Field(
        None,
        description="A table's row label (or several, for a table with a row per country and year: [India, "
        "2023]): with 'column', names the cell stating the value.",
    )
    column: RowLabel | Annotated[list[RowLabel], Field(min_length=1, max_length=4)] | None = Field(
        None,
        description="A table's column heading (or, under a merged heading, that heading then the one under "
        "it: [Exports, 2023]): with 'row', names the cell stating the value.",
    )
    cell: CellRef | None = Field(
        None, description="A spreadsheet cell by its address: 'C7', or 'Sheet1!C7' (XLSX and CSV sources)."
    )
    table: Label | None = Field(
        None,
        min_length=1,
        description="Which table of the source holds the cell: its number (1 = the first) or a sheet's name.",
    )
    note: Str = Field("", description="How an estimate was made (required for source: estimate).")
    label: Label = Field("", description="What the figure measures, for key numbers and notes.")

    @model_validator(mode="before")
    @classmethod
    def _no_bool_value(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("value"), bool):
            raise ValueError("value must be a number, not true/false")
        return data

    @property
    def low(self) -> float | None:
        """The value, or the low end of a range."""
        return self.value[0] if isinstance(self.value, tuple) else self.value

    @property
    def high(self) -> float | None:
        """The high end of a range, else None."""
        return self.value[1] if isinstance(self.value, tuple) else None

    @model_validator(mode="after")
    def _one_provenance(self) -> FactSpec:
        if isinstance(self.value, tuple) and self.value[0] >= self.value[1]:
            raise ValueError("a range is written [low, high], low first")
        selectors = [k for k in ("row", "column", "cell", "table") if getattr(self, k) is not None]
        if self.formula is not None:
            if self.source is not None or self.quote is not None or selectors:
                raise ValueError("a fact with a formula is derived: it takes no 'source', 'quote' or cell")
        elif self.source == ESTIMATE:
            if self.quote is not None or selectors:
                raise ValueError("an estimate has no quote or cell: say how it was made in 'note'")
            missing = [k for k, v in (("value", self.value), ("note", self.note)) if v is None or v == ""]
            if missing:
                needs = " and ".join(repr(m) for m in missing)
                raise ValueError(f"an estimate needs {needs}: its value, and a note saying how it was made")
        elif self.source is not None and selectors:
            if self.quote is not None:
                raise ValueError(
                    "a fact quotes its source or names a table's cell, not both: "
                    "leave out 'quote', or 'row', 'column' and 'cell'"
                )
            if self.cell is not None and (self.row is not None or self.column is not None):
                raise ValueError("name the cell by 'cell' or by 'row' and 'column', not both")
            if self.cell is None and (self.row is None or self.column is None):
                given, absent = ("row", "column") if self.row is not None else ("column", "row")
                if self.row is None and self.column is None:
                    raise ValueError(
                        "'table' says where the cell is: name it by 'row' and 'column', or 'cell'"
                    )
                raise ValueError(f"a cell is named by 'row' and 'column': '{given}' needs '{absent}'")
        elif self.source is None or self.quote is None:
            raise ValueError(
                "a fact needs 'source' and 'quote' (a document states it), 'source' with 'row' and 'column' "
                "or 'cell' (a table's cell states it), 'formula' (derived from other facts), or "
                "'source: estimate' with 'value' and 'note'"
            )
        return self

    @property
    def selects_cell(self) -> bool:
        """The fact names a table's cell (by row and column, or by address) instead of quoting."""
        return self.row is not None or self.column is not None or self.cell is not None

    @property
    def kind(self) -> Literal["document", "derived", "estimate"]:
        """Where the figure comes from."""
        return (
            "derived" if self.formula is not None else "estimate" if self.source == ESTIMATE else "document"
        )


class PointSpec(StrictModel):
    """One plotted value: a category label and the fact behind it."""

    label: Label
    """The category: shown on the axis, in the legend of a pie, in the alt text."""
    fact: Id
    """The id of the fact whose value is plotted."""


class SeriesSpec(StrictModel):
    """A named data series."""

    name: Label
    """The series' name, in the legend."""
    data: list[PointSpec] = Field(min_length=1)
    """The series' points: a label and a fact each."""
    axis: Literal["primary", "secondary"] = Field(
        "primary",
        description="Combo charts: 'secondary' series are drawn as a line against a right-hand axis.",
    )


def _rows_by_label(data: Any, texts: Callable[[list[Any]], list[Any]]) -> Any:
    """`rows: [India, China]` as rows of their label alone (values read from the source), each row's
    label (`texts` says which cells) the text typed: `2023`, not 2023.0."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        rows = [r if isinstance(r, list) else [r] for r in data["rows"]]
        data = {**data, "rows": [texts(r) if r and not isinstance(r[0], bool) else r for r in rows]}
    return data


class TableSpec(StrictModel):
    """Chart data typed from a table of a source: every value must be a number that source states."""

    source: Id
    """The id of the source whose table the values come from."""
    locator: Str = Field(
        "", description="Where the table is in the source, e.g. 'Table 2', 'p. 4', or a worksheet's name."
    )
    columns: list[Str] = Field(min_length=2, description="The category header, then one name per series.")
    rows: list[list[float | str]] = Field(
        min_length=1,
        max_length=1000,
        description="A category label, then one value per series; a label alone reads the row's values from "
        "the source's cells.",
    )
    unit: Str = ""
    """What the values count, for every cell: '%', 'USD', or a word such as 'projects'."""
    scale: Scale | None = None
    """The scale of every value, if the table states one: thousand, million, billion …"""

    @model_validator(mode="before")
    @classmethod
    def _labels_alone(cls, data: Any) -> Any:
        return _rows_by_label(data, lambda row: [_scalar_to_str(row[0]), *row[1:]])


class ChartSpec(StrictModel):
    """A chart whose values are facts, or a table that names its source."""

    kind: Literal["column", "bar", "line", "pie", "doughnut", "slope", "combo"]
    """column, bar, line, pie, doughnut, slope (before → after) or combo (columns and a line)."""
    layout: Literal["clustered", "stacked", "percent", "range"] = Field(
        "clustered",
        description="Column and bar charts: side by side, stacked, stacked as shares of 100%, or 'range': "
        "floating bars from the low to the high end of range facts ('12–45%').",
    )
    title: Title
    """What the chart shows, above it in both outputs."""
    subtitle: Title = ""
    """A line under the title: what the figures are, where they come from."""
    axis_title: Label = ""
    """The value axis's title; by default the unit ('Percent', '$ billion', 'Times')."""
    secondary_axis_title: Label = ""
    """A combo chart's right-hand axis title."""
    takeaway: Text = ""
    """One sentence that says what the chart shows; may cite facts as '{fact_id}'."""
    alt_text: Text = ""
    """What the chart shows, for readers who cannot see it (screen readers read it in both outputs); by
    default its kind, title and data in words."""
    data: list[PointSpec] = Field(default_factory=list, description="Points of a single series.")
    series: list[SeriesSpec] = Field(default_factory=list, description="Several named series.")
    table: TableSpec | None = Field(None, description="Values from a table of one source.")

    @model_validator(mode="after")
    def _one_data_form(self) -> ChartSpec:
        if sum((bool(self.data), bool(self.series), self.table is not None)) != 1:
            raise ValueError("give one of 'data' (one series), 'series' (several) or 'table'")
        if self.layout != "clustered" and self.kind not in ("column", "bar"):
            raise ValueError(f"'layout: {self.layout}' is for column and bar charts, not {self.kind}")
        return self

    def all_series(self) -> list[SeriesSpec]:
        """The chart's series; `data` is shorthand for one series named after the chart."""
        return self.series or [SeriesSpec(name=self.title, data=self.data)]


class QuoteSpec(StrictModel):
    """A pull quote: a fact's verbatim quote, attributed."""

    fact: Id
    """The id of a fact whose quote is shown, verbatim and cited."""
    attribution: Label = ""
    """Who says it; by default the source's author."""


class KeyNumberSpec(StrictModel):
    """A headline figure with an optional label override."""

    fact: Id
    """The id of the fact shown as a key number."""
    label: Label = ""
    """What the number measures; by default the fact's label."""
    change: Id | None = Field(None, description="A fact giving the change, e.g. a derived difference.")


class KeyNumbersSpec(StrictModel):
    """The key-numbers panel."""

    title: Title = "Key numbers"
    """The panel's title."""
    items: list[Id | KeyNumberSpec] = Field(min_length=1)
    """Fact ids, or {fact, label, change} items; the change is a fact whose value shows as ▲/▼."""


class TableBlockSpec(StrictModel):
    """A table of text: cells may show facts with `{fact_id}`; numbers typed by hand are refused. With
    `source`, a range of a source's table: each row named by its label, its values read from the cells."""

    title: Title = ""
    """The table's title, above it."""
    columns: list[Label] = Field(min_length=1)
    """The column headings (with `source`: the label column's, then those of the columns to show)."""
    rows: list[list[Text]] = Field(min_length=1, max_length=1000)
    """The rows: one text per column; cells may cite facts as '{fact_id}'. With `source`: each row's label."""
    source: Id | None = None
    """A source whose table the rows are read from: every value is checked and cited to its cell."""
    locator: Str = ""
    """With `source`: where the table is ('Table 2', a worksheet's name); shown in the marker."""
    unit: Str = ""
    """With `source`: what the values count, for every cell: '%', 'USD', or a word."""
    scale: Scale | None = None
    """With `source`: the scale of every value: thousand, million, billion …"""

    @model_validator(mode="before")
    @classmethod
    def _labels_alone(cls, data: Any) -> Any:
        return _rows_by_label(data, lambda row: [_scalar_to_str(c) for c in row])

    @model_validator(mode="after")
    def _rows_of_a_source(self) -> TableBlockSpec:
        if self.source is not None:
            if len(self.columns) < 2:
                raise ValueError("a table from a source names its label column, then the columns to show")
            if any(len(row) != 1 for row in self.rows):
                raise ValueError(
                    "a table from a source lists each row by its label alone (its values are read from the "
                    "source): rows: [India, China]"
                )
        elif self.locator or self.unit or self.scale:
            raise ValueError(
                "'locator', 'unit' and 'scale' describe a table read from a source: add 'source'"
            )
        return self


class SectionSpec(StrictModel):
    """A section: shown in this order: prose, bullets, table, charts, quote."""

    id: Id
    """A short id for the section: letters, digits, '-' and '_'."""
    title: Title = Field(min_length=1)
    """The section's heading in the PDF and its slides' title."""
    prose: Text | list[Text] = Field(default_factory=list)
    """A paragraph, or a list of them; may cite facts as '{fact_id}'."""
    bullets: list[Text] = Field(default_factory=list)
    """Bullet points; each may cite facts as '{fact_id}'."""
    table: TableBlockSpec | None = None
    """A table of text whose cells may cite facts."""
    chart: ChartSpec | None = None
    """A chart whose values are facts (or a source's table)."""
    charts: list[ChartSpec] = Field(default_factory=list)
    """Several charts, after the one under 'chart'."""
    quote: QuoteSpec | None = None
    """A pull quote: a fact's quote, verbatim, with who says it."""
    notes: Str = Field("", description="Speaker notes for the deck.")
    slide: Literal["auto", "chart-beside-text", "chart-with-takeaway"] = Field(
        "auto",
        description="Deck: how the section's text and its charts share slides (auto: on one slide when "
        "both fit).",
    )
    divider: bool = Field(False, description="Deck: open the section with a section-divider slide.")

    def prose_list(self) -> list[str]:
        """Prose paragraphs as a list."""
        return [self.prose] if isinstance(self.prose, str) else list(self.prose)

    def all_charts(self) -> list[ChartSpec]:
        """`chart` then `charts`."""
        return ([self.chart] if self.chart else []) + list(self.charts)


class CitationsSpec(StrictModel):
    """How the brief cites its sources."""

    style: Literal["numeric", "author-date"] = Field(
        "numeric", description="'[1, ¶ 4]' or '(Luo 2024, ¶ 4)'."
    )
    notes: Literal["footnotes", "endnotes"] = Field(
        "footnotes", description="In the PDF: each page's sources at its foot, or all at the end."
    )
    appendix: bool = Field(
        False, description="Add a fact appendix to the PDF: every fact, quote and locator."
    )


ParamValue = str | int | float


class ParamsFile(BaseModel):
    """Rows from a CSV file next to the spec: its header row names the parameters."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str = Field(alias="from", description="A CSV file, relative to the spec's folder.")
    where: dict[str, ParamValue | list[ParamValue]] = Field(
        default_factory=dict, description="Only the rows whose column has this value (or one of these)."
    )


# The forms `params:` takes, for the JSON Schema; spec.params reads and checks them (load drops the key
# before the rest is validated, so BriefSpec.params is always None).
ParamsSpec = ParamsFile | dict[str, list[ParamValue] | ParamValue] | list[dict[str, ParamValue]]


class BriefSpec(StrictModel):
    """A whole briefing spec."""

    title: Title = Field(min_length=1)
    """The brief's title: cover, title slide, running header."""
    subtitle: Title = ""
    """A line under the title."""
    author: Label = ""
    """Who wrote the brief (a person or a unit), on the cover."""
    date: Label = ""
    """The brief's date, as written, on the cover."""
    summary: Text = ""
    """A short paragraph on the cover; may cite facts as '{fact_id}'."""
    sources: dict[Id, SourceSpec] = Field(min_length=1)
    """The documents the brief cites, by id."""
    facts: dict[Id, FactSpec] = Field(default_factory=dict)
    """The figures and quotes, by id: each quoted from a source, derived by a formula, or an estimate."""
    citations: CitationsSpec = Field(default_factory=CitationsSpec)
    """How citations look: numeric or author-date markers, footnotes or endnotes, a fact appendix."""
    theme: Str = Field("default", description="A built-in theme (default, ocean) or a theme file (.yaml).")
    template: Str = Field("", description="A corporate PowerPoint template (.pptx or .potx) for the deck.")
    layouts: dict[SlideKind, Str] = Field(
        default_factory=dict,
        description="Template layout names by slide kind (title, section, content, title-only); "
        "kinds not given use the layout of the default name, else one picked by its placeholders.",
    )
    master: Str = Field(
        "",
        description="The template master whose layouts the deck uses: its name, or its number as "
        "'briefgen template-info' lists them (1 = first); by default the first master with each layout.",
    )
    classification: Str = Field("", description="A banner on every slide and page, e.g. 'CONFIDENTIAL'.")
    keywords: list[Str] = Field(default_factory=list, description="Document keywords, for both outputs.")
    page_size: Literal["A4", "Letter"] | None = Field(
        None, description="PDF page size (default: the theme's)."
    )
    closing_slide: bool | None = Field(
        None,
        description="End the deck with a 'Questions' slide (default: the theme's, which is true).",
    )
    language: Language | None = Field(
        None,
        description="The language the brief is written in, as a BCP 47 tag ('en-GB', 'de', 'fr-CA'): both "
        "outputs declare it, and screen readers choose their voice by it (default: the theme's, en-US).",
    )
    pdf_standard: PdfStandard | None = Field(
        None,
        description="Make the PDF an archival PDF/A-2 file: 2b (its look preserved), 2u (and its text "
        "searchable), 2a (and tagged); default: the theme's, which is none (a tagged PDF).",
    )
    key_numbers: KeyNumbersSpec | None = None
    """A panel of headline figures on the cover and a slide of its own."""
    sections: list[SectionSpec] = Field(min_length=1)
    """The brief's sections, in order."""
    params: ParamsSpec | None = Field(
        None,
        description="One brief per row: names with lists of values ({country: [India, China]}), a list of "
        "rows, or {from: file.csv}; each row's values replace ${name} in every text of the spec.",
    )
