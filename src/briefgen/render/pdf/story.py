"""The PDF's paragraph styles and its story: cover, key numbers, numbered sections, references."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from briefgen.brief.model import (
    Brief,
    Bullets,
    Chart,
    KeyNumbers,
    Prose,
    Quote,
    Section,
)
from briefgen.brief.model import Table as TableBlock
from briefgen.render.pdf.appendix import TITLE as APPENDIX_TITLE
from briefgen.render.pdf.appendix import fact_appendix
from briefgen.render.pdf.charts import chart_drawing, hex_color
from briefgen.render.pdf.contents import contents, contents_entries
from briefgen.render.pdf.cover import cover
from briefgen.render.pdf.fonts import bullet_glyph, covers_cjk, face_name, register_fonts
from briefgen.render.pdf.inline import Inline
from briefgen.render.pdf.notes import CiteFlag, references
from briefgen.render.pdf.page import A4_PAGE, page_geometry
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.table import KeepStart, table_block
from briefgen.render.pdf.tagging import Tag, TaggedList
from briefgen.render.pdf.tiles import key_numbers
from briefgen.theme.model import Theme

# The default (A4) page; a theme's `page_size` may choose US Letter (see pdf_page).
PAGE_W, PAGE_H = A4_PAGE.width, A4_PAGE.height
MARGIN_X = A4_PAGE.margin_x
CONTENT_WIDTH = A4_PAGE.content_width


def make_styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """Paragraph styles by role, all in the theme's embedded faces (Carlito unless it names others) and
    colours. With a font that covers Chinese, Japanese or Korean, lines break the CJK way (between
    characters, never before closing punctuation)."""
    family = register_fonts(theme.pdf_font, theme.font_file)
    reg, bold, ital = (face_name(family, s) for s in ("regular", "bold", "italic"))
    c = theme.color
    wrap = {"wordWrap": "CJK"} if covers_cjk(family) else {}
    body = ParagraphStyle(
        "body",
        fontName=reg,
        fontSize=10.5,
        leading=14.5,
        textColor=hex_color(c("body")),
        spaceAfter=7,
        allowWidows=0,  # a paragraph's last line never starts a page alone (nor its first ends one)
        **wrap,
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


def heading(
    text: str,
    outline: str,
    key: str,
    style: ParagraphStyle,
    number: str = "",
    color: str = "",
    level: int = 0,
) -> Flowable:
    """A heading (tagged H1, or H2 below the top level) with an anchor; the writer turns `_bookmark`
    into an outline entry and records its page for the contents."""
    num = f'<font color="#{color}">{escape(number)}</font> ' if number else ""
    p = Para(f'<a name="{key}"/>{num}{escape(text)}', style)
    p._bookmark, p._outline, p._level = key, outline, level
    return Tag(p, "H1" if level == 0 else "H2", name=f"Section {outline}" if number else outline)


# The document's last page holds at least this share of a page: no short tail of rows alone.
TAIL_SHARE = 0.3
# The fact appendix starts a new page unless this share of the page is still free.
APPENDIX_ROOM = 0.4


def build_story(
    brief: Brief,
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    width: float | None = None,
    with_contents: bool = True,
    body_on_cover: bool = False,
) -> list[Flowable]:
    """Everything in reading order: the cover (its template 'cover'), then the contents page (when
    `with_contents`) and the body ('body'). `body_on_cover`: the body follows on the cover page (a brief
    short enough to fit)."""
    page = page_geometry(theme)
    width = page.content_width if width is None else width
    ink = Inline(brief, theme)
    below: list[Flowable] = [Spacer(1, 12 * mm)]
    if brief.summary:
        below += [Tag(Para(ink.rich(brief.summary), styles["summary"]), "P")]
    if brief.key_numbers:
        # Without the spacer that follows a panel elsewhere: on a full cover it would spill onto a page
        # of its own before the page break.
        below += [Spacer(1, 6), key_numbers(brief.key_numbers, ink, theme, styles, width)[0]]
    story: list[Flowable] = [cover(brief, theme, styles, page, below), NextPageTemplate("body"), *below]
    if not body_on_cover:
        story.append(PageBreak())
    entries = contents_entries(brief) if with_contents else []
    if entries:
        story += [*contents(entries, theme, styles, width), PageBreak()]
    for i, section in enumerate(brief.sections, start=1):
        story += _section(i, section, ink, theme, styles, width)
    if brief.references:
        story.append(heading("References", "References", "references", styles["h1"]))
        story += references(brief, theme, styles)
    if brief.fact_appendix and brief.facts:
        # The appendix starts a page of its own: a table to look things up in, not to read on into.
        # It starts a page of its own unless much of this one is free (a short brief's single page).
        room = APPENDIX_ROOM * (page.height - page.top - page.bottom)
        head = heading(APPENDIX_TITLE, APPENDIX_TITLE, "fact-appendix", styles["h1"])
        tail = TAIL_SHARE * (page.height - page.top - page.bottom)
        story += [CondPageBreak(room), *fact_appendix(brief, ink, theme, styles, width, tail, [head])]
    return story


def _section(
    i: int, section: Section, ink: Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    head = heading(
        section.title, f"{i} {section.title}", f"sec-{i}", styles["h1"], str(i), theme.color("accent")
    )
    out: list[Flowable] = []
    for block in section.blocks:
        if isinstance(block, Prose):
            out.append(Tag(Para(ink.rich(block.text), styles["body"]), "P"))
        elif isinstance(block, Bullets):
            out += _bullets(block, ink, theme, styles, split_first=not out)
        elif isinstance(block, Chart):
            out += _chart(block, ink, theme, styles, width)
        elif isinstance(block, KeyNumbers):
            out += key_numbers(block, ink, theme, styles, width)
        elif isinstance(block, Quote):
            out.append(_quote(block, ink, theme, styles, width))
        elif isinstance(block, TableBlock):
            out += table_block(block, ink, theme, styles, width)
    if section.calculated:
        lines = "<br/>".join(ink.text(c) for c in section.calculated)
        out.append(Tag(Para(f"† Calculated from cited figures:<br/>{lines}", styles["source"]), "P"))
    # Speaker notes (section.notes, fact_notes) belong to the deck only.
    return _keep_with_heading(head, out)


def _keep_with_heading(head: Flowable, body: list[Flowable]) -> list[Flowable]:
    """The heading on one page with what begins the section. The heading style's keepWithNext only
    holds a paragraph: reportlab does not nest lists or KeepTogether groups, so join those here. A table
    takes the heading into its own lead-in, so a long table still starts on the heading's page."""
    if body and isinstance(body[0], KeepStart):
        return [KeepStart([head, *body[0].lead], body[0].table), *body[1:]]
    if body and isinstance(body[0], KeepTogether | ListFlowable):
        lead = body[0]._content if isinstance(body[0], KeepTogether) else [body[0]]
        return [KeepTogether([head, *lead]), *body[1:]]
    return [head, *body]


def _bullets(
    block: Bullets, ink: Inline, theme: Theme, styles: dict[str, ParagraphStyle], split_first: bool = False
) -> list[Flowable]:
    """The list; with `split_first`, its first item is a list of its own, to keep with a heading."""

    glyph, scale = bullet_glyph(styles["body"].fontName)
    whole = object()  # one list element, however the list is cut

    def bullet_list(items: tuple, space_after: float) -> ListFlowable:
        return TaggedList(
            [
                ListItem(
                    Tag(Para(ink.rich(item), styles["bullet"]), "LBody", (("L", whole), ("LI", object())))
                )
                for item in items
            ],
            bulletType="bullet",
            start=glyph,
            bulletFontName=styles["body"].fontName,
            bulletFontSize=10.5 * scale,
            bulletOffsetY=-2.0 * (1 - scale) / 0.45,  # a smaller glyph sits on the text's mid-line
            bulletColor=hex_color(theme.color("accent")),
            leftIndent=14,
            spaceAfter=space_after,
        )

    if split_first and len(block.items) > 1:
        gap = styles["bullet"].spaceAfter
        return [bullet_list(block.items[:1], gap), bullet_list(block.items[1:], 8)]
    return [bullet_list(block.items, 8)]


def _chart(
    chart: Chart, ink: Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    # The chart and its source line never separate; the takeaway may move to the next page.
    # The chart's alternative text: its title and its data in words, as the deck's.
    figure = Tag(chart_drawing(chart, theme, width), "Figure", alt=chart.alt_text or chart.title)
    parts: list[Flowable] = [Spacer(1, 4), figure, CiteFlag(chart.citations)]
    parts.append(Spacer(1, 6))
    if chart.source_note:
        parts.append(Tag(Para(ink.text(chart.source_note), styles["source"]), "P"))
    out: list[Flowable] = [KeepTogether(parts)]
    if chart.takeaway:
        out.append(Tag(Para(ink.rich(chart.takeaway), styles["takeaway"]), "P"))
    else:
        out.append(Spacer(1, 8))
    return out


def _quote(
    quote: Quote, ink: Inline, theme: Theme, styles: dict[str, ParagraphStyle], width: float
) -> Flowable:
    # The marker follows the quoted words, as in the deck: it cites what was said, not who said it.
    said = (("BlockQuote", object()),)
    text = Tag(
        Para(f"\u201c{ink.para(quote.text)}\u201d{ink.marker(quote.marker)}", styles["quote"]), "P", said
    )
    who = Tag(Para(f"\u2014 {ink.text(quote.attribution)}", styles["attribution"]), "P", said)
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
