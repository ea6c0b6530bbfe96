"""Build times against the raw libraries, measured in the same run: the example and generated briefs.

Run: .venv/bin/python bench/bench_build.py [--repeat N] [--sizes 100,500,1000]

Each row times briefgen and the raw-library baseline (bench/baseline.py: python-pptx and reportlab writing
the same content with no checks or styling) in alternation, and reports medians:
- one process: `briefgen build` of the example against `python bench/baseline.py` (wall time, imports
  included);
- in-process: the deck and the PDF of the example, rendered from the checked brief;
- N sections (bench/corpus.py: facts quoting a text and a PDF source, notes, a chart in one section of
  five): `briefgen build` against the baseline as processes, CPU time and peak memory; and how the deck's
  in-process time grows from the middle size to the largest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import content, raw_deck, raw_pdf  # noqa: E402
from corpus import write_brief  # noqa: E402

import briefgen  # noqa: E402
from briefgen.pipeline import render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "specs" / "new-quality-productive-forces.yaml"
# Each child reports its own peak memory as it exits (VmHWM: the high-water mark of the process's own
# memory, which a fork's copy of this process does not inflate as getrusage's would).
PEAK = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write(next(l for l in open('/proc/self/status') "
    "if l.startswith('VmHWM'))))\n"
)
BRIEFGEN = [sys.executable, "-c", PEAK + "from briefgen.cli import main\nmain()"]
BASELINE = [
    sys.executable,
    "-c",
    PEAK + f"import runpy\nsys.argv[0] = {str(ROOT / 'bench' / 'baseline.py')!r}\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')",
]


def process(cmd: list[str]) -> tuple[float, float, float]:
    """Run `cmd`: its wall seconds, CPU seconds (user + system) and peak memory (MB)."""
    t = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = child.stderr.read().decode() if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t
    peak = [line for line in err.splitlines() if line.startswith("VmHWM")]
    if status != 0 or not peak:
        raise SystemExit(f"{' '.join(cmd)} failed: {err}")
    return wall, usage.ru_utime + usage.ru_stime, int(peak[-1].split()[1]) / 1024


def alternate(ours: Callable[[], float], raw: Callable[[], float], repeat: int) -> tuple[float, float]:
    """Medians of `repeat` runs of each, taken in turn."""
    a, b = [], []
    for _ in range(repeat):
        a.append(ours())
        b.append(raw())
    return statistics.median(a), statistics.median(b)


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        t = time.process_time()
        fn()
        return time.process_time() - t

    return run


def deck_cpu(spec: Path) -> float:
    """CPU seconds to render the deck of `spec`, in a process of its own (what a build of it costs, apart
    from what other briefs loaded here would add to the garbage collector's work)."""
    code = (
        "import sys, time, briefgen\nfrom briefgen.pipeline import render\n"
        "b = briefgen.load(sys.argv[1])\nt = time.process_time()\nrender(b, 'pptx')\n"
        "print(time.process_time() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(spec)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def row(name: str, ours: float, raw: float | None, unit: str = "s", extra: str = "") -> str:
    ratio = f"{ours / raw:.2f}×" if raw else "—"
    raw_s = f"{raw:.3f} {unit}" if raw is not None else "—"
    return f"| {name} | {ours:.3f} {unit} | {raw_s} | {ratio} |{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="100,500,1000", help="Section counts of the generated briefs.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    lines = ["| workload | briefgen | raw libraries | ratio | notes |", "| --- | --- | --- | --- | --- |"]

    brief = briefgen.load(EXAMPLE)
    example = work / "example.json"
    example.write_text(json.dumps(content(brief)), encoding="utf-8")
    wall, raw_wall = alternate(
        lambda: process([*BRIEFGEN, "build", str(EXAMPLE), "-o", str(work / "ours"), "--force"])[0],
        lambda: process([*BASELINE, str(example), str(work / "raw")])[0],
        args.repeat,
    )
    lines.append(row("example, deck + PDF, one process (wall)", wall, raw_wall, extra=" |"))
    c = content(brief)
    for fmt, raw_fn in (("pptx", raw_deck), ("pdf", raw_pdf)):
        ours, raw = alternate(
            timed(lambda f=fmt: render(brief, f)), timed(lambda r=raw_fn: r(c)), args.repeat
        )
        lines.append(
            row(f"example in-process: {'deck' if fmt == 'pptx' else 'PDF'} (CPU)", ours, raw, extra=" |")
        )

    deck_times: dict[int, float] = {}
    for n in sizes:
        folder = work / f"n{n}"
        spec = write_brief(folder, n)
        big = briefgen.load(spec)
        (folder / "content.json").write_text(json.dumps(content(big)), encoding="utf-8")
        runs = max(1, args.repeat // (3 if n >= 500 else 1))
        ours_runs, raw_runs = [], []
        for _ in range(runs):
            ours_runs.append(process([*BRIEFGEN, "build", str(spec), "-o", str(folder / "ours"), "--force"]))
            raw_runs.append(process([*BASELINE, str(folder / "content.json"), str(folder / "raw")]))
        cpu = statistics.median(r[1] for r in ours_runs)
        raw_cpu = statistics.median(r[1] for r in raw_runs)
        mem, raw_mem = max(r[2] for r in ours_runs), max(r[2] for r in raw_runs)
        slides = len(big.sections) + 1
        lines.append(
            row(f"{n} sections ({slides}+ slides, {n // 5} charts), both (CPU)", cpu, raw_cpu)
            + f" peak {mem:.0f} MB vs {raw_mem:.0f} MB |"
        )
        deck_times[n] = statistics.median(deck_cpu(spec) for _ in range(runs))
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        growth = deck_times[large] / deck_times[small]
        lines.append(
            f"| deck t({large})/t({small}), each in its own process | {growth:.2f} | — | — | "
            f"linear would be {large / small:.2f} ({deck_times[small]:.2f} s, {deck_times[large]:.2f} s) |"
        )
    print(f"median of {args.repeat} alternating runs (large sizes: fewer); CPU = user + system seconds")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
