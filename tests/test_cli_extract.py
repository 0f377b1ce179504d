"""`policykg extract` through click's CliRunner."""
import json

from click.testing import CliRunner

from policykg.cli import main

PLAN = "KẾ HOẠCH\nThực hiện Nghị quyết số 1/NQ-CP\n\nI. NHIỆM VỤ\n1. Sở Y tế chủ trì rà soát chính sách.\n"


def test_extract_writes_one_record_per_document(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "in" / "b.md").write_bytes(PLAN.encode("utf-16"))
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    a = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "out" / "b.json").read_text(encoding="utf-8"))
    assert a["tasks"][0]["lead"] == ["Sở Y tế"] and b["implements"] == ["1/NQ-CP"]
    assert "line" not in a["tasks"][0]


def test_provenance_flag(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--provenance"])
    rec = json.loads((tmp_path / "o" / "a.json").read_text(encoding="utf-8"))
    assert rec["tasks"][0]["line"] == 5


def test_unreadable_file_reported_others_extracted(tmp_path):
    (tmp_path / "good.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"),
                                       str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    errors = [l for l in result.output.splitlines() if l.startswith("error:")]
    assert len(errors) == 2 and any("bad.txt" in e for e in errors) and any("missing.txt" in e for e in errors)
    assert "Traceback" not in result.output
    assert (tmp_path / "o" / "good.json").exists()


def test_user_gazetteer_option(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN.replace("Sở Y tế", "TTYT huyện"), encoding="utf-8")
    (tmp_path / "g.tsv").write_text("Trung tâm Y tế huyện\tagency\tTTYT huyện\n", encoding="utf-8")
    CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                              "--gazetteer", str(tmp_path / "g.tsv")])
    rec = json.loads((tmp_path / "o" / "a.json").read_text(encoding="utf-8"))
    assert rec["tasks"][0]["lead"] == ["Trung tâm Y tế huyện"]
