"""IRI rules: central documents and national bodies are one node; local ones are scoped by place."""
from __future__ import annotations

import unicodedata

import pytest

from policykg.graph.agencies import agency_ref, is_group, issuer_ref, national_name
from policykg.graph.documents import document_classes, document_iri, is_central, kind_of, parse_symbol
from policykg.graph.namespaces import ID, PKG
from policykg.graph.places import canonical_place, place_slug, split_locality
from policykg.vietnamese.keys import slugify


@pytest.mark.parametrize("doc_id", ["91-KL/TW", "29-NQ/TW", "125-QĐ/TW", "628/QĐ-TTg", "51/NQ-CP",
                                    "111/2022/NĐ-CP", "686/NQ-UBTVQH15", "88/2014/QH13",
                                    "12/2020/TT-BGDĐT", "Luật Giáo dục 2019", "Luật Nhà giáo",
                                    "01/2020/L-CTN"])
def test_central_documents_are_one_node_whoever_cites_them(doc_id):
    assert is_central(doc_id)
    assert document_iri(doc_id, "Kon Tum") == document_iri(doc_id, "Bắc Kạn") == document_iri(doc_id, None)


@pytest.mark.parametrize("doc_id", ["142-KH/TU", "2739/KH-UBND", "224-KH/ThU", "740/KH-BCSD",
                                    "1875/UBND-KGVX", "15/KH-SGDĐT", "09-NQ/TU"])
def test_local_documents_are_scoped_by_place(doc_id):
    assert not is_central(doc_id)
    kon_tum = document_iri(doc_id, "Kon Tum")
    assert kon_tum != document_iri(doc_id, "Bắc Kạn")
    assert kon_tum.startswith(f"{ID}doc/kon-tum/")


def test_document_iri_is_the_same_for_nfc_and_nfd_spellings():
    nfd = unicodedata.normalize("NFD", "628/QĐ-TTg")
    assert document_iri(nfd, None) == document_iri("628/QĐ-TTg", None) == f"{ID}doc/628-qd-ttg"
    assert document_iri("15/KH-SGDĐT", unicodedata.normalize("NFD", "Lâm Đồng")) == f"{ID}doc/lam-dong/15-kh-sgddt"


def test_draft_is_named_by_place_and_source_file():
    iri = document_iri(None, "Kon Tum", source="/data/000_e9a5.txt")
    assert iri == f"{ID}doc/kon-tum/draft-000-e9a5"
    assert document_iri(None, "Kon Tum", source="001_x.txt") != iri


def test_unknown_place_never_merges_two_sources():
    a = document_iri("142-KH/TU", None, source="a.txt")
    b = document_iri("142-KH/TU", None, source="b.txt")
    assert a != b


def test_symbol_parts_and_kind_from_symbol():
    assert parse_symbol("224-KH/ThU").issuer_code == "ThU"
    assert parse_symbol("686/NQ-UBTVQH15").type_code == "NQ"
    assert kind_of("29-CT/TW", None) == "Chỉ thị"
    assert kind_of("78-CTr/TU", None) == "Chương trình hành động"
    assert kind_of("1875/UBND-KGVX", None) is None


def test_document_classes_by_kind():
    plan, directive = str(PKG.Plan), str(PKG.Directive)
    assert plan in document_classes("Kế hoạch") and directive not in document_classes("Kế hoạch")
    assert directive in document_classes("Nghị quyết") and plan not in document_classes("Nghị quyết")
    assert document_classes("Công văn") == [str(PKG.Document)]
    assert plan in document_classes("Quyết định", has_tasks=True)


def test_places_fold_to_ascii_slugs():
    assert place_slug("Kon Tum") == "kon-tum"
    assert place_slug("Lâm Đồng") == "lam-dong"
    assert place_slug("Thành phố Lai Châu") == "thanh-pho-lai-chau"
    assert canonical_place("thành phố Hà Nội") == "Hà Nội"
    assert slugify("Đắk Lắk") == "dak-lak"


@pytest.mark.parametrize("issuer, body, place", [
    ("Ủy ban nhân dân tỉnh Kon Tum", "Ủy ban nhân dân", "Kon Tum"),
    ("Sở Giáo dục và Đào tạo tỉnh Lâm Đồng", "Sở Giáo dục và Đào tạo", "Lâm Đồng"),
    ("Ủy ban nhân dân thành phố Lai Châu", "Ủy ban nhân dân", "Thành phố Lai Châu"),
    ("Ban Thường vụ Tỉnh ủy Kon Tum", "Ban Thường vụ Tỉnh ủy", "Kon Tum"),
    ("Thành ủy Lai Châu", "Thành ủy", "Thành phố Lai Châu"),
    ("Ban Cán sự đảng Ủy ban nhân dân tỉnh Lai Châu", "Ban Cán sự đảng Ủy ban nhân dân", "Lai Châu"),
    ("Tỉnh ủy", "Tỉnh ủy", None),
    ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", None),
    ("Ủy ban nhân dân Tỉnh Bắc Kạn", "Ủy ban nhân dân", "Bắc Kạn"),
])
def test_issuer_locality_is_split_off(issuer, body, place):
    assert split_locality(issuer) == (body, place)


def test_local_agencies_are_scoped_by_place():
    kon_tum = agency_ref("Sở Giáo dục và Đào tạo", "Kon Tum")
    bac_kan = agency_ref("Sở Giáo dục và Đào tạo", "Bắc Kạn")
    assert kon_tum.iri != bac_kan.iri
    assert kon_tum.iri == f"{ID}agency/kon-tum/so-giao-duc-va-dao-tao"
    # The issuer "Ủy ban nhân dân tỉnh Kon Tum" and a task's "Ủy ban nhân dân" of Kon Tum are one node.
    assert issuer_ref("Ủy ban nhân dân tỉnh Kon Tum", None).iri == agency_ref("Ủy ban nhân dân", "Kon Tum").iri


@pytest.mark.parametrize("name, canonical", [
    ("Bộ Chính trị", "Bộ Chính trị"),
    ("Ban Bí thư Trung ương Đảng", "Ban Bí thư"),
    ("Ban Chấp hành Trung ương Đảng khóa XI", "Ban Chấp hành Trung ương Đảng"),
    ("Ban Chấp hành Trung ương Đảng (khóa XI)", "Ban Chấp hành Trung ương Đảng"),
    ("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng"),
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("Chính phủ", "Chính phủ"),
    ("Ủy ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội"),
    ("Bộ Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo"),
])
def test_national_bodies_are_one_node(name, canonical):
    assert national_name(name) == canonical
    ref = agency_ref(name, "Kon Tum")
    assert ref.national and ref.iri == agency_ref(name, "Tây Ninh").iri == f"{ID}agency/{slugify(canonical)}"


def test_provincial_military_command_is_not_a_ministry():
    assert national_name("Bộ Chỉ huy Quân sự tỉnh") is None
    assert not agency_ref("Bộ Chỉ huy Quân sự tỉnh", "Bắc Kạn").national


@pytest.mark.parametrize("name, group", [("Các sở, ban, ngành", True), ("Ủy ban nhân dân cấp huyện", True),
                                         ("Phòng Giáo dục và Đào tạo cấp huyện", True), ("Ủy ban nhân dân cấp xã", True),
                                         ("Sở Y tế", False), ("Công an tỉnh", False)])
def test_collective_mentions_are_groups(name, group):
    assert is_group(name) is group
    assert agency_ref(name, "Kon Tum").group is group
