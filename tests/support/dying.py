"""A build whose worker dies the first time it runs a brief: a Dask worker lost mid-brief."""

from __future__ import annotations

import os
from pathlib import Path

from briefgen import pipeline
from briefgen.jobs import BriefResult, Job, build_job


def build_dying_once(job: Job) -> BriefResult:
    """Build the brief; but the first time a brief is run (no mark file beside its outputs yet), check it,
    write the mark and kill this worker process outright, as a machine lost mid-brief would be."""
    mark = Path(job.options.out_dir) / f".{job.name}.died"
    if not mark.exists():
        pipeline.check(job.spec, job.options.allow_outside, job.row)
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(str(os.getpid()))
        os._exit(1)
    return build_job(job)
