"""The files a spec may open: regular files only (no folders, devices or pipes), each under a size limit."""

from __future__ import annotations

import stat
import zlib
from pathlib import Path

MiB = 1 << 20
# Limits by what a file is; each error names its limit: far above a real brief, far below what hangs a build.
LIMITS = {
    "spec": 4 * MiB,
    "theme": 1 * MiB,
    "source": 200 * MiB,
    "logo": 20 * MiB,
    "font": 50 * MiB,
    "template": 100 * MiB,
    "params": 20 * MiB,
}


def file_problem(path: Path, what: str) -> str | None:
    """Why `path` may not be opened as a `what` ('source', 'logo', …), or None: it must exist, be a regular
    file (a FIFO or a device would hang or never end) and be within the limit for its kind."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "not found"
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, a pipe or a socket)"
    if info.st_size > LIMITS[what]:
        return f"is {info.st_size / MiB:.1f} MiB, over the {LIMITS[what] // MiB} MiB limit for a {what}"
    return None


MAX_PIXELS = 40_000_000  # a logo of 8,000 × 5,000 pixels; larger ones are refused before they are decoded


def image_problem(path: Path) -> str | None:
    """Why an image file cannot be used as a logo, or None: PNG or JPEG, its size read before decoding."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return f"is {width:,} × {height:,} pixels, over the {MAX_PIXELS:,}-pixel limit for a logo"
            if image.format not in ("PNG", "JPEG"):
                return f"is a {image.format or 'non-image'} file: use a PNG or a JPEG"
            image.load()  # a truncated file fails here, not in the middle of a build
    except Image.DecompressionBombError:
        return f"has more pixels than the {MAX_PIXELS:,}-pixel limit for a logo"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "is not a PNG or JPEG image (or is damaged)"
    return None


def font_problem(path: Path) -> str | None:
    """Why a file cannot be embedded as a TrueType font, or None."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(str(path), 12)
    except (OSError, ValueError):
        return "is not a TrueType font (or is damaged)"
    return None


MAX_INFLATED = 500 * MiB  # what a DOCX or a template may unpack to
MAX_XML_PART = 32 * MiB  # an XML part parsed into a tree takes several times its size in memory
MAX_RATIO = 200  # how much one large member may inflate: far beyond text's 10:1, well short of a zip bomb's


def zip_problem(path: Path) -> str | None:
    """Why a zip package (DOCX, PPTX, POTX) may not be unpacked, or None: its members' declared sizes are
    checked before anything is inflated (zipfile then stops any member at its declared size)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        return f"is not a readable zip package ({e})"
    total = sum(m.file_size for m in members)
    if total > MAX_INFLATED:
        return f"unpacks to {total / MiB:,.0f} MiB, over the {MAX_INFLATED // MiB} MiB limit"
    for m in members:
        if m.filename.endswith((".xml", ".rels")) and m.file_size > MAX_XML_PART:
            return (
                f"has a part ({m.filename}) of {m.file_size / MiB:,.0f} MiB, "
                f"over the {MAX_XML_PART // MiB} MiB limit for one XML part (about 100,000 paragraphs)"
            )
        if m.file_size > 10 * MiB and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            return (
                f"has a member ({m.filename}) that inflates {m.file_size // max(m.compress_size, 1):,} times"
            )
    try:
        with zipfile.ZipFile(path) as z:
            damaged = z.testzip()  # every member inflated once (within the limits above) and its CRC checked
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as e:
        return f"is a damaged zip package ({e})"
    return f"is a damaged zip package (member {damaged})" if damaged else None
