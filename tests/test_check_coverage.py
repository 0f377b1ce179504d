"""policykg check: plans implementing documents that are not loaded, and task groups that every
other place carrying out the same central document includes (coverage gaps)."""
from __future__ import annotations

from pathlib import Path

from policykg.check import check_files, load_plan
from policykg.check.coverage import carried_out, coverage_findings, task_groups

GROUPS = {
    "quan-triet": ("Quán triệt, tuyên truyền, nâng cao nhận thức về đổi mới căn bản, toàn diện giáo dục và đào tạo",
                   "Sở Giáo dục và Đào tạo chủ trì tổ chức hội nghị quán triệt Kết luận đến cán bộ quản lý."),
    "doi-ngu": ("Phát triển, nâng cao chất lượng đội ngũ nhà giáo và cán bộ quản lý giáo dục",
                "Sở Nội vụ chủ trì tham mưu tuyển dụng đủ giáo viên theo định mức."),
    "chuyen-doi-so": ("Đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong giáo dục và đào tạo",
                      "Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng học tập trực tuyến."),
    "hoi-nhap": ("Đẩy mạnh hội nhập quốc tế, nâng cao năng lực ngoại ngữ trong giáo dục và đào tạo",
                 "Sở Ngoại vụ chủ trì kết nối các trường với đối tác giáo dục nước ngoài."),
}


def plan_text(province: str, number: str, carries_out: str, groups: list[str]) -> str:
    body = "\n".join(f"{i}. {GROUPS[g][0]}\n{GROUPS[g][1]}" for i, g in enumerate(groups, 1))
    return f"""ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH {province.upper()} | Độc lập - Tự do - Hạnh phúc |
Số: {number}/KH-UBND | {province}, ngày 02 tháng 6 năm 2025 |

KẾ HOẠCH
Triển khai thực hiện {carries_out}

I. MỤC ĐÍCH, YÊU CẦU
1. Cụ thể hóa các nhiệm vụ, giải pháp phù hợp với điều kiện thực tiễn của tỉnh.
II. NHIỆM VỤ, GIẢI PHÁP
{body}
III. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch này.

Trên đây là Kế hoạch triển khai thực hiện Kết luận số 91-KL/TW của Ủy ban nhân dân tỉnh {province}./.
"""


KL91 = "Kết luận số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị"
ALL = ["quan-triet", "doi-ngu", "chuyen-doi-so", "hoi-nhap"]


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_coverage_gap_of_one_province(tmp_path):
    folder = tmp_path / "plans"
    write(folder, "ha-giang.txt", plan_text("Hà Giang", "120", KL91, ALL))
    write(folder, "cao-bang.txt", plan_text("Cao Bằng", "98", KL91, ALL))
    gap = write(folder, "bac-giang.txt", plan_text(
        "Bắc Giang", "310", f"Kế hoạch số 45-KH/TU ngày 20/10/2024 của Tỉnh ủy Bắc Giang về thực hiện {KL91}",
        ["quan-triet", "doi-ngu", "chuyen-doi-so"]))
    plans = [load_plan(p) for p in sorted(folder.iterdir())]
    assert carried_out(plans[0], {}) == {"91-KL/TW"}  # Bắc Giang, through 45-KH/TU
    found = coverage_findings(plans)
    assert [(f.kind, f.severity, f.file) for f in found] == [("coverage-gap", "info", str(gap))]
    assert "hội nhập quốc tế" in found[0].message and "91-KL/TW" in found[0].message
    assert found[0].line == gap.read_text(encoding="utf-8").splitlines().index("II. NHIỆM VỤ, GIẢI PHÁP") + 1


def test_no_gap_when_all_include_it_or_too_few_places(tmp_path):
    folder = tmp_path / "plans"
    write(folder, "ha-giang.txt", plan_text("Hà Giang", "120", KL91, ALL))
    write(folder, "bac-giang.txt", plan_text("Bắc Giang", "310", KL91, ["quan-triet", "doi-ngu", "chuyen-doi-so"]))
    two = [load_plan(p) for p in sorted(folder.iterdir())]
    assert coverage_findings(two) == []  # one other place is no "every other province"
    write(folder, "cao-bang.txt", plan_text("Cao Bằng", "98", KL91, ["quan-triet", "doi-ngu", "chuyen-doi-so"]))
    three = [load_plan(p) for p in sorted(folder.iterdir())]
    assert coverage_findings(three) == []  # hội nhập is in one place only: not a central group


def test_task_groups_open_wrappers(tmp_path):
    text = plan_text("Hà Giang", "120", KL91, ALL).replace(
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Quán triệt", "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nhiệm vụ, giải pháp chung\n1.1. Quán triệt")
    plan = load_plan(write(tmp_path, "hg.txt", text))
    assert task_groups(plan)[0].text.startswith("Quán triệt, tuyên truyền")


def test_implements_a_document_not_loaded(tmp_path):
    folder = tmp_path / "plans"
    plan = write(folder, "bac-giang.txt", plan_text(
        "Bắc Giang", "310", f"Kế hoạch số 45-KH/TU ngày 20/10/2024 của Tỉnh ủy Bắc Giang về thực hiện {KL91}", ALL))
    found = [f for f in check_files([folder], shacl=False) if f.kind == "not-loaded"]
    assert [(f.severity, f.file, f.line) for f in found] == [("info", str(plan), 6)]
    assert found[0].message == "implements 45-KH/TU, which is not loaded"
    assert "Kế hoạch số 45-KH/TU" in found[0].text
    # Loading the provincial plan it carries out removes the finding (and that plan implements 91-KL/TW).
    write(folder, "tinh-uy.txt", """TỈNH ỦY BẮC GIANG | ĐẢNG CỘNG SẢN VIỆT NAM |
Số 45-KH/TU | Bắc Giang, ngày 20 tháng 10 năm 2024 |

KẾ HOẠCH
Thực hiện Kết luận số 91-KL/TW ngày 12/8/2024 của Bộ Chính trị

I. NHIỆM VỤ, GIẢI PHÁP
1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền, quán triệt Kết luận đến cán bộ, đảng viên.

Trên đây là Kế hoạch thực hiện Kết luận số 91-KL/TW của Tỉnh ủy Bắc Giang./.
""")
    found = [f for f in check_files([folder], shacl=False) if f.kind == "not-loaded"]
    assert [(f.file, f.message) for f in found] == [(str(folder / "tinh-uy.txt"), "implements 91-KL/TW, which is not loaded")]
