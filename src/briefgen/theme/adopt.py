"""A theme takes its template's look: fonts, text colours, bullets, palette, unless a theme file set them."""

from __future__ import annotations

from dataclasses import replace

from briefgen.diagnostics import Diagnostic, Location
from briefgen.theme.font_lookup import SHIPPED, find_font, substitution_note
from briefgen.theme.look import TemplateLook, read_look
from briefgen.theme.model import Theme

ACCENTS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
TEXT_PAIRS = ("dk1", "lt1", "dk2", "lt2")


def _colors(theme: Theme, look: TemplateLook) -> dict[str, str]:
    """Role colours from the template: titles and body text as its placeholders draw them, markers and
    fact values in its bullet (or first accent) colour; what the theme file set stays."""
    accent = look.bullet.color or look.scheme.get("accent1", "")
    body = look.body.color
    wanted = {
        "title": look.title.color,
        "body": body,
        "muted": body,
        "source-note": body,
        "fact-value": accent or body,
        "citation-marker": accent or body,
        "accent": accent,
        "cover-title": look.cover_title.color,
        "backing": look.scheme.get("lt1", ""),
    }
    colors = dict(theme.colors)
    for role, value in wanted.items():
        if value and role not in theme.user_set:
            colors[role] = value
    return colors


def adopt_look(theme: Theme, where: Location) -> tuple[Theme, list[Diagnostic]]:
    """The theme with the look of its template's content and title layouts; a warning for each template
    font that is not installed, naming what measures it instead."""
    if theme.template is None:
        return theme, []
    look = read_look(theme.template, theme.layouts, theme.master)
    if not look.scheme and not look.title.font:
        return theme, []
    diags: list[Diagnostic] = []
    changes: dict = {"colors": _colors(theme, look)}
    accents = tuple(look.scheme[a] for a in ACCENTS if a in look.scheme)
    if len(accents) == len(ACCENTS) and "palette" not in theme.user_set:
        changes["palette"] = accents
    # A contrast fix tries the template's own text colours first, then its theme's dark and light pairs.
    own = (look.title.color, look.body.color, look.cover_title.color)
    pairs = tuple(look.scheme[c] for c in TEXT_PAIRS if c in look.scheme)
    changes["contrast_colors"] = tuple(dict.fromkeys(c for c in (*own, *pairs, "000000", "FFFFFF") if c))
    if look.bullet.indent_pt >= 6:
        changes["bullet_indent_pt"] = min(look.bullet.indent_pt, 48.0)
    changes["template_bullets"] = look.bullet.char
    if "font" not in theme.user_set:
        body, heading = (
            look.body.font or theme.deck_font,
            look.title.font or look.body.font or theme.deck_font,
        )
        files = {}
        for face, name in (("body", body), ("heading", heading)):
            match = find_font(name)
            used = "titles" if face == "heading" else "text"
            files[face] = match.files
            if match.substituted and name not in SHIPPED and (face == "body" or heading != body):
                diags.append(
                    Diagnostic(
                        "warning",
                        "template-font-substituted",
                        f"template {theme.template.name}: font '{name}' ({used}) is not installed; "
                        f"{substitution_note(match)}",
                        where,
                        f"install '{name}' where the deck is built, or name an installed font with "
                        "'fonts: {deck: …}' in a theme file",
                    )
                )
        changes.update(deck_font=body, heading_font=heading, measure_files=files)
    return replace(theme, **changes), diags
