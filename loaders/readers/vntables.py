"""Mapping tables of the two 8-bit Vietnamese font encodings still found in older files.

Both encodings predate Unicode: a document typed in them stores ordinary 8-bit codes and relies on
a special font (``.VnTime`` for TCVN3, ``VNI-Times`` for VNI) to draw Vietnamese letters. Read as
Latin-1 / Windows-1252, such text looks like ``KÕ ho¹ch`` (TCVN3) or ``Keá hoaïch`` (VNI) for
"Kế hoạch". The tables below map those Latin-1 characters back to Unicode.

- **TCVN3 (ABC, TCVN 5712:1993 VN3)** gives every lower-case toned letter a byte of its own in
  0xA1-0xFE; of the upper-case letters only the seven bare ones (Ă Â Ê Ô Ơ Ư Đ) have codes.
  Upper-case toned letters were drawn with a capitals font (``.VnTimeH``) from the lower-case codes,
  so the text itself cannot say they were capitals (see :func:`~.legacy.convert_tcvn3`).
- **VNI (VNI Windows)** writes most letters as a base letter followed by one "mark" byte that
  carries the tone, or the circumflex/breve and the tone together (``a`` + ``ù`` = ``á``,
  ``a`` + ``ä`` = ``ậ``); ơ, ư, đ and the toned i / ỵ are single bytes. The mark bytes have
  upper-case twins used after capitals.

The VNI table is generated from those rules rather than listed, so each entry can be checked
against the rule that made it.
"""
from __future__ import annotations

import unicodedata

# TCVN3 (ABC): byte value -> Unicode letter. Bytes not listed are Latin-1 / ASCII as they are.
TCVN3: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}

# str.translate table: the Latin-1 character a TCVN3 byte shows as -> the Unicode letter.
TCVN3_TRANSLATE: dict[int, str] = dict(TCVN3)

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"

# VNI mark bytes (lower-case forms; the upper-case twin is the same letter upper-cased).
_VNI_TONE = {_ACUTE: "ù", _GRAVE: "ø", _HOOK: "û", _TILDE: "õ", _DOT: "ï"}
_VNI_CIRCUMFLEX = {"": "â", _ACUTE: "á", _GRAVE: "à", _HOOK: "å", _TILDE: "ã", _DOT: "ä"}
_VNI_BREVE = {"": "ê", _ACUTE: "é", _GRAVE: "è", _HOOK: "ú", _TILDE: "ü", _DOT: "ë"}
# Letters that VNI writes as one byte.
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
               "ỵ": "î"}


def _compose(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


def _vni_lower() -> dict[str, str]:
    """VNI sequence (lower case) -> Unicode letter (lower case), from the rules above."""
    table: dict[str, str] = {}
    tones = ["", *_VNI_TONE]
    for base in "aeiouy":
        for tone in tones[1:]:
            table[base + _VNI_TONE[tone]] = _compose(base, tone)
    for base in "aeo":
        for tone, mark in _VNI_CIRCUMFLEX.items():
            table[base + mark] = _compose(base, _CIRCUMFLEX, tone)
    for tone, mark in _VNI_BREVE.items():
        table["a" + mark] = _compose("a", _BREVE, tone)
    for base in "ou":  # ơ and ư are single bytes, toned by a following tone mark
        single = _VNI_SINGLE[_compose(base, _HORN)]
        table[single] = _compose(base, _HORN)
        for tone in tones[1:]:
            table[single + _VNI_TONE[tone]] = _compose(base, _HORN, tone)
    for letter, single in _VNI_SINGLE.items():
        table[single] = letter
    # i and ỵ take no two-byte form: VNI has single bytes for them (ì í æ ó ò, î).
    for seq in [k for k in table if len(k) == 2 and k[0] == "i"]:
        del table[seq]
    del table["y" + _VNI_TONE[_DOT]]
    return table


def _vni_table() -> dict[str, str]:
    """Every VNI sequence in both cases -> Unicode; the letter's case follows the base letter.

    Capitals take the upper-case mark byte, but text typed in title case often mixes them
    (``Aù``), so each base letter is paired with both cases of its mark.
    """
    table: dict[str, str] = {}
    for seq, letter in _vni_lower().items():
        if len(seq) == 1:
            table[seq] = letter
            table[seq.upper()] = letter.upper()
            continue
        base, mark = seq[0], seq[1]
        for m in (mark, mark.upper()):
            table[base + m] = letter
            table[base.upper() + m] = letter.upper()
    return table


VNI: dict[str, str] = _vni_table()
