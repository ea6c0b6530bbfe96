"""Theme: colours and fonts by role, shared by both renderers (no rendering library imported here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

FONT_FILES = {
    "regular": "Carlito-Regular.ttf",
    "bold": "Carlito-Bold.ttf",
    "italic": "Carlito-Italic.ttf",
    "bold_italic": "Carlito-BoldItalic.ttf",
}


def font_path(style: str = "regular") -> Path:
    """Path of a shipped font file (Carlito, metric-compatible with Calibri)."""
    return Path(str(resources.files("briefgen") / "fonts" / FONT_FILES[style]))


@dataclass(frozen=True)
class Theme:
    """Colours (hex RGB, no '#') and fonts by role; each renderer maps roles to its own units."""

    name: str = "default"
    colors: dict[str, str] = field(
        default_factory=lambda: {
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
        }
    )
    palette: tuple[str, ...] = ("1F4E79", "C8102E", "2E8B57", "E69F00", "6A3D9A", "56B4E9")
    # Decks name the font a viewer resolves (Calibri; Carlito where Calibri is missing); the PDF embeds
    # Carlito itself. Both are measured with Carlito's metrics, so text fits the same everywhere.
    deck_font: str = "Calibri"
    pdf_font: str = "Carlito"

    def color(self, role: str) -> str:
        """The hex colour of a role; an unknown role is a bug, so it raises."""
        return self.colors[role]

    def series_color(self, i: int) -> str:
        """Colour of series (or pie slice) `i`: the roles series-1 … series-n."""
        return self.palette[i % len(self.palette)]


DEFAULT_THEME = Theme()
