"""Word's automatic numbering, recovered as the text Word would draw ("1.", "a)", "II.", "-").

In a .docx a numbered paragraph stores no number: it points (``w:numPr``, directly or through its
style) at a list instance ``w:num``, which points at an abstract definition ``w:abstractNum`` with
one ``w:lvl`` per level giving the start value, the format (decimal, lowerLetter, upperRoman,
bullet ...) and a template such as ``"%1.%2."``. Word counts the paragraphs in document order.

Two rules of Word's are followed here: list instances that share an abstract definition continue
one another's count, unless an instance sets ``w:startOverride`` ("restart numbering"), which gives
it a count of its own; and starting a level restarts every deeper level.
"""
from __future__ import annotations

from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
# Bullet characters that Word draws from symbol fonts (private-use code points and look-alikes);
# they are written as "-", the bullet plain-text Vietnamese documents use.
_PLAIN_BULLETS = {"-", "+", "–", "*"}


@dataclass
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False
    style: str | None = None


def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val", default) if child is not None else default


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _levels(el) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in el.findall(W + "lvl"):
        ilvl = _int(lvl.get(W + "ilvl"), 0)
        levels[ilvl] = Level(
            start=_int(_val(lvl, "start"), 1),
            fmt=_val(lvl, "numFmt", "decimal") or "decimal",
            text=_val(lvl, "lvlText", "") or "",
            legal=lvl.find(W + "isLgl") is not None,
            style=_val(lvl, "pStyle"),
        )
    return levels


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """Write a list counter in one of Word's number formats.

    Examples
    --------
    >>> [format_number(n, f) for n, f in [(4, "upperRoman"), (3, "lowerLetter"), (28, "lowerLetter"),
    ...                                   (7, "decimalZero"), (12, "decimal")]]
    ['IV', 'c', 'bb', '07', '12']
    """
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(max(n, 1))
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        # Word repeats the letter past z: 27 -> aa, 28 -> bb.
        letter = chr(ord("a") + (max(n, 1) - 1) % 26) * ((max(n, 1) - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and the formats plain text has no better rendering for


class Numbering:
    """Counts a document's numbered paragraphs and writes each one's label.

    Parameters
    ----------
    numbering : lxml element or None
        The root of ``word/numbering.xml``.
    styles : lxml element or None
        The root of ``word/styles.xml`` (styles can carry numbering).
    """

    def __init__(self, numbering, styles) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        if numbering is not None:
            for ab in numbering.findall(W + "abstractNum"):
                self.abstract[ab.get(W + "abstractNumId", "")] = _levels(ab)
            for num in numbering.findall(W + "num"):
                overrides = {}
                for ov in num.findall(W + "lvlOverride"):
                    start = _val(ov, "startOverride")
                    if start is not None:
                        overrides[_int(ov.get(W + "ilvl"), 0)] = _int(start, 1)
                self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId", "") or "", overrides)
        self.style_num: dict[str, tuple[str | None, str | None]] = {}
        self.based_on: dict[str, str] = {}
        if styles is not None:
            for style in styles.findall(W + "style"):
                sid = style.get(W + "styleId", "")
                ppr = style.find(W + "pPr")
                numpr = ppr.find(W + "numPr") if ppr is not None else None
                if numpr is not None:
                    self.style_num[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"))
                base = _val(style, "basedOn")
                if base:
                    self.based_on[sid] = base
        self.counters: dict[str, list[int | None]] = {}

    def _style_numpr(self, style: str | None) -> tuple[str | None, str | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                return (*self.style_num[style], style)
            style = self.based_on.get(style)
        return None, None, None

    def label(self, p) -> str | None:
        """The number or bullet Word draws before paragraph ``p``, advancing the count.

        Returns
        -------
        str or None
            ``"1."``, ``"a)"``, ``"1.2."``, ``"-"`` ...; None for a paragraph that is not numbered.
        """
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        style = _val(ppr, "pStyle")
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl = _val(numpr, "ilvl") if numpr is not None else None
        style_num, style_ilvl, from_style = self._style_numpr(style)
        if num_id is None:
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels:
            return None
        if ilvl is None:
            # A style tied to a level by w:pStyle (heading styles) numbers at that level.
            ilvl = next((str(i) for i, lv in levels.items() if lv.style and lv.style == from_style), "0")
        level_no = min(_int(ilvl, 0), _LEVELS - 1)
        key = f"num:{num_id}" if overrides else f"abstract:{abstract_id}"
        counts = self.counters.setdefault(key, [None] * _LEVELS)

        def start(i: int) -> int:
            return overrides.get(i, levels.get(i, Level()).start)

        current = counts[level_no]
        counts[level_no] = start(level_no) if current is None else current + 1
        for deeper in range(level_no + 1, _LEVELS):
            counts[deeper] = None
        level = levels.get(level_no, Level())
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            return level.text if level.text in _PLAIN_BULLETS else "-"
        text = level.text
        for i in range(_LEVELS - 1, -1, -1):  # %10 does not exist; go high to low so %1 != %1x
            token = f"%{i + 1}"
            if token in text:
                counted = counts[i]
                value = counted if counted is not None else start(i)
                fmt = "decimal" if level.legal else levels.get(i, Level()).fmt
                text = text.replace(token, format_number(value, fmt))
        return text.strip() or None
