"""Axis scales both renderers share, so a chart reads the same on a slide and on a page (no library)."""

from __future__ import annotations

import math
from collections.abc import Sequence

NICE = (1.0, 2.0, 2.5, 4.0, 5.0)
COLUMN_TOP = 0.65  # a combo's tallest column at most this far up the plot …
LINE_TOP = 0.9  # … the line's highest point at most this far, leaving room for its labels above …
CLEARANCE = 0.1  # … and its lowest point this far above the columns' tallest, so labels never collide


def tidy(x: float) -> float:
    """Rounded to 12 significant digits: 3.2, not 3.2000000000000002."""
    return float(f"{x:.12g}")


def nice_step(x: float) -> float:
    """The smallest 1-2-2.5-4-5 step (times a power of ten) of at least `x`."""
    unit = 10 ** math.floor(math.log10(x))
    return tidy(next((s * unit for s in NICE if s * unit >= x * (1 - 1e-9)), 10 * unit))


def combo_steps(primary: Sequence[float], secondary: Sequence[float]) -> tuple[int, float, float] | None:
    """(number of steps, left step, right step) for a combo chart: both axes from zero in the same number
    of steps (the right axis's ticks sit on the gridlines), chosen so the line runs above the columns.

    None when a value is negative or the largest is not above zero (automatic scales then apply).
    """
    if not primary or not secondary or min(*primary, *secondary) < 0 or max(primary) <= 0:
        return None
    p_max, s_min, s_max = max(primary), min(secondary), max(secondary)
    if s_max <= 0:
        return None
    candidates = []
    for n in range(4, 9):
        sp, ss = nice_step(p_max / COLUMN_TOP / n), nice_step(s_max / LINE_TOP / n)
        top, low = p_max / (n * sp), s_min / (n * ss)
        # Separation first (the line clear of the columns), then the tallest columns, then fewer steps.
        candidates.append(((min(low - top, CLEARANCE), top, -n), n, sp, ss))
    _, n, sp, ss = max(candidates)
    return n, sp, ss
