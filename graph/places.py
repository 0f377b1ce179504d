"""Places: the province or city a document governs, and the locality inside an issuer's name.

A place is named the way ``GUIDE.md`` names ``document.place``: a province by its bare name
("Kon Tum"), a provincial city with its level word ("Thành phố Lai Châu"). The five centrally-run
cities are provinces, so "thành phố Hà Nội" is just "Hà Nội".
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from policykg.graph.namespaces import ID
from policykg.vietnamese.keys import exact_key, loose_key, slugify
from policykg.vietnamese.tones import nfc_squeezed as nfc

# Level words that come before a locality's proper name in an issuer ("... tỉnh Kon Tum").
_LEVELS = {"tỉnh": "", "thành phố": "Thành phố ", "tp": "Thành phố ", "tp.": "Thành phố ",
           "huyện": "Huyện ", "thị xã": "Thị xã ", "quận": "Quận ", "xã": "Xã ", "phường": "Phường ",
           "thị trấn": "Thị trấn ", "đặc khu": "Đặc khu "}
# Party committees name their locality right after the committee ("Tỉnh ủy Tây Ninh").
_COMMITTEES = {"tỉnh ủy": "", "thành ủy": "Thành phố ", "huyện ủy": "Huyện ", "thị ủy": "Thị xã ",
               "quận ủy": "Quận "}
_CENTRAL_CITIES = {loose_key(c) for c in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")}
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ"
# Level words in any case, but the proper name after them must start with a capital or digit:
# in "Ban Thường vụ Tỉnh ủy" the "Tỉnh" is part of the body, not a level followed by a name.
_LEVEL_RE = re.compile(r"^(?P<body>.*?)\s*\b(?P<level>(?i:tỉnh|thành phố|tp\.?|huyện|thị xã|thị trấn|quận|xã|phường|đặc khu))\s+"
                       rf"(?P<name>[{_UPPER}0-9].*)$")
_COMMITTEE_RE = re.compile(r"^(?P<body>.*?\b(?P<level>(?i:tỉnh ủy|thành ủy|huyện ủy|thị ủy|quận ủy)))\s+"
                           rf"(?P<name>[{_UPPER}].*)$")
_BARE_LEVEL = re.compile(r"\s+(?:tỉnh|thành phố|huyện|thị xã|quận)$", re.IGNORECASE)


def place_name(name: str, level_prefix: str = "") -> str:
    """The canonical place name for a locality's proper name and the prefix of its level.

    Parameters
    ----------
    name : str
        The proper name ("Lai Châu", "Hà Nội").
    level_prefix : str
        ``""`` for a province, ``"Thành phố "``, ``"Huyện "`` ... for lower levels.

    Returns
    -------
    str

    Examples
    --------
    >>> place_name("Lai Châu", "Thành phố "), place_name("Hà Nội", "Thành phố ")
    ('Thành phố Lai Châu', 'Hà Nội')
    """
    name = nfc(name)
    if level_prefix.startswith("Thành phố") and loose_key(name) in _CENTRAL_CITIES:
        return name
    return f"{level_prefix}{name}"


# A commune, ward or district is one place only within its province ("Xã Tân Phú" of Phú Thọ is not
# that of Đồng Nai): the graph keys it as "<unit><SCOPE><province>" (see :func:`scoped_place`);
# its label is the unit's name alone (:func:`place_label`).
SCOPE = "\x1f"


@lru_cache(maxsize=4096)  # called for every node a record names; the answer never changes
def scoped_place(place: str | None, province: str | None) -> str | None:
    """The key of a place below a province, scoped by the province that holds it.

    Examples
    --------
    >>> scoped_place("Xã Tân Phú", "Phú Thọ") == "Xã Tân Phú" + SCOPE + "Phú Thọ"
    True
    >>> scoped_place("Kon Tum", "Kon Tum"), scoped_place("Xã Tân Phú", None)
    ('Kon Tum', 'Xã Tân Phú')
    """
    if not place or not province or SCOPE in place:
        return place
    from policykg.loaders.place_names import province as province_name

    if province_name(place) or province_name(province) is None:
        return place
    return f"{place}{SCOPE}{province_name(province)}"


def place_label(place: str) -> str:
    """The name of a place key as people read it ("Xã Tân Phú").

    Examples
    --------
    >>> place_label(scoped_place("Xã Tân Phú", "Phú Thọ")), place_label("Kon Tum")
    ('Xã Tân Phú', 'Kon Tum')
    """
    return place.split(SCOPE, 1)[0]


def canonical_place(place: str | None) -> str | None:
    """A document's ``place`` as the graph keys it: NFC, with "Thành phố Hà Nội" -> "Hà Nội".

    Examples
    --------
    >>> canonical_place("Thành phố Lai Châu"), canonical_place("TP. Hồ Chí Minh"), canonical_place(None)
    ('Thành phố Lai Châu', 'Hồ Chí Minh', None)
    """
    if not place or not nfc(place):
        return None
    if SCOPE in place:
        unit, province = place.split(SCOPE, 1)
        return f"{canonical_place(unit)}{SCOPE}{canonical_place(province)}"
    place = nfc(place)
    match = re.match(r"^(?:thành phố|tp\.?)\s+(.+)$", place, re.IGNORECASE)
    if match and loose_key(match.group(1)) in _CENTRAL_CITIES:
        return match.group(1)
    if match:
        return "Thành phố " + match.group(1)
    return place


def split_locality(name: str) -> tuple[str, str | None]:
    """Split an issuer's full name into the body and the place it names.

    Parameters
    ----------
    name : str
        "Ủy ban nhân dân tỉnh Kon Tum", "Ban Thường vụ Tỉnh ủy Kon Tum", "Thành ủy Lai Châu" ...

    Returns
    -------
    (body, place)
        ``place`` is None when the name carries no locality; a bare trailing level word
        ("Ủy ban nhân dân tỉnh") is dropped from the body then.

    Examples
    --------
    >>> split_locality("Ủy ban nhân dân tỉnh Kon Tum")
    ('Ủy ban nhân dân', 'Kon Tum')
    >>> split_locality("Ban Thường vụ Tỉnh ủy Kon Tum")
    ('Ban Thường vụ Tỉnh ủy', 'Kon Tum')
    >>> split_locality("Ủy ban nhân dân thành phố Lai Châu")
    ('Ủy ban nhân dân', 'Thành phố Lai Châu')
    >>> split_locality("Thành ủy Lai Châu")
    ('Thành ủy', 'Thành phố Lai Châu')
    >>> split_locality("Ủy ban nhân dân tỉnh")
    ('Ủy ban nhân dân', None)
    >>> split_locality("Ban Thường vụ Tỉnh ủy")
    ('Ban Thường vụ Tỉnh ủy', None)
    >>> split_locality("Bộ Chính trị")
    ('Bộ Chính trị', None)
    >>> split_locality("Ủy ban nhân dân xã Trung An"), split_locality("Ủy ban nhân dân xã Hội Chủ Nghĩa")
    (('Ủy ban nhân dân', 'Xã Trung An'), ('Ủy ban nhân dân', None))
    >>> split_locality("Ủy ban nhân dân tỉnh Phú")  # a wrapped "Phú / Thọ": no such place
    ('Ủy ban nhân dân', None)
    """
    name = nfc(name)
    match = _COMMITTEE_RE.match(name)
    if match:
        prefix = _COMMITTEES[match.group("level").lower()]
        body = match.group("body")
        # Keep the committee word capitalised as it is usually printed ("Tỉnh ủy", "Ban Thường vụ Tỉnh ủy").
        body = body[: match.start("level")] + body[match.start("level")].upper() + body[match.start("level") + 1:]
        return body.strip(), known_place(place_name(match.group("name"), prefix))
    match = _LEVEL_RE.match(name)
    if match and match.group("body"):
        prefix = _LEVELS[match.group("level").lower()]
        return match.group("body").strip(" ,-"), known_place(place_name(match.group("name"), prefix))
    return _BARE_LEVEL.sub("", name), None


@lru_cache(maxsize=4096)  # called for every node a record names; the answer never changes
def known_place(place: str | None) -> str | None:
    """``place`` when the place gazetteer knows it (:mod:`policykg.loaders.place_names`), else None:
    a word the list does not know ("tỉnh Phú" cut by a line break) is not a place.

    Examples
    --------
    >>> known_place("Kon Tum"), known_place("Thành phố Lai Châu"), known_place("Phú")
    ('Kon Tum', 'Thành phố Lai Châu', None)
    """
    from policykg.loaders.place_names import is_place  # the lists load on first use only

    return place if place and is_place(place_label(place)) else None


@lru_cache(maxsize=4096)  # called for every node a record names; the answer never changes
def current_place(place: str | None) -> str | None:
    """The province a province of before the 2025 merger belongs to now, when that is another.

    Examples
    --------
    >>> current_place("Kon Tum"), current_place("Quảng Ngãi"), current_place("Thành phố Lai Châu")
    ('Quảng Ngãi', None, None)
    """
    from policykg.loaders.place_names import current_province, province

    if not place or province(place) is None:
        return None
    today = current_province(place)
    return today if today and today != province(place) else None


def place_slug(place: str) -> str:
    """The path segment of a place in IRIs.

    A unit whose name folds like another the place gazetteer holds in the same province ("Xã Tân
    Thành" and "Xã Tân Thạnh" of Tây Ninh; anywhere for a unit no province scopes) is two places:
    both get a suffix from the exact name (:func:`mark_suffix`). Every other place keeps its plain
    slug, so IRIs stay what they were.

    Examples
    --------
    >>> place_slug("Kon Tum"), place_slug("Thành phố Lai Châu"), place_slug(scoped_place("Xã Tân Phú", "Phú Thọ"))
    ('kon-tum', 'thanh-pho-lai-chau', 'phu-tho/xa-tan-phu')
    >>> place_slug(scoped_place("Xã Tân Thạnh", "Tây Ninh")), place_slug(scoped_place("Xã Tân Thành", "Tây Ninh"))
    ('tay-ninh/xa-tan-thanh-9fd10e', 'tay-ninh/xa-tan-thanh-e1b345')
    """
    if SCOPE in place:
        unit, province = place.split(SCOPE, 1)
        return f"{place_slug(province)}/{_unit_slug(unit, province)}"
    return _unit_slug(place, None)


@lru_cache(maxsize=4096)  # called for every node a record names; the answer never changes
def _unit_slug(place: str, province: str | None) -> str:
    from policykg.loaders.place_names import has_mark_twin
    from policykg.loaders.place_names import province as province_name

    name = canonical_place(place) or place
    slug = slugify(name)
    if province_name(name) is None and has_mark_twin(name, province):
        slug += "-" + mark_suffix(name)
    return slug


def mark_suffix(name: str) -> str:
    """Six hex digits that tell apart names differing only by their marks: a hash of the name's
    exact key (NFC, modern tones, case folded), so the same name always gets the same suffix.

    Examples
    --------
    >>> mark_suffix("Xã Tân Thạnh") == mark_suffix("xã  Tân Thạnh")
    True
    >>> mark_suffix("Xã Tân Thạnh") == mark_suffix("Xã Tân Thành")
    False
    """
    return hashlib.sha1(exact_key(name).encode("utf-8")).hexdigest()[:6]


def place_iri(place: str) -> str:
    """The IRI of a place node.

    Examples
    --------
    >>> place_iri("Lâm Đồng")
    'https://w3id.org/policykg/id/place/lam-dong'
    """
    return f"{ID}place/{place_slug(place)}"
