"""The raw-library baseline: python-pptx and reportlab writing a brief's content with no checks or styling.

Run as a script on the content `content()` dumps (JSON), so that its process pays only for the libraries:

    python bench/baseline.py CONTENT.json OUT_DIR

The deck gets a slide per section (its title, its bullets and prose in one text box, its notes, its charts
as native column charts) plus one slide for the key numbers; the PDF gets the same text as Platypus
paragraphs and each chart as a reportlab bar chart.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

Content = dict[str, Any]


def content(brief: Any) -> Content:
    """What the baseline writes, from a briefgen Brief: title, and per section its title, text lines, notes
    and charts (categories and the first series' values)."""
    from briefgen.brief.model import Bullets, Chart, KeyNumbers, Prose

    sections = []
    for s in brief.sections:
        lines, charts = [], []
        for b in s.blocks:
            if isinstance(b, Prose):
                lines.append(b.text.plain)
            elif isinstance(b, Bullets):
                lines += [i.plain for i in b.items]
            elif isinstance(b, KeyNumbers):
                lines += [f"{k.value} {k.label}" for k in b.items]
            elif isinstance(b, Chart):
                charts.append(
                    {"title": b.title, "categories": list(b.categories), "values": list(b.series[0].values)}
                )
        sections.append({"title": s.title, "lines": lines, "notes": s.notes, "charts": charts})
    return {"title": brief.title, "sections": sections}


def raw_deck(c: Content) -> bytes:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = c["title"]
    for s in c["sections"]:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = s["title"]
        tf = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(6), Inches(5)).text_frame
        tf.word_wrap = True
        for i, line in enumerate(s["lines"]):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            run = p.add_run()
            run.text = line
            run.font.size = Pt(18)
        for chart in s["charts"]:
            data = CategoryChartData()
            data.categories = chart["categories"]
            data.add_series(chart["title"], chart["values"])
            slide.shapes.add_chart(
                XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(7), Inches(1.5), Inches(6), Inches(5), data
            )
        if s["notes"]:
            slide.notes_slide.notes_text_frame.text = s["notes"]
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def raw_pdf(c: Content) -> bytes:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()

    def para(text: str, style: str) -> Paragraph:
        return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), styles[style])

    story: list = [para(c["title"], "Title")]
    for s in c["sections"]:
        story.append(para(s["title"], "Heading2"))
        story += [para(line, "BodyText") for line in s["lines"]]
        for chart in s["charts"]:
            d = Drawing(450, 220)
            bc = VerticalBarChart()
            bc.x, bc.y, bc.width, bc.height = 40, 30, 380, 170
            bc.data = [chart["values"]]
            bc.categoryAxis.categoryNames = chart["categories"]
            d.add(bc)
            story.append(d)
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    return buf.getvalue()


if __name__ == "__main__":
    data = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    (out / "raw.pptx").write_bytes(raw_deck(data))
    (out / "raw.pdf").write_bytes(raw_pdf(data))
