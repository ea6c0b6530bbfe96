"""The `briefgen` command: arguments, printing diagnostics and exit codes (0 ok, 1 input, 2 usage, 3 bug)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .diagnostics import BriefgenError, has_errors
from .pipeline import FORMATS, build
from .readers import KINDS

EXIT_INPUT, EXIT_USAGE, EXIT_BUG = 1, 2, 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Verified briefings: a PowerPoint deck and a PDF brief from one YAML spec."""


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
    "--allow-outside-sources", is_flag=True, help="Let specs cite documents outside their own folder."
)
def build_command(
    specs: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], allow_outside_sources: bool
) -> None:
    """Build SPEC files (default: every spec in specs/) into OUT/<name>.pptx and .pdf."""
    if not specs:
        specs = tuple(sorted(p for p in Path("specs").glob("*.y*ml") if p.suffix in (".yaml", ".yml")))
        if not specs:
            raise click.UsageError("no spec given and no specs/*.yaml here; name a spec file")
    failed = 0
    for spec in specs:
        try:
            written = build(spec, out_dir, formats or FORMATS, allow_outside_sources)
        except BriefgenError as e:
            failed += 1
            for d in e.diagnostics:
                click.echo(str(d), err=True)
            continue
        except Exception:
            click.echo(traceback.format_exc(), err=True)
            click.echo(
                f"briefgen {__version__} failed on {spec}: this is a bug in briefgen. Please report it "
                "with the traceback above and the spec.",
                err=True,
            )
            sys.exit(EXIT_BUG)
        for path in written:
            click.echo(f"wrote {path}")
    if failed:
        click.echo(f"{failed} of {len(specs)} spec(s) failed", err=True)
        sys.exit(EXIT_INPUT)


@main.command("facts")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option("--allow-outside-sources", is_flag=True, help="Let the spec cite documents outside its folder.")
def facts_command(spec: Path, fmt: str, allow_outside_sources: bool) -> None:
    """List every fact of SPEC with its value, source, locator and status (verified, derived, estimate)."""
    from .fact_report import fact_rows, render_rows

    rows, diags = fact_rows(spec, allow_outside_sources)
    if fmt == "table":
        _print_table(rows)
    else:
        click.echo(render_rows(rows, fmt))
    for d in diags:
        click.echo(str(d), err=True)
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
    from .readers import ReadError
    from .suggest import render_suggestions

    try:
        click.echo(render_suggestions(source, kind, source_id), nl=False)
    except (ReadError, KeyError) as e:
        click.echo(f"{source}: error[source-unreadable] {e}", err=True)
        sys.exit(EXIT_INPUT)
