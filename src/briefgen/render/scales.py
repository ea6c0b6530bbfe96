"""Value axes and label placement both renderers share, so a chart reads the same on a slide and on a
page: the same bounds, steps, tick texts, and end labels nudged apart alike."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.brief.model import Chart

NICE = (1.0, 2.0, 2.5, 5.0)
STEPS = 5  # about this many steps up an axis
HEADROOM = 0.05  # a point within this share of the top gets one more step (its label stays inside)


def tidy(x: float) -> float:
    """Rounded to 12 significant digits: 3.2, not 3.2000000000000002."""
    return float(f"{x:.12g}")


def nice_step(x: float) -> float:
    """The smallest 1-2-2.5-5 step (times a power of ten) of at least `x`."""
    unit = 10 ** math.floor(math.log10(x))
    return tidy(next((s * unit for s in NICE if s * unit >= x * (1 - 1e-9)), 10 * unit))


@dataclass(frozen=True)
class Scale:
    """A value axis from `low` to `high` in steps of `step`; `blank_low` leaves the lowest tick
    unlabelled (a rank axis starts at 0, which is no rank, so that rank 1 sits by the top)."""

    low: float
    high: float
    step: float
    blank_low: bool = False

    @property
    def ticks(self) -> list[float]:
        n = round((self.high - self.low) / self.step)
        return [tidy(self.low + k * self.step) for k in range(n + 1)]

    @property
    def decimals(self) -> int:
        """The decimal places the ticks need: none for a step of 5, one for 2.5, two for 0.25."""
        for places in range(7):
            if abs(self.step * 10**places - round(self.step * 10**places)) < 1e-6:
                return places
        return 6

    def text(self, value: float, spec: str = ",", suffix: str = "") -> str:
        """A tick as printed: thousands separated when the chart's `spec` asks (',…'), the step's
        decimals, then the suffix ('%'); '' for a blank lowest tick."""
        if self.blank_low and value == self.low:
            return ""
        comma = "," if spec.startswith(",") else ""
        return format(value, f"{comma}.{self.decimals}f") + suffix

    def excel_format(self, spec: str = ",", suffix: str = "") -> str:
        """The same tick text as an Excel number format, for a deck's axis: '#,##0.0"%"'."""
        number = ("#,##0" if spec.startswith(",") else "0") + (
            "." + "0" * self.decimals if self.decimals else ""
        )
        if suffix:
            number += '"' + suffix.replace('"', "") + '"'
        # A blank zero: positive;negative;zero sections, the zero one empty.
        return f"{number};-{number};" if self.blank_low else number


def value_scale(values: Sequence[float], reverse: bool = False, headroom: bool = False) -> Scale:
    """The axis for these values: from 0 (or the round step below a negative least) to the round step
    at or above the largest, in about STEPS steps of 1, 2, 2.5 or 5 × a power of ten. `reverse`: ranks
    (1 at the top), from 0 with that tick blank. `headroom`: one more step when the largest value sits
    at the very top (its label would touch the edge)."""
    finite = [v for v in values if math.isfinite(v)]
    lo, hi = min([0.0, *finite]), max([0.0, *finite])
    span = (hi - lo) or abs(hi) or 1.0
    step = nice_step(span / STEPS)
    low = math.floor(lo / step + 1e-9) * step
    high = math.ceil(hi / step - 1e-9) * step
    if high <= low:
        high = low + step
    if headroom and finite and max(finite) > high - (high - low) * HEADROOM:
        high += step
    return Scale(tidy(low), tidy(high), step, blank_low=reverse and bool(finite) and min(finite) >= 1)


def chart_scale(chart: Chart) -> tuple[Scale, str, str]:
    """The value axis of a column, bar, line or slope chart, with the format spec and suffix of its ticks:
    what the axis must hold is each value, each category's total for stacked layouts, 100 for a layout
    as shares of 100%."""
    values = [v for s in chart.series for v in s.values if v is not None and math.isfinite(v)]
    layout = chart.layout if chart.kind in ("column", "bar") else "clustered"
    if layout == "percent":
        return value_scale([100.0]), ".0f", "%"
    if layout == "stacked":
        cols = list(zip(*(s.values for s in chart.series), strict=False))
        values = [sum(v for v in c if v > 0) for c in cols] + [sum(v for v in c if v < 0) for c in cols]
    scale = value_scale(values, chart.reverse_value_axis, headroom=chart.kind == "slope")
    return scale, chart.axis_format, chart.value_suffix


def combo_scales(primary: Sequence[float], secondary: Sequence[float]) -> tuple[Scale, Scale]:
    """A combo chart's left and right axes, each scaled to its own data (from zero, or a round step
    below a negative least), in the same number of steps so that the right axis's ticks sit on the
    left one's gridlines."""
    left = value_scale(primary)
    n = round((left.high - left.low) / left.step)
    finite = [v for v in secondary if math.isfinite(v)]
    lo, hi = min([0.0, *finite]), max([0.0, *finite])
    step = nice_step(((hi - lo) or abs(hi) or 1.0) / n)
    for _ in range(40):
        low = math.floor(lo / step + 1e-9) * step
        if low + n * step >= hi - step * 1e-9:
            break
        step = nice_step(step * 1.001)
    return left, Scale(tidy(low), tidy(low + n * step), step)


def spread(wanted: Sequence[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label centres as close to `wanted` as possible, at least `gap` apart, within [lo, hi]: the end
    labels of a slope chart, whose close values would print on top of each other."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    ys = [wanted[i] for i in order]
    for _ in range(len(ys) + 1):
        # Push up from below, then down from above; a few rounds settle any cluster.
        for k in range(1, len(ys)):
            ys[k] = max(ys[k], ys[k - 1] + gap)
        if ys and ys[-1] > hi:
            ys[-1] = hi
        for k in range(len(ys) - 2, -1, -1):
            ys[k] = min(ys[k], ys[k + 1] - gap)
        if ys and ys[0] < lo:
            ys[0] = lo
    out = [0.0] * len(wanted)
    for i, y in zip(order, ys, strict=True):
        out[i] = y
    return out
