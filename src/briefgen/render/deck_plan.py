"""Plan the deck from a Brief: which slides, what goes on each, at measured sizes (no python-pptx)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from briefgen.model import (
    Brief,
    Bullets,
    Chart,
    KeyNumber,
    KeyNumbers,
    Prose,
    Quote,
    RichText,
    Section,
    Text,
)
from briefgen.render.deck_fit import _first_fit, needed_height, paginate, plain
from briefgen.render.deck_layout import (
    BODY_BOTTOM,
    BODY_Y,
    BULLET_SIZES,
    CONTENT_W,
    FOOTER_H,
    FOOTER_Y,
    MARGIN,
    NUMBER_W,
    PROSE_SIZES,
    REFERENCE_SIZES,
    RULE_H,
    RULE_W,
    RULE_Y,
    SLIDE_W,
    SOURCE_H,
    SOURCE_Y,
    TITLE_H,
    TITLE_SIZES,
    TITLE_Y,
    BoxPlan,
    ChartPlan,
    DeckPlan,
    ParaPlan,
    RectPlan,
    SlidePlan,
)
from briefgen.render.deck_notes import (
    cited,
    fact_ids,
    is_estimate,
    notes_text,
    rich_plain,
    shown_facts,
    source_line_text,
)
from briefgen.render.deck_tiles import change_text, key_number_tiles
from briefgen.theme import Theme


@dataclass(frozen=True)
class _Lead:
    """What a section's first slide adds to its notes: the section's notes, the prose it leaves out (with
    that prose's sources and facts)."""

    parts: tuple[str, ...] = ()
    cites: frozenset[int] = frozenset()
    facts: tuple[str, ...] = ()


NO_LEAD = _Lead()


# -- slide parts -----------------------------------------------------------------------------------


def title_box(text: str) -> BoxPlan:
    """The slide title, top left, at the largest size that fits in two lines' room."""
    paras = _first_fit(
        lambda s: [ParaPlan(plain(text), s, "title", bold=True, line_spacing=1.1)],
        TITLE_SIZES,
        CONTENT_W,
        TITLE_H,
    )
    return BoxPlan("Title", MARGIN, TITLE_Y, CONTENT_W, TITLE_H, tuple(paras), anchor="bottom")


def accent_rule() -> RectPlan:
    """The thin accent rule under the title."""
    return RectPlan("Accent rule", MARGIN, RULE_Y, RULE_W, RULE_H, "accent")


def source_box(brief: Brief, citations: Iterable[int], estimate: bool = False) -> BoxPlan | None:
    """The source line at the foot of a slide that shows facts."""
    text = source_line_text(brief, citations, estimate)
    if not text:
        return None
    paras = _first_fit(
        lambda s: [ParaPlan(plain(text), s, "source-note")], (10.0, 9.0, 8.0), CONTENT_W, SOURCE_H
    )
    return BoxPlan("Source line", MARGIN, SOURCE_Y, CONTENT_W, SOURCE_H, tuple(paras), anchor="bottom")


def footer_boxes(footer: str) -> tuple[BoxPlan, ...]:
    """The footer text (left) and the slide number (right) of a content slide."""
    w = CONTENT_W - NUMBER_W - 0.2
    text = _first_fit(
        lambda s: [ParaPlan(plain(footer), s, "muted", line_spacing=1.1)], (9.0, 8.0), w, FOOTER_H
    )
    number = ParaPlan(plain("#"), 9.0, "muted", align="right")
    return (
        BoxPlan("Footer", MARGIN, FOOTER_Y, w, FOOTER_H, tuple(text), anchor="middle"),
        BoxPlan(
            "Slide number",
            SLIDE_W - MARGIN - NUMBER_W,
            FOOTER_Y,
            NUMBER_W,
            FOOTER_H,
            (number,),
            anchor="middle",
            field="slidenum",
        ),
    )


def change_note(k: KeyNumber) -> str:
    """A figure's change for the speaker notes: '(▲ 17 places since 2011)'."""
    return f"({change_text(k).replace(chr(0xA0), ' ')})" if k.change else ""


class _Builder:
    """Accumulates slides while walking the brief."""

    def __init__(self, brief: Brief, theme: Theme) -> None:
        self.brief = brief
        self.theme = theme
        self.slides: list[SlidePlan] = []
        self.footer = footer_boxes(brief.title)

    def content(
        self,
        kind: str,
        title: str,
        boxes: Sequence[BoxPlan],
        citations: Iterable[int],
        lead: _Lead = NO_LEAD,
        charts: Sequence[ChartPlan] = (),
        rects: Sequence[RectPlan] = (),
        facts: Iterable[str] = (),
    ) -> None:
        """A content slide; its notes list the provenance of every fact it shows, in order of appearance."""
        cites = tuple(sorted(set(citations)))
        paras = [p for box in boxes for p in box.paragraphs]
        shown = tuple(dict.fromkeys([*shown_facts(paras, charts), *(f for f in facts if f)]))
        source = source_box(self.brief, cites, is_estimate(self.brief, shown))
        extra = (source,) if source else ()
        notes = notes_text(self.brief, lead.parts, {*cites, *lead.cites}, [*shown, *lead.facts])
        self.slides.append(
            SlidePlan(
                kind,
                title_box(title),
                (*boxes, *extra, *self.footer),
                (accent_rule(), *rects),
                tuple(charts),
                notes,
                cites,
                facts=shown,
            )
        )

    # -- title and key numbers ---------------------------------------------------------------------

    def title_slide(self) -> None:
        b = self.brief
        x, w = 0.9, SLIDE_W - 1.8
        head = _first_fit(
            lambda s: [ParaPlan(plain(b.title), s, "on-cover", bold=True, line_spacing=1.05)],
            (44.0, 40.0, 36.0, 32.0, 28.0),
            w,
            2.0,
        )
        boxes = []
        if b.subtitle:
            sub = _first_fit(
                lambda s: [ParaPlan(plain(b.subtitle), s, "on-cover")], (24.0, 22.0, 20.0, 18.0), w, 1.0
            )
            boxes.append(BoxPlan("Subtitle", x, 4.45, w, 1.0, tuple(sub)))
        byline = " · ".join(t for t in (b.author, b.date) if t)
        if byline:
            by = _first_fit(lambda s: [ParaPlan(plain(byline), s, "on-cover")], (16.0, 14.0), w, 0.5)
            boxes.append(BoxPlan("Byline", x, 5.7, w, 0.5, tuple(by)))
        cites = cited(b.summary)
        notes = notes_text(b, [rich_plain(b.summary)] if b.summary else [], cites, fact_ids(b.summary))
        self.slides.append(
            SlidePlan(
                "title",
                BoxPlan("Title", x, 2.1, w, 2.0, tuple(head), anchor="bottom"),
                tuple(boxes),
                (RectPlan("Accent rule", x, 4.25, 1.2, 0.06, "accent"),),
                (),
                notes,
                (),
                background="cover",
            )
        )

    def key_numbers(self, kn: KeyNumbers, extra_notes: Sequence[str] = ()) -> None:
        per_slide = 8
        chunks = [kn.items[i : i + per_slide] for i in range(0, len(kn.items), per_slide)] or [()]
        for n, chunk in enumerate(chunks):
            title = kn.title if n == 0 else f"{kn.title} (cont.)"
            cites = {n for k in chunk for n in k.citations}
            # A brief without fact records (built by hand) still tells the presenter what it can.
            parts = (
                *(extra_notes if n == 0 and not self.brief.facts else ()),
                *(
                    " ".join(t for t in (f"{k.value}: {k.label}", change_note(k), k.marker.text) if t)
                    for k in chunk
                    if self.brief.fact(k.fact_id) is None
                ),
            )
            boxes, rects = key_number_tiles(chunk)
            self.content("key-numbers", title, boxes, cites, _Lead(parts), rects=rects)

    # -- sections -----------------------------------------------------------------------------------

    def section(self, sec: Section) -> None:
        prose = [b for b in sec.blocks if isinstance(b, Prose)]
        shown = [b for b in sec.blocks if not isinstance(b, Prose)]
        # Prose is for the presenter when bullets carry the slide; otherwise the audience needs it.
        prose_only = bool(prose) and not any(isinstance(b, Bullets) for b in shown)
        # The section's notes and the prose the slides leave out go to its first slide, with that prose's
        # facts and sources; every slide lists the facts it shows and its sources. Fact notes written for
        # the whole section serve only a brief without fact records (built by hand).
        left_out = [] if prose_only else [p.text for p in prose]
        first_lead = _Lead(
            (sec.notes, *(rich_plain(t) for t in left_out), *(() if self.brief.facts else sec.fact_notes)),
            frozenset().union(*(cited(t) for t in left_out)),
            tuple(fid for t in left_out for fid in fact_ids(t)),
        )
        start = len(self.slides)

        def title() -> str:
            return sec.title if len(self.slides) == start else f"{sec.title} (cont.)"

        def lead() -> _Lead:
            return first_lead if len(self.slides) == start else NO_LEAD

        if prose_only:
            self.text_slides(title, lead, [p.text for p in prose], bullets=False)
        for block in shown:
            if isinstance(block, Bullets):
                self.text_slides(title, lead, list(block.items), bullets=True)
            elif isinstance(block, Chart):
                self.chart_slide(title(), block, lead())
            elif isinstance(block, Quote):
                self.quote_slide(title(), block, lead())
            elif isinstance(block, KeyNumbers):
                for i in range(0, len(block.items), 8):
                    chunk = block.items[i : i + 8]
                    cites = {n for k in chunk for n in k.citations}
                    boxes, rects = key_number_tiles(chunk)
                    self.content("key-numbers", title(), boxes, cites, lead(), rects=rects)

    def text_slides(
        self, title: Callable[[], str], lead: Callable[[], _Lead], items: list[RichText], bullets: bool
    ) -> None:
        w, h = 10.6, BODY_BOTTOM - BODY_Y

        def make(size: float) -> list[ParaPlan]:
            gap = size * (0.5 if bullets else 0.6)
            return [ParaPlan(t, size, "body", bullet=bullets, space_before=gap) for t in items]

        for page in paginate(make, BULLET_SIZES if bullets else PROSE_SIZES, w, h):
            cites = set().union(*(cited(p.text) for p in page))
            box = BoxPlan("Bullets" if bullets else "Text", MARGIN, BODY_Y, w, h, tuple(page))
            self.content("bullets" if bullets else "text", title(), [box], cites, lead())

    def chart_slide(self, title: str, chart: Chart, lead: _Lead) -> None:
        # Round charts stay compact even alone: a full-width doughnut strands its legend at the far edge.
        narrow = chart.takeaway is not None or chart.kind in ("pie", "doughnut")
        chart_w = CONTENT_W * 0.6 if narrow else CONTENT_W
        boxes: list[BoxPlan] = []
        y = BODY_Y
        # Title and subtitle as measured text boxes: chart titles cannot mix sizes reliably across viewers.
        for name, text, sizes, role, bold in (
            ("Chart title", chart.title, (16.0, 15.0, 14.0), "title", True),
            ("Chart subtitle", chart.subtitle, (12.0, 11.0), "muted", False),
        ):
            if text:
                paras = _first_fit(
                    lambda s, t=text, r=role, b=bold: [ParaPlan(plain(t), s, r, bold=b)], sizes, chart_w, 0.6
                )
                h = needed_height(paras, chart_w)
                boxes.append(BoxPlan(name, MARGIN, y, chart_w, h, tuple(paras)))
                y += h
        y += 0.1
        cites = set(chart.citations) | cited(chart.takeaway)
        # The slide's foot line names the chart's sources; a note under the chart is needed only when the
        # takeaway cites more than the chart, so that the plotted values keep a source line of their own.
        own_note = bool(chart.source_note) and cites != set(chart.citations)
        note_h = 0.32 if own_note else 0.0
        chart_h = BODY_BOTTOM - note_h - y
        if own_note:
            note = _first_fit(
                lambda s: [ParaPlan(plain(chart.source_note), s, "source-note")], (10.0, 9.0), chart_w, note_h
            )
            boxes.append(
                BoxPlan(
                    "Chart source note", MARGIN, y + chart_h, chart_w, note_h, tuple(note), anchor="bottom"
                )
            )
        if chart.takeaway:
            x = MARGIN + chart_w + 0.45
            w = SLIDE_W - MARGIN - x
            take = chart.takeaway
            paras = _first_fit(
                lambda s: [ParaPlan(take, s, "title", line_spacing=1.15)],
                (24.0, 22.0, 20.0, 18.0, 16.0),
                w,
                BODY_BOTTOM - BODY_Y,
                0.3,
            )
            boxes.append(
                BoxPlan(
                    "Takeaway",
                    x,
                    BODY_Y,
                    w,
                    BODY_BOTTOM - BODY_Y,
                    tuple(paras),
                    anchor="middle",
                    fill="panel",
                    inset=0.3,
                )
            )
        plan = ChartPlan(chart, MARGIN, y, chart_w, chart_h)
        self.content("chart", title, boxes, cites, lead, charts=(plan,))

    def quote_slide(self, title: str, quote: Quote, lead: _Lead) -> None:
        x, w, y = MARGIN + 1.1, 10.0, BODY_Y + 0.55
        h = BODY_BOTTOM - y
        # The big accent mark opens the quote, so the text itself carries no quotation marks.
        text = RichText((Text(quote.text),), quote.marker)

        def make(size: float) -> list[ParaPlan]:
            return [
                ParaPlan(text, size, "title", italic=True, line_spacing=1.15),
                ParaPlan(plain(f"— {quote.attribution}"), max(size * 0.6, 14.0), "muted", space_before=18.0),
            ]

        paras = _first_fit(make, (32.0, 28.0, 24.0, 20.0, 18.0), w, h)
        mark = BoxPlan(
            "Quote mark",
            MARGIN + 0.1,
            y - 0.3,
            0.9,
            1.4,
            (ParaPlan(plain("“"), 96.0, "accent", bold=True, line_spacing=1.0),),
        )
        box = BoxPlan("Quote", x, y, w, h, tuple(paras))
        cites = {quote.citation}
        self.content("quote", title, [mark, box], cites, lead, facts=(quote.fact_id,))

    # -- references ---------------------------------------------------------------------------------

    def references(self) -> None:
        refs = self.brief.references
        if not refs:
            return
        w, h = CONTENT_W, BODY_BOTTOM - BODY_Y

        def make(size: float) -> list[ParaPlan]:
            # The URL is a run of its own so that the writer can make it a link.
            return [
                ParaPlan(plain(f"[{r.number}] {r.text}"), size, "body", space_before=size * 0.6, url=r.url)
                for r in refs
            ]

        for n, page in enumerate(paginate(make, REFERENCE_SIZES, w, h)):
            box = BoxPlan("References", MARGIN, BODY_Y, w, h, tuple(page))
            self.content("references", "References" if n == 0 else "References (cont.)", [box], ())


def plan_deck(brief: Brief, theme: Theme) -> DeckPlan:
    """Decide every slide of the deck: what goes where, at which measured size, with which notes."""
    b = _Builder(brief, theme)
    b.title_slide()
    if brief.key_numbers is not None:
        b.key_numbers(brief.key_numbers, brief.key_numbers.fact_notes)
    for sec in brief.sections:
        b.section(sec)
    b.references()
    return DeckPlan(brief.title, brief.subtitle, brief.author, tuple(b.slides))
