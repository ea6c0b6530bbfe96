"""Key-number tiles: big values on a shared baseline, a change line and a label under them, one size for
the whole panel."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.brief.model import FactValue, KeyNumber, Marker, RichText, Text
from briefgen.render.deck.fit import fits, needed_height, para_height, plain, words_fit
from briefgen.render.deck.layout import DEFAULT_GEOMETRY, RULE_H, BoxPlan, Geometry, ParaPlan, RectPlan
from briefgen.render.typeset import balanced, glued

# What the reader sees: ▲ or ▼ (the model says which; a rank that falls from 29th to 12th went "up").
ARROWS = {"up": "▲", "down": "▼"}
# A change states a direction, not whether it is good news: one neutral colour for both arrows.
CHANGE_ROLE = "body"
NBSP = "\u00a0"
# Value sizes, largest first; the small end is for long words in narrow tiles.
PER_SLIDE = 8
ONE_LINE_LEAST = 16.0  # values keep to one line down to this size before any wraps
VALUE_SIZES = (40.0, 36.0, 32.0, 28.0, 24.0, 20.0, 18.0, 16.0, 14.0, 12.0, 11.0, 10.0, 9.0, 8.0)


def change_text(item: KeyNumber) -> str:
    """'▲ 17 places since 2011' (a no-break space keeps the arrow with its text); '' without a change."""
    if not item.change:
        return ""
    arrow = ARROWS.get(item.change_direction, "")
    return f"{arrow}{NBSP}{item.change}" if arrow else item.change


LONGEST_VALUE_MARKER = 12  # characters: '[1, p. 123]' follows the value; '[1, cell D11309]' would shrink it


def marker_with_label(item: KeyNumber) -> bool:
    """The marker follows the label, not the value: an author-date marker, or a numeric one too long to
    ride on the figure (a cell address, a section's name), which would crowd it out of its tile."""
    return item.marker.style == "author-date" or len(item.marker.text) > LONGEST_VALUE_MARKER


def _change(item: KeyNumber, size: float) -> list[ParaPlan]:
    return [ParaPlan(plain(change_text(item)), size, CHANGE_ROLE, line_spacing=1.1)]


def _measured(item: KeyNumber, size: float) -> list[ParaPlan]:
    """The change as measured: each arrow as two M's, since Carlito has no ▲ or ▼ and the fonts viewers
    fall back to draw them up to an em wide."""
    text = change_text(item)
    for arrow in ARROWS.values():
        text = text.replace(arrow, "MM")
    return [ParaPlan(plain(text), size, CHANGE_ROLE, line_spacing=1.1)]


def change_line(items: Sequence[KeyNumber], w: float, rows: int) -> tuple[float, float]:
    """(size, box height) of the panel's change lines: one line at the largest size that fits, else
    wrapped at a small size; (0, 0) when no figure has a change."""
    changed = [k for k in items if k.change]
    if not changed:
        return 0.0, 0.0
    one, most = (0.45, 0.9) if rows == 1 else (0.25, 0.35)
    sizes = (20.0, 18.0, 16.0, 14.0) if rows == 1 else (16.0, 14.0, 12.0)
    for size in sizes:
        if all(fits(_measured(k, size), w, one) for k in changed):
            return size, one
    for size in (sizes[-1], 11.0, 10.0, 9.0):
        need = max(needed_height(_measured(k, size), w) for k in changed)
        if need <= most:
            return size, need
    return 9.0, most


Grid = tuple[tuple[int, ...], float, float, float, float, float, float]
# The fewest a tile may have and still be read (inches): a value line and a label line.
LEAST_VALUE_H, LEAST_LABEL_H = 0.4, 0.28


def _grid(items: Sequence[KeyNumber], geo: Geometry) -> Grid | None:
    """(tiles per row, gap, inset, value height, label height, change size, change height) of a panel that
    fits the body area: rows of up to 4, else up to 6 or 8 in fewer rows when a template's body is short,
    else the value and label boxes shrink in proportion to the height there is. None when even that
    leaves a value or a label too little room (the figures then need more slides)."""
    n = len(items)
    tried = []
    for most in dict.fromkeys((min(n, 4), min(n, 6), min(n, 8))):
        per_row = balanced(n, most)
        cols, rows = per_row[0], len(per_row)
        # Two rows are set a little tighter so that they end above the slide's source line.
        gap, inset = (0.3, 0.25) if rows == 1 else (0.25, 0.2)
        value_h, label_h = (1.7, 0.75) if rows == 1 else (1.05, 0.6)
        if rows > 1 and any(marker_with_label(k) for k in items):
            value_h, label_h = 0.95, 0.7  # the label carries the marker: give it a third line
        inner = (geo.content_w - gap * (cols - 1)) / cols - 2 * inset
        # A change line under the values: one row has room to grow, two rows take it from the values.
        csize, change_h = change_line(items, inner, rows)
        if rows > 1:
            value_h -= change_h
        h = inset + value_h + change_h + 0.1 + label_h + inset
        grid = (per_row, gap, inset, value_h, label_h, csize, change_h)
        if rows * h + (rows - 1) * gap <= geo.body_h + 1e-6 and inner >= 1.2:
            return grid
        tried.append(grid)
    # None fits: set the panel tighter and shrink the value and label boxes, in the grid that keeps them
    # largest; below the least a value or label needs, the figures go onto more slides.
    best = max(tried, key=lambda g: _shrink(g, geo))
    per_row, _, _, value_h, label_h, csize, change_h = best
    scale = _shrink(best, geo)
    if value_h * scale < LEAST_VALUE_H or label_h * scale < LEAST_LABEL_H:
        return None
    return per_row, 0.15, 0.12, value_h * scale, label_h * scale, csize, change_h


def _shrink(grid: Grid, geo: Geometry) -> float:
    """How much a grid's value and label boxes shrink (1 = not at all) to fit, set tight."""
    per_row, _, _, value_h, label_h, _, change_h = grid
    cols, rows = per_row[0], len(per_row)
    if (geo.content_w - 0.15 * (cols - 1)) / cols - 0.24 < 0.9:
        return 0.0
    room = (geo.body_h - (rows - 1) * 0.15) / rows - (0.24 + change_h + 0.1)
    return min(max(room / (value_h + label_h), 0.0), 1.0)


def key_number_slides(
    items: Sequence[KeyNumber], geo: Geometry = DEFAULT_GEOMETRY
) -> list[tuple[Sequence[KeyNumber], list[BoxPlan], list[RectPlan]]]:
    """The figures in panels, slide by slide: up to eight a slide, fewer where the body is too short for
    them (the figures then split evenly over the slides they need)."""
    items = list(items)
    for count in range(-(-len(items) // PER_SLIDE), len(items) + 1):
        base, extra = divmod(len(items), count)
        ends = [0]
        for i in range(count):
            ends.append(ends[-1] + base + (1 if i < extra else 0))
        chunks = [items[a:b] for a, b in zip(ends, ends[1:], strict=False)]
        grids = [_grid(c, geo) for c in chunks]
        if all(g is not None for g in grids):
            return [(c, *_tiles(c, g, geo)) for c, g in zip(chunks, grids, strict=True) if g is not None]
    return [
        (items[i : i + 1], *_tiles(items[i : i + 1], _least(items[i : i + 1], geo), geo))
        for i in range(len(items))
    ]


def _least(items: Sequence[KeyNumber], geo: Geometry) -> Grid:
    """One tile set as tight as it goes, for a body too short even for that (the geometry check of the
    tests reports such a layout)."""
    csize, change_h = change_line(items, geo.content_w - 0.24, 1)
    return (1,), 0.15, 0.12, LEAST_VALUE_H, LEAST_LABEL_H, csize, change_h


def key_number_tiles(
    items: Sequence[KeyNumber], geo: Geometry = DEFAULT_GEOMETRY
) -> tuple[list[BoxPlan], list[RectPlan]]:
    """The figures in panels on one slide (see key_number_slides for more than fit one)."""
    if not items:
        return [], []
    return _tiles(items, _grid(items, geo) or _least(items, geo), geo)


def _tiles(items: Sequence[KeyNumber], grid: Grid, geo: Geometry) -> tuple[list[BoxPlan], list[RectPlan]]:
    """Panels with the value on a shared baseline and the label under it, so the row reads as a set; a
    shorter last row is centred under the others."""
    per_row, gap, inset, value_h, label_h, csize, change_h = grid
    cols, rows = per_row[0], len(per_row)
    w = (geo.content_w - gap * (cols - 1)) / cols
    inner = w - 2 * inset
    h = inset + value_h + change_h + 0.1 + label_h + inset
    top = geo.body_y + max((geo.body_h - rows * h - (rows - 1) * gap) / 2, 0.0)

    # A short superscript marker follows the value; an author-date one (normal-size text) or a long one
    # follows the label (at the value's size it would crowd the figure out of its tile).
    def value(item: KeyNumber, size: float) -> list[ParaPlan]:
        mark = Marker() if marker_with_label(item) else item.marker
        rt = RichText((FactValue(item.fact_id, glued(item.value), item.citations),), mark)
        return [ParaPlan(rt, size, "fact-value", line_spacing=1.05)]

    def label(item: KeyNumber, size: float) -> list[ParaPlan]:
        mark = item.marker if marker_with_label(item) else Marker()
        return [ParaPlan(RichText((Text(item.label),), mark), size, "body")]

    # One value size a row and one label size for every tile, each value on one line so that the row's
    # baselines align. A value too long for one line at a readable size wraps between words, never
    # between its number and its unit ('128 bytes'), nor inside a word or before its marker.
    def one_line(row: Sequence[KeyNumber], s: float) -> bool:
        return all(
            fits(value(k, s), inner, value_h) and para_height(value(k, s)[0], inner) <= s * 1.05 + 0.01
            for k in row
        )

    def value_fits(row: Sequence[KeyNumber], s: float) -> bool:
        return all(fits(value(k, s), inner, value_h) and words_fit(value(k, s), inner) for k in row)

    def row_size(row: Sequence[KeyNumber]) -> float:
        size = next((s for s in VALUE_SIZES if one_line(row, s)), 0.0)
        if size < ONE_LINE_LEAST:
            size = max(size, next((s for s in VALUE_SIZES if value_fits(row, s)), VALUE_SIZES[-1]))
        return size

    starts = [sum(per_row[:r]) for r in range(rows)]
    vsizes = [row_size(items[a : a + n]) for a, n in zip(starts, per_row, strict=True)]
    lsize = next(
        (s for s in (16.0, 14.0, 12.0, 11.0, 10.0) if all(fits(label(k, s), inner, label_h) for k in items)),
        9.0,
    )
    boxes, rects = [], []
    places = [(r, c) for r, n in enumerate(per_row) for c in range(n)]
    for i, item in enumerate(items):
        r, c = places[i]
        shift = (cols - per_row[r]) * (w + gap) / 2
        x, y = geo.left + shift + c * (w + gap), top + r * (h + gap)
        # The panel speaks for its tile: a screen reader hears the figure with its label and change.
        said = " — ".join(t for t in (item.value, item.label, change_text(item).replace(NBSP, " ")) if t)
        rects.append(RectPlan(f"Key number panel {i + 1}", x, y, w, h, "panel", f"Key figure: {said}"))
        rects.append(RectPlan(f"Key number rule {i + 1}", x, y, w, RULE_H, "accent"))
        boxes.append(
            BoxPlan(
                f"Key number {i + 1}",
                x + inset,
                y + inset,
                inner,
                value_h,
                tuple(value(item, vsizes[r])),
                anchor="bottom",
            )
        )
        if item.change:
            paras = tuple(_change(item, csize))
            cy = y + inset + value_h
            boxes.append(BoxPlan(f"Key number change {i + 1}", x + inset, cy, inner, change_h, paras))
        boxes.append(
            BoxPlan(
                f"Key number label {i + 1}",
                x + inset,
                y + inset + value_h + change_h + 0.1,
                inner,
                label_h,
                tuple(label(item, lsize)),
            )
        )
    return boxes, rects
