"""Record -> RDF: direct triples plus qualified statements that keep their sentence and line."""
from __future__ import annotations

import copy
import unicodedata

import pytest
from rdflib import Graph, Literal, URIRef

from policykg.graph.convert import record_to_graph
from policykg.graph.namespaces import DCTERMS, ID, PKG, PROV, RDF, SKOS, XSD
from policykg.graph.sources import source_iri

PLAN = URIRef(f"{ID}doc/kon-tum/3101-kh-ubnd")
SRC = URIRef(source_iri("kontum.txt"))


def kon_tum_record() -> dict:
    """A small record with the loaders' provenance keys, shaped like a Kon Tum plan."""
    line5 = "Triển khai Kế hoạch số 182-KH/TU của Ban Thường vụ Tỉnh ủy về thực hiện Kết luận số 91-KL/TW"
    return {
        "source": "kontum.txt",
        "document": {"kind": "Kế hoạch", "id": "3101/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
                     "place": "Kon Tum", "date": "2025-09-15", "title": "Triển khai Kế hoạch số 182-KH/TU"},
        "implements": ["182-KH/TU"],
        "based_on": [],
        "references": [
            {"id": "182-KH/TU", "kind": "Kế hoạch", "issuer": "Ban Thường vụ Tỉnh ủy Kon Tum",
             "date": "2024-12-04", "line": 5, "source_text": line5},
            {"id": "91-KL/TW", "kind": "Kết luận", "issuer": "Bộ Chính trị", "date": "2024-08-12",
             "line": 5, "source_text": line5},
        ],
        "relations": [{"from": "182-KH/TU", "type": "implements", "to": "91-KL/TW", "line": 5,
                       "source_text": line5},
                      {"from": "91-KL/TW", "type": "implements", "to": "29-NQ/TW", "line": 7,
                       "source_text": "Kết luận 91-KL/TW về tiếp tục thực hiện Nghị quyết 29-NQ/TW"}],
        "tasks": [{"text": "Tăng cường công tác phổ biến, quán triệt, tuyên truyền", "lead": ["Sở Thông tin và Truyền thông"],
                   "support": ["Sở Giáo dục và Đào tạo", "Các sở, ban, ngành"], "implement": [],
                   "deadline": "thường xuyên", "refs": ["91-KL/TW"], "line": 17,
                   "source_text": "Tăng cường công tác phổ biến, quán triệt, tuyên truyền, nâng cao nhận thức.",
                   "roles_line": 21, "roles_text": "Cơ quan thực hiện: Sở Thông tin và Truyền thông chủ trì; ..."},
                  {"text": "Rà soát, sắp xếp mạng lưới cơ sở giáo dục", "lead": [], "support": [],
                   "implement": ["Ủy ban nhân dân cấp huyện"], "deadline": None, "refs": []}],
        "targets": [{"text": "Tỷ lệ người biết chữ mức độ 1", "value": "98.85", "unit": "%", "year": 2030,
                     "line": 39, "source_text": "Đến năm 2030, tỷ lệ người biết chữ ... đạt 98,85%."},
                    {"text": "Số trường đạt chuẩn", "value": "45-50", "unit": None, "year": None}],
        "provenance": {"implements": [{"id": "182-KH/TU", "line": 5, "source_text": line5}], "based_on": []},
    }


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    for t in record_to_graph(kon_tum_record()).triples:
        g.add(t)
    return g


def test_conversion_is_deterministic_and_has_no_blank_nodes():
    a = record_to_graph(kon_tum_record()).triples
    b = record_to_graph(copy.deepcopy(kon_tum_record())).triples
    assert a == b
    assert all(not str(term).startswith("_:") and isinstance(s, URIRef) for s, _, term in a)
    assert len(a) == len(set(a))


def test_nfd_input_gives_the_same_triples():
    nfd = _map_strings(kon_tum_record(), lambda s: unicodedata.normalize("NFD", s))
    assert set(record_to_graph(nfd).triples) == set(record_to_graph(kon_tum_record()).triples)


def _map_strings(value, f):
    if isinstance(value, str):
        return f(value)
    if isinstance(value, dict):
        return {k: _map_strings(v, f) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, f) for v in value]
    return value


def test_loaded_document_metadata(graph):
    assert (PLAN, RDF.type, PKG.Plan) in graph
    assert (PLAN, RDF.type, PKG.LocalDocument) in graph
    assert (PLAN, PKG.loaded, Literal(True)) in graph
    assert (PLAN, DCTERMS.identifier, Literal("3101/KH-UBND")) in graph
    assert (PLAN, DCTERMS.issued, Literal("2025-09-15", datatype=XSD.date)) in graph
    issuer = URIRef(f"{ID}agency/kon-tum/uy-ban-nhan-dan")
    assert (PLAN, PKG.issuedBy, issuer) in graph
    assert (issuer, SKOS.altLabel, Literal("Ủy ban nhân dân tỉnh Kon Tum", lang="vi")) in graph
    assert (PLAN, PKG.place, URIRef(f"{ID}place/kon-tum")) in graph
    assert (PLAN, PKG.sourceFile, SRC) in graph


def test_implements_has_direct_triple_and_qualified_link_with_proof(graph):
    kh182 = URIRef(f"{ID}doc/kon-tum/182-kh-tu")
    assert (PLAN, PKG.implements, kh182) in graph
    links = [l for l in graph.subjects(PKG.fromDocument, PLAN)
             if (l, PKG.linkType, PKG.implements) in graph and (l, PKG.toDocument, kh182) in graph]
    assert len(links) == 1
    assert graph.value(links[0], PKG.line) == Literal(5, datatype=XSD.integer)
    assert str(graph.value(links[0], PKG.sourceText)).startswith("Triển khai Kế hoạch số 182-KH/TU")
    assert (links[0], PROV.wasDerivedFrom, SRC) in graph


def test_relations_between_cited_documents(graph):
    kh182, kl91, nq29 = (URIRef(f"{ID}doc/kon-tum/182-kh-tu"), URIRef(f"{ID}doc/91-kl-tw"),
                         URIRef(f"{ID}doc/29-nq-tw"))
    assert (kh182, PKG.implements, kl91) in graph
    assert (kl91, PKG.implements, nq29) in graph
    # 29-NQ/TW is named only in a relation: still a typed document node.
    assert (nq29, RDF.type, PKG.Directive) in graph and (nq29, RDF.type, PKG.CentralDocument) in graph
    assert (nq29, PKG.place, None) not in graph


def test_cited_document_keeps_what_the_citation_says(graph):
    kh182 = URIRef(f"{ID}doc/kon-tum/182-kh-tu")
    assert (kh182, PKG.kind, Literal("Kế hoạch", lang="vi")) in graph
    assert (kh182, DCTERMS.issued, Literal("2024-12-04", datatype=XSD.date)) in graph
    assert (kh182, PKG.issuedBy, URIRef(f"{ID}agency/kon-tum/ban-thuong-vu-tinh-uy")) in graph
    assert (kh182, PKG.loaded, None) not in graph  # the not-loaded mark lives in the derived graph
    assert (URIRef(f"{ID}doc/91-kl-tw"), PKG.issuedBy, URIRef(f"{ID}agency/bo-chinh-tri")) in graph


def test_task_roles_direct_and_qualified(graph):
    task = URIRef(f"{PLAN}/task/1")
    assert (PLAN, PKG.hasTask, task) in graph
    assert (task, PKG.deadline, Literal("thường xuyên", lang="vi")) in graph
    assert (task, PKG.line, Literal(17, datatype=XSD.integer)) in graph
    assert (task, PKG.cites, URIRef(f"{ID}doc/91-kl-tw")) in graph
    lead = URIRef(f"{ID}agency/kon-tum/so-thong-tin-va-truyen-thong")
    group = URIRef(f"{ID}agency/kon-tum/cac-so-ban-nganh")
    assert (lead, PKG.leads, task) in graph
    assert (group, PKG.supports, task) in graph and (group, RDF.type, PKG.AgencyGroup) in graph
    assignment = URIRef(f"{task}/lead/so-thong-tin-va-truyen-thong")
    assert (assignment, PKG.agency, lead) in graph and (assignment, PKG.role, PKG.leads) in graph
    # Roles are proved by the line that assigns them, not by the task's first line.
    assert graph.value(assignment, PKG.line) == Literal(21, datatype=XSD.integer)
    assert str(graph.value(assignment, PKG.sourceText)).startswith("Cơ quan thực hiện")


def test_implement_role_and_missing_provenance(graph):
    task = URIRef(f"{PLAN}/task/2")
    district = URIRef(f"{ID}agency/kon-tum/uy-ban-nhan-dan-cap-huyen")
    assert (district, PKG.implementsTask, task) in graph
    assert (district, PKG.leads, task) not in graph
    assert (task, PKG.line, None) not in graph and (task, PKG.deadline, None) not in graph


def test_targets(graph):
    first, second = URIRef(f"{PLAN}/target/1"), URIRef(f"{PLAN}/target/2")
    assert (PLAN, PKG.hasTarget, first) in graph
    assert (first, PKG.numericValue, Literal("98.85", datatype=XSD.decimal)) in graph
    assert (first, PKG.year, Literal("2030", datatype=XSD.gYear)) in graph
    assert (second, PKG.value, Literal("45-50")) in graph
    assert (second, PKG.numericValue, None) not in graph and (second, PKG.year, None) not in graph


def test_gold_shaped_record_without_provenance_keys():
    record = kon_tum_record()
    del record["provenance"]
    for section in ("tasks", "targets", "references", "relations"):
        for item in record[section]:
            for key in ("line", "source_text", "roles_line", "roles_text"):
                item.pop(key, None)
    g = record_to_graph(record).triples
    assert (PLAN, PKG.implements, URIRef(f"{ID}doc/kon-tum/182-kh-tu")) in g
    assert not [t for t in g if t[1] in (PKG.line, PKG.sourceText)]


def test_minimal_and_empty_records():
    rg = record_to_graph({"source": "empty.txt"})
    assert rg.document_iri.startswith(f"{ID}doc/unknown-empty/draft-")
    assert (URIRef(rg.document_iri), PKG.loaded, Literal(True)) in rg.triples
    with pytest.raises(ValueError):
        record_to_graph({"document": {}})


def test_city_cites_provincial_plan_by_its_issuers_place():
    record = {"source": "laichau.txt",
              "document": {"kind": "Kế hoạch", "id": None, "issuer": "Ủy ban nhân dân thành phố Lai Châu",
                           "place": "Thành phố Lai Châu"},
              "references": [{"id": "294-KH/TU", "kind": "Kế hoạch", "issuer": "Ban Thường vụ Tỉnh ủy Lai Châu"},
                             {"id": "224-KH/ThU", "kind": "Kế hoạch", "issuer": "Thành ủy Lai Châu"},
                             {"id": "273/KH-TU", "kind": "Kế hoạch", "issuer": None}]}
    iris = {o for _, p, o in record_to_graph(record).triples if p == PKG.cites}
    assert URIRef(f"{ID}doc/lai-chau/294-kh-tu") in iris
    assert URIRef(f"{ID}doc/thanh-pho-lai-chau/224-kh-thu") in iris
    assert URIRef(f"{ID}doc/thanh-pho-lai-chau/273-kh-tu") in iris


def test_same_central_document_from_two_provinces_is_one_node():
    a = kon_tum_record()
    b = kon_tum_record()
    b["source"] = "backan.txt"
    b["document"].update(id="284/KH-UBND", place="Bắc Kạn", issuer="Ủy ban nhân dân tỉnh Bắc Kạn")
    b["references"][0]["issuer"] = "Ban Thường vụ Tỉnh ủy"  # no locality: the citing plan's place
    ta, tb = record_to_graph(a).triples, record_to_graph(b).triples
    kl91 = URIRef(f"{ID}doc/91-kl-tw")
    assert (kl91, RDF.type, PKG.CentralDocument) in ta and (kl91, RDF.type, PKG.CentralDocument) in tb
    # ... while the local plan 182-KH/TU they both cite is two nodes.
    assert (URIRef(f"{ID}doc/bac-kan/182-kh-tu"), RDF.type, PKG.Plan) in tb
    assert (URIRef(f"{ID}doc/bac-kan/182-kh-tu"), RDF.type, PKG.Plan) not in ta
