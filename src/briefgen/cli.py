"""The `briefgen` command: arguments, printing diagnostics and exit codes (0 ok, 1 input, 2 usage, 3 bug)."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .diagnostics import BriefgenError
from .pipeline import FORMATS, build

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
