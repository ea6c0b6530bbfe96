"""Hostile and broken files, made at test time: each ends in a clean, located error within a time bound, never
a traceback or a hang, and no file the spec did not put beside itself is read or embedded."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from tests.support.minimal import SOURCE, SPEC
from tests.support.paths import ROOT

BRIEFGEN = Path(sys.executable).parent / "briefgen"
SECRET = "do-not-leak-this-key"
THEME = f"base: ocean\n{SECRET}: 1\n"


def run(*args: str, cwd: Path, seconds: float = 10) -> subprocess.CompletedProcess[str]:
    """briefgen in a process of its own, killed if it outlives the bound."""
    return subprocess.run(
        [str(BRIEFGEN), *args], cwd=cwd, capture_output=True, text=True, timeout=seconds, check=False
    )


def brief(folder: Path, extra: str = "", source: str | None = None) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    spec = SPEC.replace("path: sources/doc.txt", f"path: {source}\n    kind: text") if source else SPEC
    path = folder / "brief.yaml"
    path.write_text(spec.lstrip("\n") + extra, encoding="utf-8")
    return path


def fifo_spec(folder: Path) -> list[str]:
    os.mkfifo(folder / "brief.yaml")
    return ["check", "brief.yaml"]


def fifo_source(folder: Path) -> list[str]:
    brief(folder, source="sources/pipe.txt")
    os.mkfifo(folder / "sources" / "pipe.txt")
    return ["check", "brief.yaml"]


def device_source(folder: Path) -> list[str]:
    brief(folder, source="/dev/zero")
    return ["check", "--allow-outside-sources", "brief.yaml"]


def folder_source(folder: Path) -> list[str]:
    brief(folder, source="sources")
    return ["check", "brief.yaml"]


def huge_spec(folder: Path) -> list[str]:
    brief(folder, extra="# " + "x" * (5 << 20) + "\n")  # a 5 MB comment
    return ["check", "brief.yaml"]


def huge_source(folder: Path) -> list[str]:
    brief(folder, source="sources/big.txt")
    with open(folder / "sources" / "big.txt", "wb") as f:
        f.truncate(300 << 20)  # sparse: 300 MB on paper, nothing on disk
    return ["check", "brief.yaml"]


def theme_outside(folder: Path) -> list[str]:
    (folder.parent / "elsewhere.yaml").write_text(THEME, encoding="utf-8")
    brief(folder, extra="theme: ../elsewhere.yaml\n")
    return ["check", "brief.yaml"]


def theme_paths_outside(folder: Path) -> list[str]:
    outside = folder.parent / "private"
    outside.mkdir(exist_ok=True)
    (outside / "logo.png").write_bytes((ROOT / "docs" / "img" / "slide.png").read_bytes())
    (folder / "corp.yaml").write_text(
        "base: ocean\nlogo: ../private/logo.png\ntemplate: /etc/hostname\n"
        "fonts:\n  pdf: Leak\n  pdf_files:\n    regular: /etc/passwd\n",
        encoding="utf-8",
    )
    brief(folder, extra="theme: corp.yaml\n")
    return ["build", "brief.yaml", "-o", "out"]


def logo_folder(folder: Path) -> list[str]:
    (folder / "logo.png").mkdir()
    (folder / "corp.yaml").write_text("base: ocean\nlogo: logo.png\n", encoding="utf-8")
    brief(folder, extra="theme: corp.yaml\n")
    return ["check", "brief.yaml"]


def font_too_large(folder: Path) -> list[str]:
    with open(folder / "big.ttf", "wb") as f:
        f.truncate(60 << 20)
    (folder / "corp.yaml").write_text(
        "base: ocean\nfonts:\n  pdf: Big\n  pdf_files:\n    regular: big.ttf\n", encoding="utf-8"
    )
    brief(folder, extra="theme: corp.yaml\n")
    return ["check", "brief.yaml"]


def spec_text(folder: Path, text: str) -> list[str]:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    (folder / "brief.yaml").write_text(text, encoding="utf-8")
    return ["check", "brief.yaml"]


def minimal() -> str:
    return SPEC.lstrip("\n")


def deep_nesting(folder: Path) -> list[str]:
    return spec_text(folder, "title: " + "[" * 600 + "]" * 600 + "\n" + minimal().split("\n", 1)[1])


def alias_loop(folder: Path) -> list[str]:
    return spec_text(folder, "loop: &r [*r]\n" + minimal())


def with_fact(fact: str, folder: Path) -> list[str]:
    text = minimal().replace("facts:", f"facts:\n  big: {fact}", 1).replace("China made {nev}", "Big {big}")
    return spec_text(folder, text)


def long_label(folder: Path) -> list[str]:
    chart = "    chart:\n      kind: column\n      title: T\n      data:\n"
    return spec_text(folder, minimal() + chart + "        - {label: '" + "L" * 2000 + "', fact: nev}\n")


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature and header chunk claiming width × height: enough for a reader to learn the size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def with_logo(data: bytes, name: str = "logo.png") -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        (folder / "corp.yaml").write_text(f"base: ocean\nlogo: {name}\n", encoding="utf-8")
        brief(folder, extra="theme: corp.yaml\n")
        return ["check", "brief.yaml"]

    return make


def bad_font(folder: Path) -> list[str]:
    (folder / "x.ttf").write_bytes(b"not a font at all")
    (folder / "corp.yaml").write_text(
        "base: ocean\nfonts:\n  pdf: X\n  pdf_files:\n    regular: x.ttf\n", encoding="utf-8"
    )
    brief(folder, extra="theme: corp.yaml\n")
    return ["check", "brief.yaml"]


def encrypted_pdf(folder: Path) -> list[str]:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("user", "owner")
    brief(folder, source="sources/locked.pdf")
    with open(folder / "sources" / "locked.pdf", "wb") as f:
        writer.write(f)
    (folder / "brief.yaml").write_text(
        (folder / "brief.yaml").read_text(encoding="utf-8").replace("kind: text", "kind: pdf"),
        encoding="utf-8",
    )
    return ["check", "brief.yaml"]


def corrupt_docx(folder: Path) -> list[str]:
    brief(folder, source="sources/broken.docx")
    (folder / "sources" / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    (folder / "brief.yaml").write_text(
        (folder / "brief.yaml").read_text(encoding="utf-8").replace("kind: text", "kind: docx"),
        encoding="utf-8",
    )
    return ["check", "brief.yaml"]


def docx_bytes() -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("The council approved a budget of 2.3 million euros.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rewritten(
    data: bytes, member: str, new: bytes | None = None, corrupt: bool = False, extra: int = 0
) -> bytes:
    """A zip package with one member replaced, its compressed bytes damaged, or a large member added."""
    import io

    src, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(
                info, new if (info.filename == member and new is not None) else src.read(info.filename)
            )
        if extra:
            out.writestr("word/media/zeros.bin", b"\0" * extra)
    raw = bytearray(buf.getvalue())
    if corrupt:
        at = raw.find(member.encode()) + len(member) + 40
        raw[at : at + 30] = b"\xff" * 30
    return bytes(raw)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&d;&d;&d;&d;&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>"
)


PNG = (ROOT / "docs" / "img" / "slide.png").read_bytes()
FONT = (ROOT / "src" / "briefgen" / "theme" / "fonts" / "Carlito-Regular.ttf").read_bytes()


def theme_file(theme: str, name: str, data: bytes | None, folder: Path) -> list[str]:
    """A theme naming a file `name` holding `data` (None: a folder)."""
    if data is None:
        (folder / name).mkdir()
    else:
        (folder / name).write_bytes(data)
    (folder / "corp.yaml").write_text("base: ocean\n" + theme, encoding="utf-8")
    brief(folder, extra="theme: corp.yaml\n")
    return ["check", "brief.yaml"]


def laughing_template(folder: Path) -> list[str]:
    from tests.support.templates import make_pptx

    good = make_pptx(folder.parent / "good.pptx").read_bytes()
    laughs = LAUGHS.replace(b"w:document", b"p:presentation").replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://schemas.openxmlformats.org/presentationml/2006/main",
    )
    (folder / "corp.pptx").write_bytes(rewritten(good, "ppt/presentation.xml", laughs))
    brief(folder, extra="template: corp.pptx\n")
    return ["build", "brief.yaml", "-o", "out"]


CASES: dict[str, tuple[Callable[[Path], list[str]], list[str]]] = {
    # case: (make it, what the errors must say)
    "a FIFO as the spec": (fifo_spec, ["error[spec-unreadable] the spec is not a regular file"]),
    "a FIFO as a source": (fifo_source, ["error[source-unreadable]", "is not a regular file"]),
    "/dev/zero as a source": (device_source, ["error[source-unreadable]", "is not a regular file"]),
    "a folder as a source": (folder_source, ["error[source-unreadable]", "is a folder, not a file"]),
    "a 5 MB spec": (huge_spec, ["error[too-large] the spec is 5.0 MiB, over the 4 MiB limit for a spec"]),
    "a 300 MB source": (huge_source, ["error[too-large]", "over the 200 MiB limit for a source"]),
    "a theme file outside the folder": (theme_outside, ["error[path-outside] 'elsewhere.yaml' is outside"]),
    "a theme's logo, template and font outside the folder": (
        theme_paths_outside,
        ["'logo.png' is outside", "'hostname' is outside", "'passwd' is outside"],
    ),
    "a folder as the logo": (logo_folder, ["error[logo-unreadable] logo logo.png is a folder, not a file"]),
    "a 60 MB font": (font_too_large, ["error[too-large] font big.ttf is 60.0 MiB, over the 50 MiB limit"]),
    "nesting 600 levels deep": (
        deep_nesting,
        ["brief.yaml:1:72: error[too-deep] the YAML is nested more than"],
    ),
    "an alias inside itself": (alias_loop, ["brief.yaml:1:7: error[yaml-alias-loop]"]),
    "formula: 1e999": (partial(with_fact, "{formula: '1e999'}"), ["the number 1e999 is out of range"]),
    "1e999 as a rank": (partial(with_fact, "{formula: '1e999', unit: rank}"), ["is out of range"]),
    "round(x, 1e999)": (partial(with_fact, "{formula: 'round(nev, 1e999)'}"), ["out of range"]),
    "a 2,000-character chart label": (
        long_label,
        ["error[too-long]", "is 2000 characters, over the limit of 200"],
    ),
    "a logo that is text": (
        with_logo(b"not an image"),
        ["error[logo-unreadable]", "not a PNG or JPEG image"],
    ),
    "an SVG logo": (
        with_logo(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg"),
        ["not a PNG or JPEG"],
    ),
    "a truncated logo": (with_logo(png_header(10, 10)), ["error[logo-unreadable]"]),
    "a 7,000 × 7,000 px logo": (
        with_logo(png_header(7_000, 7_000)),
        ["logo logo.png is 7,000 × 7,000 pixels, over the 40,000,000-pixel limit for a logo"],
    ),
    "a 20,000 × 20,000 px logo": (
        with_logo(png_header(20_000, 20_000)),
        ["error[too-large] logo logo.png has more pixels than the 40,000,000-pixel limit"],
    ),
    "a font that is not a font": (bad_font, ["error[font-unreadable] font x.ttf is not a TrueType font"]),
    "an encrypted PDF": (encrypted_pdf, ["error[source-unreadable]", "encrypted"]),
    "a corrupt DOCX": (corrupt_docx, ["error[source-unreadable]"]),
    "a PNG as the font": (
        partial(theme_file, "fonts:\n  pdf: X\n  pdf_files:\n    regular: x.ttf\n", "x.ttf", PNG),
        ["error[font-unreadable] font x.ttf is not a TrueType font"],
    ),
    "a truncated font": (
        partial(theme_file, "fonts:\n  pdf: X\n  pdf_files:\n    regular: x.ttf\n", "x.ttf", FONT[:20_000]),
        ["error[font-unreadable]"],
    ),
    "a folder as the font": (
        partial(theme_file, "fonts:\n  pdf: X\n  pdf_files:\n    regular: fonts\n", "fonts", None),
        ["error[font-unreadable] font fonts is a folder, not a file"],
    ),
    "/dev/zero as the spec": (
        lambda folder: ["check", "/dev/zero"],
        ["error[spec-unreadable] the spec is not a regular file"],
    ),
    "a 1 MB bullet": (
        lambda folder: spec_text(folder, minimal().replace("China made {nev} in 2023.", "x" * (1 << 20))),
        ["error[too-long]", "over the limit of 5000"],
    ),
    "a 100 KB string aliased 4,000 times": (
        lambda folder: spec_text(
            folder, "big: &b '" + "x" * 100_000 + "'\nmany: [" + ", ".join(["*b"] * 4000) + "]\n" + minimal()
        ),
        ["error[unknown-key] unknown key 'big'"],
    ),
    "30,000 facts": (
        lambda folder: spec_text(
            folder,
            minimal().replace(
                "facts:",
                "facts:\n"
                + "".join(
                    f"  f{i}: {{source: doc, quote: 'reached $469.01 billion', value: 469.01}}\n"
                    for i in range(30_000)
                ),
                1,
            ),
        ),
        ["error[yaml-too-large] the document expands to over 200000 nodes"],
    ),
    "a template with billion laughs": (
        lambda folder: laughing_template(folder),
        ["error[template-"],
    ),
    "a 5,000-row table": (
        lambda folder: spec_text(
            folder,
            minimal()
            + "    table:\n      columns: [A, B]\n      rows:\n"
            + "        - [row, '{nev}']\n" * 5000,
        ),
        ["error[too-long] section 'one' › table › rows: has 5000 items, over the limit of 1000"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_hostile_file_is_a_clean_located_error(tmp_path: Path, case: str):
    make, says = CASES[case]
    folder = tmp_path / "work"
    folder.mkdir()
    args = make(folder)
    done = run(*args, cwd=folder)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output  # a problem in the input: exit 1, not 3 (a bug) and not a hang
    assert "Traceback" not in output
    for text in says:
        assert text in output, output
    assert SECRET not in output  # a refused theme file is never opened
    assert not (folder / "out").exists() or not any((folder / "out").iterdir())


def test_nothing_outside_the_folder_is_embedded_when_it_is_allowed_only_explicitly(tmp_path: Path):
    folder = tmp_path / "work"
    folder.mkdir()
    theme_paths_outside(folder)
    (folder / "corp.yaml").write_text("base: ocean\nlogo: ../private/logo.png\n", encoding="utf-8")
    refused = run("build", "brief.yaml", "-o", "out", cwd=folder)
    assert refused.returncode == 1 and "'logo.png' is outside" in refused.stderr + refused.stdout
    allowed = run("build", "--allow-outside-sources", "brief.yaml", "-o", "out", cwd=folder, seconds=60)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    logo = (tmp_path / "private" / "logo.png").read_bytes()
    media = [
        zipfile.ZipFile(folder / "out" / "brief.pptx").read(n)
        for n in zipfile.ZipFile(folder / "out" / "brief.pptx").namelist()
        if n.startswith("ppt/media/")
    ]
    assert logo in media  # embedded only because the caller allowed it


def long_title(folder: Path) -> list[str]:
    spec_text(folder, minimal().replace("title: Test brief", "title: " + "A" * 290))
    return ["build", "brief.yaml", "-o", "out"]


def untitled_long_table(folder: Path) -> list[str]:
    rows = "".join("        - [row, '{nev}']\n" for _ in range(40))
    spec_text(folder, minimal() + "    table:\n      columns: [A, B]\n      rows:\n" + rows)
    return ["build", "brief.yaml", "-o", "out"]


@pytest.mark.parametrize(
    "make",
    [long_title, untitled_long_table],
    ids=["a 290-character title", "an untitled 40-row table after bullets"],
)
def test_inputs_that_used_to_crash_now_build(tmp_path: Path, make: Callable[[Path], list[str]]):
    folder = tmp_path / "work"
    folder.mkdir()
    done = run(*make(folder), cwd=folder, seconds=60)
    assert done.returncode == 0, done.stdout + done.stderr
    deck = zipfile.ZipFile(folder / "out" / "brief.pptx")
    title = deck.read("docProps/core.xml").decode()
    assert len(title) < 2000  # the 255-character core-property limit is kept (the slides show the full title)


def test_a_quote_from_the_wrong_document_is_reported_fast(tmp_path: Path):
    """The closest-passage search costs milliseconds, however long the source (it took 15 s on 110 KB)."""
    import gzip
    import time

    from briefgen.facts.sources import read_source

    news = Path("/usr/share/doc/coreutils/NEWS.gz")
    if not news.exists():
        pytest.skip(f"{news} is not installed")
    doc = tmp_path / "news.txt"
    doc.write_bytes(gzip.decompress(news.read_bytes())[:400_000])
    text = read_source(doc, "text")
    quote = (
        "The council approved a budget of 2.3 million euros for housing; more than 400 households benefit."
    )
    start = time.perf_counter()
    near = text.closest(quote)
    assert time.perf_counter() - start < 2.0
    assert near.text and 0 < near.similarity < 0.8
    line = text.text[20_000:20_200]
    assert text.closest(line.replace("e", "a", 1)).similarity > 0.95


def test_deep_and_utf16_html_and_control_characters(tmp_path: Path):
    from briefgen.facts.readers import ReadError
    from briefgen.facts.sources import read_source

    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 300 + "<p>Deep text: 42% here.</p>" + "</div>" * 300, "utf-8")
    assert read_source(deep, "html").find("Deep text: 42% here.") is not None  # libxml2 dropped it at 256
    deeper = tmp_path / "deeper.html"
    deeper.write_text("<html><body>" + "<div>" * 5000 + "<p>x</p>" + "</div>" * 5000, "utf-8")
    with pytest.raises(ReadError, match="nested too deeply"):
        read_source(deeper, "html")
    utf16 = tmp_path / "utf16.html"
    utf16.write_bytes(
        "<html><body><p>Sales rose 12% in 2023 — “a record”.</p></body></html>".encode("utf-16")
    )
    assert read_source(utf16, "html").find("Sales rose 12% in 2023 — “a record”.") is not None
    folder = tmp_path / "work"
    folder.mkdir()
    spec_text(folder, minimal().replace("China made {nev} in 2023.", "China\x7f made {nev}\x85 in 2023.\x9f"))
    done = run("check", "brief.yaml", cwd=folder)
    errors = [ln for ln in done.stderr.splitlines() if "error[" in ln]
    assert done.returncode == 1 and len(errors) == 3, done.stderr  # each one located, not a missing glyph
    assert all("error[control-character] the invisible control character U+" in ln for ln in errors)
    where = [ln.split(": ")[0] for ln in errors]
    assert where == ["brief.yaml:24:15", "brief.yaml:24:27", "brief.yaml:24:37"]


@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("a zip bomb", lambda: rewritten(docx_bytes(), "", extra=20 << 20)),
        ("a corrupt deflate member", lambda: rewritten(docx_bytes(), "word/document.xml", corrupt=True)),
        ("billion laughs", lambda: rewritten(docx_bytes(), "word/document.xml", LAUGHS)),
    ],
)
def test_hostile_docx_sources(tmp_path: Path, case: str, make: Callable[[], bytes]):
    folder = tmp_path / "work"
    folder.mkdir()
    brief(folder, source="sources/hostile.docx")
    (folder / "brief.yaml").write_text(
        (folder / "brief.yaml").read_text(encoding="utf-8").replace("kind: text", "kind: docx"),
        encoding="utf-8",
    )
    (folder / "sources" / "hostile.docx").write_bytes(make())
    done = run("check", "brief.yaml", cwd=folder)
    output = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in output, output
    assert "brief.yaml:" in output and ("source-unreadable" in output or "quote-not-found" in output), output
    if case == "a zip bomb":
        assert "inflates" in output


def test_a_damaged_template_is_a_located_error(tmp_path: Path):
    from tests.support.templates import make_pptx

    folder = tmp_path / "work"
    folder.mkdir()
    good = make_pptx(tmp_path / "good.pptx").read_bytes()
    (folder / "corp.pptx").write_bytes(rewritten(good, "ppt/presentation.xml", corrupt=True))
    brief(folder, extra="template: corp.pptx\n")
    done = run("build", "brief.yaml", "-o", "out", cwd=folder, seconds=60)
    output = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in output, output
    assert "error[template-" in output and "brief.yaml:" in output, output


def test_a_pdf_whose_content_stream_inflates_past_the_limit(tmp_path: Path):
    """A page whose content stream is 200 MB of text compressed to a few hundred KB: pypdf stops at its
    inflation limit, and the brief ends in located errors, in seconds and bounded memory."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf (x) Tj ET\n" * (200_000_000 // 23))
    stream = stream.flate_encode()
    page[NameObject("/Contents")] = writer._add_object(stream)
    folder = tmp_path / "work"
    folder.mkdir()
    brief(folder, source="sources/bomb.pdf")
    (folder / "brief.yaml").write_text(
        (folder / "brief.yaml").read_text(encoding="utf-8").replace("kind: text", "kind: pdf"),
        encoding="utf-8",
    )
    with open(folder / "sources" / "bomb.pdf", "wb") as f:
        writer.write(f)
    assert (folder / "sources" / "bomb.pdf").stat().st_size < 5 << 20
    done = run("check", "brief.yaml", cwd=folder, seconds=30)
    output = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in output, output
    # pypdf stops inflating at its limit: the page reads as empty (or unreadable), never as 200 MB of text.
    assert (
        "error[source-unreadable]" in output or "error[quote-not-found]" in output
    ) and "brief.yaml:" in output


def test_a_docx_with_millions_of_paragraphs_is_refused_before_it_is_parsed(tmp_path: Path):
    import random
    import time

    rng = random.Random(7)
    words = [w for w in SOURCE.split() if w.isalpha()]
    paragraph = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    body = "".join(paragraph.format(" ".join(rng.choices(words, k=8))) for _ in range(500_000)).encode()
    folder = tmp_path / "work"
    folder.mkdir()
    brief(folder, source="sources/long.docx")
    (folder / "brief.yaml").write_text(
        (folder / "brief.yaml").read_text(encoding="utf-8").replace("kind: text", "kind: docx"),
        encoding="utf-8",
    )
    document = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + body + b"</w:body></w:document>"
    )
    (folder / "sources" / "long.docx").write_bytes(rewritten(docx_bytes(), "word/document.xml", document))
    start = time.perf_counter()
    done = run("check", "brief.yaml", cwd=folder)
    assert time.perf_counter() - start < 10
    assert done.returncode == 1 and "over the 32 MiB limit for one XML part" in done.stderr, done.stderr
