"""``policykg trace``: a task up the chain of plans to the central document(s), with evidence."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pandas as pd

from policykg.output import emit, query_options, run_query, to_table, truncate, write
from policykg.queries import AmbiguousTask, trace

TABLE_COLUMNS = ["path", "hop", "from", "relation", "to", "evidence", "source"]


@click.command("trace")
@click.argument("task", nargs=-1, required=True)
@click.option("--place", metavar="PLACE",
              help="Only look for the words among this place's tasks (by today's province, the provinces merged "
                   "into it in 2025 too).")
@click.option("--pick", type=click.IntRange(min=1), metavar="N",
              help="When several tasks match, trace the N-th one listed.")
@click.option("--all", "all_matches", is_flag=True, help="When several tasks match, trace them all.")
@query_options
def command(task: tuple[str, ...], place: str | None, pick: int | None, all_matches: bool,
            store_path: str | None, fmt: str, out: Path | None, width: int | None) -> None:
    """Trace TASK up to the central document(s) it carries out, with the sentence behind each hop.

    TASK is a task IRI (https://... or pkgid:doc/.../task/N) or a few words of its text (quotes
    optional; case, accents and "tỷ"/"tỉ" do not matter: "quan triet" finds "quán triệt"). The
    chain goes task -> its plan -> each document the plan implements -> ... -> the document(s) at
    the top; every path is shown when a plan carries out several documents. Each hop shows the
    sentence that states it and its file:line.

    When the words match several tasks they are listed (on stderr) and the exit status is 1:
    add words, give --place, --pick N, or --all.

    \b
    Examples:
      policykg trace tăng cường công tác phổ biến quán triệt
      policykg trace "quan triet" --place "Kon Tum" --pick 1 --format json
    """
    from policykg.errors import UserError

    text = " ".join(task)
    try:
        df = run_query(store_path, trace, text, place=place, all_matches=all_matches, pick=pick)
    except UserError as exc:
        cause = exc.__cause__
        if isinstance(cause, AmbiguousTask):
            found = cause.candidates
            listed = found.assign(n=range(1, len(found) + 1),
                                  number=[num if isinstance(num, str) and num else pos
                                          for num, pos in zip(found["number"], found["position"])])
            click.echo(to_table(listed, columns=["n", "place", "plan", "number", "text"], width=width,
                                max_lines=2), err=True)
        raise
    if fmt != "table":
        emit(df, fmt, out, sheet="trace")
        return
    write(chain_text(df, width), fmt, out)


def chain_text(df: pd.DataFrame, width: int | None = None) -> str:
    """The trace for people: per task, each path as one line of documents, then its hops table."""
    blocks = []
    for task, rows in df.groupby("task", sort=False):
        first = rows.iloc[0]
        paths = rows["path"].nunique()
        blocks.append(f"Task: {first['from_label']}\n      {task}")
        for n, hops in rows.groupby("path", sort=True):
            chain = " -> ".join(_short(v) for v in hops["to_label"])
            blocks.append(f"Path {n} of {paths}: {chain}")
        view = rows.assign(**{
            "from": [_short(label) if hop else "(task)" for label, hop in zip(rows["from_label"], rows["hop"])],
            "evidence": [excerpt(e, [a, b]) for e, a, b in zip(rows["evidence"], rows["from_id"], rows["to_id"])],
            "to": rows["to_label"].map(_short),
            "source": [f"{f}:{int(l)}" if isinstance(l, (int, float)) and l == l else (f or "")
                       for f, l in zip(rows["file"], rows["line"])]})
        blocks.append(to_table(view, columns=TABLE_COLUMNS, width=width, max_lines=8))
    return "\n\n".join(blocks) + "\n"


def excerpt(sentence: str | None, ids: list[str | None], words: int = 36) -> str:
    """The part of a long sentence that names the hop's documents, at most ``words`` words.

    Examples
    --------
    >>> excerpt("Triển khai Kế hoạch số 182-KH/TU ngày 04 tháng 12 năm 2024 về thực hiện Kết luận số "
    ...         "91-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 29-NQ/TW ngày 04 tháng 11 "
    ...         "năm 2013 của Ban Chấp hành Trung ương", ["91-KL/TW", "29-NQ/TW"], words=19)
    '… Kết luận số 91-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 29-NQ/TW ngày 04 …'
    """
    tokens = sentence.split() if isinstance(sentence, str) else []
    if len(tokens) <= words:
        return " ".join(tokens)
    keys = [re.sub(r"\W", "", i).casefold() for i in ids if isinstance(i, str) and i]
    found = [n for n, t in enumerate(tokens) if keys and any(k and k in re.sub(r"\W", "", t).casefold()
                                                             for k in keys)]
    if not found:
        return " ".join(tokens[:words]) + " …"
    first, last = min(found), max(found)
    start, end = max(0, first - 3), min(len(tokens), last + 3)
    if end - start > words:  # keep the later document (the hop's target) in view
        start = max(end - words, 0)
    end = min(len(tokens), max(end, start + words))
    return ("… " if start else "") + " ".join(tokens[start:end]) + (" …" if end < len(tokens) else "")


def _short(label: str | None) -> str:
    return truncate(label or "", 48)
