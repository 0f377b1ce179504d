"""Document metadata: kind, number, issuer, place, date, title, and the opening lead-in.

Vietnamese administrative documents print a fixed head (Decree 30/2020/NĐ-CP): the issuing body
in capitals at the top left ("UBND TỈNH LÂM ĐỒNG / SỞ GIÁO DỤC VÀ ĐÀO TẠO"), "Số: 2739/KH-UBND",
"<place>, ngày … tháng … năm …", then the kind in capitals ("KẾ HOẠCH") and the title. Converted
files lose parts of it (the number left blank in a draft, the head table flattened into pipe
cells), so each field has a fallback: the opening sentence ("Ủy ban nhân dân tỉnh ban hành Kế
hoạch …"), the signature ("TM. ỦY BAN NHÂN DÂN"), or the most cited locality.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.citations import ID, KINDS, UPPER, kind_from_symbol, normalise_id
from policykg.loaders.dates import checked
from policykg.loaders.normalise import Line
from policykg.loaders.outline import Outline, split_row
from policykg.loaders.place_names import fold, is_place

_KIND_LINE = {k.upper(): k for k in KINDS if k not in ("Luật",)} | {"LUẬT": "Luật"}
# "Số:" opens the number line; "SỐ 1050/QĐ-SCT" in capitals without a colon is part of a body's name.
_NUMBER = re.compile(rf"^(?:[Ss]ố\s*:?|SỐ\s*:)\s*(?P<id>{ID})?")
_SUBJECT_LINE = re.compile(r"^V/v\b|^Về việc\b", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"(?P<place>[^,|\d]{2,40}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
# The motto's second half too, when "CỘNG HÒA" / "XÃ HỘI CHỦ NGHĨA VIỆT NAM" are printed on two lines
# (else "XÃ HỘI …" reads as a commune "Xã Hội Chủ Nghĩa Việt Nam").
_NOT_ISSUER = re.compile(r"CỘNG H[OÒ]A|XÃ HỘI CHỦ NGHĨA|Độc lập|ĐỘC LẬP|ĐẢNG CỘNG SẢN|^Số\b|ngày .* năm",
                         re.IGNORECASE)
_BODY_WORDS = re.compile(
    r"^(ỦY BAN|UBND|SỞ|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG BỘ|BAN |HỘI ĐỒNG|HĐND|BỘ |PHÒNG|VĂN PHÒNG|"
    r"ĐẢNG ỦY|CHÍNH PHỦ|THỦ TƯỚNG|QUỐC HỘI)", re.IGNORECASE)
_OPENING_ISSUER = re.compile(
    r"(?P<body>(?:Ban Thường vụ |Ban Chấp hành Đảng bộ |Ban Cán sự đảng )?(?:Ủy ban nhân dân|UBND|Tỉnh ủy|"
    r"Thành ủy|Huyện ủy|Hội đồng nhân dân|HĐND|Sở [^,;:]{3,60}?)"
    rf"(?:\s+(?P<level>tỉnh|thành phố|huyện|quận|thị xã))?(?:\s+(?P<name>[{UPPER}][\w]*(?:\s[{UPPER}][\w]*){{0,3}}))?)"
    r"\s+(?:ban hành|xây dựng|triển khai|đề ra)\s+(?:kế hoạch|chương trình)",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^(?:TM\.|KT\.|T/M)\s*(?P<body>.+)$")
_LOCALITY_LINE = re.compile(r"^(TỈNH|THÀNH PHỐ|THỊ XÃ|HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(?!ỦY\b)\S")
_LOCALITY = re.compile(rf"\b(?P<level>tỉnh|thành phố)\s+(?P<name>[{UPPER}][\w]*(?:\s[{UPPER}][\w]*){{0,3}})")
_OPENING_START = re.compile(r"^(Căn cứ|Thực hiện|Triển khai|Nhằm|Để|Theo)\b")


@dataclass
class Head:
    """What the head of a document says, and where its title and opening are."""

    kind: str | None = None
    id: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    province: str | None = None
    title_lines: list[Line] = field(default_factory=list)
    opening: list[Line] = field(default_factory=list)


def _cells(line: Line) -> list[str]:
    cells = split_row(line.text)
    return [c for c in cells if c] if cells else [line.text.strip()]


def _date(m: re.Match[str], line: int | None = None) -> str | None:
    if m["m"] and m["d"]:
        iso = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    elif m["m"]:
        iso = f"{m['y']}-{int(m['m']):02d}"
    else:
        iso = m["y"]
    printed = m.group(0)[m.end("place") - m.start():].strip(" ,")
    return checked(iso, line, printed)  # "ngày 31 tháng 02": dropped, with a warning


def _tidy_place(place: str) -> str:
    place = re.sub(r"^(TP\.|Tp\.|TP)\s*", "Thành phố ", place.strip())
    return re.sub(r"\s+", " ", place)


# Cities directly under the centre are provinces in their own right: their place is the bare name.
CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
# A city named after a person keeps "Thành phố" as part of its name.
_CITY_IN_NAME = {"Hồ Chí Minh"}
_LEVELS = "tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn|đặc khu"


def place_of(level: str | None, name: str) -> str:
    """The place a locality names, as GUIDE.md writes it.

    Examples
    --------
    >>> place_of("tỉnh", "Lâm Đồng"), place_of("thành phố", "Đà Nẵng"), place_of("thành phố", "Lai Châu")
    ('Lâm Đồng', 'Đà Nẵng', 'Thành phố Lai Châu')
    >>> place_of("xã", "Tân Phú")
    'Xã Tân Phú'
    """
    name = re.sub(r"^(?:Thành phố|TP\.?)\s+", "", name) if level == "thành phố" else name
    if name in _CITY_IN_NAME:
        return f"Thành phố {name}"
    if not level or level == "tỉnh" or name in CENTRAL_CITIES:
        return name
    return f"{level[:1].upper()}{level[1:]} {name}"


def place_core(place: str | None) -> str | None:
    """The locality name without its level word: "Thành phố Lai Châu" → "Lai Châu"."""
    if not place:
        return None
    return re.sub(r"^(Thành phố|Tỉnh|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu)\s+", "", place)


def with_locality(body: str, place: str | None, level: str | None = None, province: str | None = None) -> str:
    """Give a local body its locality: "Ủy ban nhân dân tỉnh" + Kon Tum → "Ủy ban nhân dân tỉnh Kon Tum".

    A provincial body ("Tỉnh ủy", "Ủy ban nhân dân tỉnh", a "Sở") cited in a commune's or a
    city's plan belongs to the province around it (``province``), never to the commune; when that
    province is unknown the body is left without a locality rather than given a wrong one.

    Examples
    --------
    >>> with_locality("Ban Thường vụ Tỉnh ủy", "Kon Tum")
    'Ban Thường vụ Tỉnh ủy Kon Tum'
    >>> with_locality("Ủy ban nhân dân thành phố", "Thành phố Lai Châu")
    'Ủy ban nhân dân thành phố Lai Châu'
    >>> with_locality("Sở Giáo dục và Đào tạo", "Lâm Đồng")
    'Sở Giáo dục và Đào tạo tỉnh Lâm Đồng'
    >>> with_locality("Tỉnh ủy", "Xã Long Giang", province="Phú Thọ"), with_locality("Tỉnh ủy", "Xã Long Giang")
    ('Tỉnh ủy Phú Thọ', 'Tỉnh ủy')
    >>> with_locality("Bộ Chính trị", "Kon Tum"), with_locality("Ủy ban nhân dân tỉnh Phú Thọ", "Xã Long Giang")
    ('Bộ Chính trị', 'Ủy ban nhân dân tỉnh Phú Thọ')
    """
    if re.search(rf"\b(?:{_LEVELS}|Tỉnh ủy|Thành ủy|Huyện ủy)\s+[{UPPER}]", body):
        return body  # it names its locality already ("Ủy ban nhân dân tỉnh Phú Thọ")
    provincial = bool(re.search(r"(Tỉnh ủy|\btỉnh)$", body)) or body.startswith("Sở ")
    if provincial and place and _below_province(place):
        if not province:
            return body
        place, level = province, ("thành phố" if province in CENTRAL_CITIES else "tỉnh")
    core = place_core(place)
    if not core or core in body:
        return body
    if re.search(r"(Tỉnh ủy|Thành ủy|Huyện ủy|Đảng bộ tỉnh|Đảng bộ thành phố|\b(tỉnh|thành phố|huyện|xã|phường))$", body):
        return f"{body} {core}"
    if re.match(r"(Ủy ban nhân dân|Hội đồng nhân dân|Sở |Ban Cán sự|Công an|Bộ Chỉ huy|Đảng ủy)", body):
        if not level:
            first = (place or "").split(" ")[0].lower()
            level = ("thành phố" if (place or "").startswith("Thành phố") or core in CENTRAL_CITIES
                     else first if first in ("xã", "phường", "huyện", "quận", "đặc khu") else "tỉnh")
        if core in _CITY_IN_NAME:
            return f"{body} Thành phố {core}"
        return f"{body} {level} {core}"
    return body


def _below_province(place: str) -> bool:
    """Whether a place is a commune, ward, district or provincial city rather than a province."""
    return bool(re.match(r"(Xã|Phường|Thị trấn|Đặc khu|Huyện|Quận|Thị xã|Thành phố)\s", place)) \
        and place_core(place) not in CENTRAL_CITIES


_BODY_CASE = [("ban thường vụ", "Ban Thường vụ"), ("ban chấp hành", "Ban Chấp hành"), ("tỉnh ủy", "Tỉnh ủy"),
              ("thành ủy", "Thành ủy"), ("huyện ủy", "Huyện ủy"), ("đảng bộ", "Đảng bộ"),
              ("ban cán sự đảng", "Ban cán sự đảng"), ("ủy ban nhân dân", "Ủy ban nhân dân"),
              ("hội đồng nhân dân", "Hội đồng nhân dân"), ("đảng ủy", "Đảng ủy")]


def _body_case(text: str, gazetteer: Gazetteer) -> tuple[str, str | None, str | None]:
    """An issuing body printed in capitals, in its proper case: (body, level word, locality)."""
    text = re.sub(r"\s+", " ", text.strip().strip("*"))
    # "TỈNH ỦY", "THÀNH ỦY" are committees, not a level word and a place.
    m = re.match(rf"^(?P<body>.*?)(?:\s*\b(?P<level>{_LEVELS})\s+(?!ỦY\b|ủy\b)(?P<name>.+))?$", text, re.IGNORECASE)
    assert m is not None  # every part of the pattern is optional: any text matches
    body, level, name = m["body"], m["level"], m["name"]
    committee = re.match(r"^(?P<c>(?:BAN THƯỜNG VỤ |BAN CHẤP HÀNH )?(?:TỈNH|THÀNH|HUYỆN|ĐẢNG) ỦY)\s+(?P<n>\S.*)$",
                         text, re.IGNORECASE)
    if not level and committee:  # "TỈNH ỦY LẠNG SƠN": the committee, then its place
        body, name = committee["c"], committee["n"]
    if not body.strip():  # a locality line alone: "XÃ HỒNG YÊN"
        return "", level.lower() if level else None, _title_name(name) if name else None
    canonical = gazetteer.canonical(body)
    if canonical == re.sub(r"\s+", " ", body).strip() and body.isupper():
        canonical = body.lower()
        for low, proper in _BODY_CASE:
            canonical = canonical.replace(low, proper)
        canonical = canonical[:1].upper() + canonical[1:]
    return canonical, level.lower() if level else None, _title_name(name) if name else None


def proper_case(body: str, gazetteer: Gazetteer) -> str:
    """A body printed in capitals, in proper case with its locality.

    Examples
    --------
    >>> proper_case("BAN THƯỜNG VỤ TỈNH ỦY NGHỆ AN", Gazetteer.default())
    'Ban Thường vụ Tỉnh ủy Nghệ An'
    >>> proper_case("ỦY BAN NHÂN DÂN TỈNH GIA LAI", Gazetteer.default())
    'Ủy ban nhân dân tỉnh Gia Lai'
    """
    if not body.isupper():
        return body
    name, level, locality = _body_case(body, gazetteer)
    return " ".join(x for x in (name, level, locality) if x)


def _title_name(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def read_head(outline: Outline, gazetteer: Gazetteer) -> Head:
    """Read the head of a document (everything before its first section heading).

    Parameters
    ----------
    outline : Outline
    gazetteer : Gazetteer
        Used to give issuing bodies printed in capitals their canonical names.

    Returns
    -------
    Head
    """
    head = Head()
    body_lines = [n for n in outline.root.children]
    first_heading = next((n.line for n in body_lines if n.is_heading), None)
    lines = [l for l in outline.lines if l.text.strip() and (first_heading is None or l.no < first_heading)]

    kind_at = None
    issuers: list[str] = []
    level = locality = province = None
    for idx, line in enumerate(lines):
        for cell in _cells(line):
            if kind_at is None and cell.strip().upper() == cell.strip() and cell.strip() in _KIND_LINE:
                head.kind, kind_at = _KIND_LINE[cell.strip()], idx
            elif (m := _NUMBER.match(cell)) and head.id is None:
                head.id = normalise_id(m["id"]) if m["id"] else None
            elif (m := _DATE_LINE.search(cell)) and head.date is None:
                head.date, head.place = _date(m, line.no), _tidy_place(m["place"])
            elif kind_at is None and cell.isupper() and (_BODY_WORDS.match(cell) or _LOCALITY_LINE.match(cell)) \
                    and not _NOT_ISSUER.search(cell):
                body, lvl, name = _body_case(cell, gazetteer)
                if body:
                    issuers.append(body)
                if lvl == "tỉnh" and name and locality is None:
                    province = name  # "UBND TỈNH X" above "UBND XÃ Y"
                level, locality = lvl or level, name or locality
        if kind_at is not None:
            break

    if kind_at is not None:
        title, opening = _title_and_opening(lines[kind_at + 1:], outline.lines)
    else:
        title, opening = [], lines
    head.title_lines, head.opening = title, opening
    head.title = _restore_case(" ".join(l.text.strip() for l in title), outline.lines) if title else None

    # The head's own locality ("UBND TỈNH LÂM ĐỒNG", "ĐẢNG BỘ TỈNH QUẢNG NAM") beats the date line,
    # which party committees often write with their seat's city name.
    dated = head.place
    if locality:
        head.place = place_of(level, locality)
    if head.place is None:
        head.place = _most_cited_locality(outline.lines)
    if head.place and not is_place(head.place):
        # A place word the place gazetteer does not know ("TỈNH PHÚ" / "THỌ" cut by the wrap) is no
        # place: the date line's, else the locality the text names most, if either is one (else
        # the head's word stands: a place the lists cannot check is not guessed at).
        cited = _most_cited_locality(outline.lines)
        head.place = next((p for p in (dated, cited) if p and is_place(p)), head.place)
        if head.place and locality and fold(locality) != fold(head.place):
            level = None
    if head.place and _below_province(head.place):
        head.province = province or _most_cited_locality(outline.lines, provinces_only=True)
    adopted_by = _adopting_body(title, gazetteer)
    if adopted_by:
        issuers.append(adopted_by)  # "NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ": the body that adopted it
    if issuers and gazetteer.kind_of(issuers[-1]) == "national":
        head.place = None  # a national body governs no one province, whatever its date line says
    if issuers:
        head.issuer = with_locality(issuers[-1], head.place, level, head.province)
    else:
        head.issuer = _issuer_from_text(opening + title, outline, head.place, head.province)
    if head.kind is None:
        head.kind = (kind_from_symbol(head.id) if head.id else None) or _kind_from_opening(opening)
    if head.kind is None and any(_SUBJECT_LINE.match(l.text.strip()) for l in lines[:12]):
        head.kind = "Công văn"  # an official letter prints no kind line, only its "V/v" subject
    return head


def _adopting_body(title: list[Line], gazetteer: Gazetteer) -> str | None:
    if not title:
        return None
    m = re.match(r"^\s*của\s+(.+?)(?:\s+về\b.*)?$", title[0].text, re.IGNORECASE)
    if not m:
        return None
    name = gazetteer.canonical(m.group(1).strip())
    return name if gazetteer.kind_of(name) != "unknown" else None


def _title_and_opening(after: list[Line], all_lines: list[Line]) -> tuple[list[Line], list[Line]]:
    title: list[Line] = []
    opening: list[Line] = []
    prev_no = None
    for line in after:
        text = line.text.strip()
        gap = prev_no is not None and _blank_between(all_lines, prev_no, line.no)
        if opening or (title and (gap or text.startswith("Căn cứ") or text.endswith((":", ";")))):
            opening.append(line)
        elif not title and text.startswith("Căn cứ"):
            opening.append(line)
        else:
            title.append(line)
        prev_no = line.no
    return title, opening


def _blank_between(lines: list[Line], a: int, b: int) -> bool:
    return any(l.no > a and l.no < b and not l.text.strip() for l in lines)


def _restore_case(title: str, lines: list[Line]) -> str:
    """A title printed in capitals, in the case the body text writes it, when the body repeats it."""
    if not title.isupper():
        return re.sub(r"\s+", " ", title)
    target = re.sub(r"\s+", "", title).casefold()
    for line in lines:
        text = line.text
        squeezed, index = [], []
        for i, ch in enumerate(text):
            if not ch.isspace():
                squeezed.append(ch.casefold())
                index.append(i)
        pos = "".join(squeezed).find(target)
        if pos >= 0 and not text.isupper():
            return re.sub(r"\s+", " ", text[index[pos]:index[pos + len(target) - 1] + 1])
    sentence = title.lower()
    sentence = re.sub(r"\b(\d+[-/]\S+)", lambda m: m.group(1).upper(), sentence)
    return sentence[:1].upper() + sentence[1:]


def _most_cited_locality(lines: list[Line], provinces_only: bool = False) -> str | None:
    counts: Counter[str] = Counter()
    for line in lines:
        for m in _LOCALITY.finditer(line.text):
            if provinces_only and m["level"] == "thành phố" and m["name"] not in CENTRAL_CITIES:
                continue
            counts[m["name"]] += 1
    return counts.most_common(1)[0][0] if counts else None


def _issuer_from_text(lines: list[Line], outline: Outline, place: str | None, province: str | None = None) -> str | None:
    for line in lines:
        if m := _OPENING_ISSUER.search(line.text):
            body = re.sub(r"^UBND", "Ủy ban nhân dân", m["body"].strip())
            return with_locality(body, place, province=province)
    for line in reversed(outline.lines):
        if m := _SIGNATURE.match(line.text.strip().strip("*|").strip()):
            body = m["body"].strip(" *|")
            if body.isupper():
                body = body[:1] + body[1:].lower()
            body = body.replace("Uỷ", "Ủy")
            return with_locality(body, place, province=province)
    return None


def _kind_from_opening(lines: list[Line]) -> str | None:
    for line in lines:
        if m := re.search(r"ban hành (kế hoạch|chương trình hành động|chương trình)", line.text, re.IGNORECASE):
            return m.group(1)[:1].upper() + m.group(1)[1:].lower()
    return None
