"""Agency names end where the name ends (issue 15), over every name read from the seeds and the
real documents in ../shared/dev that the gazetteer does not know (its own names are curated).

The rule, written down: a name never ends on a linking word ("của", "và", "với", "các", "cho",
"tại", "thuộc", "về", "trên", "cùng"), never holds a table bar or a line's fragment of a time
("trước ngày", "hằng năm"), and never runs on into the task's verb (a lower-case verb phrase of the
loaders' verb lexicon after its first word).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from policykg.loaders import extract_file
from policykg.loaders.agencies import Gazetteer
from policykg.loaders.agency_words import TRAILING, VERB_PHRASES, tokenize

SHARED = Path(__file__).resolve().parents[2] / "shared"
ROLES = ("lead", "support", "implement")


def bad_ending(name: str) -> str | None:
    """Why a name is not a name, or None.

    Examples
    --------
    >>> bad_ending("Ban Chỉ đạo bầu cử của"), bad_ending("Thanh tra Sở phát triển y học"), bad_ending("Sở Y tế")
    ("ends on 'của'", "runs into the verb 'phát triển'", None)
    """
    toks = [t for t in tokenize(name) if t.key not in {",", "-", "–"}]
    if toks and toks[-1].key in TRAILING:
        return f"ends on {toks[-1].text!r}"
    if "|" in name or re.search(r"\b(?:trước ngày|hằng năm|hàng năm|hằng tháng)\b", name):
        return "holds a table bar or a time"
    for before, a, b in zip(toks, toks[1:], toks[2:]):
        if (before.key, a.key, b.key) == ("dục", "thường", "xuyên"):
            continue  # "giáo dục thường xuyên", continuing education, is a field in names
        if a.text[:1].islower() and b.text[:1].islower() and (a.key, b.key) in VERB_PHRASES:
            return f"runs into the verb '{a.text} {b.text}'"
    return None


def test_the_rule_on_names_written_for_the_test():
    assert bad_ending("Văn phòng Ban Chỉ huy và") == "ends on 'và'"
    assert bad_ending("Phòng Kế hoạch - Tổng hợp trước ngày 18 hằng tháng") == "holds a table bar or a time"
    assert bad_ending("Ủy ban Kiểm tra Thành ủy phát triển chương") == "runs into the verb 'phát triển'"
    assert bad_ending("Đài Phát thanh và Truyền hình Thành phố") is None  # no verb "hình thành" in it
    assert bad_ending("Chi cục Phát triển nông thôn") is None  # "Phát triển" in capitals is part of the name


@pytest.mark.parametrize("folder", ["seeds", "dev/docs"])
def test_no_name_read_from_real_documents_runs_past_its_end(folder):
    docs = SHARED / folder
    if not docs.is_dir():
        pytest.skip(f"no documents at {docs} (../shared beside the repository)")
    gazetteer = Gazetteer.default()
    names = {n for path in sorted(docs.glob("*")) if path.suffix in (".txt", ".docx")
             for task in extract_file(path)["tasks"] for role in ROLES for n in task[role]
             if gazetteer.kind_of(n) == "unknown"}
    assert names
    bad = {n: why for n in names if (why := bad_ending(n))}
    assert not bad, bad
