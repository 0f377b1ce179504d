"""Document nodes: central or local, their class, and their IRI.

A central document (a party document of the Central Committee, Politburo or Secretariat "…/TW",
a government "-CP", prime-minister "-TTg", National Assembly "/QH…", Standing Committee
"-UBTVQH…", president "-CTN" or ministry "-BGDĐT" document, or a law) is one node nationwide. Any
other document is local: its IRI carries its place, so Kon Tum's "142-KH/TU" never merges with
another province's plan of the same number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph.namespaces import ID, PKG
from policykg.graph.places import canonical_place, place_slug
from policykg.vietnamese.keys import ascii_fold, slugify
from policykg.vietnamese.tones import nfc_squeezed

# Issuer codes (ASCII-folded, lower case) of national bodies that are not party ("…TW") bodies.
_CENTRAL_CODES = {
    "cp", "ttg", "ctn", "vpcp", "tandtc", "vksndtc", "ktnn", "nhnn", "ubdt", "ttcp",
    # ministries, including the 2025 mergers
    "bgddt", "btc", "bldtbxh", "bnv", "byt", "bca", "bqp", "bkhdt", "btttt", "bvhttdl", "bnnptnt",
    "btnmt", "bct", "bxd", "bgtvt", "btp", "bkhcn", "bng", "bnnmt", "bdttg",
}
_CENTRAL_PATTERNS = re.compile(r"^(?:qh\d*|ubtvqh\d*|[a-z]*tw)$")
_CENTRAL_NAMES = re.compile(r"^(?:luật|bộ luật|hiến pháp|pháp lệnh)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")

# Kind words (fold of kind) -> document classes besides pkg:Document.
_PLAN_KINDS = {"ke hoach", "chuong trinh hanh dong", "chuong trinh"}
_DIRECTIVE_KINDS = {"nghi quyet", "ket luan", "chi thi", "quyet dinh", "luat", "bo luat", "nghi dinh",
                    "thong tu", "quy dinh", "hien phap", "phap lenh", "lenh"}
# Type codes inside a symbol ("29-NQ/TW" -> NQ) -> the kind they stand for.
_KIND_CODES = {"nq": "Nghị quyết", "kl": "Kết luận", "ct": "Chỉ thị", "qd": "Quyết định",
               "kh": "Kế hoạch", "ctr": "Chương trình hành động", "nd": "Nghị định",
               "tt": "Thông tư", "qdi": "Quy định", "hd": "Hướng dẫn", "tb": "Thông báo",
               "cv": "Công văn"}


@dataclass(frozen=True)
class Symbol:
    """The parts of a document id such as ``111/2022/NĐ-CP`` or ``182-KH/TU``.

    Attributes
    ----------
    number : str or None
    type_code : str or None
        "NĐ", "KH" ...; None when the symbol has only an issuer code ("88/2014/QH13").
    issuer_code : str or None
        The last part: "CP", "TU", "TTg", "QH13" ...
    """

    number: str | None
    type_code: str | None
    issuer_code: str | None


def parse_symbol(doc_id: str) -> Symbol:
    """Split a document id into number, type code and issuer code.

    Examples
    --------
    >>> parse_symbol("111/2022/NĐ-CP")
    Symbol(number='111', type_code='NĐ', issuer_code='CP')
    >>> parse_symbol("182-KH/TU")
    Symbol(number='182', type_code='KH', issuer_code='TU')
    >>> parse_symbol("88/2014/QH13")
    Symbol(number='88', type_code=None, issuer_code='QH13')
    >>> parse_symbol("Luật Giáo dục 2019")
    Symbol(number=None, type_code=None, issuer_code=None)
    """
    doc_id = nfc_squeezed(doc_id)
    if " " in doc_id or not re.match(r"^\d", doc_id):
        return Symbol(None, None, None)
    parts = [p for p in re.split(r"[/\-]", doc_id) if p]
    number = parts[0] if parts and parts[0].isdigit() else None
    rest = [p for p in parts[1:] if not _YEAR.match(p)] if number else parts
    if not rest:
        return Symbol(number, None, None)
    return Symbol(number, rest[0] if len(rest) > 1 else None, rest[-1])


def is_central(doc_id: str) -> bool:
    """True for a document that is one node nationwide.

    Examples
    --------
    >>> [is_central(x) for x in ("91-KL/TW", "628/QĐ-TTg", "686/NQ-UBTVQH15", "88/2014/QH13",
    ...                          "Luật Giáo dục 2019", "125-HD/BTGTW", "12/2020/TT-BGDĐT")]
    [True, True, True, True, True, True, True]
    >>> [is_central(x) for x in ("182-KH/TU", "2739/KH-UBND", "224-KH/ThU", "740/KH-BCSD", "12/KH-SGDĐT")]
    [False, False, False, False, False]
    """
    doc_id = nfc_squeezed(doc_id)
    if _CENTRAL_NAMES.match(doc_id):
        return True
    code = parse_symbol(doc_id).issuer_code
    if code is None:
        return False
    code = ascii_fold(code).lower()
    return code in _CENTRAL_CODES or bool(_CENTRAL_PATTERNS.match(code))


def kind_of(doc_id: str | None, kind: str | None) -> str | None:
    """The kind word of a document: as given, else read from its symbol or its name.

    Examples
    --------
    >>> kind_of("29-NQ/TW", None), kind_of("Luật Nhà giáo", None), kind_of("1/KH-UBND", "Kế hoạch")
    ('Nghị quyết', 'Luật', 'Kế hoạch')
    """
    if kind and nfc_squeezed(kind):
        return nfc_squeezed(kind)
    if not doc_id:
        return None
    if _CENTRAL_NAMES.match(nfc_squeezed(doc_id)):
        return nfc_squeezed(doc_id).split()[0] if not nfc_squeezed(doc_id).lower().startswith("bộ luật") else "Bộ luật"
    code = parse_symbol(doc_id).type_code
    return _KIND_CODES.get(ascii_fold(code).lower()) if code else None


def document_classes(kind: str | None, *, has_tasks: bool = False) -> list[str]:
    """The ``rdf:type`` IRIs of a document of ``kind``.

    A loaded document that assigns tasks is a Plan whatever it calls itself (a "Quyết định" that
    sets out tasks is carried out as a plan), so every task sits in a plan.

    Examples
    --------
    >>> [c.split("#")[1] for c in document_classes("Kết luận")]
    ['Document', 'Directive']
    >>> [c.split("#")[1] for c in document_classes("Chương trình hành động")]
    ['Document', 'Plan']
    >>> [c.split("#")[1] for c in document_classes("Công văn", has_tasks=True)]
    ['Document', 'Plan']
    """
    classes = [str(PKG.Document)]
    key = " ".join(slugify(kind).split("-")) if kind else ""
    if key in _DIRECTIVE_KINDS:
        classes.append(str(PKG.Directive))
    if key in _PLAN_KINDS or has_tasks:
        classes.append(str(PKG.Plan))
    return classes


def document_iri(doc_id: str | None, place: str | None, *, source: str | None = None) -> str:
    """The IRI of a document.

    Parameters
    ----------
    doc_id : str or None
        The id as printed (GUIDE.md form). None for a draft with no number.
    place : str or None
        The place of a local document (the place of the document that cites it, or its own).
        Unknown places are kept apart per source rather than merged under one "unknown" key.
    source : str or None
        Source file name: names a draft (``doc_id`` None) and scopes an unknown place.

    Returns
    -------
    str

    Examples
    --------
    >>> document_iri("91-KL/TW", "Kon Tum")
    'https://w3id.org/policykg/id/doc/91-kl-tw'
    >>> document_iri("142-KH/TU", "Kon Tum")
    'https://w3id.org/policykg/id/doc/kon-tum/142-kh-tu'
    >>> document_iri(None, "Kon Tum", source="000_e9a5.txt")
    'https://w3id.org/policykg/id/doc/kon-tum/draft-000-e9a5'
    """
    if doc_id and is_central(doc_id):
        return f"{ID}doc/{slugify(doc_id)}"
    place = canonical_place(place)
    scope = place_slug(place) if place else f"unknown-{slugify(_stem(source or 'x'))}"
    if not doc_id:
        return f"{ID}doc/{scope}/draft-{slugify(_stem(source or 'x'))}"
    return f"{ID}doc/{scope}/{slugify(doc_id)}"


def _stem(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def document_label(kind: str | None, doc_id: str | None, title: str | None = None) -> str:
    """A human label: "Kết luận 91-KL/TW"; a draft is labelled by kind and the start of its title.

    Examples
    --------
    >>> document_label("Kết luận", "91-KL/TW"), document_label(None, "Luật Giáo dục 2019")
    ('Kết luận 91-KL/TW', 'Luật Giáo dục 2019')
    >>> document_label("Kế hoạch", None, "Triển khai Kế hoạch số 182-KH/TU ngày 04 tháng 12 năm 2024")
    'Kế hoạch (không số): Triển khai Kế hoạch số 182-KH/TU ngày 04 tháng 12…'
    """
    if doc_id:
        if kind and not nfc_squeezed(doc_id).lower().startswith(nfc_squeezed(kind).lower()):
            return f"{nfc_squeezed(kind)} {nfc_squeezed(doc_id)}"
        return nfc_squeezed(doc_id)
    head = nfc_squeezed(title or "")
    words = head.split()
    if len(words) > 10:
        head = " ".join(words[:10]) + "…"
    return f"{nfc_squeezed(kind or 'Văn bản')} (không số)" + (f": {head}" if head else "")
