"""A hand-built Brief for renderer tests: independent of the spec, sources and assemble stages."""

from __future__ import annotations

from briefgen.model import (
    Brief,
    Bullets,
    Chart,
    FactValue,
    KeyNumber,
    KeyNumbers,
    Mark,
    Marker,
    Prose,
    Quote,
    Reference,
    RichText,
    Section,
    Series,
    Text,
)


def cite(*numbers: int) -> Marker:
    """A numeric marker citing these references without locators: '[1; 2]'."""
    return Marker(tuple(Mark(n, str(n)) for n in numbers))


def rt(*parts: str | tuple[str, str, int]) -> RichText:
    """Rich text from strings and (fact_id, value text, citation) triples; markers = cited numbers."""
    runs = []
    cites: list[int] = []
    for p in parts:
        if isinstance(p, tuple):
            runs.append(FactValue(p[0], p[1], (p[2],)))
            if p[2] not in cites:
                cites.append(p[2])
        else:
            runs.append(Text(p))
    return RichText(tuple(runs), cite(*cites))


def sample_brief() -> Brief:
    """A brief with every block kind, two sources, hostile characters and a long bullet list."""
    long_bullets = tuple(
        rt(
            f"Point {i}: the Consul General states that cooperation & sharing <matter>, with ",
            ("labs", "53", 1),
            " joint laboratories launched under the Belt and Road Initiative and more to come.",
        )
        for i in range(1, 15)
    )
    return Brief(
        name="sample",
        title="New quality productive forces: what China’s envoys claim",
        subtitle="A briefing on two 2024 op-eds by Chinese consuls general",
        author="Policy Analysis Unit",
        date="2024-05",
        summary=rt(
            "Two op-eds argue that innovation-led growth (R&D <spending> & more) reached ",
            ("rd", "$469.01 billion", 1),
            " in 2023.",
        ),
        key_numbers=KeyNumbers(
            title="Key numbers",
            items=(
                KeyNumber("nev", "over 9.4 million", "NEVs produced and sold in 2023", cite(1)),
                KeyNumber("rd", "$469.01 billion", "R&D investment, 2023", cite(1)),
                KeyNumber("gii", "12th", "Global Innovation Index rank, 2023", cite(1)),
                KeyNumber("trio", "over one trillion yuan", "“New trio” exports, 2023", cite(2)),
            ),
            source_note="Sources: Consul General in Mumbai (2024) [1]; Luo (2024) [2]",
        ),
        sections=(
            Section(
                id="innovation",
                title="Innovation: spending and rankings",
                blocks=(
                    Prose(
                        rt(
                            "The Consul General in Mumbai states that China’s R&D investment reached ",
                            ("rd", "$469.01 billion", 1),
                            ", or ",
                            ("rd_gdp", "2.64%", 1),
                            " of GDP.",
                        )
                    ),
                    Chart(
                        kind="line",
                        title="Global Innovation Index rank",
                        subtitle="China, 2011 and 2023 (1st = best)",
                        categories=("2011", "2023"),
                        series=(Series("China", (29.0, 12.0), ("29th", "12th")),),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        value_axis_title="Rank",
                        number_format='0"th"',
                        axis_format=",.0f",
                        reverse_value_axis=True,
                        takeaway=rt(
                            "China rose from ",
                            ("gii_2011", "29th", 1),
                            " to ",
                            ("gii", "12th", 1),
                            " in twelve years.",
                        ),
                        alt_text="Line chart, Global Innovation Index rank: 2011 29th, 2023 12th.",
                    ),
                ),
                notes="Attribute every figure: these are op-eds, not statistics releases.",
                fact_notes=("rd: “China’s R&D investment reached $469.01 billion” — [1] ¶1",),
            ),
            Section(
                id="cooperation",
                title="Science and technology cooperation",
                blocks=(
                    Chart(
                        kind="column",
                        title="Cooperation under the Belt and Road Initiative",
                        categories=(
                            "Countries and regions",
                            "Inter-governmental agreements",
                            "Joint laboratories",
                            "Transfer platforms",
                        ),
                        series=(
                            Series("Count", (160.0, 114.0, 53.0, 8.0), ("more than 160", "114", "53", "8")),
                        ),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        number_format="#,##0",
                        axis_format=",.0f",
                        alt_text="Column chart: countries 160, agreements 114, labs 53, platforms 8.",
                    ),
                    Bullets(long_bullets),
                ),
            ),
            Section(
                id="people",
                title="People: scientists trained and hosted",
                blocks=(
                    Chart(
                        kind="bar",
                        title="Scientists supported by China",
                        categories=("Trained from developing countries", "Young scientists hosted"),
                        series=(
                            Series("People", (15000.0, 3500.0), ("more than 15,000", "more than 3,500")),
                        ),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        number_format="#,##0",
                        axis_format=",.0f",
                        takeaway=rt("More than ", ("trained", "15,000", 1), " scientists trained."),
                        alt_text="Bar chart: trained 15,000; hosted 3,500.",
                    ),
                ),
            ),
            Section(
                id="trade",
                title="Green exports: the “new trio”",
                blocks=(
                    Bullets(
                        (
                            rt(
                                "Luo states that exports of the “new trio” rose ",
                                ("trio_growth", "30%", 2),
                                " in 2023.",
                            ),
                            rt("Their total exceeded ", ("trio", "one trillion yuan", 2), "."),
                        )
                    ),
                    Chart(
                        kind="doughnut",
                        title="Share of global NEV output",
                        categories=("China", "Rest of world"),
                        series=(Series("Share", (60.0, 40.0), ("over 60%", "40%")),),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        number_format='0"%"',
                        axis_format=".0f",
                        alt_text="Doughnut: China over 60%, rest of world 40%.",
                    ),
                    Quote(
                        "Lose-lose is not a rational choice, and win-win is the future of mankind.",
                        "LUO Weidong, Consul General in Toronto",
                        cite(2),
                    ),
                ),
            ),
        ),
        references=(
            Reference(
                1,
                "mumbai",
                "Consul General of the People’s Republic of China in Mumbai. “New quality "
                "productive forces and developing countries.” Op-ed, 2024.",
                "Consul General in Mumbai (2024)",
                "https://example.org/mumbai",
            ),
            Reference(
                2,
                "luo",
                "LUO Weidong. “New Opportunities for the World: High-quality Development with New "
                "Quality Productive Forces.” Op-ed, 2024.",
                "Luo (2024)",
                "",
            ),
        ),
    )
