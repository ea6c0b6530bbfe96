"""Plan the deck from a Brief: which slides, what goes on each, at measured sizes (no python-pptx)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from briefgen.brief.model import (
    Brief,
    Bullets,
    Chart,
    KeyNumber,
    KeyNumbers,
    Prose,
    Quote,
    RichText,
    Section,
    Table,
    Text,
)
from briefgen.render.deck.chart_slides import beside_text, chart_boxes
from briefgen.render.deck.contrast import check_contrast, fixes_report
from briefgen.render.deck.fit import first_fit, paginate, plain
from briefgen.render.deck.kinds import agenda_boxes, closing_slide, divider_slide, title_slide, wants_agenda
from briefgen.render.deck.layout import (
    BULLET_SIZES,
    PROSE_SIZES,
    REFERENCE_SIZES,
    BoxPlan,
    ChartPlan,
    DeckPlan,
    Geometry,
    ParaPlan,
    RectPlan,
    SlidePlan,
    TablePlan,
    grid,
)
from briefgen.render.deck.measure import measuring
from briefgen.render.deck.notes import cited, fact_ids, notes_text, rich_plain, shown_facts, shown_kinds
from briefgen.render.deck.parts import (
    accent_rules,
    banner_box,
    footer_boxes,
    logo_picture,
    source_box,
    title_box,
)
from briefgen.render.deck.table import plan_table_pages, table_title
from briefgen.render.deck.tiles import change_text, key_number_tiles
from briefgen.theme.model import Theme


@dataclass(frozen=True)
class _Lead:
    """What a section's first slide adds to its notes: the section's notes, the prose it leaves out (with
    that prose's sources and facts)."""

    parts: tuple[str, ...] = ()
    cites: frozenset[int] = frozenset()
    facts: tuple[str, ...] = ()


NO_LEAD = _Lead()


def change_note(k: KeyNumber) -> str:
    """A figure's change for the speaker notes: '(▲ 17 places since 2011)'."""
    return f"({change_text(k).replace(chr(0xA0), ' ')})" if k.change else ""


class _Builder:
    """Accumulates slides while walking the brief."""

    def __init__(self, brief: Brief, theme: Theme, geo: Geometry) -> None:
        self.brief = brief
        self.theme = theme
        self.geo = geo
        self.slides: list[SlidePlan] = []
        self.footer = footer_boxes(geo, theme.footer or brief.title, theme.logo, brief.date)
        self.logo = logo_picture(geo, theme.logo)

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
        tables: Sequence[TablePlan] = (),
        layout: str = "title-only",
    ) -> None:
        """A content slide; its notes list the provenance of every fact it shows, in order of appearance."""
        cites = tuple(sorted(set(citations)))
        paras = [p for box in boxes for p in box.paragraphs]
        paras += [p for t in tables for row in t.rows for cell in row for p in cell.paragraphs]
        shown = tuple(dict.fromkeys([*shown_facts(paras, charts), *(f for f in facts if f)]))
        source = source_box(self.geo, self.brief, cites, shown_kinds(self.brief, shown))
        extra = (source,) if source else ()
        notes = notes_text(self.brief, lead.parts, {*cites, *lead.cites}, [*shown, *lead.facts])
        self.slides.append(
            SlidePlan(
                kind,
                title_box(self.geo, title),
                (*boxes, *extra, *self.footer),
                (*accent_rules(self.geo), *rects),
                tuple(charts),
                notes,
                cites,
                facts=shown,
                layout=layout,
                master=self.geo.content_master,
                tables=tuple(tables),
                pictures=self.logo,
            )
        )

    # -- key numbers and agenda --------------------------------------------------------------------

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
            boxes, rects = key_number_tiles(chunk, self.geo)
            # A change is a fact too: the notes say how each was found, the source line if it was calculated.
            changes = [k.change_fact_id for k in chunk if k.change_fact_id]
            self.content("key-numbers", title, boxes, cites, _Lead(parts), rects=rects, facts=changes)

    def agenda(self) -> None:
        g = self.geo
        for n, page in enumerate(agenda_boxes(self.brief, g)):
            box = BoxPlan("Agenda", g.left, g.body_y, g.content_w, g.body_h, tuple(page))
            self.content(
                "agenda", "Agenda" if n == 0 else "Agenda (cont.)", [box], (), layout=self.geo.content_kind
            )

    # -- sections -----------------------------------------------------------------------------------

    def section(self, sec: Section, number: int) -> None:
        if sec.divider:
            self.slides.append(divider_slide(sec, number, self.geo, ()))
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

        texts = [p.text for p in prose] if prose_only else []
        if sec.slide == "chart-beside-text":
            # The section's first chart beside its bullets (or its prose), when they fit one slide.
            chart = next((b for b in shown if isinstance(b, Chart)), None)
            bullets = next((b for b in shown if isinstance(b, Bullets)), None)
            items = list(bullets.items) if bullets else texts
            planned = beside_text(self.geo, chart, items, bullets is not None) if chart and items else None
            if planned is not None:
                boxes, plan, cites = planned
                self.content("chart-text", title(), boxes, cites, lead(), charts=(plan,))
                shown = [b for b in shown if b is not chart and b is not bullets]
                texts = []
        if texts:
            self.text_slides(title, lead, texts, bullets=False)
        for block in shown:
            if isinstance(block, Bullets):
                self.text_slides(title, lead, list(block.items), bullets=True)
            elif isinstance(block, Table):
                self.table_slides(title, lead, block)
            elif isinstance(block, Chart):
                self.chart_slide(title(), block, lead())
            elif isinstance(block, Quote):
                self.quote_slide(title(), block, lead())
            elif isinstance(block, KeyNumbers):
                for i in range(0, len(block.items), 8):
                    chunk = block.items[i : i + 8]
                    cites = {n for k in chunk for n in k.citations}
                    boxes, rects = key_number_tiles(chunk, self.geo)
                    self.content("key-numbers", title(), boxes, cites, lead(), rects=rects)

    def text_slides(
        self, title: Callable[[], str], lead: Callable[[], _Lead], items: list[RichText], bullets: bool
    ) -> None:
        g = self.geo
        w, h = min(10.6, g.content_w), g.body_h

        def make(size: float) -> list[ParaPlan]:
            gap = size * (0.5 if bullets else 0.6)
            return [ParaPlan(t, size, "body", bullet=bullets, space_before=gap) for t in items]

        for page in paginate(make, BULLET_SIZES if bullets else PROSE_SIZES, w, h):
            cites = set().union(*(cited(p.text) for p in page))
            box = BoxPlan("Bullets" if bullets else "Text", g.left, g.body_y, w, h, tuple(page))
            self.content(
                "bullets" if bullets else "text", title(), [box], cites, lead(), layout=self.geo.content_kind
            )

    def table_slides(self, title: Callable[[], str], lead: Callable[[], _Lead], table: Table) -> None:
        g = self.geo
        heading, th = table_title(table, g.content_w)
        y = g.body_y
        boxes = []
        if heading:
            boxes.append(BoxPlan("Table title", g.left, y, g.content_w, th, tuple(heading)))
            y += th + 0.1
        for page in plan_table_pages(table, g.left, y, g.content_w, g.body_bottom - y):
            cites = set().union(*(cited(p.text) for row in page.rows for c in row for p in c.paragraphs))
            self.content("table", title(), boxes, cites, lead(), tables=(page,), layout=self.geo.content_kind)

    def chart_slide(self, title: str, chart: Chart, lead: _Lead) -> None:
        boxes, plan, cites = chart_boxes(self.geo, chart)
        self.content("chart", title, boxes, cites, lead, charts=(plan,))

    def quote_slide(self, title: str, quote: Quote, lead: _Lead) -> None:
        g = self.geo
        x, y = g.left + 1.1, g.body_y + 0.55
        w, h = min(10.0, g.content_w - 1.7), g.body_bottom - y
        # The big accent mark opens the quote, so the text itself carries no quotation marks.
        text = RichText((Text(quote.text),), quote.marker)

        def make(size: float) -> list[ParaPlan]:
            return [
                ParaPlan(text, size, "title", italic=True, line_spacing=1.15),
                ParaPlan(plain(f"— {quote.attribution}"), max(size * 0.6, 14.0), "muted", space_before=18.0),
            ]

        paras = first_fit(make, (32.0, 28.0, 24.0, 20.0, 18.0), w, h)
        mark = BoxPlan(
            "Quote mark",
            g.left + 0.1,
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
        g = self.geo
        w, h = g.content_w, g.body_h

        def make(size: float) -> list[ParaPlan]:
            # The URL is a run of its own so that the writer can make it a link.
            return [
                ParaPlan(plain(f"[{r.number}] {r.text}"), size, "body", space_before=size * 0.6, url=r.url)
                for r in refs
            ]

        for n, page in enumerate(paginate(make, REFERENCE_SIZES, w, h)):
            box = BoxPlan("References", g.left, g.body_y, w, h, tuple(page))
            title = "References" if n == 0 else "References (cont.)"
            self.content("references", title, [box], (), layout=self.geo.content_kind)


def plan_deck(brief: Brief, theme: Theme, geo: Geometry | None = None) -> DeckPlan:
    """Decide every slide of the deck: what goes where, at which measured size, with which notes.

    `geo`: the slide geometry, from `render.deck.template.deck_geometry` for a theme with a template
    (reading a template needs python-pptx, which the plan never imports); the default grid if None."""
    if geo is None:
        if theme.template is not None:
            raise ValueError("a theme with a template needs its geometry: pass deck_geometry(brief, theme)")
        geo = grid(*theme.slide_size)
    with measuring(theme.measure_files, theme.bullet_indent_pt):
        b = _Builder(brief, theme, geo)
        b.slides.append(title_slide(brief, geo))
        if brief.key_numbers is not None:
            b.key_numbers(brief.key_numbers, brief.key_numbers.fact_notes)
        if wants_agenda(brief):
            b.agenda()
        for number, sec in enumerate(brief.sections, start=1):
            b.section(sec, number)
        b.references()
        if theme.closing_slide:
            b.slides.append(closing_slide(brief, geo))
        banner = banner_box(geo, theme.classification)
        slides = tuple(replace(s, boxes=(*s.boxes, *banner)) for s in b.slides)
        slides, fixes = check_contrast(slides, geo, theme)
    return DeckPlan(
        brief.title,
        brief.subtitle,
        brief.author,
        slides,
        geo.slide_w,
        geo.slide_h,
        brief.keywords,
        theme.template,
        tuple(fixes_report(fixes)),
    )
