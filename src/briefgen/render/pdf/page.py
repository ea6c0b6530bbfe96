"""Page geometry by paper size: margins, frame and where the running header, footer and banner sit."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch, mm

from briefgen.theme.model import DEFAULT_THEME, Theme

# Margins that suit each paper: A4 in millimetres, US Letter in inches. Letter is wider and shorter, so
# its side margins are a little wider (the text measure stays about the same, ~ 482 pt) and its top and
# bottom margins a little smaller.
_MARGINS = {
    "A4": (20 * mm, 22 * mm, 20 * mm),  # side, top, bottom
    "Letter": (0.875 * inch, 0.8 * inch, 0.75 * inch),
}


@dataclass(frozen=True)
class PageGeometry:
    """One paper size's page, in points."""

    width: float
    height: float
    margin_x: float
    top: float
    bottom: float

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin_x

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def header_y(self) -> float:
        """Baseline of the running header (the rule sits 2 mm below it)."""
        return self.height - self.top + 9 * mm

    @property
    def footer_y(self) -> float:
        """Baseline of 'Page N of M'."""
        return self.bottom - 9 * mm


def page_geometry(theme: Theme) -> PageGeometry:
    """The page of a theme's `page_size` ('A4' or 'Letter')."""
    width, height = theme.page_points
    side, top, bottom = _MARGINS.get(theme.page_size, _MARGINS["A4"])
    return PageGeometry(width, height, side, top, bottom)


A4_PAGE = page_geometry(DEFAULT_THEME)
