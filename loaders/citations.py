"""Citations: "<kind> số <id> ngày <date> của <issuer>" in all its printed variants.

One grammar reads a citation wherever it stands: the kind word (any case, so all-caps titles
work), an optional "số", the number and symbol with the stray spaces converters leave
("29- NQ/TW", "42 - NQ/TW"), an optional date ("ngày 04 tháng 11 năm 2013", "ngày 11/5/ 2020",
"năm 2013") and an optional issuer after "của". Laws cited by name ("Luật Giáo dục năm 2019") get
the id ``Luật <name> <year>``. Bare symbols ("29-NQ/TW" with no kind word) are found too, their
kind read off the symbol.

Between two citations, the words decide how they stand to each other: "A … về (tiếp tục) thực
hiện B", "A … ban hành Kế hoạch thực hiện B" state that A implements B (:func:`relations_in`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

KINDS = [
    "Chương trình hành động", "Chương trình", "Kế hoạch", "Nghị quyết liên tịch", "Nghị quyết",
    "Kết luận", "Chỉ thị", "Quyết định", "Nghị định", "Thông tư liên tịch", "Thông tư", "Công văn",
    "Văn bản", "Thông báo", "Hướng dẫn", "Quy định", "Đề án", "Pháp lệnh", "Thông tri", "Quy chế",
    "Báo cáo", "Tờ trình", "Công điện", "Luật",
]
KIND_BY_FOLD = {k.casefold(): k for k in KINDS}
# Symbol type code -> kind, for bare symbols and for documents whose kind word is missing.
SYMBOL_KINDS = {
    "NQ": "Nghị quyết", "KL": "Kết luận", "CT": "Chỉ thị", "QĐ": "Quyết định", "KH": "Kế hoạch",
    "CTr": "Chương trình hành động", "CTHĐ": "Chương trình hành động", "NĐ": "Nghị định",
    "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "HD": "Hướng dẫn", "TB": "Thông báo",
    "CV": "Công văn", "BC": "Báo cáo", "TTr": "Tờ trình", "ĐA": "Đề án", "QC": "Quy chế",
    "QyĐ": "Quy định", "CĐ": "Công điện",
}

_PART = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
# Number, optional year, then the symbol. Only the first separator may carry stray spaces; the
# rest of the symbol is printed tight, which keeps "29-NQ/TW - Về ..." from swallowing "Về".
# A hyphen printed tight after a part may be followed by a space before a capitals-only part
# ("227/QĐ- TTg", "92/2009/TT- BTC"): a symbol, never a word such as "Về".
_SPACED_PART = r"-\s(?=[A-ZĐ][A-ZĐ0-9&]+[a-z]?(?![\wà-ỹ]))[A-ZĐ][A-ZĐ0-9&]+[a-z]?"
ID = rf"\d{{1,5}}[a-z]?(?:\s*/\s*\d{{4}})?(?:\s*[-–/]\s*{_PART})(?:[-–/]{_PART}|{_SPACED_PART}){{0,3}}"
KIND_RE = "|".join(re.escape(k) for k in KINDS)
_DATE = (r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
         r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
         r"|(?P<d3>\d{1,2})-(?P<m3>\d{1,2})-(?P<y3>\d{4})")
_CITATION = re.compile(
    rf"(?P<kind>{KIND_RE})\s*(?:số\s*:?\s*)?(?P<id>{ID})"
    rf"(?P<tail>\s*,?\s*(?:ngày\s*(?:{_DATE})|năm\s+(?P<year>\d{{4}})))?",
    re.IGNORECASE,
)
_BARE = re.compile(
    rf"(?<![\w/-])(?P<id>\d{{1,5}}-{_PART}/{_PART}|\d{{1,5}}(?:/\d{{4}})?/{_PART}-{_PART})(?![\w/-])"
)
_LAW = re.compile(
    rf"(?<![\w])(?<!pháp )Luật\s+(?P<name>(?:sửa đổi,?\s*bổ sung\s+(?:một số điều của\s+)?Luật\s+)?[{UPPER}][\w]*)"
)
_LAW_STOP = re.compile(
    r"^(?:được|theo|trên|sau|đã|của|quy định|hiện hành|về|tại|để|nhằm|cho"
    r"|và (?:các|những|một|Luật|việc|sự|đổi mới|thực hiện|triển khai|hướng dẫn)\b"
    r"|đối với|trong|là|có|năm|ngày|số|hướng dẫn|thi hành|bảo đảm|đảm bảo|thuộc|với|ban hành"
    r"|và (?:pháp luật|Nghị|Thông|Quyết|Chỉ|Kế|Chương|các|những)|và$)\b"
)
# A comma that stays inside a law's name: "Luật sửa đổi, bổ sung ...", "Luật Phòng, chống ma túy",
# "Luật Quản lý, sử dụng tài sản công".
_LAW_COMMA = re.compile(r",\s*(?:bổ sung|chống|sử dụng|khai thác|bảo vệ)\b")
# A law's printed number or date after its name gives its year: "số 72/2025/QH15", "ngày 24/11/2017".
_LAW_DATE = re.compile(r"\s*(?:số\s+\d+/(?P<y1>\d{4})/QH\d*|ngày\s+\d{1,2}(?:\s*tháng\s*|/)\d{1,2}(?:\s*năm\s*|/)"
                       r"(?P<y2>\d{4}))")
_ISSUER_STOP = re.compile(
    r"^(?:về|thực hiện|ban hành|phê duyệt|quy định|giám sát|tiếp tục|triển khai|hướng dẫn|tổ chức|"
    r"phù hợp|tại|theo|trên|đã|để|nhằm|cho|trong|với|là|có|được|gồm|đối với|ngày|số|và các|"
    r"và (?:" + KIND_RE + r")|như|kèm theo|giai đoạn|đến|chỉ đạo)\b",
    re.IGNORECASE,
)
_OF = re.compile(r"\s*,?\s*của\s+", re.IGNORECASE)
_ISSUER_WORD = re.compile(r"\(?(?:khóa|khoá)\s+[IVXL]+\)?|[\w][\w-]*")
_ISSUER_LOWER = {
    "nhân", "dân", "tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường", "ủy", "đảng", "bộ",
    "khóa", "cán", "sự", "thường", "vụ", "chấp", "hành", "chính", "trị", "bí", "thư", "trung",
    "ương", "hội", "đồng", "quốc", "phủ", "tướng", "ban", "và", "đào", "tạo", "dục", "giáo",
}


@dataclass(frozen=True)
class Citation:
    """A document cited in a piece of text, with character offsets into that text."""

    id: str
    kind: str | None
    date: str | None
    issuer: str | None
    start: int
    end: int


def normalise_id(raw: str) -> str:
    """Spaces and "số" removed, dashes made ASCII, the state-symbol typo "N/QĐ/TTg" mended.

    A state document's symbol is "<type>-<issuer>" after the number, so a second slash where the
    hyphen belongs ("522/QĐ/TTg") is a typo for "522/QĐ-TTg".

    Examples
    --------
    >>> normalise_id("29- NQ/TW"), normalise_id("522/QĐ/TTg"), normalise_id("88/2014/QH13")
    ('29-NQ/TW', '522/QĐ-TTg', '88/2014/QH13')
    """
    text = unicodedata.normalize("NFC", raw).replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+|số", "", text)
    m = re.fullmatch(rf"(\d+[a-z]?)(/\d{{4}})?/({_PART})/({_PART})", text)
    if m and not m.group(3).isdigit():
        text = f"{m.group(1)}{m.group(2) or ''}/{m.group(3)}-{m.group(4)}"
    return text


def kind_from_symbol(doc_id: str) -> str | None:
    """The kind a symbol names ("91-KL/TW" → Kết luận, "51/NQ-CP" → Nghị quyết), or None.

    Examples
    --------
    >>> kind_from_symbol("78-CTr/TU"), kind_from_symbol("2739/KH-UBND"), kind_from_symbol("88/2014/QH13")
    ('Chương trình hành động', 'Kế hoạch', None)
    """
    m = re.match(r"\d+[a-z]?(?:/\d{4})?[-/]([A-Za-zĐđ]+)", doc_id)
    return SYMBOL_KINDS.get(m.group(1)) if m else None


def _iso(m: re.Match[str]) -> str | None:
    for d, mo, y in (("d", "m", "y"), ("d2", "m2", "y2"), ("d3", "m3", "y3")):
        if m.group(y):
            day, month = int(m.group(d)), int(m.group(mo))
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{m.group(y)}-{month:02d}-{day:02d}"
            return m.group(y)
    return m.group("year")


def read_issuer(text: str, pos: int) -> tuple[str | None, int]:
    """Read "của <issuer>" at ``pos``; return the issuer as printed and the offset after it.

    The issuer runs over capitalised words and the lower-case syllables of body names ("Ủy ban
    nhân dân tỉnh", "Ban Chấp hành Trung ương Đảng khóa XI") and stops at the verb or preposition
    that follows it.

    Examples
    --------
    >>> read_issuer(" của Thủ tướng Chính phủ ban hành Kế hoạch", 0)
    ('Thủ tướng Chính phủ', 24)
    >>> read_issuer(" của Ban Chấp hành Trung ương Đảng (khóa XI) về đổi mới", 0)[0]
    'Ban Chấp hành Trung ương Đảng (khóa XI)'
    """
    m = _OF.match(text, pos)
    if not m:
        return None, pos
    i = m.end()
    words: list[str] = []
    end = i
    while i < len(text) and len(words) < 14:
        if _ISSUER_STOP.match(text[i:i + 40]):
            break
        w = _ISSUER_WORD.match(text, i)
        if not w:
            break
        word = w.group(0)
        lowered = word.lower()
        if not (word[0].isupper() or word[0].isdigit() or word.startswith("(")
                or lowered in _ISSUER_LOWER or lowered.startswith(("khóa ", "khoá "))):
            break
        words.append(word)
        end = w.end()
        i = end
        while i < len(text) and text[i] == " ":
            i += 1
    while words and words[-1].lower() in {"và", "của"}:
        words.pop()
    reach = _body_reach(text, m.end())
    if reach > m.end() + len(" ".join(words)):
        # A body name the capitalised words cut short: "Bộ Nông nghiệp và PTNT", "Giám đốc Sở
        # Công Thương", "Bộ trưởng Bộ Tài chính" (a title, then the body, as printed)
        return " ".join(text[m.end():reach].split()), reach
    if not words:
        return None, pos
    issuer = " ".join(words)
    return issuer, m.end() + len(text[m.end():end])


def _body_reach(text: str, start: int) -> int:
    """Where the agency name opening at ``start`` ends, as the agency gazetteer reads it (a known
    body, or one opening with an agency word, after a person's title); ``start`` if none opens."""
    from policykg.loaders.agencies import Gazetteer, tokenize

    window = text[start:start + 240]
    toks = tokenize(window)
    read = Gazetteer.default().read_one(window, toks, 0) if toks else None
    if read is None or not toks[0].text[:1].isupper():
        return start
    mention = read[0]
    end = mention.end
    for tok in toks:  # never past the date or verb that follows the issuer ("… Lào Cai ngày 29/12")
        if tok.start >= end:
            break
        if tok.start > 0 and tok.text[:1].islower() and _ISSUER_STOP.match(window[tok.start:tok.start + 40]):
            end = len(window[:tok.start].rstrip())
            break
    if mention.kind == "unknown" and any(w.lower() in {"các", "những"} or w[:1].isdigit()
                                         for w in window[:end].split()):
        return start  # a guessed name run on into the sentence ("Tỉnh ủy X thành các chương trình")
    return start + end


def _law_citations(text: str) -> list[Citation]:
    found = []
    last_end = -1
    for m in _LAW.finditer(text):
        if m.start() < last_end:
            continue  # inside the previous law's name: reading it again would be quadratic
        i = m.end("name")
        words: list[str] = [m.group("name")]
        end = i
        while i < len(text) and text[i] == " ":
            i += 1
        year = None
        while i < len(text) and len(words) < 14:
            rest = text[i:i + 120]  # a bounded window: slicing the whole tail made long lines quadratic
            if y := re.match(r"(?:năm\s+)?(\d{4})\b", rest):
                year, end = y.group(1), i + y.end()
                break
            if words and (_LAW_STOP.match(rest) or rest[:1] in ";.:()“”\"«»"):
                break
            if words and rest[:1] == "," and not _LAW_COMMA.match(rest):
                break
            w = re.match(r",?\s*[\w][\w-]*", rest)
            if not w:
                break
            words.append(w.group(0).strip(", ") if not w.group(0).startswith(",") else w.group(0).strip())
            end = i + w.end()
            i = end
            while i < len(text) and text[i] == " ":
                i += 1
        name = " ".join(words).replace(" ,", ",")
        name = re.sub(r"\s+", " ", name).strip(" ,")
        if not name:
            continue
        if year is None and (dated := _LAW_DATE.match(text[end:end + 80])):
            year = dated.group("y1") or dated.group("y2")  # the law's number or printed date
        law_id = f"Luật {name}" + (f" {year}" if year else "")
        found.append(Citation(law_id, "Luật", year, None, m.start(), end))
        last_end = end
    return found


@lru_cache(maxsize=16384)
def find_citations(text: str) -> tuple[Citation, ...]:
    """Every document cited in ``text``, in order of appearance.

    Parameters
    ----------
    text : str
        NFC text, one paragraph or line.

    Returns
    -------
    list of Citation

    Examples
    --------
    >>> [(c.id, c.kind, c.date, c.issuer) for c in find_citations(
    ...     "Kế hoạch số 182-KH/TU ngày 04 tháng 12 năm 2024 của Ban Thường vụ Tỉnh ủy về thực hiện "
    ...     "Kết luận số 91- KL/TW, ngày 12/8/2024 của Bộ Chính trị")]
    [('182-KH/TU', 'Kế hoạch', '2024-12-04', 'Ban Thường vụ Tỉnh ủy'), ('91-KL/TW', 'Kết luận', '2024-08-12', 'Bộ Chính trị')]
    >>> [c.id for c in find_citations("theo Luật Giáo dục năm 2019 và 29-NQ/TW")]
    ['Luật Giáo dục 2019', '29-NQ/TW']
    """
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for m in _CITATION.finditer(text):
        kind = KIND_BY_FOLD.get(re.sub(r"\s+", " ", m.group("kind")).casefold())
        doc_id = normalise_id(m.group("id"))
        date = _iso(m) if m.group("tail") else None
        issuer, end = read_issuer(text, m.end())
        found.append(Citation(doc_id, kind, date, issuer, m.start(), end))
        taken.append((m.start(), m.end()))
    inside = _Spans(taken)
    bare: list[tuple[int, int]] = []
    for m in _BARE.finditer(text):
        if inside(m.start()):
            continue
        doc_id = normalise_id(m.group("id"))
        tail = _BARE_TAIL.match(text, m.end())
        date = _iso(tail) if tail else None
        issuer, end = read_issuer(text, tail.end() if tail else m.end())
        found.append(Citation(doc_id, kind_from_symbol(doc_id), date, issuer, m.start(), end))
        bare.append((m.start(), m.end()))
    inside = _Spans(sorted(taken + bare))
    found += [law for law in _law_citations(text) if not inside(law.start)]
    return tuple(sorted(found, key=lambda c: c.start))


_BARE_TAIL = re.compile(rf"\s*,?\s*(?:ngày\s*(?:{_DATE})|năm\s+(?P<year>\d{{4}}))")


class _Spans:
    """Whether positions, asked in increasing order, fall inside sorted, non-overlapping spans: a
    pointer that only moves forward, so a line with many citations is read in linear time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans, self.i = spans, 0

    def __call__(self, pos: int) -> bool:
        while self.i < len(self.spans) and self.spans[self.i][1] <= pos:
            self.i += 1
        return self.i < len(self.spans) and self.spans[self.i][0] <= pos
