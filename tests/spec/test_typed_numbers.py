"""Claims versus identifiers: a number typed by hand that states a quantity needs a fact; names that contain
numbers ('AV1', 'Python 3.12', 'Section 508') are shown as written; backticks mark anything else verbatim."""

from __future__ import annotations

import pytest

import briefgen
from briefgen.spec.inline import typed_numbers
from tests.support.minimal import SOURCE, SPEC
from tests.support.readback import pdf_text, slide_texts, squash

NAMES = (
    "AV1 and H.264 at 1080p on x86-64, Python 3.12 and PEP 8, 64-bit builds, the G20, COVID-19, "
    "Section 508, ISO 9001, v2.4.1, speed preset 5, issue #31337, Windows 11, 29 November 2026"
)


def spec_with(title: str = "", bullet: str = "", category: str = "", cell: str = "") -> str:
    text = SPEC
    if title:
        text = text.replace("title: First section", f'title: "{title}"')
    if bullet:
        text = text.replace(
            '      - "China made {nev} in 2023."',
            f'      - "China made {{nev}} in 2023."\n      - "{bullet}"',
        )
    if category or cell:
        text += (
            "    table:\n      columns: [Codec, Figure]\n"
            f"      rows:\n        - ['{cell or 'AV1'}', '{{nev}}']\n"
            f"    chart:\n      kind: column\n      title: Chart\n      data:\n"
            f"        - {{label: '{category or 'AV1'}', fact: nev}}\n"
        )
    return text


@pytest.mark.parametrize("where", ["title", "bullet", "category", "cell"])
def test_identifiers_are_not_claims_and_render_as_written(make_spec, tmp_path, where):
    path = make_spec(spec_with(**{where: NAMES}), {"sources/doc.txt": SOURCE})
    brief, diags = briefgen.check(path)
    assert brief is not None, [str(d) for d in diags]
    if where == "title":
        assert brief.sections[0].title == NAMES
    if where in ("title", "bullet"):
        out = briefgen.build(path, out_dir=tmp_path / "out")
        pdf = pdf_text(next(p for p in out if p.suffix == ".pdf"))
        assert squash(NAMES) in squash(pdf)
    if where == "bullet":  # (a slide title that long is shortened to fit the slide)
        deck = "".join(slide_texts(next(p for p in out if p.suffix == ".pptx")))
        assert squash(NAMES) in squash(deck)


def test_every_typed_quantity_is_reported_at_its_own_column(make_spec):
    bullet = "Sales rose 40% to $2.5bn in 3 countries, over 1,500 firms."
    _, diags = briefgen.check(make_spec(spec_with(bullet=bullet), {"sources/doc.txt": SOURCE}))
    errors = [d for d in diags if d.code == "unsourced-number"]
    assert [d.message.split("states the number ")[1] for d in errors] == [
        "'40%' by hand",
        "'$2.5bn' by hand",
        "'3' by hand",
        "'1,500' by hand",
    ]
    spec_line = errors[0].location.line
    assert {d.location.line for d in errors} == {spec_line}
    text_col = errors[0].location.col - bullet.index("40%")  # where the bullet's text starts
    assert [d.location.col - text_col for d in errors] == [
        bullet.index("40%"),
        bullet.index("$2.5bn"),
        bullet.index("3 countries"),
        bullet.index("1,500"),
    ]


def test_a_bare_number_offers_backticks_and_backticks_show_it_as_written(make_spec, tmp_path):
    _, diags = briefgen.check(make_spec(spec_with(category="2.7", cell="2.7"), {"sources/doc.txt": SOURCE}))
    errors = [d for d in diags if d.severity == "error"]
    assert len(errors) == 2, [str(d) for d in diags]  # the table cell and the chart category
    error = errors[-1]
    assert error.code == "unsourced-number" and error.hint.endswith("write it in backticks: `2.7`")
    path = make_spec(
        spec_with(category="`2.7`", cell="`2.7`", bullet="Release `2.7` shipped."),
        {"sources/doc.txt": SOURCE},
    )
    brief, diags = briefgen.check(path)
    assert brief is not None, [str(d) for d in diags]
    chart = brief.sections[0].blocks[-1]
    assert chart.categories[0] == "2.7"
    assert brief.sections[0].blocks[0].items[1].plain == "Release 2.7 shipped."
    out = briefgen.build(path, out_dir=tmp_path / "out")
    deck = "".join(slide_texts(next(p for p in out if p.suffix == ".pptx")))
    assert "Release 2.7 shipped." in deck and "`" not in deck


@pytest.mark.parametrize(
    "text",
    [
        "R&D reached 2.64% of GDP",
        "over 9.4 million units",
        "$469.01 billion",
        "in 160 countries",
        "Only 40 firms",
        "12–45% faster",
        "ranked 12th",
        "1.3x faster",
    ],
)
def test_quantities_are_still_claims(text):
    assert typed_numbers(text), text
