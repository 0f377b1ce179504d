"""``policykg show``: the three pages from a store, default file names, and one-line errors."""
from __future__ import annotations

import json
import re

import pytest
from browser import sample_records
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import open_store, to_networkx


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("records")
    for record in sample_records():
        (folder / record["source"].replace(".txt", ".json")).write_text(json.dumps(record, ensure_ascii=False),
                                                                         encoding="utf-8")
    location = str(tmp_path_factory.mktemp("store") / "store")
    run = CliRunner().invoke(main, ["build", str(folder), "--store", location])
    assert run.exit_code == 0, run.output
    return location


def data_of(path) -> dict:
    html = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="policykg-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "no data block in the page"
    return json.loads(found.group(1))


def show(*args: str):
    return CliRunner().invoke(main, ["show", *args])


def test_show_is_a_command():
    run = CliRunner().invoke(main, ["--help"])
    assert run.exit_code == 0 and re.search(r"^\s+show\s", run.output, re.M)
    assert "--trace TASK" in CliRunner().invoke(main, ["show", "--help"]).output


def test_whole_graph_to_the_default_file(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = show("--store", store)
    assert run.exit_code == 0, run.output
    reader = open_store(store, create=False, read_only=True)
    expected = to_networkx(reader).number_of_nodes()
    reader.close()
    assert f"wrote {expected} nodes" in run.output and "graph.html" in run.output
    assert len(data_of(tmp_path / "graph.html")["nodes"]) == expected


def test_trace_by_id_shows_the_chain_with_the_trace_evidence(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = show("--store", store, "--trace", "kon-tum/45-kh-ubnd/task/4")
    assert run.exit_code == 0, run.output
    data = data_of(tmp_path / "trace.html")
    labels = {n["label"] for n in data["nodes"]}
    assert labels == {"Kết luận 91-KL/TW", "Kế hoạch 182-KH/TU", "Kế hoạch 45/KH-UBND", "Nghị quyết 29-NQ/TW",
                      "Quán triệt Kon Tum số 4"}
    assert data["focus"].endswith("kon-tum/45-kh-ubnd/task/4") and not data["physics"]
    titles = " ".join(e["title"] for e in data["edges"])
    # The hop evidence of `policykg trace`: sentence, line and file.
    assert "line 8 of kon-tum.txt: “Triển khai Kế hoạch số 182-KH/TU" in titles
    assert "line 34 of kon-tum.txt" in titles  # the task's own sentence on its hasTask hop


def test_trace_by_words_and_its_errors(store, tmp_path):
    out = tmp_path / "t.html"
    assert show("--store", store, "--trace", "chuyển đổi số Bắc Kạn số 3", "--out", str(out)).exit_code == 0
    assert len(data_of(out)["nodes"]) == 4  # task, Bắc Kạn plan, 91-KL/TW, 29-NQ/TW
    many = show("--store", store, "--trace", "quán triệt")
    assert many.exit_code == 1 and many.output.startswith("Error: 'quán triệt' matches 5 tasks: ")
    assert len(many.output.strip().splitlines()) == 1
    none = show("--store", store, "--trace", "không hề có")
    assert none.exit_code == 1 and "Error: no task matches 'không hề có'" in none.output


def test_agency_with_and_without_place(store, tmp_path):
    out = tmp_path / "a.html"
    run = show("--store", store, "--agency", "Sở Tài chính", "--place", "Kon Tum", "--out", str(out))
    assert run.exit_code == 0, run.output
    data = data_of(out)
    assert sum(n["group"] == "Agency" for n in data["nodes"]) == 1
    both = show("--store", store, "--agency", "so tai chinh", "--out", str(out))
    assert both.exit_code == 0 and sum(n["group"] == "Agency" for n in data_of(out)["nodes"]) == 2
    missing = show("--store", store, "--agency", "Sở Tài chính", "--place", "Hà Nội", "--out", str(out))
    assert missing.exit_code == 1 and "Error: no agency called 'Sở Tài chính' in Hà Nội" in missing.output


def test_place_alone(store, tmp_path):
    out = tmp_path / "p.html"
    assert show("--store", store, "--place", "Bắc Kạn", "--out", str(out)).exit_code == 0
    places = {n["place"] for n in data_of(out)["nodes"]}
    assert places == {"Bắc Kạn", ""}  # the place's nodes and the central ones they link to


def test_trace_words_narrowed_by_place(store, tmp_path):
    out = tmp_path / "t.html"
    run = show("--store", store, "--trace", "quán triệt", "--place", "bac kan", "--out", str(out))
    assert run.exit_code == 1 and "matches 2 tasks in bac kan: bac-kan/284-kh-ubnd/task/4 (Bắc Kạn, 284/KH-UBND" in run.output
    assert "bac-kan/284-kh-ubnd/task/8 (Bắc Kạn, 284/KH-UBND, 8)" in run.output
    assert show("--store", store, "--trace", "quán triệt Bắc Kạn số 8", "--place", "Bắc Kạn",
                "--out", str(out)).exit_code == 0
    assert data_of(out)["focus"].endswith("bac-kan/284-kh-ubnd/task/8")
    unknown = show("--store", store, "--trace", "quán triệt", "--place", "Atlantis")
    assert unknown.exit_code == 1 and unknown.output.startswith("Error: unknown place 'Atlantis'")


@pytest.mark.parametrize("args, message", [
    (["--trace", "x", "--agency", "y"], "give --trace or --agency, not both"),
])
def test_conflicting_options(store, args, message):
    run = show("--store", store, *args)
    assert run.exit_code == 1 and run.output == f"Error: {message}\n"


def test_missing_store_and_unwritable_file(store, tmp_path):
    run = show("--store", str(tmp_path / "nowhere"))
    assert run.exit_code == 1 and run.output.startswith("Error: ") and len(run.output.splitlines()) == 1
    bad = show("--store", store, "--out", str(tmp_path / "no-such-dir" / "g.html"))
    assert bad.exit_code == 1 and bad.output.startswith("Error: cannot write ")


def test_trace_takes_bare_words_like_trace(store, tmp_path):
    out = tmp_path / "bare.html"
    quoted = show("--store", store, "--trace", "quán triệt", "--place", "Kon Tum", "--out", str(tmp_path / "q.html"))
    bare = show("--store", store, "--trace", "quán", "triệt", "--place", "Kon Tum", "--out", str(out))
    assert bare.exit_code == quoted.exit_code and bare.output.split(":")[0] == quoted.output.split(":")[0]
