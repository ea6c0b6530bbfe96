"""A template read from its package (masters, their theme fonts and colours, layouts) and layout picking."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
# Placeholders that hold content; date, footer, slide number and header do not.
_CONTENT = {"body", "obj", "chart", "tbl", "pic", "dgm", "media", "clipArt"}
_TITLES = {"title", "ctrTitle"}


@dataclass(frozen=True)
class LayoutInfo:
    """One layout: its name, master (1-based), OOXML layout type and placeholder types, in package order."""

    name: str
    master: int
    type: str
    placeholders: tuple[str, ...]
    master_name: str = ""

    @property
    def has_title(self) -> bool:
        """True when the layout has a title (or centred title) placeholder."""
        return bool(_TITLES & set(self.placeholders))

    @property
    def is_cover(self) -> bool:
        """True for a title slide: its type says so, or it has a centred title or a subtitle."""
        return self.type == "title" or bool({"ctrTitle", "subTitle"} & set(self.placeholders))

    @property
    def bodies(self) -> int:
        """How many content placeholders (body, object, chart, table, picture …) the layout has."""
        return sum(1 for p in self.placeholders if p in _CONTENT)


@dataclass(frozen=True)
class MasterInfo:
    """One master: its number (1-based) and name, its theme's fonts and colour scheme, its layouts."""

    number: int
    name: str
    major_font: str
    minor_font: str
    colors: dict[str, str]  # dk1 … accent6 → RRGGBB
    layouts: tuple[LayoutInfo, ...]


def xml_part(z: zipfile.ZipFile, part: str) -> etree._Element | None:
    try:
        return etree.fromstring(z.read(part), PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None


def part_targets(z: zipfile.ZipFile, part: str, kind: str = "") -> dict[str, str]:
    """rId → part name, from the part's relationships (only those of type `kind`, if given)."""
    rels = xml_part(z, posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"))
    if rels is None:
        return {}
    base = posixpath.dirname(part)
    return {
        r.get("Id", ""): posixpath.normpath(posixpath.join(base, r.get("Target", "")))
        for r in rels.iter(f"{_REL}Relationship")
        if not kind or r.get("Type") == kind
    }


def read_masters(template: Path) -> list[MasterInfo]:
    """Every master with its theme and layouts, in the order PowerPoint (and python-pptx) lists them; []
    when the package cannot be read. The zip was size-checked before (spec.paths.zip_problem)."""
    try:
        with zipfile.ZipFile(template) as z:
            pres = xml_part(z, "ppt/presentation.xml")
            if pres is None:
                return []
            pres_rels = part_targets(z, "ppt/presentation.xml")
            found = []
            for m, mid in enumerate(pres.iter(f"{_P}sldMasterId"), start=1):
                mpart = pres_rels.get(mid.get(f"{_R}id", ""), "")
                master = xml_part(z, mpart)
                if master is not None:
                    found.append(_master(z, mpart, master, m))
            return found
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        return []


def read_layouts(template: Path) -> list[LayoutInfo]:
    """Every layout of every master, in package order; [] when the package cannot be read."""
    return [lay for master in read_masters(template) for lay in master.layouts]


def _master(z: zipfile.ZipFile, mpart: str, master: etree._Element, number: int) -> MasterInfo:
    mrels = part_targets(z, mpart)
    name = _name(master)
    layouts = []
    for lid in master.iter(f"{_P}sldLayoutId"):
        layout = xml_part(z, mrels.get(lid.get(f"{_R}id", ""), ""))
        if layout is not None:
            layouts.append(_info(layout, number, name))
    colors, major, minor = read_theme(master_theme(z, mpart))
    return MasterInfo(
        number, name, major, minor, {k: v for k, v in colors.items() if k in SCHEME}, tuple(layouts)
    )


def master_theme(z: zipfile.ZipFile, mpart: str) -> etree._Element | None:
    """The theme part a master relates to, parsed; None when it has none."""
    theme_part = next(iter(part_targets(z, mpart, _THEME_REL).values()), "")
    return xml_part(z, theme_part) if theme_part else None


def read_theme(theme: etree._Element | None) -> tuple[dict[str, str], str, str]:
    """A theme's colour scheme (dk1 … accent6, hlink, folHlink → RRGGBB) and its major and minor Latin
    typefaces."""
    colors: dict[str, str] = {}
    if theme is None:
        return colors, "", ""
    scheme = theme.find(f".//{_A}clrScheme")
    for role in (*SCHEME, "hlink", "folHlink"):
        el = scheme.find(f"{_A}{role}") if scheme is not None else None
        if el is not None and (value := _color(el)):
            colors[role] = value
    major = typeface(theme.find(f".//{_A}fontScheme/{_A}majorFont/{_A}latin"))
    minor = typeface(theme.find(f".//{_A}fontScheme/{_A}minorFont/{_A}latin"))
    return colors, major, minor


def typeface(el: etree._Element | None) -> str:
    """The typeface a font element names ('' when none)."""
    return el.get("typeface", "") if el is not None else ""


def _color(el: etree._Element) -> str:
    """RRGGBB of a scheme colour: an sRGB value, or a system colour's last computed value."""
    for child in el:
        value = child.get("val") if child.tag == f"{_A}srgbClr" else child.get("lastClr")
        if value and len(value) == 6:
            return value.upper()
    return ""


def _name(part: etree._Element) -> str:
    csld = part.find(f"{_P}cSld")
    return csld.get("name", "") if csld is not None else ""


def _info(layout: etree._Element, master: int, master_name: str) -> LayoutInfo:
    phs = tuple(ph.get("type", "obj") for ph in layout.iter(f"{_P}ph"))
    return LayoutInfo(_name(layout), master, layout.get("type", "cust"), phs, master_name)


def masters_of(layouts: list[LayoutInfo]) -> dict[int, str]:
    """Master number → name (maybe empty), in order."""
    return {i.master: i.master_name for i in layouts}


def find_master(layouts: list[LayoutInfo], wanted: str) -> int | None:
    """The number of the master `wanted` names: by name first, else by its number (1 = first)."""
    masters = masters_of(layouts)
    named = [m for m, name in masters.items() if name and name == wanted.strip()]
    if named:
        return named[0]
    number = int(wanted) if wanted.strip().isdigit() else 0
    return number if number in masters else None


def master_list(layouts: list[LayoutInfo]) -> str:
    """The masters one per line, numbered and quoted, for a hint."""
    items = masters_of(layouts).items()
    return "".join(f"\n      {m}: '{n}'" if n else f"\n      {m}: (unnamed)" for m, n in items)


def shared_names(layouts: list[LayoutInfo], names: set[str]) -> list[str]:
    """Which of `names` more than one master has a layout of."""
    return sorted(n for n in names if len({i.master for i in layouts if i.name == n}) > 1)


def _title_alone(i: LayoutInfo) -> bool:
    return i.has_title and i.bodies == 0 and not i.is_cover


def _typed_content(i: LayoutInfo) -> bool:
    # LibreOffice types its title slides "obj" too: the placeholders must agree with the type.
    return i.type in ("obj", "tx") and i.has_title and i.bodies >= 1 and not i.is_cover


# For each slide kind: tests from best to acceptable, each with what the picked layout has, said in words.
_RULES: dict[str, list[tuple[str, Callable[[LayoutInfo], bool]]]] = {
    "title": [
        ("a title slide layout", lambda i: i.type == "title"),
        ("a centred title", lambda i: "ctrTitle" in i.placeholders),
        ("a title and a subtitle", lambda i: i.has_title and "subTitle" in i.placeholders),
        ("a title and one body", lambda i: i.has_title and i.bodies == 1),
    ],
    "section": [
        ("a section header layout", lambda i: i.type == "secHead"),
        ("a title and no body", _title_alone),
        ("a title slide layout", lambda i: i.type == "title"),
        ("a title and one body", lambda i: i.has_title and i.bodies == 1),
    ],
    "content": [
        ("a title and content layout", _typed_content),
        ("a title and one body", lambda i: i.has_title and i.bodies == 1 and not i.is_cover),
        ("a title and a body", lambda i: i.has_title and i.bodies >= 1 and not i.is_cover),
    ],
    "title-only": [
        ("a title only layout", lambda i: i.type == "titleOnly"),
        ("a title and no body", lambda i: _title_alone(i) and i.type != "secHead"),
        ("a title and content layout", _typed_content),
        ("a title and one body", lambda i: i.has_title and i.bodies == 1 and not i.is_cover),
    ],
    "blank": [
        ("a blank layout", lambda i: i.type == "blank"),
        ("no title and no body", lambda i: not i.has_title and i.bodies == 0),
    ],
}


def pick_layout(layouts: list[LayoutInfo], kind: str) -> tuple[LayoutInfo, str] | None:
    """The first layout, in package order, that passes the best rule for `kind`, and that rule's words."""
    for words, test in _RULES[kind]:
        hit = next((i for i in layouts if test(i)), None)
        if hit is not None:
            return hit, words
    return None


def quoted_list(names: list[str]) -> str:
    """Names one per line, quoted, for a hint (names may contain commas)."""
    return "".join(f"\n      '{n}'" for n in dict.fromkeys(names))


def resolve_layouts(
    layouts: list[LayoutInfo], wanted: Mapping[str, str], kinds: list[str], explicit: set[str]
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Layout names by kind: the wanted name where the template has it; else, unless the name was given
    explicitly, one picked by its placeholders. Returns (names, picks: kind → why, missing kinds)."""
    names = {i.name for i in layouts}
    chosen: dict[str, str] = {}
    picks: dict[str, str] = {}
    missing = []
    for kind in kinds:
        name = wanted.get(kind, "")
        if name in names:
            chosen[kind] = name
            continue
        hit = None if kind in explicit else pick_layout(layouts, kind)
        if hit is None:
            missing.append(kind)
            continue
        chosen[kind] = hit[0].name
        picks[kind] = hit[1]
    return chosen, picks, missing
