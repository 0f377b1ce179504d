"""The cascade of a sample corpus, and the function that writes it.

A corpus of ``n`` documents holds, in this order: a handful of central documents (per theme, the
party document at its root and the government document carrying it out); then, for as many
provinces as ``n`` allows (all 34 from about 180 documents), per theme: the party committee's plan
carrying out the root ("Kế hoạch số 142-KH/TU" / "Chương trình hành động số 142-CTr/TU", the same
number in every province, on purpose), the people's committee's plan carrying out the party plan,
its departments' plans and its communes' plans carrying out the people's committee's plan.

Documents are written as they are made (``DIR/docs/NAME.txt`` and the intended record
``DIR/gold/NAME.json``), with one line per document in ``DIR/manifest.jsonl`` naming its level,
province, parent and layout. The text is clean (one paragraph a line) or printed in a layout of real
documents (:mod:`policykg.sample.layouts`); the record does not change with the layout. The same
``n``, ``seed`` and layout give the same bytes.
"""
from __future__ import annotations

import json
import random
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from policykg.sample import vocab as v
from policykg.sample.central import government_document, party_document, ref_of
from policykg.sample.documents import Plan, render
from policykg.sample.layouts import CHOICES, lay_out
from policykg.sample.themes import THEMES, Theme
from policykg.sample.writer import DocRef
from policykg.vietnamese.keys import slugify

DEFAULT_DOCUMENTS = 200
_PER_THEME = 5  # a province carries a theme once it can hold its party, province, department and commune plans


@dataclass
class CorpusSummary:
    """What :func:`generate_corpus` wrote.

    ``levels`` counts documents by level (central, party, province, department, commune).
    """

    out: Path
    documents: int
    seed: int
    levels: dict[str, int] = field(default_factory=dict)
    provinces: int = 0
    themes: int = 0
    layouts: dict[str, int] = field(default_factory=dict)
    tasks: int = 0
    targets: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        """One line for the command line."""
        levels = ", ".join(f"{k} {n}" for k, n in self.levels.items())
        layouts = "" if set(self.layouts) <= {"clean"} else f" ({', '.join(f'{k} {n}' for k, n in self.layouts.items())})"
        return (f"{self.documents} documents ({levels}) in {self.provinces} provinces, {self.themes} themes, "
                f"{self.tasks} tasks, {self.targets} targets{layouts} -> {self.out} in {self.seconds:.1f}s")


@dataclass
class Entry:
    """One document to make: its name, level, province, parent, how to render it and (once made)
    the layout it is printed in."""

    name: str
    level: str
    province: str | None
    parent: str | None
    make: Callable[[], tuple[str, dict]]
    layout: str = "clean"


def slug(text: str) -> str:
    """ASCII file-name form: "Lâm Đồng" -> "lam-dong", "142-KH/TU" -> "142-kh-tu".

    Examples
    --------
    >>> slug("Sở GD&ĐT 17/KH-SGDĐT")
    'so-gd-dt-17-kh-sgddt'
    """
    return slugify(text)


def _party_ref(p: v.Province, kind: str, doc_id: str, when: date, parent: DocRef, rng: random.Random) -> DocRef:
    full, standing = p.party, f"Ban Thường vụ {p.party}"
    cited = ((f"Ban Thường vụ {p.committee}", standing), (p.committee, full), (full, full), (standing, standing))
    link = rng.choice(["về thực hiện", "thực hiện", "về triển khai thực hiện"])
    return DocRef(kind, doc_id, when, cited, "", parent, link)


def _people_ref(p: v.Province, doc_id: str, when: date, parent: DocRef, rng: random.Random) -> DocRef:
    full = p.people
    cited = ((f"Ủy ban nhân dân {p.level}", full), (f"UBND {p.level}", full), (full, full))
    link = rng.choice(["về triển khai thực hiện", "về thực hiện", "triển khai thực hiện"])
    return DocRef("Kế hoạch", doc_id, when, cited, "", parent, link)


def _after(d: date, rng: random.Random, low: int, high: int) -> date:
    return d + timedelta(days=rng.randint(low, high))


class _Cascade:
    """Plans of one province, one theme: yields them parent first."""

    def __init__(self, p: v.Province, theme: Theme, root: DocRef, government: DocRef, tu_number: int,
                 communes: list[v.Commune], rng: random.Random, used: set[str]) -> None:
        self.p, self.theme, self.root, self.government = p, theme, root, government
        self.tu_number, self.communes, self.rng, self.used = tu_number, communes, rng, used

    def _number(self, low: int, high: int, symbol: str, avoid: str = "") -> str:
        while True:
            doc_id = f"{self.rng.randint(low, high)}/{symbol}"
            if doc_id not in self.used and doc_id != avoid:
                self.used.add(doc_id)
                return doc_id

    def plans(self) -> Iterator[Plan]:
        p, theme, rng = self.p, self.theme, self.rng
        key = f"{slug(p.name)}_{theme.key}"
        kind = "Chương trình hành động" if rng.random() < 0.35 else "Kế hoạch"
        tu_id = f"{self.tu_number}-{'CTr' if kind != 'Kế hoạch' else 'KH'}/TU"
        tu_date = _after(self.root.date, rng, 20, 70)
        tu_ref = _party_ref(p, kind, tu_id, tu_date, self.root, rng)
        yield Plan(f"{key}_tu_{slug(tu_id)}", "party", kind, tu_id, tu_date, p, theme, [self.root], tu_ref)
        ub_id = self._number(100, 450, "KH-UBND")
        ub_date = _after(tu_date, rng, 10, 45)
        side = [self.government] if self.government.date < ub_date and rng.random() < 0.35 else []
        ub_ref = _people_ref(p, ub_id, ub_date, tu_ref, rng)
        yield Plan(f"{key}_ubnd_{slug(ub_id)}", "province", "Kế hoạch", ub_id, ub_date, p, theme,
                   [tu_ref] + side, ub_ref)
        departments = [theme.lead] + [a for a in theme.partners if a.symbol]
        communes = list(self.communes)
        rng.shuffle(communes)
        # Departments and communes alternate, so a small corpus still has both.
        order: list[v.Agency | v.Commune] = []
        while departments or communes:
            if departments:
                order.append(departments.pop(0))
            for _ in range(1 if len(order) < 4 else 3):
                if communes:
                    order.append(communes.pop(0))
        for who in order:
            draft = rng.random() < 0.06
            if isinstance(who, v.Agency):
                doc_id = None if draft else self._number(10, 200, f"KH-{who.symbol}")
                plan = Plan(f"{key}_{slug(who.symbol)}_{slug(doc_id) if doc_id else 'du-thao'}", "department",
                            "Kế hoạch", doc_id, _after(ub_date, rng, 7, 40), p, theme, [ub_ref], department=who)
                if rng.random() < 0.4:
                    # The decision that set the merged department up: a "Căn cứ" line of its plan.
                    subject = f"quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {who.name}"
                    plan.extra_bases = [DocRef("Quyết định", self._number(1000, 3200, "QĐ-UBND"),
                                               _after(date(2025, 7, 1), rng, 0, 40), ((f"UBND {p.level}", p.people),),
                                               subject)]
            else:
                commune_id = None if draft else f"{rng.randint(5, 150)}/KH-UBND"
                if commune_id == ub_id:
                    commune_id = f"{int(ub_id.split('/')[0]) + 1}/KH-UBND"
                plan = Plan(f"{key}_{slug(who.kind + ' ' + who.name)}_{slug(commune_id) if commune_id else 'du-thao'}",
                            "commune", "Kế hoạch", commune_id, _after(ub_date, rng, 10, 75), p, theme, [ub_ref],
                            commune=who)
            if draft:
                plan.blank = rng.choice(["day", "daymonth"])
            yield plan


def _budgets(rest: int, capacities: list[int]) -> list[int]:
    """Share ``rest`` documents among provinces as evenly as their capacities allow.

    Examples
    --------
    >>> _budgets(10, [2, 100, 100])
    [2, 4, 4]
    """
    budgets = [0] * len(capacities)
    left, open_ = rest, sorted(range(len(capacities)), key=lambda i: capacities[i])
    while open_ and left > 0:
        share, extra = divmod(left, len(open_))
        i = open_[0]
        if capacities[i] <= share:
            budgets[i] = capacities[i]
            left -= capacities[i]
            open_.pop(0)
            continue
        for k, j in enumerate(sorted(open_)):
            budgets[j] = share + (1 if k < extra else 0)
        left = 0
    return budgets


def plan_corpus(n: int, seed: int) -> Iterator[Entry]:
    """The documents of a corpus of ``n``, in the order they are written (parents first).

    Parameters
    ----------
    n : int
        Number of documents, at least 1.
    seed : int

    Returns
    -------
    iterator of Entry

    Raises
    ------
    ValueError
        At once (before any document is made) when ``n`` is below 1 or more than the cascade holds.
    """
    if n < 1:
        raise ValueError("a corpus needs at least one document")
    master = random.Random(f"policykg-sample/{seed}")
    themes = list(THEMES)
    master.shuffle(themes)
    themes = themes[:max(1, min(len(THEMES), n // 30))]
    central: list[Entry] = []
    roots: dict[str, tuple[DocRef, DocRef]] = {}
    for t in themes:
        earlier = ref_of(t.earlier) if t.earlier else None
        root = ref_of(t.root, earlier)
        government = ref_of(t.government, root)
        roots[t.key] = (root, government)
        central.append(Entry(f"tw_{slug(t.root.id)}", "central", None, earlier.id if earlier else None,
                             partial(party_document, "", t, f"{seed}/tw/{t.key}")))
        central.append(Entry(f"cp_{slug(t.government.id)}", "central", None, t.root.id,
                             partial(government_document, "", t, root, f"{seed}/cp/{t.key}")))
    rest = max(0, n - len(central))
    provinces = list(v.PROVINCES)
    master.shuffle(provinces)
    provinces = provinces[:max(1, min(len(provinces), rest // _PER_THEME))]
    tu_numbers = master.sample(range(100, 400), len(themes))
    setups = []
    for i, p in enumerate(provinces):
        rng = random.Random(f"{seed}/{p.name}")
        communes = v.communes(p, rng.randint(60, 150), rng)
        rotated = [themes[(i + k) % len(themes)] for k in range(len(themes))]
        setups.append((p, communes, rotated))

    def capacity(rotated: list[Theme], communes: list[v.Commune]) -> int:
        return sum(3 + len([a for a in t.partners if a.symbol]) + len(communes) for t in rotated)

    budgets = _budgets(rest, [capacity(r, c) for _, c, r in setups])
    if sum(budgets) < rest:
        raise ValueError(f"a corpus of {n} documents is more than the cascade holds "
                         f"({len(central) + sum(budgets)} with this seed)")
    return _entries(seed, central[:n], setups, budgets, roots, tu_numbers, themes)


def _entries(seed: int, central: list[Entry], setups: list, budgets: list[int], roots: dict,
             tu_numbers: list[int], themes: list[Theme]) -> Iterator[Entry]:
    yield from central
    for (p, communes, rotated), budget in zip(setups, budgets):
        if budget <= 0:
            continue
        # A province takes up a theme once its share can hold a whole small cascade of it.
        mine = rotated[:max(1, min(len(rotated), budget // _PER_THEME))]
        while sum(3 + len([a for a in t.partners if a.symbol]) + len(communes) for t in mine) < budget:
            mine = rotated[:len(mine) + 1]
        used: set[str] = set()
        cascades = [_Cascade(p, t, roots[t.key][0], roots[t.key][1], tu_numbers[themes.index(t)], communes,
                             random.Random(f"{seed}/{p.name}/{t.key}"), used).plans() for t in mine]
        for plan in islice(_round_robin(cascades), budget):
            yield Entry(plan.name, plan.level, plan.province.name, plan.carries[0].id,
                        partial(render, plan, f"{seed}/{plan.name}"))


def _round_robin(streams: list[Iterator[Plan]]) -> Iterator[Plan]:
    live = list(streams)
    while live:
        for s in list(live):
            item = next(s, None)
            if item is None:
                live.remove(s)
            else:
                yield item


def iter_corpus(n: int, seed: int = 0, layout: str = "clean") -> Iterator[tuple[str, str, dict, Entry]]:
    """Each document of the corpus: (file name stem, text in ``layout``, intended record, entry;
    ``entry.layout`` the layout the text is in, one drawn per document for ``mixed``).

    Raises ``ValueError`` at once, before any document is made, when ``n`` does not fit or the
    layout is unknown.
    """
    if layout not in CHOICES:
        raise ValueError(f"unknown layout {layout!r} (one of {', '.join(CHOICES)})")
    entries = plan_corpus(n, seed)
    width = max(5, len(str(n)))

    def made() -> Iterator[tuple[str, str, dict, Entry]]:
        for index, entry in enumerate(entries, 1):
            name = f"{index:0{width}d}_{entry.name}"
            text, record = entry.make()
            text, entry.layout = lay_out(text, layout, f"{seed}/{name}")
            record["source"] = f"{name}.txt"
            yield name, text, record, entry

    return made()


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


class CorpusExists(FileExistsError):
    """The output folder already holds documents and replacing them was not asked for."""


def _clear(out: Path, replace: bool) -> None:
    """Make room for a corpus: refuse a folder that already holds one unless ``replace``; then
    remove only what a corpus writes (``docs/*.txt``, ``gold/*.json``, ``manifest.jsonl``), so a
    smaller corpus never leaves a larger one's files behind."""
    old = [p for sub, pattern in (("docs", "*.txt"), ("gold", "*.json")) for p in (out / sub).glob(pattern)]
    if (out / "manifest.jsonl").exists():
        old.append(out / "manifest.jsonl")
    if old and not replace:
        raise CorpusExists(f"{out} already holds a corpus ({len(old)} files); replace it to write a new one")
    for path in old:
        path.unlink()


def generate_corpus(n: int = DEFAULT_DOCUMENTS, seed: int = 0, out: Path | str = "sample-corpus",
                    replace: bool = False, layout: str = "clean") -> CorpusSummary:
    """Write a sample corpus of ``n`` plan documents and their intended records.

    Parameters
    ----------
    n : int
        How many documents (central ones included).
    seed : int
        The same seed and ``n`` give the same bytes.
    out : Path or str
        Folder to write ``docs/``, ``gold/`` and ``manifest.jsonl`` into (created if missing).
    replace : bool
        Replace a corpus already in ``out`` (its ``docs/*.txt``, ``gold/*.json`` and manifest);
        without it, such a folder raises :class:`CorpusExists`.
    layout : str
        How the documents are printed: ``clean``, ``wrapped``, ``portal``, ``pdftext`` or
        ``mixed`` (one of the last three per document); see :mod:`policykg.sample.layouts`.

    Returns
    -------
    CorpusSummary

    Raises
    ------
    CorpusExists
        When ``out`` already holds a corpus and ``replace`` is false.
    ValueError
        When ``n`` is below 1 or above what the cascade holds, or the layout is unknown.

    Examples
    --------
    >>> import tempfile
    >>> s = generate_corpus(12, seed=1, out=tempfile.mkdtemp())
    >>> s.documents, sorted(s.levels)[:2]
    (12, ['central', 'commune'])
    """
    started = time.perf_counter()
    out = Path(out)
    entries = iter_corpus(n, seed, layout)  # raises at once (n or layout wrong), before anything is cleared
    _clear(out, replace)
    docs, gold = out / "docs", out / "gold"
    docs.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    summary = CorpusSummary(out, 0, seed)
    levels: Counter[str] = Counter()
    layouts: Counter[str] = Counter()
    provinces: set[str] = set()
    # File creation dominates on many file systems; a few threads hide its latency. Contents do
    # not depend on the order files are written in, so the bytes stay the same.
    pending: list[Future] = []
    with ThreadPoolExecutor(max_workers=8) as pool, \
            (out / "manifest.jsonl").open("w", encoding="utf-8", newline="\n") as manifest:
        for name, text, record, entry in entries:
            body = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
            pending.append(pool.submit(_write, docs / f"{name}.txt", text))
            pending.append(pool.submit(_write, gold / f"{name}.json", body))
            if len(pending) >= 512:
                for f in pending:
                    f.result()
                pending = []
            manifest.write(json.dumps({"name": name, "level": entry.level, "province": entry.province,
                                       "id": record["document"]["id"], "place": record["document"]["place"],
                                       "parent": entry.parent, "layout": entry.layout}, ensure_ascii=False) + "\n")
            levels[entry.level] += 1
            layouts[entry.layout] += 1
            if entry.province:
                provinces.add(entry.province)
            summary.tasks += len(record["tasks"])
            summary.targets += len(record["targets"])
            summary.documents += 1
        for f in pending:
            f.result()
    summary.levels = dict(sorted(levels.items()))
    summary.layouts = dict(sorted(layouts.items()))
    summary.provinces = len(provinces)
    summary.themes = max(1, min(len(THEMES), n // 30))
    summary.seconds = time.perf_counter() - started
    return summary
