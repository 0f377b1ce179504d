"""The text room (policykg.vietnamese): one form, one folding, one-line messages, used by every layer."""
from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest

from policykg.vietnamese import (
    ascii_fold,
    exact_key,
    first_line,
    fix_tones,
    has_diacritics,
    loose_key,
    nfc_modern,
    nfc_squeezed,
    one_line,
    plain_fold,
    printable,
    search_needle,
    slugify,
    sparql_fold,
    strip_diacritics,
)

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Ủy ban nhân dân tỉnh Hòa Bình", "Sở Giáo dục và Đào tạo", "Tỷ lệ trường đạt chuẩn quốc gia",
         "Ban Chấp hành Trung ương Đảng (khóa XI)", "Kỹ thuật, Lý luận", "Đắk Lắk", "QUÁN TRIỆT NGHỊ QUYẾT"]


def test_the_two_forms_differ_only_in_spacing():
    old = unicodedata.normalize("NFD", "Uỷ  ban\tnhân dân tỉnh Hoà Bình\n")
    assert nfc_modern(old) == "Ủy  ban\tnhân dân tỉnh Hòa Bình\n"  # lines and tabs carry structure
    assert nfc_squeezed(old) == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert fix_tones("thuở, quý, quà, toàn, khoẻ") == "thuở, quý, quà, toàn, khỏe"


@pytest.mark.parametrize("old, modern", [("Hoà Bình", "Hòa Bình"), ("Thanh Hoá", "Thanh Hóa"), ("UỶ BAN", "ỦY BAN"),
                                         ("thuỷ lợi", "thủy lợi")])
def test_old_and_modern_tone_placement_give_the_same_keys(old, modern):
    assert exact_key(old) == exact_key(modern) and loose_key(old) == loose_key(modern)
    assert slugify(old) == slugify(modern) and sparql_fold(old) == sparql_fold(modern)


def test_keys():
    assert exact_key("Tỷ lệ  HOÀN thành") == "tỉ lệ hoàn thành" and loose_key("Tỷ lệ") == "ti le"
    assert exact_key("quản") != exact_key("quan") and loose_key("quản") == loose_key("quan")
    assert loose_key("Ban Chấp hành (khóa XI)") == "ban chap hanh khoa xi"
    assert has_diacritics("Đà") and not has_diacritics("Da Nang")
    assert strip_diacritics("Đường Ương") == "Duong Uong" and ascii_fold(" Lâm  Đồng ") == "Lam Dong"
    assert plain_fold("Sở Y tế, Kon Tum") == "so y te, kon tum"
    assert slugify("628/QĐ-TTg") == "628-qd-ttg" and slugify("…") == "x"
    assert search_needle("quán triệt Nghị quyết") == "triet" and search_needle("a") is None


def _fold_expression() -> str:
    rq = (ROOT / "queries" / "agencies.rq").read_text(encoding="utf-8")
    found = re.search(r"BIND\((.*?) AS \?folded\)", rq, re.S)
    assert found, "agencies.rq has no ?folded"
    return found.group(1)


@pytest.mark.parametrize("text", NAMES)
def test_sparql_fold_is_what_the_rq_searches_compute(text):
    """The store folds in SPARQL, Python folds the needle: they must agree, or searches miss."""
    store = ox.Store()
    name = nfc_squeezed(text)  # the form the graph stores
    query = f"SELECT ?folded WHERE {{ BIND({ox.Literal(name)} AS ?name) BIND({_fold_expression()} AS ?folded) }}"
    [row] = list(store.query(query))
    assert row["folded"].value == sparql_fold(name)


def test_messages_are_one_printable_line():
    assert one_line(ValueError("not JSON:\n  at line 1"), where="a.json") == "a.json: not JSON: at line 1"
    assert one_line("a.json: empty", where="a.json") == "a.json: empty"  # the place once
    assert one_line(KeyError()) == "KeyError" and one_line("x" * 300, limit=10) == "x" * 9 + "…"
    assert first_line("bad SPARQL: error at 1:18\n  expected one of …") == "bad SPARQL: error at 1:18"
    assert len(first_line("y" * 500)) == 200 and first_line(OSError()) == "OSError"
    assert printable("k\udcffh.txt") == "k\\xffh.txt" and one_line("k\udcffh\n.txt") == "k\\xffh .txt"


# The room's functions, and the names the copies it replaced went by: none may be written again elsewhere.
_ONCE = {"nfc", "nfc_deep", "fix_tones", "nfc_modern", "nfc_squeezed", "nfc_squeezed_deep", "strip_diacritics",
         "ascii_fold", "fold_key", "exact_key", "loose_key", "has_diacritics", "plain_fold", "slugify",
         "sparql_fold", "search_needle", "one_line", "_one_line", "first_line", "_first_line", "printable"}


def test_each_text_function_is_written_once():
    found = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in ("vietnamese", "tests", "build", ".venv") or parts[0].startswith("."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in _ONCE:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not found, "written again outside policykg.vietnamese: " + ", ".join(found)
