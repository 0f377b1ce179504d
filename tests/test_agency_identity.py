"""Agencies you can count on (issue 15): one identity per real body, divisions under their parent,
the agency register (``policykg agencies``), names the gazetteer lacks listed."""
from __future__ import annotations

from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import build_records, open_store
from policykg.loaders import extract_text
from policykg.queries.agency_register import UNKNOWN_PARENT, agency_register
from policykg.queries.overload import overload


def plan(issuer: str, number: str, tasks: str) -> str:
    """A department's plan in the printed style, with its own tasks."""
    return (f"UBND TỈNH KON TUM\n{issuer.upper()}\nSố: {number}\n"
            "Kon Tum, ngày 12 tháng 3 năm 2025\n\nKẾ HOẠCH\nTriển khai chuyển đổi số năm 2025\n\n"
            f"I. NHIỆM VỤ\n{tasks}\n")


def records_of_two_departments() -> list[dict]:
    a = extract_text(plan("Sở Công Thương", "12/KH-SCT",
                          "1. Phòng Kế hoạch - Tài chính chủ trì rà soát nhu cầu kinh phí chuyển đổi số.\n"
                          "2. Văn phòng Sở chủ trì tổng hợp, báo cáo kết quả thực hiện hằng quý."), "sct.txt")
    b = extract_text(plan("Sở Y tế", "30/KH-SYT",
                          "1. Phòng Kế hoạch - Tài chính chủ trì lập dự toán kinh phí thực hiện kế hoạch.\n"
                          "2. Thanh tra Sở chủ trì kiểm tra việc thực hiện tại các đơn vị trực thuộc."), "syt.txt")
    return [a, b]


def test_two_departments_planning_divisions_are_two_agencies():
    records = records_of_two_departments()
    assert [r["tasks"][0]["lead"] for r in records] == [["Phòng Kế hoạch - Tài chính"]] * 2
    store = open_store(":memory:")
    build_records(records, store)
    register = agency_register(store)
    divisions = register[register["agency"] == "Phòng Kế hoạch - Tài chính"]
    assert sorted(divisions["parent"]) == ["Sở Công Thương", "Sở Y tế"]
    assert divisions["agency_iri"].nunique() == 2
    offices = register[register["kind"] == "division"].set_index("agency")["parent"].to_dict()
    assert offices["Văn phòng Sở Công Thương"] == "Sở Công Thương"
    assert offices["Thanh tra Sở Y tế"] == "Sở Y tế"
    table = overload(store)
    assert set(table.loc[table["agency"] == "Phòng Kế hoạch - Tài chính", "parent"]) == {"Sở Công Thương", "Sở Y tế"}


def test_the_parent_printed_beside_a_division_wins_over_the_issuer():
    record = extract_text(
        "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 5/KH-UBND\nKon Tum, ngày 2 tháng 4 năm 2025\n\nKẾ HOẠCH\n"
        "Phát triển thương mại điện tử\n\nI. NHIỆM VỤ\n"
        "1. Xây dựng sàn thương mại điện tử của tỉnh và hướng dẫn doanh nghiệp tham gia.\n"
        "Đơn vị chủ trì: Phòng Quản lý thương mại thuộc Sở Công Thương.\n",
        "ubnd.txt")
    assert record["agency_parents"] == {"Phòng Quản lý thương mại": "Sở Công Thương"}
    store = open_store(":memory:")
    build_records([record], store)
    row = agency_register(store).set_index("agency").loc["Phòng Quản lý thương mại"]
    assert row["parent"] == "Sở Công Thương" and row["kind"] == "division"


def test_a_division_no_document_places_is_kept_apart_and_never_flagged():
    tasks = [{"text": f"Việc số {n}", "lead": ["Phòng Tổng hợp"]} for n in range(30)]
    others = [{"text": f"Việc khác {n}", "lead": [f"Sở Số {n}"]} for n in range(6)]
    records = [{"source": f"{k}.txt", "document": {"id": f"{k}/KH", "place": "Kon Tum"}, "tasks": tasks + others}
               for k in (1, 2)]
    store = open_store(":memory:")
    build_records(records, store)
    table = overload(store)
    orphans = table[table["agency"] == "Phòng Tổng hợp"]
    assert len(orphans) == 2 and set(orphans["parent"]) == {UNKNOWN_PARENT}
    assert orphans["zscore"].notna().all() and not orphans["flagged"].any()


def test_names_the_gazetteer_lacks_are_listed_by_the_register_and_the_command(tmp_path):
    record = extract_text(plan("Sở Công Thương", "7/KH-SCT",
                               "1. Trung tâm Khuyến công Kon Tum chủ trì tổ chức hội chợ hàng nông sản.\n"
                               "2. Sở Tài chính chủ trì bố trí kinh phí thực hiện kế hoạch năm 2025."), "kc.txt")
    assert record["unknown_agencies"] == ["Trung tâm Khuyến công Kon Tum"]
    store = open_store(tmp_path / "store")
    build_records([record], store)
    assert agency_register(store, unknown=True)["agency"].tolist() == ["Trung tâm Khuyến công Kon Tum"]
    store.close()
    result = CliRunner().invoke(main, ["agencies", "--unknown", "--store", str(tmp_path / "store"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Trung tâm Khuyến công Kon Tum" in result.output and "Sở Tài chính" not in result.output
    result = CliRunner().invoke(main, ["agencies", "--place", "Atlantis", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1 and "unknown place" in result.output and "Traceback" not in result.output


def test_a_name_ends_where_the_name_ends_not_in_the_task_after_it():
    record = extract_text(
        "ỦY BAN NHÂN DÂN\nXÃ HỢP THÀNH\n-------\nCỘNG HÒA\nXÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 10/KH-UBND\nHợp Thành, ngày 12 tháng 12 năm 2025\nKẾ HOẠCH\nPhát triển kinh tế tuần hoàn\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa - Xã hội:\nTheo dõi, tổng hợp kết quả thực hiện kế hoạch hằng năm.\n"
        "2. Phòng Kinh tế:\na) Chủ trì, phối hợp với Công an xã, Phòng Văn hóa - Xã hội tái sử dụng phụ phẩm nông "
        "nghiệp trên địa bàn xã.\n3. Công an xã:\nPhối hợp với Phòng Kinh tế từng bước hoàn thiện hạ tầng mạng.\n",
        "hop-thanh.txt")
    assert record["document"]["issuer"] == "Ủy ban nhân dân xã Hợp Thành"  # the motto's line is no commune
    names = {n for task in record["tasks"] for role in ("lead", "support", "implement") for n in task[role]}
    assert {"Phòng Văn hóa - Xã hội", "Phòng Kinh tế"} <= names
    assert not [n for n in names if n.endswith(("tái", "bước", "sử dụng"))]


def test_a_department_office_run_on_into_the_task_is_cut_at_the_department():
    record = extract_text(plan("Sở Giáo dục và Đào tạo", "3/KH-SGDĐT",
                               "1. Thanh tra Sở thí điểm mô hình trường học số ở vùng đồng bào dân tộc thiểu số."),
                          "sgd.txt")
    assert record["tasks"][0]["implement"] + record["tasks"][0]["lead"] == ["Thanh tra Sở Giáo dục và Đào tạo"]


def test_a_cited_document_issued_by_a_minister_is_issued_by_the_ministry():
    from policykg.graph.agencies import issuer_ref

    assert issuer_ref("Bộ trưởng Bộ Tài chính", "Kon Tum").iri == issuer_ref("Bộ Tài chính", "Kon Tum").iri
    assert issuer_ref("Giám đốc Sở Y tế", "Kon Tum").iri == issuer_ref("Sở Y tế", "Kon Tum").iri
    # the Prime Minister issues in his own name (Quyết định …/QĐ-TTg), not as the Government
    assert issuer_ref("Thủ tướng Chính phủ", None).iri != issuer_ref("Chính phủ", None).iri
