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
