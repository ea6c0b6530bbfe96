"""Where jobs run: an executor maps a function over jobs and yields each (index, result) as it is done."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Protocol, TypeVar

J = TypeVar("J")
R = TypeVar("R")


class Executor(Protocol):
    """Run `work` on every job with up to `workers` at once; yield (the job's index, its result) in the
    order they finish. `work` and the jobs are picklable, so another executor (a Dask cluster) can ship
    them elsewhere; the caller puts the results back in the jobs' order."""

    def __call__(
        self, work: Callable[[J], R], jobs: Sequence[J], workers: int
    ) -> Iterator[tuple[int, R]]: ...


def default_workers() -> int:
    """The cores this process may use."""
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def local(work: Callable[[J], R], jobs: Sequence[J], workers: int) -> Iterator[tuple[int, R]]:
    """In this process for one worker or one job; else a pool of fresh (spawned) processes, the same on
    every platform and safe beside threads (a progress bar's)."""
    if workers <= 1 or len(jobs) <= 1:
        for i, job in enumerate(jobs):
            yield i, work(job)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context)
    try:
        pending = {pool.submit(work, job): i for i, job in enumerate(jobs)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=pending.__getitem__):
                yield pending.pop(future), future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
