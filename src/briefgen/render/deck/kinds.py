"""Slides that frame the deck: title, agenda, section dividers and the closing slide (no python-pptx)."""

from __future__ import annotations

from briefgen.brief.model import Brief, Section
from briefgen.render.deck.fit import first_fit, paginate, plain, text_height
from briefgen.render.deck.layout import BoxPlan, Geometry, ParaPlan, Rect, RectPlan, SlidePlan
from briefgen.render.deck.notes import cited, fact_ids, notes_text, rich_plain

AGENDA_MIN_SECTIONS = 4
# More sections than this would run the agenda to three slides or more: a list nobody reads.
AGENDA_MAX_SECTIONS = 20
# A template's cover title box may be small: the title steps down further before it would wrap too much.
COVER_TITLE_SIZES = (44.0, 40.0, 36.0, 32.0, 28.0, 26.0, 24.0, 22.0, 20.0)


def _cover_rects(geo: Geometry) -> tuple[Rect, Rect]:
    """Title and subtitle areas of a title-like slide: a template's placeholders or the default grid."""
    if geo.template and geo.cover_title:
        t = geo.cover_title
        sub = geo.cover_sub or (t[0], t[1] + t[3] + 0.2, t[2], min(1.6, geo.slide_h - t[1] - t[3] - 0.8))
        return t, sub
    x = 0.9
    w = geo.slide_w - 2 * x
    top = (geo.slide_h - 7.5) / 2
    return (x, top + 2.1, w, 2.0), (x, top + 4.45, w, 1.8)


def title_slide(brief: Brief, geo: Geometry) -> SlidePlan:
    """The cover: title, subtitle, author and date; the summary goes to the notes."""
    (tx, ty, tw, th), (sx, sy, sw, sh) = _cover_rects(geo)
    sub_role = "muted" if geo.template else "on-cover"

    def heading(s: float) -> list[ParaPlan]:
        return [ParaPlan(plain(brief.title), s, "cover-title", bold=True, line_spacing=1.05, face="heading")]

    head = first_fit(heading, COVER_TITLE_SIZES, tw, th)
    if head[0].size < COVER_TITLE_SIZES[-1]:  # a template's slim title strip: the title grows downwards
        head = heading(COVER_TITLE_SIZES[-1])
        grow = min(text_height(head, tw) / 72 + 0.1, geo.slide_h * 0.6) - th
        th += grow
        if sy >= ty:  # the subtitle keeps below it
            sy, sh = sy + grow, max(sh - grow, 0.8)
    boxes = []
    byline = " · ".join(t for t in (brief.author, brief.date) if t)

    def lines(s: float) -> list[ParaPlan]:
        out = [ParaPlan(plain(brief.subtitle), s, sub_role)] if brief.subtitle else []
        if byline:
            out.append(ParaPlan(plain(byline), max(s * 0.7, min(14.0, s)), sub_role, space_before=s * 0.8))
        return out

    if brief.subtitle or byline:
        sub = first_fit(lines, (24.0, 22.0, 20.0, 18.0), sw, sh)
        boxes.append(BoxPlan("Subtitle", sx, sy, sw, sh, tuple(sub)))
    cites = cited(brief.summary)
    notes = notes_text(
        brief, [rich_plain(brief.summary)] if brief.summary else [], cites, fact_ids(brief.summary)
    )
    rects = () if geo.template else (RectPlan("Accent rule", tx, ty + th + 0.15, 1.2, 0.06, "accent"),)
    return SlidePlan(
        "title",
        BoxPlan("Title", tx, ty, tw, th, tuple(head), anchor="bottom"),
        tuple(boxes),
        rects,
        (),
        notes,
        (),
        background=None if geo.template else "cover",
        layout="title",
    )


def agenda_boxes(brief: Brief, geo: Geometry) -> list[list[ParaPlan]]:
    """The section titles, numbered, one page (or more for a very long brief)."""
    titles = [s.title for s in brief.sections]

    def make(size: float) -> list[ParaPlan]:
        return [
            ParaPlan(plain(f"{i:02d}   {t}"), size, "body", space_before=size * 0.7)
            for i, t in enumerate(titles, start=1)
        ]

    return paginate(make, (24.0, 22.0, 20.0, 18.0, 16.0), geo.content_w, geo.body_h)


def wants_agenda(brief: Brief) -> bool:
    """An agenda helps once a brief has four or more sections, and while it fits two slides."""
    return AGENDA_MIN_SECTIONS <= len(brief.sections) <= AGENDA_MAX_SECTIONS


def divider_slide(sec: Section, number: int, geo: Geometry, footer: tuple[BoxPlan, ...]) -> SlidePlan:
    """A section divider: the section's number and title, large, and nothing else to read."""
    if geo.template and geo.section_title:
        x, y, w, h = geo.section_title
    else:
        x, w = geo.left + 0.3, geo.content_w - 0.6
        y, h = geo.slide_h / 2 - 1.0, 2.0
    head = first_fit(
        lambda s: [ParaPlan(plain(sec.title), s, "title", bold=True, line_spacing=1.05, face="heading")],
        (40.0, 36.0, 32.0, 28.0),
        w,
        h,
    )
    boxes: list[BoxPlan] = []
    rects: tuple[RectPlan, ...] = ()
    if not geo.template:
        num = ParaPlan(plain(f"{number:02d}"), 28.0, "accent", bold=True, line_spacing=1.0)
        boxes.append(BoxPlan("Section number", x, y - 0.75, 2.0, 0.6, (num,), anchor="bottom"))
        rects = (RectPlan("Accent rule", x, y + h + 0.15, 1.2, 0.06, "accent"),)
    return SlidePlan(
        "section",
        BoxPlan("Title", x, y, w, h, tuple(head), anchor="bottom"),
        (*boxes, *footer),
        rects,
        layout="section",
    )


def closing_slide(brief: Brief, geo: Geometry) -> SlidePlan:
    """The last slide: 'Questions', the brief's title, and how many sources it rests on."""
    (tx, ty, tw, th), (sx, sy, sw, sh) = _cover_rects(geo)
    sub_role = "muted" if geo.template else "on-cover"

    def heading(s: float) -> list[ParaPlan]:
        return [ParaPlan(plain("Questions"), s, "cover-title", bold=True, line_spacing=1.05, face="heading")]

    head = tuple(first_fit(heading, (44.0, 40.0, 36.0, 32.0, 28.0), tw, th))
    n = len(brief.references)
    count = f"{n} source{'s' if n != 1 else ''} cited; the references precede this slide." if n else ""

    def lines(s: float) -> list[ParaPlan]:
        out = [ParaPlan(plain(brief.title), s, sub_role)]
        if count:
            out.append(ParaPlan(plain(count), max(s * 0.7, min(14.0, s)), sub_role, space_before=s * 0.8))
        return out

    sub = first_fit(lines, (24.0, 22.0, 20.0, 18.0), sw, sh)
    rects = () if geo.template else (RectPlan("Accent rule", tx, ty + th + 0.15, 1.2, 0.06, "accent"),)
    return SlidePlan(
        "closing",
        BoxPlan("Title", tx, ty, tw, th, head, anchor="bottom"),
        (BoxPlan("Closing", sx, sy, sw, sh, tuple(sub)),),
        rects,
        background=None if geo.template else "cover",
        layout="title",
    )
