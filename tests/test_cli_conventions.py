"""One convention for every command (issue 20): --format from the one list, tables that fit a
terminal and whole lines when piped, check's findings worst first with the summary on stdout,
one-line SPARQL errors with a position and a hint, each row once."""
from __future__ import annotations

import importlib
import io
import json
import re

import click
import pandas as pd
import pytest
from click.testing import CliRunner
from test_queries_unit import bac_kan, kon_tum, lam_dong

from policykg.cli import COMMANDS, main
from policykg.graph import build_records, open_store
from policykg.output import display_width
from policykg.queries.formats import FORMATS

# Commands that write no table, and why they take no table format.
NO_TABLE = {
    "demo": "prints a walk-through and writes a folder",
    "demo-corpus": "writes a corpus folder",
    "extract": "writes one JSON record per document",
    "build": "loads the store",
    "show": "writes an HTML page",
    "serve": "serves the web app",
    "export": "its --format names a graph format (ttl, nq, jsonld, graphml, csv)",
}

CHECK_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KON TUM

Số: 12/KH-UBND

Kon Tum, ngày 03 tháng 12 năm 2024

KẾ HOẠCH

Thực hiện Kết luận số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị

I. NHIỆM VỤ

1. Quán triệt Kết luận số 91-KL/TW ngày 15/9/2024 của Bộ Chính trị. Sở Giáo dục và Đào tạo chủ trì.

2. Rà soát mạng lưới trường lớp.

3. Rà soát mạng lưới trường lớp.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    where = str(tmp_path_factory.mktemp("conv") / "store")
    s = open_store(where)
    build_records([kon_tum(), lam_dong(), bac_kan()], s)
    s.close()
    return where


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def format_option(name: str) -> click.Option | None:
    command = importlib.import_module(f"policykg.commands.{name.replace('-', '_')}").command
    return next((p for p in command.params if isinstance(p, click.Option) and "--format" in p.opts), None)


@pytest.mark.parametrize("name", [n for n in COMMANDS if n not in NO_TABLE])
def test_every_table_command_takes_format_from_the_one_list(name):
    option = format_option(name)
    assert option is not None, f"{name} has no --format"
    assert isinstance(option.type, click.Choice) and tuple(option.type.choices) == FORMATS, name
    assert option.default == "table"


def test_every_command_is_a_table_command_or_says_why_not():
    assert set(NO_TABLE) <= set(COMMANDS)
    for name in NO_TABLE:
        option = format_option(name)
        assert option is None or tuple(option.type.choices) != FORMATS, name  # type: ignore[union-attr]


def test_piped_table_is_whole_tab_separated_lines(store):
    run = invoke("tasks", "--place", "Kon Tum", "--store", store)  # CliRunner's stdout is not a terminal
    assert run.exit_code == 0, run.output
    lines = run.stdout.splitlines()
    assert lines[0].split("\t") == ["place", "plan", "number", "text", "deadline", "lead", "support", "implement"]
    assert all(len(line.split("\t")) == 8 for line in lines[1:]) and "…" not in run.stdout
    assert "\tBảo đảm kinh phí thực hiện\tQuý IV/2025\tSở Tài chính\t\tSở Nội vụ" in run.stdout


def test_terminal_table_fits_its_width_and_keeps_file_line_whole(store):
    run = invoke("trace", "quán", "triệt", "kết", "luận", "--width", "72", "--store", store)
    assert run.exit_code == 0, run.output
    table = run.stdout[run.stdout.index("path  "):].splitlines()
    assert all(display_width(line) <= 72 for line in table), max(table, key=display_width)
    assert any(re.search(r"(?<![\w.])kt\.txt:6\b", line) for line in table)
    assert any(re.search(r"(?<![\w.])kt\.txt:10\b", line) for line in table)
    assert not any(line.rstrip().endswith(("kt.txt:", "kt.txt:1")) for line in table)


def test_check_puts_errors_first_and_the_summary_on_stdout(tmp_path):
    plan = tmp_path / "kh.txt"
    plan.write_text(CHECK_PLAN, encoding="utf-8")
    run = invoke("check", str(plan), "--no-shacl", "--width", "160")
    assert run.exit_code == 1
    rows = [line.split()[0] for line in run.stdout.splitlines() if line.split() and line.split()[0] in
            ("error", "warning", "info")]
    assert rows[0] == "error" and rows == sorted(rows, key=["error", "warning", "info"].index)
    assert run.stdout.strip().splitlines()[-1].startswith("1 error, ")
    csv = invoke("check", str(plan), "--no-shacl", "--format", "csv")
    frame = pd.read_csv(io.BytesIO(csv.stdout_bytes), encoding="utf-8-sig")
    assert frame["severity"].tolist()[0] == "error" and "1 error" in csv.stderr


def test_stats_takes_the_shared_format(store):
    run = invoke("stats", "--format", "csv", "--store", store)
    assert run.exit_code == 0, run.output
    frame = pd.read_csv(io.BytesIO(run.stdout_bytes), encoding="utf-8-sig")
    assert frame["place"].tolist()[0] == "(all places)" and {"Kon Tum", "Bắc Kạn"} <= set(frame["place"])
    assert frame.loc[frame["place"] == "(all places)", "Task"].item() == 21
    old = json.loads(invoke("stats", "--json", "--store", store).stdout)  # kept for old scripts
    rows = json.loads(invoke("stats", "--format", "json", "--store", store).stdout)
    assert {r["place"]: r["Task"] for r in rows if r["place"] in old["by_place"]} == {
        p: c["Task"] for p, c in old["by_place"].items()}


@pytest.mark.parametrize("sparql, where, hint", [
    ("SELEC ?x WHERE { ?x ?p ?o }", "line 1, column 1", "starts with SELECT"),
    ("SELECT ?x WHERE { ?x a foo:Task }", "line 1, column 24", "unknown prefix 'foo:'"),
    ("SELECT ?x WHERE {\n ?x a pkg:Task", "line 2", "close every {, ( and quote"),
])
def test_sparql_syntax_error_is_one_line_with_position_and_hint(store, sparql, where, hint):
    run = invoke("query", sparql, "--store", store)
    assert run.exit_code == 1 and "Traceback" not in run.output
    (line,) = [l for l in run.stderr.splitlines() if l.startswith("Error:")]
    assert where in line and hint in line and "expected one of" not in line


def test_query_rows_are_distinct(store):
    # 91-KL/TW is named by the files of three places: its label is stated in each file's graph.
    sparql = "SELECT ?label WHERE { ?d dcterms:identifier '91-KL/TW' ; rdfs:label ?label }"
    rows = json.loads(invoke("query", sparql, "--format", "json", "--store", store).stdout)
    assert len(rows) == len({r["label"] for r in rows}) >= 1


def test_bare_words_read_as_quoted_text(store):
    quoted = invoke("tasks", "--text", "quán triệt kết luận", "--format", "json", "--store", store)
    bare = invoke("tasks", "--text", "quán", "triệt", "kết", "luận", "--format", "json", "--store", store)
    assert quoted.exit_code == bare.exit_code == 0 and json.loads(bare.stdout) == json.loads(quoted.stdout)
    assert json.loads(bare.stdout)
    agency = invoke("tasks", "--agency", "Sở", "Tài", "chính", "--role", "lead", "--format", "json", "--store", store)
    assert {r["lead"] for r in json.loads(agency.stdout)} == {"Sở Tài chính"}
    both = invoke("tasks", "--text", "quán", "--agency", "Sở", "Tài", "--store", store)
    assert both.exit_code == 1 and "quote them" in both.stderr


def test_extract_steps_a_progress_bar_only_on_a_terminal(tmp_path):
    from policykg.loaders.batch import extract_to_dir

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.txt", "b.txt"):
        (docs / name).write_text("KẾ HOẠCH\nThực hiện Nghị quyết số 1/NQ-CP\n1. Rà soát mạng lưới trường.\n",
                                 encoding="utf-8")
    calls: list[tuple[int, int, str]] = []
    extract_to_dir([docs], tmp_path / "out", on_file=lambda n, total, path: calls.append((n, total, path.name)))
    assert calls == [(0, 2, "a.txt"), (1, 2, "b.txt")]
    run = invoke("extract", str(docs), "--out", str(tmp_path / "out2"))  # stderr is not a terminal here
    assert run.exit_code == 0 and run.stderr.splitlines() == ["loaded 2 of 2 document(s) into "
                                                              f"{tmp_path / 'out2'}; 0 failed"]
