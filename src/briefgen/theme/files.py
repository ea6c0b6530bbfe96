"""Resolve a spec's look: a built-in theme or a theme file, a corporate template, sizes and branding."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from briefgen.diagnostics import Diagnostic, Location, has_errors
from briefgen.spec.document import load_yaml
from briefgen.spec.errors import schema_diagnostics
from briefgen.spec.load import LoadedSpec, display_path
from briefgen.spec.model import Language, PdfStandard, SlideKind, Str, StrictModel
from briefgen.spec.paths import file_problem, font_problem, image_problem, zip_problem
from briefgen.spec.schema import editor_schema
from briefgen.theme.adopt import adopt_look
from briefgen.theme.model import BUILT_IN, DEFAULT_LAYOUTS, DEFAULT_THEME, FONT_FILES, SLIDE_SIZES, Theme
from briefgen.theme.template import (
    find_master,
    master_list,
    masters_of,
    quoted_list,
    read_layouts,
    resolve_layouts,
    shared_names,
)

Hex = Str  # checked below: six hex digits, with or without '#'


class FontsSpec(StrictModel):
    """Fonts: the name decks ask for, and the TrueType files the PDF embeds."""

    deck: Str = ""
    """The font the deck names (PowerPoint substitutes a similar one where it is missing)."""
    pdf: Str = Field("", description="A name for the PDF font family (with pdf_files).")
    pdf_files: dict[Literal["regular", "bold", "italic", "bold_italic"], Str] = Field(default_factory=dict)
    """TrueType files the PDF embeds, by style, relative to the theme file."""


class ThemeFileSpec(StrictModel):
    """A theme file: start from a built-in theme and change what a brand needs."""

    name: Str = ""
    """The theme's name."""
    base: Literal["default", "ocean"] = "default"
    """The built-in theme it starts from."""
    colors: dict[Str, Hex] = Field(default_factory=dict, description="Colours by role: title, accent, …")
    palette: list[Hex] = Field(default_factory=list, description="Chart series colours, in order.")
    fonts: FontsSpec = Field(default_factory=FontsSpec)
    """Fonts for the deck and the PDF."""
    logo: Str = ""
    """An image file (PNG or JPEG) shown on the slides and the cover, relative to the theme file."""
    footer: Str = ""
    """Text at the foot of every slide and page; by default the brief's title."""
    classification: Str = ""
    """A marking such as 'CONFIDENTIAL' on every slide and page."""
    slide_size: Literal["16:9", "4:3"] = "16:9"
    """The deck's slide shape."""
    closing_slide: bool = True
    """End the deck with a 'Questions' slide."""
    pdf_standard: PdfStandard | None = None
    """Make the PDF an archival PDF/A-2 file (2b, 2u or 2a)."""
    language: Language = "en-US"
    """The language briefs in this theme are written in, as a BCP 47 tag ('en-GB', 'de', 'fr-CA')."""
    page_size: Literal["A4", "Letter"] = "A4"
    """The PDF's page size."""
    template: Str = ""
    """A corporate PowerPoint template (.pptx or .potx) the deck is built on."""
    layouts: dict[SlideKind, Str] = Field(default_factory=dict)
    """The template's layout names by slide kind: title, section, content, title-only, blank."""
    master: Str = ""
    """The template master whose layouts the deck uses: its name, or its number (1 = first)."""


def resolve_theme(ls: LoadedSpec, allow_outside: bool = False) -> tuple[Theme, list[Diagnostic]]:
    """The theme a spec asks for, with the spec's own template, layouts, classification and page size."""
    spec, folder = ls.spec, ls.path.parent
    diags: list[Diagnostic] = []
    theme = BUILT_IN.get(spec.theme)
    if theme is None:
        theme, diags = _theme_file(folder / spec.theme, folder, ls, allow_outside)
    if spec.template:
        path = _inside(folder / spec.template, folder, allow_outside, ls.doc.at(("template",)), diags)
        theme = replace(theme, template=path)
    if spec.layouts:
        theme = replace(theme, layouts={**theme.layouts, **{str(k): v for k, v in spec.layouts.items()}})
    if spec.master:
        theme = replace(theme, master=spec.master)
    if spec.classification:
        theme = replace(theme, classification=spec.classification)
    if spec.page_size:
        theme = replace(theme, page_size=spec.page_size)
    if spec.closing_slide is not None:
        theme = replace(theme, closing_slide=spec.closing_slide)
    if spec.pdf_standard:
        theme = replace(theme, pdf_standard=spec.pdf_standard)
    if spec.language:
        theme = replace(theme, language=spec.language)
    problem = file_problem(theme.template, "template") if theme.template is not None else None
    if theme.template is not None and problem is None:
        problem = zip_problem(theme.template)  # before anything is unpacked
    if theme.template is not None and problem is None:
        theme, layout_diags = _check_layouts(theme, ls)
        diags += layout_diags
        if not has_errors(layout_diags):
            theme, look_diags = adopt_look(theme, ls.doc.at(("template",)))
            diags += look_diags
    elif theme.template is not None and problem:
        diags.append(_file_error("template", theme.template, problem, ls.doc.at(("template",))))
        theme = replace(theme, template=None)
    return theme, diags


def _file_error(what: str, path: Path, problem: str, where: Location) -> Diagnostic:
    """'template not found: corp.potx', 'logo … is a folder, not a file', 'font … is 80.0 MiB, over …'."""
    if problem == "not found":
        return Diagnostic("error", f"{what}-not-found", f"{what} not found: {path.name}", where, _RELATIVE)
    code = "too-large" if "limit" in problem else f"{what}-unreadable"
    return Diagnostic("error", code, f"{what} {path.name} {problem}", where, _RELATIVE)


_RELATIVE = "paths are relative to the spec's folder (in a theme file, to the theme file's)"


def _check_layouts(theme: Theme, ls: LoadedSpec) -> tuple[Theme, list[Diagnostic]]:
    """The layout every slide kind the deck uses: the named one, else one picked by its placeholders
    (a warning says which); a layout named in `layouts:` that the template lacks is an error."""
    template = theme.template
    assert template is not None
    where = ls.doc.at(("template",))
    found = read_layouts(template)
    if not found:
        msg = f"cannot read the layouts of {template.name}"
        return theme, [_err("template-unreadable", msg, where, "save it again as a .pptx or .potx")]
    diags: list[Diagnostic] = []
    if theme.master:
        number = find_master(found, theme.master)
        if number is None:
            at = ls.doc.at(("master",)) if ls.spec.master else where
            hint = f"the template's masters are:{master_list(found)}\n    name one, or give its number"
            msg = f"template {template.name} has no master '{theme.master}'"
            return theme, [_err("template-master", msg, at, hint)]
        found = [i for i in found if i.master == number]
        theme = replace(theme, master=str(number))
    kinds = ["title", "content", "title-only"] + (
        ["section"] if any(s.divider for s in ls.spec.sections) else []
    )
    explicit = {k for k in kinds if k in ls.spec.layouts or theme.layouts.get(k) != DEFAULT_LAYOUTS[k]}
    chosen, picks, missing = resolve_layouts(found, theme.layouts, kinds, explicit)
    names = quoted_list([i.name for i in found])
    for kind in missing:
        name = theme.layouts.get(kind, "")
        at = ls.doc.at(("layouts", kind)) if kind in ls.spec.layouts else where
        diags.append(
            _err(
                "template-layout",
                f"template {template.name} has no layout '{name}' (for {kind} slides)",
                at,
                f"the template's layouts are:{names}\n    map {kind} slides to one of them with 'layouts:'",
            )
        )
    for kind, why in picks.items():
        diags.append(
            Diagnostic(
                "warning",
                "template-layout-picked",
                f"template {template.name} has no layout '{theme.layouts.get(kind, '')}': "
                f"{kind} slides use '{chosen[kind]}' ({why})",
                where,
                f"to use another, map it: layouts: {{{kind}: '…'}}; the template's layouts are:{names}",
            )
        )
    shared = shared_names(found, set(chosen.values()))
    if shared:
        listed = ", ".join(f"'{n}'" for n in shared)
        diags.append(
            Diagnostic(
                "warning",
                "template-duplicate-layouts",
                f"template {template.name} has {len(masters_of(found))} masters with layouts named "
                f"{listed}: the first master's are used",
                where,
                f"pick a master with 'master:' (its name or number) in the spec or theme; the template's "
                f"masters are:{master_list(found)}",
            )
        )
    return replace(theme, layouts={**theme.layouts, **chosen}), diags


def _inside(path: Path, folder: Path, allow_outside: bool, where: Location, diags: list) -> Path | None:
    """The resolved path, or None (reported) when it leaves the spec's folder: a file the spec did not put
    beside itself is never opened unless the caller allows it."""
    resolved = path.resolve()
    if not allow_outside and not resolved.is_relative_to(folder.resolve()):
        diags.append(
            Diagnostic(
                "error",
                "path-outside",
                f"'{path.name}' is outside the spec's folder",
                where,
                "copy it next to the spec, or allow it with --allow-outside-sources",
            )
        )
        return None
    return resolved


def _theme_file(
    path: Path, folder: Path, ls: LoadedSpec, allow_outside: bool
) -> tuple[Theme, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    where = ls.doc.at(("theme",))
    if path.suffix.lower() not in (".yaml", ".yml"):
        names = ", ".join(BUILT_IN)
        return DEFAULT_THEME, [
            Diagnostic(
                "error",
                "unknown-theme",
                f"unknown theme '{ls.spec.theme}'",
                where,
                f"built-in themes: {names}; or name a theme file (.yaml)",
            )
        ]
    if _inside(path, folder, allow_outside, where, diags) is None:
        return DEFAULT_THEME, diags  # refused before it is opened: its contents never reach a message
    problem = file_problem(path, "theme")
    if problem and problem != "not found":
        return DEFAULT_THEME, diags + [_file_error("theme", path, problem, where)]
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return DEFAULT_THEME, diags + [
            Diagnostic(
                "error",
                "theme-not-found",
                f"theme file not found: {path.name}",
                where,
                "paths are relative to the spec's folder",
            )
        ]
    doc, yaml_diags = load_yaml(text, display_path(path))
    if yaml_diags:
        return DEFAULT_THEME, diags + yaml_diags
    try:
        spec = ThemeFileSpec.model_validate(doc.data or {})
    except ValidationError as e:
        return DEFAULT_THEME, diags + schema_diagnostics(e.errors(), doc)
    base = BUILT_IN[spec.base]
    colors = dict(base.colors)
    for role, value in spec.colors.items():
        color = _hex(value)
        if color is None:
            diags.append(
                Diagnostic(
                    "error",
                    "bad-color",
                    f"colour '{value}' of role '{role}' is not a hex colour",
                    doc.at(("colors", role)),
                    "write six hex digits, e.g. '1F4E79'",
                )
            )
        elif role not in colors and not role.startswith("series-"):
            diags.append(
                Diagnostic(
                    "error",
                    "unknown-role",
                    f"unknown colour role '{role}'",
                    doc.at(("colors", role), key=True),
                    f"roles: {', '.join(sorted(colors))}",
                )
            )
        else:
            colors[role] = color
    if "on-cover" in spec.colors and "cover-title" not in spec.colors:  # the cover title follows it
        colors["cover-title"] = colors["on-cover"]
    palette = tuple(c for c in (_hex(v) for v in spec.palette) if c) or base.palette
    # Every file the theme names is held inside the spec's folder, like the sources.
    files: dict[str, Path] = {}
    for face, name in spec.fonts.pdf_files.items():
        inside = _inside(
            path.parent / name, folder, allow_outside, doc.at(("fonts", "pdf_files", face)), diags
        )
        if inside is not None:
            files[face] = inside
    logo = (
        _inside(path.parent / spec.logo, folder, allow_outside, doc.at(("logo",)), diags)
        if spec.logo
        else None
    )
    template = (
        _inside(path.parent / spec.template, folder, allow_outside, doc.at(("template",)), diags)
        if spec.template
        else None
    )
    for style, f in files.items():
        if problem := file_problem(f, "font") or font_problem(f):
            diags.append(_file_error("font", f, problem, doc.at(("fonts", "pdf_files", style))))
    if files and "regular" not in files:
        diags.append(
            Diagnostic(
                "error",
                "font-missing-style",
                "fonts › pdf_files needs a 'regular' file",
                doc.at(("fonts", "pdf_files")),
                f"styles: {', '.join(FONT_FILES)}",
            )
        )
    theme = replace(
        base,
        name=spec.name or path.stem,
        colors=colors,
        palette=palette,
        deck_font=spec.fonts.deck or base.deck_font,
        pdf_font=spec.fonts.pdf or (path.stem.replace(" ", "") if files else base.pdf_font),
        pdf_font_files=files or None,
        logo=logo,
        footer=spec.footer,
        classification=spec.classification,
        slide_size=SLIDE_SIZES[spec.slide_size],
        page_size=spec.page_size,
        template=template,
        layouts={**base.layouts, **{str(k): v for k, v in spec.layouts.items()}},
        master=spec.master,
        closing_slide=spec.closing_slide,
        pdf_standard=spec.pdf_standard or "",
        language=spec.language,
        user_set=frozenset(
            [*spec.colors] + (["palette"] if spec.palette else []) + (["font"] if spec.fonts.deck else [])
        ),
    )
    if theme.logo is not None and (problem := file_problem(theme.logo, "logo") or image_problem(theme.logo)):
        diags.append(_file_error("logo", theme.logo, problem, doc.at(("logo",))))
    return theme, diags


def _err(code: str, message: str, where: Location, hint: str = "") -> Diagnostic:
    return Diagnostic("error", code, message, where, hint)


def _hex(value: str) -> str | None:
    v = value.strip().lstrip("#").upper()
    return v if len(v) == 6 and all(c in "0123456789ABCDEF" for c in v) else None


def theme_schema() -> dict[str, Any]:
    """The JSON Schema of theme files, for editors."""
    return editor_schema(
        ThemeFileSpec,
        "urn:briefgen:schema:theme:1",
        "briefgen theme file",
        "Colours, fonts, logo, sizes and a corporate template for briefs. See docs/spec.md.",
    )
