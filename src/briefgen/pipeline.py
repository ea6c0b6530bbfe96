"""The order of the stages: load → verify facts → assemble → render; stops at the first stage with errors."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from briefgen.brief.assemble import assemble_brief
from briefgen.brief.lint import lint
from briefgen.brief.model import Brief, iter_texts
from briefgen.diagnostics import BriefgenError, Diagnostic, Location, has_errors
from briefgen.facts.verify import resolve_facts
from briefgen.outputs import FORMATS as FORMATS
from briefgen.outputs import write_set
from briefgen.spec.kinds import PDF_STANDARDS
from briefgen.spec.load import LoadedSpec, ParamChoice, display_path, load_spec, spec_params
from briefgen.theme.files import resolve_theme
from briefgen.theme.model import Theme


def check(
    path: str | os.PathLike[str], allow_outside: bool = False, params: ParamChoice | None = None
) -> tuple[Brief | None, list[Diagnostic]]:
    """Load, validate and verify a spec; the Brief (None on errors) and every diagnostic, warnings too.
    A spec with `params:` is checked for the row `params` chooses ({'country': 'India'})."""
    loaded, diags = load_spec(Path(path), allow_outside, params)
    if loaded is None:
        return None, diags
    return check_loaded(loaded, diags, allow_outside)


def check_loaded(
    loaded: LoadedSpec, diags: list[Diagnostic], allow_outside: bool = False
) -> tuple[Brief | None, list[Diagnostic]]:
    """`check` of a spec already loaded (with the diagnostics its loading found)."""
    diags = list(diags)
    # Spec errors do not stop the fact checks: every problem is reported in one run.
    facts, fact_diags = resolve_facts(loaded)
    diags += fact_diags
    brief, brief_diags = assemble_brief(loaded, facts)
    diags += brief_diags
    theme, theme_diags = resolve_theme(loaded, allow_outside)
    diags += theme_diags
    brief = replace(brief, theme=theme)
    if not has_errors(diags):
        diags += lint(loaded, facts, brief)
    diags.sort(key=lambda d: (d.location.file, d.location.line, d.location.col))
    return (None if has_errors(diags) else brief), diags


def load(
    path: str | os.PathLike[str],
    allow_outside: bool = False,
    strict: bool = False,
    params: ParamChoice | None = None,
) -> Brief:
    """The validated, verified brief model of a spec (for a spec with `params:`, of the row `params`
    chooses); raises BriefgenError listing every problem (and, with `strict`, every warning)."""
    brief, diags = check(path, allow_outside, params)
    if brief is None or (strict and diags):
        raise BriefgenError(diags)
    return brief


def render(brief: Brief, fmt: str, theme: Theme | None = None) -> bytes:
    """The bytes of one output format, in the brief's theme unless another is given."""
    theme = theme or brief.theme
    if fmt == "pptx":
        from briefgen.render.deck.writer import render_deck

        return render_deck(brief, theme)
    if fmt == "pdf":
        from briefgen.render.pdf.writer import write_pdf

        return write_pdf(brief, theme)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def audit(brief: Brief, theme: Theme | None = None) -> list[str]:
    """The layout audit of both outputs, one problem a line: 'deck: slide 7 (References): content fills
    12% of the body, under 20%', 'pdf: page 5: filled 9%, under 25% (…)'; empty when both pass. It
    measures each slide's body fill, shapes off the slide or over each other, text over its box and
    paragraphs ending on a lone word; each page's fill, orphan and widow lines and lone last words."""
    from briefgen.render.deck.writer import audit_deck
    from briefgen.render.pdf.writer import audit_pdf

    theme = theme or brief.theme
    return [f"deck: {p}" for p in audit_deck(brief, theme)] + [f"pdf: {p}" for p in audit_pdf(brief, theme)]


def build(
    path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] = "output",
    formats: Iterable[str] | str = FORMATS,
    allow_outside: bool = False,
    strict: bool = False,
    pdf_standard: str | None = None,
    params: ParamChoice | None = None,
) -> list[Path]:
    """Build a spec into `out_dir/<spec-name>.<format>`; returns the written paths. `pdf_standard`
    ('pdf/a-2b', 'pdf/a-2u', 'pdf/a-2a') makes the PDF archival whatever the spec and theme say. For a
    spec with `params:`, `params` chooses the row ({'country': 'India'}), written as
    `<spec-name>-India.<format>`; `build_many` builds every row.

    Raises BriefgenError for problems in the spec (with `strict`, for warnings too).
    """
    brief = archival(load(path, allow_outside, strict, params), pdf_standard)
    return write_outputs(brief, path, out_dir, formats)


def param_rows(
    path: str | os.PathLike[str], allow_outside: bool = False
) -> list[dict[str, str | int | float]]:
    """The parameter rows of a spec, in order (name → value); [] for a spec without `params:`. Raises
    BriefgenError for problems with them (a missing CSV file, an empty list, two rows with one output)."""
    table, diags = spec_params(Path(path), allow_outside)
    if has_errors(diags):
        raise BriefgenError(diags)
    return [dict(row) for row in table.rows] if table else []


def archival(brief: Brief, pdf_standard: str | None) -> Brief:
    """`brief` with its PDF made PDF/A as `pdf_standard` asks ('pdf/a-2b' …); as it is for None."""
    if pdf_standard is None:
        return brief
    if pdf_standard not in PDF_STANDARDS:
        raise ValueError(f"unknown PDF standard {pdf_standard!r}; expected one of {', '.join(PDF_STANDARDS)}")
    return replace(brief, theme=replace(brief.theme, pdf_standard=pdf_standard))


def write_outputs(
    brief: Brief,
    spec_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    formats: Iterable[str] | str,
) -> list[Path]:
    """Render a checked brief and write its outputs.

    Every output is rendered before any is written; then they are written as one set (briefgen.outputs):
    a failed or killed build leaves the earlier set whole. What the output folder showed (a build rolled
    back, outputs of two builds side by side) is reported as an OutputsWarning.
    """
    formats = [formats] if isinstance(formats, str) else list(dict.fromkeys(formats))
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if "pdf" in formats:
        _check_glyphs(brief, Path(spec_path))
    # The PDF is rendered first: its layout needs the most memory, better found before the deck's bytes
    # are held. The outputs keep the order asked for.
    rendered = {fmt: render(brief, fmt) for fmt in sorted(formats, key=lambda f: f != "pdf")}
    data = {fmt: rendered[fmt] for fmt in formats}
    out = Path(out_dir)
    try:
        written, notes = write_set(out, brief.name, data)
    except OSError as e:
        where = Location(str(out / f"{brief.name}.{formats[0]}") if e.filename is None else display_path(out))
        raise BriefgenError(
            [
                Diagnostic(
                    "error",
                    "output-unwritable",
                    f"cannot write the outputs in {display_path(out)}: {e.strerror or e}; "
                    "the earlier ones are unchanged",
                    where,
                    "choose an output folder you can write to (-o DIR)",
                )
            ]
        ) from e
    for note in notes:
        warnings.warn(note, OutputsWarning, stacklevel=2)
    return written


class OutputsWarning(UserWarning):
    """What the output folder showed: an interrupted build rolled back, a deck and a PDF of two builds."""


def _check_glyphs(brief: Brief, spec_path: Path) -> None:
    """Refuse text the PDF font cannot draw, naming where the spec first uses each character."""
    from briefgen.render.pdf.fonts import missing_glyphs

    theme = brief.theme
    missing = missing_glyphs("".join(iter_texts(brief)), theme)
    if not missing:
        return
    lines = spec_path.read_text(encoding="utf-8").splitlines()
    diags = []
    for ch in missing:
        line, col = next(((i, ln.index(ch) + 1) for i, ln in enumerate(lines, 1) if ch in ln), (0, 0))
        diags.append(
            Diagnostic(
                "error",
                "missing-glyph",
                f"the PDF font {theme.pdf_font} has no glyph for '{ch}' (U+{ord(ch):04X})",
                Location(display_path(spec_path), line, col),
                "the PDF would drop it silently; Latin, Greek and Cyrillic are covered (other scripts: "
                "build only the deck with --format pptx)",
            )
        )
    raise BriefgenError(diags)
