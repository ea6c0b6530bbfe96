"""Many briefs: a job per spec and parameter row, run on an executor, each checked and written on its own."""

from __future__ import annotations

import os
import traceback
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefgen import __version__, executors, pipeline
from briefgen.diagnostics import BriefgenError, Diagnostic, Location, RenderWarning, has_errors
from briefgen.freshness import build_key, check_manifest, record, unchanged
from briefgen.pipeline import FORMATS, OutputsWarning, archival
from briefgen.spec.load import display_path, load_spec, spec_params
from briefgen.spec.params import Value, output_name
from briefgen.theme.files import resolve_theme

Row = Mapping[str, Value]


@dataclass(frozen=True)
class Options:
    """How every brief of a run is built."""

    out_dir: Path = Path("output")
    formats: tuple[str, ...] = FORMATS
    allow_outside: bool = False
    strict: bool = False
    pdf_standard: str | None = None
    force: bool = False  # build even when the manifest says the outputs are up to date
    debug: bool = False  # keep the traceback of where a failed brief stopped


@dataclass(frozen=True)
class Job:
    """One brief: a spec, and its parameter row for a spec with `params:`."""

    spec: Path
    row: Row | None = None
    options: Options = field(default_factory=Options)

    @property
    def name(self) -> str:
        """The outputs' name: `<spec>` or `<spec>-<values>`."""
        return output_name(self.spec.stem, self.row)

    @property
    def outputs(self) -> list[Path]:
        """The files the job writes."""
        return [self.options.out_dir / f"{self.name}.{fmt}" for fmt in self.options.formats]


@dataclass(frozen=True)
class BriefResult:
    """What became of one brief: the outputs written or found unchanged, or why it failed."""

    job: Job
    written: tuple[Path, ...] = ()
    unchanged: tuple[Path, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()  # every problem and warning found, in the spec's order
    notes: tuple[str, ...] = ()  # what the output folder or a renderer reported, one line each
    failed: bool = False
    bug: str = ""  # the traceback of a bug in briefgen
    trace: str = ""  # with Options.debug: where the failed build stopped

    @property
    def ok(self) -> bool:
        """Built (or up to date) without errors."""
        return not self.failed and not self.bug

    def label(self, with_spec: bool = True) -> str:
        """'country=Chad', with the spec's path before it (or the spec's path alone without a row)."""
        row = " ".join(f"{k}={v}" for k, v in (self.job.row or {}).items())
        spec = display_path(self.job.spec)
        return f"{spec} {row}" if row and with_spec else (row or spec)


def plan(
    specs: Iterable[str | os.PathLike[str]],
    options: Options,
    params: Mapping[str, Sequence[Value]] | None = None,
) -> list[Job | BriefResult]:
    """A job per spec, or per parameter row of a spec with `params:` (those `params` chooses, name →
    values), in order; a spec whose parameters cannot be read, or whose outputs another job writes, is a
    failed BriefResult in its place."""
    entries: list[Job | BriefResult] = []
    taken: dict[str, Path] = {}
    for given in specs:
        spec = Path(given)
        table, diags = spec_params(spec, options.allow_outside)
        if has_errors(diags):
            entries.append(BriefResult(Job(spec, None, options), diagnostics=tuple(diags), failed=True))
            continue
        if table is None:
            jobs = [Job(spec, None, options)]
            if params:
                missing = ", ".join(params)
                jobs = []
                entries.append(_refused(spec, options, f"--param {missing}: the spec declares no params:"))
        else:
            picked, problems = table.select(params or {})
            if problems:
                entries.append(_refused(spec, options, *[f"--param: {p}" for p in problems]))
                continue
            jobs = [Job(spec, dict(table.rows[i]), options) for i in picked]
        for job in jobs:
            key = str((options.out_dir / job.name).resolve()).casefold()
            if key in taken:
                why = f"its outputs {job.name}.* are those of {display_path(taken[key])} too"
                entries.append(_refused(spec, options, why, row=job.row))
                continue
            taken[key] = spec
            entries.append(job)
    return entries


def _refused(spec: Path, options: Options, *messages: str, row: Row | None = None) -> BriefResult:
    where = Location(display_path(spec))
    diags = tuple(Diagnostic("error", "params-row", m, where) for m in messages)
    return BriefResult(Job(spec, row, options), diagnostics=diags, failed=True)


def build_job(job: Job) -> BriefResult:
    """Check, render and write one brief, unless its outputs are up to date; never raises (a bug in
    briefgen comes back as the result's `bug`, with its traceback)."""
    try:
        return _build(job)
    except Exception:
        return BriefResult(job, failed=True, bug=traceback.format_exc())


def _build(job: Job) -> BriefResult:
    opts, out = job.options, job.options.out_dir
    key = files = None
    loaded, diags = load_spec(job.spec, opts.allow_outside, job.row)
    if loaded is not None and not has_errors(diags):
        theme, _ = resolve_theme(loaded, opts.allow_outside)
        key, files = build_key(loaded, theme, {"briefgen": __version__, "pdf_standard": opts.pdf_standard})
        if not opts.force and unchanged(out, job.outputs, key, opts.strict):
            return BriefResult(job, unchanged=tuple(job.outputs))
    try:
        brief = None
        if loaded is not None:  # loaded once: for the build's key, then checked
            brief, diags = pipeline.check_loaded(loaded, diags, opts.allow_outside)
        del loaded  # the spec's positions are not needed to render: their memory is not held meanwhile
        if brief is None or has_errors(diags) or (opts.strict and diags):
            return BriefResult(job, diagnostics=tuple(diags), failed=True, trace=_trace(job))
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always", OutputsWarning)
            warnings.simplefilter("always", RenderWarning)
            written = pipeline.write_outputs(archival(brief, opts.pdf_standard), job.spec, out, opts.formats)
    except BriefgenError as e:
        return BriefResult(job, diagnostics=e.diagnostics, failed=True, trace=_trace(job))
    notes = []
    for w in seen:
        if issubclass(w.category, OutputsWarning):
            notes.append(f"{out}: warning[outputs] {w.message}")
        elif issubclass(w.category, RenderWarning):
            notes.append(f"{job.spec}: warning[deck] {w.message}")
    if key is not None and files is not None:
        about = {"spec": display_path(job.spec), "params": dict(job.row or {}), "warnings": len(diags)}
        record(out, written, key, files, about)
    return BriefResult(job, written=tuple(written), diagnostics=tuple(diags), notes=tuple(notes))


def _trace(job: Job) -> str:
    """With --debug, the traceback of the failed load: where the run stopped."""
    if not job.options.debug:
        return ""
    try:
        pipeline.load(job.spec, job.options.allow_outside, job.options.strict, job.row)
    except BriefgenError:
        return traceback.format_exc()
    return ""


def run(
    entries: Sequence[Job | BriefResult], workers: int, executor: executors.Executor = executors.local
) -> Iterator[tuple[int, BriefResult]]:
    """Each entry's result as (its index, result), as they finish: the jobs built on `executor`, the
    failures `plan` found given back first."""
    for i, entry in enumerate(entries):
        if isinstance(entry, BriefResult):
            yield i, entry
    jobs = [(i, e) for i, e in enumerate(entries) if isinstance(e, Job)]
    for k, result in executor(build_job, [job for _, job in jobs], workers):
        yield jobs[k][0], result


def manifest_notes(entries: Iterable[Job | BriefResult]) -> list[str]:
    """What the output folders' build manifests showed ('could not be read; ignored'), one line each."""
    folders = dict.fromkeys(
        e.options.out_dir if isinstance(e, Job) else e.job.options.out_dir for e in entries
    )
    return [f"{out}: warning[manifest] {note}" for out in folders for note in check_manifest(out)]


def build_many(
    specs_or_jobs: Iterable[str | os.PathLike[str] | Job],
    out_dir: str | os.PathLike[str] = "output",
    formats: Iterable[str] | str = FORMATS,
    jobs: int | None = None,
    params: Mapping[str, Value | Sequence[Value]] | None = None,
    allow_outside: bool = False,
    strict: bool = False,
    pdf_standard: str | None = None,
    force: bool = False,
    executor: executors.Executor = executors.local,
) -> list[BriefResult]:
    """Build every spec, and every parameter row of a spec with `params:` (those `params` chooses:
    {'country': ['India', 'Peru']}), with `jobs` processes (default: the machine's cores); a result per
    brief, in the order of the specs and rows. A failing brief does not stop the others: its result holds
    its diagnostics. Outputs whose inputs are unchanged since they were built are skipped (`force`
    rebuilds them). Jobs (briefgen.jobs.Job) may be given instead of spec paths."""
    formats = (formats,) if isinstance(formats, str) else tuple(dict.fromkeys(formats))
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    options = Options(Path(out_dir), formats, allow_outside, strict, pdf_standard, force)
    wanted: dict[str, list[Value]] = {}
    for name, given in (params or {}).items():
        wanted[name] = list(given) if isinstance(given, (list, tuple)) else [given]  # type: ignore[list-item]
    entries: list[Job | BriefResult] = []
    paths: list[str | os.PathLike[str]] = []
    for item in [*specs_or_jobs, None]:
        if not isinstance(item, (str, os.PathLike)):
            entries += plan(paths, options, wanted)  # specs side by side: two writing one output found
            paths = []
            entries += [item] if isinstance(item, Job) else []
        else:
            paths.append(item)
    for note in manifest_notes(entries):
        warnings.warn(note, OutputsWarning, stacklevel=2)
    results: dict[int, BriefResult] = dict(run(entries, jobs or executors.default_workers(), executor))
    return [results[i] for i in range(len(entries))]
