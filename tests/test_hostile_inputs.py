"""Hostile and broken files, made at test time: each ends in a clean, located error within a time bound, never
a traceback or a hang, and no file the spec did not put beside itself is read or embedded."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
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
