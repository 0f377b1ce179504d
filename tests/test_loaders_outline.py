"""Stage 3: the heading tree and the three table shapes."""
from policykg.loaders.normalise import normalise
from policykg.loaders.outline import build_outline, classify, split_row


def outline_of(text: str):
    return build_outline(normalise(text))


def test_heading_tree_nests_by_marker_kind():
    o = outline_of("I. NHIỆM VỤ\n1. Nhóm việc\n1.1. Việc con\na) Ý nhỏ\n- Gạch đầu dòng\n+ Ý phụ\nĐoạn văn.\nII- TỔ CHỨC")
    shape = [(n.kind, n.marker, n.parent.marker) for n in o.root.walk() if n.kind != "root"]
    assert shape == [("section", "I", ""), ("item", "1", "I"), ("item", "1.1", "1"), ("item", "a", "1.1"),
                     ("bullet", "-", "a"), ("bullet", "+", "-"), ("para", "", "+"), ("section", "II", "")]


def test_nodes_keep_their_line_numbers():
    o = outline_of("\n\nI. MỤC TIÊU\n\n1. Tăng tỷ lệ")
    assert [(n.marker, n.line) for n in o.root.walk() if n.kind != "root"] == [("I", 3), ("1", 5)]


def test_classify_does_not_take_a_percentage_for_an_item():
    assert classify("100% trường học đạt chuẩn")[0] == "para"
    assert classify("02 vùng trọng điểm")[0] == "para"
    assert classify("đ) Tăng cường")[:2] == ("item", "đ")


def test_pipe_table():
    o = outline_of("I. NHIỆM VỤ\nTT | Nhiệm vụ | Đơn vị chủ trì | Thời gian |\n1 | Rà soát quy hoạch | Sở Xây dựng | 2027 |")
    table = o.tables()[0]
    assert [r.cells for r in table.rows] == [["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
                                              ["1", "Rà soát quy hoạch", "Sở Xây dựng", "2027"]]


def test_tab_separated_table():
    assert split_row("2.\tTổng kết đề án\tHội nghị\tSở Y tế\t\t2028") == \
        ["2.", "Tổng kết đề án", "Hội nghị", "Sở Y tế", "", "2028"]


def test_one_cell_per_line_table_with_broken_row():
    text = "\n".join(["I. MỤC TIÊU", "\tSTT", "\tChỉ tiêu", "\tĐơn vị tính", "\tNăm 2030", "",
                      "\t1", "\tTỷ lệ trường đạt chuẩn", "", "\t%", "\t80", "",
                      "\t2", "\tTỷ lệ phòng học kiên cố", "\t%", "\t95"])
    rows = outline_of(text).tables()[0].rows
    assert [r.cells for r in rows] == [["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2030"],
                                       ["1", "Tỷ lệ trường đạt chuẩn", "%", "80"],
                                       ["2", "Tỷ lệ phòng học kiên cố", "%", "95"]]


def test_body_closes_and_appendix_tables_survive():
    text = "I. NHIỆM VỤ\n1. Việc một.\nTrên đây là Kế hoạch của tỉnh./.\nNơi nhận:\n- Như trên;\nPHỤ LỤC\n" \
           "TT | Nhiệm vụ | Đơn vị chủ trì |\n1 | Việc hai | Sở Y tế |"
    o = outline_of(text)
    kinds = [n.kind for n in o.root.walk()]
    assert "appendix" in kinds and len(o.tables()) == 1
    assert not any(n.text == "Như trên;" for n in o.root.walk())
