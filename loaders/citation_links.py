"""Which cited document carries out which, as the text states it: "A … về thực hiện B" (A
implements B), "A … ban hành Kế hoạch thực hiện B và C", and B named by its kind and subject
instead of its number ("… thực hiện Nghị quyết Hội nghị Trung ương 8 (khóa XI) về …").

Read from the words between two citations (:func:`implements_gap`) of
:func:`policykg.loaders.citations.find_citations`.
"""
from __future__ import annotations

import re
from typing import Sequence

from policykg.loaders.citations import KIND_BY_FOLD, KIND_RE, Citation, find_citations

__all__ = ["coordinated", "implements_gap", "relations_in", "subject_index", "subject_key", "unnumbered_relations"]

# What a plan-like document is called when another is said to be issued or approved to carry it out.
_DOC_NOUN = r"(?:kế hoạch hành động|kế hoạch|chương trình hành động|chương trình|đề án|chiến lược|quy hoạch)"
# The plan A issues or approves, with its title: "ban hành Chương trình hành động của Chính phủ",
# "phê duyệt “Chiến lược dữ liệu … đến năm 2030"; after "về" the plan may stand alone.
_PLAN = rf"[“\"«]?\s*{_DOC_NOUN}(?:\s+[^;.“”\"]{{1,120}}?)?\s+(?:để\s+)?"
_ISSUES_PLAN = rf"(?:ban hành|phê duyệt)\s+{_PLAN}"
_ABOUT = rf"về\s+(?:việc\s+)?(?:{_ISSUES_PLAN}|{_PLAN})?"
# "A … thực hiện B", casefolded, from A's end to B's start; after the verb, B's kind printed outside
# its citation ("thực hiện “Đề án 08-ĐA/TU"). Words between A's issuer and "về" are not skipped:
# they are as often a verb of A's own ("… giám sát chuyên đề về thực hiện B": A supervises B).
_IMPLEMENTS_GAP = re.compile(
    rf"^[,;]?\s*(?:\([^()]*\)\s*)?(?:{_ABOUT}|(?:việc\s+)?(?:{_ISSUES_PLAN})?)"
    r"(?:tiếp tục\s+)?(?:triển khai\s*,?\s*(?:thực hiện|thi hành)?|thực hiện|thi hành)"
    rf"\s*(?:[“\"«]\s*)?(?:(?:{KIND_RE.lower()})\s*(?:số\s*)?)?$"
    r"|^[,;]?\s*quy định chi tiết(?:\s+thi hành)?(?:\s+một số điều(?:\s+của)?)?\s*$"
)
# The next document of a list may restate its kind outside its citation ("… và Kế hoạch hành động
# số 328-KH/TU").
_RESTATED = rf"(?:(?:{KIND_RE})(?:\s+hành động)?\s*(?:số\s*)?)?"
_JOIN = re.compile(rf"^\s*(?:,|và|,\s*và)\s*{_RESTATED}$", re.IGNORECASE)
_AND = re.compile(rf"^\s*,?\s*và\s*{_RESTATED}$", re.IGNORECASE)


def implements_gap(gap: str) -> bool:
    """Whether the words between two citations say the first implements the second.

    Examples
    --------
    >>> implements_gap(" về tiếp tục thực hiện "), implements_gap(" ban hành Kế hoạch thực hiện ")
    (True, True)
    >>> implements_gap(" sửa đổi, bổ sung "), implements_gap(" và ")
    (False, False)
    """
    return bool(_IMPLEMENTS_GAP.match(re.sub(r"\s+", " ", gap).casefold()))


def coordinated(text: str, cites: Sequence[Citation], index: int) -> list[Citation]:
    """The citation at ``index`` and those coordinated with it: "A và B", "A, B và C".

    A list joined by commas alone ("A, B, C") is not taken as coordination: in these documents it
    just as often lists further documents after the end of A's own citation.

    Examples
    --------
    >>> t = "Nghị quyết số 1/NQ-CP, Nghị quyết số 2/NQ-CP và Kết luận số 3-KL/TW, Chỉ thị số 4-CT/TW"
    >>> [c.id for c in coordinated(t, find_citations(t), 0)]
    ['1/NQ-CP', '2/NQ-CP', '3-KL/TW']
    """
    chain = [cites[index]]
    last_and = 0
    j = index + 1
    while j < len(cites):
        gap = text[cites[j - 1].end:cites[j].start]
        if not _JOIN.match(gap):
            break
        chain.append(cites[j])
        if _AND.match(gap):
            last_and = len(chain) - 1
        j += 1
    return chain[:last_and + 1]


def relations_in(text: str, cites: Sequence[Citation] | None = None) -> list[tuple[Citation, Citation]]:
    """Pairs (A, B) where the text states that A implements B.

    "A … thực hiện B và C" gives A→B and A→C; "A và B thực hiện C" gives only B→C, since the
    sentence says nothing more about A.

    Examples
    --------
    >>> t = ("Kế hoạch số 6121/KH-UBND ngày 22/7/2024 của UBND tỉnh về thực hiện Nghị quyết số "
    ...      "68/NQ-CP ngày 09/5/2024 của Chính phủ và Chương trình hành động số 78-CTr/TU")
    >>> [(a.id, b.id) for a, b in relations_in(t)]
    [('6121/KH-UBND', '68/NQ-CP'), ('6121/KH-UBND', '78-CTr/TU')]
    """
    cites = find_citations(text) if cites is None else cites
    pairs: list[tuple[Citation, Citation]] = []
    for i in range(len(cites) - 1):
        a, b = cites[i], cites[i + 1]
        if b.start < a.end or not implements_gap(text[a.end:b.start]):
            continue
        for target in coordinated(text, cites, i + 1):
            if target.id != a.id:
                pairs.append((a, target))
    return pairs


_SUBJECT_AFTER = re.compile(r"\s*,?\s*(?:\((?:khóa|khoá)\s+[IVXL]+\)\s*)?[\"“«]?\s*về\s+(?P<subject>[^\"”»;.]{15,200})",
                            re.IGNORECASE)
_UNNUMBERED = re.compile(rf"(?P<kind>{KIND_RE})(?P<name>(?:\s+(?!về\b)[^\s,;.]+){{1,8}}?)\s+[\"“«]?\s*về\s+"
                         r"(?P<subject>[^\"”»;.]{15,200})", re.IGNORECASE)


def subject_key(subject: str, words: int = 6) -> str:
    """The first words of a document's subject ("về đổi mới căn bản, toàn diện giáo dục …"), folded."""
    return " ".join(re.sub(r"[^\w\s]", " ", subject.casefold()).split()[:words])


def subject_index(texts: list[str]) -> dict[tuple[str, str], str]:
    """(kind, subject key) -> id, for every numbered citation followed by its subject."""
    index: dict[tuple[str, str], str] = {}
    for text in texts:
        for c in find_citations(text):
            if c.kind and (m := _SUBJECT_AFTER.match(text, c.end)):
                index.setdefault((c.kind, subject_key(m["subject"])), c.id)
    return index


def unnumbered_relations(text: str, index: dict[tuple[str, str], str]) -> list[tuple[Citation, str]]:
    """"A … về tiếp tục thực hiện Nghị quyết Hội nghị Trung ương 8 (khóa XI) về <subject>": A implements
    the document the same text cites by number with that kind and subject.

    Examples
    --------
    >>> idx = subject_index(["Nghị quyết số 29-NQ/TW của Trung ương về đổi mới căn bản, toàn diện giáo dục"])
    >>> t = ("Kết luận số 51-KL/TW của Ban Bí thư về tiếp tục thực hiện Nghị quyết Hội nghị Trung ương 8 "
    ...      "(khóa XI) về đổi mới căn bản, toàn diện giáo dục và đào tạo")
    >>> [(a.id, b) for a, b in unnumbered_relations(t, idx)]
    [('51-KL/TW', '29-NQ/TW')]
    """
    out = []
    cites = find_citations(text)
    for i, a in enumerate(cites):
        limit = cites[i + 1].start if i + 1 < len(cites) else len(text)
        for m in _UNNUMBERED.finditer(text, a.end, limit):
            if not implements_gap(text[a.end:m.start()]):
                continue
            kind = KIND_BY_FOLD.get(re.sub(r"\s+", " ", m["kind"]).casefold())
            target = index.get((kind, subject_key(m["subject"]))) if kind else None
            if target and target != a.id:
                out.append((a, target))
            break
    return out
