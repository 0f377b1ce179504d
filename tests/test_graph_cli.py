"""The build, stats and export commands: store location, failures as one line, every format parses."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from policykg.cli import main


def record(source: str, doc_id: str, place: str) -> dict:
    return {"source": source,
            "document": {"kind": "Kế hoạch", "id": doc_id, "issuer": f"Ủy ban nhân dân tỉnh {place}", "place": place},
            "implements": ["91-KL/TW"],
            "references": [{"id": "91-KL/TW", "kind": "Kết luận", "issuer": "Bộ Chính trị", "date": "2024-08-12"}],
            "tasks": [{"text": "Quán triệt Kết luận", "lead": ["Sở Giáo dục và Đào tạo"], "support": ["Các sở, ban, ngành"],
                       "line": 12, "source_text": "Sở Giáo dục và Đào tạo chủ trì quán triệt Kết luận."}]}


@pytest.fixture
def records(tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    for name, doc_id, place in [("kt", "1/KH-UBND", "Kon Tum"), ("bk", "284/KH-UBND", "Bắc Kạn")]:
        (folder / f"{name}.json").write_text(json.dumps(record(f"{name}.txt", doc_id, place), ensure_ascii=False),
                                             encoding="utf-8")
    return folder


@pytest.fixture
def built(tmp_path, records):
    store = str(tmp_path / "store")
    run = CliRunner().invoke(main, ["build", str(records), "--store", store])
    assert run.exit_code == 0, run.output
    return store


def test_build_summary_and_skip(tmp_path, records):
    store = str(tmp_path / "store")
    first = CliRunner().invoke(main, ["build", str(records), "--store", store])
    assert first.exit_code == 0
    assert "built 2 documents (0 skipped unchanged, 0 failed)" in first.output
    second = CliRunner().invoke(main, ["build", str(records), "--store", store])
    assert "built 0 documents (2 skipped unchanged, 0 failed)" in second.output


def test_store_from_environment_and_default(tmp_path, records, monkeypatch):
    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "env-store"))
    assert CliRunner().invoke(main, ["build", str(records)]).exit_code == 0
    assert (tmp_path / "env-store").is_dir()
    monkeypatch.delenv("POLICYKG_STORE")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["build", str(records)]).exit_code == 0
    assert (tmp_path / ".policykg" / "store").is_dir()


def test_bad_file_is_one_line_and_exit_1(tmp_path, records):
    (records / "broken.json").write_text("{", encoding="utf-8")
    run = CliRunner().invoke(main, ["build", str(records), str(tmp_path / "nope.txt"),
                                    "--store", str(tmp_path / "store")])
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    errors = [l for l in run.output.splitlines() if l.startswith("error: ")]
    assert len(errors) == 2 and any("broken.json" in e for e in errors) and any("nope.txt" in e for e in errors)
    assert "built 2 documents (0 skipped unchanged, 2 failed)" in run.output


def test_build_check_runs_the_shapes(tmp_path, records):
    run = CliRunner().invoke(main, ["build", str(records), "--store", str(tmp_path / "s"), "--check"])
    assert run.exit_code == 0 and "shapes: conforms" in run.output


def test_stats_counts_by_class_and_place(built):
    run = CliRunner().invoke(main, ["stats", "--store", built, "--json"])
    assert run.exit_code == 0, run.output
    stats = json.loads(run.output)
    assert stats["loaded"] == 2 and stats["cited_only"] == 1
    assert stats["by_class"]["Task"] == 2 and stats["by_class"]["CentralDocument"] == 1
    assert stats["by_place"]["Kon Tum"]["Agency"] == 2  # the people's committee and the department
    assert stats["by_place"]["Bắc Kạn"]["AgencyGroup"] == 1
    text = CliRunner().invoke(main, ["stats", "--store", built]).output
    assert "by place" in text and "Kon Tum" in text


def test_stats_and_export_without_a_store_are_user_errors(tmp_path):
    for args in (["stats"], ["export", "--format", "nq"]):
        run = CliRunner().invoke(main, args + ["--store", str(tmp_path / "missing")])
        assert run.exit_code == 1 and "Traceback" not in run.output
        assert "no store at" in run.output


def export(store: str, fmt: str) -> bytes:
    run = CliRunner().invoke(main, ["export", "--format", fmt, "--store", store])
    assert run.exit_code == 0, run.output
    return run.stdout_bytes


def test_export_turtle_is_the_union(built):
    from rdflib import URIRef

    from policykg.graph.namespaces import ID, PKG

    g = Graph().parse(data=export(built, "ttl").decode("utf-8"), format="turtle")
    assert (URIRef(f"{ID}doc/kon-tum/1-kh-ubnd"), PKG.implements, URIRef(f"{ID}doc/91-kl-tw")) in g
    quads = ox.parse(export(built, "nq"), format=ox.RdfFormat.N_QUADS)
    assert len(g) == len({(str(q.subject), str(q.predicate), str(q.object)) for q in quads})


def test_export_nquads_keeps_named_graphs(built):
    quads = list(ox.parse(export(built, "nq"), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert {g.rsplit("/", 1)[-1] for g in graphs} >= {"kt.txt", "bk.txt", "derived"}


def test_export_jsonld_parses_to_the_same_triples_as_turtle(built):
    ttl = Graph().parse(data=export(built, "ttl").decode("utf-8"), format="turtle")
    jsonld = Graph().parse(data=export(built, "jsonld").decode("utf-8"), format="json-ld")
    assert len(jsonld) == len(ttl)


def test_export_graphml_and_csv(built, tmp_path):
    out = tmp_path / "g.graphml"
    run = CliRunner().invoke(main, ["export", "--format", "graphml", "--out", str(out), "--store", built])
    assert run.exit_code == 0
    view = nx.read_graphml(out)
    assert any(d.get("relation") == "implements" for _, _, d in view.edges(data=True))
    rows = list(csv.DictReader(io.StringIO(export(built, "csv").decode("utf-8"))))
    leads = [r for r in rows if r["relation"] == "leads"]
    assert len(leads) == 2
    assert all(r["line"] == "12" and "chủ trì" in r["source_text"] for r in leads)


def test_export_is_deterministic(built):
    for fmt in ("ttl", "nq", "csv"):
        assert export(built, fmt) == export(built, fmt)


@pytest.mark.parametrize("fmt, rdf", [("nq", "N_QUADS"), ("ttl", "TURTLE")])
def test_export_to_a_file_streams_the_same_graph(built, tmp_path, fmt, rdf):
    """--out streams through pyoxigraph's writer: the same quads (nq) or union triples (ttl) as stdout."""
    out = tmp_path / f"graph.{fmt}"
    run = CliRunner().invoke(main, ["export", "--format", fmt, "--store", built, "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert f"wrote {out.stat().st_size} bytes" in run.output
    form = getattr(ox.RdfFormat, rdf)
    assert set(ox.parse(out.read_bytes(), format=form)) == set(ox.parse(export(built, fmt), format=form))
    assert not list(tmp_path.glob(".graph.*"))  # no temporary file left behind
