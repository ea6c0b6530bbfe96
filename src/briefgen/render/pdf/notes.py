"""Where the PDF names its sources: page footnotes (band, entries, drawing) and the References section."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from briefgen.brief.model import Brief, Reference
from briefgen.render.pdf.charts import hex_color
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.tagging import Labelled
from briefgen.render.typeset import keep_tail_text
from briefgen.theme.model import Theme

# The name under which the document template records what a page cites. Paragraphs call it through an
# <onDraw> tag inside each citation marker, so the page is the one the marker is actually drawn on,
# however the paragraph was split, kept together or put in a table.
CITE_CALLBACK = "briefgen_cite"
RULE_LENGTH = 48.0  # the short rule above a page's footnotes
RULE_GAP = 9.0  # between the lowest body line and the rule
RULE_TO_NOTES = 4.0  # between the rule and the first note
NOTE_GAP = 1.5  # between two notes
NOTE_SIZE = 7.5
MAX_BAND_SHARE = 0.45  # footnotes never take more of a page than this; the rest are named in one line
_SAFE_SCHEMES = ("http://", "https://")


def cite_tag(numbers: Iterable[int]) -> str:
    """An invisible paragraph tag that records, when drawn, the reference numbers cited there."""
    label = ",".join(str(n) for n in numbers)
    return f'<onDraw name="{CITE_CALLBACK}" label="{label}"/>' if label else ""


def parse_cites(label: str | None) -> list[int]:
    """The numbers of a `cite_tag` label."""
    return [int(n) for n in (label or "").split(",") if n.strip().isdigit()]


class CiteFlag(Flowable):
    """A zero-size flowable citing references where it is drawn (a chart's sources travel with it)."""

    def __init__(self, numbers: Iterable[int]) -> None:
        super().__init__()
        self.numbers = tuple(numbers)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        record = self.canv.getNamedCB(CITE_CALLBACK)
        if record and self.numbers:
            record(self.canv, "onDraw", ",".join(map(str, self.numbers)))


def entry_markup(ref: Reference, brief: Brief) -> str:
    """A reference entry as markup. Numeric briefs label it '[n]' (the bullet); author-date briefs lead
    with the name the markers use, e.g. 'Luo 2024.' Its last word keeps with the one before unless a URL
    follows (a URL may well stand alone)."""
    text = escape(ref.text if ref.url else keep_tail_text(ref.text))
    if brief.citation_style == "author-date" and ref.author_date:
        return f"<b>{escape(ref.author_date)}.</b> {text}"
    return text


def _label(ref: Reference, brief: Brief) -> str | None:
    return f"[{ref.number}]" if brief.citation_style == "numeric" else None


def entry_style(base: ParagraphStyle, brief: Brief, name: str, **kw: object) -> ParagraphStyle:
    """A hanging-indent style: numeric entries hang after their '[n]', author-date ones under their name."""
    indent = float(kw.pop("leftIndent", 22))  # type: ignore[arg-type]
    hang = {} if brief.citation_style == "numeric" else {"firstLineIndent": -indent}
    style = ParagraphStyle(name, parent=base, leftIndent=indent, bulletIndent=0, **hang, **kw)
    style.bulletFontSize = style.fontSize  # the '[n]' label in the entry's own size
    return style


def references(brief: Brief, theme: Theme, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The References section body: every entry, anchored as 'ref-N' for the markers, with its web link.

    With endnotes this is where the reader finds every source; with footnotes it is the full list.
    """
    base = styles["ref"]
    widest = f"[{max((r.number for r in brief.references), default=1)}]"
    indent = max(base.leftIndent, stringWidth(widest, base.fontName, base.fontSize) + 6)
    style = entry_style(base, brief, "ref_entry", leftIndent=indent)
    link_color = theme.color("citation-marker")
    out: list[Flowable] = []
    whole = object()  # the list of references, one element
    for ref in brief.references:
        text = f'<a name="ref-{ref.number}"/>{entry_markup(ref, brief)}'
        # Only web links become clickable: any other scheme (file:, javascript:) stays plain text.
        if ref.url.lower().startswith(_SAFE_SCHEMES):
            text += f' <link href={quoteattr(ref.url)} color="#{link_color}">{escape(ref.url)}</link>'
        elif ref.url:
            text += " " + escape(ref.url)
        name = f"Reference {ref.number}: {ref.short}"
        path = (("L", whole), ("LI", object()))
        out.append(Labelled(Para(text, style), _label(ref, brief), "LBody", path, name))
    return out


class Footnotes:
    """The notes at the foot of a page: how tall a page's band is, and drawing it.

    The band is reserved by raising the page frame's bottom, so body text never runs into the notes;
    the notes sit on the frame's original bottom edge, above the page footer.
    """

    def __init__(self, brief: Brief, theme: Theme, styles: dict[str, ParagraphStyle], width: float) -> None:
        self.brief, self.width = brief, width
        # The text hangs just past the widest label, '[9]' or '[12]'.
        widest = f"[{max((r.number for r in brief.references), default=1)}]"
        self.style = entry_style(
            styles["body"],
            brief,
            "footnote",
            leftIndent=max(16.0, stringWidth(widest, styles["body"].fontName, NOTE_SIZE) + 5),
            fontSize=NOTE_SIZE,
            leading=9.5,
            spaceAfter=0,
            textColor=hex_color(theme.color("body")),
            bulletFontName=styles["body"].fontName,
        )
        self.rule = hex_color(theme.color("muted"))
        self.known = {r.number for r in brief.references}
        self._heights: dict[int, float] = {}
        self._plans: dict[tuple[tuple[int, ...], float], tuple[list[int], list[int], float]] = {}

    def _note(self, n: int) -> Flowable:
        """Note n: its label ('[3]') and its text, one Note element."""
        ref = self.brief.reference(n)
        text = Para(entry_markup(ref, self.brief), self.style)
        return Labelled(text, _label(ref, self.brief), "P", (("Note", object()),))

    def _height(self, n: int) -> float:
        if n not in self._heights:
            self._heights[n] = self._note(n).wrap(self.width, 1e6)[1]
        return self._heights[n]

    def _plan(self, numbers: Iterable[int], frame_height: float) -> tuple[list[int], list[int], float]:
        """The notes a page shows in full, those named in one last line, and the band's height without
        its rule (measured once per set of numbers)."""
        wanted = sorted({n for n in numbers if n in self.known})
        key = (tuple(wanted), frame_height)
        if key in self._plans:
            return self._plans[key]
        heights = [self._height(n) for n in wanted]
        limit = MAX_BAND_SHARE * frame_height - RULE_GAP - RULE_TO_NOTES
        plan: tuple[list[int], list[int], float] = ([], [], 0.0)
        for k in range(len(wanted), -1, -1):
            used = sum(heights[:k]) + NOTE_GAP * max(k - 1, 0)
            if k < len(wanted):
                used += self._more(wanted[k:]).wrap(self.width, 1e6)[1] + (NOTE_GAP if k else 0)
            if used <= limit or k == 0:
                plan = (wanted[:k], wanted[k:], used)
                break
        self._plans[key] = plan
        return plan

    def _layout(self, numbers: Iterable[int], frame_height: float) -> tuple[list[Flowable], float]:
        """The note paragraphs (the last one naming any that did not fit) and their total height."""
        full, named, height = self._plan(numbers, frame_height)
        notes = [self._note(n) for n in full]
        if named:
            notes.append(self._more(named))
        return notes, height

    def _more(self, numbers: list[int]) -> Flowable:
        names = ", ".join(
            f"[{n}]" if self.brief.citation_style == "numeric" else self.brief.reference(n).author_date
            for n in numbers
        )
        more = Para(f"Also cited on this page: {escape(names)} (see References).", self.style)
        return Labelled(more, None, "P", (("Note", object()),))

    def band(self, numbers: Iterable[int], frame_height: float) -> float:
        """Height to reserve at the foot of a page citing `numbers` (0 when it cites nothing)."""
        full, named, height = self._plan(numbers, frame_height)
        return RULE_GAP + RULE_TO_NOTES + height if full or named else 0.0

    def draw(
        self, canv: Canvas, numbers: Iterable[int], x: float, bottom: float, frame_height: float
    ) -> None:
        """Draw the rule and the notes, the last note's bottom on `bottom`."""
        notes, height = self._layout(numbers, frame_height)
        if not notes:
            return
        top = bottom + height
        canv.saveState()
        canv.setStrokeColor(self.rule)
        canv.setLineWidth(0.5)
        canv.line(x, top + RULE_TO_NOTES, x + RULE_LENGTH, top + RULE_TO_NOTES)
        canv.restoreState()
        y = top
        for i, note in enumerate(notes):
            _, h = note.wrap(self.width, 1e6)
            y -= h + (NOTE_GAP if i else 0)
            note.drawOn(canv, x, y)
