"""Every value form a document states is verified against its quote and shown as the source states it, the
same in the deck and the PDF: ranges, signs, multipliers, number words, grouping, suffix scales, lakh and
crore, hex, precision, identifiers, decimal commas, inferred units."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pypdf import PdfReader

import briefgen
from briefgen.numbers.reader import stated_numbers
from tests.support.readback import squash

NOTES = (
    "Release 4.2 of the encoder is between 12-45% faster on x86-64 and uses around 20–30% less memory.\n\n"
    "Start-up now loads 40 modules (-9) and takes 19.0 ms; the ARM build is −0.4% slower.\n\n"
    "Decoding is 1.3x faster; seeking is 1.6 times faster, and thumbnails render twice as fast. "
    "Parallel decoding gains 1.1x ~ 1.4x.\n\n"
    "There are twenty-five new presets. Smaller presets save up to 15-25% of disk space.\n\n"
    "The project now has 1\u00a0500 contributors and raised $2.5bn; the Indian mirror cost Rs 500 crore.\n\n"
    "Flag 0x40 = read-only. The compression ratio reaches 2.50x. This release fixes issue 31337.\n\n"
    "Index files shrink from 410 to 330 bytes.\n"
)
GERMAN = "Die Quote stieg auf 12,5 % im Jahr 2023.\n"

FORMS = [  # fact id, value written in the spec, extra keys, how both outputs show it
    ("faster", "[12, 45]", {}, "12–45%"),
    ("memory", "[20, 30]", {}, "about 20–30%"),
    ("modules", "-9", {}, "−9"),
    ("startup", "19", {}, "19.0 ms"),
    ("arm", "-0.4", {}, "−0.4%"),
    ("decoding", "1.3", {}, "1.3×"),
    ("seeking", "1.6", {}, "1.6×"),
    ("thumbs", "2", {}, "2×"),
    ("parallel", "[1.1, 1.4]", {}, "1.1–1.4×"),
    ("presets", "25", {"unit": "new presets"}, "25 new presets"),
    ("savings", "[15, 25]", {}, "up to 15–25%"),
    ("people", "1500", {"unit": "contributors"}, "1,500 contributors"),
    ("raised", "2.5", {"scale": "billion"}, "$2.5 billion"),
    ("mirror", "500", {"scale": "crore"}, "₹500 crore"),
    ("flag", "0x40", {}, "0x40"),
    ("ratio", "2.5", {}, "2.50×"),
    ("issue", "31337", {}, "31337"),
    ("index", "330", {}, "330 bytes"),
    ("quote_de", "12.5", {}, "12.5%"),
]
QUOTES = {
    "faster": "between 12-45% faster",
    "memory": "uses around 20–30% less memory",
    "modules": "loads 40 modules (-9)",
    "startup": "takes 19.0 ms",
    "arm": "the ARM build is −0.4% slower",
    "decoding": "Decoding is 1.3x faster",
    "seeking": "seeking is 1.6 times faster",
    "thumbs": "thumbnails render twice as fast",
    "parallel": "Parallel decoding gains 1.1x ~ 1.4x",
    "presets": "There are twenty-five new presets",
    "savings": "save up to 15-25% of disk space",
    "people": "1\u00a0500 contributors",
    "raised": "raised $2.5bn",
    "mirror": "cost Rs 500 crore",
    "flag": "Flag 0x40 = read-only",
    "ratio": "The compression ratio reaches 2.50x",
    "issue": "fixes issue 31337",
    "index": "shrink from 410 to 330 bytes",
    "quote_de": "Die Quote stieg auf 12,5 %",
}


def spec_text(forms=FORMS, extra_bullets: tuple[str, ...] = ()) -> str:
    facts = []
    for fid, value, extra, _ in forms:
        source = "de" if fid == "quote_de" else "notes"
        keys = "".join(f"\n    {k}: {v}" for k, v in extra.items())
        facts.append(f'  {fid}:\n    source: {source}\n    quote: "{QUOTES[fid]}"\n    value: {value}{keys}')
    bullets = "\n".join(f'      - "{fid.capitalize()}: {{{fid}}}."' for fid, *_ in forms)
    bullets += "".join(f'\n      - "{b}"' for b in extra_bullets)
    return (
        "title: Encoder release in figures\nsources:\n"
        "  notes: {path: sources/notes.txt, author: The encoder project, title: Release notes,"
        " date: '2026'}\n"
        "  de: {path: sources/de.txt, author: Statistikamt, title: Quote, date: '2024', decimal: ','}\n"
        "facts:\n"
        + "\n".join(facts)
        + "\nsections:\n  - id: figures\n    title: Figures\n    bullets:\n"
        + bullets
    )


@pytest.fixture
def release(make_spec):
    return make_spec(spec_text(), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})


def test_every_form_verifies_and_reads_as_its_source(release):
    brief, diags = briefgen.check(release)
    assert brief is not None, [str(d) for d in diags]
    values = {
        r.fact_id: r.text
        for item in brief.sections[0].blocks[0].items
        for r in item.runs
        if hasattr(r, "fact_id")
    }
    assert values == {fid: text for fid, _, _, text in FORMS}


def test_deck_and_pdf_show_the_same_forms(release, tmp_path):
    paths = briefgen.build(release, out_dir=tmp_path / "out")
    by = {p.suffix: p for p in paths}
    deck = "".join(
        sh.text_frame.text
        for s in Presentation(str(by[".pptx"])).slides
        for sh in s.shapes
        if sh.has_text_frame
    )
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(by[".pdf"].read_bytes())).pages)
    for _, _, _, text in FORMS:
        assert squash(text) in squash(deck), text
        assert squash(text) in squash(pdf), text


@pytest.mark.parametrize(
    ("fid", "wrong", "message"),
    [
        ("faster", "12", "value 12 of fact 'faster' is not a number its quote states"),
        ("modules", "9", "value 9 of fact 'modules' is not a number its quote states"),
        ("decoding", "13", "value 13 of fact 'decoding' is not a number its quote states"),
        ("flag", "40", "value 40 of fact 'flag' is not a number its quote states"),
        ("presets", "5", "value 5 of fact 'presets' is not a number its quote states"),
    ],
)
def test_a_wrong_reading_is_refused_with_the_right_one(make_spec, fid, wrong, message):
    forms = [(f, wrong if f == fid else v, e, t) for f, v, e, t in FORMS]
    spec = make_spec(spec_text(forms), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    brief, diags = briefgen.check(spec)
    assert brief is None
    assert [d.message for d in diags if d.severity == "error"] == [message]


def test_a_range_is_written_low_high_and_the_hint_says_so(make_spec):
    forms = [(f, "45" if f == "faster" else v, e, t) for f, v, e, t in FORMS]
    spec = make_spec(spec_text(forms), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    _, diags = briefgen.check(spec)
    assert "is a range: write value: [12, 45]" in diags[0].hint
    reversed_range = [(f, "[45, 12]" if f == "faster" else v, e, t) for f, v, e, t in FORMS]
    _, diags = briefgen.check(make_spec(spec_text(reversed_range), {"sources/notes.txt": NOTES}))
    assert any("a range is written [low, high], low first" in d.message for d in diags)


def test_the_sign_hint_names_the_signed_value(make_spec):
    forms = [(f, "0.4" if f == "arm" else v, e, t) for f, v, e, t in FORMS]
    _, diags = briefgen.check(
        make_spec(spec_text(forms), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    )
    assert diags[0].hint.endswith("the quote writes the sign: value: -0.4")


@pytest.mark.parametrize(
    ("fid", "unit", "message"),
    [
        ("startup", "ns", "fact 'startup': unit 'ns' but the quote states 19.0 ms"),
        ("index", "KB", "fact 'index': unit 'KB' but the quote states 330 bytes"),
        ("decoding", "'%'", "fact 'decoding': unit '%' but the quote states 1.3x, not a percentage"),
        ("people", "users", "fact 'people': unit 'users' is not a word of the quote"),
        ("issue", "ms", "fact 'issue': unit 'ms' but the quote states 31337, not in ms"),
    ],
)
def test_units_are_checked_against_the_quote(make_spec, fid, unit, message):
    forms = [(f, v, {**e, "unit": unit} if f == fid else e, t) for f, v, e, t in FORMS]
    brief, diags = briefgen.check(
        make_spec(spec_text(forms), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    )
    assert brief is None and [d.message for d in diags] == [message]
    assert diags[0].code == "unit-not-in-quote"


@pytest.mark.parametrize(
    ("fid", "unit"), [("startup", "milliseconds"), ("index", "bytes"), ("faster", "per cent")]
)
def test_documented_unit_synonyms_are_accepted(make_spec, fid, unit):
    forms = [(f, v, {**e, "unit": f"'{unit}'"} if f == fid else e, t) for f, v, e, t in FORMS]
    brief, diags = briefgen.check(
        make_spec(spec_text(forms), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    )
    assert brief is not None, [str(d) for d in diags]


def test_a_doubled_qualifier_is_an_error(make_spec):
    spec = make_spec(
        spec_text(extra_bullets=("It saves up to {savings} of space.",)),
        {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN},
    )
    brief, diags = briefgen.check(spec)
    assert brief is None
    assert [(d.code, d.message) for d in diags] == [
        ("doubled-qualifier", "'up to {savings}' would read 'up to up to 15–25%'")
    ]


def test_a_number_that_names_a_label_is_a_warning_naming_its_figure(make_spec):
    spec = make_spec(
        """
        title: Presets
        sources:
          notes: {path: sources/notes.txt, author: A, title: B, date: '2026'}
        facts:
          preset:
            source: notes
            quote: "Preset 4: 8% smaller files"
            value: 4
        sections:
          - id: one
            title: One
            bullets: ["Preset gain: {preset}."]
        """,
        {"sources/notes.txt": "Preset 4: 8% smaller files.\n"},
    )
    brief, diags = briefgen.check(spec)
    assert brief is not None
    assert [(d.severity, d.code, d.message, d.hint) for d in diags] == [
        (
            "warning",
            "value-is-a-label",
            "value 4 of fact 'preset' is part of the label 'Preset 4'; the quote gives 8% for it",
            "write value: 8 if 8% is the figure you mean",
        )
    ]


def test_a_chart_of_a_range_is_refused(make_spec):
    text = spec_text() + (
        "\n    chart:\n      kind: column\n      title: Speed\n"
        "      series:\n        - name: Gain\n          data:\n"
        "            - {label: Encode, fact: faster}\n            - {label: Decode, fact: decoding}\n"
    )
    _, diags = briefgen.check(make_spec(text, {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN}))
    assert any(
        d.code == "chart-range"
        and d.message
        == "chart 'Speed' plots fact 'faster', a range (12–45%); a column chart shows one number per point"
        for d in diags
    ), [str(d) for d in diags]


def test_rounding_in_formulas_is_half_up(make_spec):
    spec = make_spec(
        """
        title: Rounding
        sources:
          notes: {path: sources/notes.txt, author: A, title: B, date: '2026'}
        facts:
          a: {source: notes, quote: "first 2.5 units", unit: units}
          b: {formula: round(a), unit: units}
        sections:
          - id: one
            title: One
            bullets: ["{a} rounds to {b}."]
        """,
        {"sources/notes.txt": "The first 2.5 units.\n"},
    )
    brief, diags = briefgen.check(spec)
    assert brief is not None, [str(d) for d in diags]
    assert brief.sections[0].blocks[0].items[0].plain == "2.5 units rounds to 3 units†."


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("between 12-45% faster", ["12–45 %"]),
        ("around 20–30%", ["about 20–30 %"]),
        ("1.1x ~ 1.4x", ["1.1–1.4 ×"]),
        ("up to 15-25%", ["up to 15–25 %"]),
        ("loads 40 modules (-9)", ["40", "-9"]),
        ("0x40 = read-only", ["0x40"]),
        ("twenty-five presets", ["25"]),
        ("equal to one another", []),
        ("issue-\n31337", ["31337"]),
        ("3.10 and 19.0", ["3.10", "19.0"]),
        ("20+% gains", ["at least 20 %"]),
        ("$2.5bn, €1.2bn and 40k users", ["2.5 billion USD", "1.2 billion EUR", "40 thousand"]),
        ("Rs 500 crore and 5 lakh", ["500 crore INR", "5 lakh"]),
        ("1\u00a0500 firms", ["1500"]),
        ("AV1, H.264, 1080p, x86-64, v2.4.1, COVID-19, 2024-03-05", []),
    ],
)
def test_number_forms_of_the_issue(text, labels):
    assert [n.label() for n in stated_numbers(text)] == labels


def test_decimal_commas_where_the_source_declares_them():
    assert [n.label() for n in stated_numbers("12,5 % von 1.234,5", ",")] == ["12.5 %", "1234.5"]
    english = [n.label() for n in stated_numbers("12,5 % of 1.234,5")]
    assert "12.5 %" not in english and "1234.5" not in english


FLOATING = """
    chart:
      kind: {kind}
      layout: {layout}
      title: Gains
      data:
        - {{label: Encoding, fact: faster}}
        - {{label: Memory, fact: memory}}
        - {{label: Disk, fact: {third}}}
"""


def chart_spec(kind: str = "bar", layout: str = "range", third: str = "savings") -> str:
    return spec_text() + FLOATING.format(kind=kind, layout=layout, third=third)


def test_ranges_are_drawn_as_floating_bars(make_spec, tmp_path):
    path = make_spec(chart_spec(), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    brief, diags = briefgen.check(path)
    assert brief is not None, [str(d) for d in diags]
    chart = brief.sections[0].blocks[-1]
    base, bars = chart.series
    assert base.hidden and not bars.hidden and chart.layout == "stacked"
    assert base.values == (12, 20, 15) and bars.values == (33, 10, 10)  # from each low end to its high end
    assert bars.labels == ("12–45%", "about 20–30%", "up to 15–25%")
    assert "Encoding 12–45%" in chart.alt_text and ": Encoding ," not in chart.alt_text

    out = briefgen.build(path, out_dir=tmp_path / "out")
    deck = Presentation(str(next(p for p in out if p.suffix == ".pptx")))
    native = next(sh.chart for s in deck.slides for sh in s.shapes if sh.has_chart)
    plot = native.plots[0]
    assert [s.values for s in plot.series] == [(12, 20, 15), (33, 10, 10)]
    assert plot.series[0]._element.spPr.find(qn("a:noFill")) is not None  # the base is not drawn
    labels = [t.text for t in plot.series[1]._element.iter(qn("a:t"))]
    assert labels == ["12–45%", "about 20–30%", "up to 15–25%"] and not native.has_legend
    pdf = "".join(
        page.extract_text() for page in PdfReader(str(next(p for p in out if p.suffix == ".pdf"))).pages
    )
    for text in bars.labels:
        assert squash(text) in squash(pdf)


@pytest.mark.parametrize(
    ("kind", "layout", "third", "message"),
    [
        (
            "column",
            "clustered",
            "savings",
            "chart 'Gains' plots fact 'faster', a range (12–45%); a column chart shows one number per point",
        ),
        (
            "bar",
            "range",
            "decoding",
            "chart 'Gains': floating bars (layout: range) show one series of ranges; "
            "fact 'decoding' states one number",
        ),
    ],
)
def test_ranges_where_a_chart_cannot_show_them_are_refused(make_spec, kind, layout, third, message):
    spec = make_spec(chart_spec(kind, layout, third), {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN})
    _, diags = briefgen.check(spec)
    assert [(d.code, d.message) for d in diags if d.severity == "error"] == [("chart-range", message)]


def test_a_multiplier_axis_reads_times(make_spec):
    text = spec_text() + (
        "\n    chart:\n      kind: column\n      title: Speed-ups\n      data:\n"
        "        - {label: Decoding, fact: decoding}\n        - {label: Seeking, fact: seeking}\n"
    )
    brief, diags = briefgen.check(make_spec(text, {"sources/notes.txt": NOTES, "sources/de.txt": GERMAN}))
    assert brief is not None, [str(d) for d in diags]
    chart = brief.sections[0].blocks[-1]
    assert (chart.value_axis_title, chart.value_suffix, chart.number_format) == ("Times", "×", '#,##0.0"×"')
    assert chart.series[0].labels == ("1.3×", "1.6×")
