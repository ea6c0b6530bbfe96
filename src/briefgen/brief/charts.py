"""Charts from facts: series of cited values, checked so that every chart can be drawn honestly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from briefgen.brief.citations import Citations
from briefgen.brief.model import Axis, Chart, RichText, Series
from briefgen.facts.formatting import excel_format, python_format, unit_label, value_suffix
from briefgen.facts.resolved import FactTable, ResolvedFact
from briefgen.facts.tables import table_cell_id
from briefgen.spec.model import ChartSpec

# A bar shorter than this share of the longest cannot be seen: such values need tiles or separate charts.
SMALLEST_VISIBLE = 1 / 60


class _Assembly(Protocol):
    facts: FactTable
    cites: Citations
    shown: dict[str, None]

    def error(self, code: str, message: str, path: tuple, hint: str = "") -> None: ...

    def value_text(self, f: ResolvedFact, with_unit: bool = True, short: bool = False) -> str: ...

    def rich(self, text: str, path: tuple) -> RichText: ...


@dataclass(frozen=True)
class _SeriesIn:
    name: str
    points: tuple[tuple[str, str], ...]  # (category label, fact id)
    secondary: bool


def _series_in(chart: ChartSpec, at: tuple[int, int]) -> list[_SeriesIn]:
    if chart.table is not None:
        t = chart.table
        return [
            _SeriesIn(
                t.columns[c],
                tuple((str(row[0]), table_cell_id(*at, r, c)) for r, row in enumerate(t.rows)),
                False,
            )
            for c in range(1, len(t.columns))
        ]
    return [
        _SeriesIn(s.name, tuple((p.label, p.fact) for p in s.data), s.axis == "secondary")
        for s in chart.all_series()
    ]


def build_chart(
    a: _Assembly, chart: ChartSpec, path: tuple, at: tuple[int, int]
) -> tuple[Chart, list[str]] | None:
    """The chart and the ids of the facts it plots, or None after reporting why it cannot be drawn."""
    series_in = _series_in(chart, at)
    ids = [fid for s in series_in for _, fid in s.points]
    if any(fid not in a.facts for fid in ids):
        return None  # already reported (unknown or unverified fact, or a table value not in its source)
    facts = [a.facts[fid] for fid in ids]
    if bad := next((f for f in facts if f.value is None), None):
        a.error(
            "fact-without-value",
            f"chart '{chart.title}' plots fact '{bad.id}', which states no number",
            path,
            "plot facts whose quotes state a number",
        )
        return None
    floating = chart.layout == "range"
    ranged = next((f for f in facts if f.high is not None), None)
    single = next((f for f in facts if f.high is None), None)
    if ranged and not floating:
        a.error(
            "chart-range",
            f"chart '{chart.title}' plots fact '{ranged.id}', a range ({a.value_text(ranged)}); a "
            f"{chart.kind} chart shows one number per point",
            path,
            "draw ranges as floating bars with kind: column or bar and layout: range, or state the range "
            "in the text: '{" + ranged.id + "}'",
        )
        return None
    if floating and (single or len(series_in) != 1):
        a.error(
            "chart-range",
            f"chart '{chart.title}': floating bars (layout: range) show one series of ranges"
            + (f"; fact '{single.id}' states one number" if single else f", not {len(series_in)} series"),
            path,
            "plot range facts (value: [low, high]) in one series, or use layout: clustered",
        )
        return None
    problem = _shape_problem(chart, series_in)
    if problem is None:
        problem = _unit_problem(chart, series_in, a.facts)
    if problem is None:
        problem = None if floating else _visibility_problem(chart, series_in, a.facts)
    if problem:
        a.error(*problem[:2], path, problem[2])
        return None
    pairs = [pair for f in facts for pair in a.cites.pairs(f)]
    numbers = [n for n, _ in pairs]
    for fid in ids:
        a.shown.setdefault(fid)
    categories = tuple(label for label, _ in series_in[0].points)
    series = tuple(
        Series(
            s.name,
            tuple(float(a.facts[fid].value or 0) for _, fid in s.points),
            tuple(a.value_text(a.facts[fid], with_unit=False, short=True) for _, fid in s.points),
            tuple(fid for _, fid in s.points),
            s.secondary,
        )
        for s in series_in
    )
    if floating:
        series = _floating(series[0], a.facts)
    flags = _flags(series_in)
    primary = [f for flag, f in zip(flags, facts, strict=True) if not flag]
    secondary = [f for flag, f in zip(flags, facts, strict=True) if flag]
    words = "; ".join(
        f"{s.name}: " + ", ".join(f"{c} {lab}" for c, lab in zip(categories, s.labels, strict=True))
        for s in series
        if not s.hidden
    )
    unit, scale = primary[0].unit, primary[0].scale
    values = [float(f.value or 0) for f in primary]
    built = Chart(
        kind=chart.kind,
        title=chart.title,
        subtitle=chart.subtitle,
        categories=categories,
        series=series,
        source_note=a.cites.note(numbers, {f.kind for f in facts}),
        citations=tuple(sorted(set(numbers))),
        value_axis_title=chart.axis_title or _capital(unit_label(unit, scale)),
        number_format=excel_format(values, unit),
        axis_format=python_format(values),
        value_suffix=value_suffix(unit),
        reverse_value_axis=unit.strip().lower() in ("rank", "ordinal"),
        takeaway=a.rich(chart.takeaway, path + ("takeaway",)) if chart.takeaway else None,
        alt_text=chart.alt_text or f"{chart.kind.capitalize()} chart: {chart.title}. {words}.",
        layout="stacked" if chart.layout == "range" else chart.layout,
        secondary_axis=_axis(chart.secondary_axis_title, secondary) if secondary else None,
    )
    return built, ids


def _floating(s: Series, facts: FactTable) -> tuple[Series, ...]:
    """Floating bars as a stack: an invisible base up to each low end, then a visible bar to the high end,
    labelled with the range ('12–45%')."""
    lows = tuple(float(facts[fid].value or 0) for fid in s.fact_ids)
    spans = tuple(float(facts[fid].high or 0) - low for fid, low in zip(s.fact_ids, lows, strict=True))
    base = Series("", lows, ("",) * len(lows), s.fact_ids, hidden=True)
    return base, Series(s.name, spans, s.labels, s.fact_ids)


def _flags(series_in: list[_SeriesIn]) -> list[bool]:
    return [s.secondary for s in series_in for _ in s.points]


def _axis(title: str, facts: list[ResolvedFact]) -> Axis:
    unit, scale = facts[0].unit, facts[0].scale
    values = [float(f.value or 0) for f in facts]
    return Axis(
        title or unit_label(unit, scale).capitalize(),
        excel_format(values, unit),
        python_format(values),
        value_suffix(unit),
    )


def _shape_problem(chart: ChartSpec, series_in: list[_SeriesIn]) -> tuple[str, str, str] | None:
    """What makes this data the wrong shape for its kind of chart: (code, message, hint)."""
    name, kind = f"chart '{chart.title}'", chart.kind
    categories = [label for label, _ in series_in[0].points]
    for s in series_in[1:]:
        if [label for label, _ in s.points] != categories:
            return (
                "chart-categories",
                f"{name}: series '{s.name}' has other labels than the first series",
                f"give every series the labels {', '.join(categories)} in order",
            )
    if kind in ("pie", "doughnut") and (len(categories) < 2 or len(series_in) > 1):
        return (
            "chart-pie-data",
            f"{name}: a {kind} needs one series of at least two slices",
            "show a single share as a key number, or plot the parts of one whole",
        )
    if kind == "slope" and len(categories) != 2:
        return (
            "chart-slope-data",
            f"{name}: a slope chart shows two points per line (before and after), not {len(categories)}",
            "give each series exactly two points, or use a line chart",
        )
    secondary = [s for s in series_in if s.secondary]
    if kind == "combo" and not secondary:
        return (
            "chart-combo-data",
            f"{name}: a combo chart needs at least one series with 'axis: secondary' (drawn as a line)",
            "mark the line series with 'axis: secondary'",
        )
    if kind == "combo" and len(secondary) == len(series_in):
        return (
            "chart-combo-data",
            f"{name}: a combo chart needs at least one column series, but every series has 'axis: secondary'",
            "remove 'axis: secondary' from the series to draw as columns",
        )
    if kind != "combo" and secondary:
        return (
            "chart-secondary-axis",
            f"{name}: only combo charts have a secondary axis",
            "use 'kind: combo', or remove 'axis: secondary'",
        )
    if chart.layout == "percent" and len(series_in) < 2:
        return (
            "chart-percent-data",
            f"{name}: a percent layout shows each category's series as shares of "
            "100%, so it needs at least two series",
            "use 'layout: clustered' for one series",
        )
    return None


def _unit_problem(
    chart: ChartSpec, series_in: list[_SeriesIn], facts: FactTable
) -> tuple[str, str, str] | None:
    for group in (False, True):
        members = [facts[fid] for s in series_in if s.secondary == group for _, fid in s.points]
        if len({(f.unit.strip().lower(), f.scale) for f in members}) > 1:
            shown = ", ".join(f"{_named(f)} ({unit_label(f.unit, f.scale) or 'no unit'})" for f in members)
            return (
                "chart-mixed-units",
                f"chart '{chart.title}' mixes values that cannot share an axis: {shown}",
                "plot facts of one unit and scale; show the others as key numbers or another chart"
                + ("" if chart.kind == "combo" else ", or a combo chart with a secondary axis"),
            )
    return None


def _capital(text: str) -> str:
    """The first letter made a capital, the rest as written ('GW', not 'Gw'; '$ billion')."""
    return text[:1].upper() + text[1:]


def _named(fact: ResolvedFact) -> str:
    """A plotted figure as the spec names it: its fact id, or a table cell's row and column."""
    return fact.label if fact.id.startswith("table:") else fact.id


def _visibility_problem(
    chart: ChartSpec, series_in: list[_SeriesIn], facts: FactTable
) -> tuple[str, str, str] | None:
    """Bars side by side whose sizes differ so much that the smallest would not show."""
    if chart.kind not in ("column", "bar", "combo") or chart.layout != "clustered":
        return None
    values = [(abs(facts[fid].value or 0), fid) for s in series_in if not s.secondary for _, fid in s.points]
    nonzero = [v for v in values if v[0] > 0]
    if len(nonzero) < 2:
        return None
    (small, small_id), (large, large_id) = min(nonzero), max(nonzero)
    if small / large >= SMALLEST_VISIBLE:
        return None
    return (
        "chart-scale",
        f"chart '{chart.title}': '{_named(facts[small_id])}' is {small / large:.1%} of "
        f"'{_named(facts[large_id])}', too small "
        "to see beside it on one axis",
        "show these figures as key numbers (tiles), or in separate charts",
    )
