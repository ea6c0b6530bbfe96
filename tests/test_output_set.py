"""A build's outputs are one set: whatever stops a build, the deck and the PDF in the folder come from one
build (or a note says they do not); file modes follow the umask; SOURCE_DATE_EPOCH dates both outputs."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import briefgen
from briefgen import outputs
from briefgen.pipeline import OutputsWarning
from tests.support.minimal import SOURCE, SPEC

BRIEFGEN = Path(sys.executable).parent / "briefgen"


def spec(folder: Path, bullet: str = "China made {nev} in 2023.") -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "doc.txt").write_text(SOURCE, encoding="utf-8")
    path = folder / "brief.yaml"
    path.write_text(SPEC.lstrip("\n").replace("China made {nev} in 2023.", bullet), encoding="utf-8")
    return path


def pair(out: Path) -> tuple[bytes, bytes]:
    return (out / "brief.pptx").read_bytes(), (out / "brief.pdf").read_bytes()


def leftovers(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.iterdir()
        if p.name.startswith(".")
        and not p.name.endswith((".briefgen.json", ".briefgen-lock"))
        and p.name not in (".briefgen-build.json", ".briefgen-build.lock")  # the build manifest (freshness)
    )


def test_a_failure_on_the_second_file_keeps_the_old_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path, out = spec(tmp_path), tmp_path / "out"
    briefgen.build(path, out_dir=out)
    before = pair(out)
    spec(tmp_path, "China made {nev} in 2023, the op-ed says.")
    real = os.replace

    def failing(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith("brief.pdf") and ".tmp" in str(src):
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(briefgen.BriefgenError) as raised:
        briefgen.build(path, out_dir=out)
    [problem] = raised.value.diagnostics
    assert problem.code == "output-unwritable" and "the earlier ones are unchanged" in problem.message
    assert ".tmp" not in problem.message and ".tmp" not in problem.location.file
    assert pair(out) == before  # the deck was rolled back with the PDF
    assert leftovers(out) == []


def test_a_swap_stopped_half_way_is_rolled_back_by_the_next_build(tmp_path: Path):
    path, out = spec(tmp_path), tmp_path / "out"
    briefgen.build(path, out_dir=out)
    before = pair(out)
    # What SIGKILL leaves between the two renames: the old deck set aside and the new one in place, the old
    # PDF still there, and the journal naming the swap.
    (out / ".brief.pptx.999.old").write_bytes(before[0])
    (out / "brief.pptx").write_bytes(b"new deck")
    (out / ".brief.abc.tmp").write_bytes(b"half a pdf")
    (out / outputs.JOURNAL.format(name="brief")).write_text(
        '{"backups": {"brief.pptx": ".brief.pptx.999.old", "brief.pdf": ".brief.pdf.999.old"},'
        ' "new": ["brief.pptx", "brief.pdf"]}',
        encoding="utf-8",
    )
    notes = outputs.recover(out, "brief")
    assert notes == [
        f"an interrupted build of brief was rolled back: the outputs in {out} are the previous set"
    ]
    assert pair(out) == before and leftovers(out) == []


def test_sigkill_at_any_moment_never_leaves_a_mixed_pair(tmp_path: Path):
    path, out = spec(tmp_path), tmp_path / "out"
    briefgen.build(path, out_dir=out)
    builds = {tuple(hashlib.sha256(b).hexdigest() for b in pair(out))}
    for n, delay in enumerate((0.35, 0.5, 0.65, 0.8, 0.95, 1.1, 1.3, 1.6)):
        spec(tmp_path, f"China made {{nev}} in 2023 ({'again ' * (n + 1)}).")
        proc = subprocess.Popen(
            [str(BRIEFGEN), "build", str(path), "-o", str(out)], stdout=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        done = subprocess.run(
            [str(BRIEFGEN), "build", str(path), "-o", str(out)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert leftovers(out) == []
        builds.add(tuple(hashlib.sha256(b).hexdigest() for b in pair(out)))
    # Every pair seen was written by one build: the manifest names both files with one build id.
    manifest = (out / ".brief.briefgen.json").read_text(encoding="utf-8")
    assert len(set(re.findall(r'"build": "(\w+)"', manifest))) == 1


def test_outputs_follow_the_umask_or_the_mode_they_replace(tmp_path: Path):
    path, out = spec(tmp_path), tmp_path / "out"
    old = os.umask(0o077)
    try:
        briefgen.build(path, out_dir=out)
    finally:
        os.umask(old)
    assert (out / "brief.pdf").stat().st_mode & 0o777 == 0o600
    os.chmod(out / "brief.pdf", 0o640)
    briefgen.build(path, out_dir=out)
    assert (out / "brief.pdf").stat().st_mode & 0o777 == 0o640


def test_source_date_epoch_dates_both_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    path, out = spec(tmp_path), tmp_path / "out"
    briefgen.build(path, out_dir=out)
    core = zipfile.ZipFile(out / "brief.pptx").read("docProps/core.xml").decode()
    assert "2023-11-14T22:13:20Z" in core
    assert PdfReader(str(out / "brief.pdf")).metadata["/CreationDate"].startswith("D:20231114221320")


def test_a_deck_and_a_pdf_from_two_builds_are_reported(tmp_path: Path):
    path, out = spec(tmp_path), tmp_path / "out"
    first = subprocess.run(
        [str(BRIEFGEN), "build", str(path), "-o", str(out)], capture_output=True, text=True
    )
    assert first.returncode == 0 and "warning[outputs]" not in first.stderr
    spec(tmp_path, "China made {nev} in 2023, the op-ed says.")
    only_pdf = subprocess.run(
        [str(BRIEFGEN), "build", str(path), "-o", str(out), "--format", "pdf"], capture_output=True, text=True
    )
    assert only_pdf.returncode == 0
    assert "warning[outputs] brief.pdf and brief.pptx in" in only_pdf.stderr
    assert "come from different builds" in only_pdf.stderr


def test_four_builds_at_once_give_complete_files(tmp_path: Path):
    path, out = spec(tmp_path), tmp_path / "out"
    procs = [
        subprocess.Popen([str(BRIEFGEN), "build", str(path), "-o", str(out)], stdout=subprocess.DEVNULL)
        for _ in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    assert zipfile.ZipFile(out / "brief.pptx").testzip() is None
    assert len(PdfReader(str(out / "brief.pdf")).pages) >= 1  # a short brief fits its cover page
    assert leftovers(out) == []


def test_check_reports_a_mixed_pair_and_a_changed_output(tmp_path: Path):
    path, out = spec(tmp_path), tmp_path / "out"
    briefgen.build(path, out_dir=out)
    clean = subprocess.run(
        [str(BRIEFGEN), "check", str(path), "-o", str(out)], capture_output=True, text=True
    )
    assert clean.returncode == 0 and "warning[outputs]" not in clean.stderr
    spec(tmp_path, "China made {nev} in 2023, the op-ed says.")
    with pytest.warns(OutputsWarning, match="come from different builds"):  # the Python API says so too
        briefgen.build(path, out_dir=out, formats=["pdf"])
    mixed = subprocess.run(
        [str(BRIEFGEN), "check", str(path), "-o", str(out)], capture_output=True, text=True
    )
    assert (
        "warning[outputs] brief.pdf and brief.pptx in" in mixed.stderr and "different builds" in mixed.stderr
    )
    (out / "brief.pptx").write_bytes(b"edited by hand")
    edited = subprocess.run(
        [str(BRIEFGEN), "check", str(path), "-o", str(out)], capture_output=True, text=True
    )
    assert "brief.pptx in" in edited.stderr and "was changed after briefgen wrote it" in edited.stderr


def test_a_caller_can_raise_a_file_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = spec(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * (5 << 20) + "\n", encoding="utf-8")
    _, diags = briefgen.check(path)
    assert [d.code for d in diags] == ["too-large"]
    monkeypatch.setitem(briefgen.LIMITS, "spec", 8 << 20)
    brief, diags = briefgen.check(path)
    assert brief is not None, [str(d) for d in diags]
