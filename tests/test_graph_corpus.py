"""What the graph must show on the five seed plans, built two ways:

* ``gold``:  the hand-made gold records (``../shared/gold/*.json``) through :func:`build_records`;
* ``seeds``: the seed documents through ``policykg build`` (real extraction by the loaders).

One node for Kết luận 91-KL/TW and one for Nghị quyết 29-NQ/TW, each reached by ``implements``
paths from the plans of Kon Tum, Bắc Kạn and Lai Châu; Kon Tum's plan reaches 29-NQ/TW through
182-KH/TU and 91-KL/TW; the graph conforms to the SHACL shapes; building twice changes nothing;
editing one file changes only that file's named graph.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from policykg.cli import main
from policykg.graph.build import build_records
from policykg.graph.namespaces import ID
from policykg.graph.nx_view import to_networkx
from policykg.graph.sources import source_iri
from policykg.graph.store import open_store
from policykg.graph.store_api import STATE_GRAPH
from policykg.graph.summary import SUMMARY_GRAPH
from policykg.graph.validate import validate_store
from policykg.pipeline import build_files, expand_paths

KL91, NQ29 = URIRef(f"{ID}doc/91-kl-tw"), URIRef(f"{ID}doc/29-nq-tw")
KH182_KON_TUM = URIRef(f"{ID}doc/kon-tum/182-kh-tu")
KON_TUM_SOURCE = "000_e9a555e437f53403.txt"
_BUILT: dict[str, object] = {}


def build_gold(shared: Path, where: Path):
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((shared / "gold").glob("*.json"))]
    store = open_store(where)
    result = build_records(records, store)
    assert len(result.built) == 5 and not result.failed
    return store


def build_seeds(shared: Path, where: Path):
    run = CliRunner().invoke(main, ["build", str(shared / "seeds"), "--store", str(where)])
    assert run.exit_code == 0, run.output
    assert "built 5 documents (0 skipped unchanged, 0 failed)" in run.output
    return open_store(where)


BUILDERS = {"gold": build_gold, "seeds": build_seeds}


def _built(kind: str, shared: Path, factory) -> object:
    if kind not in _BUILT:
        _BUILT[kind] = BUILDERS[kind](shared, factory.mktemp(kind) / "store")
    return _BUILT[kind]


@pytest.fixture(params=sorted(BUILDERS))
def corpus(request, shared_dir, tmp_path_factory):
    """(kind, store) built once per kind for the whole module."""
    return request.param, _built(request.param, shared_dir, tmp_path_factory)


@pytest.fixture
def seeds_store(shared_dir, tmp_path_factory):
    """The store built from the seed documents by ``policykg build``."""
    return _built("seeds", shared_dir, tmp_path_factory)


def reaching_places(store, target: URIRef) -> set[str]:
    rows = store.query("""
        SELECT DISTINCT ?place WHERE {
          ?plan a pkg:Plan ; pkg:loaded true ; pkg:place/skos:prefLabel ?place ; pkg:implements+ ?target .
        }""", {"target": target})
    return {str(r["place"]) for r in rows}


@pytest.mark.parametrize("doc_id, iri", [("91-KL/TW", KL91), ("29-NQ/TW", NQ29)])
def test_one_node_for_each_central_document(corpus, doc_id, iri):
    _, store = corpus
    rows = store.query("SELECT DISTINCT ?d WHERE { ?d dcterms:identifier ?id }", {"id": _lit(doc_id)})
    assert [r["d"] for r in rows] == [iri]


@pytest.mark.parametrize("target", [KL91, NQ29])
def test_reached_by_implements_from_kon_tum_bac_kan_and_lai_chau(corpus, target):
    _, store = corpus
    places = reaching_places(store, target)
    assert {"Kon Tum", "Bắc Kạn"} <= places
    assert any("Lai Châu" in p for p in places), places


def test_kon_tum_plan_reaches_29_through_182_and_91(corpus):
    kind, store = corpus
    plan = _kon_tum_plan(store)
    hops = [(plan, KH182_KON_TUM), (KH182_KON_TUM, KL91), (KL91, NQ29)]
    for a, b in hops:
        assert store.query("ASK { ?a pkg:implements ?b }", {"a": a, "b": b}), (a, b)
    if kind == "seeds":
        # Every hop can be shown with its proof: a sentence and a line of a source file.
        for a, b in hops:
            rows = store.query("""
                SELECT ?text ?line ?file WHERE {
                  ?l pkg:fromDocument ?a ; pkg:linkType pkg:implements ; pkg:toDocument ?b ;
                     pkg:sourceText ?text ; pkg:line ?line ; prov:wasDerivedFrom ?file }""", {"a": a, "b": b})
            assert rows, (a, b)
            assert all(int(r["line"]) > 0 and len(str(r["text"])) > 20 for r in rows)


def test_networkx_view_has_the_same_path_with_proofs(corpus):
    kind, store = corpus
    view = to_networkx(store)
    implements = nx.DiGraph([(s, o) for s, o, k in view.edges(keys=True) if k == "implements"])
    path = nx.shortest_path(implements, str(_kon_tum_plan(store)), str(NQ29))
    assert path[1:] == [str(KH182_KON_TUM), str(KL91), str(NQ29)]
    assert view.nodes[path[0]]["type"] == "Plan" and view.nodes[path[0]]["place"] == "Kon Tum"
    if kind == "seeds":
        assert all("sourceText" in view.edges[a, b, "implements"] for a, b in zip(path, path[1:]))


def test_graph_conforms_to_the_shapes(corpus):
    _, store = corpus
    report = validate_store(store)
    assert report.conforms, report.text[:2000]


def test_seeds_keep_sentence_and_line_for_every_statement(seeds_store):
    for cls in ("Task", "Target", "Assignment", "DocumentLink"):
        rows = seeds_store.query(f"""SELECT (COUNT(DISTINCT ?n) AS ?all) WHERE {{ ?n a pkg:{cls} .
                                     FILTER NOT EXISTS {{ ?n pkg:sourceText ?t ; pkg:line ?l }} }}""")
        assert int(rows[0]["all"]) == 0, cls


def _kon_tum_plan(store) -> URIRef:
    rows = store.query("SELECT DISTINCT ?p WHERE { ?p pkg:sourceFile ?f }", {"f": URIRef(source_iri(KON_TUM_SOURCE))})
    assert len(rows) == 1
    return rows[0]["p"]


def _lit(text: str):
    from rdflib import Literal

    return Literal(text)


def graph_sets(store):
    return {g: {q[:3] for q in store.quads(g)} for g in store.graph_names()}


def test_gold_build_twice_and_edit_one_record(shared_dir, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for p in sorted((shared_dir / "gold").glob("*.json")):
        shutil.copy(p, gold / p.name)
    with open_store(tmp_path / "store") as store:
        files, _ = expand_paths([gold])
        assert len(build_files(files, store).built) == 5
        count, before = store.count(), graph_sets(store)
        assert len(build_files(files, store, force=True).built) == 5
        assert store.count() == count and graph_sets(store) == before
        edited = gold / "002_bb96b54316668fc1.json"
        record = json.loads(edited.read_text(encoding="utf-8"))
        record["tasks"][0]["text"] += " (sửa đổi)"
        edited.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        result = build_files(files, store)
        assert result.built == [record["source"]] and len(result.skipped) == 4
        after = graph_sets(store)
        assert {g for g in after if after[g] != before.get(g)} == {source_iri(record["source"]), SUMMARY_GRAPH, STATE_GRAPH}
        # the state graph now also holds the build's delta (one entry) beside the whole index
        assert store.count() - store.count(STATE_GRAPH) == count - len(before[STATE_GRAPH])


def test_seeds_build_twice_and_edit_one_file(shared_dir, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(shared_dir / "seeds", seeds)
    where = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(seeds), "--store", where]).exit_code == 0
    with open_store(where) as store:
        count, before = store.count(), graph_sets(store)
    again = runner.invoke(main, ["build", str(seeds), "--store", where])
    assert "built 0 documents (5 skipped unchanged, 0 failed)" in again.output
    forced = runner.invoke(main, ["build", str(seeds), "--store", where, "--force"])
    assert "built 5 documents" in forced.output
    with open_store(where) as store:
        assert store.count() == count and graph_sets(store) == before
    # Edit the line the first task of the Kon Tum plan was read from.
    with open_store(where) as store:
        line = int(store.query("SELECT ?l WHERE { ?t pkg:position 1 ; pkg:line ?l . ?p pkg:hasTask ?t }",
                               {"p": _kon_tum_plan(store)})[0]["l"])
    path = seeds / KON_TUM_SOURCE
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1].rstrip() + " Bổ sung câu thử nghiệm."
    path.write_text("\n".join(lines), encoding="utf-8")
    edited = runner.invoke(main, ["build", str(seeds), "--store", where])
    assert "built 1 documents (4 skipped unchanged, 0 failed)" in edited.output, edited.output
    with open_store(where) as store:
        after = graph_sets(store)
        assert {g for g in after if after[g] != before.get(g)} == {source_iri(KON_TUM_SOURCE), SUMMARY_GRAPH, STATE_GRAPH}
        assert store.query('ASK { ?t pkg:sourceText ?s FILTER(CONTAINS(STR(?s), "câu thử nghiệm")) }')
