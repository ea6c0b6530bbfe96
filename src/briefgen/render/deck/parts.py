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
        lambda s: [ParaPlan(plain(text), s, "title", bold=True, line_spacing=1.1, face="heading")],
        TITLE_SIZES,
        w,
        h,
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


def footer_boxes(geo: Geometry, footer: str, logo: Path | None = None, date: str = "") -> tuple[BoxPlan, ...]:
    """The footer text (left) and the slide number (right, left of the logo when there is one); on a
    template with footer, slide-number and date placeholders, in those (the date only where there is one)."""
    logo_w = logo_size(logo)[0] + 0.2 if logo else 0.0
    x, y, w, h = geo.footer_rect or (
        geo.left,
        geo.footer_y,
        geo.content_w - NUMBER_W - 0.2 - logo_w,
        FOOTER_H,
    )
    if logo and geo.footer_rect:
        x, y, w, h = _trim((x, y, w, h), _logo_box(geo, logo)[0])
    text = first_fit(lambda s: [ParaPlan(plain(footer), s, "muted", line_spacing=1.1)], (9.0, 8.0, 7.0), w, h)
    nx, ny, nw, nh = geo.number_rect or (geo.right - NUMBER_W - logo_w, geo.footer_y, NUMBER_W, FOOTER_H)
    number = ParaPlan(plain("#"), 9.0, "muted", align="right")
    boxes = [BoxPlan("Footer", x, y, w, h, tuple(text), anchor="middle")]
    if not geo.own_numbers:  # else the template's artwork prints them
        boxes.append(BoxPlan("Slide number", nx, ny, nw, nh, (number,), anchor="middle", field="slidenum"))
    if geo.date_rect and date:
        dx, dy, dw, dh = _trim(geo.date_rect, _logo_box(geo, logo)[0]) if logo else geo.date_rect
        when = first_fit(
            lambda s: [ParaPlan(plain(date), s, "muted", line_spacing=1.1)], (9.0, 8.0, 7.0), dw, dh
        )
        boxes.append(BoxPlan("Date", dx, dy, dw, dh, tuple(when), anchor="middle"))
    return tuple(boxes)


def _logo_box(geo: Geometry, logo: Path) -> tuple[float, float, float, float]:
    """Where the logo goes: bottom right, centred on the footer line; left of a template's slide number."""
    w, h = logo_size(logo)
    x, y = geo.right - w, geo.footer_y + FOOTER_H / 2 - h / 2
    r = geo.number_rect
    if r and r[0] < x + w and r[0] + r[2] > x:
        x = r[0] - w - 0.1
    return x, y, w, h


def _trim(rect: tuple[float, float, float, float], stop: float) -> tuple[float, float, float, float]:
    """A footer box ended before `stop` (the logo's left edge) where it would reach under the logo."""
    x, y, w, h = rect
    return (x, y, min(w, stop - 0.1 - x), h) if x < stop < x + w + 0.1 else rect


def logo_picture(geo: Geometry, logo: Path | None) -> tuple[PicturePlan, ...]:
    """The theme's logo, bottom right of a content slide, centred on the footer line."""
    if logo is None:
        return ()
    return (PicturePlan("Logo", logo, *_logo_box(geo, logo), "logo"),)


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
