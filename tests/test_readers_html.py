"""Saved web pages: the document body of a legal-document or provincial portal page is kept, the
site furniture (menus, related lists, share bars, footers) is dropped."""
from __future__ import annotations

import pytest

from policykg.loaders.read import ReadError, read_document
from policykg.loaders.readers import legacy

pytest.importorskip("lxml", reason="lxml is an install requirement: pip install -e .")

BODY = """
<p align="center"><b>KẾ HOẠCH</b></p>
<p>Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương<a href="#_ftn1"
   name="_ftnref1"><sup>[1]</sup></a>, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:</p>
<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai các nhiệm vụ.</p>
<ol type="a"><li>Tổ chức hội nghị quán triệt.</li><li>Tuyên truyền, phổ biến rộng rãi.</li></ol>
<ul><li>Báo cáo kết quả trước ngày 15/12 hằng năm.</li></ul>
<table border="1"><tr><td>STT</td><td>Nhiệm vụ</td><td>Đơn vị chủ trì</td></tr>
<tr><td>1</td><td>Tuyên&nbsp;truyền</td><td>Sở Văn hóa, Thể thao và Du lịch</td></tr></table>
<div id="ftn1"><p><a href="#_ftnref1">[1]</a> Về đổi mới căn bản, toàn diện giáo dục và đào tạo.</p></div>
"""
EXPECTED = [
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương[footnoteRef:1], "
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính triển khai các nhiệm vụ.",
    "a) Tổ chức hội nghị quán triệt.",
    "b) Tuyên truyền, phổ biến rộng rãi.",
    "- Báo cáo kết quả trước ngày 15/12 hằng năm.",
    "STT | Nhiệm vụ | Đơn vị chủ trì |",
    "1 | Tuyên truyền | Sở Văn hóa, Thể thao và Du lịch |",
    "[1: Về đổi mới căn bản, toàn diện giáo dục và đào tạo.]",
]
MENU = """<div id="header"><ul class="menu"><li><a href="/">Trang chủ</a></li>
<li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/van-ban">Văn bản chỉ đạo điều hành</a></li>
</ul><form><input name="q"><button>Tìm kiếm</button></form></div>"""
RELATED = """<div class="box"><h3>Văn bản liên quan</h3><ul>
<li><a href="/1">Quyết định số 12/QĐ-UBND về kiện toàn Ban chỉ đạo</a></li>
<li><a href="/2">Kế hoạch số 45/KH-UBND về chuyển đổi số</a></li>
<li><a href="/3">Công văn số 678/UBND-VX về tuyển sinh</a></li></ul></div>"""
FOOTER = """<div id="footer">Cơ quan chủ quản: Ủy ban nhân dân tỉnh. Địa chỉ: số 1 đường Trần Hưng Đạo.
</div><script>var tracking = "Sở Giáo dục";</script>"""


def page(body_class: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kế hoạch</title></head><body>"
            f"{MENU}<div class=\"wrap\"><div class=\"col-main\"><h1 class=\"title\">Kế hoạch 12</h1>"
            f"<div class=\"{body_class}\">{BODY}<div class=\"share-tools\"><a href=\"#\">Facebook</a>"
            f"<a href=\"#\">Zalo</a><a href=\"#\">In trang</a></div></div></div>"
            f"<div class=\"col-right\">{RELATED}</div></div>{FOOTER}</body></html>")


@pytest.mark.parametrize("body_class", ["toanvancontent", "content1", "journal-content-article"])
def test_known_portal_containers(tmp_path, body_class):
    path = tmp_path / "vb.html"
    path.write_text(page(body_class), encoding="utf-8")
    assert read_document(path).split("\n") == EXPECTED


def test_unknown_layout_found_by_text_density(tmp_path):
    path = tmp_path / "tinh.htm"
    path.write_text(page("post-body-7"), encoding="utf-8")
    lines = read_document(path).split("\n")
    assert lines[: len(EXPECTED)] == EXPECTED or lines[1:] == EXPECTED  # the page title may lead
    text = "\n".join(lines)
    for furniture in ("Trang chủ", "Văn bản liên quan", "Quyết định số 12/QĐ-UBND", "Cơ quan chủ quản",
                      "tracking", "Facebook"):
        assert furniture not in text


def test_declared_windows_1258_page(tmp_path):
    html = page("toanvancontent").replace('charset="utf-8"', 'charset="windows-1258"')
    path = tmp_path / "cu.html"
    path.write_bytes(legacy.encode_windows_1258(html))
    assert read_document(path).split("\n") == EXPECTED


def test_tcvn3_page_without_declaration(tmp_path):
    from test_readers_legacy import encode_tcvn3

    body = "<p>Së Tµi chÝnh chñ tr× thÈm ®Þnh kinh phÝ thùc hiÖn kÕ ho¹ch n¨m häc.</p>"
    path = tmp_path / "abc.html"
    path.write_bytes(f"<html><body><div class='noidung'>{body}</div></body></html>".encode("latin-1"))
    assert read_document(path) == "Sở Tài chính chủ trì thẩm định kinh phí thực hiện kế hoạch năm học."
    assert encode_tcvn3("Sở") == "Së".encode("latin-1")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"<html><body><script>var a = 1;</script></body></html>", "no document text"),
])
def test_pages_without_a_document(tmp_path, content, reason):
    path = tmp_path / "x.html"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_document(path)
