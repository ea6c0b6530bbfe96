"""Deck charts of every kind and layout, and key numbers with changes, read back with python-pptx."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.chart.plot import LinePlot
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu

from briefgen.brief.model import Chart, KeyNumber, KeyNumbers, Mark, Marker, Section, Series
from briefgen.render.deck.chart_labels import on_fill, segment_fits, slope_plot_area
from briefgen.render.deck.charts import bottom_up
from briefgen.render.deck.combo import primary_value_axis, secondary_value_axis
from briefgen.render.deck.fit import fits
from briefgen.render.deck.measure import Span, text_width, wrap_spans
from briefgen.render.deck.plan import plan_deck
from briefgen.render.deck.tiles import key_number_tiles
from briefgen.render.deck.writer import write_deck
from briefgen.render.scales import combo_scales
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import cite
from tests.support.charts import GALLERY, REGIONS, Y23, chart, chart_gallery, labels
from tests.support.readback import libreoffice_pages

T = XL_CHART_TYPE
TYPES = {
    "Clustered columns": T.COLUMN_CLUSTERED,
    "Stacked columns": T.COLUMN_STACKED,
    "Columns as shares of 100%": T.COLUMN_STACKED_100,
    "Clustered bars": T.BAR_CLUSTERED,
    "Stacked bars": T.BAR_STACKED,
    "Bars as shares of 100%": T.BAR_STACKED_100,
    "Line": T.LINE_MARKERS,
    "Pie": T.PIE,
    "Doughnut": T.DOUGHNUT,
    "Slope: ranks before and after": T.LINE_MARKERS,
    "Slope: a two-point change": T.LINE_MARKERS,
    "Combo: bars and a line on a secondary axis": T.COLUMN_CLUSTERED,  # its first plot
}
COMBO = "Combo: bars and a line on a secondary axis"
RANKS = "Slope: ranks before and after"


def build(brief=None) -> bytes:
    return write_deck(plan_deck(brief or chart_gallery(), DEFAULT_THEME), DEFAULT_THEME)


@pytest.fixture(scope="module")
def deck_bytes() -> bytes:
    return build()


@pytest.fixture(scope="module")
def frames(prs) -> dict:
    return {sh.name.removeprefix("Chart: "): sh for s in prs.slides for sh in s.shapes if sh.has_chart}


def local(el) -> str:
    return el.tag.split("}")[1]


def model(title: str) -> Chart:
    return next(c for c in GALLERY if c.title == title)


def all_series(c) -> list:
    """Every series of every plot, in the model's order (c:idx)."""
    return sorted((s for p in c.plots for s in p.series), key=lambda s: s.index)


def point_labels(series) -> dict[int, tuple[str | None, str | None]]:
    """Per point with its own c:dLbl: (custom text or None if deleted, position)."""
    out = {}
    dlbls = series._element.find(qn("c:dLbls"))
    for d in dlbls.findall(qn("c:dLbl")) if dlbls is not None else ():
        idx = int(d.find(qn("c:idx")).get("val"))
        if d.find(qn("c:delete")) is not None:
            out[idx] = (None, None)
            continue
        rich = d.find(f"{qn('c:tx')}/{qn('c:rich')}")
        text = "".join(t.text for t in rich.iter(qn("a:t"))) if rich is not None else ""
        pos = d.find(qn("c:dLblPos"))
        out[idx] = (text, pos.get("val") if pos is not None else None)
    return out


def series_position(series) -> str:
    return series._element.find(f"{qn('c:dLbls')}/{qn('c:dLblPos')}").get("val")


# -- every chart -------------------------------------------------------------------------------------


def test_every_gallery_chart_has_its_type_categories_and_values(frames):
    assert set(frames) == set(TYPES)
    for title, frame in frames.items():
        c, want = frame.chart, model(title)
        assert c.chart_type == TYPES[title], title
        categories, series = list(want.categories), [(s.name, s.values) for s in want.series]
        if bottom_up(want):
            # Written bottom-up, so that every viewer shows the first category on top and the legend in
            # the series' order: categories, series and each series' values in reverse.
            categories = categories[::-1]
            series = [(name, values[::-1]) for name, values in series[::-1]]
        assert list(c.plots[0].categories) == categories, title
        assert [(s.name, tuple(s.values)) for s in all_series(c)] == series, title


def test_alt_text_on_every_chart(frames):
    for title, frame in frames.items():
        assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == model(title).alt_text


def test_palette_fonts_and_legends(frames):
    for title, frame in frames.items():
        c, want = frame.chart, model(title)
        if want.kind in ("pie", "doughnut"):
            colors = [str(pt.format.fill.fore_color.rgb) for pt in c.plots[0].series[0].points]
            assert colors == [DEFAULT_THEME.series_color(i) for i in range(len(want.categories))]
        for plot in c.plots if want.kind not in ("pie", "doughnut") else ():
            for s in plot.series:
                line = isinstance(plot, LinePlot)
                color = s.format.line.color.rgb if line else s.format.fill.fore_color.rgb
                # Each series keeps its colour, however it is written.
                index = next(i for i, m in enumerate(want.series) if m.name == s.name)
                assert str(color) == DEFAULT_THEME.series_color(index), title
        assert c.font.name == DEFAULT_THEME.deck_font
        # A key where it helps: several series (or slices), except a slope chart, which names its lines.
        several = len(want.series) > 1 or want.kind in ("pie", "doughnut")
        assert c.has_legend == (several and want.kind != "slope"), title


def test_value_axes_of_bars_and_columns_start_at_zero(frames):
    for title, frame in frames.items():
        if model(title).kind in ("column", "bar", "combo"):
            assert primary_value_axis(frame.chart).minimum_scale == 0, title


# Child order of the elements the deck writes or rearranges (ECMA-376 dml-chart.xsd): PowerPoint refuses
# a chart whose children are out of order, where python-pptx and LibreOffice read it anyway.
AX = "axId scaling delete axPos majorGridlines minorGridlines title numFmt majorTickMark minorTickMark "
AX += "tickLblPos spPr txPr crossAx crosses crossesAt"
DLBL = "numFmt spPr txPr dLblPos showLegendKey showVal showCatName showSerName showPercent showBubbleSize "
DLBL += "separator"
ORDER = {
    "lineChart": "grouping varyColors ser dLbls dropLines hiLowLines upDownBars marker smooth axId extLst",
    "barChart": "barDir grouping varyColors ser dLbls gapWidth overlap serLines axId extLst",
    "valAx": AX + " crossBetween majorUnit minorUnit dispUnits extLst",
    "catAx": AX + " auto lblAlgn lblOffset tickLblSkip tickMarkSkip noMultiLvlLbl extLst",
    "scaling": "logBase orientation max min extLst",
    "dLbls": "dLbl delete " + DLBL + " showLeaderLines leaderLines extLst",
    "dLbl": "idx delete layout tx " + DLBL + " extLst",
    "manualLayout": "layoutTarget xMode yMode wMode hMode x y w h extLst",
    "marker": "symbol size spPr extLst",
}
SER = {
    "lineChart": "idx order tx spPr marker dPt dLbls trendline errBars cat val smooth extLst",
    "barChart": "idx order tx spPr invertIfNegative pictureOptions dPt dLbls trendline errBars cat val shape "
    "extLst",
}
CHARTS = ("barChart", "lineChart", "pieChart", "doughnutChart")
AXES = ("catAx", "valAx")


def in_order(el, sequence: str) -> bool:
    names = sequence.split()
    got = [local(c) for c in el]
    if not all(n in names for n in got):
        return False
    at = [names.index(n) for n in got]
    return at == sorted(at)


def test_chart_xml_follows_the_schema_order(frames):
    for title, frame in frames.items():
        plot_area = frame.chart._chartSpace.chart.plotArea
        kinds = [local(el) for el in plot_area]
        rank = [0 if k == "layout" else 1 if k in CHARTS else 2 if k in AXES else 3 for k in kinds]
        assert rank == sorted(rank) and 3 not in rank, (title, kinds)
        for el in plot_area.iter():
            name = local(el) if isinstance(el.tag, str) else ""
            if name in ORDER:
                assert in_order(el, ORDER[name]), (title, name, [local(c) for c in el])
            if name == "ser" and local(el.getparent()) in SER:
                assert in_order(el, SER[local(el.getparent())]), (title, [local(c) for c in el])


# -- layouts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Columns as shares of 100%", "Bars as shares of 100%"])
def test_percent_charts_run_from_0_to_100_percent(frames, title):
    va = frames[title].chart.value_axis
    assert (va.minimum_scale, va.maximum_scale) == (0, 1)
    assert va.tick_labels.number_format == "0%" and not va.tick_labels.number_format_is_linked


@pytest.mark.parametrize(
    "title",
    ["Stacked columns", "Columns as shares of 100%", "Stacked bars", "Bars as shares of 100%"],
)
def test_stacked_and_percent_labels_sit_inside_in_white(frames, title):
    c = frames[title].chart
    for s in all_series(c):
        assert series_position(s) == "ctr"
        assert str(s.data_labels.font.color.rgb) == "FFFFFF"  # both gallery colours are dark
        assert s.data_labels.show_value and s.data_labels.number_format == "#,##0"
        # Every point labelled (they all fit): no point label deleted.
        assert all(text is not None for text, _ in point_labels(s).values())


def test_clustered_labels_outside_the_bars(frames):
    for title in ("Clustered columns", "Clustered bars"):
        for s in all_series(frames[title].chart):
            assert series_position(s) == "outEnd"


def test_a_label_too_big_for_its_segment_is_left_out():
    tiny = (120.0, 80.0, 1.0, 30.0)
    series = (Series("a", tiny, labels(tiny)), Series("b", Y23, labels(Y23)))
    c = chart("column", "Tiny", REGIONS, series, layout="stacked", number_format="#,##0")
    assert segment_fits(c, (0, 0, 914400 * 11, 914400 * 9 // 2)) == [[True, True, False, True], [True] * 4]
    gallery = chart_gallery()
    brief = replace(gallery, sections=(replace(gallery.sections[0], blocks=(c,)),))
    deck = Presentation(io.BytesIO(build(brief)))
    frame = next(sh for s in deck.slides for sh in s.shapes if sh.has_chart)
    assert point_labels(frame.chart.plots[0].series[0]) == {2: (None, None)}


def test_label_colour_on_light_segments_is_dark():
    assert on_fill(DEFAULT_THEME, "1F4E79") == DEFAULT_THEME.color("on-cover")
    assert on_fill(DEFAULT_THEME, "E69F00") == DEFAULT_THEME.color("body")
    assert on_fill(DEFAULT_THEME, "56B4E9") == DEFAULT_THEME.color("body")


# -- slope -------------------------------------------------------------------------------------------


def test_slope_labels_both_ends_and_names_lines_at_the_right(frames):
    c = frames[RANKS].chart
    assert list(c.plots[0].categories) == ["2011", "2023"]
    assert not c.has_legend
    assert c.value_axis.reverse_order is True  # ranks: 1 at the top
    found = {s.name: point_labels(s) for s in all_series(c)}
    assert found == {
        "China": {0: ("29th", "l"), 1: ("12th  China", "r")},
        "India": {0: ("62nd", "l"), 1: ("40th  India", "r")},
    }
    for s in all_series(c):
        assert str(s.data_labels.font.color.rgb) == DEFAULT_THEME.series_color(s.index)


def test_single_slope_labels_without_a_name(frames):
    c = frames["Slope: a two-point change"].chart
    (s,) = all_series(c)
    assert point_labels(s) == {0: ("25.6%", "l"), 1: ("31.6%", "r")}
    assert not c.has_legend and c.value_axis.reverse_order is False


def test_slope_points_leave_room_for_end_labels(frames):
    for title in (RANKS, "Slope: a two-point change"):
        c = frames[title].chart
        va = c.value_axis
        assert va._element.find(qn("c:crossBetween")).get("val") == "between"  # points mid-category
        assert not va.has_major_gridlines
        manual = c._chartSpace.chart.plotArea.find(f"{qn('c:layout')}/{qn('c:manualLayout')}")
        assert manual.find(qn("c:layoutTarget")).get("val") == "inner"
        x, w = (float(manual.find(qn(f"c:{k}")).get("val")) for k in ("x", "w"))
        width = Emu(frames[title].width).pt
        left_room, right_room = (x + w / 4) * width, (1 - x - w + w / 4) * width
        for s in all_series(c):
            (left, _), (right, _) = point_labels(s)[0], point_labels(s)[1]
            assert text_width(left, 12, "bold") < left_room and text_width(right, 12, "bold") < right_room
            # Labels stay on one line (viewers would wrap them into a block centred on the point).
            for d in s._element.find(qn("c:dLbls")).findall(qn("c:dLbl")):
                assert d.find(f".//{qn('a:bodyPr')}").get("wrap") == "none"


def test_long_slope_names_get_wider_margins():
    long = replace(model(RANKS), series=tuple(replace(s, name=s.name * 6) for s in model(RANKS).series))
    box = (0, 0, 914400 * 7, 914400 * 4)
    x, _, w, _ = slope_plot_area(long, box)
    short_x, _, short_w, _ = slope_plot_area(model(RANKS), box)
    assert 1 - x - w > 1 - short_x - short_w  # more room at the right
    assert (1 - x - w + w / 4) * 7 * 72 > text_width("12th  " + "China" * 6, 12, "bold")


# -- combo -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def combo(frames):
    return frames[COMBO].chart


def test_combo_plot_area_holds_bars_then_a_line_then_four_axes(combo):
    plot_area = combo._chartSpace.chart.plotArea
    tags = [local(el) for el in plot_area if local(el) != "layout"]
    assert tags[:6] == ["barChart", "lineChart", "catAx", "valAx", "catAx", "valAx"]
    assert [type(p).__name__ for p in combo.plots] == ["BarPlot", "LinePlot"]


def test_combo_line_holds_the_secondary_series(combo):
    want = model(COMBO)
    bar, line = combo.plots
    assert [s.name for s in bar.series] == [s.name for s in want.series if not s.secondary]
    assert [s.name for s in line.series] == [s.name for s in want.series if s.secondary]
    assert [tuple(s.values) for s in line.series] == [s.values for s in want.series if s.secondary]
    assert [tuple(s.values) for s in bar.series] == [s.values for s in want.series if not s.secondary]
    lc = line._element
    assert lc.find(qn("c:grouping")).get("val") == "standard"
    assert lc.find(qn("c:varyColors")).get("val") == "0"
    for ser in lc.findall(qn("c:ser")):
        assert ser.find(qn("c:invertIfNegative")) is None and ser.find(qn("c:shape")) is None
        assert ser.find(qn("c:marker")) is not None
        assert ser.find(qn("c:smooth")).get("val") == "0"
    # Series indexes stay unique across both plots.
    idx = [s.index for p in combo.plots for s in p.series]
    assert sorted(idx) == list(range(len(want.series)))


def test_combo_axes_ids_and_right_axis(combo):
    plot_area = combo._chartSpace.chart.plotArea
    axes = [el for el in plot_area if local(el) in ("catAx", "valAx")]
    ids = [ax.find(qn("c:axId")).get("val") for ax in axes]
    assert len(set(ids)) == 4
    crossing = {ax.find(qn("c:axId")).get("val"): ax.find(qn("c:crossAx")).get("val") for ax in axes}
    for plot in plot_area.iter_xCharts():
        a, b = (el.get("val") for el in plot.findall(qn("c:axId")))
        assert crossing[a] == b and crossing[b] == a  # each plot has its own crossing pair
    val_axes = plot_area.findall(qn("c:valAx"))
    assert [ax.find(qn("c:axPos")).get("val") for ax in val_axes] == ["l", "r"]
    right = secondary_value_axis(combo)
    assert right._element.find(qn("c:crosses")).get("val") == "max"
    assert right.axis_title.text_frame.text == "Share of GDP"
    assert primary_value_axis(combo).axis_title.text_frame.text == "$ billion"
    assert primary_value_axis(combo).tick_labels.number_format == "#,##0"
    hidden_cat = axes[2]
    assert hidden_cat.find(qn("c:delete")).get("val") == "1"
    assert combo.has_legend and combo.legend.position == XL_LEGEND_POSITION.BOTTOM


def test_combo_axes_are_each_scaled_to_their_own_data(combo):
    left, right = primary_value_axis(combo), secondary_value_axis(combo)
    # R&D spending 378–469 on 0–500; its share of GDP 2.40–2.64% on 0–5%: each axis fits its own data.
    assert (left.minimum_scale, left.maximum_scale, left.major_unit) == (0, 500, 100)
    assert (right.minimum_scale, right.maximum_scale, right.major_unit) == (0, 5, 1)
    assert right.tick_labels.number_format == '0"%"'  # the step's precision: '3%', not '3.00%'
    # Same number of steps on both sides: the right ticks sit on the gridlines.
    assert left.maximum_scale / left.major_unit == right.maximum_scale / right.major_unit
    # Negative values: the left axis from the round step below them, the right in as many steps.
    low, high = combo_scales([10.0, -5.0], [1.0])
    assert (low.low, low.high) == (-5.0, 10.0) and len(low.ticks) == len(high.ticks) and high.high >= 1.0


def test_combo_labels_on_both_plots(combo):
    bar, line = combo.plots
    assert series_position(bar.series[0]) == "outEnd"
    assert series_position(line.series[0]) == "t"
    assert point_labels(bar.series[0]) == {3: ("469.01", "outEnd")}  # '#,##0' would say 469
    assert line.series[0].data_labels.number_format == '0.00"%"'


# -- key numbers with changes ------------------------------------------------------------------------


def tile_slide(prs):
    return next(s for s in prs.slides if s.shapes.title.text_frame.text == "Key numbers")


def shape(slide, name: str):
    return next(sh for sh in slide.shapes if sh.name == name)


def test_tiles_show_changes_with_arrows(prs):
    slide = tile_slide(prs)
    got = {sh.name: sh.text_frame.text.replace("\u00a0", " ") for sh in slide.shapes if "change" in sh.name}
    assert got == {
        "Key number change 1": "▲ 17 places since 2011",
        "Key number change 2": "2.64% of GDP",
        "Key number change 3": "▼ down 3 points",
    }
    for i in (1, 2, 3):
        value, change, label = (shape(slide, f"Key number{k} {i}") for k in ("", " change", " label"))
        assert value.top + value.height <= change.top + 1
        assert change.top + change.height <= label.top
        size = change.text_frame.paragraphs[0].runs[0].font.size
        assert size < value.text_frame.paragraphs[0].runs[0].font.size
        assert str(change.text_frame.paragraphs[0].runs[0].font.color.rgb) == DEFAULT_THEME.color("body")


def measured(tf, width_pt: float) -> float:
    total = 0.0
    for p in tf.paragraphs:
        # The arrows measured as two M's, as the planner does (Carlito has no ▲ or ▼).
        text = "".join(r.text for r in p.runs).replace("▲", "MM").replace("▼", "MM")
        bold = bool(p.runs[0].font.bold)
        total += wrap_spans([Span(text, "bold" if bold else "regular")], width_pt, p.runs[0].font.size.pt) * (
            p.line_spacing.pt
        )
    return total


def test_tile_text_fits_its_boxes(prs):
    for sh in tile_slide(prs).shapes:
        if sh.name.startswith("Key number") and sh.has_text_frame and sh.text_frame.text:
            assert measured(sh.text_frame, Emu(sh.width).pt - 2) <= Emu(sh.height).pt, sh.name


def many(style: str = "numeric") -> KeyNumbers:
    def marker(n: int) -> Marker:
        return cite(1) if style == "numeric" else Marker((Mark(1, f"Consul General {n} 2024, ¶ 4"),), style)

    items = tuple(
        KeyNumber(f"k{n}", value, "A label that runs over two lines in a tile", marker(n), change, direction)
        for n, (value, change, direction) in enumerate(
            [
                ("over 9.4 million units", "up 38% on 2022", "up"),
                ("12th", "17 places since 2011", "up"),
                ("$469.01 billion", "2.64% of GDP", ""),
                ("over 60%", "down 3 points from a year before", "down"),
                ("53", "", ""),
                ("one trillion yuan", "a change that is long enough to need shrinking to fit", "up"),
            ]
        )
    )
    return KeyNumbers("Key numbers", items)


@pytest.mark.parametrize("style", ["numeric", "author-date"])
def test_two_rows_of_tiles_with_changes_fit(style):
    boxes, rects = key_number_tiles(many(style).items)
    for b in boxes:
        assert fits(b.paragraphs, b.w, b.h), b.name
    changes = [b for b in boxes if "change" in b.name]
    assert len(changes) == 5 and len({b.paragraphs[0].size for b in changes}) == 1
    panels = [r for r in rects if r.name.startswith("Key number panel")]
    for b in boxes:  # every box inside its panel
        n = int(b.name.rsplit(" ", 1)[1])
        p = panels[n - 1]
        assert p.x <= b.x and b.x + b.w <= p.x + p.w and p.y <= b.y and b.y + b.h <= p.y + p.h + 1e-9
    assert max(p.y + p.h for p in panels) <= 6.35 + 1e-9


def test_key_numbers_without_changes_keep_their_layout():
    items = tuple(replace(k, change="", change_direction="") for k in many().items)
    boxes, _ = key_number_tiles(items)
    assert not any("change" in b.name for b in boxes)
    assert boxes[0].h == pytest.approx(1.05)


# -- the deck ----------------------------------------------------------------------------------------


def test_every_shape_within_slide(prs):
    w, h = prs.slide_width, prs.slide_height
    for s in prs.slides:
        for sh in s.shapes:
            assert sh.left >= 0 and sh.top >= 0, sh.name
            assert sh.left + sh.width <= w and sh.top + sh.height <= h, sh.name


def test_two_builds_are_byte_identical(deck_bytes):
    assert build() == deck_bytes


def test_libreoffice_shows_one_page_per_slide(tmp_path, deck_bytes, prs):
    (tmp_path / "gallery.pptx").write_bytes(deck_bytes)
    assert libreoffice_pages(tmp_path / "gallery.pptx", tmp_path) == len(prs.slides)


def test_two_rows_of_tiles_with_changes_in_a_deck():
    g = chart_gallery()
    sections = tuple(Section(s, f"Two rows, {s}", (many(s),)) for s in ("numeric", "author-date"))
    deck = Presentation(io.BytesIO(build(replace(g, key_numbers=None, sections=sections))))
    w, h = deck.slide_width, deck.slide_height
    for slide in list(deck.slides)[1:3]:
        shown = [sh for sh in slide.shapes if "change" in sh.name]
        assert len(shown) == 5
        for sh in slide.shapes:
            assert sh.left >= 0 and sh.left + sh.width <= w and sh.top >= 0 and sh.top + sh.height <= h
            if sh.name.startswith("Key number") and sh.has_text_frame and sh.text_frame.text:
                assert measured(sh.text_frame, Emu(sh.width).pt - 2) <= Emu(sh.height).pt, sh.name


def test_speaker_notes_state_the_changes(prs):
    slide = tile_slide(prs)
    notes = slide.notes_slide.notes_text_frame.text
    assert "12th: Global Innovation Index rank, 2023 (▲ 17 places since 2011) [1]" in notes
    assert "$469.01 billion: R&D investment, 2023 (2.64% of GDP) [1]" in notes
    assert "over 60%: Share of world NEV output (▼ down 3 points) [1]" in notes
