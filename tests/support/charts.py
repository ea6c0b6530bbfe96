"""A hand-built Brief with one chart of every kind and layout, and key numbers with changes."""

from __future__ import annotations

from briefgen.brief.model import (
    Axis,
    Brief,
    Chart,
    KeyNumber,
    KeyNumbers,
    Reference,
    Section,
    Series,
)
from tests.support.briefs import cite, rt

SOURCE = "Source: Consul General in Mumbai (2024) [1]"


def chart(kind: str, title: str, categories: tuple[str, ...], series: tuple[Series, ...], **kw) -> Chart:
    return Chart(
        kind=kind,
        title=title,
        categories=categories,
        series=series,
        source_note=SOURCE,
        citations=(1,),
        alt_text=f"{kind} chart: {title}",
        **kw,
    )  # type: ignore[arg-type]


def labels(values: tuple[float, ...], fmt: str = "{:,.0f}") -> tuple[str, ...]:
    return tuple(fmt.format(v) for v in values)


REGIONS = ("North", "South", "East", "West")
Y22 = (120.0, 80.0, 45.0, 30.0)
Y23 = (140.0, 95.0, 40.0, 55.0)
SHARE = (60.0, 25.0, 15.0)


def regional(kind: str, title: str, **kw) -> Chart:
    """Projects by region, 2022 and 2023, whole numbers."""
    years = (Series("2022", Y22, labels(Y22)), Series("2023", Y23, labels(Y23)))
    return chart(kind, title, REGIONS, years, number_format="#,##0", axis_format=",.0f", **kw)


GALLERY: tuple[Chart, ...] = (
    regional("column", "Clustered columns", value_axis_title="Projects"),
    regional("column", "Stacked columns", layout="stacked", value_axis_title="Projects"),
    regional(
        "column",
        "Columns as shares of 100%",
        layout="percent",
        value_axis_title="Share of each region’s projects",
    ),
    regional("bar", "Clustered bars", value_axis_title="Projects"),
    regional("bar", "Stacked bars", layout="stacked"),
    regional("bar", "Bars as shares of 100%", layout="percent"),
    chart(
        "line",
        "Line",
        ("2019", "2020", "2021", "2022", "2023"),
        (Series("Exports", (3.1, 3.4, 4.0, 4.4, 4.6), ("3.1", "3.4", "4.0", "4.4", "4.6")),),
        value_axis_title="$ trillion",
        number_format="#,##0.0",
        axis_format=",.1f",
    ),
    chart(
        "pie",
        "Pie",
        ("China", "Europe", "Rest of world"),
        (Series("Share", SHARE, ("over 60%", "25%", "15%")),),
        number_format='0"%"',
        axis_format=".0f",
        value_suffix="%",
    ),
    chart(
        "doughnut",
        "Doughnut",
        ("China", "Europe", "Rest of world"),
        (Series("Share", SHARE, ("over 60%", "25%", "15%")),),
        number_format='0"%"',
        axis_format=".0f",
        value_suffix="%",
    ),
    chart(
        "slope",
        "Slope: ranks before and after",
        ("2011", "2023"),
        (Series("China", (29.0, 12.0), ("29th", "12th")), Series("India", (62.0, 40.0), ("62nd", "40th"))),
        value_axis_title="Rank",
        number_format="0",
        axis_format=".0f",
        reverse_value_axis=True,
    ),
    chart(
        "slope",
        "Slope: a two-point change",
        ("2022", "2023"),
        (Series("NEV share of sales", (25.6, 31.6), ("25.6%", "31.6%")),),
        number_format='0.0"%"',
        axis_format=".0f",
        value_suffix="%",
    ),
    chart(
        "combo",
        "Combo: bars and a line on a secondary axis",
        ("2020", "2021", "2022", "2023"),
        (
            Series("R&D spending ($ billion)", (378.0, 441.0, 456.0, 469.0), ("378", "441", "456", "469.01")),
            Series(
                "Share of GDP", (2.40, 2.43, 2.56, 2.64), ("2.40%", "2.43%", "2.56%", "2.64%"), secondary=True
            ),
        ),
        value_axis_title="$ billion",
        number_format="#,##0",
        axis_format=",.0f",
        secondary_axis=Axis("Share of GDP", '0.00"%"', ".2f", "%"),
    ),
)


def chart_gallery() -> Brief:
    """One section per chart, then a key-number panel whose figures carry changes."""
    sections = tuple(Section(id=f"chart-{i}", title=c.title, blocks=(c,)) for i, c in enumerate(GALLERY, 1))
    key_numbers = KeyNumbers(
        "Key numbers",
        (
            KeyNumber(
                "gii", "12th", "Global Innovation Index rank, 2023", cite(1), "17 places since 2011", "up"
            ),
            KeyNumber("rd", "$469.01 billion", "R&D investment, 2023", cite(1), "2.64% of GDP"),
            KeyNumber("share", "over 60%", "Share of world NEV output", cite(1), "down 3 points", "down"),
        ),
        "Source: Consul General in Mumbai (2024) [1]",
    )
    return Brief(
        name="gallery",
        title="Chart gallery",
        summary=rt("Every chart kind briefgen draws."),
        key_numbers=key_numbers,
        sections=sections,
        references=(
            Reference(
                1,
                "mumbai",
                "Consul General in Mumbai. Op-ed, 2024.",
                "Consul General in Mumbai (2024)",
                "",
                "Consul General in Mumbai 2024",
            ),
        ),
    )
