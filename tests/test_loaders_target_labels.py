"""Target labels stand alone: they end at a clause boundary and their parentheses balance."""
from __future__ import annotations

import pytest

from policykg.loaders.normalise import normalise
from policykg.loaders.outline import build_outline
from policykg.loaders.target_labels import balance, tidy_label
from policykg.loaders.targets import extract_targets

# Goals in the printed style of plans, each cut by the value in a place that used to leave a fragment.
GOALS = """I. MỤC TIÊU
1. Chỉ tiêu đến năm 2030
- Tỷ lệ hộ dân được sử dụng nước sạch (theo quy chuẩn đạt trên 50% (khu vực nông thôn) đạt 95%.
- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi (chiều cao theo tuổi giảm xuống dưới 20%.
- Có 100% trường học (công lập và ngoài công lập có kết nối internet.
- Tốc độ tăng trưởng kinh tế bình quân đạt 8%/năm; tỷ lệ hộ nghèo giảm còn dưới 1%.
II. NHIỆM VỤ
1. Rà soát mạng lưới trường lớp.
"""


def labels() -> list[str]:
    return [t["text"] for t in extract_targets(build_outline(normalise(GOALS)))]


def test_every_label_balances_its_parentheses():
    found = labels()
    assert len(found) >= 5
    for label in found:
        depth = 0
        for ch in label:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            assert depth >= 0, label
        assert depth == 0, label


def test_no_label_ends_inside_a_clause():
    for label in labels():
        assert not label.rstrip().endswith(("(", ",", ";", ":", "đạt", "trên", "dưới", "còn", "xuống", "%")), label
        assert label.split()[-1] not in {"và", "hoặc", "là"}, label


def test_changes_and_averages_keep_their_words():
    found = labels()
    assert any(label.startswith("Tốc độ tăng trưởng kinh tế") for label in found), found
    assert any(label.endswith("hộ nghèo giảm") for label in found), found


@pytest.mark.parametrize("raw, tidy", [
    ("huyện 5/8", "huyện"),
    ("tỷ lệ xã đạt chuẩn nông thôn mới đạt trên 50% (", "tỷ lệ xã đạt chuẩn nông thôn mới"),
    ("khu vực nông thôn)", "khu vực nông thôn"),
    ("tỷ lệ trẻ em (dưới 5 tuổi) suy dinh dưỡng", "tỷ lệ trẻ em (dưới 5 tuổi) suy dinh dưỡng"),
    ("trường đạt chuẩn quốc gia mức độ 2", "trường đạt chuẩn quốc gia mức độ 2"),
    ("số xã có", "số xã"),
    ("đạt", "đạt"),  # nothing would be left: kept as it was
])
def test_tidy_label(raw, tidy):
    assert tidy_label(raw) == tidy


def test_balance_cuts_at_the_first_unclosed_parenthesis():
    assert balance("a (b (c) d") == "a"
    assert balance("a) b (c)") == "a b (c)"
