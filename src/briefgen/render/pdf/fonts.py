"""Register the shipped Carlito family with reportlab so the PDF embeds only Carlito."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefgen.theme.model import DEFAULT_THEME, Theme, font_path

# Face names as reportlab knows them; the family name is the theme's `pdf_font`.
_FACES = {
    "regular": "",
    "bold": "-Bold",
    "italic": "-Italic",
    "bold_italic": "-BoldItalic",
}


def face_name(family: str, style: str = "regular") -> str:
    """The registered reportlab name of one face, e.g. 'Carlito-Bold'."""
    return family + _FACES[style]


def register_fonts(family: str = "Carlito", files: Callable[[str], Path] = font_path) -> str:
    """Register the family once (idempotent) and make it the default for charts; returns `family`."""
    if family not in pdfmetrics.getRegisteredFontNames():
        for style in _FACES:
            pdfmetrics.registerFont(TTFont(face_name(family, style), str(files(style))))
        # Without the family mapping <b>/<i> silently stay in the regular face.
        pdfmetrics.registerFontFamily(
            family,
            normal=face_name(family, "regular"),
            bold=face_name(family, "bold"),
            italic=face_name(family, "italic"),
            boldItalic=face_name(family, "bold_italic"),
        )
    # Drawings start from this font; left at Helvetica it would be referenced unembedded.
    rl_config.defaultGraphicsFontName = family
    return family


def covers_cjk(family: str) -> bool:
    """Whether the family's regular face draws Chinese (a CJK font such as WenQuanYi Zen Hei)."""
    cmap = face_cmap(face_name(family))
    return all(ord(ch) in cmap for ch in "中文的")


def bullet_glyph(face: str) -> tuple[str, float]:
    """The list bullet the face can draw and its size relative to the text: '•', else a black circle in
    a smaller size (CJK fonts may lack '•'), else a dash."""
    cmap = face_cmap(face)
    for ch, scale in (("\u2022", 1.0), ("\u25cf", 0.55), ("\u2013", 1.0)):
        if ord(ch) in cmap:
            return ch, scale
    return "-", 1.0


def face_cmap(face: str) -> dict[int, int]:
    """The code point → glyph map of a registered TrueType face."""
    return pdfmetrics.getFont(face).face.charToGlyph


def missing_glyphs(text: str, theme: Theme = DEFAULT_THEME) -> list[str]:
    """Characters of `text` that no face of the family can draw, in order of first appearance.

    reportlab would draw them as nothing at all, silently changing a verbatim quote.
    """
    family = register_fonts(theme.pdf_font, theme.font_file)
    faces = [pdfmetrics.getFont(face_name(family, style)).face.charToGlyph for style in _FACES]
    # Each distinct character once (dict keys keep the order of first appearance), not every occurrence.
    return [
        ch for ch in dict.fromkeys(text) if not ch.isspace() and not all(ord(ch) in cmap for cmap in faces)
    ]
