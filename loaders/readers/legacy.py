"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI and Windows-1258, detected and turned into Unicode.

How the encoding is found
-------------------------
Bytes that are valid UTF-8 (or UTF-16, with a BOM or by their NUL bytes) are read as such. Other
bytes are decoded three ways -- Windows-1258, TCVN3 and VNI -- and each result is scored by the
share of its non-ASCII words that are well-formed Vietnamese syllables
(:func:`~.vnsyllable.syllable_score`). The best decoding is kept only when it scores at least
:data:`MIN_SCORE` on at least :data:`MIN_WORDS` words (or on fewer, when it beats the runner-up
by half) and beats the runner-up by :data:`MIN_MARGIN`; otherwise the file is reported as
undecodable instead of being guessed at.

Text that is already Unicode can still carry a legacy encoding: a Word file or PDF typed in the
``.VnTime`` or ``VNI-Times`` fonts stores TCVN3 or VNI codes as Latin-1 characters. Such lines
contain Latin-1 letters and none of the letters only Unicode Vietnamese has (ư, ơ, ạ, ế ...).
:func:`repair_text` rescores exactly those lines and converts a line only when the document as a
whole is confidently in one legacy encoding and the conversion makes that line score better.
"""
from __future__ import annotations

import re
import unicodedata

from policykg.loaders.readers.vnsyllable import syllable_score
from policykg.loaders.readers.vntables import TCVN3_TRANSLATE, VNI

MIN_SCORE = 0.6
MIN_MARGIN = 0.2
MIN_WORDS = 3
_SAMPLE_BYTES = 128 * 1024

_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
_ASCII_WORD = re.compile(r"[A-Za-z]+")
# Letters that Unicode Vietnamese uses and no Latin-1 text contains: their presence proves Unicode.
_UNICODE_VIET = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af"
                           "\u01b0\u1ea0-\u1ef9\u0300-\u0323]")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_LATIN1_HIGH = re.compile("[\u00a1-\u00ff]")


def convert_tcvn3(text: str) -> str:
    """Convert TCVN3 text (as Latin-1 characters) to Unicode.

    TCVN3 has no upper-case toned letters: headings were typed in a capitals font over lower-case
    codes. A line whose ASCII letters are all capitals, or a word with two or more ASCII capitals
    and no small letters, is therefore upper-cased after conversion.

    Parameters
    ----------
    text : str
        Text whose characters are the TCVN3 bytes read as Latin-1.

    Returns
    -------
    str
        NFC Unicode text.

    Examples
    --------
    >>> convert_tcvn3("KÕ ho¹ch thùc hiÖn")
    'Kế hoạch thực hiện'
    >>> convert_tcvn3("KÕ HO¹CH")
    'KẾ HOẠCH'
    """
    out = []
    for line in text.split("\n"):
        converted = line.translate(TCVN3_TRANSLATE)
        letters = "".join(_ASCII_WORD.findall(line))
        if len(letters) >= 3 and letters.isupper():
            converted = converted.upper()
        elif converted != line:
            converted = re.sub(r"\S+", _upper_if_capitals, converted)
        out.append(converted)
    return unicodedata.normalize("NFC", "\n".join(out))


def _upper_if_capitals(match: re.Match[str]) -> str:
    word = match.group(0)
    letters = "".join(_ASCII_WORD.findall(word))
    if len(letters) >= 2 and letters.isupper():
        return word.upper()
    return word


def convert_vni(text: str) -> str:
    """Convert VNI text (as Latin-1 characters) to Unicode.

    Examples
    --------
    >>> convert_vni("Keá hoaïch thöïc hieän, Ñoàng Nai")
    'Kế hoạch thực hiện, Đồng Nai'
    """
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: VNI[m.group(0)], text))


def _ratio(text: str) -> tuple[float, int]:
    valid, total = syllable_score(text)
    return (valid / total if total else 0.0), total


def _decodings(data: bytes) -> dict[str, str]:
    """Candidate decodings of non-UTF-8 bytes, by encoding name."""
    latin = data.decode("latin-1")
    return {
        "windows-1258": unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        "tcvn3": convert_tcvn3(latin),
        "vni": convert_vni(latin),
    }


def detect_encoding(data: bytes) -> tuple[str | None, dict[str, float]]:
    """Guess which legacy encoding non-UTF-8 bytes are in.

    Parameters
    ----------
    data : bytes
        The file's bytes; only the first 128 KiB are scored.

    Returns
    -------
    (name, scores)
        ``name`` is ``"windows-1258"``, ``"tcvn3"``, ``"vni"`` or None when no decoding is
        confidently Vietnamese; ``scores`` gives each candidate's syllable score.

    Examples
    --------
    >>> detect_encoding(encode_windows_1258("Kế hoạch thực hiện nhiệm vụ năm học"))[0]
    'windows-1258'
    """
    sample = data[:_SAMPLE_BYTES]
    scores: dict[str, float] = {}
    words: dict[str, int] = {}
    for name, text in _decodings(sample).items():
        scores[name], words[name] = _ratio(text)
    ranked = sorted(scores, key=lambda name: scores[name], reverse=True)
    best, second = ranked[0], ranked[1]
    margin = scores[best] - scores[second]
    # A short text may decide with fewer words when the other decodings are plainly wrong.
    enough = words[best] >= MIN_WORDS or (words[best] >= 1 and margin >= 0.5)
    if scores[best] >= MIN_SCORE and enough and margin >= MIN_MARGIN:
        return best, scores
    return None, scores


def decode_legacy(data: bytes) -> tuple[str, str] | None:
    """Decode bytes in a legacy Vietnamese encoding, or None when none fits confidently.

    Returns
    -------
    (text, encoding) or None
        NFC Unicode text and the encoding it was read as.

    Examples
    --------
    >>> decode_legacy(encode_windows_1258("Sở Giáo dục và Đào tạo chủ trì triển khai"))
    ('Sở Giáo dục và Đào tạo chủ trì triển khai', 'windows-1258')
    >>> decode_legacy(b"\\xfe\\xfa\\xf0 \\x9d\\x8f") is None
    True
    """
    name, _ = detect_encoding(data)
    if name is None:
        return None
    if name == "windows-1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")), name
    return _decodings_full(data, name), name


def _decodings_full(data: bytes, name: str) -> str:
    latin = data.decode("latin-1")
    return convert_tcvn3(latin) if name == "tcvn3" else convert_vni(latin)


def encode_windows_1258(text: str) -> bytes:
    """Encode Unicode text the way Windows-1258 stores it: precomposed where the code page has the
    letter, otherwise base letter plus a combining tone byte (used to write test files).

    Examples
    --------
    >>> encode_windows_1258("Kế")
    b'K\\xea\\xec'
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in decomposed if c in _TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: ``.VnTime`` -> tcvn3, ``VNI-Times`` -> vni.

    Examples
    --------
    >>> [font_encoding(f) for f in (".VnTime", ".VnTimeH", "VNI-Times", "Times New Roman", None)]
    ['tcvn3', 'tcvn3', 'vni', None, None]
    """
    if not font:
        return None
    name = font.split("+")[-1].strip().lower()  # PDF subset fonts: "ABCDEF+.VnTime"
    if name.startswith(".vn") or name.startswith("vn") and not name.startswith("vni"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def convert(text: str, encoding: str, *, capitals: bool = False) -> str:
    """Convert text in ``encoding`` (``"tcvn3"`` or ``"vni"``) to Unicode; ``capitals`` upper-cases
    it (a ``.VnTimeH``-style capitals font)."""
    out = convert_tcvn3(text) if encoding == "tcvn3" else convert_vni(text)
    return out.upper() if capitals else out


def _candidate(line: str) -> bool:
    return bool(_LATIN1_HIGH.search(line)) and not _UNICODE_VIET.search(line)


def repair_text(text: str) -> str:
    """Convert the lines of Unicode text that are really TCVN3 or VNI, leaving the rest alone.

    Parameters
    ----------
    text : str
        Text already decoded (from UTF-8, a .docx, a PDF text layer, a web page).

    Returns
    -------
    str
        The same text with legacy-encoded lines converted; unchanged when nothing is confidently
        legacy-encoded.

    Examples
    --------
    >>> repair_text("Kế hoạch năm 2025\\nSë Tµi chÝnh phèi hîp thùc hiÖn\\nTài chính")
    'Kế hoạch năm 2025\\nSở Tài chính phối hợp thực hiện\\nTài chính'
    """
    if not _LATIN1_HIGH.search(text):
        return text  # fast path: nothing above ASCII that Latin-1 could have mis-shown
    lines = text.split("\n")
    suspects = [i for i, line in enumerate(lines) if _candidate(line)]
    if not suspects:
        return text
    joined = "\n".join(lines[i] for i in suspects)
    base, _ = _ratio(joined)
    scored = {name: _ratio(convert(joined, name)) for name in ("tcvn3", "vni")}
    name = max(scored, key=lambda n: scored[n][0])
    score, words = scored[name]
    if score < MIN_SCORE or words < 1 or score - base < MIN_MARGIN:
        return text
    for i in suspects:
        converted = convert(lines[i], name)
        if _ratio(converted)[0] > _ratio(lines[i])[0]:
            lines[i] = converted
    return "\n".join(lines)
