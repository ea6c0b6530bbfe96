"""The deck plan's types and slide geometry (inches, points): what the planner decides, the writer draws."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefgen.brief.model import Chart, RichText
from briefgen.theme.look import Patch

Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]

# Geometry in inches on a 16:9 slide (12,192,000 × 6,858,000 EMU); font sizes in points.
SLIDE_W = 12_192_000 / 914_400
SLIDE_H = 7.5
MARGIN = 0.6
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_Y, TITLE_H = 0.42, 1.0
RULE_Y, RULE_W, RULE_H = 1.5, 0.9, 0.05
BODY_Y, BODY_BOTTOM = 1.8, 6.35
SOURCE_Y, SOURCE_H = 6.45, 0.36
FOOTER_Y, FOOTER_H = 6.98, 0.3
NUMBER_W = 1.0
# Fill at most this share of a box: Calibri in PowerPoint and Carlito here differ by rounding and kerning.
FILL = 0.9
# Leave a hair of width unused for the same reason.
WIDTH_SLACK_PT = 2.0

TITLE_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0)
BULLET_SIZES = (20.0, 18.0, 16.0)
PROSE_SIZES = (20.0, 18.0, 16.0)
REFERENCE_SIZES = (16.0, 14.0)
FALLBACK_SIZES = (14.0, 12.0, 10.0)
BANNER_H = 0.28

Rect = tuple[float, float, float, float]  # x, y, w, h in inches


@dataclass(frozen=True)
class Geometry:
    """Where things go on a slide of one deck (inches): the default grid, or a corporate template's
    placeholders (`template` True: no accent rule, no cover fill, the template's own look)."""

    slide_w: float = SLIDE_W
    slide_h: float = SLIDE_H
    left: float = MARGIN
    content_w: float = CONTENT_W
    title_y: float = TITLE_Y
    title_h: float = TITLE_H
    body_y: float = BODY_Y
    body_bottom: float = BODY_BOTTOM
    source_y: float = SOURCE_Y
    footer_y: float = FOOTER_Y
    template: bool = False
    title_rect: Rect | None = None  # a template's title placeholder (else left, title_y, content_w, title_h)
    cover_title: Rect | None = None  # a template's title-slide title and subtitle placeholders
    cover_sub: Rect | None = None
    section_title: Rect | None = None  # a template's section-header title placeholder
    footer_rect: Rect | None = None  # a template's footer, slide-number and date placeholders
    number_rect: Rect | None = None
    date_rect: Rect | None = None
    # What lies under each kind of slide's content (slide kind → patches, bottom to top): a template's
    # backgrounds and artwork, for the contrast check; empty for the default grid.
    backdrops: tuple[tuple[str, tuple[Patch, ...]], ...] = ()
    content_kind: str = "content"  # the layout kind content slides use ('title-only' when its body is small)
    content_master: str = ""  # the master number content slides use, where not the theme's (more room)
    own_numbers: bool = False  # the template's artwork prints slide numbers itself

    # The fills a layout's placeholders bring with them (slide kind → placeholder kind → colours).
    holder_fills: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()

    def backdrop(self, kind: str) -> tuple[Patch, ...]:
        """The patches under slides of a layout kind."""
        return dict(self.backdrops).get(kind, ())

    def holder_fill(self, kind: str, holder: str) -> tuple[str, ...]:
        """The colours a placeholder (title, body, footer …) of a slide kind's layout is filled with."""
        return dict(dict(self.holder_fills).get(kind, ())).get(holder, ())

    @property
    def right(self) -> float:
        """The right edge of the content area."""
        return self.left + self.content_w

    @property
    def rule_y(self) -> float:
        """The top of the accent rule under the title."""
        return self.title_y + self.title_h + 0.08

    @property
    def body_h(self) -> float:
        """The height of the body area."""
        return self.body_bottom - self.body_y


DEFAULT_GEOMETRY = Geometry()


def grid(width: float, height: float) -> Geometry:
    """The default grid on a slide of this size (16:9 exactly as PowerPoint's 13.333 × 7.5 in)."""
    if abs(width - SLIDE_W) < 0.01:
        width = SLIDE_W
    return Geometry(
        width,
        height,
        MARGIN,
        width - 2 * MARGIN,
        body_bottom=height - (SLIDE_H - BODY_BOTTOM),
        source_y=height - (SLIDE_H - SOURCE_Y),
        footer_y=height - (SLIDE_H - FOOTER_Y),
    )


@dataclass(frozen=True)
class ParaPlan:
    """One paragraph: rich text in one size and colour role; fact values and markers styled by the writer."""

    text: RichText
    size: float
    role: str = "body"
    bold: bool = False
    italic: bool = False
    bullet: bool = False
    space_before: float = 0.0
    line_spacing: float = 1.2
    align: Align = "left"
    url: str = ""  # shown after the text in a run of its own, a link when it is a web address
    face: str = "body"  # 'heading' for titles: the template's heading font


@dataclass(frozen=True)
class BoxPlan:
    """A text box (inches). `field='slidenum'` asks for a slide-number field instead of the text."""

    name: str
    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[ParaPlan, ...]
    anchor: Anchor = "top"
    fill: str | None = None
    inset: float = 0.0
    field: str = ""
    colors: tuple[tuple[str, str], ...] = ()  # role → colour, where the contrast check changed one

    @property
    def placeholder(self) -> str:
        """The template placeholder the box fills where its layout has one (body, subtitle, footer,
        slidenum, date); '' for a free text box."""
        return PLACEHOLDER_OF.get(self.name, "")


# Boxes a template's placeholders take, by box name: the template's own styles (bullets) then apply.
PLACEHOLDER_OF = {
    "Bullets": "body",
    "Text": "body",
    "Agenda": "body",
    "References": "body",
    "Subtitle": "subtitle",
    "Closing": "subtitle",
    "Footer": "footer",
    "Slide number": "slidenum",
    "Date": "date",
}


@dataclass(frozen=True)
class RectPlan:
    """A filled rectangle without outline (accent rules), in inches; `alt` its alternative text, where
    it stands for content (a key figure's panel), else it is marked decorative."""

    name: str
    x: float
    y: float
    w: float
    h: float
    role: str
    alt: str = ""


@dataclass(frozen=True)
class ChartPlan:
    """A native chart and where it goes (inches)."""

    chart: Chart
    x: float
    y: float
    w: float
    h: float
    colors: tuple[tuple[str, str], ...] = ()  # role → colour, where the contrast check changed one
    palette: tuple[str, ...] = ()  # series colours, where the contrast check changed the theme's
    backing: str = ""  # a colour role to fill the chart with, where its backdrop is light and dark at once


@dataclass(frozen=True)
class CellPlan:
    """One table cell: its paragraphs (one, usually) and its fill role."""

    paragraphs: tuple[ParaPlan, ...]
    fill: str = "background"


@dataclass(frozen=True)
class TablePlan:
    """A native table (inches): column widths, row heights as measured, cells row by row (header first)."""

    name: str
    x: float
    y: float
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    rows: tuple[tuple[CellPlan, ...], ...]
    margin_x: float = 0.08
    margin_y: float = 0.05

    @property
    def w(self) -> float:
        return sum(self.widths)

    @property
    def h(self) -> float:
        return sum(self.heights)


@dataclass(frozen=True)
class PicturePlan:
    """A picture (the theme's logo), in inches, with its alternative text."""

    name: str
    path: Path
    x: float
    y: float
    w: float
    h: float
    alt: str


@dataclass(frozen=True)
class SlidePlan:
    """One slide: title box, other boxes, rules, charts, speaker notes and the citations it shows."""

    kind: str
    title: BoxPlan
    boxes: tuple[BoxPlan, ...] = ()
    rects: tuple[RectPlan, ...] = ()
    charts: tuple[ChartPlan, ...] = ()
    notes: str = ""
    citations: tuple[int, ...] = ()
    background: str | None = None
    facts: tuple[str, ...] = ()  # the facts the slide shows, in order of appearance
    layout: str = "title-only"  # the kind of template layout: title, section, content, title-only
    master: str = ""  # the template master's number for this slide's layout, where not the theme's
    tables: tuple[TablePlan, ...] = ()
    pictures: tuple[PicturePlan, ...] = ()

    @property
    def title_text(self) -> str:
        """The slide title as plain text."""
        return "\n".join(p.text.plain for p in self.title.paragraphs)


@dataclass(frozen=True)
class DeckPlan:
    """The whole deck: document properties and slides in order."""

    title: str
    subtitle: str
    author: str
    slides: tuple[SlidePlan, ...]
    width: float = SLIDE_W
    height: float = SLIDE_H
    keywords: tuple[str, ...] = ()
    template: Path | None = None
    contrast: tuple[str, ...] = ()  # the colours the contrast check changed, one line each
