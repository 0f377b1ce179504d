"""``policykg build``: documents (or extraction records) -> the knowledge graph in the store."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policykg.errors import UserError
from policykg.graph.store import STORE_ENV, StoreError, open_store, store_location
from policykg.loaders.batch import DEFAULT_MAX_MB
from policykg.loaders.files import printable
from policykg.pipeline import build_files, expand_paths


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_path", metavar="PATH",
              help=f"Store folder (default: ${STORE_ENV}, else .policykg/store).")
@click.option("--force", is_flag=True, help="Rebuild files even when their bytes and the code are unchanged.")
@click.option("--check", is_flag=True, help="Check the graph against the SHACL shapes after building.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes extracting documents in parallel (0: one per core); one writer loads them.")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_MB,
              show_default=True, help="Refuse a document whose text is larger than this (MB).")
def command(paths: tuple[Path, ...], store_path: str | None, force: bool, check: bool, jobs: int,
            max_mb: float) -> None:
    """Extract each document in PATHS (files or folders) and load it into the graph store.

    Every source file gets its own named graph. A file whose bytes are unchanged since the last
    build is skipped; a changed one has its graph replaced. .json files are taken as ready
    extraction records (policykg extract output). A file that cannot be read gets one line on
    stderr; the others are still loaded, and the exit status is 1. .json records are checked
    against the record schema first. A full disk stops the build with one line; what was loaded
    before is whole, and building again finishes the job.

    \b
    Examples:
      policykg build ../shared/seeds
      policykg build records/ --store /data/policykg --jobs 0
    """
    files, problems = expand_paths(list(paths))
    try:
        store = open_store(store_path)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    result = None
    try:
        with click.progressbar(files, label="building", file=sys.stderr,
                               item_show_func=lambda p: printable(p.name) if p else None) as bar:
            result = build_files(bar, store, force=force, jobs=jobs or os.cpu_count() or 1, max_mb=max_mb)
        result.failed[:0] = problems
        for failure in result.failed:
            click.echo(f"error: {failure}", err=True)
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if result.stopped:
            click.echo(f"error: {result.stopped}", err=True)
        click.echo(f"{result.summary()} in {store_location(store_path)}", err=True)
        if result.built:
            from policykg.queries.agency_register import unknown_names_line

            unknown = unknown_names_line(store)
            if unknown:
                click.echo(unknown, err=True)
        conforms = True
        if check and not result.stopped:
            from policykg.graph.validate import validate_store

            report = validate_store(store)
            conforms = report.conforms
            click.echo("shapes: conforms" if conforms else
                       f"shapes: {report.violations} violation(s)\n{report.text}", err=True)
    finally:
        try:
            store.close()
        except StoreError:
            if result is None or not result.stopped:  # already said in one line
                raise
    if result.failed or result.stopped or not conforms:
        sys.exit(1)
