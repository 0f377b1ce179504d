"""Every text stage is linear: doubling its input about doubles its work (issue 16).

Work is CPU time measured in this run, compared as a ratio, never against seconds: each stage runs
on a line of ``n`` and of ``4n`` characters (``n`` grown until the stage takes a measurable time)
and the growth per doubling is the square root of the ratio. Linear work gives about 2, quadratic
work tends to 4; anything at or above :data:`LIMIT` fails, after a second measurement at twice the
size (so a noisy neighbour on a shared machine cannot fail it alone). Caches keyed on the text are
cleared before every run, so no run is served from a previous one.

The lines: every pathological line of ``tests/pathological.py`` (the issue's citation-dense
``"Nghị quyết số 12 - NQ/TW, "`` among them) and a few documents of many lines (tasks, headings,
table rows, footnotes), which the stages that work line by line must also take in linear time.
"""
from __future__ import annotations

import gc
import html
import math
import time
from typing import Any, Callable

import pytest
from pathological import PATHOLOGICAL, scaled

import policykg.loaders.agencies as agencies_module
import policykg.loaders.agency_words as agency_words_module
import policykg.loaders.citations as citations_module
from policykg.loaders.agencies import Gazetteer
from policykg.loaders.citation_links import relations_in
from policykg.loaders.citations import find_citations
from policykg.loaders.metadata import read_head
from policykg.loaders.normalise import normalise
from policykg.loaders.outline import build_outline
from policykg.loaders.read import decode_text
from policykg.loaders.readers.web import html_text
from policykg.loaders.record import extract_text
from policykg.loaders.targets import extract_targets
from policykg.loaders.tasks import extract_tasks

LIMIT = 2.7          # growth per doubling; linear is ~2, quadratic approaches 4
MIN_SECONDS = 0.03   # n is doubled until the smaller run takes this much CPU
START, MAX = 4_000, 2_000_000

# Documents of many lines: (unit, repeated).
DOCUMENTS = {
    "many task lines": "- Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát chính sách theo Nghị quyết số "
                       "12/NQ-CP ngày 05/11/2020, hoàn thành trước ngày 31/12/2025.\n",
    "many headings": "I. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Nâng cao nhận thức\na) Sở Giáo dục và Đào tạo tuyên truyền.\n",
    "many table rows": "| 1 | Tỷ lệ hoàn thành cấp trung học phổ thông | % | 95 | 2030 | Sở Giáo dục và Đào tạo |\n",
    "many footnotes": "Thực hiện Kết luận số 91-KL/TW[footnoteRef:1] của Bộ Chính trị.\n[1: Nghị quyết số 29-NQ/TW]\n",
}
# Lines dense with citations of the other printed forms (a table or list pasted as one line).
LINES = {
    "bare ids on one line": "12/NQ-CP, ",
    "dated citations on one line": "Nghị quyết số 12/NQ-CP ngày 05/11/2020 của Chính phủ, ",
}


def make(name: str, size: int) -> str:
    """The input ``name`` at about ``size`` characters."""
    if name in DOCUMENTS:
        unit = DOCUMENTS[name]
        return "KẾ HOẠCH\n" + unit * max(1, size // len(unit))
    if name in LINES:
        return LINES[name] * max(1, size // len(LINES[name]))
    return scaled(name, size)


def _clear_caches() -> None:
    """Forget what earlier runs computed for a text (the gazetteer, built once, is kept)."""
    for module in (citations_module, agencies_module, agency_words_module):
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and (value.cache_parameters() or {}).get("maxsize", 0) != 1:
                value.cache_clear()


GAZETTEER = Gazetteer.default()


def _cite(text: str, notes: tuple[str, ...]) -> list[str]:
    return [c.id for c in find_citations(text)]


# stage -> (prepare: text -> input, run: input -> anything); only ``run`` is timed.
STAGES: dict[str, tuple[Callable[[str], Any], Callable[[Any], Any]]] = {
    "decode_text": (lambda s: s.encode("utf-8"), decode_text),
    "html_text": (lambda s: ("<html><body><div><p>" + html.escape(s).replace("\n", "</p><p>")
                             + "</p></div></body></html>").encode("utf-8"), html_text),
    "normalise": (lambda s: s, normalise),
    "outline": (normalise, build_outline),
    "head": (lambda s: build_outline(normalise(s)), lambda o: read_head(o, GAZETTEER)),
    "citations": (lambda s: s, find_citations),
    "relations": (lambda s: s, relations_in),
    "agencies": (lambda s: s, GAZETTEER.read_list),
    "tasks": (lambda s: build_outline(normalise(s)), lambda o: extract_tasks(o, GAZETTEER, _cite)),
    "targets": (lambda s: build_outline(normalise(s)), extract_targets),
    "whole record": (lambda s: s, extract_text),
}
INPUTS = [*PATHOLOGICAL, *DOCUMENTS, *LINES]


def cpu_seconds(stage: str, text: str, repeats: int = 2) -> float:
    """The least CPU time ``stage`` takes on ``text`` over ``repeats`` runs."""
    prepare, run = STAGES[stage]
    data = prepare(text)
    best = math.inf
    for _ in range(repeats):
        _clear_caches()
        gc.collect()
        # The collector scans every live object on each full pass, so with it on, a stage that
        # allocates many small objects shows super-linear time that is the collector's, not its own.
        gc.disable()
        try:
            started = time.process_time()
            run(data)
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


def growth(stage: str, name: str, start: int = START) -> tuple[float, int]:
    """Growth of the stage's work per doubling of ``name``, and the ``n`` it was measured from."""
    n = start
    small = cpu_seconds(stage, make(name, n))
    while small < MIN_SECONDS and n * 2 <= MAX:
        n *= 2
        small = cpu_seconds(stage, make(name, n))
    if small < MIN_SECONDS / 3:
        return 1.0, n  # too fast to measure well even at the largest size: no danger either way
    large = cpu_seconds(stage, make(name, 4 * n))
    return math.sqrt(large / max(small, 1e-9)), n


CASES = [pytest.param(stage, name) for stage in STAGES for name in INPUTS]


@pytest.mark.parametrize("stage, name", CASES)
def test_stage_is_linear(stage, name):
    ratio, n = growth(stage, name)
    if ratio >= LIMIT:  # measure again from twice the size before calling it super-linear
        ratio, n = growth(stage, name, start=2 * n)
    assert ratio < LIMIT, f"{stage} on {name!r}: work grows {ratio:.2f}x per doubling from {n} characters"


def test_the_measure_catches_quadratic_work():
    """A stage that rescans the text before each citation (the bug of issue 16) fails the test."""
    def quadratic(text: str) -> int:
        return sum(len(text[:c.start].split()) for c in find_citations(text))

    STAGES["quadratic"] = (lambda s: s, quadratic)
    try:
        ratio, n = growth("quadratic", "ids with stray spaces")
    finally:
        del STAGES["quadratic"]
    assert ratio >= LIMIT, f"{ratio:.2f}x per doubling from {n} characters"


def test_find_citations_is_linear_in_its_citations():
    ratio, n = growth("citations", "bare ids on one line")
    assert ratio < LIMIT, f"{ratio:.2f}x per doubling from {n} characters"
