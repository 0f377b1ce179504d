"""The same document cited differently: two dates, two issuers, or two numbers.

Within one plan every mention of a document is read off the text (:func:`mentions`). Three rules:

- **same id, two dates** ("ngày 24/10/2024" at one mention, "ngày 25/10/2024" at another) or
  **same id, two issuers** of different kinds or places ("của Tỉnh ủy" / "của Ủy ban nhân dân
  tỉnh"): the mention that disagrees with the first full citation is reported.
- **two numbers for one document**: ids of the same kind and symbol ("…/KH-TU") whose numbers
  differ by a small edit (one digit, or two in numbers of four or more digits), which never stand
  on the same line, whose dates do not disagree, and one of which is never cited with a date; and
  which stand beside the same documents (at least two shared companions, e.g. a "Căn cứ" list
  "91-KL/TW … 51/NQ-CP … 276/KH-TU" mirrored later by "91-KL/TW, 51/NQ-CP, 273/KH-TU"), or beside
  one shared companion while the text says both carry out the same document. Every mention of the
  odd one (fewer dated mentions, else fewer mentions, else cited later) is reported.

Across the plans of one place (local documents are scoped by their issuer's place, central ones
are national), the references of the plans are compared the same way: same id with two dates or
issuers, and near numbers with the same date, issuer and implemented document
(:func:`cross_plan_findings`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from policykg.check.compare import ID, dates_conflict, issuer_key, issuers_conflict, near_numbers, near_pairs
from policykg.check.model import Finding, Plan, quote
from policykg.graph.documents import is_central
from policykg.graph.places import canonical_place
from policykg.loaders.citations import find_citations

__all__ = ["KIND", "Mention", "cross_plan_findings", "dates_conflict", "issuer_key", "issuers_conflict", "mentions",
           "near_numbers", "plan_findings"]

KIND = "citation-conflict"


@dataclass(frozen=True)
class Mention:
    """One place in a plan where a document is cited."""

    id: str
    kind: str | None
    date: str | None
    issuer: str | None
    line: int
    text: str
    start: int
    end: int

    @property
    def snippet(self) -> str:
        return quote(self.text, around=(self.start, self.end))


def mentions(plan: Plan) -> list[Mention]:
    """Every numbered citation in a plan's text (laws cited by name and the plan's own id left out).

    Without text (a plan from the store or a record), the lines the record quotes as evidence
    (references, relations, tasks, ``implements`` / ``based_on``) are read instead.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Mention
        In order of lines.

    Examples
    --------
    >>> from policykg.check.model import plan_from_text
    >>> p = plan_from_text("KẾ HOẠCH\\nCăn cứ Kế hoạch số 5/KH-TU ngày 02/01/2024 của Tỉnh ủy Hà Giang;")
    >>> [(m.id, m.date, m.line) for m in mentions(p)]
    [('5/KH-TU', '2024-01-02', 2)]
    """
    own = plan.document.get("id")
    if plan.text is not None:
        lines = [(l.no, l.text) for l in plan.text.all_lines()]
    else:
        lines = list(dict.fromkeys((item["line"], item["source_text"]) for item in _evidence(plan.record)
                                   if item.get("line") is not None and item.get("source_text")))
    out = []
    for no, text in sorted(lines, key=lambda nt: nt[0]):
        for c in find_citations(text):
            if _numbered(c.id, own):
                out.append(Mention(c.id, c.kind, c.date, c.issuer, no, text, c.start, c.end))
    return out


def _evidence(record: dict) -> list[dict]:
    """Everything in a record that carries a line and its text."""
    provenance = record.get("provenance") or {}
    return [*(record.get("references") or []), *(record.get("relations") or []), *(record.get("tasks") or []),
            *(provenance.get("implements") or []), *(provenance.get("based_on") or [])]


def _numbered(doc_id: str | None, own: str | None) -> bool:
    return doc_id is not None and doc_id != own and bool(ID.fullmatch(doc_id))


def _label(m: Mention) -> str:
    return f"{m.kind} {m.id}" if m.kind else m.id


def _show_date(iso: str | None) -> str:
    parts = (iso or "").split("-")
    return "/".join(str(int(p)) for p in reversed(parts[1:])) + "/" + parts[0] if len(parts) > 1 else iso or ""


def _basis_lines(plan: Plan) -> set[int]:
    """The lines of the "Căn cứ …" clauses: one list of documents, though printed on several lines."""
    if plan.head is not None:
        return {l.no for l in plan.head.opening if l.text.strip().startswith("Căn cứ")}
    if plan.text is None:
        basis = (plan.record.get("provenance") or {}).get("based_on") or []
        return {b["line"] for b in basis if b.get("line") is not None}
    return {l.no for l in plan.text.lines[:60] if l.text.strip().startswith("Căn cứ")}


def plan_findings(plan: Plan) -> list[Finding]:
    """Citation conflicts inside one plan.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    list of Finding
        Severity ``error``.

    Examples
    --------
    >>> from policykg.check.model import plan_from_text
    >>> p = plan_from_text("KẾ HOẠCH\\nThực hiện Kế hoạch số 5/KH-TU ngày 02/01/2024 của Tỉnh ủy.\\n"
    ...                    "I. NHIỆM VỤ\\n1. Sở Y tế quán triệt Kế hoạch số 5/KH-TU ngày 03/01/2024.")
    >>> [(f.line, f.severity) for f in plan_findings(p)]
    [(4, 'error')]
    """
    found = mentions(plan)
    by_id: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        by_id[m.id].append(m)
    out = _same_id_findings(plan, by_id)
    out += _two_number_findings(plan, by_id)
    return out


def _same_id_findings(plan: Plan, by_id: dict[str, list[Mention]]) -> list[Finding]:
    out = []
    for doc_id, ms in by_id.items():
        dated = sorted((m for m in ms if m.date), key=lambda m: (-len(m.date or ""), m.line))
        ref = next((m for m in ms if m.date and len(m.date) == 10), dated[0] if dated else None)
        issued = next((m for m in ms if issuer_key(m.issuer)), None)
        for m in ms:
            if ref is not None and m is not ref and dates_conflict(m.date, ref.date):
                out.append(Finding(KIND, "error", plan.file, m.line, m.snippet,
                                   f"{_label(m)} is dated {_show_date(m.date)} here but {_show_date(ref.date)} "
                                   f"at line {ref.line}"))
            elif issued is not None and m is not issued and issuers_conflict(m.issuer, issued.issuer):
                out.append(Finding(KIND, "error", plan.file, m.line, m.snippet,
                                   f"{_label(m)} is issued by {m.issuer} here but by {issued.issuer} "
                                   f"at line {issued.line}"))
    return out


def _two_number_findings(plan: Plan, by_id: dict[str, list[Mention]]) -> list[Finding]:
    lines_of: dict[int, set[str]] = defaultdict(set)
    for doc_id, ms in by_id.items():
        for m in ms:
            lines_of[m.line].add(doc_id)
    basis = _basis_lines(plan)
    basis_ids = set().union(*(lines_of[n] for n in basis)) if basis else set()
    targets: dict[str, set[str]] = defaultdict(set)
    for rel in plan.record.get("relations") or []:
        targets[rel.get("from")].add(rel.get("to"))

    def companions(doc_id: str) -> set[str]:
        near: set[str] = set()
        for m in by_id[doc_id]:
            near |= lines_of[m.line]
            if m.line in basis:
                near |= basis_ids
        return near - {doc_id}

    out = []
    reported: set[str] = set()
    for a, b in near_pairs(by_id):
        if {a, b} & reported:
            continue
        ma, mb = by_id[a], by_id[b]
        if {m.line for m in ma} & {m.line for m in mb}:
            continue  # cited side by side: two documents
        if any(dates_conflict(x.date, y.date) or issuers_conflict(x.issuer, y.issuer) for x in ma for y in mb):
            continue
        if any(m.date for m in ma) and any(m.date for m in mb):
            continue  # both cited in full: meant as two documents
        shared = (companions(a) & companions(b)) - {a, b}
        same_target = bool(targets[a] & targets[b]) or bool(targets[a] & companions(b)) \
            or bool(targets[b] & companions(a))
        if len(shared) < 2 and not (shared and same_target):
            continue
        odd, usual = sorted((a, b), key=lambda i: (sum(1 for m in by_id[i] if m.date), len(by_id[i]),
                                                  -min(m.line for m in by_id[i])))
        first = min(by_id[usual], key=lambda m: (m.date is None, m.line))
        why = ", ".join(sorted(shared))
        reported.add(odd)
        for m in by_id[odd]:
            out.append(Finding(KIND, "error", plan.file, m.line, m.snippet,
                               f"{_label(m)} looks like {first.id} cited at line {first.line} with another "
                               f"number: never cited beside it, and both stand beside {why}"))
    return out


@dataclass(frozen=True)
class _Cited:
    plan: Plan
    id: str
    kind: str | None
    date: str | None
    issuer: str | None
    line: int | None
    text: str


def _scope(ref: dict, plan: Plan) -> str:
    if is_central(ref["id"]):
        return "*"
    key = issuer_key(ref.get("issuer"))
    return (key[1] if key and key[1] else None) or canonical_place(plan.place) or plan.source


def cross_plan_findings(plans: list[Plan]) -> list[Finding]:
    """Citation conflicts between plans: one document cited with two dates, issuers or numbers.

    Parameters
    ----------
    plans : list of Plan

    Returns
    -------
    list of Finding
        Severity ``error``, each in the plan whose citation disagrees with an earlier plan's
        (plans taken in the order given).

    Examples
    --------
    >>> from policykg.check.model import Plan
    >>> ref = lambda d: {"id": "5/KH-TU", "kind": "Kế hoạch", "date": d, "issuer": "Tỉnh ủy Hà Giang", "line": 2}
    >>> a = Plan("a.txt", {"document": {"place": "Hà Giang"}, "references": [ref("2024-01-02")]})
    >>> b = Plan("b.txt", {"document": {"place": "Hà Giang"}, "references": [ref("2024-02-01")]})
    >>> [(f.file, f.line) for f in cross_plan_findings([a, b])]
    [('b.txt', 2)]
    """
    groups: dict[str, dict[str, list[_Cited]]] = defaultdict(lambda: defaultdict(list))
    implements: dict[tuple[int, str], set[str]] = defaultdict(set)
    for n, plan in enumerate(plans):
        for rel in plan.record.get("relations") or []:
            implements[(n, rel.get("from"))].add(rel.get("to"))
        for ref in plan.record.get("references") or []:
            if not _numbered(ref.get("id"), plan.document.get("id")):
                continue
            groups[_scope(ref, plan)][ref["id"]].append(
                _Cited(plan, ref["id"], ref.get("kind"), ref.get("date"), ref.get("issuer"), ref.get("line"),
                       quote(ref.get("source_text") or ref["id"])))
    index = {id(p): n for n, p in enumerate(plans)}
    out = []
    for ids in groups.values():
        for doc_id, cited in ids.items():
            out += _cross_same_id(cited)
        for a, b in near_pairs(ids):
            for x in ids[a]:
                for y in ids[b]:
                    if x.plan is y.plan or not x.date or len(x.date) < 10 or x.date != y.date:
                        continue
                    if issuer_key(x.issuer) is None or issuers_conflict(x.issuer, y.issuer):
                        continue
                    if not implements[(index[id(x.plan)], a)] & implements[(index[id(y.plan)], b)]:
                        continue
                    later, earlier = (y, x) if index[id(y.plan)] > index[id(x.plan)] else (x, y)
                    out.append(Finding(KIND, "error", later.plan.file, later.line, later.text,
                                       f"{later.kind or 'document'} {later.id} of {_show_date(later.date)} looks "
                                       f"like {earlier.id} of the same date, issuer and subject cited by "
                                       f"{earlier.plan.file} (line {earlier.line})"))
    return out


def _cross_same_id(cited: list[_Cited]) -> list[Finding]:
    out = []
    seen: list[_Cited] = []
    for c in cited:
        for prev in seen:
            if prev.plan is c.plan:
                continue
            if dates_conflict(c.date, prev.date):
                out.append(Finding(KIND, "error", c.plan.file, c.line, c.text,
                                   f"{c.kind or 'document'} {c.id} is dated {_show_date(c.date)} here but "
                                   f"{_show_date(prev.date)} in {prev.plan.file} (line {prev.line})"))
                break
            if issuers_conflict(c.issuer, prev.issuer):
                out.append(Finding(KIND, "error", c.plan.file, c.line, c.text,
                                   f"{c.kind or 'document'} {c.id} is issued by {c.issuer} here but by "
                                   f"{prev.issuer} in {prev.plan.file} (line {prev.line})"))
                break
        seen.append(c)
    return out
