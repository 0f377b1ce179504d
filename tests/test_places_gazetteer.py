"""Places are real places (issue 15): checked against the place gazetteer of both periods, a place
word the list does not know is no place, and a province merged in 2025 is found by either name."""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph import build_records, open_store, record_to_graph
from policykg.graph.namespaces import PKG, RDF, SKOS
from policykg.loaders import extract_file, extract_text
from policykg.loaders.place_names import current_province, is_place, province
from policykg.queries.agency_register import agency_register
from policykg.queries.common import places

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_the_gazetteer_holds_both_periods():
    assert province("Kon Tum") == "Kon Tum" and province("Quảng Ngãi") == "Quảng Ngãi"
    assert current_province("Kon Tum") == "Quảng Ngãi" and current_province("Bắc Kạn") == "Thái Nguyên"
    assert is_place("Thành phố Lai Châu") and is_place("Đặc khu Phú Quốc") and is_place("Huyện Đắk Tô")
    assert not is_place("Phú") and not is_place("Thọ") and not is_place("Xã Hội Chủ Nghĩa Việt Nam")


def test_a_place_name_wrapped_across_lines_gives_the_place_and_one_document():
    wrapped = ("ỦY BAN NHÂN DÂN TỈNH PHÚ\nTHỌ\nSố: 88/KH-UBND\nPhú Thọ, ngày 3 tháng 5 năm 2025\n\nKẾ HOẠCH\n"
               "Thực hiện Kế hoạch số 259-KH/TU ngày 24/9/2025 của Ban Thường vụ Tỉnh ủy Phú\n"
               "Thọ về chuyển đổi số\n\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì rà soát, cập nhật dữ liệu các cơ sở khám bệnh,\n"
               "chữa bệnh trên địa bàn tỉnh Phú\nThọ.\n")
    record = extract_text(wrapped, "pt.txt")
    assert record["document"]["place"] == "Phú Thọ"
    store = open_store(":memory:")
    build_records([record], store)
    assert places(store)["name"].tolist() == ["Phú Thọ"]
    documents = store.query("SELECT DISTINCT ?d WHERE { ?d a ?c FILTER(?c IN (<%s>, <%s>)) }"
                            % (PKG.LocalDocument, PKG.CentralDocument))
    assert len(list(documents)) == 2  # the plan and the Tỉnh ủy's plan it carries out, no duplicate


def test_a_place_word_the_list_does_not_know_is_no_place():
    graph = record_to_graph({"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Phú",
                                                             "issuer": "Ủy ban nhân dân tỉnh Phú Thọ"}})
    labels = {str(o) for s, p, o in graph.triples if p == SKOS.prefLabel and (s, RDF.type, PKG.Place) in graph.triples}
    assert labels == {"Phú Thọ"}


def test_a_merged_province_is_found_by_its_old_and_its_new_name():
    record = {"source": "kt.txt", "document": {"id": "9/KH-UBND", "place": "Kon Tum",
                                               "issuer": "Ủy ban nhân dân tỉnh Kon Tum"},
              "tasks": [{"text": "Việc một", "lead": ["Sở Y tế"]}]}
    store = open_store(":memory:")
    build_records([record], store)
    by_old = agency_register(store, place="Kon Tum")
    by_new = agency_register(store, place="Quảng Ngãi")
    assert "Sở Y tế" in set(by_old["agency"]) and by_old["agency"].tolist() == by_new["agency"].tolist()
    assert set(by_new["place"]) == {"Kon Tum"} and set(by_new["place_today"]) == {"Quảng Ngãi"}


@pytest.mark.parametrize("folder", ["seeds", "dev/docs"])
def test_every_place_in_the_graph_of_real_documents_is_in_the_gazetteer(folder):
    docs = SHARED / folder
    if not docs.is_dir():
        pytest.skip(f"no documents at {docs} (../shared beside the repository)")
    seen = set()
    for path in sorted(docs.glob("*")):
        if path.suffix not in (".txt", ".docx"):
            continue  # the PDF needs OCR: slow, and read the same way after
        graph = record_to_graph(extract_file(path), path.name)
        seen |= {str(o) for s, p, o in graph.triples
                 if p == SKOS.prefLabel and (s, RDF.type, PKG.Place) in graph.triples}
    assert seen and not {p for p in seen if not is_place(p)}


def test_overload_by_todays_province_finds_the_old_provinces_plans():
    from policykg.queries.overload import overload

    records = [{"source": "kt.txt", "document": {"id": "9/KH-UBND", "place": "Kon Tum"},
                "tasks": [{"text": "Việc một", "lead": ["Sở Y tế"]}]},
               {"source": "qn.txt", "document": {"id": "5/KH-UBND", "place": "Quảng Ngãi"},
                "tasks": [{"text": "Việc hai", "lead": ["Sở Tài chính"]}]}]
    store = open_store(":memory:")
    build_records(records, store)
    for recount in (False, True):
        table = overload(store, place="Quảng Ngãi", recount=recount)
        assert sorted(zip(table["place"], table["agency"])) == [("Kon Tum", "Sở Y tế"), ("Quảng Ngãi", "Sở Tài chính")]
        assert overload(store, place="Kon Tum", recount=recount)["agency"].tolist() == ["Sở Y tế"]


def commune_plan(province: str, number: str) -> str:
    return (f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}\nỦY BAN NHÂN DÂN XÃ TÂN PHÚ\nSố: {number}\n"
            "Tân Phú, ngày 5 tháng 9 năm 2025\n\nKẾ HOẠCH\nPhát triển văn hóa đọc trên địa bàn xã\n\n"
            "I. NHIỆM VỤ\n1. Công an xã chủ trì bảo đảm an ninh trật tự tại các điểm đọc sách cộng đồng.\n")


def test_two_communes_of_one_name_in_two_provinces_are_two_places_and_two_bodies():
    records = [extract_text(commune_plan(p, "7/KH-UBND"), f"{n}.txt") for n, p in enumerate(("Đồng Nai", "Tây Ninh"))]
    assert [r["document"]["place"] for r in records] == ["Xã Tân Phú", "Xã Tân Phú"]
    assert [r["province"] for r in records] == ["Đồng Nai", "Tây Ninh"]
    store = open_store(":memory:")
    build_records(records, store)
    communes = places(store)
    assert communes["name"].tolist().count("Xã Tân Phú") == 2 and communes["place"].nunique() == len(communes)
    police = agency_register(store)
    police = police[police["agency"] == "Công an xã"]
    assert len(police) == 2 and police["agency_iri"].nunique() == 2
    plans = store.query("SELECT DISTINCT ?d WHERE { ?d a <%s> }" % PKG.LocalDocument)
    assert len(list(plans)) == 2  # the two plans numbered 7/KH-UBND stay two documents
