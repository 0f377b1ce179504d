"""The graph read back as records (graph/records.py): check --store sees what the build wrote."""
from __future__ import annotations

from policykg.check.store import plans_from_store
from policykg.graph import build_records, open_store
from policykg.graph.records import TARGET_FIELDS, TASK_FIELDS, records_from_store

RECORD = {
    "source": "kh-77.txt",
    "document": {"kind": "Kế hoạch", "id": "77/KH-UBND", "place": "Lạng Sơn", "date": "2025-10-20",
                 "title": "Thực hiện Kết luận số 91-KL/TW", "issuer": "Ủy ban nhân dân tỉnh Lạng Sơn"},
    "implements": ["91-KL/TW"], "based_on": ["Luật Giáo dục"],
    "provenance": {"implements": [{"id": "91-KL/TW", "line": 9, "source_text": "Thực hiện Kết luận số 91-KL/TW"}],
                   "based_on": []},
    "references": [{"id": "628/QĐ-TTg", "kind": "Quyết định", "issuer": None, "date": None, "line": 12,
                    "source_text": "Quyết định số 628/QĐ-TTg"}],
    "tasks": [{"text": "Rà soát đội ngũ giáo viên", "lead": ["Sở Giáo dục và Đào tạo"], "support": ["Sở Nội vụ"],
               "deadline": "Quý IV/2026", "line": 30, "source_text": "1. Rà soát đội ngũ giáo viên"},
              {"text": "Tổng kết", "lead": ["Sở Nội vụ"], "line": 31}],
    "targets": [{"text": "Tỷ lệ trường đạt chuẩn", "value": "80", "unit": "%", "year": 2030, "line": 20}],
}


def test_a_record_comes_back_from_the_graph_as_it_was_built():
    store = open_store(":memory:")
    build_records([RECORD], store)
    [back] = records_from_store(store)
    assert back["source"] == "kh-77.txt"
    assert back["document"]["id"] == "77/KH-UBND" and back["document"]["place"] == "Lạng Sơn"
    assert back["document"]["kind"] == "Kế hoạch" and back["document"]["title"] == RECORD["document"]["title"]
    assert back["implements"] == ["91-KL/TW"]
    assert back["provenance"]["implements"][0]["line"] == 9
    assert [r["id"] for r in back["references"]] == ["628/QĐ-TTg"] and back["references"][0]["line"] == 12
    first, second = back["tasks"]
    assert first["text"] == "Rà soát đội ngũ giáo viên" and second["text"] == "Tổng kết"  # printed order
    assert first["lead"] == ["Sở Giáo dục và Đào tạo"] and first["support"] == ["Sở Nội vụ"]
    assert first["deadline"] == "Quý IV/2026" and first["line"] == 30 and second["deadline"] is None
    [target] = back["targets"]
    assert (target["value"], target["unit"], target["year"], target["line"]) == ("80", "%", 2030, 20)


def test_every_field_the_reverse_reads_is_one_the_conversion_writes():
    """A property renamed in convert.py would leave a field empty here: every field comes back."""
    store = open_store(":memory:")
    build_records([RECORD], store)
    [back] = records_from_store(store)
    task, target = back["tasks"][0], back["targets"][0]
    assert all(task[k] is not None for k in TASK_FIELDS if k != "position"), task
    assert all(target[k] is not None for k in TARGET_FIELDS if k not in ("position", "source_text")), target
    assert "position" not in task


def test_check_reads_plans_through_the_same_reverse():
    store = open_store(":memory:")
    build_records([RECORD], store)
    [plan] = plans_from_store(store)
    assert plan.file == "kh-77.txt" and plan.record == records_from_store(store)[0]
