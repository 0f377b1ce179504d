"""The generator's layouts (policykg.sample.layouts): each layout on a short plan written for these
tests, determinism, records unchanged by the layout, and the --layout option of demo-corpus."""
from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.sample import generate_corpus
from policykg.sample.blocks import parse
from policykg.sample.layouts import CHOICES, REAL, lay_out, render, wrap, wrapped
from policykg.sample.pdftext import pdftext
from policykg.sample.portal import portal

HEAD = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
An Giang, ngày 02 tháng 3 năm 2026
"""
BODY = """
KẾ HOẠCH
Triển khai thực hiện Kế hoạch số 40-KH/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy về phát triển giao thông nông thôn

Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;
Căn cứ Kế hoạch số 40-KH/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy về phát triển giao thông nông thôn;
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Cụ thể hóa các nhiệm vụ của Kế hoạch số 40-KH/TU phù hợp với tình hình thực tiễn của tỉnh, bảo đảm đồng bộ, thống nhất giữa các cấp, các ngành và các tổ chức chính trị - xã hội.
b) Xác định rõ trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện.
II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU VỀ PHÁT TRIỂN HẠ TẦNG GIAO THÔNG NÔNG THÔN VÀ ĐÔ THỊ TRÊN ĐỊA BÀN TỈNH
STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn |
1 | Rà soát quy hoạch mạng lưới đường giao thông nông thôn trên địa bàn các xã, phường | Sở Xây dựng | Sở Tài chính; Ủy ban nhân dân các xã, phường | Quý II/2026 |
2 | Huy động nguồn lực xã hội hóa để đầu tư, bảo trì đường giao thông nông thôn | Sở Tài chính | | Năm 2026 |

III. TỔ CHỨC THỰC HIỆN
1. Giao Sở Xây dựng chủ trì, phối hợp với Ủy ban nhân dân các xã, phường theo dõi, đôn đốc việc thực hiện Kế hoạch này; định kỳ báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.
2. Các sở, ban, ngành căn cứ chức năng, nhiệm vụ được giao chủ động tổ chức thực hiện./.
Nơi nhận:
- Thường trực Tỉnh ủy (b/c);
- Lưu: VT, KT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Văn Minh
"""
TEXT = HEAD + BODY
TABLE = [line for line in TEXT.splitlines() if line.endswith(" |")]
RULES = re.compile(r"^-{5,}$")


def words(text: str) -> list[str]:
    """Words of printed text, markup, cell bars and rules left out."""
    out = []
    for token in text.split():
        token = token.strip("*")
        if token and token != "|" and not RULES.match(token):
            out.append(token)
    return out


# -- wrapped ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [60, 72, 95])
@pytest.mark.parametrize("spaced", [False, True])
def test_wrapped_keeps_lines_under_the_width_and_the_words_in_order(width, spaced):
    out = wrapped(parse(TEXT), random.Random(width), width=width, spaced=spaced)
    prose = [line for line in out.splitlines() if line not in TABLE]
    assert max(len(line) for line in prose) <= width
    assert words(out) == words(TEXT)
    assert all(row in out.splitlines() for row in TABLE)  # a table row stays whole
    assert ("" in out.splitlines()) is spaced


def test_wrapped_breaks_fall_inside_sentences_names_citations_and_headings():
    pages = {w: wrapped(parse(TEXT), random.Random(1), width=w, spaced=False).splitlines() for w in range(60, 96)}
    ends = {line.rsplit(" ", 1)[-1] for lines in pages.values() for line in lines}
    assert any(line.endswith(("Ủy", "Ủy ban", "Ủy ban nhân")) for lines in pages.values() for line in lines)
    assert any(line.endswith(("Kế hoạch", "Kế hoạch số")) for lines in pages.values() for line in lines)
    assert "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU VỀ PHÁT TRIỂN HẠ TẦNG GIAO" in pages[60]
    assert {"chính", "Thường", "thống"} & ends  # inside sentences, not at their ends


def test_a_continuation_line_never_starts_like_a_list_item():
    text = "tổ chức chính trị - xã hội và các đoàn thể theo Điều 1. Quy định tại khoản 2 a) của Luật"
    for width in range(12, 60):
        for line in wrap(text, width)[1:]:
            assert not re.match(r"^(?:-|\d+\.|[a-z]\))\s", line), (width, line)


def test_wrap_takes_a_short_first_line():
    assert wrap("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", 40, first=20) == \
        ["Thực hiện Nghị quyết", "số 57-NQ/TW ngày 22/12/2024 của Bộ Chính", "trị"]


# -- portal ----------------------------------------------------------------------------------------

def test_portal_writes_the_header_as_table_cells():
    lines = portal(parse(TEXT), random.Random(2), furniture=False).splitlines()
    assert lines[0] == "|"
    cells = "\n".join(lines[:lines.index("Số: 12/KH-UBND") + 1])
    assert re.search(r"^\*\*ỦY BAN", cells, re.M)
    for part in ("TỈNH AN", "-------", "Độc lập - Tự do - Hạnh phúc", "---------------"):
        assert part in cells
    assert re.search(r"^\*\*CỘNG HÒA", cells, re.M)
    assert "|\n|\nSố: 12/KH-UBND" in cells  # a pair of bars between the head's two rows
    date = lines[lines.index("Số: 12/KH-UBND") + 2]
    assert date.startswith("*An Giang, ngày")


def test_portal_writes_tables_one_cell_a_line():
    lines = portal(parse(TEXT), random.Random(2), furniture=False).splitlines()
    start, end = lines.index("**STT**") - 1, next(i for i, line in enumerate(lines) if line.startswith("**III."))
    table = [line for line in lines[start:end] if line]
    assert table[0] == "|" and table[-1] == "|"
    groups, cell = [], []
    for line in table[1:]:
        if line == "|":
            groups.append(" ".join(cell).replace("**", ""))
            cell = []
        else:
            cell.append(line)
    # Between two bars: a cell (wrapped over lines, nothing when empty), or a row break.
    rows = [[c.strip() for c in line[:-1].split("|")] for line in TABLE]
    assert groups == rows[0] + [""] + rows[1] + [""] + rows[2]
    assert lines[start + 1] == "**STT**"  # header cells in bold


def test_portal_keeps_every_word_in_order_and_bolds_headings_across_lines():
    out = portal(parse(TEXT), random.Random(4), furniture=False)
    assert words(out) == words(TEXT)
    lines = out.splitlines()
    opened = [line for line in lines if line.startswith("**II. NHIỆM VỤ")]
    assert opened and not opened[0].endswith("**")  # the heading's bold run spans its line break
    assert "**KẾ HOẠCH**" in lines


def test_portal_furniture_carries_the_documents_attributes():
    lines = portal(parse(TEXT), random.Random(5), furniture=True).splitlines()
    assert "Đang tải văn bản..." in lines
    for label, value in (("Số hiệu", "12/KH-UBND"), ("Loại văn bản", "Kế hoạch"), ("Nơi ban hành", "Tỉnh An Giang"),
                         ("Người ký", "Trần Văn Minh"), ("Ngày ban hành", "02/03/2026")):
        at = lines.index(f"**{label}:**")
        assert lines[at + 1:at + 3] == ["|", value]
    assert lines.index("Đang tải văn bản...") < lines.index("Số: 12/KH-UBND")


# -- pdftext ---------------------------------------------------------------------------------------

def test_pdftext_sets_the_header_side_by_side():
    lines = pdftext(parse(TEXT), random.Random(3)).splitlines()
    assert re.match(r"^\s*ỦY BAN NHÂN DÂN\s{2,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", lines[0])
    assert re.match(r"^\s+TỈNH AN GIANG\s{2,}Độc lập - Tự do - Hạnh phúc$", lines[1])
    assert any(re.match(r"^\s*Số: 12/KH-UBND\s{2,}An Giang, ngày 02 tháng 3 năm 2026$", line) for line in lines)


def test_pdftext_indents_paragraphs_and_lays_tables_in_columns():
    lines = pdftext(parse(TEXT), random.Random(3), width=80, page=1000).splitlines()
    first = next(line for line in lines if "Cụ thể hóa" in line)
    assert re.match(r"^ {4,8}a\) Cụ thể hóa", first)
    assert not first.endswith("hội.")  # wrapped: the paragraph goes on at the margin
    body = lines[next(i for i, line in enumerate(lines) if "Căn cứ Luật" in line):
                 next(i for i, line in enumerate(lines) if line.startswith("STT"))]
    assert "" not in body  # no blank lines between paragraphs
    header = next(line for line in lines if line.startswith("STT"))
    assert re.split(r"\s{2,}", header.strip()) == ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"]
    signed = next(line for line in lines if "KT. CHỦ TỊCH" in line or "TM. ỦY BAN NHÂN DÂN" in line)
    assert re.search(r"\S\s{4,}(?:KT\. CHỦ TỊCH|TM\. ỦY BAN NHÂN DÂN)$", signed)  # beside the recipients


def test_pdftext_numbers_pages_alone_on_a_line_and_keeps_every_word():
    out = pdftext(parse(TEXT), random.Random(3), width=80, page=15)
    assert out.endswith("\f") and out.count("\f") >= 3  # pdftotext ends every page with a form feed
    lines = out.replace("\f", "\n").splitlines()
    numbers = [line for line in lines if re.fullmatch(r"\s+\d+", line)]
    assert [n.strip() for n in numbers][:2] in (["2", "3"], ["1", "2"])
    assert Counter(words(out)) - Counter(w for n in numbers for w in n.split()) == Counter(words(TEXT))


def test_pdftext_reads_a_pipe_header_as_the_same_two_columns():
    piped = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nTỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc |\n"
             "Số: 12/KH-UBND | An Giang, ngày 02 tháng 3 năm 2026 |\n" + BODY)
    assert pdftext(parse(piped), random.Random(3)) == pdftext(parse(TEXT), random.Random(3))


# -- render, mixed, determinism --------------------------------------------------------------------

def test_clean_is_the_text_unchanged():
    assert render(TEXT, "clean", random.Random(0)) == TEXT


def test_every_layout_is_deterministic_for_its_random_state():
    for layout in CHOICES:
        assert render(TEXT, layout, random.Random(9)) == render(TEXT, layout, random.Random(9))
    assert lay_out(TEXT, "mixed", "7/a") == lay_out(TEXT, "mixed", "7/a")


def test_mixed_gives_documents_different_layouts():
    chosen = {lay_out(TEXT, "mixed", f"1/doc{k}")[1] for k in range(30)}
    assert chosen == set(REAL)


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="unknown layout"):
        render(TEXT, "scan", random.Random(0))


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_mixed_corpus_is_the_same_bytes_for_a_seed_and_means_the_same_records(tmp_path):
    generate_corpus(30, seed=2, out=tmp_path / "a", layout="mixed")
    generate_corpus(30, seed=2, out=tmp_path / "b", layout="mixed")
    generate_corpus(30, seed=2, out=tmp_path / "clean")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a" / "gold") == digest(tmp_path / "clean" / "gold")
    docs, clean = digest(tmp_path / "a" / "docs"), digest(tmp_path / "clean" / "docs")
    assert all(docs[name] != clean[name] for name in docs)
    rows = [json.loads(line) for line in (tmp_path / "a" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["layout"] for r in rows} == set(REAL)


def test_demo_corpus_layout_option(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["demo-corpus", "-n", "8", "--seed", "3", "--layout", "portal", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "(portal 8)" in result.output
    rows = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["layout"] for r in rows} == {"portal"}
    assert all(p.read_text(encoding="utf-8").startswith("|") for p in (tmp_path / "docs").glob("*.txt"))
    bad = runner.invoke(main, ["demo-corpus", "-n", "8", "--layout", "scan", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "Invalid value for '--layout'" in bad.output and "Traceback" not in bad.output
    assert not (tmp_path / "x").exists()
