"""The long fuzz run: N generated and mutated specs through check (and a share through build), counting
tracebacks, hangs (over 10 s) and slow cases (over 4 s). Run before closing a robustness change:

    .venv/bin/python bench/fuzz_long.py --check 10000 --build 1000
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

import briefgen  # noqa: E402
from tests.fuzz.specs import check_spec, spec_texts  # noqa: E402

SEEN: collections.Counter[str] = collections.Counter()
FIRST: dict[str, str] = {}


def run(n: int, build: bool) -> None:
    @settings(
        max_examples=n,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(spec_texts())
    def one(text: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            try:
                check_spec(Path(folder), text, seconds=1e9)
                if build:
                    with contextlib.suppress(briefgen.BriefgenError):
                        briefgen.build(Path(folder) / "brief.yaml", out_dir=Path(folder) / "out")
                kind = "ok"
            except Exception as e:  # noqa: BLE001 - counting every kind of failure is the point
                kind = f"traceback {type(e).__name__}"
                FIRST.setdefault(kind, traceback.format_exc()[-1500:] + "\n--- spec:\n" + text[:800])
            took = time.perf_counter() - start
            SEEN[kind] += 1
            SEEN["hang (> 10 s)" if took > 10 else "slow (4-10 s)" if took > 4 else "fast"] += 1

    one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=int, default=10_000)
    parser.add_argument("--build", type=int, default=1_000)
    args = parser.parse_args()
    start = time.perf_counter()
    run(args.check, build=False)
    run(args.build, build=True)
    for kind, count in sorted(SEEN.items()):
        print(f"{count:7}  {kind}")
    print(f"{time.perf_counter() - start:.0f} s for {args.check} checks and {args.build} builds")
    for kind, text in FIRST.items():
        print(f"\n=== first {kind}\n{text}")


if __name__ == "__main__":
    main()
