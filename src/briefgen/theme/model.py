"""Theme: colours and fonts by role, page and slide sizes, template and branding, shared by both renderers."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

FONT_FILES = {
    "regular": "Carlito-Regular.ttf",
    "bold": "Carlito-Bold.ttf",
    "italic": "Carlito-Italic.ttf",
    "bold_italic": "Carlito-BoldItalic.ttf",
}
PAGE_SIZES = {"A4": (595.2756, 841.8898), "Letter": (612.0, 792.0)}  # points
SLIDE_SIZES = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}  # inches
# What each kind of slide is called in a corporate template, unless the theme or spec maps it otherwise.
DEFAULT_LAYOUTS = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
    "title-only": "Title Only",
    "blank": "Blank",
}


def font_path(style: str = "regular") -> Path:
    """Path of a shipped font file (Carlito, metric-compatible with Calibri)."""
    return Path(str(resources.files("briefgen.theme") / "fonts" / FONT_FILES[style]))


def _default_colors() -> dict[str, str]:
    return {
        "title": "1F2A44",
        "body": "262626",
        "muted": "6B7280",
        "accent": "C8102E",
        "fact-value": "1F4E79",
        "citation-marker": "1F4E79",
        "source-note": "6B7280",
        "rule": "D0D5DD",
        "panel": "F2F4F7",
        "background": "FFFFFF",
        "cover": "1F2A44",
        "on-cover": "FFFFFF",
        "cover-title": "FFFFFF",
        "backing": "FFFFFF",  # behind text that no one colour reads on (a photograph under it)
        "banner": "C8102E",
        "on-banner": "FFFFFF",
    }


@dataclass(frozen=True)
class Theme:
    """Colours (hex RGB, no '#') and fonts by role; each renderer maps roles to its own units.

    `pdf_font_files` (style → TrueType file) replaces the shipped Carlito in the PDF, e.g. with a font
    that covers Chinese; `template` is a corporate .pptx/.potx whose layouts (`layouts`: slide kind →
    layout name) the deck uses.
    """

    name: str = "default"
    colors: dict[str, str] = field(default_factory=_default_colors)
    palette: tuple[str, ...] = ("1F4E79", "C8102E", "2E8B57", "E69F00", "6A3D9A", "56B4E9")
    # Decks name the font a viewer resolves (Calibri; Carlito where Calibri is missing); the PDF embeds
    # Carlito itself. Both are measured with Carlito's metrics, so text fits the same everywhere.
    deck_font: str = "Calibri"
    pdf_font: str = "Carlito"
    pdf_font_files: dict[str, Path] | None = None
    logo: Path | None = None
    footer: str = ""  # deck footer text; the brief's title when empty
    classification: str = ""  # a banner such as 'CONFIDENTIAL' on every slide and page
    slide_size: tuple[float, float] = SLIDE_SIZES["16:9"]
    page_size: str = "A4"
    template: Path | None = None
    layouts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LAYOUTS))
    master: str = ""  # the template master by name or number; its number ("2") once checked
    closing_slide: bool = True  # end the deck with a 'Questions' slide
    pdf_standard: str = ""  # 'pdf/a-2b', 'pdf/a-2u' or 'pdf/a-2a': an archival PDF as well
    language: str = "en-US"  # what the text is written in (BCP 47), as both outputs declare it
    heading_font: str = ""  # the deck's titles' font ('' = deck_font); a template's major font
    # The files deck text is measured with, by face ('body', 'heading') and style; Carlito where unset.
    measure_files: dict[str, dict[str, Path]] = field(default_factory=dict)
    bullet_indent_pt: float = 20.0  # a bullet's hanging indent
    template_bullets: bool = False  # the template's body placeholder draws the bullet character
    user_set: frozenset[str] = frozenset()  # colour roles, 'palette' and 'font' a theme file set itself
    # Text colours a contrast fix may choose from, best first (a template's dk1, lt1, dk2, lt2).
    contrast_colors: tuple[str, ...] = ("1F2A44", "FFFFFF", "000000")

    def color(self, role: str) -> str:
        """The hex colour of a role; an unknown role is a bug, so it raises."""
        return self.colors[role]

    def face(self, face: str = "body") -> str:
        """The font name the deck gives text of a face: 'heading' for titles, else 'body'."""
        return (self.heading_font or self.deck_font) if face == "heading" else self.deck_font

    def series_color(self, i: int) -> str:
        """Colour of series (or pie slice) `i`: the roles series-1 … series-n."""
        return self.palette[i % len(self.palette)]

    def font_file(self, style: str = "regular") -> Path:
        """The PDF's font file for a style (regular, bold, italic, bold_italic)."""
        files = self.pdf_font_files or {}
        return files.get(style) or files.get("regular") or font_path(style)

    @property
    def page_points(self) -> tuple[float, float]:
        """The PDF page size in points."""
        return PAGE_SIZES[self.page_size]


DEFAULT_THEME = Theme()
# A second built-in look: cooler, for briefs that are not red-accented.
OCEAN_THEME = replace(
    DEFAULT_THEME,
    name="ocean",
    colors={
        **_default_colors(),
        "title": "0B3C5D",
        "accent": "1D70A2",
        "fact-value": "0B3C5D",
        "citation-marker": "1D70A2",
        "cover": "0B3C5D",
        "panel": "EEF4F8",
        "banner": "0B3C5D",
    },
    palette=("0B3C5D", "1D70A2", "5FA8D3", "F2A541", "8C5E58", "62B6B7"),
)
BUILT_IN = {t.name: t for t in (DEFAULT_THEME, OCEAN_THEME)}
