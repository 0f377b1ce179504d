"""How build reads its inputs (issue 16): once, the hash being that of the bytes extracted; deep
HTML kept whole."""
from __future__ import annotations

from policykg import pipeline as build_module
from policykg.graph import open_store
from policykg.graph.inputs import sha256_bytes
from policykg.graph.sources import source_iri
from policykg.loaders.readers.web import html_text
from policykg.pipeline import build_files
from policykg.pipeline_inputs import read_source

PLAN = "KẾ HOẠCH\nSố: {n}/KH-UBND\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì rà soát chính sách y tế số {n}.\n"


def test_a_file_changed_while_building_is_stored_with_the_hash_of_what_was_extracted(tmp_path, monkeypatch):
    doc = tmp_path / "plan.txt"
    first = PLAN.format(n=1).encode("utf-8")
    doc.write_bytes(first)

    def read_then_change(path, max_mb):
        source = read_source(path, max_mb)
        path.write_bytes(PLAN.format(n=2).encode("utf-8"))  # changed between the read and the extraction
        return source

    monkeypatch.setattr(build_module, "read_source", read_then_change)
    store = open_store(":memory:")
    assert build_files([doc], store).built == ["plan.txt"]
    assert store.graph_hash(source_iri("plan.txt"))[0] == sha256_bytes(first)
    texts = {str(r["t"]) for r in store.query("SELECT ?t WHERE { ?x pkg:text ?t }")}
    assert any("số 1" in t for t in texts) and not any("số 2" in t for t in texts)
    monkeypatch.undo()
    assert build_files([doc], store).built == ["plan.txt"]  # the new bytes are seen next time


def test_deeply_nested_html_keeps_its_text():
    for depth in (300, 1000, 3000):
        page = "<html><body>" + "<div>" * depth + "<p>Sở Y tế chủ trì rà soát.</p><p>Dòng hai.</p>" + \
               "</div>" * depth + "</body></html>"
        assert html_text(page.encode("utf-8")).splitlines() == ["Sở Y tế chủ trì rà soát.", "Dòng hai."], depth
