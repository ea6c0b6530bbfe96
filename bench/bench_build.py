"""Build time of the example brief, as ratios against the raw libraries writing the same content.

Run: .venv/bin/python bench/bench_build.py [--repeat N]

The baselines write what briefgen writes, with no verification, measuring or styling: python-pptx adds as
many slides, each with its text in one text box, and the same native charts; reportlab lays out the same
paragraphs and the same charts as plain Platypus flowables. The ratio says what briefgen's checks, layout
and determinism cost on top of the libraries it cannot avoid.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

import briefgen
from briefgen.brief.model import Brief, Bullets, Chart, Prose
from briefgen.pipeline import render

SPEC = Path(__file__).resolve().parents[1] / "specs" / "new-quality-productive-forces.yaml"


def texts(brief: Brief) -> list[str]:
    """Every paragraph and bullet of the brief as plain text."""
    out = [brief.title]
    for s in brief.sections:
        out.append(s.title)
        for b in s.blocks:
            if isinstance(b, Prose):
                out.append(b.text.plain)
            elif isinstance(b, Bullets):
                out.extend(i.plain for i in b.items)
    return out


def charts(brief: Brief) -> list[Chart]:
    return [b for s in brief.sections for b in s.blocks if isinstance(b, Chart)]


def raw_pptx(brief: Brief, n_slides: int) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    lines = texts(brief)
    per = max(1, len(lines) // n_slides + 1)
    cs = charts(brief)
    for i in range(n_slides):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        tf = slide.shapes.add_textbox(Inches(0.6), Inches(0.5), Inches(12), Inches(6)).text_frame
        for line in lines[i * per : (i + 1) * per]:
            tf.add_paragraph().text = line
            tf.paragraphs[-1].runs[0].font.size = Pt(18)
        if i < len(cs):
            data = CategoryChartData()
            data.categories = cs[i].categories
            data.add_series(cs[i].series[0].name, cs[i].series[0].values)
            slide.shapes.add_chart(
                XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(7), Inches(4), data
            )
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def raw_pdf(brief: Brief) -> bytes:
    style = getSampleStyleSheet()["BodyText"]
    story: list = [Paragraph(t.replace("&", "&amp;").replace("<", "&lt;"), style) for t in texts(brief)]
    for c in charts(brief):
        d = Drawing(450, 220)
        bc = VerticalBarChart()
        bc.x, bc.y, bc.width, bc.height = 40, 30, 380, 170
        bc.data = [c.series[0].values]
        bc.categoryAxis.categoryNames = list(c.categories)
        d.add(bc)
        story.append(d)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    brief = briefgen.load(SPEC)
    from pptx import Presentation as _P

    n_slides = len(_P(io.BytesIO(render(brief, "pptx"))).slides)
    rows = [
        ("check (load, verify, assemble)", best(lambda: briefgen.load(SPEC), repeat), None),
        (
            "deck",
            best(lambda: render(brief, "pptx"), repeat),
            best(lambda: raw_pptx(brief, n_slides), repeat),
        ),
        ("pdf", best(lambda: render(brief, "pdf"), repeat), best(lambda: raw_pdf(brief), repeat)),
    ]
    print(f"example: {n_slides} slides, {len(charts(brief))} charts; best of {repeat}")
    print(f"{'stage':34} {'briefgen':>10} {'raw lib':>10} {'ratio':>7}")
    for name, ours, raw in rows:
        ratio = f"{ours / raw:6.2f}x" if raw else "      -"
        raw_s = f"{raw * 1000:8.1f}ms" if raw else "         -"
        print(f"{name:34} {ours * 1000:8.1f}ms {raw_s} {ratio}")
    print(f"{'library baseline, total':34} {statistics.fsum(r[2] or 0 for r in rows) * 1000:19.1f}ms")


if __name__ == "__main__":
    main()
