"""Key-number tiles: big values on a shared baseline, labels under them, one size for the whole panel."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.model import FactValue, KeyNumber, Marker, RichText, Text
from briefgen.render.deck_fit import fits
from briefgen.render.deck_layout import (
    BODY_BOTTOM,
    BODY_Y,
    CONTENT_W,
    MARGIN,
    RULE_H,
    BoxPlan,
    ParaPlan,
    RectPlan,
)


def key_number_tiles(items: Sequence[KeyNumber]) -> tuple[list[BoxPlan], list[RectPlan]]:
    """Panels with the value on a shared baseline and the label under it, so the row reads as a set."""
    if not items:
        return [], []
    cols = min(len(items), 4)
    rows = (len(items) + cols - 1) // cols
    # Two rows are set a little tighter so that they end above the slide's source line.
    gap, inset = (0.3, 0.25) if rows == 1 else (0.25, 0.2)
    w = (CONTENT_W - gap * (cols - 1)) / cols
    value_h, label_h = (1.7, 0.75) if rows == 1 else (1.05, 0.6)
    if rows > 1 and any(k.marker.style == "author-date" for k in items):
        value_h, label_h = 0.95, 0.7  # the label carries the marker: give it a third line
    h = inset + value_h + 0.1 + label_h + inset
    top = BODY_Y + max((BODY_BOTTOM - BODY_Y - rows * h - (rows - 1) * gap) / 2, 0.0)
    inner = w - 2 * inset

    # A superscript marker follows the value; an author-date one, normal-size text, follows the label
    # (at the value's size it would crowd the figure out of its tile).
    def value(item: KeyNumber, size: float) -> list[ParaPlan]:
        mark = item.marker if item.marker.style == "numeric" else Marker()
        rt = RichText((FactValue(item.fact_id, item.value, item.citations),), mark)
        return [ParaPlan(rt, size, "fact-value", line_spacing=1.05)]

    def label(item: KeyNumber, size: float) -> list[ParaPlan]:
        mark = item.marker if item.marker.style == "author-date" else Marker()
        return [ParaPlan(RichText((Text(item.label),), mark), size, "body")]

    # One value size and one label size for every tile.
    vsize = next(
        (
            s
            for s in (40.0, 36.0, 32.0, 28.0, 24.0, 20.0)
            if all(fits(value(k, s), inner, value_h) for k in items)
        ),
        18.0,
    )
    lsize = next(
        (s for s in (16.0, 14.0, 12.0, 11.0, 10.0) if all(fits(label(k, s), inner, label_h) for k in items)),
        9.0,
    )
    boxes, rects = [], []
    for i, item in enumerate(items):
        r, c = divmod(i, cols)
        x, y = MARGIN + c * (w + gap), top + r * (h + gap)
        rects.append(RectPlan(f"Key number panel {i + 1}", x, y, w, h, "panel"))
        rects.append(RectPlan(f"Key number rule {i + 1}", x, y, w, RULE_H, "accent"))
        boxes.append(
            BoxPlan(
                f"Key number {i + 1}",
                x + inset,
                y + inset,
                inner,
                value_h,
                tuple(value(item, vsize)),
                anchor="bottom",
            )
        )
        boxes.append(
            BoxPlan(
                f"Key number label {i + 1}",
                x + inset,
                y + inset + value_h + 0.1,
                inner,
                label_h,
                tuple(label(item, lsize)),
            )
        )
    return boxes, rects
