"""Deck renderer: plan and write the sample brief, read it back with python-pptx, check what a user sees."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile

import pytest
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu

from briefgen.render.deck.charts import excel_format
from briefgen.render.deck.measure import Span, text_width, wrap, wrap_spans
from briefgen.render.deck.plan import plan_deck
from briefgen.render.deck.writer import write_deck
from briefgen.theme.model import DEFAULT_THEME
from tests.support.briefs import sample_brief
from tests.support.readback import libreoffice_pages, measured_height_pt

COOP = "Science and technology cooperation"
TRADE = "Green exports: the “new trio”"
TITLES = [
    "New quality productive forces: what China’s envoys claim",
    "Key numbers",
    "Innovation: spending and rankings",  # its prose beside its chart
    COOP,  # a chart, then fourteen bullets that do not fit beside it …
    f"{COOP} (cont.)",
    f"{COOP} (cont.)",
    f"{COOP} (cont.)",
    "People: scientists trained and hosted",
    TRADE,  # bullets beside the chart …
    f"{TRADE} (quote)",  # … and the quote that no longer fits: the title says what continues
    "References",
]
MUMBAI = "Consul General in Mumbai (2024)"


def build() -> bytes:
    return write_deck(plan_deck(sample_brief(), DEFAULT_THEME), DEFAULT_THEME)


@pytest.fixture(scope="module")
def deck_bytes() -> bytes:
    return build()


@pytest.fixture(scope="module")
def slides(prs) -> list:
    """The slides without the agenda and the closing slide (tests/test_deck_design.py covers those)."""
    return [s for s in prs.slides if s.shapes.title.text_frame.text not in ("Agenda", "Questions")]


def texts(slide) -> list[str]:
    """Each text box's text as a reader sees it (a no-break space is a space)."""
    return [sh.text_frame.text.replace("\u00a0", " ") for sh in slide.shapes if sh.has_text_frame]


def shape(slide, name: str):
    return next(sh for sh in slide.shapes if sh.name == name)


def charts(slides) -> dict[str, object]:
    return {sh.name.removeprefix("Chart: "): sh for s in slides for sh in s.shapes if sh.has_chart}


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


# -- structure ---------------------------------------------------------------------------------------


def test_slide_titles_in_order(slides):
    assert [s.shapes.title.text_frame.text for s in slides] == TITLES


def test_slide_size_is_16_9(prs):
    assert (prs.slide_width, prs.slide_height) == (12_192_000, 6_858_000)


def test_long_bullet_list_continues_without_splitting_a_bullet(slides):
    bullets = [p.text for s in slides[4:7] for p in shape(s, "Bullets").text_frame.paragraphs]
    assert [b.split(":")[0] for b in bullets] == [f"Point {i}" for i in range(1, 15)]
    # Evened out: no slide is left with a lone bullet.
    assert min(len(shape(s, "Bullets").text_frame.paragraphs) for s in slides[4:7]) >= 3


def test_prose_without_bullets_is_shown_on_a_slide(slides):
    prose = "R&D investment reached $469.01 billion, or 2.64% of GDP."
    assert [i for i, s in enumerate(slides) if any(prose in t for t in texts(s))] == [2]
    assert prose not in notes(slides[2])


# -- charts ------------------------------------------------------------------------------------------


def test_charts_are_native_with_types_categories_values(slides):
    found = {
        name: (
            sh.chart.chart_type,
            list(sh.chart.plots[0].categories),
            [tuple(s.values) for s in sh.chart.plots[0].series],
        )
        for name, sh in charts(slides).items()
    }
    assert found == {
        "Global Innovation Index rank": (XL_CHART_TYPE.LINE_MARKERS, ["2011", "2023"], [(29.0, 12.0)]),
        "Cooperation under the Belt and Road Initiative": (
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            [
                "Countries and regions",
                "Inter-governmental agreements",
                "Joint laboratories",
                "Transfer platforms",
            ],
            [(160.0, 114.0, 53.0, 8.0)],
        ),
        "Scientists supported by China": (
            XL_CHART_TYPE.BAR_CLUSTERED,
            ["Trained from developing countries", "Young scientists hosted"],
            [(15000.0, 3500.0)],
        ),
        "Share of global NEV output": (XL_CHART_TYPE.DOUGHNUT, ["China", "Rest of world"], [(60.0, 40.0)]),
    }


def label_texts(chart, number_format: str) -> list[str]:
    """What each data label shows: its custom text, else the value in the labels' number format."""
    series = chart.plots[0].series[0]
    dlbls = series._element.find(qn("c:dLbls"))
    assert dlbls.find(qn("c:numFmt")).get("formatCode") == number_format
    assert dlbls.find(qn("c:showVal")).get("val") == "1"
    custom = {}
    for d in dlbls.findall(qn("c:dLbl")):
        rich = d.find(f"{qn('c:tx')}/{qn('c:rich')}")
        if rich is not None:
            custom[int(d.find(qn("c:idx")).get("val"))] = "".join(t.text for t in rich.iter(qn("a:t")))
    return [custom.get(i, excel_format(v, number_format)) for i, v in enumerate(series.values)]


def test_data_labels_state_qualifiers_like_the_pdf(slides):
    c = {name: sh.chart for name, sh in charts(slides).items()}
    assert label_texts(c["Cooperation under the Belt and Road Initiative"], "#,##0") == [
        "more than 160",
        "114",
        "53",
        "8",
    ]
    assert label_texts(c["Scientists supported by China"], "#,##0") == ["more than 15,000", "more than 3,500"]
    assert label_texts(c["Global Innovation Index rank"], '0"th"') == ["29th", "12th"]
    assert label_texts(c["Share of global NEV output"], '0"%"') == ["over 60%", "40%"]


def test_chart_axes_legend_and_alt_text(slides):
    frames = charts(slides)
    line = frames["Global Innovation Index rank"].chart
    assert line.value_axis.reverse_order is True
    bar = frames["Scientists supported by China"].chart
    assert bar.category_axis.reverse_order is True  # first category at the top
    assert frames["Share of global NEV output"].chart.has_legend
    assert not frames["Cooperation under the Belt and Road Initiative"].chart.has_legend
    descr = frames["Global Innovation Index rank"]._element.nvGraphicFramePr.cNvPr.get("descr")
    assert descr == "Line chart, Global Innovation Index rank: 2011 29th, 2023 12th."


def test_chart_source_note_under_chart(slides):
    shared = []
    for n, s in enumerate(slides):
        for sh in s.shapes:
            if sh.has_chart:
                note = shape(s, "Source line")
                assert note.top >= sh.top + sh.height
                if note.text_frame.text == f"Source: {MUMBAI} [1]":
                    # The slide cites only the chart's source: the foot line is the chart's source line.
                    assert "Chart source note" not in [x.name for x in s.shapes]
                else:
                    # Bullets beside it cite more: the plotted values keep a source line of their own.
                    own = shape(s, "Chart source note")
                    assert own.text_frame.text == f"Source: {MUMBAI} [1]"
                    assert own.top >= sh.top + sh.height - Emu(12700) and own.left == sh.left
                    shared.append(n)
    assert shared == [8]


# -- citations, sources, notes -----------------------------------------------------------------------


def markers_on(slide) -> set[str]:
    """The superscript markers of a slide, each joined from its runs (one per mark and punctuation)."""
    out = set()
    for sh in slide.shapes:
        if sh.has_text_frame:
            for p in sh.text_frame.paragraphs:
                marker = ""
                for r in p.runs:
                    if r.font._rPr.get("baseline") == "30000":
                        marker += r.text
                    elif marker:
                        out.add(marker)
                        marker = ""
                if marker:
                    out.add(marker)
    return out


def test_citation_markers_are_superscript_on_citing_slides(slides):
    assert markers_on(slides[1]) == {"[1]", "[2]"}
    assert markers_on(slides[2]) == {"[1]"}
    assert markers_on(slides[4]) == {"[1]"}
    assert markers_on(slides[8]) == {"[2]"}
    assert markers_on(slides[9]) == {"[2]"}
    assert markers_on(slides[10]) == set()


def test_fact_values_bold_in_fact_colour(slides):
    runs = [r for p in shape(slides[8], "Bullets").text_frame.paragraphs for r in p.runs]
    facts = [r for r in runs if r.text.replace("\u00a0", " ") in ("30%", "one trillion yuan")]
    assert len(facts) == 2
    assert all(r.font.bold and str(r.font.color.rgb) == DEFAULT_THEME.color("fact-value") for r in facts)


def test_source_lines(slides):
    line = {
        i: shape(s, "Source line").text_frame.text
        for i, s in enumerate(slides)
        if "Source line" in [sh.name for sh in s.shapes]
    }
    assert line[1] == f"Sources: {MUMBAI} [1]; Luo (2024) [2]"
    assert line[2] == f"Source: {MUMBAI} [1]"
    assert line[8] == f"Sources: {MUMBAI} [1]; Luo (2024) [2]"  # bullets [2] beside a chart [1]
    assert line[9] == "Source: Luo (2024) [2]"
    # Every content slide showing facts has one; the title and reference slides do not.
    assert sorted(line) == list(range(1, 10))


def test_speaker_notes(slides):
    first = notes(slides[2])
    assert "Attribute every figure: these are op-eds, not statistics releases." in first
    assert "rd: “China’s R&D investment reached $469.01 billion” — [1] ¶1" in first
    assert "[1] Consul General of the People’s Republic of China in Mumbai." in first
    assert "[2] LUO Weidong." in notes(slides[9])
    assert all(notes(s) for s in slides[:10])


def test_hostile_text_comes_out_literally(slides, deck_bytes):
    assert any("cooperation & sharing <matter>, with 53 joint" in t for t in texts(slides[4]))
    assert "R&D investment, 2023" in " ".join(texts(slides[1]))
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml"))
    assert b"&amp;D &lt;matter&gt;" not in xml  # never double-escaped
    assert b"sharing &lt;matter&gt;" in xml
    assert b"_x00" not in xml


# -- geometry and fit --------------------------------------------------------------------------------


def test_every_shape_within_slide(prs, slides):
    w, h = prs.slide_width, prs.slide_height
    for s in slides:
        for sh in s.shapes:
            assert sh.left >= 0 and sh.top >= 0, sh.name
            assert sh.left + sh.width <= w and sh.top + sh.height <= h, sh.name


def test_no_text_overflows_its_box(slides):
    checked = 0
    for s in slides:
        for sh in s.shapes:
            if not sh.has_text_frame or not sh.text_frame.text:
                continue
            tf = sh.text_frame
            assert tf.word_wrap is True and tf.auto_size == 0  # MSO_AUTO_SIZE.NONE
            width = Emu(sh.width - tf.margin_left - tf.margin_right).pt
            height = Emu(sh.height - tf.margin_top - tf.margin_bottom).pt
            assert measured_height_pt(tf, width) <= height, (s.shapes.title.text, sh.name)
            checked += 1
    assert checked > 60


def test_every_bullet_page_uses_one_size(slides):
    sizes = {
        r.font.size.pt for s in slides[4:7] for p in shape(s, "Bullets").text_frame.paragraphs for r in p.runs
    }
    assert len(sizes) == 1 and 16 <= sizes.pop() <= 20


# -- package -----------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(deck_bytes):
    time.sleep(1.1)  # cross a timestamp second
    assert build() == deck_bytes


def test_package_parts(prs, deck_bytes):
    pres = prs.part._element
    assert pres.find(qn("p:notesMasterIdLst")) is not None
    names = zipfile.ZipFile(io.BytesIO(deck_bytes)).namelist()
    assert not any("thumbnail" in n for n in names)
    cp = prs.core_properties
    assert cp.title == "New quality productive forces: what China’s envoys claim"
    assert cp.author == "Policy Analysis Unit"
    assert cp.last_modified_by == "briefgen" and cp.revision == 1
    assert cp.created == cp.modified and cp.created.year == 2000


def test_slide_numbers_on_content_slides(slides):
    for s in slides[1:]:
        fld = shape(s, "Slide number")._element.find(f".//{qn('a:fld')}")
        assert fld is not None and fld.get("type") == "slidenum"
    assert "Slide number" not in [sh.name for sh in slides[0].shapes]


# -- units -------------------------------------------------------------------------------------------


def test_plan_imports_no_pptx():
    code = "import sys, briefgen.render.deck.plan; print('pptx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_excel_format():
    assert excel_format(29, '0"th"') == "29th"
    assert excel_format(15000, "#,##0") == "15,000"
    assert excel_format(0.125, "0.0%") == "12.5%"
    assert excel_format(3, "General") == "3"
    assert excel_format(3, "yyyy-mm-dd") is None  # unknown: the label text is written out


def test_measure_wraps_words():
    text = "one two three four five six seven eight nine ten"
    width = text_width("one two three four", 20) + 1
    lines = wrap(text, width, 20)
    assert lines[0] == "one two three four" and " ".join(lines) == text
    assert wrap_spans([Span(text)], width, 20) == len(lines)
    assert text_width("Mm", 20, "bold") > text_width("Mm", 20)


def test_libreoffice_opens_every_slide(tmp_path, deck_bytes):
    (tmp_path / "deck.pptx").write_bytes(deck_bytes)
    assert (
        libreoffice_pages(tmp_path / "deck.pptx", tmp_path) == len(TITLES) + 2
    )  # with the agenda and the closing slide


@pytest.mark.parametrize(
    ("spec_line", "theme_line", "closing"),
    [
        ("", "", True),
        ("closing_slide: false\n", "", False),
        ("", "closing_slide: false\n", False),
        ("closing_slide: true\n", "closing_slide: false\n", True),
    ],
)
def test_the_closing_slide_is_a_switch_in_the_spec_or_the_theme(
    make_spec, tmp_path, spec_line, theme_line, closing
):
    from pptx import Presentation

    import briefgen
    from tests.support.minimal import SOURCE, SPEC

    extra = spec_line + ("theme: brand.yaml\n" if theme_line else "")
    spec = make_spec(
        SPEC.replace("title: Test brief", "title: Test brief\n" + extra.rstrip("\n"), 1),
        {"sources/doc.txt": SOURCE},
    )
    if theme_line:
        (spec.parent / "brand.yaml").write_text(theme_line, encoding="utf-8")
    (deck,) = briefgen.build(spec, tmp_path / "out", formats=["pptx"])
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    assert (titles[-1] == "Questions") is closing
    assert titles[-2 if closing else -1] == "References"
