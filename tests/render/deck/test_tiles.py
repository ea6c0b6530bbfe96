"""Key-number tiles fit the body area the slide gives them, whatever its shape."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

import briefgen
from briefgen.brief.model import KeyNumber
from briefgen.render.deck.fit import para_height
from briefgen.render.deck.layout import DEFAULT_GEOMETRY
from briefgen.render.deck.measure import measuring
from briefgen.render.deck.tiles import key_number_slides, key_number_tiles
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import cite
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
    assert len({round(p.y, 3) for p in panels}) == 2  # two rows of three, not four and two
    assert len({round(p.x, 3) for p in panels}) == 3


FIGURES = [
    ("over 9.4 million units", "NEVs produced and sold, 2023"),
    ("up to 34%", "Share of cars sold that were electric"),
    ("128 bytes", "Largest header"),
    ("1.3 x", "Speed-up over the previous release"),
    ("$469.01 billion", "R&D investment, 2023"),
    ("12th", "Global Innovation Index rank"),
    ("2.64%", "R&D as a share of GDP"),
    ("over 1 trillion yuan", "“New trio” exports, 2023"),
]


@pytest.mark.parametrize("n", range(1, 9))
def test_any_count_of_figures_makes_a_balanced_grid_of_one_line_values(n):
    items = [KeyNumber(f"k{i}", v, label, cite(1)) for i, (v, label) in enumerate(FIGURES[:n])]
    boxes, rects = key_number_tiles(items, DEFAULT_GEOMETRY)
    panels = [r for r in rects if r.name.startswith("Key number panel")]
    rows = Counter(round(p.y, 3) for p in panels)
    counts = [rows[y] for y in sorted(rows)]
    # 5 → 3 + 2, 7 → 4 + 3: rows differ by one tile at most, the fuller ones first, none over four.
    assert sum(counts) == n and max(counts) - min(counts) <= 1 and counts == sorted(counts, reverse=True)
    assert max(counts) <= 4
    # A shorter last row is centred under the ones above.
    for y in rows:
        row = sorted((p for p in panels if round(p.y, 3) == y), key=lambda p: p.x)
        left, right = row[0].x - DEFAULT_GEOMETRY.left, DEFAULT_GEOMETRY.right - (row[-1].x + row[-1].w)
        assert abs(left - right) < 0.01
    values = {int(b.name.split()[-1]): b for b in boxes if re.fullmatch(r"Key number \d+", b.name)}
    with measuring(DEFAULT_THEME.measure_files, DEFAULT_THEME.bullet_indent_pt):
        for i, box in values.items():
            (para,) = box.paragraphs
            # One line each, anchored at the bottom of boxes of one height: the baselines align.
            assert para_height(para, box.w) <= para.size * para.line_spacing + 0.01, FIGURES[i - 1][0]
            assert box.anchor == "bottom"
            # The number never parts from its unit.
            assert re.search(r"\d [^\d]", para.text.plain) is None, para.text.plain
        for y in rows:
            same_row = [b for i, b in values.items() if round(panels[i - 1].y, 3) == y]
            assert len({(round(b.y + b.h, 3), b.paragraphs[0].size) for b in same_row}) == 1
            assert min(b.paragraphs[0].size for b in same_row) >= 16


def test_figures_that_do_not_fit_a_short_body_go_onto_more_slides():
    items = [KeyNumber(f"k{i}", v, label, cite(1)) for i, (v, label) in enumerate(FIGURES)]
    short = replace(DEFAULT_GEOMETRY, content_w=5.0, body_y=1.5, body_bottom=3.6)
    slides = key_number_slides(items, short)
    assert len(slides) > 1
    # Split evenly, in order, every figure once.
    assert [k.value for chunk, _, _ in slides for k in chunk] == [v for v, _ in FIGURES]
    sizes = [len(chunk) for chunk, _, _ in slides]
    assert max(sizes) - min(sizes) <= 1
    for _, boxes, rects in slides:
        for shape in (*rects, *boxes):
            assert shape.y + shape.h <= short.body_bottom + 1e-6, shape.name


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
