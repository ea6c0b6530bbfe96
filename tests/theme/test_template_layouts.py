"""Templates whose layouts lack the default names still build: a layout is picked by its type or its
placeholders, a warning says which, and the deck uses it; names are listed one per line, quoted."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

import briefgen
from briefgen.theme.template import read_layouts
from tests.support.minimal import SOURCE, SPEC
from tests.support.templates import make_potx


def spec_with(extra: str) -> str:
    return SPEC.replace("title: Test brief", "title: Test brief\n" + extra, 1)


def untyped(path: Path) -> Path:
    """The same package with every layout's type attribute removed (PowerPoint then calls them custom),
    so only the placeholders tell the layouts apart."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", info.filename):
                data = re.sub(rb'(<p:sldLayout\b[^>]*?) type="[^"]*"', rb"\1", data, count=1)
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())
    return path


def only_layouts(path: Path, keep: dict[str, str]) -> Path:
    """python-pptx's default template cut down to the layouts `keep` names, renamed to its values."""
    prs = Presentation()
    for lay in list(prs.slide_layouts):
        if lay.name in keep:
            lay.name = keep[lay.name]
        else:
            prs.slide_layouts.remove(lay)
    prs.save(str(path))
    return path


def picks(diags) -> list[str]:
    return [d.message for d in diags if d.code == "template-layout-picked"]


def deck_layouts(deck: Path) -> list[str]:
    return [s.slide_layout.name for s in Presentation(str(deck)).slides]


def test_renamed_layouts_are_picked_by_their_type_and_the_deck_uses_them(make_spec, tmp_path):
    spec = make_spec(spec_with("template: corp.potx"), {"sources/doc.txt": SOURCE})
    make_potx(spec.parent / "corp.potx")
    brief, diags = briefgen.check(spec)
    assert brief is not None
    assert picks(diags) == [
        "template corp.potx has no layout 'Title Slide': title slides use 'Cover' (a title slide layout)",
        "template corp.potx has no layout 'Title and Content': content slides use 'Text page' "
        "(a title and content layout)",
        "template corp.potx has no layout 'Title Only': title-only slides use 'Heading only' "
        "(a title only layout)",
    ]
    template_diags = [d for d in diags if d.code.startswith("template")]
    assert all(d.location.line == 2 and d.severity == "warning" for d in template_diags)
    assert "layouts: {title: '…'}" in diags[0].hint and "\n      'Divider'\n" in diags[0].hint
    deck, _pdf = briefgen.build(spec, tmp_path / "out")
    assert deck_layouts(deck)[0] == "Cover"
    assert set(deck_layouts(deck)) <= {"Cover", "Text page", "Heading only"}


def test_untyped_layouts_are_picked_by_their_placeholders(make_spec, tmp_path):
    spec = make_spec(spec_with("template: corp.potx"), {"sources/doc.txt": SOURCE})
    potx = untyped(make_potx(spec.parent / "corp.potx"))
    assert {i.type for i in read_layouts(potx)} == {"cust"}
    _, diags = briefgen.check(spec)
    assert picks(diags) == [
        "template corp.potx has no layout 'Title Slide': title slides use 'Cover' (a centred title)",
        "template corp.potx has no layout 'Title and Content': content slides use 'Text page' "
        "(a title and one body)",
        "template corp.potx has no layout 'Title Only': title-only slides use 'Heading only' "
        "(a title and no body)",
    ]
    deck, _pdf = briefgen.build(spec, tmp_path / "out")
    assert deck_layouts(deck)[0] == "Cover"


def test_a_template_with_three_layouts_and_commas_in_their_names_builds(make_spec, tmp_path):
    keep = {
        "Title and Content": "Title, Content",
        "Two Content": "Two Content",
        "Section Header": "Section Header",
    }
    spec = make_spec(spec_with("template: three.pptx"), {"sources/doc.txt": SOURCE})
    only_layouts(spec.parent / "three.pptx", keep)
    assert [i.name for i in read_layouts(spec.parent / "three.pptx")] == [
        "Title, Content",
        "Section Header",
        "Two Content",
    ]
    _, diags = briefgen.check(spec)
    assert picks(diags) == [
        "template three.pptx has no layout 'Title Slide': title slides use 'Title, Content' "
        "(a title and one body)",
        "template three.pptx has no layout 'Title and Content': content slides use 'Title, Content' "
        "(a title and content layout)",
        "template three.pptx has no layout 'Title Only': title-only slides use 'Title, Content' "
        "(a title and content layout)",
    ]
    assert diags[0].hint.endswith("\n      'Title, Content'\n      'Section Header'\n      'Two Content'")
    deck, pdf = briefgen.build(spec, tmp_path / "out")
    assert set(deck_layouts(deck)) == {"Title, Content"}
    assert pdf.stat().st_size > 0


def test_a_divider_picks_the_section_header_by_type(make_spec):
    first = "    title: First section"
    text = spec_with("template: corp.potx").replace(first, "    divider: true\n" + first, 1)
    spec = make_spec(text, {"sources/doc.txt": SOURCE})
    make_potx(spec.parent / "corp.potx")
    _, diags = briefgen.check(spec)
    assert any("section slides use 'Divider' (a section header layout)" in m for m in picks(diags))


def test_layouts_are_read_in_python_pptx_order_through_the_relationships(tmp_path):
    path = untyped(only_layouts(tmp_path / "t.pptx", {"Blank": "Z", "Title Slide": "A", "Title Only": "M"}))
    assert [(i.name, i.master) for i in read_layouts(path)] == [
        (lay.name, 1) for lay in Presentation(str(path)).slide_layouts
    ]


def test_a_title_slide_typed_as_content_is_not_taken_for_content(make_spec):
    """LibreOffice writes type="obj" on its title slides: the subtitle shows what the layout is."""
    spec = make_spec(spec_with("template: lo.pptx"), {"sources/doc.txt": SOURCE})
    prs = Presentation()
    prs.slide_layouts[0]._element.set("type", "obj")
    prs.slide_layouts[1].name = "Title, Content"
    prs.save(str(spec.parent / "lo.pptx"))
    _, diags = briefgen.check(spec)
    assert picks(diags) == [
        "template lo.pptx has no layout 'Title and Content': content slides use 'Title, Content' "
        "(a title and content layout)"
    ]


def renamed_master(src: Path, dest: Path, number: int, name: str) -> Path:
    """A copy of a template whose master `number` (package order) is called `name`."""
    prs = Presentation(str(src))
    prs.slide_masters[number - 1]._element.cSld.set("name", name)
    prs.save(str(dest))
    return dest


def master_of(slide) -> int:
    masters = [m.part.partname for m in slide.part.package.presentation_part.presentation.slide_masters]
    return masters.index(slide.slide_layout.slide_master.part.partname) + 1


@pytest.fixture()
def many_masters(libreoffice_pptx, make_spec):
    """A real template with several masters sharing layout names (LibreOffice exports one per design
    page), its master 2 named 'Corporate'; a spec on it."""
    source = next(t for t in libreoffice_pptx if len(Presentation(str(t)).slide_masters) > 1)
    spec = make_spec(spec_with("template: real.pptx"), {"sources/doc.txt": SOURCE})
    renamed_master(source, spec.parent / "real.pptx", 2, "Corporate")
    return spec


def test_shared_layout_names_across_masters_warn_and_say_how_to_pick(many_masters):
    _, diags = briefgen.check(many_masters)
    dup = [d for d in diags if d.code == "template-duplicate-layouts"]
    assert len(dup) == 1 and dup[0].severity == "warning" and dup[0].location.line == 2
    assert "masters with layouts named" in dup[0].message and "'Title Slide'" in dup[0].message
    assert "pick a master with 'master:'" in dup[0].hint and "\n      2: 'Corporate'" in dup[0].hint


@pytest.mark.parametrize("master", ["Corporate", "2", "1"])
def test_a_master_by_name_or_number_is_the_one_every_slide_uses(many_masters, tmp_path, master):
    text = many_masters.read_text().replace("template: real.pptx", f"template: real.pptx\nmaster: '{master}'")
    many_masters.write_text(text)
    brief, diags = briefgen.check(many_masters)
    assert brief is not None and not [d for d in diags if d.code == "template-duplicate-layouts"]
    deck, _pdf = briefgen.build(many_masters, tmp_path / "out")
    want = 2 if master == "Corporate" else int(master)
    assert {master_of(s) for s in Presentation(str(deck)).slides} == {want}


def test_a_master_the_template_lacks_is_an_error_at_its_line(many_masters):
    text = many_masters.read_text().replace("template: real.pptx", "template: real.pptx\nmaster: 99")
    many_masters.write_text(text)
    _, diags = briefgen.check(many_masters)
    assert [(d.code, d.location.line, d.message) for d in diags] == [
        ("template-master", 3, "template real.pptx has no master '99'")
    ]
    assert "\n      1: (unnamed)\n      2: 'Corporate'\n" in diags[0].hint
