"""The look of a brief: built-in themes, theme files with located errors, template and page settings."""

from __future__ import annotations

import briefgen
from briefgen.theme.model import BUILT_IN, DEFAULT_THEME, SLIDE_SIZES
from briefgen.watch import watched_files
from tests.support.minimal import SOURCE, SPEC

THEME = """
name: Corporate
base: ocean
colors:
  accent: "#00A3AD"
  title: 1A1A1A
palette: [00A3AD, 1A1A1A]
fonts:
  deck: Arial
footer: "Internal"
classification: RESTRICTED
slide_size: "4:3"
page_size: Letter
layouts:
  title: Cover
"""


def spec_with(extra: str) -> str:
    return SPEC.replace("title: Test brief", "title: Test brief\n" + extra, 1)


def test_default_and_built_in_themes(make_spec):
    brief = briefgen.load(make_spec(SPEC, {"sources/doc.txt": SOURCE}))
    assert brief.theme == DEFAULT_THEME
    brief = briefgen.load(make_spec(spec_with("theme: ocean"), {"sources/doc.txt": SOURCE}))
    assert brief.theme == BUILT_IN["ocean"] and brief.theme.color("accent") == "1D70A2"


def test_a_theme_file_changes_what_it_names(make_spec):
    spec = make_spec(
        spec_with("theme: themes/corp.yaml\nkeywords: [nev, innovation]"),
        {"sources/doc.txt": SOURCE, "themes/corp.yaml": THEME},
    )
    brief = briefgen.load(spec)
    t = brief.theme
    assert (t.name, t.color("accent"), t.color("title"), t.color("cover")) == (
        "Corporate",
        "00A3AD",
        "1A1A1A",
        "0B3C5D",
    )
    assert t.palette == ("00A3AD", "1A1A1A") and t.deck_font == "Arial"
    assert (t.footer, t.classification, t.slide_size, t.page_size) == (
        "Internal",
        "RESTRICTED",
        SLIDE_SIZES["4:3"],
        "Letter",
    )
    assert t.layouts["title"] == "Cover" and t.layouts["content"] == "Title and Content"
    assert brief.keywords == ("nev", "innovation")


def test_the_spec_overrides_its_theme(make_spec):
    spec = make_spec(
        spec_with(
            "theme: themes/corp.yaml\nclassification: SECRET\npage_size: A4\nlayouts: {content: Text page}"
        ),
        {"sources/doc.txt": SOURCE, "themes/corp.yaml": THEME},
    )
    t = briefgen.load(spec).theme
    assert (t.classification, t.page_size, t.layouts["content"], t.layouts["title"]) == (
        "SECRET",
        "A4",
        "Text page",
        "Cover",
    )


def test_theme_file_errors_point_into_the_theme_file(make_spec):
    bad = (
        THEME.replace('accent: "#00A3AD"', "accent: teal").replace("title: 1A1A1A", "titel: 1A1A1A")
        + "logo: x.png\n"
    )
    spec = make_spec(
        spec_with("theme: themes/corp.yaml"), {"sources/doc.txt": SOURCE, "themes/corp.yaml": bad}
    )
    _, diags = briefgen.check(spec)
    got = [(d.location.file.split("/")[-1], d.location.line, d.code, d.message) for d in diags]
    assert got == [
        ("corp.yaml", 5, "bad-color", "colour 'teal' of role 'accent' is not a hex colour"),
        ("corp.yaml", 6, "unknown-role", "unknown colour role 'titel'"),
        ("corp.yaml", 16, "logo-not-found", "logo not found: x.png"),
    ], got


def test_unknown_theme_and_missing_template(make_spec):
    _, diags = briefgen.check(
        make_spec(spec_with("theme: sunset\ntemplate: corp.potx"), {"sources/doc.txt": SOURCE})
    )
    assert [(d.code, d.message, d.hint) for d in diags] == [
        (
            "unknown-theme",
            "unknown theme 'sunset'",
            "built-in themes: default, ocean; or name a theme file (.yaml)",
        ),
        (
            "template-not-found",
            "template not found: corp.potx",
            "paths are relative to the spec's folder (in a theme file, to the theme file's)",
        ),
    ]


def test_a_theme_outside_the_spec_folder_is_refused(make_spec, tmp_path):
    (tmp_path.parent / "outside.yaml").write_text(THEME)
    _, diags = briefgen.check(make_spec(spec_with("theme: ../outside.yaml"), {"sources/doc.txt": SOURCE}))
    assert [d.code for d in diags] == ["path-outside"]


def test_watch_follows_the_theme_file(make_spec):
    spec = make_spec(
        spec_with("theme: themes/corp.yaml"), {"sources/doc.txt": SOURCE, "themes/corp.yaml": THEME}
    )
    assert (spec.parent / "themes" / "corp.yaml") in watched_files([spec])


def test_a_layout_named_in_the_spec_that_the_template_lacks_is_an_error_at_its_line(make_spec):
    from tests.support.templates import make_potx

    spec = make_spec(
        spec_with("template: corp.potx\nlayouts: {title: Cover, content: Text page, title-only: Headline}"),
        {"sources/doc.txt": SOURCE},
    )
    make_potx(spec.parent / "corp.potx")
    _, diags = briefgen.check(spec)
    assert [(d.code, d.location.line, d.message) for d in diags] == [
        ("template-layout", 3, "template corp.potx has no layout 'Headline' (for title-only slides)")
    ]
    assert "\n      'Cover'\n      'Text page'\n" in diags[0].hint
