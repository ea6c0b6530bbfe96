"""The files a spec may open: regular files only (no folders, devices or pipes), each under a size limit."""

from __future__ import annotations

import stat
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
