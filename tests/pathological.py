"""Adversarial one-line inputs (about 1 MB each) for the loaders' regular expressions.

Used by ``tests/test_loaders_robustness.py`` (they are read through) and by ``bench/run.py`` (how
long the slowest takes, against the floor of reading and scanning the same bytes).
"""

PATHOLOGICAL = {
    "repeated 'số 1/'": "số 1/" * 200_000,
    "nested parentheses": "(" * 500_000 + ")" * 500_000,
    "100,000 dashes": "-" * 100_000,
    "kind words without ids": "Kế hoạch số 1- " * 70_000,
    "ids with stray spaces": "Nghị quyết số 12 - NQ/TW, " * 40_000,
    "law names without end": "Luật Giáo " * 100_000,
    "numbers without a percent": "1." * 500_000,
    "unclosed bookmarks": "[bookmark: " * 100_000,
    "unclosed footnote bodies": "[1: " * 250_000,
    "issuers without end": "của Ban " * 120_000,
}

# The repeated unit of each line above, so a line can be made at any length (linearity tests).
_UNITS = {
    "repeated 'số 1/'": "số 1/",
    "100,000 dashes": "-",
    "kind words without ids": "Kế hoạch số 1- ",
    "ids with stray spaces": "Nghị quyết số 12 - NQ/TW, ",
    "law names without end": "Luật Giáo ",
    "numbers without a percent": "1.",
    "unclosed bookmarks": "[bookmark: ",
    "unclosed footnote bodies": "[1: ",
    "issuers without end": "của Ban ",
}


def scaled(name: str, size: int) -> str:
    """The line ``name`` of :data:`PATHOLOGICAL` made about ``size`` characters long, same shape.

    >>> len(scaled("ids with stray spaces", 1000)), scaled("nested parentheses", 4)
    (988, '(())')
    """
    if name == "nested parentheses":
        return "(" * (size // 2) + ")" * (size // 2)
    unit = _UNITS[name]
    return unit * max(1, size // len(unit))
