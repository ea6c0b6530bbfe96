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
from briefgen.render.deck.chart_slides import chart_boxes, quote_mark
from briefgen.render.deck.contrast import check_contrast, fixes_report
from briefgen.render.deck.fit import first_fit, paginate, plain, text_height
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
from briefgen.render.deck.pairs import pair
from briefgen.render.deck.parts import (
    accent_rules,
    banner_box,
    footer_boxes,
    logo_picture,
    source_box,
    title_box,
)
from briefgen.render.deck.table import plan_table_pages, table_title
from briefgen.render.deck.tiles import change_text, key_number_slides
from briefgen.theme.model import Theme


@dataclass(frozen=True)
class _Lead:
    """What a section's first slide adds to its notes: the section's notes, the prose it leaves out (with
    that prose's sources and facts)."""

    parts: tuple[str, ...] = ()
    cites: frozenset[int] = frozenset()
    facts: tuple[str, ...] = ()


NO_LEAD = _Lead()
# A slide's only text filling less than this share of the body is set as a statement: larger, in a panel.
SPARSE = 0.3
STATEMENT_SIZES = (28.0, 24.0, 20.0)
STATEMENT_INSET = 0.45


@dataclass(frozen=True)
class _Words:
    """A section's bullets, or its prose when no bullets carry the slide."""

    items: tuple[RichText, ...]
    bullets: bool


Block = Chart | Table | Quote | KeyNumbers
# What a block that starts a later slide of its section is called in that slide's title.
_LABELS = {"_Words": "cont.", "Chart": "chart", "Table": "table", "Quote": "quote", "KeyNumbers": "figures"}


def _chart_after_words(units: list[_Words | Block]) -> list[_Words | Block]:
    """The section's first chart moved next to its first text, so that they can share a slide."""
    words = next((i for i, u in enumerate(units) if isinstance(u, _Words)), None)
    chart = next((u for u in units if isinstance(u, Chart)), None)
    if words is None or chart is None:
        return units
    rest = [u for u in units if u is not chart]
    rest.insert(rest.index(units[words]) + 1, chart)
    return rest


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
        for n, (chunk, boxes, rects) in enumerate(key_number_slides(kn.items, self.geo)):
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

        def titler(label: str) -> Callable[[], str]:
            """Slide titles for one block: the section's title on its first slide; a block that starts a
            later slide says what it is ('(chart)'); a block's own overflow says '(cont.)'."""
            first = len(self.slides)

            def title() -> str:
                if len(self.slides) == start:
                    return sec.title
                return f"{sec.title} ({label if len(self.slides) == first else 'cont.'})"

            return title

        def lead() -> _Lead:
            return first_lead if len(self.slides) == start else NO_LEAD

        units: list[_Words | Block] = [_Words(tuple(p.text for p in prose), False)] if prose_only else []
        units += [_Words(b.items, True) if isinstance(b, Bullets) else b for b in shown]
        beside = sec.slide == "chart-beside-text"
        if beside:
            units = _chart_after_words(units)
        i = 0
        while i < len(units):
            unit, after = units[i], units[i + 1] if i + 1 < len(units) else None
            words, visual = (unit, after) if isinstance(unit, _Words) else (after, unit)
            if isinstance(words, _Words) and isinstance(visual, Chart | Table | Quote):
                alone = isinstance(visual, Chart) and sec.slide == "chart-with-takeaway"
                placed = None if alone else pair(self.geo, words.items, words.bullets, visual, beside)
                if placed is not None:
                    title = titler(_LABELS[type(unit).__name__])()
                    self.content(
                        placed.kind,
                        title,
                        placed.boxes,
                        placed.cites,
                        lead(),
                        charts=placed.charts,
                        tables=placed.tables,
                        facts=placed.facts,
                        layout=self.geo.content_kind,
                    )
                    i += 2
                    continue
            self.block(unit, titler(_LABELS[type(unit).__name__]), lead)
            i += 1

    def block(self, unit: _Words | Block, title: Callable[[], str], lead: Callable[[], _Lead]) -> None:
        """One block of a section on slides of its own."""
        if isinstance(unit, _Words):
            self.text_slides(title, lead, list(unit.items), bullets=unit.bullets)
        elif isinstance(unit, Table):
            self.table_slides(title, lead, unit)
        elif isinstance(unit, Chart):
            self.chart_slide(title(), unit, lead())
        elif isinstance(unit, Quote):
            self.quote_slide(title(), unit, lead())
        elif isinstance(unit, KeyNumbers):
            for chunk, boxes, rects in key_number_slides(unit.items, self.geo):
                cites = {n for k in chunk for n in k.citations}
                self.content("key-numbers", title(), boxes, cites, lead(), rects=rects)

    def text_slides(
        self, title: Callable[[], str], lead: Callable[[], _Lead], items: list[RichText], bullets: bool
    ) -> None:
        g = self.geo
        w, h = min(10.6, g.content_w), g.body_h

        def make(size: float) -> list[ParaPlan]:
            gap = size * (0.5 if bullets else 0.6)
            return [ParaPlan(t, size, "body", bullet=bullets, space_before=gap) for t in items]

        name, kind = ("Bullets", "bullets") if bullets else ("Text", "text")
        pages = paginate(make, BULLET_SIZES if bullets else PROSE_SIZES, w, h)
        for page in pages:
            cites = set().union(*(cited(p.text) for p in page))
            box = BoxPlan(name, g.left, g.body_y, w, h, tuple(page))
            if len(pages) == 1:
                box = _statement(box, make, g)
            self.content(kind, title(), [box], cites, lead(), layout=self.geo.content_kind)

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
        mark = quote_mark(g.left + 0.1, y - 0.3, 0.9, 1.4, 96.0)
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

        pages = paginate(make, REFERENCE_SIZES, w, h)
        for n, page in enumerate(pages):
            box = BoxPlan("References", g.left, g.body_y, w, h, tuple(page))
            if len(pages) == 1:
                box = _statement(box, make, g, STATEMENT_SIZES[1:])
            title = "References" if n == 0 else "References (cont.)"
            self.content("references", title, [box], (), layout=self.geo.content_kind)


def _statement(
    box: BoxPlan,
    make: Callable[[float], list[ParaPlan]],
    geo: Geometry,
    sizes: Sequence[float] = STATEMENT_SIZES,
) -> BoxPlan:
    """A box whose text would leave most of the slide empty, set larger in a panel across the body (a
    statement slide; on a template, in its panel colour); the box itself when its text fills enough."""
    if text_height(box.paragraphs, box.w) / 72 >= SPARSE * box.h:
        return box
    paras = first_fit(make, sizes, geo.content_w, box.h, STATEMENT_INSET)
    if paras[0].size < box.paragraphs[0].size:
        return box
    return replace(
        box,
        name=f"{box.name} panel",
        w=geo.content_w,
        paragraphs=tuple(paras),
        anchor="middle",
        fill="panel",
        inset=STATEMENT_INSET,
    )


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
