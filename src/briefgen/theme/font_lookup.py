"""Find the files a deck's fonts are measured with: the font itself, else what fontconfig substitutes."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefgen.theme.model import FONT_FILES, font_path

# Font families made to the same widths as common Office fonts: text fits the same in either.
METRIC_COMPATIBLE = {
    "calibri": "carlito",
    "cambria": "caladea",
    "arial": "liberation sans",
    "helvetica": "liberation sans",
    "arial narrow": "liberation sans narrow",
    "times new roman": "liberation serif",
    "times": "liberation serif",
    "courier new": "liberation mono",
    "courier": "liberation mono",
    "georgia": "gelasio",
    "verdana": "dejavu sans",  # not the same widths, but the family Verdana's designer drew for wide use
}
_STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "Bold Italic"}
SHIPPED = ("Calibri", "Carlito")


@dataclass(frozen=True)
class FontMatch:
    """The files a face is measured with (style → path), the family they belong to, and how it was found:
    'installed', 'metric' (a metric-compatible substitute), 'other' (a substitute of other widths) or
    'shipped' (briefgen's Carlito, when nothing better is known)."""

    face: str
    family: str
    files: dict[str, Path]
    how: str

    @property
    def substituted(self) -> bool:
        """True when the text is measured with another family than the one the deck names."""
        return self.how != "installed"


def _fc_match(face: str, style: str) -> tuple[str, Path] | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{family[0]}|%{file}", f"{face}:style={_STYLES[style]}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, file = out.partition("|")
    path = Path(file.strip())
    if not family or path.suffix.lower() not in (".ttf", ".otf", ".ttc") or not path.is_file():
        return None
    return family.strip(), path


@lru_cache(maxsize=64)
def find_font(face: str) -> FontMatch:
    """The files to measure `face` with: the installed font, else fontconfig's substitute, else Carlito."""
    shipped = {s: font_path(s) for s in FONT_FILES}
    if not face or face in SHIPPED:
        return FontMatch(
            face or "Calibri", "Carlito", shipped, "installed" if face == "Carlito" else "metric"
        )
    found = {s: _fc_match(face, s) for s in FONT_FILES}
    regular = found["regular"]
    if regular is None:
        return FontMatch(face, "Carlito", shipped, "shipped")
    family = regular[0]
    # Every style from one family; a style fontconfig answers from another family falls back to regular.
    files = {s: (hit[1] if hit and hit[0] == family else regular[1]) for s, hit in found.items()}
    if family.casefold() == face.casefold():
        return FontMatch(face, family, files, "installed")
    wanted = METRIC_COMPATIBLE.get(face.casefold(), "")
    return FontMatch(face, family, files, "metric" if wanted == family.casefold() else "other")


def substitution_note(match: FontMatch) -> str:
    """What a warning says about a substitution: which family measures the text, and what that means."""
    if match.how == "metric":
        return f"measured with '{match.family}', its metric-compatible substitute: text fits the same"
    if match.how == "other":
        return (
            f"measured with '{match.family}', which this machine shows instead; it is not metric-compatible, "
            f"so text may fit differently where '{match.face}' is installed"
        )
    return f"measured with briefgen's Carlito: text may fit differently where '{match.face}' is installed"
