"""Agency nodes: which names are one national body, which are collective groups, and their IRIs.

The extraction record gives agencies by canonical name without locality ("Sở Giáo dục và Đào tạo");
the document's place scopes them, so Kon Tum's department and Bắc Kạn's are two nodes. National
bodies (Bộ Chính trị, Chính phủ, the ministries ...) are one node whoever names them, with the
party term dropped ("Ban Chấp hành Trung ương Đảng khóa XI" is the Central Committee).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph.namespaces import ID
from policykg.graph.places import canonical_place, place_slug, split_locality
from policykg.graph.text import fold_key, nfc, slugify

_TERM = re.compile(r"\s*[(,]?\s*\bkhó?a\s+[IVXLC]+\b\s*\)?\s*$|\s*\(\s*khoá\s+[IVXLC]+\s*\)\s*$", re.IGNORECASE)
# fold_key of a variant -> the one canonical name of a national body.
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
    """

    name: str
    place: str | None
    group: bool
    iri: str

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
    key = fold_key(bare)
    if key in _NATIONAL_ALIASES:
        return _NATIONAL_ALIASES[key]
    if key.startswith("bo ") and not key.startswith(_NOT_MINISTRY):
        return bare
    # Central party boards: "Ban Tuyên giáo Trung ương", "Ban Tổ chức Trung ương Đảng".
    if key.startswith("ban ") and re.search(r"\btrung uong( dang)?$", key):
        return bare
    return None


def is_group(name: str) -> bool:
    """True for a collective mention: starts with "Các" or ends with "cấp huyện" / "cấp xã".

    Examples
    --------
    >>> is_group("Các sở, ban, ngành"), is_group("Ủy ban nhân dân cấp huyện"), is_group("Sở Y tế")
    (True, True, False)
    """
    key = fold_key(name)
    return key.startswith("cac ") or key.endswith(_GROUP_SUFFIXES)


def agency_ref(name: str, place: str | None) -> AgencyRef:
    """The node for an agency named in a document of ``place``.

    Parameters
    ----------
    name : str
        Canonical name without locality, as the record gives it.
    place : str or None
        The document's place; ignored for national bodies. None for a local agency means the
        place is unknown: the agency is then keyed by the caller-supplied scope only.

    Returns
    -------
    AgencyRef

    Examples
    --------
    >>> agency_ref("Sở Giáo dục và Đào tạo", "Kon Tum").iri
    'https://w3id.org/policykg/id/agency/kon-tum/so-giao-duc-va-dao-tao'
    >>> agency_ref("Bộ Chính trị", "Kon Tum").iri
    'https://w3id.org/policykg/id/agency/bo-chinh-tri'
    """
    name = nfc(name)
    national = national_name(name)
    if national is not None:
        return AgencyRef(national, None, False, f"{ID}agency/{slugify(national)}")
    place = canonical_place(place) or "unknown"
    return AgencyRef(name, place, is_group(name), f"{ID}agency/{place_slug(place)}/{slugify(name)}")


def issuer_ref(issuer: str, default_place: str | None) -> AgencyRef:
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
    """
    issuer = nfc(issuer)
    if national_name(issuer) is not None:
        return agency_ref(issuer, None)
    body, place = split_locality(issuer)
    return agency_ref(body or issuer, place or default_place)
