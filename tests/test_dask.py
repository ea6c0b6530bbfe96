"""Briefs built on a Dask cluster (a LocalCluster of two worker processes here): the same bytes as a local
build, a worker lost mid-brief made good by another, an unreachable scheduler a clear error."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from briefgen import executors
from briefgen.jobs import Job, Options, build_job
from tests.support.dying import build_dying_once
from tests.support.paths import ROOT

EXAMPLE = ROOT / "specs" / "population-by-country.yaml"
BRIEFGEN = [str(Path(sys.executable).parent / "briefgen")]  # the entry point the install made


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as c:
        yield c


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BRIEFGEN, "build", *args], capture_output=True, text=True, cwd=cwd, timeout=600, check=False
    )


def test_the_parameterized_example_on_a_cluster_is_byte_identical_to_a_local_build(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    countries = (ROOT / "specs" / "data" / "countries.csv").read_text(encoding="utf-8").split()[1:]
    assert len(countries) == 8
    local = build(str(EXAMPLE), "-o", "local", "-j", "2", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    dask = build(
        str(EXAMPLE),
        "-o",
        "dask",
        "--executor",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        cwd=tmp_path,
    )
    assert dask.returncode == 0, dask.stderr
    built = files(tmp_path / "dask")
    assert sorted(built) == sorted(
        f"population-by-country-{c}.{ext}" for c in countries for ext in ("pdf", "pptx")
    )
    assert built == files(tmp_path / "local")
    # Printed in the rows' order, whatever order the workers finished in.
    wrote = [line.rsplit("/", 1)[-1] for line in dask.stdout.splitlines() if line.startswith("wrote ")]
    assert wrote == [f"population-by-country-{c}.{e}" for c in countries for e in ("pptx", "pdf")]


def test_a_worker_lost_mid_brief_is_replaced_and_the_brief_written_whole(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    options = Options(out_dir=tmp_path / "dask")
    jobs = [Job(EXAMPLE, {"country": c}, options) for c in ("Japan", "Brazil")]
    run = executors.dask(cluster.scheduler_address)
    results = dict(run(build_dying_once, jobs, 2))
    assert [results[i].ok for i in range(2)] == [True, True], [results[i].diagnostics for i in range(2)]
    # Each brief's first worker died (its mark is there); another built it.
    assert sorted(p.name for p in (tmp_path / "dask").glob(".*.died")) == [
        ".population-by-country-Brazil.died",
        ".population-by-country-Japan.died",
    ]
    local = Options(out_dir=tmp_path / "local")
    for job in jobs:
        assert build_job(Job(job.spec, job.row, local)).ok
    assert files(tmp_path / "dask") == files(tmp_path / "local")


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    run = executors.dask("tcp://127.0.0.1:9", timeout=2)
    with pytest.raises(
        executors.ExecutorError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    ):
        list(run(build_job, [Job(EXAMPLE, {"country": "India"}, Options(out_dir=tmp_path))], 1))
    result = build(str(EXAMPLE), "--executor", "dask", cwd=tmp_path)
    assert result.returncode == 2
    assert "--executor dask needs --scheduler ADDRESS" in result.stderr
