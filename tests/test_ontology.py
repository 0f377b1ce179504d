"""The vocabulary covers what the graph writes, in Vietnamese and English; the shapes catch bad graphs."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from policykg.graph.convert import record_to_graph
from policykg.graph.namespaces import ELI, ORG, PKG, PROV
from policykg.graph.validate import validate_graph
from policykg.ontology import ontology_graph, shapes_graph

ONT = ontology_graph()


def sample_graph() -> Graph:
    """A small valid graph: a Kon Tum plan with a task, a target, a cited local plan and a central conclusion."""
    rec = {"source": "kt.txt",
           "document": {"kind": "Kế hoạch", "id": "3101/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
                        "place": "Kon Tum", "date": "2025-09-15", "title": "Triển khai"},
           "implements": ["182-KH/TU"], "based_on": ["29-NQ/TW"],
           "references": [{"id": "182-KH/TU", "kind": "Kế hoạch", "issuer": "Ban Thường vụ Tỉnh ủy Kon Tum"},
                          {"id": "91-KL/TW", "kind": "Kết luận", "issuer": "Bộ Chính trị"}],
           "relations": [{"from": "182-KH/TU", "type": "implements", "to": "91-KL/TW", "line": 3, "source_text": "..."}],
           "tasks": [{"text": "Tuyên truyền", "lead": ["Sở Thông tin và Truyền thông"], "support": ["Các sở, ban, ngành"],
                      "implement": ["Sở Nội vụ"], "deadline": "Năm 2026", "refs": ["91-KL/TW"], "line": 9,
                      "source_text": "Tuyên truyền ..."}],
           "targets": [{"text": "Tỷ lệ", "value": "98.85", "unit": "%", "year": 2030}]}
    g = Graph()
    rg = record_to_graph(rec)
    for t in rg.triples:
        g.add(t)
    # What loading adds: the file's hash in its graph, and, in the derived graph,
    # the not-loaded marks of cited documents.
    g.add((URIRef(rg.graph_iri), PKG.sha256, Literal("0" * 64)))
    for doc in set(g.subjects(RDF.type, PKG.Document)) - set(g.subjects(PKG.loaded, Literal(True))):
        g.add((doc, PKG.loaded, Literal(False)))
    return g


def pkg_terms_used(g: Graph) -> set[URIRef]:
    used = set()
    for s, p, o in g:
        used |= {t for t in (p, o) if isinstance(t, URIRef) and str(t).startswith(str(PKG))}
    return used


def test_ontology_parses_and_is_an_owl_ontology():
    assert (URIRef("https://w3id.org/policykg/ns"), RDF.type, OWL.Ontology) in ONT


def test_every_term_the_graph_writes_is_declared():
    declared = set(ONT.subjects(RDF.type, OWL.Class)) | set(ONT.subjects(RDF.type, OWL.ObjectProperty)) \
        | set(ONT.subjects(RDF.type, OWL.DatatypeProperty))
    missing = pkg_terms_used(sample_graph()) - declared
    assert not missing


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_term_has_a_label_in_both_languages(lang):
    for term in set(ONT.subjects(RDF.type, None)):
        if str(term).startswith(str(PKG)):
            assert any(l.language == lang for l in ONT.objects(term, RDFS.label)), term


def test_every_comment_comes_in_both_languages():
    for term in set(ONT.subjects(RDFS.comment, None)):
        langs = {c.language for c in ONT.objects(term, RDFS.comment)}
        assert langs == {"vi", "en"}, term


@pytest.mark.parametrize("term, parent", [
    (PKG.Document, ELI.LegalResource), (PKG.Agency, ORG.Organization), (PKG.Task, PROV.Entity),
    (PKG.Directive, PKG.Document), (PKG.Plan, PKG.Document),
])
def test_classes_align_with_published_vocabularies(term, parent):
    assert (term, RDFS.subClassOf, parent) in ONT


@pytest.mark.parametrize("prop, parent", [(PKG.basedOn, ELI.based_on), (PKG.implements, ELI.implements),
                                          (PKG.issuedBy, ELI.passed_by), (PKG.leads, PKG.responsibleFor),
                                          (PKG.supports, PKG.responsibleFor),
                                          (PKG.implementsTask, PKG.responsibleFor)])
def test_properties_align(prop, parent):
    assert (prop, RDFS.subPropertyOf, parent) in ONT


def test_the_implement_role_is_documented():
    assert any("no lead/support split" in str(c) for c in ONT.objects(PKG.implementsTask, RDFS.comment))


def test_shapes_parse_and_sample_conforms():
    assert len(shapes_graph()) > 50
    report = validate_graph(sample_graph())
    assert report.conforms, report.text


def broken(mutate) -> str:
    g = sample_graph()
    mutate(g)
    report = validate_graph(g)
    assert not report.conforms
    return report.text


def first(g: Graph, p, o=None):
    return next(iter(g.subjects(p, o)))


def test_task_outside_any_plan_is_caught():
    def mutate(g):
        g.remove((None, PKG.hasTask, None))
    assert "a task is in exactly one plan" in broken(mutate)


def test_task_in_two_plans_is_caught():
    def mutate(g):
        task = first(g, RDF.type, PKG.Task)
        g.add((URIRef("https://w3id.org/policykg/id/doc/kon-tum/182-kh-tu"), PKG.hasTask, task))
    assert "a task is in exactly one plan" in broken(mutate)


def test_leads_from_a_task_is_caught():
    def mutate(g):
        task = first(g, RDF.type, PKG.Task)
        g.add((task, PKG.leads, task))
    assert "Source Shape: pkgsh:LeadsShape" in broken(mutate)


def test_loaded_plan_without_issuer_is_caught():
    def mutate(g):
        plan = first(g, PKG.loaded, Literal(True))
        g.remove((plan, PKG.issuedBy, None))
    assert "a loaded plan has no issuer" in broken(mutate)


def test_cited_plan_without_issuer_is_allowed():
    g = sample_graph()
    cited = URIRef("https://w3id.org/policykg/id/doc/kon-tum/182-kh-tu")
    g.remove((cited, PKG.issuedBy, None))
    assert validate_graph(g).conforms


def test_central_document_with_a_place_is_caught():
    def mutate(g):
        g.add((URIRef("https://w3id.org/policykg/id/doc/91-kl-tw"), PKG.place,
               URIRef("https://w3id.org/policykg/id/place/kon-tum")))
    assert "More than 0 values on <https://w3id.org/policykg/id/doc/91-kl-tw>->pkg:place" in broken(mutate)


def test_document_both_central_and_local_is_caught():
    def mutate(g):
        g.add((URIRef("https://w3id.org/policykg/id/doc/91-kl-tw"), RDF.type, PKG.LocalDocument))
    assert "Xone" in broken(mutate)


def test_document_without_loaded_mark_is_caught():
    def mutate(g):
        g.remove((URIRef("https://w3id.org/policykg/id/doc/91-kl-tw"), PKG.loaded, None))
    assert "loaded true or false" in broken(mutate)


def test_qualified_statement_without_direct_triple_is_caught():
    def drop_leads(g):
        g.remove((None, PKG.leads, None))
    assert "assignment without its direct triple" in broken(drop_leads)

    def drop_implements(g):
        g.remove((None, PKG.implements, None))
    assert "document link without its direct triple" in broken(drop_implements)
