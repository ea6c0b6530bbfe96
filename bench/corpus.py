"""Generated briefs for the benchmarks: N sections whose facts quote a text source and a PDF source."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

COMPONENTS = (
    "build cache", "parser", "scheduler", "installer", "query planner", "renderer", "linker",
    "test runner", "package index", "language server", "formatter", "profiler",
)  # fmt: skip
FILLER = (
    "The maintainers describe the change in the release notes and the migration guide, and they "
    "ask users who depend on the older configuration format to test the new defaults before upgrading."
)
CHART_EVERY = 5  # a chart in one section of five: 200 charts in 1,000 sections


def _claim(k: int, where: str) -> tuple[str, int]:
    """Sentence k of a source, stating one percentage, and the percentage."""
    r = random.Random(f"{where}{k}")
    pct = r.randrange(5, 95)
    comp = COMPONENTS[k % len(COMPONENTS)]
    return f"In release {k // 10}.{k % 10} the {comp} cut its median time by {pct}% on item {where}{k}.", pct


def write_sources(folder: Path, n: int, pages: int = 0) -> None:
    """sources/notes.txt and sources/report.pdf, each stating n claims (the PDF padded to `pages` pages)."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    paragraphs = [f"{_claim(k, 'T')[0]} {FILLER}" for k in range(n)]
    (folder / "sources" / "notes.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    style = getSampleStyleSheet()["BodyText"]
    story = [Paragraph(f"{_claim(k, 'P')[0]} {FILLER}", style) for k in range(n)]
    # About 9 such paragraphs fill an A4 page; filler pads the file to the pages asked for.
    story += [Paragraph(FILLER, style) for _ in range(max(0, pages * 9 - n))]
    SimpleDocTemplate(str(folder / "sources" / "report.pdf"), pagesize=A4, invariant=1).build(story)


def spec_text(n: int, notes: bool = True) -> str:
    """A spec of n sections; section i cites one claim of each source, and one section in five charts
    the percentages of its neighbours."""
    lines = [
        "title: Release notes digest",
        'author: "Benchmarks"',
        "sources:",
        '  notes: {path: sources/notes.txt, author: "Maintainers", title: "Release notes", date: "2024"}',
        '  report: {path: sources/report.pdf, author: "Maintainers", title: "Annual report", date: "2024"}',
        "facts:",
    ]
    for k in range(n):
        for src, where in (("notes", "T"), ("report", "P")):
            sentence, pct = _claim(k, where)
            quote = sentence[sentence.index("cut its") : sentence.index("% on") + 1]
            label = f"{COMPONENTS[k % len(COMPONENTS)].capitalize()} time cut, item `{where}{k}`"
            lines.append(f'  {where.lower()}{k}: {{source: {src}, quote: "{quote}", value: {pct}, unit: "%", '
                         f'label: "{label}"}}')  # fmt: skip
    lines.append("sections:")
    for k in range(n):
        comp = COMPONENTS[k % len(COMPONENTS)]
        lines += [
            f"  - id: s{k}",
            f'    title: "Release `{k // 10}.{k % 10}`: the {comp}"',
            "    bullets:",
            f'      - "The release notes say the {comp} cut its median time by {{t{k}}} in this release."',
            f'      - "The annual report puts the same change at {{p{k}}} across the items it measured."',
        ]
        if notes:
            lines.append(
                f'    notes: "Both figures are the maintainers\' own; item `{k}` was not re-measured."'
            )
        if k % CHART_EVERY == CHART_EVERY - 1:
            data = ", ".join(f"{{label: 'Item `T{j}`', fact: t{j}}}" for j in range(k - 3, k + 1))
            lines += [
                "    chart:",
                "      kind: column",
                f'      title: "Median time cut, items `T{k - 3}` to `T{k}`"',
                f"      data: [{data}]",
            ]
    return "\n".join(lines) + "\n"


def write_brief(folder: Path, n: int, pages: int = 0) -> Path:
    """A spec of n sections and its two sources in `folder`; the spec's path."""
    write_sources(folder, n, pages)
    spec = folder / f"digest-{n}.yaml"
    spec.write_text(spec_text(n), encoding="utf-8")
    return spec
