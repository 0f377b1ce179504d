"""policykg check: SHACL violations of the graph become error findings, placed where they came from."""
from __future__ import annotations

import json

from rdflib import RDF, Graph, Literal, URIRef

from policykg.check import check_files, check_store
from policykg.check.shapes import graph_findings
from policykg.graph import build_records, open_store
from policykg.graph.namespaces import PKG, PROV


def record(issuer: str | None) -> dict:
    return {"source": "hg.txt",
            "document": {"kind": "Kế hoạch", "id": "12/KH-UBND", "place": "Hà Giang", "issuer": issuer,
                         "date": "2025-01-02", "title": "Phát triển trường lớp mầm non"},
            "tasks": [{"text": "Rà soát mạng lưới trường lớp mầm non", "lead": ["Sở Giáo dục và Đào tạo"],
                       "deadline": "Năm 2030", "line": 9,
                       "source_text": "Sở Giáo dục và Đào tạo chủ trì rà soát mạng lưới trường lớp mầm non."}]}


def test_plan_without_issuer_is_a_shacl_error(tmp_path):
    path = tmp_path / "hg.json"
    path.write_text(json.dumps(record(None), ensure_ascii=False), encoding="utf-8")
    found = [f for f in check_files([path]) if f.kind == "shacl"]
    assert [(f.severity, f.file) for f in found] == [("error", str(path))]
    assert "a loaded plan has no issuer" in found[0].message
    path.write_text(json.dumps(record("Ủy ban nhân dân tỉnh Hà Giang"), ensure_ascii=False), encoding="utf-8")
    assert [f for f in check_files([path]) if f.kind == "shacl"] == []
    assert [f for f in check_files([path], shacl=False) if f.kind == "shacl"] == []


def test_store_mode_reports_shacl_with_the_source_name():
    store = open_store(":memory:")
    build_records([record(None)], store)
    found = [f for f in check_store(store) if f.kind == "shacl"]
    assert [(f.severity, f.file) for f in found] == [("error", "hg.txt")]


def test_result_placed_at_its_line():
    """A task with two texts breaks "exactly one pkg:text"; the finding takes its file and line."""
    g = Graph()
    src, plan, task = URIRef("urn:src"), URIRef("urn:plan"), URIRef("urn:task")
    g.add((src, RDF.type, PKG.SourceFile))
    g.add((src, PKG.fileName, Literal("hg.txt")))
    g.add((src, PKG.sha256, Literal("0")))
    g.add((plan, RDF.type, PKG.Plan))
    g.add((plan, RDF.type, PKG.Document))
    g.add((plan, RDF.type, PKG.LocalDocument))
    g.add((plan, PKG.loaded, Literal(False)))
    g.add((plan, PKG.hasTask, task))
    g.add((task, RDF.type, PKG.Task))
    g.add((task, PKG.text, Literal("Rà soát")))
    g.add((task, PKG.text, Literal("Kiểm tra")))
    g.add((task, PKG.line, Literal(14)))
    g.add((task, PKG.sourceText, Literal("Rà soát, kiểm tra trường lớp.")))
    g.add((task, PROV.wasDerivedFrom, src))
    found = graph_findings(g, {"hg.txt": "plans/hg.txt"})
    assert [(f.kind, f.severity, f.file, f.line, f.text) for f in found] == [
        ("shacl", "error", "plans/hg.txt", 14, "Rà soát, kiểm tra trường lớp.")]
    assert "text" in found[0].message
