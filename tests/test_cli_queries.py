"""The query commands: every format parses back, errors are one line and a non-zero exit."""
from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from test_queries_unit import bac_kan, kon_tum, lam_dong

from policykg.cli import main
from policykg.graph import build_records, open_store
from policykg.pipeline import build_files, expand_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# command line (after the command name) -> a column every output of it has
COMMANDS = {
    "trace": (["trace", "quán", "triệt", "kết", "luận"], "evidence"),
    "overload": (["overload", "--year", "2026"], "load"),
    "tasks": (["tasks", "--place", "Kon Tum"], "lead"),
    "targets": (["targets", "tỷ lệ hoàn thành cấp trung học phổ thông"], "value"),
    "sources": (["sources"], "plans"),
    "gaps": (["gaps"], "missing_id"),
    "query": (["query", "SELECT ?name WHERE { ?a skos:prefLabel ?name } ORDER BY ?name"], "name"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    where = str(tmp_path_factory.mktemp("cli") / "store")
    s = open_store(where)
    build_records([kon_tum(), lam_dong(), bac_kan()], s)
    s.close()
    return where


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> str:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"no seed documents at {SHARED} (../shared from the repository root)")
    where = str(tmp_path_factory.mktemp("seeds") / "store")
    s = open_store(where)
    files, _ = expand_paths([SHARED / "seeds"])
    assert not build_files(files, s).failed
    s.close()
    return where


def invoke(store: str, args: list[str]):
    return CliRunner().invoke(main, [*args, "--store", store])


def one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("name", COMMANDS)
def test_table(store, name):
    args, column = COMMANDS[name]
    result = invoke(store, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() and "(no rows)" not in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_csv_has_bom_and_parses(store, name):
    args, column = COMMANDS[name]
    result = invoke(store, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(result.stdout_bytes), encoding="utf-8-sig")
    assert column in df.columns and len(df) > 0


@pytest.mark.parametrize("name", COMMANDS)
def test_json_parses(store, name):
    args, column = COMMANDS[name]
    result = invoke(store, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout_bytes.decode("utf-8"))
    assert isinstance(records, list) and records and column in records[0]


@pytest.mark.parametrize("name", COMMANDS)
def test_xlsx_to_file_parses(store, name, tmp_path):
    args, column = COMMANDS[name]
    out = tmp_path / f"{name}.xlsx"
    result = invoke(store, [*args, "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert column in header and sheet.max_row > 1


def test_xlsx_to_redirected_stdout(store):
    result = invoke(store, ["overload", "--year", "2026", "--format", "xlsx"])
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"
    sheet = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).active
    assert sheet.title == "overload" and sheet["D1"].value == "agency"


def test_vietnamese_survives_every_format(store, tmp_path):
    csv = invoke(store, ["overload", "--year", "2026", "--place", "Kon Tum", "--format", "csv"]).stdout_bytes
    assert "Sở Giáo dục và Đào tạo" in csv.decode("utf-8-sig")
    js = invoke(store, ["overload", "--year", "2026", "--place", "Kon Tum", "--format", "json"]).stdout
    assert "Sở Giáo dục và Đào tạo" in js and "\\u" not in js
    out = tmp_path / "o.csv"
    assert invoke(store, ["overload", "--year", "2026", "--format", "csv", "--out", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_table_columns_line_up_with_vietnamese(store):
    result = invoke(store, ["overload", "--year", "2026", "--place", "Kon Tum", "--width", "200"])
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("rank"))
    header = lines[start]
    rows = lines[start + 2:lines.index("", start)]  # the named agencies' table
    assert any("Sở Giáo dục và Đào tạo" in row for row in rows)
    end_of_led = header.index("led") + len("led")
    for row in rows:  # the led count ends under its header, whatever the agency's name
        assert row[end_of_led - 1].isdigit() and row[end_of_led] == " ", row


def test_trace_table_shows_chain_and_evidence(store):
    result = invoke(store, ["trace", "quán", "triệt", "kết", "luận"])
    assert result.exit_code == 0
    assert "Path 1 of 1" in result.stdout and "Nghị quyết 29-NQ/TW" in result.stdout
    assert "kt.txt:6" in result.stdout and "kt.txt:10" in result.stdout


def test_trace_no_match_is_one_line(store):
    one_line_error(invoke(store, ["trace", "không", "có", "việc", "này"]), "no task matches")


def test_trace_ambiguous_lists_candidates_and_pick(store):
    result = invoke(store, ["trace", "nhiệm", "vụ"])
    one_line_error(result, "tasks match", "--pick")
    assert "Nhiệm vụ giáo dục số 0" in result.stderr
    picked = invoke(store, ["trace", "nhiệm", "vụ", "--pick", "2", "--format", "json"])
    assert picked.exit_code == 0 and len({r["task"] for r in json.loads(picked.stdout)}) == 1
    every = invoke(store, ["trace", "nhiệm", "vụ", "--all", "--format", "json"])
    assert len({r["task"] for r in json.loads(every.stdout)}) > 1


def test_malformed_sparql_is_one_line(store):
    one_line_error(invoke(store, ["query", "SELECT ?x WHERE {"]), "bad SPARQL")


def test_query_from_file_and_missing_file(store, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(?t) AS ?n) WHERE { ?t a pkg:Task }", encoding="utf-8")
    result = invoke(store, ["query", str(path), "--format", "json"])
    assert json.loads(result.stdout) == [{"n": 21}]
    one_line_error(invoke(store, ["query", str(tmp_path / "none.rq")]), "no query file")


@pytest.mark.parametrize("args", [["overload"], ["tasks"], ["targets"], ["sources"], ["gaps"], ["trace", "việc"]])
def test_unknown_place_is_one_line(store, args):
    one_line_error(invoke(store, [*args, "--place", "Atlantis"]), "unknown place 'Atlantis'", "Kon Tum")


def test_a_place_of_several_words_typed_without_quotes_is_told_to_quote_it(store):
    # the shell splits `--place Kon Tum`: the option gets "Kon", "Tum" joins the words
    one_line_error(invoke(store, ["trace", "việc", "--place", "Kon", "Tum"]), "unknown place 'Kon'",
                   'needs quotes (--place "Kon Tum")')


def test_missing_store_is_one_line(tmp_path):
    one_line_error(CliRunner().invoke(main, ["overload", "--store", str(tmp_path / "nothing")]), "no store")


def test_tasks_filters_on_the_command_line(store):
    result = invoke(store, ["tasks", "--agency", "so tai chinh", "--role", "lead", "--format", "json"])
    assert [(r["place"], r["position"]) for r in json.loads(result.stdout)] == [("Bắc Kạn", 14), ("Kon Tum", 3)]
    one_line_error(invoke(store, ["tasks", "--agency", "Bộ Quốc phòng"]), "no agency")
    one_line_error(invoke(store, ["tasks", "--plan", "1/XX"]), "no plan")


def test_help_states_the_overload_formula():
    text = CliRunner().invoke(main, ["overload", "--help"]).output
    assert "load = 2 x led + 1 x supported + 1 x implemented" in text
    assert "mean + 2 x sd" in text


def test_seeds_trace_kon_tum(seeds):
    result = invoke(seeds, ["trace", "tăng", "cường", "công", "tác", "phổ", "biến", "quán", "triệt", "--place", "Kon Tum"])
    assert result.exit_code == 0, result.output
    chain = next(line for line in result.stdout.splitlines() if line.startswith("Path 1"))
    assert chain.endswith("Kết luận 91-KL/TW -> Nghị quyết 29-NQ/TW")
    assert "000_e9a555e437f53403.txt:5" in result.stdout


def test_seeds_overload_first_is_education_department(seeds):
    result = invoke(seeds, ["overload", "--year", "2026", "--format", "json"])
    rows = json.loads(result.stdout)
    for place in ("Kon Tum", "Tây Ninh", "Bắc Kạn"):
        first = next(r for r in rows if r["place"] == place and r["kind"] == "agency")
        assert first["agency"] == "Sở Giáo dục và Đào tạo" and first["rank"] == 1


def test_seeds_targets(seeds):
    result = invoke(seeds, ["targets", "tỷ", "lệ", "hoàn", "thành", "cấp", "trung", "học", "phổ", "thông", "--format", "csv"])
    df = pd.read_csv(io.BytesIO(result.stdout_bytes), encoding="utf-8-sig", dtype=str)
    assert sorted(zip(df["place"], df["value"])) == [("Bắc Kạn", "95"), ("Kon Tum", "95"), ("Lâm Đồng", "97")]


@pytest.fixture(scope="module")
def text_store(tmp_path_factory) -> str:
    """A store built from a plan written for this test, through the loaders (so tasks keep their
    printed numbers and full paragraphs)."""
    folder = tmp_path_factory.mktemp("plan")
    (folder / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH MỚI\n\nSố: 12/KH-UBND\n\nHòa Bình Mới, ngày 03 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\n\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n\nI. NHIỆM VỤ\n\n"
        "1. Phát triển giáo dục mũi nhọn\n\n1.1. Nâng cao chất lượng giáo dục trung học phổ thông, trọng tâm là đầu tư "
        "cho Trường Trung học phổ thông chuyên Lê Quý Đôn đạt chuẩn quốc gia mức độ 2.\n\n"
        "1.2. Rà soát mạng lưới trường lớp. Sở Giáo dục và Đào tạo chủ trì.\n", encoding="utf-8")
    where = str(tmp_path_factory.mktemp("textstore") / "store")
    s = open_store(where)
    build_files(expand_paths([folder])[0], s)
    s.close()
    return where


def test_a_task_is_found_by_words_from_its_body(text_store):
    run = CliRunner().invoke(main, ["trace", "Lê Quý Đôn", "--store", text_store])
    assert run.exit_code == 0, run.output
    assert "Nâng cao chất lượng giáo dục trung học phổ thông" in run.output


def test_tasks_csv_rows_carry_the_full_text_and_the_printed_number(text_store):
    run = CliRunner().invoke(main, ["tasks", "--text", "Lê Quý Đôn", "--format", "csv", "--store", text_store])
    assert run.exit_code == 0, run.output
    frame = pd.read_csv(io.StringIO(run.output.lstrip("\ufeff")))
    assert frame["number"].tolist() == ["I.1.1"]
    assert frame["full_text"][0].endswith("đạt chuẩn quốc gia mức độ 2.")
    assert "…" not in frame["full_text"][0]
