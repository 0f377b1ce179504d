"""The embedded Oxigraph store: graph replacement, hashes, union queries, locations."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from policykg.graph.store import MEMORY, OxigraphStore, StoreError, open_store, store_location

A, P, Q = URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:q")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store")
    yield s
    s.close()


def test_new_graph_goes_in_with_its_hash(store):
    store.replace_graph("urn:g1", [(A, P, Literal("x"))], content_hash="h1", built_with="v1")
    assert store.graph_names() == ["urn:g1"]
    assert store.graph_hash("urn:g1") == ("h1", "v1")
    assert store.graph_hash("urn:nope") == (None, None)
    assert store.count("urn:g1") == 3  # the triple, its hash, its code version


def test_replacing_a_graph_leaves_the_others_alone(store):
    store.replace_graph("urn:g1", [(A, P, Literal("old")), (A, Q, Literal("gone"))], content_hash="h1")
    store.replace_graph("urn:g2", [(A, P, Literal("other"))], content_hash="h2")
    store.replace_graph("urn:g1", [(A, P, Literal("new \"quoted\"\nline", lang="vi"))], content_hash="h3")
    g1 = {(s, p, o) for s, p, o, _ in store.quads("urn:g1")}
    assert (A, P, Literal("new \"quoted\"\nline", lang="vi")) in g1
    assert (A, Q, Literal("gone")) not in g1 and (A, P, Literal("old")) not in g1
    assert store.graph_hash("urn:g1")[0] == "h3"
    assert {(s, p, o) for s, p, o, _ in store.quads("urn:g2")} >= {(A, P, Literal("other"))}


def test_queries_see_the_union_of_named_graphs(store):
    store.replace_graph("urn:g1", [(A, P, Literal("1"))])
    store.replace_graph("urn:g2", [(A, Q, Literal("2"))])
    rows = store.query("SELECT ?p ?o WHERE { <urn:a> ?p ?o } ORDER BY ?o")
    assert [(r["p"], r["o"]) for r in rows] == [(P, Literal("1")), (Q, Literal("2"))]
    assert store.query("ASK { <urn:a> <urn:q> ?o }") is True
    assert store.query("CONSTRUCT { ?s <urn:q> ?o } WHERE { ?s <urn:q> ?o }") == [(A, Q, Literal("2"))]


def test_query_bindings_and_default_prefixes(store):
    store.replace_graph("urn:g1", [(A, URIRef("https://w3id.org/policykg/ns#leads"), URIRef("urn:t"))])
    rows = store.query("SELECT ?t WHERE { ?a pkg:leads ?t }", bindings={"a": A})
    assert rows == [{"t": URIRef("urn:t")}]
    assert store.query("SELECT ?t WHERE { ?a pkg:leads ?t }", bindings={"a": URIRef("urn:b")}) == []


def test_typed_literals_round_trip(store):
    from policykg.graph.namespaces import XSD

    values = [Literal("2030", datatype=XSD.gYear), Literal(True), Literal(17, datatype=XSD.integer),
              Literal("Kon Tum", lang="vi"), Literal("plain")]
    store.replace_graph("urn:g", [(A, P, v) for v in values])
    assert {o for _, _, o, _ in store.quads("urn:g")} == set(values)


def test_drop_graph(store):
    store.replace_graph("urn:g1", [(A, P, Literal("1"))])
    store.drop_graph("urn:g1")
    store.drop_graph("urn:never")
    assert store.graph_names() == [] and store.count() == 0


def test_union_repeats_a_triple_stated_by_two_graphs_so_queries_use_distinct(store):
    store.replace_graph("urn:g1", [(A, P, Literal("same"))])
    store.replace_graph("urn:g2", [(A, P, Literal("same"))])
    assert len(store.query("SELECT ?o WHERE { <urn:a> <urn:p> ?o }")) == 2
    assert len(store.query("SELECT DISTINCT ?o WHERE { <urn:a> <urn:p> ?o }")) == 1


def test_bad_sparql_is_a_store_error(store):
    with pytest.raises(StoreError, match="bad SPARQL"):
        store.query("SELEC nothing")


def test_store_persists_on_disk_and_opens_read_only(tmp_path):
    where = tmp_path / "deep" / "store"
    with open_store(where) as s:
        s.replace_graph("urn:g", [(A, P, Literal("kept"))], content_hash="h")
    reader = open_store(where, create=False, read_only=True)
    assert reader.graph_hash("urn:g") == ("h", None)
    reader.close()


def test_location_argument_then_environment_then_default(monkeypatch, tmp_path):
    monkeypatch.delenv("POLICYKG_STORE", raising=False)
    assert store_location(None) == ".policykg/store"
    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "env"))
    assert store_location(None) == str(tmp_path / "env")
    assert store_location(tmp_path / "arg") == str(tmp_path / "arg")


def test_missing_store_is_an_error_and_urls_are_endpoints(tmp_path):
    from policykg.graph.endpoint import SparqlEndpointStore

    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing", create=False)
    remote = open_store("https://example.org/sparql")
    assert isinstance(remote, SparqlEndpointStore) and remote.update_url == "https://example.org/update"
    assert open_store("http://127.0.0.1:7878").query_url == "http://127.0.0.1:7878/query"


def test_memory_store_and_rdflib_view():
    s = OxigraphStore(MEMORY)
    s.replace_graph("urn:g", [(A, P, Literal("x"))])
    rows = list(s.rdflib_dataset().query("SELECT ?o WHERE { <urn:a> <urn:p> ?o }"))
    assert [str(r[0]) for r in rows] == ["x"]
