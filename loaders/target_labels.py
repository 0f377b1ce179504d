"""The last rule every target label goes through: it ends at a clause boundary and its
parentheses balance, so a label is never a fragment ("huyện 5/8", "… đạt trên 50% (").

A label is cut from the words around a value, and the cut can land inside a parenthesis or
after a verb of change; whatever rule chose the words, :func:`tidy_label` makes the result a
phrase that stands alone.
"""
from __future__ import annotations

import re

# A value that leaked into the label's end: "huyện 5/8", "xã 50%", "đạt trên 50". A bare number
# stays ("mức độ 2", "nhóm 1"): it is part of a name.
_TRAILING_VALUE = re.compile(r"(?:\s+(?:\d+/\d+|\d[\d.,]*\s*%|(?:khoảng|trên|dưới|tối thiểu|tối đa|ít nhất)\s+"
                             r"\d[\d.,/]*\s*%?))+$", re.IGNORECASE)
# Words that open a clause the value completes, never the end of a noun phrase. "tăng", "giảm",
# "bình quân", "hằng năm" stay: they say the value is a change or an average ("tốc độ tăng").
_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:đạt|là|chiếm|có|còn|lên|xuống|ở mức|bằng|và|hoặc|với|trên|dưới|khoảng|"
    r"tối thiểu|tối đa|ít nhất|trở lên|phấn đấu))+$", re.IGNORECASE)
_PUNCT = " ,;:(–-"


def balance(label: str) -> str:
    """``label`` with balanced parentheses: an unclosed ``(`` ends the label there (a parenthesis
    opens a qualifier the value interrupted); an unopened ``)`` is dropped.

    Examples
    --------
    >>> balance("tỷ lệ hộ dân sử dụng nước sạch (theo quy chuẩn")
    'tỷ lệ hộ dân sử dụng nước sạch'
    >>> balance("khu vực nông thôn)")
    'khu vực nông thôn'
    >>> balance("tỷ lệ trẻ em (dưới 5 tuổi) suy dinh dưỡng")
    'tỷ lệ trẻ em (dưới 5 tuổi) suy dinh dưỡng'
    """
    kept: list[str] = []
    opened: list[int] = []
    for ch in label:
        if ch == "(":
            opened.append(len(kept))
        elif ch == ")":
            if not opened:
                continue
            opened.pop()
        kept.append(ch)
    text = "".join(kept)
    if opened:
        text = text[:opened[0]]
    return text.rstrip(_PUNCT)


def tidy_label(label: str) -> str:
    """A target label as a phrase that stands alone: parentheses balanced, and no value, verb,
    comparator or linking word left at its end. A label that would be left empty stays as it was.

    Parameters
    ----------
    label : str

    Returns
    -------
    str

    Examples
    --------
    >>> tidy_label("huyện 5/8")
    'huyện'
    >>> tidy_label("tỷ lệ xã đạt chuẩn nông thôn mới đạt trên 50% (")
    'tỷ lệ xã đạt chuẩn nông thôn mới'
    >>> tidy_label("tỷ lệ trẻ em suy dinh dưỡng thể thấp còi (chiều cao theo tuổi giảm xuống dưới")
    'tỷ lệ trẻ em suy dinh dưỡng thể thấp còi'
    >>> tidy_label("tỷ lệ hộ nghèo giảm còn")
    'tỷ lệ hộ nghèo giảm'
    >>> tidy_label("trường đạt chuẩn quốc gia mức độ 2")
    'trường đạt chuẩn quốc gia mức độ 2'
    """
    text = " ".join(label.split())
    while True:
        before = text
        text = balance(text)
        text = _TRAILING_VALUE.sub("", text).rstrip(_PUNCT)
        text = _TRAILING_WORDS.sub("", text).rstrip(_PUNCT)
        if text == before:
            break
    return text if text.strip() else " ".join(label.split())


__all__ = ["balance", "tidy_label"]
