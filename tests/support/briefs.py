"""A hand-built Brief for renderer tests: independent of the spec, sources and assemble stages."""

from __future__ import annotations

from briefgen.brief.markers import make_marker
from briefgen.brief.model import (
    Brief,
    Bullets,
    Chart,
    CitationStyle,
    FactRecord,
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


# What the variant with fact records knows of each fact: label, value as shown, verbatim quote, reference
# number and locator (kind 'document' unless listed in KINDS).
FACTS: dict[str, tuple[str, str, str, int, str]] = {
    "rd": ("R&D investment, 2023", "$469.01 billion", "R&D investment reached $469.01 billion", 1, "¶ 1"),
    "rd_gdp": ("R&D investment, share of GDP", "2.64%", "or 2.64% of GDP", 1, "¶ 1"),
    "nev": ("NEVs produced and sold, 2023", "over 9.4 million", "over 9.4 million NEVs", 1, "¶ 2"),
    "gii": ("Global Innovation Index rank, 2023", "12th", "ranked 12th in the GII", 1, "¶ 3"),
    "gii_2011": ("Global Innovation Index rank, 2011", "29th", "up from 29th in 2011", 1, "¶ 3"),
    "trio": ("“New trio” exports, 2023", "one trillion yuan", "exceeded one trillion yuan", 2, "¶ 9"),
    "trio_growth": ("Growth of “new trio” exports", "30%", "rose by 30%", 2, "¶ 9"),
    "coop_countries": ("Countries and regions", "more than 160", "more than 160 countries", 1, "¶ 5"),
    "coop_agreements": ("Inter-governmental agreements", "114", "signed 114 agreements", 1, "¶ 5"),
    "coop_labs": ("Joint laboratories", "53", "launched 53 joint laboratories", 1, "¶ 5"),
    "coop_platforms": ("Technology transfer platforms", "8", "8 transfer platforms", 1, "¶ 5"),
    **{
        f"labs_{i}": (
            f"Joint laboratories, point {i}",
            "53",
            f"53 joint laboratories (point {i})",
            1,
            f"¶ {i}",
        )
        for i in range(1, 15)
    },
    "trained": ("Scientists trained", "more than 15,000", "trained more than 15,000", 1, "¶ 6"),
    "hosted": ("Young scientists hosted", "more than 3,500", "", 0, ""),
    "nev_share": ("Share of global NEV output", "over 60%", "over 60% of global output", 1, "¶ 2"),
    "rest_share": ("Rest of world share", "40%", "", 1, "¶ 2"),
    "luo_quote": ("Luo on win-win", "", "win-win is the future of mankind", 2, "¶ 14"),
}
KINDS = {"hosted": "estimate", "rest_share": "derived"}


def _records(refs: tuple[Reference, ...], style: CitationStyle) -> tuple[FactRecord, ...]:
    """A provenance record per fact, its note naming label, value, quote, source and locator."""
    out = []
    for fid, (label, value, quote, number, locator) in FACTS.items():
        kind = KINDS.get(fid, "document")
        mark = make_marker([(number, locator)] if number else [], refs, style)
        head = f"{label} ({value})" if value else label
        if kind == "estimate":
            note = f"{head}: the author’s estimate, not from a source — rounded down"
        elif kind == "derived":
            note = f"{head}: derived as 100% − nev_share, from nev_share = over 60% {mark.text}"
        else:
            note = f"{head}: “{quote}” — {refs[number - 1].short} {mark.text}"
        source = refs[number - 1].short if kind == "document" else kind
        out.append(FactRecord(fid, label, value, kind, note, quote, source, locator, mark))
    return tuple(out)


def sample_brief(facts: bool = False, style: CitationStyle = "numeric") -> Brief:
    """A brief with every block kind, two sources, hostile characters and a long bullet list.

    `facts=True` adds a provenance record for every fact shown (with locators in the markers, distinct
    facts per bullet, series and quote fact ids); `style` sets the citation style of every marker.
    """
    references = (
        Reference(
            1,
            "mumbai",
            "Consul General of the People’s Republic of China in Mumbai. “New quality "
            "productive forces and developing countries.” Op-ed, 2024.",
            "Consul General in Mumbai (2024)",
            "https://example.org/mumbai",
            "Consul General in Mumbai 2024" if style == "author-date" else "",
        ),
        Reference(
            2,
            "luo",
            "LUO Weidong. “New Opportunities for the World: High-quality Development with New "
            "Quality Productive Forces.” Op-ed, 2024.",
            "Luo (2024)",
            "",
            "Luo 2024" if style == "author-date" else "",
        ),
    )

    def marker(pairs: list[tuple[str, int]]) -> Marker:
        """The marker citing (fact id, reference) pairs; locators only in the variant with fact records."""
        return make_marker([(n, FACTS[f][4] if facts else "") for f, n in pairs], references, style)

    def mk(fid: str) -> Marker:
        return marker([(fid, FACTS[fid][3])])

    def text(*parts: str | tuple[str, str, int]) -> RichText:
        """Like rt(), with the variant's markers."""
        runs = rt(*parts).runs
        return RichText(runs, marker([(r.fact_id, r.citations[0]) for r in runs if isinstance(r, FactValue)]))

    def ids(*fids: str) -> tuple[str, ...]:
        return fids if facts else ()

    long_bullets = tuple(
        text(
            f"Point {i}: the Consul General states that cooperation & sharing <matter>, with ",
            (f"labs_{i}" if facts else "labs", "53", 1),
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
        summary=text(
            "Two op-eds argue that innovation-led growth (R&D <spending> & more) reached ",
            ("rd", "$469.01 billion", 1),
            " in 2023.",
        ),
        key_numbers=KeyNumbers(
            title="Key numbers",
            items=(
                KeyNumber("nev", "over 9.4 million", "NEVs produced and sold in 2023", mk("nev")),
                KeyNumber("rd", "$469.01 billion", "R&D investment, 2023", mk("rd")),
                KeyNumber("gii", "12th", "Global Innovation Index rank, 2023", mk("gii")),
                KeyNumber("trio", "over one trillion yuan", "“New trio” exports, 2023", mk("trio")),
            ),
            source_note="Sources: Consul General in Mumbai (2024) [1]; Luo (2024) [2]",
        ),
        sections=(
            Section(
                id="innovation",
                title="Innovation: spending and rankings",
                blocks=(
                    Prose(
                        text(
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
                        series=(Series("China", (29.0, 12.0), ("29th", "12th"), ids("gii_2011", "gii")),),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        value_axis_title="Rank",
                        number_format='0"th"',
                        axis_format=",.0f",
                        reverse_value_axis=True,
                        takeaway=text(
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
                            Series(
                                "Count",
                                (160.0, 114.0, 53.0, 8.0),
                                ("more than 160", "114", "53", "8"),
                                ids("coop_countries", "coop_agreements", "coop_labs", "coop_platforms"),
                            ),
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
                            Series(
                                "People",
                                (15000.0, 3500.0),
                                ("more than 15,000", "more than 3,500"),
                                ids("trained", "hosted"),
                            ),
                        ),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        number_format="#,##0",
                        axis_format=",.0f",
                        takeaway=text("More than ", ("trained", "15,000", 1), " scientists trained."),
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
                            text(
                                "Luo states that exports of the “new trio” rose ",
                                ("trio_growth", "30%", 2),
                                " in 2023.",
                            ),
                            text("Their total exceeded ", ("trio", "one trillion yuan", 2), "."),
                        )
                    ),
                    Chart(
                        kind="doughnut",
                        title="Share of global NEV output",
                        categories=("China", "Rest of world"),
                        series=(
                            Series(
                                "Share", (60.0, 40.0), ("over 60%", "40%"), ids("nev_share", "rest_share")
                            ),
                        ),
                        source_note="Source: Consul General in Mumbai (2024) [1]",
                        citations=(1,),
                        number_format='0"%"',
                        axis_format=".0f",
                        alt_text="Doughnut: China over 60%, rest of world 40%.",
                    ),
                    Quote(
                        "Lose-lose is not a rational choice, and win-win is the future of mankind.",
                        "LUO Weidong, Consul General in Toronto",
                        mk("luo_quote"),
                        "luo_quote" if facts else "",
                    ),
                ),
            ),
        ),
        references=references,
        facts=_records(references, style) if facts else (),
        citation_style=style,
    )
