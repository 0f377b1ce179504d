"""What a plan carries out: documents that are not loaded, and task groups other places include.

**Not loaded** (``info``): a plan implements a document for which no file is loaded, so nothing
can be checked against it (read off the store's ``pkg:loaded false`` marks; in file mode the store
is an in-memory one holding the files given).

**Coverage gaps** (``info``): plans of different places that carry out the same central document
(the nearest central documents reached through what each plan implements, following the
relations the texts state and the plans loaded) usually mirror its task groups. A plan's task
groups are the numbered items right under its tasks sections (NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG), a
wrapper such as "1. Nhiệm vụ, giải pháp chung" opened up. A group is *central* when every other
place (at least two of them) has a group like it (half its word pairs shared). A place misses it
when nothing in its plans' text from the first tasks section on shares even a third of the word
pairs of any of those groups. Reported once per place, at its first plan's tasks heading.
"""
from __future__ import annotations

import re
from collections import defaultdict

from policykg.check.model import Finding, Plan, quote
from policykg.graph.documents import is_central
from policykg.graph.places import canonical_place
from policykg.graph.records import select_rows
from policykg.graph.store import GraphStore
from policykg.loaders.outline import Node
from policykg.loaders.tasks import section_type
from policykg.vietnamese.keys import exact_key

KIND_NOT_LOADED = "not-loaded"
KIND_GAP = "coverage-gap"
MATCH = 0.5
COVERED = 0.34
_WORDS = 25
_WRAPPER = re.compile(r"^(?:các\s+)?nhiệm vụ(?:,?\s*(?:và\s+)?giải pháp)?\s*(?:chung|cụ thể|chủ yếu|trọng tâm)?\s*:?\s*$",
                      re.IGNORECASE)
_STOP = set("và các của cho trong theo với về để đối tại trên là được có những một này đó như từ đến "
            "năm tỉnh thành phố huyện".split())


def pairs(text: str, words: int | None = _WORDS) -> set[tuple[str, str]]:
    """The word pairs of a text (case folded, small words and numbers left out).

    Examples
    --------
    >>> sorted(pairs("Đẩy mạnh hội nhập quốc tế"))
    [('hội', 'nhập'), ('mạnh', 'hội'), ('nhập', 'quốc'), ('quốc', 'tế'), ('đẩy', 'mạnh')]
    """
    tokens = [w for w in exact_key(text).split() if w not in _STOP and not w.isdigit()]
    tokens = tokens[:words] if words else tokens
    return set(zip(tokens, tokens[1:]))


def task_groups(plan: Plan) -> list[Node]:
    """The numbered items right under a plan's tasks sections (wrappers opened up).

    Examples
    --------
    >>> from policykg.check.model import plan_from_text
    >>> p = plan_from_text("KẾ HOẠCH\\nI. NHIỆM VỤ, GIẢI PHÁP\\n1. Nhiệm vụ chung\\n1.1. Quán triệt chủ trương\\n"
    ...                    "Tổ chức hội nghị.\\n1.2. Phát triển đội ngũ\\nBồi dưỡng giáo viên.")
    >>> [n.text for n in task_groups(p)]
    ['Quán triệt chủ trương', 'Phát triển đội ngũ']
    """
    if plan.outline is None:
        return []
    out: list[Node] = []
    for section in plan.outline.root.children:
        if section.kind != "section" or section_type(section) != "tasks":
            continue
        for item in section.children:
            if item.kind != "item":
                continue
            if _WRAPPER.match(item.text):
                out += [c for c in item.children if c.kind == "item"]
            else:
                out.append(item)
    return out


def carried_out(plan: Plan, loaded: dict[str, Plan]) -> set[str]:
    """The nearest central documents a plan carries out.

    Parameters
    ----------
    plan : Plan
    loaded : dict
        Document id -> the plan loaded for it, to follow local documents further.

    Examples
    --------
    >>> rec = {"implements": ["182-KH/TU"], "relations": [{"from": "182-KH/TU", "to": "91-KL/TW"},
    ...                                                   {"from": "91-KL/TW", "to": "29-NQ/TW"}]}
    >>> carried_out(Plan("p.txt", rec), {})
    {'91-KL/TW'}
    """
    found: set[str] = set()
    seen: set[str] = set()
    frontier = list(plan.record.get("implements") or [])
    relations = defaultdict(list)
    for rel in plan.record.get("relations") or []:
        relations[rel.get("from")].append(rel.get("to"))
    while frontier:
        doc_id = frontier.pop()
        if not doc_id or doc_id in seen:
            continue
        seen.add(doc_id)
        if is_central(doc_id):
            found.add(doc_id)
            continue
        frontier += relations.get(doc_id, [])
        if doc_id in loaded and loaded[doc_id] is not plan:
            frontier += loaded[doc_id].record.get("implements") or []
    return found


def coverage_findings(plans: list[Plan]) -> list[Finding]:
    """Task groups that every other place carrying out the same central document includes.

    Parameters
    ----------
    plans : list of Plan
        Plans with their outline (others are skipped).

    Returns
    -------
    list of Finding
        Severity ``info``.
    """
    loaded = {str(p.document["id"]): p for p in plans if p.document.get("id")}
    by_central: dict[str, dict[str, list[Plan]]] = defaultdict(lambda: defaultdict(list))
    for plan in plans:
        if not task_groups(plan):
            continue
        place = canonical_place(plan.place) or plan.source
        for central in carried_out(plan, loaded):
            by_central[central][place].append(plan)
    out = []
    for central, places in sorted(by_central.items()):
        if len(places) < 3:
            continue
        for place, own in places.items():
            others = [ps for p, ps in places.items() if p != place]
            words = _task_words(own)
            for group, similar in _central_groups(others):
                if not any(_covers(words, g) for g in [group, *similar]):
                    out.append(_gap(own, central, group, similar))
    return out


def _central_groups(others: list[list[Plan]]) -> list[tuple[tuple[Plan, Node], list[tuple[Plan, Node]]]]:
    """Groups of the first other place that each remaining place has a group like."""
    found = []
    first = [(p, g) for p in others[0] for g in task_groups(p)]
    for plan, group in first:
        key = pairs(group.text)
        if len(key) < 2:
            continue
        similar = []
        for place_plans in others[1:]:
            match = max(((p, g) for p in place_plans for g in task_groups(p)),
                        key=lambda pg: _overlap(key, pairs(pg[1].text)), default=None)
            if match is None or _overlap(key, pairs(match[1].text)) < MATCH:
                break
            similar.append(match)
        else:
            found.append(((plan, group), similar))
    return found


def _overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _task_words(own: list[Plan]) -> set[tuple[str, str]]:
    """The word pairs of a place's plans from their first task group on."""
    words: set[tuple[str, str]] = set()
    for plan in own:
        start = min((g.line for g in task_groups(plan)), default=0)
        for line in plan.text.lines if plan.text is not None else []:
            if line.no >= start:
                words |= pairs(line.text, None)
    return words


def _covers(words: set[tuple[str, str]], group: tuple[Plan, Node]) -> bool:
    key = pairs(group[1].text)
    return bool(key) and len(key & words) / len(key) >= COVERED


def _gap(own: list[Plan], central: str, group: tuple[Plan, Node], similar: list[tuple[Plan, Node]]) -> Finding:
    plan = sorted(own, key=lambda p: p.file)[0]
    groups = task_groups(plan)
    heading = next((n for n in groups[0].ancestors() if n.kind == "section"), groups[0]) if groups else None
    where = ", ".join(f"{p.place or p.file} line {g.line}" for p, g in [group, *similar])
    return Finding(KIND_GAP, "info", plan.file, heading.line if heading else None,
                   quote(heading.text if heading else ""),
                   f"no task group like '{quote(group[1].text, limit=90)}', which every other place carrying out "
                   f"{central} includes ({where})")


_NOT_LOADED = """
SELECT DISTINCT ?name ?id ?line ?text WHERE {
  GRAPH ?g { ?g pkg:fileName ?name .
             ?link a pkg:DocumentLink ; pkg:linkType pkg:implements ; pkg:fromDocument ?doc ; pkg:toDocument ?to .
             ?doc pkg:loaded true .
             OPTIONAL { ?to dcterms:identifier ?id }
             OPTIONAL { ?link pkg:line ?line } OPTIONAL { ?link pkg:sourceText ?text } }
  ?to pkg:loaded false .
}"""


def not_loaded_findings(store: GraphStore, files: dict[str, str] | None = None) -> list[Finding]:
    """Plans that implement a document no file is loaded for.

    Parameters
    ----------
    store : GraphStore
    files : dict, optional
        Source name -> how findings name the file (defaults to the source name).

    Returns
    -------
    list of Finding
        Severity ``info``.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...                     "implements": ["91-KL/TW"]}], store)
    >>> [(f.file, f.message) for f in not_loaded_findings(store)]
    [('a.txt', 'implements 91-KL/TW, which is not loaded')]
    """
    files = files or {}
    out = []
    for row in select_rows(store, _NOT_LOADED):
        name = str(row["name"])
        line = int(str(row["line"])) if "line" in row else None
        doc = str(row.get("id", "a document"))
        out.append(Finding(KIND_NOT_LOADED, "info", files.get(name, name), line, quote(str(row.get("text", ""))),
                           f"implements {doc}, which is not loaded"))
    return out
