"""The PDF's paragraph styles and its story: cover, key numbers, numbered sections, references."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from briefgen.model import (
    Brief,
    Bullets,
    Chart,
    FactValue,
    KeyNumbers,
    Marker,
    Prose,
    Quote,
    RichText,
    Section,
)
from briefgen.render.pdf_charts import chart_drawing, hex_color
from briefgen.render.pdf_fonts import face_name, register_fonts
from briefgen.theme import Theme

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
CONTENT_WIDTH = PAGE_W - 2 * MARGIN_X
_SAFE_SCHEMES = ("http://", "https://")


class CoverBand(Flowable):
    """The cover's full-bleed colour band, from the page top down: `top` content at its top, `bottom`
    content (the title block) sitting low in the band, an accent rule along its lower edge."""

    PAD = 16 * mm

    def __init__(
        self, top: list[Flowable], bottom: list[Flowable], fill: Color, accent: Color, min_height: float
    ) -> None:
        super().__init__()
        self.top, self.bottom = top, bottom
        self.fill, self.accent, self.min_height = fill, accent, min_height

    def _stack_height(self, flowables: list[Flowable], aw: float) -> float:
        h = 0.0
        for f in flowables:
            h += f.wrap(aw, PAGE_H)[1] + f.getSpaceAfter()
        return h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        needed = self._stack_height(self.top, aw) + self._stack_height(self.bottom, aw) + 3 * self.PAD
        self.height = max(self.min_height, needed)
        return aw, self.height

    def _draw_stack(self, flowables: list[Flowable], y: float) -> None:
        for f in flowables:
            _, h = f.wrap(self._aw, PAGE_H)
            y -= h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()

    def draw(self) -> None:
        c = self.canv
        # Bleed: the band spans the whole page width and reaches the page top, beyond the frame.
        x0, y0 = c.absolutePosition(0, 0)
        c.saveState()
        c.setFillColor(self.fill)
        c.rect(-x0, 0, PAGE_W, PAGE_H - y0, stroke=0, fill=1)
        c.setFillColor(self.accent)
        c.rect(-x0, -3, PAGE_W, 4, stroke=0, fill=1)
        c.restoreState()
        self._draw_stack(self.top, self.height - self.PAD)
        self._draw_stack(self.bottom, self.PAD + self._stack_height(self.bottom, self._aw))


def make_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """Paragraph styles by role, all in the embedded Carlito faces and theme colours."""
    family = register_fonts(theme.pdf_font)
    reg, bold, ital = (face_name(family, s) for s in ("regular", "bold", "italic"))
    c = theme.color
    body = ParagraphStyle(
        "body", fontName=reg, fontSize=10.5, leading=14.5, textColor=hex_color(c("body")), spaceAfter=7
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)

    on_cover = hex_color(c("on-cover"))
    return {
        "body": body,
        "summary": derive("summary", fontSize=12.5, leading=18, spaceAfter=10),
        "h1": derive(
            "h1",
            fontName=bold,
            fontSize=17,
            leading=21,
            textColor=hex_color(c("title")),
            spaceBefore=16,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": derive(
            "h2",
            fontName=bold,
            fontSize=12,
            leading=15,
            textColor=hex_color(c("title")),
            spaceBefore=6,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "bullet": derive("bullet", spaceAfter=3),
        "source": derive(
            "source", fontSize=8.5, leading=11, textColor=hex_color(c("source-note")), spaceAfter=4
        ),
        "takeaway": derive("takeaway", spaceBefore=5, spaceAfter=12),
        "quote": derive("quote", fontName=ital, fontSize=12.5, leading=17, spaceAfter=4),
        "attribution": derive("attribution", fontSize=9.5, leading=12.5, textColor=hex_color(c("muted"))),
        "kn_value": derive(
            "kn_value",
            fontName=bold,
            fontSize=19,
            leading=22,
            textColor=hex_color(c("fact-value")),
            spaceAfter=3,
        ),
        "kn_label": derive("kn_label", fontSize=9.5, leading=12, spaceAfter=0),
        "ref": derive(
            "ref", fontSize=9.5, leading=13, leftIndent=22, bulletIndent=0, bulletFontName=reg, spaceAfter=5
        ),
        "cover_org": derive("cover_org", fontName=bold, fontSize=11, leading=14, textColor=on_cover),
        "cover_title": derive(
            "cover_title",
            fontName=bold,
            fontSize=30,
            leading=35,
            textColor=on_cover,
            spaceAfter=12,
            alignment=TA_LEFT,
        ),
        "cover_subtitle": derive(
            "cover_subtitle", fontSize=15, leading=20, textColor=on_cover, spaceAfter=14
        ),
        "cover_meta": derive("cover_meta", fontSize=11, leading=14, textColor=on_cover, spaceAfter=0),
    }


class _Inline:
    """Markup for user text: escaped runs, bold fact values, linked superscript citation markers."""

    def __init__(self, brief: Brief, theme: Theme) -> None:
        self.fact = theme.color("fact-value")
        self.cite = theme.color("citation-marker")
        self.refs = {r.number for r in brief.references}

    def text(self, s: str) -> str:
        return escape(s).replace("\n", "<br/>")

    def marker(self, m: Marker) -> str:
        """The marker as markup: each source in it links to its reference entry (only entries that exist:
        a dangling link would abort the whole build at save time)."""
        if not m.marks:
            return ""
        parts = [
            f'<a href="#ref-{mk.number}" color="#{self.cite}">{escape(mk.text)}</a>'
            if mk.number in self.refs
            else escape(mk.text)
            for mk in m.marks
        ]
        if m.style == "numeric":
            return f'<super><font color="#{self.cite}">[{"; ".join(parts)}]</font></super>'
        return f' <font color="#{self.cite}">({"; ".join(parts)})</font>'

    def rich(self, rt: RichText) -> str:
        parts = []
        for run in rt.runs:
            if isinstance(run, FactValue):
                parts.append(f'<font color="#{self.fact}"><b>{self.text(run.text)}</b></font>')
            else:
                parts.append(self.text(run.text))
        return "".join(parts) + self.marker(rt.marker)


def heading(
    text: str, outline: str, key: str, style: ParagraphStyle, number: str = "", color: str = ""
) -> Paragraph:
    """A heading with an anchor; the writer turns `_bookmark` into an outline entry."""
    num = f'<font color="#{color}">{escape(number)}</font> ' if number else ""
    p = Paragraph(f'<a name="{key}"/>{num}{escape(text)}', style)
    p._bookmark, p._outline = key, outline  # type: ignore[attr-defined]
    return p


def build_story(
    brief: Brief, theme: Theme, styles: dict[str, ParagraphStyle], width: float = CONTENT_WIDTH
) -> list[Flowable]:
    """Everything in reading order; the first page uses the 'cover' template, the rest 'body'."""
    ink = _Inline(brief, theme)
    story: list[Flowable] = [_cover(brief, theme, styles), NextPageTemplate("body"), Spacer(1, 12 * mm)]
    if brief.summary:
        story += [Paragraph(ink.rich(brief.summary), styles["summary"])]
    if brief.key_numbers:
        story += [Spacer(1, 6), *_key_numbers(brief.key_numbers, ink, theme, styles, width)]
    story.append(PageBreak())
    for i, section in enumerate(brief.sections, start=1):
        story += _section(i, section, ink, theme, styles, width)
    if brief.references:
        story += _references(brief, ink, theme, styles)
    return story


def _cover(brief: Brief, theme: Theme, styles: dict[str, ParagraphStyle]) -> Flowable:
    top = [Paragraph(escape(brief.author), styles["cover_org"])] if brief.author else []
    bottom: list[Flowable] = [Paragraph(escape(brief.title), styles["cover_title"])]
    if brief.subtitle:
        bottom.append(Paragraph(escape(brief.subtitle), styles["cover_subtitle"]))
    if brief.date:
        bottom.append(Paragraph(escape(brief.date), styles["cover_meta"]))
    return CoverBand(
        top, bottom, hex_color(theme.color("cover")), hex_color(theme.color("accent")), min_height=105 * mm
    )


def _section(
    i: int, section: Section, ink: _Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    out: list[Flowable] = [
        heading(
            section.title, f"{i} {section.title}", f"sec-{i}", styles["h1"], str(i), theme.color("accent")
        )
    ]
    for block in section.blocks:
        if isinstance(block, Prose):
            out.append(Paragraph(ink.rich(block.text), styles["body"]))
        elif isinstance(block, Bullets):
            out.append(_bullets(block, ink, theme, styles))
        elif isinstance(block, Chart):
            out += _chart(block, ink, theme, styles, width)
        elif isinstance(block, KeyNumbers):
            out += _key_numbers(block, ink, theme, styles, width)
        elif isinstance(block, Quote):
            out.append(_quote(block, ink, theme, styles, width))
    # Speaker notes (section.notes, fact_notes) belong to the deck only.
    return out


def _bullets(block: Bullets, ink: _Inline, theme: Theme, styles: dict[str, ParagraphStyle]) -> Flowable:
    items = [ListItem(Paragraph(ink.rich(item), styles["bullet"])) for item in block.items]
    return ListFlowable(
        items,
        bulletType="bullet",
        start="\u2022",
        bulletFontName=styles["body"].fontName,
        bulletFontSize=10.5,
        bulletColor=hex_color(theme.color("accent")),
        leftIndent=14,
        spaceAfter=8,
    )


def _chart(
    chart: Chart, ink: _Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    # The chart and its source line never separate; the takeaway may move to the next page.
    parts: list[Flowable] = [Spacer(1, 4), chart_drawing(chart, theme, width), Spacer(1, 6)]
    if chart.source_note:
        parts.append(Paragraph(ink.text(chart.source_note), styles["source"]))
    out: list[Flowable] = [KeepTogether(parts)]
    if chart.takeaway:
        out.append(Paragraph(ink.rich(chart.takeaway), styles["takeaway"]))
    else:
        out.append(Spacer(1, 8))
    return out


def _key_numbers(
    panel: KeyNumbers, ink: _Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    """A grid of tiles: big value, label with its marker; the panel's source note beneath."""
    n = len(panel.items)
    cols = n if n <= 3 else (2 if n == 4 else 3)
    gap = 8.0
    tile_w = (width - gap * (cols - 1)) / cols
    # One table with spacer columns and rows between the tiles, so tiles in a row share one height.
    rows: list[list[object]] = []
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
    ]
    for k, item in enumerate(panel.items):
        r, c = divmod(k, cols)
        if c == 0:
            if r:
                rows.append([""] * (2 * cols - 1))
            rows.append([""] * (2 * cols - 1))
        cell = (2 * c, 2 * r)
        rows[-1][2 * c] = [
            Paragraph(ink.text(item.value), styles["kn_value"]),
            Paragraph(ink.text(item.label) + ink.marker(item.marker), styles["kn_label"]),
        ]
        cmds += [
            ("BACKGROUND", cell, cell, hex_color(theme.color("panel"))),
            ("LINEBEFORE", cell, cell, 3, hex_color(theme.color("fact-value"))),
        ]
    for r in range(1, len(rows), 2):
        cmds.append(("TOPPADDING", (0, r), (-1, r), 0))
        cmds.append(("BOTTOMPADDING", (0, r), (-1, r), 0))
    widths = [tile_w if c % 2 == 0 else gap for c in range(2 * cols - 1)]
    heights = [None if r % 2 == 0 else gap for r in range(len(rows))]
    grid = Table(rows, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    grid.setStyle(TableStyle(cmds))
    parts: list[Flowable] = [Paragraph(ink.text(panel.title), styles["h2"]), grid]
    if panel.source_note:
        parts += [Spacer(1, 5), Paragraph(ink.text(panel.source_note), styles["source"])]
    return [KeepTogether(parts), Spacer(1, 8)]


def _quote(
    quote: Quote, ink: _Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> Flowable:
    # The marker follows the quoted words, as in the deck: it cites what was said, not who said it.
    text = Paragraph(f"\u201c{ink.text(quote.text)}\u201d{ink.marker(quote.marker)}", styles["quote"])
    who = Paragraph(f"\u2014 {ink.text(quote.attribution)}", styles["attribution"])
    t = Table([[[text, who]]], colWidths=[width - 36], hAlign="CENTER", splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, hex_color(theme.color("accent"))),
                ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return KeepTogether([Spacer(1, 6), t, Spacer(1, 12)])


def _references(
    brief: Brief, ink: _Inline, theme: Theme, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    out: list[Flowable] = [heading("References", "References", "references", styles["h1"])]
    link_color = theme.color("citation-marker")
    for ref in brief.references:
        text = f'<a name="ref-{ref.number}"/>{ink.text(ref.text)}'
        # Only web links become clickable: any other scheme (file:, javascript:) stays plain text.
        if ref.url.lower().startswith(_SAFE_SCHEMES):
            text += f' <link href={quoteattr(ref.url)} color="#{link_color}">{escape(ref.url)}</link>'
        elif ref.url:
            text += " " + ink.text(ref.url)
        out.append(Paragraph(text, styles["ref"], bulletText=f"[{ref.number}]"))
    return out
