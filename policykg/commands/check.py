"""``policykg check``: what is wrong in a plan before it is signed."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from policykg.errors import UserError
from policykg.graph.store import STORE_ENV, StoreError, open_store
from policykg.loaders.batch import DEFAULT_MAX_MB
from policykg.output import format_options, status

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
TABLE_COLUMNS = ["severity", "where", "kind", "message", "text"]


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", "store_path", is_flag=False, flag_value="", default=None, metavar="[PATH]",
              help=f"Check everything loaded in the store instead of files (default store: ${STORE_ENV}, "
                   "else .policykg/store).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The day deadlines are judged on (default: today).")
@click.option("--severity", "min_severity", type=click.Choice(["info", "warning", "error"]), default="info",
              show_default=True, help="Show findings of this severity or worse.")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of the graph (the slowest check).")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_MB,
              show_default=True, help="Refuse a document whose text is larger than this (MB).")
@format_options
def command(paths: tuple[Path, ...], store_path: str | None, today: dt.datetime | None, min_severity: str,
            no_shacl: bool, max_mb: float, fmt: str, out: Path | None, width: int | None) -> None:
    """Report what is wrong in the plans in PATHS (files or folders), or with --store in
    everything loaded. Each finding gives its file, line, the quoted text and a severity;
    errors come first, then warnings, then notes (info), and the last line counts them.

    \b
    error    citation-conflict       one document cited with two numbers, dates or issuers
                                     (in one plan, or across the plans of one place)
    error    target-conflict         one indicator given two values for the same year
    error    shacl                   the graph breaks a SHACL shape
    error    unreadable              a file that could not be read
    warning  duplicate-task          the same task and assignment written twice
    warning  unassigned-task         no agency, or only groups ("Các sở, ban, ngành")
    warning  count-mismatch          "thực hiện 11 chỉ tiêu" above a table of 13
    warning  deadline-past           a one-off deadline already past (--today)
    warning  deadline-after-horizon  a deadline after the year the plan aims at
    info     target-no-year          a target with no year
    info     not-loaded              the plan implements a document that is not loaded
    info     coverage-gap            a task group every other place carrying out the
                                     same central document includes

    With --store the records are rebuilt from the graph: count mismatches and coverage gaps,
    which need the text, are not checked there. The exit status is 1 when any error is found
    (whatever --severity shows), else 0.

    \b
    Examples:
      policykg check draft-plan.docx --today 2025-06-01
      policykg check plans/ --severity error --format csv --out findings.csv
      policykg check --store --no-shacl
    """
    from policykg.check import check_files, check_store, has_errors
    from policykg.check.report import at_least, summary

    day = today.date() if today else None
    if store_path is not None and paths:
        raise UserError("give files or folders, or --store, not both")
    if store_path is None and not paths:
        raise UserError("nothing to check: give files or folders, or --store")
    if store_path is not None:
        try:
            store = open_store(store_path or None, create=False, read_only=True)
        except StoreError as exc:
            raise UserError(str(exc)) from exc
        try:
            with status("checking the store"):
                findings = check_store(store, day, shacl=not no_shacl)
        finally:
            store.close()
    else:
        with status("reading and checking the plans"):
            findings = check_files(paths, day, shacl=not no_shacl, max_mb=max_mb)
    shown = sorted(at_least(findings, min_severity), key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
    _emit_findings(shown, summary(findings), fmt, out, width)
    if has_errors(findings):
        sys.exit(1)


def _emit_findings(findings: list, total: str, fmt: str, out: Path | None, width: int | None) -> None:
    """The findings in ``fmt``; for people the summary line follows the table on stdout, for
    machines (csv, json, xlsx, or a file) it goes to stderr so the output still parses."""
    import pandas as pd

    from policykg.output import emit, to_table, write

    frame = pd.DataFrame([f.to_dict() for f in findings],
                         columns=["kind", "severity", "file", "line", "text", "message"])
    if fmt != "table":
        emit(frame, fmt, out, sheet="check")
        click.echo(total, err=True)
        return
    frame["where"] = [f"{f}:{int(n)}" if n == n and n is not None else (f or "-")
                      for f, n in zip(frame["file"], frame["line"])]
    frame["text"] = [f"“{t}”" if t else "" for t in frame["text"]]  # the plan's own words, quoted
    body = to_table(frame, columns=TABLE_COLUMNS, width=width, max_lines=3) if findings else "no findings"
    write(f"{body}\n{total}\n", fmt, out)
