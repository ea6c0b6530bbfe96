"""The brief's language (`language:` in the spec or a theme file): both outputs declare it, on every run
of deck text and in the PDF's catalog and metadata; a tag that is no language tag is an error."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest

import briefgen
from tests.support.minimal import SOURCE, SPEC


def _with(line: str) -> str:
    return SPEC.replace("title: Test brief", f"title: Test brief\n{line}")


def languages(deck: bytes) -> dict[str, set[str]]:
    """The languages the deck's runs state, by part (slides, notes, charts), and its core property."""
    out: dict[str, set[str]] = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        for name in z.namelist():
            if name.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/charts/chart")) and name.endswith(
                ".xml"
            ):
                text = z.read(name).decode()
                part = name.split("/")[1]
                out.setdefault(part, set()).update(t.split('"')[0] for t in text.split(' lang="')[1:])
        core = z.read("docProps/core.xml").decode()
        out["core"] = {core.split("<dc:language>")[1].split("<")[0]}
    return out


def test_the_spec_language_is_declared_everywhere(make_spec, tmp_path):
    spec = make_spec(
        _with("language: de-DE")
        + "\n  - id: two\n    title: Zahlen\n    chart:\n      kind: column\n      title: Werte\n"
        "      data:\n        - {label: NEV, fact: nev}\n",
        {"sources/doc.txt": SOURCE},
    )
    deck, pdf_path = briefgen.build(spec, tmp_path / "out")
    found = languages(deck.read_bytes())
    assert found["slides"] == found["notesSlides"] == found["charts"] == found["core"] == {"de-DE"}
    pdf = pikepdf.open(pdf_path)
    assert str(pdf.Root.Lang) == "de-DE"
    assert pdf.open_metadata()["dc:language"] == {"de-DE"}


def test_english_by_default(make_spec, tmp_path):
    spec = make_spec(SPEC, {"sources/doc.txt": SOURCE})
    deck, pdf_path = briefgen.build(spec, tmp_path / "out")
    assert languages(deck.read_bytes())["slides"] == {"en-US"}
    assert str(pikepdf.open(pdf_path).Root.Lang) == "en-US"


def test_a_theme_file_sets_it_and_the_spec_wins(make_spec):
    text = _with("theme: house.yaml")
    spec = make_spec(text, {"sources/doc.txt": SOURCE, "house.yaml": "language: fr-CA\n"})
    assert briefgen.load(spec).theme.language == "fr-CA"
    spec.write_text(spec.read_text().replace("theme: house.yaml", "theme: house.yaml\nlanguage: en-GB"))
    assert briefgen.load(spec).theme.language == "en-GB"


@pytest.mark.parametrize("bad", ["English", "en_US", "e", "de-DE-"])
def test_a_wrong_tag_is_an_error_naming_the_line_and_what_to_write(make_spec, bad):
    spec = make_spec(_with(f"language: {bad}"), {"sources/doc.txt": SOURCE})
    _, diags = briefgen.check(spec)
    (error,) = [d for d in diags if d.severity == "error"]
    text = str(error)
    assert "brief.yaml:2:" in text and "language" in text and f"'{bad}' is not a language tag" in text
    assert "'en-GB'" in text
