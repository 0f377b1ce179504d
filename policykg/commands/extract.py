"""``policykg extract``: documents -> one JSON extraction record each (GUIDE.md shape)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from policykg.loaders.batch import extract_to_dir


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the JSON records (created if missing).")
@click.option("--provenance", is_flag=True,
              help="Also write the line and sentence each task, target and relation was read from.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Extra agency names (TSV: canonical<TAB>alias<TAB>alias...).")
def command(paths: tuple[Path, ...], out_dir: Path, provenance: bool, gazetteers: tuple[Path, ...]) -> None:
    """Extract each document in PATHS (files or folders) into OUT/NAME.json.

    A file that cannot be read gets one line on stderr naming it and why; the others are still
    extracted, and the exit status is 1 if any failed.
    """
    result = extract_to_dir(list(paths), out_dir, provenance=provenance, gazetteers=list(gazetteers))
    for failure in result.failed:
        click.echo(f"error: {failure}", err=True)
    click.echo(f"extracted {len(result.written)} document(s) to {out_dir}"
               + (f", {len(result.failed)} failed" if result.failed else ""), err=True)
    if result.failed:
        sys.exit(1)
