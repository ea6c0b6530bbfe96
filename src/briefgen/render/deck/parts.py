"""Parts every content slide shares: title, accent rule, source line, footer, classification banner, logo."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from PIL import Image

from briefgen.brief.model import Brief
from briefgen.render.deck.fit import first_fit, plain
from briefgen.render.deck.layout import (
    BANNER_H,
    FOOTER_H,
    NUMBER_W,
    RULE_H,
    RULE_W,
    SOURCE_H,
    TITLE_SIZES,
    BoxPlan,
    Geometry,
    ParaPlan,
    PicturePlan,
    RectPlan,
)
from briefgen.render.deck.notes import source_line_text

LOGO_H = 0.36
LOGO_MAX_W = 1.4


def title_box(geo: Geometry, text: str) -> BoxPlan:
    """The slide title, top left, at the largest size that fits in two lines' room."""
    x, y, w, h = geo.title_rect or (geo.left, geo.title_y, geo.content_w, geo.title_h)
    paras = first_fit(
        lambda s: [ParaPlan(plain(text), s, "title", bold=True, line_spacing=1.1)], TITLE_SIZES, w, h
    )
    return BoxPlan("Title", x, y, w, h, tuple(paras), anchor="bottom")


def accent_rules(geo: Geometry) -> tuple[RectPlan, ...]:
    """The thin accent rule under the title (none on a template: it has a look of its own)."""
    if geo.template:
        return ()
    return (RectPlan("Accent rule", geo.left, geo.rule_y, RULE_W, RULE_H, "accent"),)


def source_box(
    geo: Geometry, brief: Brief, citations: Iterable[int], kinds: Collection[str] = ()
) -> BoxPlan | None:
    """The source line at the foot of a slide that shows facts."""
    text = source_line_text(brief, citations, kinds)
    if not text:
        return None
    paras = first_fit(
        lambda s: [ParaPlan(plain(text), s, "source-note")], (10.0, 9.0, 8.0), geo.content_w, SOURCE_H
    )
    return BoxPlan(
        "Source line", geo.left, geo.source_y, geo.content_w, SOURCE_H, tuple(paras), anchor="bottom"
    )


def logo_size(path: Path) -> tuple[float, float]:
    """The logo's size on the slide (inches): LOGO_H high, at most LOGO_MAX_W wide, aspect kept."""
    with Image.open(path) as im:
        w, h = im.size
    width = LOGO_H * w / h if h else LOGO_H
    if width > LOGO_MAX_W:
        return LOGO_MAX_W, LOGO_MAX_W * h / w
    return width, LOGO_H


def footer_boxes(geo: Geometry, footer: str, logo: Path | None = None) -> tuple[BoxPlan, ...]:
    """The footer text (left) and the slide number (right, left of the logo when there is one)."""
    logo_w = logo_size(logo)[0] + 0.2 if logo else 0.0
    w = geo.content_w - NUMBER_W - 0.2 - logo_w
    text = first_fit(
        lambda s: [ParaPlan(plain(footer), s, "muted", line_spacing=1.1)], (9.0, 8.0), w, FOOTER_H
    )
    number = ParaPlan(plain("#"), 9.0, "muted", align="right")
    return (
        BoxPlan("Footer", geo.left, geo.footer_y, w, FOOTER_H, tuple(text), anchor="middle"),
        BoxPlan(
            "Slide number",
            geo.right - NUMBER_W - logo_w,
            geo.footer_y,
            NUMBER_W,
            FOOTER_H,
            (number,),
            anchor="middle",
            field="slidenum",
        ),
    )


def logo_picture(geo: Geometry, logo: Path | None) -> tuple[PicturePlan, ...]:
    """The theme's logo, bottom right of a content slide, centred on the footer line."""
    if logo is None:
        return ()
    w, h = logo_size(logo)
    y = geo.footer_y + FOOTER_H / 2 - h / 2
    return (PicturePlan("Logo", logo, geo.right - w, y, w, h, "logo"),)


def banner_box(geo: Geometry, classification: str) -> tuple[BoxPlan, ...]:
    """The classification banner across the top of every slide ('CONFIDENTIAL')."""
    if not classification:
        return ()
    paras = first_fit(
        lambda s: [
            ParaPlan(plain(classification), s, "on-banner", bold=True, align="center", line_spacing=1.0)
        ],
        (10.0, 9.0, 8.0),
        geo.slide_w - 2 * geo.left,
        BANNER_H,
    )
    return (
        BoxPlan(
            "Classification", 0.0, 0.0, geo.slide_w, BANNER_H, tuple(paras), anchor="middle", fill="banner"
        ),
    )
