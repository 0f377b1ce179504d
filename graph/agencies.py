"""Agency nodes: which names are one national body, which are collective groups, and their IRIs.

The extraction record gives agencies by canonical name without locality ("Sở Giáo dục và Đào tạo");
the document's place scopes them, so Kon Tum's department and Bắc Kạn's are two nodes. National
bodies (Bộ Chính trị, Chính phủ, the ministries ...) are one node whoever names them, with the
party term dropped ("Ban Chấp hành Trung ương Đảng khóa XI" is the Central Committee).

A division (a "Phòng ...", the "Văn phòng" or "Thanh tra" of a department, "Phòng Giáo dục và Đào
tạo" of a district's people's committee) is one body only under its parent: the planning-finance
divisions of two departments are two agencies. Its parent comes from its own name ("Văn phòng Sở Y
tế", "Phòng Quản lý thương mại thuộc Sở Công Thương"), else from the document (the parent the text
names beside it, else the plan's issuer: a department's plan assigns its own divisions). A division
whose parent nothing names is keyed by the document that names it, so it never merges with
another, and is marked as such (never flagged as overloaded on its own).

An agency's name is keyed by its ASCII slug within its place: the agency gazetteer holds no two
names that differ only by their marks (``tests/test_places_marks.py`` checks it), so a name printed
without its marks, or with one lost, is the same body. Two places that differ only by their marks
differ in the place segment (:func:`policykg.graph.places.place_slug`), and so do their bodies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph.namespaces import ID
from policykg.graph.places import canonical_place, place_slug, scoped_place, split_locality
from policykg.vietnamese.keys import loose_key, slugify
from policykg.vietnamese.tones import nfc_squeezed as nfc

_TERM = re.compile(r"\s*[(,]?\s*\bkhó?a\s+[IVXLC]+\b\s*\)?\s*$|\s*\(\s*khoá\s+[IVXLC]+\s*\)\s*$", re.IGNORECASE)
# loose_key of a variant -> the one canonical name of a national body.
_NATIONAL_ALIASES = {
    "bo chinh tri": "Bộ Chính trị",
    "ban bi thu": "Ban Bí thư",
    "ban bi thu trung uong": "Ban Bí thư",
    "ban bi thu trung uong dang": "Ban Bí thư",
    "ban chap hanh trung uong": "Ban Chấp hành Trung ương Đảng",
    "ban chap hanh trung uong dang": "Ban Chấp hành Trung ương Đảng",
    "ban chap hanh trung uong dang cong san viet nam": "Ban Chấp hành Trung ương Đảng",
    "bch trung uong": "Ban Chấp hành Trung ương Đảng",
    "trung uong dang": "Ban Chấp hành Trung ương Đảng",
    "chinh phu": "Chính phủ",
    "thu tuong": "Thủ tướng Chính phủ",
    "thu tuong chinh phu": "Thủ tướng Chính phủ",
    "quoc hoi": "Quốc hội",
    "uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội",
    "chu tich nuoc": "Chủ tịch nước",
    "van phong chinh phu": "Văn phòng Chính phủ",
}
# "Bộ Chỉ huy Quân sự tỉnh" is a provincial command, not a ministry.
_NOT_MINISTRY = ("bo chi huy", "bo doi")
_GROUP_SUFFIXES = ("cap huyen", "cap xa", "cap tinh")
# What a division is named by; the bare office words of a department ("Văn phòng Sở") included.
_DIVISION = re.compile(r"^(?:Phòng|Văn phòng|Thanh tra)(?:\s|$)")
# The parent printed inside a division's name: "Văn phòng Sở Y tế", "Phòng X thuộc Sở Y",
# "Thanh tra Sở Công Thương", "Văn phòng Ủy ban nhân dân". A bare "Sở" is no parent.
_PARENT_HEADS = (r"Sở|Ban|Ủy ban|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy|Công an|Bộ Chỉ huy|Hội đồng nhân dân|"
                 r"Đoàn|Liên đoàn|Hội|Trường|Bệnh viện|Trung tâm|Cục|Chi cục|Kho bạc|Bảo hiểm|Tòa án|Viện")
_NAMED_PARENT = re.compile(rf"^(?P<unit>(?:Phòng|Văn phòng|Thanh tra)(?:\s.*?)?)\s+(?:thuộc\s+)?"
                           rf"(?P<parent>(?:{_PARENT_HEADS})\s+\S.*)$")
# Bodies of a province in their own right, though they open with a division's word.
_NOT_DIVISION = re.compile(r"^(?:Thanh tra|Văn phòng)\s+(?:tỉnh|thành phố|Chính phủ|Quốc hội|Chủ tịch nước)\b"
                           r"|^Văn phòng Đoàn|^Phòng (?:cháy|chống)\b", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyRef:
    """One agency or group as the graph keys it.

    Attributes
    ----------
    name : str
        Canonical name (the node's ``skos:prefLabel``).
    place : str or None
        The place that scopes it; None for a national body.
    group : bool
        A collective mention ("Các sở, ban, ngành", "Ủy ban nhân dân cấp huyện").
    iri : str
    parent : AgencyRef or None
        The body a division belongs to; None for a body in its own right, or a division whose
        parent nothing names (then ``division`` is True and the IRI is scoped by the document).
    division : bool
        A division of another body (see :func:`division_parent`).
    """

    name: str
    place: str | None
    group: bool
    iri: str
    parent: "AgencyRef | None" = None
    division: bool = False

    @property
    def national(self) -> bool:
        """True for a body that is one node nationwide."""
        return self.place is None


def national_name(name: str) -> str | None:
    """The canonical name of a national body, or None if ``name`` is not one.

    Examples
    --------
    >>> national_name("Ban Chấp hành Trung ương Đảng (khóa XI)")
    'Ban Chấp hành Trung ương Đảng'
    >>> national_name("Ban Bí thư Trung ương Đảng"), national_name("Bộ Giáo dục và Đào tạo")
    ('Ban Bí thư', 'Bộ Giáo dục và Đào tạo')
    >>> national_name("Bộ Chỉ huy Quân sự tỉnh") is None, national_name("Sở Tài chính") is None
    (True, True)
    """
    bare = _TERM.sub("", nfc(name)).strip()
    key = loose_key(bare)
    if key in _NATIONAL_ALIASES:
        return _NATIONAL_ALIASES[key]
    if key.startswith("bo ") and not key.startswith(_NOT_MINISTRY):
        return bare
    # Central party boards and office: "Ban Tổ chức Trung ương Đảng", "Văn phòng Trung ương Đảng".
    if key.startswith(("ban ", "van phong ")) and re.search(r"\btrung uong( dang)?$", key):
        return bare
    return None


def is_group(name: str) -> bool:
    """True for a collective mention: starts with "Các" or ends with "cấp huyện" / "cấp xã".

    Examples
    --------
    >>> is_group("Các sở, ban, ngành"), is_group("Ủy ban nhân dân cấp huyện"), is_group("Sở Y tế")
    (True, True, False)
    """
    key = loose_key(name)
    return key.startswith("cac ") or key.endswith(_GROUP_SUFFIXES)


def is_division(name: str) -> bool:
    """True for a division of another body: a "Phòng ...", a "Văn phòng" or "Thanh tra" of one.

    Examples
    --------
    >>> is_division("Phòng Kế hoạch - Tài chính"), is_division("Văn phòng Sở Y tế"), is_division("Thanh tra Sở")
    (True, True, True)
    >>> is_division("Thanh tra tỉnh"), is_division("Sở Y tế"), is_division("Phòng Giáo dục và Đào tạo cấp huyện")
    (False, False, False)
    """
    name = nfc(name)
    return bool(_DIVISION.match(name)) and not _NOT_DIVISION.search(name) and not is_group(name)


def division_parent(name: str) -> tuple[str, str | None]:
    """Split a division's name into the division and the parent its name prints, if any.

    Returns
    -------
    (unit, parent)
        ``parent`` is None when the name does not say ("Phòng Kế hoạch - Tài chính", "Thanh tra Sở").

    Examples
    --------
    >>> division_parent("Văn phòng Sở Y tế")
    ('Văn phòng', 'Sở Y tế')
    >>> division_parent("Phòng Quản lý thương mại thuộc Sở Công Thương")
    ('Phòng Quản lý thương mại', 'Sở Công Thương')
    >>> division_parent("Thanh tra Sở"), division_parent("Phòng Kế hoạch - Tài chính")
    (('Thanh tra Sở', None), ('Phòng Kế hoạch - Tài chính', None))
    """
    name = nfc(name)
    match = _NAMED_PARENT.match(name)
    if match:
        return match.group("unit"), match.group("parent")
    return name, None


def agency_ref(name: str, place: str | None, parent: "AgencyRef | str | None" = None,
               scope: str | None = None) -> AgencyRef:
    """The node for an agency named in a document of ``place``.

    Parameters
    ----------
    name : str
        Canonical name without locality, as the record gives it.
    place : str or None
        The document's place; ignored for national bodies. None for a local agency means the
        place is unknown: the agency is then keyed by the caller-supplied scope only.
    parent : AgencyRef or str, optional
        For a division whose name does not print its parent: the parent the document gives (the
        body named beside it, else the plan's issuer). Ignored for other bodies.
    scope : str, optional
        For a division whose parent nothing names: what keys it instead (the document's IRI).

    Returns
    -------
    AgencyRef

    Examples
    --------
    >>> agency_ref("Sở Giáo dục và Đào tạo", "Kon Tum").iri
    'https://w3id.org/policykg/id/agency/kon-tum/so-giao-duc-va-dao-tao'
    >>> agency_ref("Bộ Chính trị", "Kon Tum").iri
    'https://w3id.org/policykg/id/agency/bo-chinh-tri'
    >>> a = agency_ref("Phòng Kế hoạch - Tài chính", "Phú Thọ", parent="Sở Công Thương")
    >>> a.iri, a.parent.name
    ('https://w3id.org/policykg/id/agency/phu-tho/so-cong-thuong/phong-ke-hoach-tai-chinh', 'Sở Công Thương')
    >>> agency_ref("Văn phòng Sở Y tế", "Kon Tum").parent.iri
    'https://w3id.org/policykg/id/agency/kon-tum/so-y-te'
    """
    name = nfc(name)
    national = national_name(name)
    if national is not None:
        return AgencyRef(national, None, False, f"{ID}agency/{slugify(national)}")
    place = canonical_place(place) or "unknown"
    plain = AgencyRef(name, place, is_group(name), f"{ID}agency/{place_slug(place)}/{slugify(name)}")
    if not is_division(name):
        return plain
    _, printed = division_parent(name)
    if printed:  # the name itself is unique in its place; the parent is a link
        return AgencyRef(name, place, False, plain.iri, agency_ref(printed, place), True)
    if isinstance(parent, str):
        parent = agency_ref(parent, place) if nfc(parent) else None
    if parent is not None and parent.iri != plain.iri:
        base = parent.iri if parent.place == place else f"{ID}agency/{place_slug(place)}/{slugify(parent.name)}"
        return AgencyRef(name, place, False, f"{base}/{slugify(name)}", parent, True)
    if scope:
        return AgencyRef(name, place, False, f"{scope}/agency/{slugify(name)}", None, True)
    return AgencyRef(name, place, False, plain.iri, None, True)


def body_of(name: str) -> str:
    """The body a name opening with a person's title stands for (GUIDE.md rule 5): "Bộ trưởng Bộ Tài
    chính" issues as "Bộ Tài chính", "Giám đốc Sở Y tế" as "Sở Y tế"; any other name as it is.

    Examples
    --------
    >>> body_of("Bộ trưởng Bộ Tài chính"), body_of("Thủ tướng Chính phủ"), body_of("Sở Y tế")
    ('Bộ Tài chính', 'Thủ tướng Chính phủ', 'Sở Y tế')
    """
    from policykg.loaders.agency_words import after_title, tokenize

    toks = tokenize(name)
    start = after_title(toks, 0)
    return name[toks[start].start:] if 0 < start < len(toks) else name


def issuer_ref(issuer: str, default_place: str | None, province: str | None = None) -> AgencyRef:
    """The node for an issuer's full name ("Ủy ban nhân dân tỉnh Kon Tum").

    The locality in the name wins over ``default_place`` (the citing document's place), so
    "Ban Thường vụ Tỉnh ủy Lai Châu" cited by the city of Lai Châu is the province's board.

    Examples
    --------
    >>> issuer_ref("Ủy ban nhân dân tỉnh Kon Tum", None).iri
    'https://w3id.org/policykg/id/agency/kon-tum/uy-ban-nhan-dan'
    >>> issuer_ref("Ban Thường vụ Tỉnh ủy Lai Châu", "Thành phố Lai Châu").place
    'Lai Châu'
    >>> issuer_ref("Ban Chấp hành Trung ương Đảng khóa XI", "Kon Tum").name
    'Ban Chấp hành Trung ương Đảng'
    >>> issuer_ref("Ủy ban nhân dân xã Tân Phú", None, "Đồng Nai").iri
    'https://w3id.org/policykg/id/agency/dong-nai/xa-tan-phu/uy-ban-nhan-dan'
    """
    issuer = body_of(nfc(issuer))
    if national_name(issuer) is not None:
        return agency_ref(issuer, None)
    body, place = split_locality(issuer)
    # a commune or district in the name is keyed within the province the document gives
    return agency_ref(body or issuer, scoped_place(place, province) or default_place)
