"""Key-number tiles fit the body area the slide gives them, whatever its shape."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

import briefgen
from briefgen.render.deck.layout import DEFAULT_GEOMETRY
from briefgen.render.deck.tiles import key_number_tiles
from tests.support.geometry import deck_problems
from tests.support.paths import EXAMPLE


def example_items():
    key_numbers = briefgen.load(EXAMPLE).key_numbers
    assert key_numbers is not None and len(key_numbers.items) == 6
    return key_numbers.items


@pytest.mark.parametrize(
    ("left", "width", "body_y", "bottom"),
    [
        (0.55, 9.92, 1.45, 4.6),  # a LibreOffice template's body: 9.9 × 3.2 in
        (0.6, 12.1, 1.6, 4.2),  # wide and short: 12.1 × 2.6 in
        (0.7, 8.6, 1.5, 6.6),  # 4:3, tall
    ],
)
def test_six_tiles_end_inside_the_body_area(left, width, body_y, bottom):
    geo = replace(DEFAULT_GEOMETRY, left=left, content_w=width, body_y=body_y, body_bottom=bottom)
    boxes, rects = key_number_tiles(example_items(), geo)
    assert len(rects) == 12
    for shape in (*rects, *boxes):
        assert shape.y >= body_y - 1e-6 and shape.y + shape.h <= bottom + 1e-6, shape.name
        assert shape.x >= left - 1e-6 and shape.x + shape.w <= left + width + 1e-6, shape.name
    values = [b for b in boxes if re.fullmatch(r"Key number \d+", b.name)]
    assert len(values) == 6 and all(b.h >= 0.45 for b in values)  # still room for a readable value


def test_the_default_slide_keeps_its_tiles():
    boxes, rects = key_number_tiles(example_items(), DEFAULT_GEOMETRY)
    panels = [r for r in rects if r.name.startswith("Key number panel")]
    assert len({round(p.y, 3) for p in panels}) == 2  # two rows of up to four
    assert len({round(p.x, 3) for p in panels}) == 4


def test_the_geometry_check_finds_a_shape_off_the_slide_and_an_overlap(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(6.5), Inches(2), Inches(2)).name = "Low"
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(2)).name = "A"
    slide.shapes.add_textbox(Inches(3), Inches(2), Inches(3), Inches(2)).name = "B"
    slide.shapes.add_textbox(Inches(1.2), Inches(1.2), Inches(1), Inches(0.5)).name = "Inside A"
    path = Path(tmp_path / "d.pptx")
    prs.save(str(path))
    assert deck_problems(path) == [
        "slide 1: 'Low' at x 1.00–3.00, y 6.50–8.50 in is not inside the slide (10.00 × 7.50 in)",
        "slide 1: 'A' overlaps 'B'",
    ]
