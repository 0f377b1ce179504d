"""policykg check: deadlines already past (--today) and deadlines after the plan's own horizon."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policykg.check import Plan, load_plan
from policykg.check.deadlines import deadline_findings, horizon_years, plan_horizon
from policykg.loaders.deadlines import deadline_end, due_years

PLAN = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH LẠNG SƠN | Độc lập - Tự do - Hạnh phúc |
Số: 77/KH-UBND | Lạng Sơn, ngày 20 tháng 10 năm 2025 |

KẾ HOẠCH
Chuyển đổi số trong giáo dục và đào tạo tỉnh Lạng Sơn giai đoạn 2026 - 2030

I. MỤC TIÊU
1. Mục tiêu đến năm 2030
Đến năm 2030, 100% cơ sở giáo dục sử dụng hồ sơ điện tử.
II. NHIỆM VỤ, GIẢI PHÁP
1. Xây dựng cơ sở dữ liệu ngành giáo dục của tỉnh.
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Thời gian thực hiện: Năm 2025.
2. Triển khai học bạ số cho học sinh tiểu học.
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Thời gian thực hiện: Quý IV/2026.
3. Hoàn thành hạ tầng mạng cho các trường vùng khó khăn.
- Đơn vị chủ trì: Sở Khoa học và Công nghệ.
- Thời gian thực hiện: trước ngày 20/12/2025.
4. Bồi dưỡng kỹ năng số cho giáo viên.
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Thời gian thực hiện: Thường xuyên.
5. Tổng kết việc thực hiện Kế hoạch.
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Thời gian thực hiện: Năm 2032.
III. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo chủ trì theo dõi, báo cáo Ủy ban nhân dân tỉnh trước ngày 05 tháng 12 hằng năm.

Trên đây là Kế hoạch chuyển đổi số trong giáo dục và đào tạo tỉnh Lạng Sơn./.
"""


def line_of(needle: str) -> int:
    return next(i for i, line in enumerate(PLAN.splitlines(), 1) if needle in line)


@pytest.fixture
def plan(tmp_path: Path):
    path = tmp_path / "ls.txt"
    path.write_text(PLAN, encoding="utf-8")
    return load_plan(path)


def test_past_and_after_horizon(plan):
    found = deadline_findings(plan, dt.date(2026, 3, 1))
    assert plan_horizon(plan) == 2030
    assert [(f.kind, f.severity, f.line) for f in found] == [
        ("deadline-past", "warning", line_of("1. Xây dựng cơ sở dữ liệu")),
        ("deadline-past", "warning", line_of("3. Hoàn thành hạ tầng")),
        ("deadline-after-horizon", "warning", line_of("5. Tổng kết"))]
    assert "Năm 2025" in found[0].message and "2026-03-01" in found[0].message
    assert "(2030)" in found[2].message


def test_today_moves_what_is_past(plan):
    assert [f.kind for f in deadline_findings(plan, dt.date(2025, 11, 1))] == ["deadline-after-horizon"]
    later = {f.line for f in deadline_findings(plan, dt.date(2027, 1, 2)) if f.kind == "deadline-past"}
    assert later == {line_of("1. Xây dựng"), line_of("2. Triển khai"), line_of("3. Hoàn thành")}


@pytest.mark.parametrize("printed, end", [
    ("Năm 2025", dt.date(2025, 12, 31)), ("2022", dt.date(2022, 12, 31)), ("Quý IV/2026", dt.date(2026, 12, 31)),
    ("Quý II năm 2026", dt.date(2026, 6, 30)), ("trước ngày 20/12/2025", dt.date(2025, 12, 20)),
    ("trước ngày 15 tháng 3 năm 2026", dt.date(2026, 3, 15)), ("tháng 6/2026", dt.date(2026, 6, 30)),
    ("Năm 2025 - 2026", dt.date(2026, 12, 31)), ("Phấn đấu đến năm 2030", dt.date(2030, 12, 31)),
    ("Thường xuyên", None), ("Hằng năm", None), ("Năm 2026, hàng năm", None), ("trước ngày 10/11 hằng năm", None),
    ("Năm 2024 và các năm tiếp theo", None), ("trước ngày 05 tháng 12", None), ("Khi Luật được ban hành", None),
    ("Quý IV/2025 - Quý II/2026", dt.date(2026, 6, 30)), ("trước ngày 31/02/2026", dt.date(2026, 12, 31)),
    ("Theo tiến độ của Luật An ninh mạng 2025", None)])
def test_deadline_end(printed, end):
    assert deadline_end(printed) == end


def test_recurring_and_horizon_words():
    # The check judges deadlines by the due years the graph stores: a recurring one is never past.
    assert due_years("định kỳ hằng năm")[1] is not None and due_years("Năm 2026")[1] is None
    assert horizon_years("Kế hoạch ... đến năm 2030, tầm nhìn đến năm 2045") == [2030, 2045]
    assert horizon_years("Triển khai Kế hoạch số 182-KH/TU ngày 04 tháng 12 năm 2024") == []
    no_horizon = Plan("p.txt", {"document": {"title": "Triển khai Quyết định số 628/QĐ-TTg ngày 11/5/2020"},
                                "tasks": [{"text": "Tổng kết", "deadline": "Năm 2040", "line": 3}]})
    assert deadline_findings(no_horizon, dt.date(2025, 1, 1)) == []
