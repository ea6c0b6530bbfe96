"""The PDF's fact appendix: every fact the brief shows, its value, kind, evidence, source and marker."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from briefgen.brief.model import Brief, FactRecord
from briefgen.render.pdf.charts import hex_color
from briefgen.render.pdf.inline import Inline
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.table import KeepStart
from briefgen.render.pdf.tagging import Tag, cell
from briefgen.theme.model import Theme

TITLE = "Fact appendix"
HEADERS = ("Fact", "Value", "Evidence", "Source and marker")
SHARES = (0.22, 0.15, 0.325, 0.305)  # of the content width, by column (sources fit one line)


def appendix_styles(styles: dict[str, ParagraphStyle], theme: Theme) -> dict[str, ParagraphStyle]:
    """Small table styles derived from the body style."""
    body = styles["body"]
    # Long words break at their own hyphens ('inter-|governmental') before anywhere else.
    cell = ParagraphStyle(
        "fa_cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0, embeddedHyphenation=1
    )
    return {
        "cell": cell,
        "head": ParagraphStyle("fa_head", parent=cell, fontName=styles["h2"].fontName),
        "value": ParagraphStyle(
            "fa_value",
            parent=cell,
            fontName=styles["h2"].fontName,
            textColor=hex_color(theme.color("fact-value")),
        ),
        "kind": ParagraphStyle(
            "fa_kind", parent=cell, fontSize=7.5, leading=9.5, textColor=hex_color(theme.color("muted"))
        ),
        "intro": ParagraphStyle("fa_intro", parent=body, fontSize=9.5, leading=13),
    }


def evidence(fact: FactRecord) -> str:
    """What the value rests on, as plain text: the verbatim quote, the formula or the estimate's note."""
    if fact.kind == "derived":
        return f"Formula: {fact.detail}" if fact.detail else "Derived from other facts"
    if fact.kind == "estimate":
        return f"Estimate: {fact.detail}" if fact.detail else "Author’s estimate"
    return f"\u201c{fact.quote}\u201d" if fact.quote else ""


def source_text(fact: FactRecord) -> str:
    """'Luo (2024), ¶ 9'; for derived facts the marker names the sources of their inputs."""
    if fact.kind == "derived":
        return "The sources of its inputs" if fact.marker.marks else "Other facts"
    if fact.kind == "estimate":
        return "No source: the author’s estimate"
    # A non-breaking space keeps '¶ 4' on one line.
    return ", ".join(p for p in (fact.source, fact.locator.replace(" ", "\u00a0")) if p)


def fact_appendix(
    brief: Brief,
    ink: Inline,
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    width: float,
    tail: float = 0.0,
    lead: Sequence[Flowable] = (),
) -> list[Flowable]:
    """`lead` (the heading), one line on what the appendix holds, then a table of every fact (its header
    repeated), kept with its first rows; its last page holds at least `tail` points of rows (the
    document's end is no near-empty page)."""
    st = appendix_styles(styles, theme)
    # Tagged as a table: the header row's column headers, then a row of data cells per fact.
    whole, body = object(), object()
    head = (("Table", whole), ("THead", object()), ("TR", object()))
    rows: list[list[object]] = [[cell(Para(h, st["head"]), "TH", head, "Column") for h in HEADERS]]
    for fact in brief.facts:
        tr = (("Table", whole), ("TBody", body), ("TR", object()))
        rows.append(
            [
                cell(
                    [
                        Para(ink.para(fact.label or fact.id), st["cell"]),
                        Para(fact.kind, st["kind"]),
                    ],
                    "TD",
                    tr,
                ),
                cell(Para(ink.text(fact.value or "\u2014"), st["value"]), "TD", tr),
                cell(Para(ink.para(evidence(fact)), st["cell"]), "TD", tr),
                cell(
                    [
                        Para(ink.para(source_text(fact)), st["cell"]),
                        Para(ink.marker(fact.marker, alone=True), st["cell"]),
                    ],
                    "TD",
                    tr,
                ),
            ]
        )
    table = Table(rows, colWidths=[width * s for s in SHARES], repeatRows=1, splitInRow=1, hAlign="LEFT")
    rule = hex_color(theme.color("rule"))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("BACKGROUND", (0, 0), (-1, 0), hex_color(theme.color("panel"))),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, hex_color(theme.color("title"))),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, rule),
            ]
        )
    )
    intro = (
        "Every fact this brief shows: its value as printed, what it rests on (the words quoted from the "
        "source, or the formula of a derived figure), and where to find it."
    )
    return [KeepStart([*lead, Tag(Para(intro, st["intro"]), "P")], table, tail)]
