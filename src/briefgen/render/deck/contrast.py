"""Text readable on what it sits on: WCAG AA contrast of every text box and chart against its backdrop."""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefgen.brief.model import FactValue
from briefgen.render.deck.fit import text_height
from briefgen.render.deck.layout import BoxPlan, ChartPlan, Geometry, ParaPlan, SlidePlan
from briefgen.theme.look import Patch, colors_under
from briefgen.theme.model import Theme

BODY_RATIO = 4.5  # WCAG 2 AA, normal text
LARGE_RATIO = 3.0  # WCAG 2 AA, large text: 18 pt, or 14 pt bold
CHART_ROLES = ("body", "muted")  # axis labels, legend, data labels outside the bars
SHORT_BOX = 0.6  # inches


def luminance(hex_color: str) -> float:
    """WCAG relative luminance of RRGGBB."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def worst(color: str, under: tuple[str, ...]) -> float:
    """The lowest contrast of a text colour against any colour it sits on."""
    return min((ratio(color, u) for u in under), default=21.0)


@dataclass(frozen=True)
class Fix:
    """A colour the check changed: on which slide, in which box, from what to what, against what."""

    slide: int
    box: str
    role: str
    old: str
    new: str
    under: str
    before: float
    after: float
    need: float
    backing: str = ""  # the fill set behind the text where no colour read on what lay under it


def needed(p: ParaPlan) -> float:
    """The ratio a paragraph's text needs: 3:1 when large (18 pt, or 14 pt bold), else 4.5:1."""
    return LARGE_RATIO if p.size >= 18 or (p.size >= 14 and p.bold) else BODY_RATIO


def _roles(p: ParaPlan) -> dict[str, float]:
    need = needed(p)
    roles = {p.role: need}
    if any(isinstance(r, FactValue) for r in p.text.runs):
        roles["fact-value"] = LARGE_RATIO if p.size >= 14 else BODY_RATIO  # fact values are bold
    if p.text.marker.marks or p.url:
        roles["citation-marker"] = BODY_RATIO  # markers are small
    return roles


def pick(theme: Theme, under: tuple[str, ...], need: float) -> str:
    """The template's first text colour that reads on every colour under the text, else the best one."""
    candidates = theme.contrast_colors or ("000000", "FFFFFF")
    passing = [c for c in candidates if worst(c, under) >= need]
    return passing[0] if passing else max(candidates, key=lambda c: worst(c, under))


def _check(
    theme: Theme,
    where: tuple[int, str],
    roles: dict[str, float],
    under: tuple[str, ...],
    fixes: list[Fix],
) -> tuple[tuple[str, str], ...]:
    out = []
    for role, need in roles.items():
        color = theme.color(role)
        before = worst(color, under)
        if before >= need:
            continue
        new = pick(theme, under, need)
        low = min(under, key=lambda u: ratio(color, u))
        fixes.append(Fix(*where, role, color, new, low, before, worst(new, under), need))
        out.append((role, new))
    return tuple(out)


def text_area(box: BoxPlan) -> tuple[float, float, float, float]:
    """The part of a box its text takes: the measured height of its paragraphs, placed by its anchor (the
    whole of a box under 0.6 in high: a footer's text fills it)."""
    if box.h <= SHORT_BOX:
        return box.x, box.y, box.w, box.h
    inner = max(box.w - 2 * box.inset, 0.1)
    th = min(box.h, text_height(box.paragraphs, inner) / 72 + 2 * box.inset + 0.02)  # a hair of slack
    y = {"top": box.y, "middle": box.y + (box.h - th) / 2, "bottom": box.y + box.h - th}[box.anchor]
    return box.x, y, box.w, th


def _box(
    theme: Theme,
    n: int,
    box: BoxPlan,
    patches: tuple[Patch, ...],
    fixes: list[Fix],
    own: tuple[str, ...] = (),
) -> BoxPlan:
    """`own`: the fill the box's template placeholder brings, which the text then sits on."""
    if not box.paragraphs:
        return box
    if own and not box.fill:
        patches = (*patches, Patch(box.x, box.y, box.w, box.h, own))
    if not box.fill:  # an unfilled box is as tall as its text: what lies under it is what the text is on
        _, y, _, h = text_area(box)
        box = replace(box, y=y, h=h)
    under = (theme.color(box.fill),) if box.fill else colors_under(patches, (box.x, box.y, box.w, box.h))
    if not under:
        return box
    roles: dict[str, float] = {}
    for p in box.paragraphs:
        for role, need in _roles(p).items():
            roles[role] = max(roles.get(role, 0.0), need)
    tried: list[Fix] = []
    changed = _check(theme, (n, box.name), roles, under, tried)
    if all(f.after >= f.need for f in tried):
        fixes += tried
        return replace(box, colors=changed) if changed else box
    # Light and dark both lie under the text (a photograph, the edge of a band): no one colour reads on
    # all of it, so the text gets a backing in the template's light colour, in colours that read there.
    backing = theme.color("backing")
    changed = _check(theme, (n, box.name), roles, (backing,), [])
    for f in tried:
        new = dict(changed).get(f.role, f.old)
        fixes.append(replace(f, new=new, after=ratio(new, backing), backing=backing))
    return replace(box, fill="backing", colors=changed)


def _chart(
    theme: Theme, n: int, c: ChartPlan, patches: tuple[Patch, ...], fixes: list[Fix], templated: bool
) -> ChartPlan:
    """A chart's labels read (4.5:1) and its series stand out (3:1, WCAG's non-text contrast) on what lies
    under it; where light and dark both do, the chart gets a backing in the template's light colour."""
    under = colors_under(patches, (c.x, c.y, c.w, c.h))
    if not under:
        return c
    where = (n, f"Chart '{c.chart.title}'")
    roles = dict.fromkeys(CHART_ROLES, BODY_RATIO)
    tried: list[Fix] = []
    changed = _check(theme, where, roles, under, tried)
    series: list[Fix] = []
    # The series of a template's deck: the built-in palette is drawn for white and is the PDF's too.
    palette = _palette(theme, under, where, series) if templated else ()
    backing = ""
    if any(f.after < f.need for f in tried + series):
        backing = theme.color("backing")
        under = (backing,)
        changed = _check(theme, where, roles, under, [])
        tried = [
            replace(
                f, new=(new := dict(changed).get(f.role, f.old)), after=ratio(new, backing), backing=backing
            )
            for f in tried
        ]
        series = []
        palette = _palette(theme, under, where, series) if templated else ()
    fixes += tried + series
    return replace(c, colors=changed, palette=palette, backing="backing" if backing else "")


def _palette(
    theme: Theme, under: tuple[str, ...], where: tuple[int, str], fixes: list[Fix]
) -> tuple[str, ...]:
    """The series colours, each that would not stand out (3:1) replaced by the first unused one that does:
    the template's other accents, then its text colours."""
    out: list[str] = []
    spare = [c for c in (*theme.palette, *theme.contrast_colors) if worst(c, under) >= LARGE_RATIO]
    for i, color in enumerate(theme.palette):
        if worst(color, under) >= LARGE_RATIO:
            out.append(color)
            continue
        new = next((s for s in spare if s not in out and s not in theme.palette[i:]), None) or next(
            (s for s in spare if s not in out), color
        )
        out.append(new)
        low = min(under, key=lambda u: ratio(color, u))
        fixes.append(
            Fix(*where, f"series-{i + 1}", color, new, low, worst(color, under), worst(new, under), 3.0)
        )
    return tuple(out) if out != list(theme.palette) else ()


def check_contrast(
    slides: tuple[SlidePlan, ...], geo: Geometry, theme: Theme
) -> tuple[tuple[SlidePlan, ...], list[Fix]]:
    """Every text box, title and chart checked against what lies under it (the slide's fill or the
    template's backdrop for its layout, then the plan's own filled rectangles); a colour under WCAG AA is
    replaced by the template's first text colour that passes. Returns the slides and what changed."""
    out: list[SlidePlan] = []
    fixes: list[Fix] = []

    def holder(kind: str, name: str) -> tuple[str, ...]:
        return geo.holder_fill(kind, name) if geo.template and name else ()

    for n, slide in enumerate(slides, start=1):
        base = geo.backdrop(slide.layout) if geo.template else ()
        if slide.background:
            base = (Patch(0.0, 0.0, geo.slide_w, geo.slide_h, (theme.color(slide.background),)),)
        elif not base:
            base = (Patch(0.0, 0.0, geo.slide_w, geo.slide_h, (theme.color("background"),)),)
        patches = base + tuple(Patch(r.x, r.y, r.w, r.h, (theme.color(r.role),)) for r in slide.rects)
        out.append(
            replace(
                slide,
                title=_box(theme, n, slide.title, patches, fixes, holder(slide.layout, "title")),
                boxes=tuple(
                    _box(theme, n, b, patches, fixes, holder(slide.layout, b.placeholder))
                    for b in slide.boxes
                ),
                charts=tuple(_chart(theme, n, c, patches, fixes, geo.template) for c in slide.charts),
            )
        )
    return tuple(out), fixes


def fixes_report(fixes: list[Fix]) -> list[str]:
    """One line per change of colour, with the slides it was made on."""
    groups: dict[tuple, list[int]] = {}
    for f in fixes:
        key = ("Chart" if f.box.startswith("Chart '") else f.box, f.role, f.old, f.new, f.under)
        groups.setdefault(key, []).append(f.slide)
    lines = []
    for (box, role, old, new, under), slides in groups.items():
        sample = next(f for f in fixes if (f.role, f.old, f.new, f.under) == (role, old, new, under))
        where = ", ".join(str(s) for s in sorted(set(slides)))
        if sample.backing:  # the text straddles colours no one colour reads on
            done = f"no one colour reads there: set on #{sample.backing} in #{new} ({sample.after:.1f}:1)"
        elif sample.after < sample.need:
            done = "no unused template colour reaches it: kept"
        else:
            done = f"drawn in #{new} ({sample.after:.1f}:1)"
        what = f"{role.replace('-', ' ')} colour" if role.startswith("series-") else f"'{role}' text"
        lines.append(
            f"{box}: {what} #{old} on #{under} has contrast {sample.before:.1f}:1, under "
            f"{sample.need:g}:1; {done} on slide(s) {where}"
        )
    return lines
