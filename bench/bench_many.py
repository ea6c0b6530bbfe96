"""Many briefs from one spec: 200 parameterized briefs built with -j 1, -j 2 and on a Dask LocalCluster.

Run: .venv/bin/python bench/bench_many.py [--rows 200] [--workers 2]

The parameterized example (specs/population-by-country.yaml, its World Bank table) gets a params file of the
first N countries of that table; each run is a fresh `briefgen build --force` of every row, timed on the
wall clock. The table reports each run, the speedup over -j 1, the time per brief, and the per-brief
overhead: what a brief costs in a -j 1 run beyond checking and rendering it in-process.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "population-by-country.yaml"
TABLE = ROOT / "specs" / "sources" / "world-bank-population.csv"
BRIEFGEN = str(Path(sys.executable).parent / "briefgen")


def countries(n: int) -> list[str]:
    """The first `n` names of the table that have a 2000, 2010 and 2022 figure."""
    years: dict[str, set[str]] = {}
    with TABLE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            years.setdefault(row["Country Name"], set()).add(row["Year"])
    names = [c for c, ys in years.items() if {"2000", "2010", "2022"} <= ys and c != "World"]
    return names[:n]


def setup(folder: Path, n: int) -> Path:
    """The example spec with a params file of `n` countries, in `folder`."""
    (folder / "sources").mkdir(parents=True)
    (folder / "data").mkdir()
    shutil.copy(TABLE, folder / "sources" / TABLE.name)
    with (folder / "data" / "countries.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["country"])
        writer.writerows([c] for c in countries(n))
    spec = folder / SPEC.name
    shutil.copy(SPEC, spec)
    return spec


def timed(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall


def in_process(spec: Path, rows: list[str], k: int) -> float:
    """Seconds a brief takes to check and render in this process (no job machinery, no writing), over `k`
    briefs after a first that reads the table (as each process of a run reads it once)."""
    import briefgen
    from briefgen.pipeline import render

    briefgen.load(spec, params={"country": rows[-1]})
    t = time.perf_counter()
    for country in rows[:k]:
        brief = briefgen.load(spec, params={"country": country})
        render(brief, "pptx")
        render(brief, "pdf")
    return (time.perf_counter() - t) / k


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="bench-many-") as tmp:
        folder = Path(tmp)
        spec = setup(folder, args.rows)
        n = args.rows
        build = [BRIEFGEN, "build", str(spec), "--force", "-o"]
        runs: dict[str, float] = {}
        runs["-j 1"] = timed([*build, "out-1", "-j", "1"], folder)
        runs[f"-j {args.workers}"] = timed([*build, "out-2", "-j", str(args.workers)], folder)
        t = time.perf_counter()
        with LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster:
            start = time.perf_counter() - t
            runs[f"Dask LocalCluster, {args.workers} workers"] = timed(
                [*build, "out-dask", "--executor", "dask", "--scheduler", cluster.scheduler_address], folder
            )
        same = all(
            (folder / "out-1" / p.name).read_bytes() == p.read_bytes()
            for out in ("out-2", "out-dask")
            for p in (folder / out).iterdir()
            if not p.name.startswith(".")
        )
        per_brief = in_process(spec, countries(n), 10)
        print(f"{n} briefs (deck + PDF each) from {TABLE.name}; wall seconds, one run each")
        print("| run | wall | per brief | speedup over -j 1 |")
        print("| --- | --- | --- | --- |")
        base = runs["-j 1"]
        for name, wall in runs.items():
            print(f"| {name} | {wall:.1f} s | {wall / n * 1000:.0f} ms | {base / wall:.2f}× |")
        print(f"Dask LocalCluster start: {start:.1f} s (not in its row)")
        print(
            f"one brief checked and rendered in-process: {per_brief * 1000:.0f} ms; per-brief overhead "
            f"of -j 1 (process, planning, manifest, writing): {(base / n - per_brief) * 1000:.0f} ms"
        )
        print(f"outputs byte-identical across the three runs: {same}")


if __name__ == "__main__":
    main()
