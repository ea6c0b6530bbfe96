"""Geometric checks of a written deck: every shape inside the slide, no two shapes partly over each other."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH

from briefgen.theme.look import read_backdrop
from tests.support.contrast import master_number

EMU_PER_IN = 914_400
TOLERANCE = 0.02  # inches: rounding of EMU positions


def _box(shape) -> tuple[float, float, float, float] | None:
    if shape.left is None or shape.width is None:
        return None
    return tuple(
        v / EMU_PER_IN for v in (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)
    )


def _inside(a, b) -> bool:
    """True when box a lies within box b."""
    return (
        a[0] >= b[0] - TOLERANCE
        and a[1] >= b[1] - TOLERANCE
        and a[2] <= b[2] + TOLERANCE
        and a[3] <= b[3] + TOLERANCE
    )


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > TOLERANCE and h > TOLERANCE else 0.0


# Shapes the template places over its own artwork by design: titles, footers, slide numbers, dates.
FRAMING = (PH.TITLE, PH.CENTER_TITLE, PH.FOOTER, PH.SLIDE_NUMBER, PH.DATE)
HAIRLINE = 0.06


def _framing(shape) -> bool:
    return (
        shape.is_placeholder
        and shape.placeholder_format.type in FRAMING
        or shape.name in ("Title", "Logo", "Footer", "Slide number", "Date")
    )


def art_problems(path, template: Path) -> list[str]:
    """'slide 4: 'Chart 3' lies on the template's artwork at x 10.19, y 5.66 in' for content shapes over
    the filled shapes and pictures of the slide's layout and master (hairlines and backgrounds aside)."""
    prs = Presentation(str(path))
    problems = []
    for n, slide in enumerate(prs.slides, start=1):
        art = [
            p
            for p in read_backdrop(template, slide.slide_layout.name, str(master_number(slide)))
            if p.art and (p.soft or min(p.w, p.h) >= HAIRLINE)
        ]
        for sh in slide.shapes:
            b = _box(sh)
            if b is None or _framing(sh):
                continue
            for p in art:
                if _overlap(b, (p.x, p.y, p.x + p.w, p.y + p.h)):
                    problems.append(
                        f"slide {n}: '{sh.name}' lies on the template's artwork "
                        f"at x {p.x:.2f}, y {p.y:.2f} in"
                    )
                    break
    return problems


def deck_problems(path) -> list[str]:
    """'slide 3: 'Tile 2' ends at 8.09 in, below the slide (6.20 in)' and 'slide 4: 'Source' overlaps
    'Tile 5''; a shape drawn inside another (a tile's text on its panel) is not an overlap."""
    prs = Presentation(str(path))
    w, h = prs.slide_width / EMU_PER_IN, prs.slide_height / EMU_PER_IN
    problems = []
    for n, slide in enumerate(prs.slides, start=1):
        boxes = [(sh.name, b) for sh in slide.shapes if (b := _box(sh)) is not None]
        for name, b in boxes:
            if not _inside(b, (0, 0, w, h)):
                problems.append(
                    f"slide {n}: '{name}' at x {b[0]:.2f}–{b[2]:.2f}, y {b[1]:.2f}–{b[3]:.2f} in "
                    f"is not inside the slide ({w:.2f} × {h:.2f} in)"
                )
        for i, (na, a) in enumerate(boxes):
            for nb, b in boxes[i + 1 :]:
                if _overlap(a, b) and not (_inside(a, b) or _inside(b, a)):
                    problems.append(f"slide {n}: '{na}' overlaps '{nb}'")
    return problems
