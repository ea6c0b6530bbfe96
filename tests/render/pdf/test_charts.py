"""Charts from facts in the PDF: every kind and layout of the gallery, read back as a reader sees it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pypdf
import pytest
from reportlab.graphics.charts.barcharts import BarChart
from reportlab.graphics.charts.textlabels import Label
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from briefgen.brief.model import Axis, Chart, KeyNumber, Series
from briefgen.render.pdf.bars import bar_segments
from briefgen.render.pdf.charts import chart_drawing
from briefgen.render.pdf.fonts import missing_glyphs, register_fonts
from briefgen.render.pdf.story import CONTENT_WIDTH, MARGIN_X, PAGE_H, PAGE_W
from briefgen.render.pdf.tiles import change_line
from briefgen.render.pdf.writer import BOTTOM_MARGIN, TOP_MARGIN, write_pdf
from briefgen.render.scales import combo_scales
from briefgen.theme.model import DEFAULT_THEME
from tests.support.charts import GALLERY, chart_gallery

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
PERCENT = ["0%", "20%", "40%", "60%", "80%", "100%"]
# The value axis ticks of each gallery chart, as printed (pie, doughnut and slope have none to show).
TICKS = {
    "Clustered columns": ["0", "50", "100", "150"],
    "Stacked columns": ["0", "100", "200", "300"],
    "Columns as shares of 100%": PERCENT,
    "Clustered bars": ["0", "50", "100", "150"],
    "Stacked bars": ["0", "100", "200", "300"],
    "Bars as shares of 100%": PERCENT,
    "Line": ["0", "1", "2", "3", "4", "5"],  # the decimals the step needs, not the values'
    "Combo: bars and a line on a secondary axis": [str(v) for v in range(0, 600, 100)],
}
RIGHT_TICKS = ["0%", "1%", "2%", "3%", "4%", "5%"]


@pytest.fixture(scope="module")
def brief():
    return chart_gallery()


@pytest.fixture(scope="module")
def pages(reader) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def _page_of(chart: Chart, pages: list[str]) -> int:
    """The page showing the chart's section heading ('3 Columns as shares of 100%')."""
    number = GALLERY.index(chart) + 1
    # (Past the contents page, which lists the heading too.)
    return next(i for i, p in enumerate(pages) if f"{number} {chart.title}" in p and "Contents" not in p)


def _runs(page: pypdf.PageObject) -> list[tuple[str, float, float, float, bool]]:
    """Each text run on a page: text, x, y, width and whether it runs horizontally."""
    out = []

    def visit(text, cm, tm, font, size):
        text = text.strip()
        if not text or not font:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        face = str(font["/BaseFont"]).split("+")[-1]
        horizontal = abs(cm[1]) < 1e-6 and abs(tm[1]) < 1e-6
        out.append((text, x, y, stringWidth(text, face, size), horizontal))

    page.extract_text(visitor_text=visit)
    return out


@pytest.mark.parametrize("chart", GALLERY, ids=lambda c: c.title)
def test_chart_shows_title_labels_categories_ticks_and_source(chart, pages):
    page = pages[_page_of(chart, pages)]
    assert page.count(chart.title) >= 2  # the section heading and the chart's own title
    assert chart.source_note in page
    for category in chart.categories:
        assert category in page, category
    for series in chart.series:
        for label in series.labels:
            assert label in page, (series.name, label)
    for tick in TICKS.get(chart.title, []):
        assert re.search(rf"(^|\s){re.escape(tick)}(\s|$)", page), tick


def test_percent_charts_run_from_0_to_100_percent(pages):
    percent = [c for c in GALLERY if c.layout == "percent"]
    assert {c.kind for c in percent} == {"column", "bar"}
    for chart in percent:
        page = pages[_page_of(chart, pages)]
        assert "100%" in page and "0%" in page


def test_combo_right_axis_ticks_and_title_right_of_the_plot(brief, reader, pages):
    chart = next(c for c in GALLERY if c.kind == "combo")
    runs = _runs(reader.pages[_page_of(chart, pages)])
    # The rightmost run of each tick text ('2.40%' is also a point label).
    right = [max((r for r in runs if r[0] == t), key=lambda r: r[1]) for t in RIGHT_TICKS]
    categories = [r for r in runs if r[0] in chart.categories]
    # Right of every category name, inside the frame.
    assert min(r[1] for r in right) > max(r[1] + r[3] for r in categories)
    assert max(r[1] + r[3] for r in right) <= PAGE_W - MARGIN_X + 0.5
    title = [r for r in runs if r[0] == chart.secondary_axis.title and not r[4]]
    assert title and title[0][1] > min(r[1] for r in right)
    # The right axis runs upwards, 0.00% at the bottom.
    ys = [next(r[2] for r in right if r[0] == t) for t in RIGHT_TICKS]
    assert ys == sorted(ys)
    # The legend names both series (columns and line).
    for series in chart.series:
        assert series.name in pages[_page_of(chart, pages)]


def test_slope_labels_both_ends_and_names_lines_at_the_right(reader, pages):
    for chart in (c for c in GALLERY if c.kind == "slope"):
        runs = _runs(reader.pages[_page_of(chart, pages)])
        for series in chart.series:
            left = next(r for r in runs if r[0] == series.labels[0])
            right = next(r for r in runs if r[0] == series.labels[-1])
            assert left[1] + left[3] < right[1]
            if len(chart.series) > 1:
                name = next(r for r in runs if r[0] == series.name and r[1] > right[1])
                assert abs(name[2] - right[2]) < 0.5  # on the value's line
        # Not clipped: every label inside the frame.
        for text, x, _, w, horizontal in runs:
            if horizontal:
                assert x >= MARGIN_X - 0.5 and x + w <= PAGE_W - MARGIN_X + 0.5, text
    ranks = next(c for c in GALLERY if c.kind == "slope" and c.reverse_value_axis)
    runs = _runs(reader.pages[_page_of(ranks, pages)])
    y = {r[0]: r[2] for r in runs}
    assert y["12th"] > y["40th"] and y["29th"] > y["62nd"]  # rank 1 at the top


def test_chart_text_stays_inside_the_frame(reader, pages):
    for chart in GALLERY:
        for text, x, _, w, horizontal in _runs(reader.pages[_page_of(chart, pages)]):
            if horizontal:
                assert x >= MARGIN_X - 0.5 and x + w <= PAGE_W - MARGIN_X + 0.5, (chart.title, text)


def test_key_number_tiles_show_the_change(brief, pages):
    for item in brief.key_numbers.items:
        assert item.change in pages[0]
        assert f"{item.value}{item.marker.text} {item.change} {item.label}" in pages[0]


def test_change_arrows_are_drawn_not_typed():
    # Carlito has no arrow glyph: the tiles draw triangles, so nothing prints as an empty box.
    assert missing_glyphs("▲▼") == ["▲", "▼"]

    def triangles(direction: str) -> list[tuple[float, float]]:
        """(foot, tip) heights of each filled triangle the change line draws."""
        item = KeyNumber("k", "1", "label", change="3 points", change_direction=direction)  # type: ignore[arg-type]
        buf = io.BytesIO()
        canvas = Canvas(buf, invariant=1, pageCompression=0)
        line = change_line(item, DEFAULT_THEME, register_fonts())
        line.wrap(200, 100)
        line.drawOn(canvas, 0, 0)
        canvas.save()
        num = rb"(-?[\d.]+)"
        path = rb" ".join([num, num, rb"m", num, num, rb"l", num, num, rb"l h\s+f"])
        return [(float(m[1]), float(m[5])) for m in re.findall(path, buf.getvalue())]

    (up,) = triangles("up")
    (down,) = triangles("down")
    assert up[1] > up[0] and down[1] < down[0]  # ▲ points up, ▼ down
    assert triangles("") == []


def test_two_builds_byte_identical(brief, pdf_bytes):
    assert write_pdf(brief, DEFAULT_THEME) == pdf_bytes


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_check(pdf_bytes, tmp_path):
    path = tmp_path / "gallery.pdf"
    path.write_bytes(pdf_bytes)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_embedded_carlito(reader, pdf_bytes):
    fonts = set()
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    assert fonts and all("Carlito" in f for f in fonts), fonts
    assert not any(name.encode() in pdf_bytes for name in BASE14)


@pytest.mark.parametrize("chart", GALLERY, ids=lambda c: c.title)
def test_chart_drawing_fits_the_frame(chart):
    frame_h = PAGE_H - TOP_MARGIN - BOTTOM_MARGIN
    d = chart_drawing(chart, DEFAULT_THEME, CONTENT_WIDTH)
    w, h = d.wrap(CONTENT_WIDTH, frame_h)
    assert w <= CONTENT_WIDTH and h <= frame_h / 2
    x0, y0, x1, y1 = d.getBounds()
    assert x0 >= -0.5 and x1 <= w + 0.5 and y0 >= -0.5 and y1 <= h + 0.5, (x0, y0, x1, y1)


LONG = ("Alpha", "A much longer category name that must wrap", "Gamma")


@pytest.mark.parametrize(
    "kind,layout",
    [
        ("column", "stacked"),
        ("column", "percent"),
        ("bar", "stacked"),
        ("bar", "percent"),
        ("slope", "clustered"),
        ("combo", "clustered"),
    ],
)
def test_narrow_drawing_with_long_names_stays_inside(kind, layout):
    values = [(3.0, 10.0, 7.5), (5.0, 2.0, 9.0)]
    n = 2 if kind == "slope" else 3
    series = tuple(
        Series(
            f"A long series name number {i}",
            v[:n],
            ("three", "ten", "seven and a half")[:n],
            secondary=kind == "combo" and i == 1,
        )
        for i, v in enumerate(values)
    )
    chart = Chart(
        kind=kind,
        title="A chart title long enough to need wrapping onto a second line in a narrow drawing",
        categories=LONG[:n],
        series=series,
        source_note="Source: test",
        citations=(1,),
        layout=layout,
        value_axis_title="Units",
        secondary_axis=Axis("A secondary title", '0.0"%"', ".1f", "%"),
    )
    d = chart_drawing(chart, DEFAULT_THEME, 300.0)
    x0, y0, x1, y1 = d.getBounds()
    assert d.width == 300.0
    assert x0 >= -0.5 and x1 <= 300.5, (x0, x1)
    assert y0 >= -0.5 and y1 <= d.height + 0.5, (y0, y1)


@pytest.mark.parametrize("chart", [c for c in GALLERY if c.layout != "clustered"], ids=lambda c: c.title)
def test_segment_labels_sit_where_reportlab_draws_the_segments(chart):
    d = chart_drawing(chart, DEFAULT_THEME, CONTENT_WIDTH)
    plot = _find_plot(d)
    plot.draw()  # lays the bars out; reportlab records where in _barPositions
    drawn = [[tuple(round(v, 3) for v in _norm(r)) for r in row] for row in plot._barPositions]
    ours = [
        [tuple(round(v, 3) for v in _norm(r)) for r in row]
        for row in bar_segments(plot, plot.data, chart.kind == "column")
    ]
    assert ours == drawn
    # Every point label of the gallery fits inside its segment and sits at its centre.
    centres = [(x + w / 2, y + h / 2) for row in drawn for x, y, w, h in row]
    texts = {t for s in chart.series for t in s.labels}
    labels = [n for n in _walk(d) if isinstance(n, Label) and n._text in texts]
    assert len(labels) == sum(len(s.labels) for s in chart.series)
    for n in labels:
        assert min(abs(n.x - cx) + abs(n.y - cy) for cx, cy in centres) < 0.01, n._text


def _walk(node):
    yield node
    for child in getattr(node, "contents", []):
        yield from _walk(child)


def _norm(rect):
    x, y, w, h = rect
    return (min(x, x + w), min(y, y + h), abs(w), abs(h))


def _find_plot(node):
    return next(n for n in _walk(node) if isinstance(n, BarChart))


def test_combo_axes_are_each_scaled_to_their_own_data():
    left, right = combo_scales([378, 441, 456, 469.01], [2.40, 2.43, 2.56, 2.64])
    assert (left.low, left.high, right.low, right.high) == (0, 500, 0, 5)
    assert len(left.ticks) == len(right.ticks)
    low, high = combo_scales([-20, 25], [1, 2])
    assert low.low <= -20 and low.high >= 25 and len(low.ticks) == len(high.ticks)


def test_single_kind_combo_falls_back(brief):
    combo = next(c for c in GALLERY if c.kind == "combo")
    only_lines = replace(combo, series=tuple(s for s in combo.series if s.secondary))
    only_columns = replace(combo, series=tuple(s for s in combo.series if not s.secondary))
    for chart in (only_lines, only_columns):
        d = chart_drawing(chart, DEFAULT_THEME, CONTENT_WIDTH)
        assert d.width == CONTENT_WIDTH and d.height > 100
