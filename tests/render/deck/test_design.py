"""Deck design: every text box and table cell of the example decks measured with the real font metrics
(never trusting autofit), slide kinds, tables continued with their header, banner, logo, footer, keywords,
and every deck opening in LibreOffice and python-pptx."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Emu

import briefgen
from briefgen.brief.model import Brief, FactValue, RichText, Section, Table, Text
from briefgen.pipeline import render
from briefgen.render.deck.measure import Span, wrap_spans
from briefgen.theme.files import BUILT_IN
from tests.support.geometry import deck_problems
from tests.support.paths import EXAMPLE
from tests.support.readback import libreoffice_pages
from tests.support.templates import CORP_LAYOUTS, make_potx

TABLE_TITLE = "Every figure the op-eds state"
COLUMNS = ("What the op-ed counts", "Figure", "Source")


def make_logo(path: Path) -> Path:
    """A small two-colour logo (PNG, 3:1)."""
    im = Image.new("RGB", (300, 100), "#1F4E79")
    ImageDraw.Draw(im).rectangle((200, 0, 300, 100), fill="#C8102E")
    im.save(path)
    return path


def fact_table(brief: Brief) -> Table:
    """One row per document fact with a value: label, the value (a fact value with its marker), source."""
    rows = []
    for f in brief.facts:
        if f.kind != "document" or not f.value:
            continue
        value = RichText((FactValue(f.id, f.value, f.marker.numbers),), f.marker)
        rows.append((RichText((Text(f.label),)), value, RichText((Text(f.source),))))
    cites = tuple(sorted({n for r in rows for n in r[1].citations}))
    return Table(TABLE_TITLE, COLUMNS, tuple(rows), "", cites)


def design_brief(theme: str = "default", logo: Path | None = None, classification: str = "") -> Brief:
    """The example with a table section, a divider, a chart beside its bullets, banner, footer, logo."""
    brief = briefgen.load(EXAMPLE)
    secs = list(brief.sections)
    vehicles = next(i for i, s in enumerate(secs) if s.id == "vehicles")
    secs[vehicles] = replace(secs[vehicles], slide="chart-beside-text", divider=True)
    table = Section("figures", "The figures at a glance", (fact_table(brief),))
    t = replace(
        BUILT_IN[theme],
        logo=logo,
        classification=classification,
        footer="Policy Analysis Unit · for internal discussion",
    )
    return replace(brief, sections=(*secs, table), theme=t)


STYLES = {
    (False, False): "regular",
    (True, False): "bold",
    (False, True): "italic",
    (True, True): "bold_italic",
}


def _example(theme: str):
    brief = briefgen.load(EXAMPLE)
    return replace(brief, theme=BUILT_IN[theme])


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("design")


@pytest.fixture(scope="module")
def logo(folder) -> Path:
    return make_logo(folder / "logo.png")


@pytest.fixture(scope="module")
def decks(folder, logo) -> dict[str, Path]:
    """The example deck in the default and ocean themes, on a corporate template, and the designed brief
    (table, divider, chart beside text, banner, logo) at 16:9 and 4:3."""
    potx = make_potx(folder / "corp.potx")
    designed = design_brief("default", logo, "CONFIDENTIAL")
    example = _example("default")
    corp = replace(example.theme, template=potx, layouts={**example.theme.layouts, **CORP_LAYOUTS})
    ocean43 = design_brief("ocean", logo)
    briefs = {
        "default": example,
        "ocean": _example("ocean"),
        "template": replace(example, theme=corp),
        "designed": designed,
        "designed-template": replace(
            designed, theme=replace(designed.theme, template=potx, layouts=corp.layouts)
        ),
        "ocean-4x3": replace(ocean43, theme=replace(ocean43.theme, slide_size=(10.0, 7.5))),
    }
    out = {}
    for name, brief in briefs.items():
        out[name] = folder / f"{name}.pptx"
        out[name].write_bytes(render(brief, "pptx"))
    return out


def _height_pt(paragraphs, width_pt: float) -> float:
    """Height of paragraphs as written in the file (sizes, bold, italic, indents, exact spacing)."""
    total = 0.0
    for i, p in enumerate(paragraphs):
        if not p.runs:
            continue
        size = p.runs[0].font.size.pt
        spans = [Span(r.text, STYLES[bool(r.font.bold), bool(r.font.italic)]) for r in p.runs]
        ppr = p._p.pPr
        indent = Emu(int(ppr.get("marL", "0"))).pt if ppr is not None else 0.0
        total += wrap_spans(spans, width_pt - indent, size) * p.line_spacing.pt
        total += p.space_before.pt if i and p.space_before else 0.0
    return total


def _overflows(prs) -> tuple[list[str], int]:
    problems, checked = [], 0
    for n, s in enumerate(prs.slides, start=1):
        for sh in s.shapes:
            if sh.has_text_frame and sh.text_frame.text.strip():
                tf = sh.text_frame
                if tf.auto_size not in (None, 0) or tf.word_wrap is not True:
                    problems.append(f"slide {n} {sh.name}: relies on autofit or no wrap")
                width = Emu(sh.width - tf.margin_left - tf.margin_right).pt
                height = Emu(sh.height - tf.margin_top - tf.margin_bottom).pt
                if _height_pt(tf.paragraphs, width) > height:
                    problems.append(f"slide {n} {sh.name}: text taller than its box")
                checked += 1
            if getattr(sh, "has_table", False) and sh.has_table:
                table = sh.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        width = Emu(table.columns[c].width - cell.margin_left - cell.margin_right).pt
                        height = Emu(row.height - cell.margin_top - cell.margin_bottom).pt
                        if _height_pt(cell.text_frame.paragraphs, width) > height:
                            problems.append(f"slide {n} {sh.name} row {r} col {c}: text taller than its row")
                        checked += 1
                if sh.top + sum(row.height for row in table.rows) > prs.slide_height:
                    problems.append(f"slide {n} {sh.name}: table runs off the slide")
            if (
                sh.left < 0
                or sh.top < 0
                or sh.left + sh.width > prs.slide_width
                or sh.top + sh.height > prs.slide_height
            ):
                problems.append(f"slide {n} {sh.name}: outside the slide")
    return problems, checked


@pytest.mark.parametrize(
    "name", ["default", "ocean", "template", "designed", "designed-template", "ocean-4x3"]
)
def test_no_text_box_or_table_cell_overflows(decks, name):
    problems, checked = _overflows(Presentation(str(decks[name])))
    assert problems == []
    assert checked > 60  # the decks hold that many text boxes and cells: the check ran


def _source_top(slide) -> int:
    return next(sh.top for sh in slide.shapes if sh.name == "Source line")


def test_long_table_continues_with_its_header_repeated(decks):
    prs = Presentation(str(decks["designed"]))
    table_slides = [
        s for s in prs.slides if any(getattr(sh, "has_table", False) and sh.has_table for sh in s.shapes)
    ]
    assert len(table_slides) >= 2
    titles = [s.shapes.title.text_frame.text for s in table_slides]
    assert titles[0] == "The figures at a glance" and all(t.endswith("(cont.)") for t in titles[1:])
    brief = design_brief()
    rows = next(b for b in brief.sections[-1].blocks).rows
    seen = []
    for s in table_slides:
        table = next(sh for sh in s.shapes if getattr(sh, "has_table", False) and sh.has_table)
        cells = [[c.text_frame.text for c in r.cells] for r in table.table.rows]
        assert tuple(cells[0]) == COLUMNS  # the header on every page
        header = table.table.cell(0, 0).text_frame.paragraphs[0].runs[0].font
        assert header.bold
        seen += [r[0] for r in cells[1:]]
        # The table ends above the source line, which names its sources.
        assert table.top + sum(r.height for r in table.table.rows) <= _source_top(s)
        assert next(sh for sh in s.shapes if sh.name == "Table title").text_frame.text == TABLE_TITLE
    assert seen == [r[0].plain for r in rows]  # every row once, in order


def test_table_cells_show_fact_values_bold_with_their_markers(decks):
    prs = Presentation(str(decks["designed"]))
    table = next(
        sh for s in prs.slides for sh in s.shapes if getattr(sh, "has_table", False) and sh.has_table
    )
    runs = table.table.cell(1, 1).text_frame.paragraphs[0].runs
    assert runs[0].font.bold and runs[0].text == "$469.01 billion"
    assert runs[-1].text.startswith("[") and runs[-1].font._rPr.get("baseline") == "30000"


def test_slide_kinds_in_order(decks):
    prs = Presentation(str(decks["designed"]))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles[2] == "Agenda" and titles[-1] == "Questions" and titles[-2] == "References"
    agenda = next(sh for sh in prs.slides[2].shapes if sh.name == "Agenda").text_frame.text
    assert "02   Electric vehicles: the flagship claim" in agenda and "07   The figures at a glance" in agenda
    # The divider comes before the section's first slide, which has its bullets beside the chart.
    i = titles.index("Electric vehicles: the flagship claim")
    assert titles[i + 1] == titles[i]
    assert [sh.name for sh in prs.slides[i].shapes if sh.name == "Section number"] == ["Section number"]
    beside = prs.slides[i + 1]
    assert any(sh.has_chart for sh in beside.shapes) and any(sh.name == "Bullets" for sh in beside.shapes)
    closing = next(sh for sh in prs.slides[-1].shapes if sh.name == "Closing").text_frame.text
    assert "2 sources cited" in closing


def test_no_agenda_for_a_short_brief():
    brief = _example("default")
    prs = Presentation(io.BytesIO(render(replace(brief, sections=brief.sections[:3]), "pptx")))
    assert "Agenda" not in [s.shapes.title.text_frame.text for s in prs.slides]


def test_banner_footer_logo_and_numbers(decks):
    prs = Presentation(str(decks["designed"]))
    for n, s in enumerate(prs.slides):
        banner = next(sh for sh in s.shapes if sh.name == "Classification")
        assert banner.text_frame.text == "CONFIDENTIAL" and banner.top == 0
        assert str(banner.fill.fore_color.rgb) == BUILT_IN["default"].color("banner")
        names = [sh.name for sh in s.shapes]
        content = n not in (0, len(prs.slides) - 1) and s.shapes.title.text_frame.text != ""
        if content and "Section number" not in names:
            assert "Slide number" in names
            footer = next(sh for sh in s.shapes if sh.name == "Footer").text_frame.text
            assert footer == "Policy Analysis Unit · for internal discussion"
            logo = next(sh for sh in s.shapes if sh.name == "Logo")
            assert logo._element.nvPicPr.cNvPr.get("descr") == "logo"
            assert logo.left + logo.width <= prs.slide_width and logo.top > prs.slide_height * 0.85
            number = next(sh for sh in s.shapes if sh.name == "Slide number")
            assert number.left + number.width <= logo.left
    assert "Logo" not in [sh.name for sh in prs.slides[0].shapes]


def test_footer_defaults_to_the_brief_title(decks):
    prs = Presentation(str(decks["default"]))
    footer = next(sh for sh in prs.slides[1].shapes if sh.name == "Footer").text_frame.text
    assert footer == briefgen.load(EXAMPLE).title


def test_theme_size_font_and_colours(decks):
    prs = Presentation(str(decks["ocean-4x3"]))
    assert (prs.slide_width, prs.slide_height) == (9_144_000, 6_858_000)
    title = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0].font
    assert str(title.color.rgb) == BUILT_IN["ocean"].color("title") and title.name == "Calibri"


def test_core_properties_include_keywords(decks):
    for name in ("default", "template"):
        cp = Presentation(str(decks[name])).core_properties
        assert cp.keywords == "new quality productive forces, China, innovation, electric vehicles, op-eds"
        assert cp.title.startswith("New quality productive forces") and cp.author == "Policy Analysis Unit"
        assert cp.subject.startswith("A briefing on two 2024 op-eds")


@pytest.mark.parametrize("name", ["ocean", "designed", "designed-template", "ocean-4x3"])
def test_every_deck_opens_in_libreoffice(decks, tmp_path, name):
    assert libreoffice_pages(decks[name], tmp_path) == len(Presentation(str(decks[name])).slides)


def test_the_overflow_check_catches_text_taller_than_its_box():
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(
        Inches(1), Inches(1), Inches(3), Inches(1)
    )
    tf = box.text_frame
    tf.word_wrap, tf.auto_size = True, MSO_AUTO_SIZE.NONE
    tf.text = "A sentence that is far too long for a small box. " * 6
    for p in tf.paragraphs:
        p.line_spacing = Pt(24)
        for r in p.runs:
            r.font.size = Pt(20)
    problems, checked = _overflows(prs)
    assert checked == 1 and problems == [f"slide 1 {box.name}: text taller than its box"]


# -- key numbers: the value line and its marker stay whole ------------------------------------------------

LONG_VALUES = (
    ("about 2,300 households", 5),
    ("14,500 permits", 4),
    ("over one trillion yuan", 12),
    ("roughly 4,700,000 beneficiaries", 18),
)


@pytest.mark.parametrize("content_w", [12.333, 9.0, 7.5])
def test_key_number_values_never_break_inside_a_word_or_marker(content_w):
    from briefgen.brief.model import KeyNumber, KeyNumbers, Mark, Marker
    from briefgen.render.deck.fit import SUPERSCRIPT_SCALE, spans
    from briefgen.render.deck.layout import WIDTH_SLACK_PT, Geometry
    from briefgen.render.deck.measure import text_width, widest_word
    from briefgen.render.deck.plan import plan_deck
    from briefgen.render.deck.tiles import key_number_tiles
    from briefgen.render.deck.writer import write_deck
    from briefgen.theme.model import DEFAULT_THEME

    items = tuple(
        KeyNumber(f"k{i}", v, "A label", Marker((Mark(1, f"1, ¶ {n}"),)))
        for i, (v, n) in enumerate(LONG_VALUES)
    )
    geo = Geometry(left=(13.333 - content_w) / 2, content_w=content_w)
    boxes, _ = key_number_tiles(items, geo)
    values = [b for b in boxes if re.fullmatch(r"Key number \d+", b.name)]
    assert len(values) == 4
    for b in values:
        (p,) = b.paragraphs
        width = b.w * 72 - WIDTH_SLACK_PT
        # Every word fits the tile, the last one with its marker glued on (measured as superscript).
        assert widest_word(spans(p, SUPERSCRIPT_SCALE), p.size) <= width, (b.name, p.size)
        last = p.text.runs[-1].text.split()[-1]
        marker = spans(p)[-1].text
        assert text_width(last, p.size, "bold") + text_width(marker, p.size * SUPERSCRIPT_SCALE) <= width
        assert wrap_spans(spans(p), width, p.size) <= 3, b.name

    # The written deck: a word joiner before each numeric marker, no breakable space inside one.
    brief = replace(design_brief(), key_numbers=KeyNumbers("Key numbers", items), sections=())
    deck = Presentation(io.BytesIO(write_deck(plan_deck(brief, DEFAULT_THEME), DEFAULT_THEME)))
    markers = 0
    for slide in deck.slides:
        for sh in slide.shapes:
            if not (re.fullmatch(r"Key number \d+", sh.name) and sh.has_text_frame):
                continue
            for para in sh.text_frame.paragraphs:
                runs = [r.text for r in para.runs]
                for k, text in enumerate(runs):
                    if text.startswith("[") and text.endswith("]"):
                        markers += 1
                        assert " " not in text and "\u00a0" in text, text
                        assert runs[k - 1] == "\u2060", runs
    assert markers == len(items)


@pytest.mark.parametrize(
    "name", ["default", "ocean", "template", "designed", "designed-template", "ocean-4x3"]
)
def test_every_shape_inside_the_slide_and_none_partly_over_another(decks, name):
    assert deck_problems(decks[name]) == []
