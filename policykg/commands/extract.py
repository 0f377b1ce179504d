"""``policykg extract``: documents -> one JSON extraction record each (GUIDE.md shape)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from policykg.loaders.batch import DEFAULT_MAX_MB, extract_to_dir


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the JSON records (created if missing).")
@click.option("--provenance", is_flag=True,
              help="Also write the line and sentence each task, target and relation was read from.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Extra agency names: a UTF-8 file, one body a line, canonical<TAB>kind<TAB>alias<TAB>"
                           "alias..., kind agency, group or national (README: Agency names). Repeatable.")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_MB,
              show_default=True, help="Refuse a document whose text is larger than this (MB).")
def command(paths: tuple[Path, ...], out_dir: Path, provenance: bool, gazetteers: tuple[Path, ...],
            max_mb: float) -> None:
    """Extract each document in PATHS (files or folders) into OUT/NAME.json.

    Readable: .txt/.md (UTF-8, UTF-16, TCVN3, VNI, Windows-1258), .docx, .pdf with a text layer,
    .html/.htm, and .doc/.rtf/.odt when LibreOffice or antiword is installed. A file that cannot
    be read gets one line on stderr naming it and why, as soon as it fails; the others are still
    extracted. An impossible date is dropped with a warning naming its line. Records are written
    whole or not at all; a full disk stops the batch. The last line counts loaded and failed
    files; the exit status is 1 if any failed.

    \b
    Examples:
      policykg extract ../shared/seeds --out records/
      policykg extract plan.docx --provenance --gazetteer my-agencies.tsv --out records/
    """
    from policykg.output import progress

    with progress("extracting") as step:
        result = extract_to_dir(list(paths), out_dir, provenance=provenance, gazetteers=list(gazetteers),
                                max_mb=max_mb, on_failure=lambda line: click.echo(f"error: {line}", err=True),
                                on_file=step)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"loaded {len(result.written)} of {result.total} document(s) into {out_dir}; "
               f"{len(result.failed)} failed", err=True)
    if result.failed:
        sys.exit(1)
