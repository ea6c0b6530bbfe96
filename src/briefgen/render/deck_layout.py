"""The deck plan's types and slide geometry (inches, points): what the planner decides, the writer draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.model import Chart, RichText

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
BULLET_INDENT_PT = 20.0
# Fill at most this share of a box: Calibri in PowerPoint and Carlito here differ by rounding and kerning.
FILL = 0.9
# Leave a hair of width unused for the same reason.
WIDTH_SLACK_PT = 2.0

TITLE_SIZES = (28.0, 26.0, 24.0, 22.0, 20.0)
BULLET_SIZES = (20.0, 18.0, 16.0)
PROSE_SIZES = (20.0, 18.0, 16.0)
REFERENCE_SIZES = (16.0, 14.0)
FALLBACK_SIZES = (14.0, 12.0, 10.0)


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


@dataclass(frozen=True)
class RectPlan:
    """A filled rectangle without outline (accent rules), in inches."""

    name: str
    x: float
    y: float
    w: float
    h: float
    role: str


@dataclass(frozen=True)
class ChartPlan:
    """A native chart and where it goes (inches)."""

    chart: Chart
    x: float
    y: float
    w: float
    h: float


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
