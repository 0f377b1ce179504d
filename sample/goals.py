"""The goals section of a plan: targets as sentences, as bullets under a dated heading, or as an
indicator table (pipe or tab rows, one column a year), each noted in the record the way
``GUIDE.md`` writes targets (value with a decimal point, words around the number dropped, the year
the text gives or null).
"""
from __future__ import annotations

import random

from policykg.sample.themes import Indicator, Theme
from policykg.sample.writer import Writer, cap


def _number(ind: Indicator, rng: random.Random, scale: float = 1.0) -> float:
    low, high = ind.low * scale, ind.high * scale
    if ind.unit is None or ind.unit == "ha":
        return float(max(1, round(rng.uniform(low, high))))
    value = rng.uniform(low, min(high, 100.0) if ind.unit == "%" else high)
    if ind.decimals and rng.random() < 0.6:
        return round(value, ind.decimals)
    return float(round(value))


def _printed(x: float, unit: str | None) -> tuple[str, str]:
    """(printed, record) forms of a value: "98,5" / "98.5", "1.700" / "1700"."""
    if x != int(x):
        text = f"{x:.1f}"
        return text.replace(".", ","), text
    n = int(x)
    if unit == "ha" and n >= 1000:
        return f"{n:,}".replace(",", "."), str(n)
    return str(n), str(n)


def target_sentence(ind: Indicator, rng: random.Random, horizon: int, w: Writer, bare: bool = False) -> str:
    """Print-ready sentence of one target, noted in ``w``'s record.

    Parameters
    ----------
    ind : Indicator
    rng : random.Random
    horizon : int
        The year most goals are set for.
    w : Writer
    bare : bool
        No year in the sentence (bullets under a heading that gives it); the record's year is null
        until the caller sets the heading's.

    Returns
    -------
    str
    """
    year = rng.choice([horizon, horizon, 2030 if horizon != 2030 else 2028, 2027])
    x = _number(ind, rng)
    shown, value = _printed(x, ind.unit)
    if ind.unit is None:
        noun = f"có ít nhất {int(x):02d} {ind.text}" if rng.random() < 0.7 else f"có {int(x)} {ind.text}"
        if bare:
            w.target(ind.text, value, None, None)
            return cap(noun) + "."
        w.target(ind.text, value, None, year)
        return f"Đến năm {year}, {noun}."
    quantity = f"{shown}%" if ind.unit in ("%", "%/năm") else f"{shown} {ind.unit}"
    if ind.unit == "%/năm":
        quantity += "/năm"
    range_ok = ind.unit == "%" and x <= 90 and rng.random() < 0.2
    if range_ok:
        hi = int(x) + rng.choice([3, 5])
        quantity, value = f"{int(x)}-{hi}%", f"{int(x)}-{hi}"
    words = "đạt từ " if range_ok else "đạt " if x >= 100 else rng.choice(["đạt ", "đạt ", "đạt trên ", "đạt ít nhất "])
    if bare:
        w.target(ind.text, value, ind.unit, None)
        return f"{cap(ind.text)} {words}{quantity}."
    form = rng.random()
    w.target(ind.text, value, ind.unit, year)
    if form < 0.5:
        return f"Đến năm {year}, {ind.text} {words}{quantity}."
    if form < 0.75:
        return f"Phấn đấu đến năm {year}, {ind.text} {words}{quantity}."
    return f"Giai đoạn {year - 4} - {year}, phấn đấu {ind.text} {words}{quantity}."


def _table(inds: list[Indicator], rng: random.Random, w: Writer, years: tuple[int, int]) -> None:
    pipe = rng.random() < 0.6
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", f"Năm {years[0]}", f"Năm {years[1]}"]
    w.raw(" | ".join(header) + " |" if pipe else "\t".join(header))
    for i, ind in enumerate(inds, 1):
        cells: list[str] = [str(i), cap(ind.text), ind.unit or ""]
        last = _number(ind, rng)
        # The nearer year asks a little less than the later one, or is left blank ("-").
        digits = ind.decimals if last != int(last) else 0
        first = None if rng.random() < 0.2 else round(last * rng.uniform(0.85, 0.98), digits)
        for year, x in zip(years, (first, last)):
            if x is None:
                cells.append("-")
                continue
            shown, value = _printed(float(x), ind.unit)
            if ind.unit == "%" and year == years[1] and x < 95 and rng.random() < 0.15:
                shown, value = f"> {shown}", f"> {value}"
            cells.append(shown)
            w.target(cap(ind.text), value, ind.unit, year)
        w.raw(" | ".join(cells) + " |" if pipe else "\t".join(cells))
    w.raw("")


def goals(w: Writer, theme: Theme, rng: random.Random, numeral: str, where: str, count: int) -> None:
    """Print "<numeral>. MỤC TIÊU" with a general goal and ``count`` targets.

    Parameters
    ----------
    w : Writer
    theme : Theme
    rng : random.Random
    numeral : str
        The Roman number of the section with its separator ("II.").
    where : str
        The locality the general goal speaks of ("tỉnh", "xã").
    count : int
        How many indicators; 0 gives a goal section without targets.
    """
    w.line(f"{numeral} {rng.choice(['MỤC TIÊU', 'MỤC TIÊU', 'MỤC TIÊU, CHỈ TIÊU'])}")
    w.line("1. Mục tiêu chung")
    w.line(f"{theme.goal} của {where}.")
    if count == 0:
        return
    inds = rng.sample(list(theme.indicators), min(count, len(theme.indicators)))
    style = rng.random()
    horizon = theme.horizon
    if style < 0.25:
        w.line(f"2. Các chỉ tiêu chủ yếu đến năm {horizon}")
        for ind in inds:
            w.line(f"- {target_sentence(ind, rng, horizon, w, bare=True)}")
        # The heading gives the year the bullets speak of.
        for t in w.targets[-len(inds):]:
            t["year"] = horizon
    elif style < 0.5 and len(tabled := [i for i in inds if i.unit not in (None, "ha")]) >= 2:
        # A table holds rates and percentages only: counts and areas are left out of it.
        w.line("2. Các chỉ tiêu cụ thể")
        _table(tabled, rng, w, (horizon - 3 if horizon == 2030 else 2030, horizon))
    else:
        w.line("2. Mục tiêu cụ thể")
        for ind in inds:
            w.line(f"- {target_sentence(ind, rng, horizon, w)}")
