"""Register the shipped Carlito family with reportlab so the PDF embeds only Carlito."""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefgen.theme import font_path

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


def register_fonts(family: str = "Carlito") -> str:
    """Register the family once (idempotent) and make it the default for charts; returns `family`."""
    if family not in pdfmetrics.getRegisteredFontNames():
        for style in _FACES:
            pdfmetrics.registerFont(TTFont(face_name(family, style), str(font_path(style))))
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
