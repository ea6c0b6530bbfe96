"""The `briefgen` command: arguments, printing diagnostics and exit codes (0 ok, 1 input, 2 usage, 3 bug)."""

from __future__ import annotations

import functools
import json
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from briefgen import __version__
from briefgen.diagnostics import Diagnostic, has_errors
from briefgen.outputs import FORMATS
from briefgen.spec.kinds import KINDS, PDF_STANDARDS

# The pipeline (the spec model, the fact checks, the brief) is imported by the commands that run it, and the
# renderers (python-pptx, reportlab, pikepdf, XlsxWriter) only where something is built: `briefgen --help`
# imports click and these few names, `briefgen check` no renderer.

EXIT_INPUT, EXIT_USAGE, EXIT_BUG = 1, 2, 3
REPORT_FORMATS = ("text", "json", "github")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Verified briefings: a PowerPoint deck and a PDF brief from one YAML spec."""


def _reporting(flag: str = "--format") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Options every checking command shares (`flag` names the report-format option), and the bug handler
    (exit 3 with a traceback)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        return _report_options(flag)(_bug_handler(command))

    return decorate


def _report_options(flag: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(
            (
                click.option(
                    flag,
                    "report",
                    type=click.Choice(REPORT_FORMATS),
                    default="text",
                    show_default=True,
                    help="How to print problems: text, json, or github (workflow annotations).",
                ),
                click.option("--strict", is_flag=True, help="Fail on warnings too."),
                click.option("--debug", is_flag=True, help="Show a traceback for any error."),
                click.option(
                    "--allow-outside-sources",
                    is_flag=True,
                    help="Let specs cite documents outside their folder.",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


def _bug_handler(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, debug: bool, **kwargs: Any) -> Any:
        try:
            return command(*args, debug=debug, **kwargs)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception:
            click.echo(traceback.format_exc(), err=True)
            click.echo(
                f"briefgen {__version__}: this is a bug in briefgen. Please report it with the traceback "
                "above and the spec you ran it on.",
                err=True,
            )
            sys.exit(EXIT_BUG)

    return wrapper


def _specs(specs: tuple[Path, ...]) -> tuple[Path, ...]:
    if specs:
        return specs
    found = tuple(sorted(p for p in Path("specs").glob("*.y*ml") if p.suffix in (".yaml", ".yml")))
    if not found:
        raise click.UsageError("no spec given and no specs/*.yaml here; name a spec file")
    return found


def print_diagnostics(diags: Iterable[Diagnostic], report: str) -> None:
    """Problems to standard error: one line each (text), a JSON list, or GitHub annotations."""
    diags = list(diags)
    if report == "json":
        click.echo(json.dumps([_as_dict(d) for d in diags], ensure_ascii=False, indent=2), err=True)
        return
    for d in diags:
        if report == "github":
            loc = d.location
            props = (
                f"file={loc.file}"
                + (f",line={loc.line}" if loc.line else "")
                + (f",col={loc.col}" if loc.col else "")
            )
            text = (d.message + (f" ({d.hint})" if d.hint else "")).replace("%", "%25").replace("\n", "%0A")
            click.echo(f"::{d.severity} {props},title=briefgen {d.code}::{text}", err=True)
        else:
            click.echo(str(d), err=True)


def _as_dict(d: Diagnostic) -> dict[str, Any]:
    loc = d.location
    return {
        "file": loc.file,
        "line": loc.line,
        "col": loc.col,
        "severity": d.severity,
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
    }


def _check_summary(spec: Path | str, brief: Any, diags: list[Diagnostic], strict: bool) -> str:
    """One line per spec: ok with what it holds, or why it failed."""
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if brief is None:
        return f"{spec}: {errors} error(s){f', {warnings} warning(s)' if warnings else ''}"
    if strict and warnings:
        return f"{spec}: {warnings} warning(s), which fail with --strict"
    facts = sum(not f.id.startswith("table:") for f in brief.facts)
    values = len(brief.facts) - facts
    held = f"{facts} facts shown" + (f", {values} table values" if values else "")
    held += f", {len(brief.references)} sources cited" + (f", {warnings} warning(s)" if warnings else "")
    return f"{spec}: ok ({held})"


def _failed(diags: list[Diagnostic], strict: bool) -> bool:
    return has_errors(diags) or (strict and bool(diags))


@main.command("build")
@click.argument("specs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the outputs.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Output format; repeat for both (default: pptx and pdf).",
)
@click.option(
    "--pdf-standard",
    type=click.Choice(PDF_STANDARDS),
    help="Also make the PDF an archival PDF/A-2 file, whatever the spec and theme say.",
)
@click.option(
    "--param",
    "param_args",
    multiple=True,
    metavar="NAME=VALUE",
    help="Build only the parameter rows with this value; repeat (one name: any of its values; several "
    "names: all of them).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Briefs built at once, each in a process of its own (default: the machine's cores).",
)
@click.option(
    "--force", is_flag=True, help="Rebuild briefs whose inputs are unchanged since their last build."
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where briefs are built: processes of this machine, or a dask.distributed cluster (--scheduler).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler's address for --executor dask, e.g. tcp://10.0.0.5:8786.",
)
@_reporting("--report")
@click.option("--watch", is_flag=True, help="Rebuild whenever a spec, source, theme or template changes.")
def build_command(
    specs: tuple[Path, ...],
    out_dir: Path,
    formats: tuple[str, ...],
    pdf_standard: str | None,
    param_args: tuple[str, ...],
    jobs: int | None,
    force: bool,
    executor: str,
    scheduler: str | None,
    report: str,
    strict: bool,
    debug: bool,
    allow_outside_sources: bool,
    watch: bool,
) -> None:
    """Build SPEC files (default: every spec in specs/) into OUT/<name>.pptx and .pdf; a spec with
    params: into OUT/<name>-<value>.pptx and .pdf for each row. Briefs whose inputs are unchanged since
    their last build are skipped (--force rebuilds them)."""
    from briefgen import executors
    from briefgen.jobs import Options

    specs = _specs(specs)
    wanted = _param_choice(param_args)
    run_on: executors.Executor = executors.local
    if executor == "dask":
        if not scheduler:
            raise click.UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        try:
            run_on = executors.dask(scheduler)
        except executors.ExecutorError as e:
            raise click.UsageError(str(e)) from e
        # The workers find the specs and write the outputs by these paths, whatever their own folder.
        specs, out_dir = tuple(s.resolve() for s in specs), out_dir.resolve()
    elif scheduler:
        raise click.UsageError("--scheduler is the Dask scheduler's address: add --executor dask")
    options = Options(
        out_dir, tuple(formats or FORMATS), allow_outside_sources, strict, pdf_standard, force, debug
    )
    workers = jobs or executors.default_workers()

    def run_all() -> int:
        try:
            failures, bugs, total = _build_all(specs, options, wanted, workers, report, watch, run_on)
        except executors.ExecutorError as e:
            click.echo(f"error[executor] {e}", err=True)
            sys.exit(EXIT_INPUT)
        if bugs:
            sys.exit(EXIT_BUG)
        if failures:
            with_spec = len(specs) > 1
            labels = ", ".join(r.label(with_spec) for r in failures)
            click.echo(
                f"{len(failures)} of {total} brief{'s' if total > 1 else ''} failed: {labels}", err=True
            )
        return len(failures)

    if watch:
        from briefgen.watch import watch_and_rebuild

        watch_and_rebuild(specs, run_all)
        return
    if run_all():
        sys.exit(EXIT_INPUT)


def _param_choice(args: tuple[str, ...]) -> dict[str, list[str]]:
    """`--param country=India --param country=Peru` as {'country': ['India', 'Peru']}."""
    wanted: dict[str, list[str]] = {}
    for arg in args:
        name, eq, value = arg.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"'{arg}': write NAME=VALUE, e.g. country=India", param_hint="--param")
        wanted.setdefault(name.strip(), []).append(value)
    return wanted


def _build_all(
    specs: tuple[Path, ...],
    options: Any,
    wanted: dict[str, list[str]],
    workers: int,
    report: str,
    quiet: bool,
    executor: Any = None,
) -> tuple[list[Any], int, int]:
    """Build every brief, printing each one's diagnostics and outputs in the order of the specs and rows
    (whatever order they finish in); the failed results, the number of bugs, the number of briefs."""
    from briefgen.jobs import manifest_notes, plan, run

    entries = plan(specs, options, wanted)
    for note in manifest_notes(entries):
        click.echo(note, err=True)
    done: dict[int, Any] = {}
    shown = 0
    with _progress(len(entries)) as advance:
        for i, result in run(entries, workers, *([executor] if executor is not None else [])):
            done[i] = result
            advance(result.label())
            while shown in done:
                _print_result(done[shown], report, quiet)
                shown += 1
    results = [done[i] for i in range(len(entries))]
    return [r for r in results if not r.ok], sum(bool(r.bug) for r in results), len(results)


def _print_result(result: Any, report: str, quiet: bool) -> None:
    """What happened to one brief: its problems, then the outputs written or found up to date."""
    if result.bug:
        click.echo(result.bug, err=True)
        click.echo(
            f"briefgen {__version__}: this is a bug in briefgen. Please report it with the traceback above "
            f"and the spec you ran it on ({result.label()}).",
            err=True,
        )
        return
    if result.trace:
        click.echo(result.trace, err=True)
    if result.diagnostics and result.job.row and report == "text":
        click.echo(f"{result.label()}:", err=True)
    print_diagnostics(result.diagnostics, report)
    for note in result.notes:
        click.echo(note, err=True)
    for path in result.written:
        click.echo(f"wrote {path}" if not quiet else f"rebuilt {path}")
    for path in result.unchanged:
        click.echo(f"unchanged {path}")


class _progress:
    """A progress bar for several specs on a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> Callable[[str], None]:
        if self.total > 1 and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            task = self.bar.add_task("building", total=self.total)
            return lambda spec: self.bar.update(task, advance=1, description=str(spec)) if self.bar else None
        return lambda spec: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command("check")
@click.argument("specs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The output folder whose deck and PDF are checked to come from one build.",
)
@click.option(
    "--param",
    "param_args",
    multiple=True,
    metavar="NAME=VALUE",
    help="Check only the parameter rows with this value; repeat (as for build).",
)
@_reporting()
def check_command(
    specs: tuple[Path, ...],
    out_dir: Path,
    param_args: tuple[str, ...],
    report: str,
    strict: bool,
    debug: bool,
    allow_outside_sources: bool,
) -> None:
    """Validate SPEC files and verify every fact, without rendering (default: every spec in specs/); a
    spec with params: for each of its rows."""
    from briefgen.jobs import BriefResult, Options, plan
    from briefgen.outputs import inspect
    from briefgen.pipeline import check

    specs = _specs(specs)
    all_diags: list[Diagnostic] = []
    failed = 0
    for entry in plan(
        specs, Options(out_dir, allow_outside=allow_outside_sources), _param_choice(param_args)
    ):
        if isinstance(entry, BriefResult):
            brief, diags, job = None, list(entry.diagnostics), entry.job
        else:
            job = entry
            brief, diags = check(job.spec, allow_outside_sources, job.row)
        all_diags += diags
        failed += brief is None or _failed(diags, strict)
        label = f"{job.spec} ({', '.join(f'{k}={v}' for k, v in job.row.items())})" if job.row else job.spec
        if report == "text":
            click.echo(_check_summary(label, brief, diags, strict))
        for note in inspect(out_dir, job.name):
            click.echo(f"{out_dir}: warning[outputs] {note}", err=True)
    print_diagnostics(all_diags, report)
    if failed:
        sys.exit(EXIT_INPUT)


@main.command("audit")
@click.argument("specs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--param",
    "param_args",
    multiple=True,
    metavar="NAME=VALUE",
    help="Audit only the parameter rows with this value; repeat (as for build).",
)
@_reporting()
def audit_command(
    specs: tuple[Path, ...],
    param_args: tuple[str, ...],
    report: str,
    strict: bool,
    debug: bool,
    allow_outside_sources: bool,
) -> None:
    """Audit the layout of each SPEC's deck and PDF (built in memory, nothing written): near-empty slides
    and pages, shapes off the slide or over each other, text over its box, lone last words, orphan and
    widow lines. Exit 1 when any is found (default: every spec in specs/; a spec with params: for each of
    its rows)."""
    from briefgen.jobs import BriefResult, Options, plan
    from briefgen.pipeline import audit, check

    failed = 0
    entries = plan(_specs(specs), Options(allow_outside=allow_outside_sources), _param_choice(param_args))
    for entry in entries:
        if isinstance(entry, BriefResult):
            print_diagnostics(entry.diagnostics, report)
            failed += 1
            continue
        label = (
            entry.spec
            if not entry.row
            else f"{entry.spec} ({', '.join(f'{k}={v}' for k, v in entry.row.items())})"
        )
        brief, diags = check(entry.spec, allow_outside_sources, entry.row)
        print_diagnostics(diags, report)
        if brief is None or _failed(diags, strict):
            failed += 1
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the build reports those; the audit reports the layout
            problems = audit(brief)
        for line in problems:
            click.echo(f"{label}: {line}")
        click.echo(f"{label}: {len(problems)} layout problem(s)", err=bool(problems))
        failed += bool(problems)
    if failed:
        sys.exit(EXIT_INPUT)


@main.command("facts")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option("--allow-outside-sources", is_flag=True, help="Let the spec cite documents outside its folder.")
@click.option(
    "--param",
    "param_args",
    multiple=True,
    metavar="NAME=VALUE",
    help="For a spec with params: the row whose facts to list (NAME=VALUE, repeat for several names).",
)
def facts_command(spec: Path, fmt: str, allow_outside_sources: bool, param_args: tuple[str, ...]) -> None:
    """List every fact of SPEC with its value, source, locator and status (verified, derived, estimate)."""
    from briefgen.facts.report import fact_rows, render_rows

    row = {name: values[-1] for name, values in _param_choice(param_args).items()} or None
    rows, diags = fact_rows(spec, allow_outside_sources, row)
    if fmt == "table":
        _print_table(rows)
    else:
        click.echo(render_rows(rows, fmt))
    print_diagnostics(diags, "text")
    if has_errors(diags):
        sys.exit(EXIT_INPUT)


def _print_table(rows: list) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for name in ("fact", "value", "source", "where", "status"):
        table.add_column(name, overflow="fold")
    for r in rows:
        style = "red" if r.status.startswith("error") else ""
        table.add_row(r.id, r.value, r.source, r.locator or r.formula, r.status, style=style)
    Console(width=None if sys.stdout.isatty() else 140).print(table)


@main.command("suggest")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--kind", type=click.Choice(KINDS), help="Document kind (default: from the file ending).")
@click.option("--id", "source_id", help="The source id the facts name (default: from the file name).")
def suggest_command(source: Path, kind: str | None, source_id: str | None) -> None:
    """Find the numeric claims in SOURCE and print them as facts to paste into a spec."""
    from briefgen.facts.readers import ReadError
    from briefgen.facts.suggest import render_suggestions

    try:
        click.echo(render_suggestions(source, kind, source_id), nl=False)
    except (ReadError, KeyError) as e:
        click.echo(f"{source}: error[source-unreadable] {e}", err=True)
        sys.exit(EXIT_INPUT)


@main.command("schema")
@click.option("--theme", is_flag=True, help="The schema of theme files instead of specs.")
def schema_command(theme: bool) -> None:
    """Print the JSON Schema of the spec format, or of theme files (for editors: the YAML language server)."""
    if theme:
        from briefgen.theme.files import theme_schema

        click.echo(json.dumps(theme_schema(), indent=2, ensure_ascii=False))
        return
    from briefgen.spec.schema import spec_schema

    click.echo(json.dumps(spec_schema(), indent=2, ensure_ascii=False))


@main.command("init")
@click.argument("name")
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A document to cite; repeat for several. Copied next to the spec under sources/.",
)
@click.option(
    "--dir",
    "folder",
    default="specs",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write NAME.yaml.",
)
def init_command(name: str, sources: tuple[Path, ...], folder: Path) -> None:
    """Write a new, valid spec NAME.yaml with its sources, suggested facts and one section of each kind."""
    from briefgen.init import write_starter

    try:
        written = write_starter(name, list(sources), folder)
    except FileExistsError as e:
        click.echo(f"{e.filename}: error[exists] the file exists already; choose another name", err=True)
        sys.exit(EXIT_INPUT)
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: briefgen build {written[0]}")


@main.command("template-info")
@click.argument("template", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON.")
def template_info_command(template: Path, as_json: bool) -> None:
    """List the masters of a PowerPoint template (.pptx or .potx) with their theme fonts and colours, and
    their layouts with the placeholders each one has."""
    from briefgen.render.deck.template import TemplateError, template_description, template_info

    try:
        if as_json:
            click.echo(json.dumps(template_description(template), indent=2, ensure_ascii=False))
        else:
            click.echo(template_info(template), nl=False)
    except TemplateError as e:
        click.echo(f"{template}: error[template-unreadable] {e}", err=True)
        sys.exit(EXIT_INPUT)
