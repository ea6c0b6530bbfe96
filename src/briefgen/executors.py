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


class ExecutorError(Exception):
    """An executor cannot run: its library is missing or its cluster cannot be reached; the message says
    what to do."""


def dask(scheduler: str, retries: int = 2, timeout: float = 30.0) -> Executor:
    """An executor that sends each job to the dask.distributed cluster whose scheduler is at `scheduler`
    ('tcp://host:8786'). Each job is one task: a worker that dies mid-brief has its task run again on
    another (Dask reschedules it), and a task that raises is retried `retries` times. The workers read the
    spec, its sources and theme from the paths in the job and write the outputs there (as one set, so a
    killed worker never leaves half of one): every worker must see the spec's folder and the output folder
    at the same paths as this process (one machine, or a shared file system)."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        raise ExecutorError("the Dask executor needs dask.distributed: pip install 'briefgen[dask]'") from e

    def run(work: Callable[[J], R], jobs: Sequence[J], workers: int) -> Iterator[tuple[int, R]]:
        try:
            client = Client(scheduler, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise ExecutorError(
                f"cannot reach the Dask scheduler at {scheduler}: {e}; start one (dask scheduler) or check "
                "the address"
            ) from e
        try:
            futures = {client.submit(work, job, pure=False, retries=retries): i for i, job in enumerate(jobs)}
            for future in as_completed(futures, loop=client.loop):
                yield futures[future], future.result()
        finally:
            client.close()

    return run
