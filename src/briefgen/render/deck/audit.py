"""The deck's layout audit: how much of each slide's body holds content, shapes off the slide or over
each other, text over its box, lines with a lone word (measured on the plan, no python-pptx)."""

from __future__ import annotations

from collections.abc import Iterator

from briefgen.render.deck.fit import SUPERSCRIPT_SCALE, body_text, line_width, spans, tail_fits, text_height
from briefgen.render.deck.layout import BoxPlan, DeckPlan, Geometry, SlidePlan
from briefgen.render.deck.measure import line_words, measuring
from briefgen.render.typeset import MIN_WORDS
from briefgen.theme.model import Theme

# A content slide whose content covers less than this share of its body area is near-empty.
MIN_FILL = 0.2
# Slides that are meant to be sparse: the cover, dividers and the closing slide.
SPARSE_KINDS = frozenset({"title", "section", "closing"})
# Boxes narrower than this (inches; a table's narrow column) may end a paragraph on a lone word.
MIN_MEASURE = 2.0
# Boxes at the slide's edges, outside the body: they neither fill it nor count as overlapping content.
FRAME_BOXES = frozenset({"Footer", "Slide number", "Date", "Source line", "Classification banner"})
TOLERANCE = 0.02  # inches: shapes that only touch do not overlap
CELLS = 60  # the body is sampled on a grid this many cells across for its fill


Rect = tuple[float, float, float, float]


def _rects(slide: SlidePlan) -> Iterator[tuple[str, Rect]]:
    """Every shape of the slide with its box: text boxes, rules and panels, charts, tables, pictures."""
    for b in (slide.title, *slide.boxes):
        yield b.name, (b.x, b.y, b.w, b.h)
    for r in slide.rects:
        yield r.name, (r.x, r.y, r.w, r.h)
    for c in slide.charts:
        yield f"Chart '{c.chart.title}'", (c.x, c.y, c.w, c.h)
    for t in slide.tables:
        yield t.name, (t.x, t.y, t.w, t.h)
    for p in slide.pictures:
        yield p.name, (p.x, p.y, p.w, p.h)


def _inside(a: Rect, b: Rect) -> bool:
    return (
        a[0] >= b[0] - TOLERANCE
        and a[1] >= b[1] - TOLERANCE
        and a[0] + a[2] <= b[0] + b[2] + TOLERANCE
        and a[1] + a[3] <= b[1] + b[3] + TOLERANCE
    )


def _overlap(a: Rect, b: Rect) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > TOLERANCE and h > TOLERANCE else 0.0


def text_extent(box: BoxPlan) -> float:
    """The height (inches) the box's text takes, as measured."""
    return text_height(box.paragraphs, box.w - 2 * box.inset) / 72


def _ink(box: BoxPlan) -> Rect:
    """The part of a box that shows something: all of a filled box, else its text from its anchor."""
    if box.fill:
        return box.x, box.y, box.w, box.h
    h = min(text_extent(box) + 2 * box.inset, box.h)
    y = {"top": box.y, "middle": box.y + (box.h - h) / 2, "bottom": box.y + box.h - h}[box.anchor]
    return box.x, y, box.w, h


def body_fill(slide: SlidePlan, geo: Geometry) -> float:
    """The share of the body area (between the title and the source line) that content covers."""
    x0, y0, w, h = geo.left, geo.body_y, geo.content_w, geo.body_h
    shapes = [_ink(b) for b in slide.boxes if b.name not in FRAME_BOXES]
    shapes += [(r.x, r.y, r.w, r.h) for r in slide.rects if r.role != "accent"]
    shapes += [(c.x, c.y, c.w, c.h) for c in slide.charts]
    shapes += [(t.x, t.y, t.w, t.h) for t in slide.tables]
    rows = max(1, round(CELLS * h / w))
    covered = 0
    for i in range(CELLS):
        cx = x0 + (i + 0.5) * w / CELLS
        for j in range(rows):
            cy = y0 + (j + 0.5) * h / rows
            covered += any(s[0] <= cx <= s[0] + s[2] and s[1] <= cy <= s[1] + s[3] for s in shapes)
    return covered / (CELLS * rows)


def lone_words(box: BoxPlan) -> list[str]:
    """The paragraphs of a box whose last line holds a single word, its marker aside (quoted by their
    last words); paragraphs shorter than MIN_WORDS, labels and cells, may."""
    out = []
    for p in box.paragraphs:
        if not body_text(p) or len(p.text.plain.split()) < MIN_WORDS or p.url or box.w < MIN_MEASURE:
            continue  # titles, short texts, narrow boxes and a reference's URL may end on one word
        width = line_width(p, box.w - 2 * box.inset)
        if width <= 1 or not tail_fits(p, width):
            continue  # the last two words together are wider than a line: nothing can keep them
        lines = line_words(spans(p, SUPERSCRIPT_SCALE, width), width, p.size)
        if len(lines) > 1 and lines[-1] == 1:
            out.append("…" + " ".join(p.text.plain.split()[-3:]))
    return out


def slide_problems(slide: SlidePlan, geo: Geometry) -> list[str]:
    """What a designer would send back about one slide."""
    out = []
    shapes = list(_rects(slide))
    for name, (x, y, w, h) in shapes:
        if (
            x < -TOLERANCE
            or y < -TOLERANCE
            or x + w > geo.slide_w + TOLERANCE
            or y + h > geo.slide_h + TOLERANCE
        ):
            out.append(f"'{name}' runs off the slide (x {x:.2f}–{x + w:.2f}, y {y:.2f}–{y + h:.2f} in)")
    content = [(n, r) for n, r in shapes if n not in FRAME_BOXES]
    for i, (na, a) in enumerate(content):
        for nb, b in content[i + 1 :]:
            if _overlap(a, b) > 0 and not _inside(a, b) and not _inside(b, a):
                out.append(f"'{na}' overlaps '{nb}'")
    for box in (slide.title, *slide.boxes):
        if box.paragraphs and text_extent(box) + 2 * box.inset > box.h + TOLERANCE:
            out.append(f"'{box.name}' text needs {text_extent(box):.2f} in, its box is {box.h:.2f} in")
        out += [f"'{box.name}' ends on a lone word: {t}" for t in lone_words(box)]
    if slide.kind not in SPARSE_KINDS:
        fill = body_fill(slide, geo)
        if fill < MIN_FILL:
            out.append(f"content fills {fill:.0%} of the body, under {MIN_FILL:.0%}")
    return out


def audit_plan(plan: DeckPlan, geo: Geometry, theme: Theme) -> list[str]:
    """'slide 7 (References): content fills 12% of the body, under 20%' for every problem of the deck."""
    with measuring(theme.measure_files, theme.bullet_indent_pt):
        return [
            f"slide {n} ({s.title_text or s.kind}): {p}"
            for n, s in enumerate(plan.slides, start=1)
            for p in slide_problems(s, geo)
        ]
