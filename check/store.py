"""Plans rebuilt from the graph store, so ``policykg check --store`` can run the record checks.

Each source file's named graph gives back the record it was built from, as far as the graph
keeps it: the loaded document, its references (with kind, date and issuer as that file printed
them), ``implements`` / ``based_on`` with their lines, the relations between cited documents, the
tasks (text, printed text, line, deadline, agencies by role) and the targets. The text itself is
not in the store, so checks that read lines or the outline (count mismatches, coverage gaps) have
nothing to work on there.
"""
from __future__ import annotations

from collections import defaultdict

from policykg.check.model import Plan
from policykg.graph.namespaces import PKG
from policykg.graph.store import GraphStore

_DOCS = """
SELECT ?g ?name ?d ?id ?kind ?date ?title ?place WHERE {
  GRAPH ?g { ?g pkg:fileName ?name . ?d pkg:loaded true ; pkg:sourceFile ?g .
    OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d pkg:kind ?kind } OPTIONAL { ?d dcterms:issued ?date }
    OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d pkg:place ?p . ?p skos:prefLabel ?place } }
}"""
_INFO = """
SELECT ?g ?d ?id ?kind ?date ?issuer ?printed WHERE {
  GRAPH ?g { ?d a pkg:Document .
    OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d pkg:kind ?kind } OPTIONAL { ?d dcterms:issued ?date }
    OPTIONAL { ?d pkg:issuedBy ?a . ?a skos:prefLabel ?issuer . OPTIONAL { ?a skos:altLabel ?printed } } }
}"""
_LINKS = """
SELECT ?g ?from ?type ?to ?line ?text WHERE {
  GRAPH ?g { ?l a pkg:DocumentLink ; pkg:fromDocument ?from ; pkg:linkType ?type ; pkg:toDocument ?to .
    OPTIONAL { ?l pkg:line ?line } OPTIONAL { ?l pkg:sourceText ?text } }
}"""
_TASKS = """
SELECT ?g ?t ?pos ?text ?line ?source ?deadline WHERE {
  GRAPH ?g { ?d pkg:hasTask ?t . ?t pkg:text ?text .
    OPTIONAL { ?t pkg:position ?pos } OPTIONAL { ?t pkg:line ?line } OPTIONAL { ?t pkg:sourceText ?source }
    OPTIONAL { ?t pkg:deadline ?deadline } }
}"""
_ROLES = """
SELECT ?g ?t ?role ?name WHERE {
  GRAPH ?g { ?a a pkg:Assignment ; pkg:task ?t ; pkg:role ?role ; pkg:agency ?agency .
    ?agency skos:prefLabel ?name }
}"""
_TARGETS = """
SELECT ?g ?x ?pos ?text ?value ?unit ?year ?line ?source WHERE {
  GRAPH ?g { ?d pkg:hasTarget ?x . OPTIONAL { ?x pkg:text ?text } OPTIONAL { ?x pkg:position ?pos }
    OPTIONAL { ?x pkg:value ?value } OPTIONAL { ?x pkg:unit ?unit } OPTIONAL { ?x pkg:year ?year }
    OPTIONAL { ?x pkg:line ?line } OPTIONAL { ?x pkg:sourceText ?source } }
}"""
_ROLE_KEYS = {str(PKG.leads): "lead", str(PKG.supports): "support", str(PKG.implementsTask): "implement"}
_LINK_KEYS = {str(PKG.implements): "implements", str(PKG.basedOn): "based_on", str(PKG.cites): "cites"}


def _s(row: dict, key: str) -> str | None:
    return str(row[key]) if key in row and row[key] is not None else None


def _i(row: dict, key: str) -> int | None:
    try:
        return int(str(row[key])) if key in row else None
    except ValueError:
        return None


def plans_from_store(store: GraphStore) -> list[Plan]:
    """One :class:`Plan` per loaded source file, its record rebuilt from the graph.

    Parameters
    ----------
    store : GraphStore

    Returns
    -------
    list of Plan
        Sorted by source name; ``file`` is the source name; no text or outline.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> rec = {"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum"},
    ...        "implements": ["91-KL/TW"], "tasks": [{"text": "Rà soát", "lead": ["Sở Y tế"], "line": 7}]}
    >>> _ = build_records([rec], store)
    >>> plan = plans_from_store(store)[0]
    >>> plan.file, plan.record["implements"], plan.record["tasks"][0]["lead"], plan.record["tasks"][0]["line"]
    ('a.txt', ['91-KL/TW'], ['Sở Y tế'], 7)
    """
    records: dict[str, dict] = {}
    own: dict[str, str] = {}
    for row in store.query(_DOCS):
        g = str(row["g"])
        own[g] = str(row["d"])
        records[g] = {"source": str(row["name"]),
                      "document": {"kind": _s(row, "kind"), "id": _s(row, "id"), "issuer": None,
                                   "place": _s(row, "place"), "date": _s(row, "date"), "title": _s(row, "title")},
                      "implements": [], "based_on": [], "references": [], "relations": [], "tasks": [],
                      "targets": [], "provenance": {"implements": [], "based_on": []}}
    info: dict[tuple[str, str], dict] = {}
    for row in store.query(_INFO):
        key = (str(row["g"]), str(row["d"]))
        item = info.setdefault(key, {"id": _s(row, "id"), "kind": None, "date": None, "issuer": None})
        item["kind"] = item["kind"] or _s(row, "kind")
        item["date"] = item["date"] or _s(row, "date")
        item["issuer"] = _s(row, "printed") or item["issuer"] or _s(row, "issuer")
    for (g, d), item in info.items():
        if g in records and own.get(g) == d:
            records[g]["document"]["issuer"] = item["issuer"]
    _links(store, records, own, info)
    _tasks(store, records)
    _targets(store, records)
    return [Plan(r["source"], r) for _, r in sorted(records.items(), key=lambda kv: kv[1]["source"])]


def _links(store: GraphStore, records: dict[str, dict], own: dict[str, str], info: dict) -> None:
    rows = sorted(store.query(_LINKS), key=lambda r: (_i(r, "line") or 0))
    for row in rows:
        g = str(row["g"])
        if g not in records:
            continue
        rec = records[g]
        kind = _LINK_KEYS.get(str(row["type"]))
        to = info.get((g, str(row["to"])), {})
        frm = info.get((g, str(row["from"])), {})
        if not to.get("id") or kind is None:
            continue
        line, text = _i(row, "line"), _s(row, "text")
        if str(row["from"]) == own.get(g):
            if kind == "cites":
                rec["references"].append({"id": to["id"], "kind": to["kind"], "issuer": to["issuer"],
                                          "date": to["date"], "line": line, "source_text": text})
            elif to["id"] not in rec[kind]:
                rec[kind].append(to["id"])
                rec["provenance"][kind].append({"id": to["id"], "line": line, "source_text": text})
        elif kind == "implements" and frm.get("id"):
            rec["relations"].append({"from": frm["id"], "type": "implements", "to": to["id"], "line": line,
                                     "source_text": text})


def _tasks(store: GraphStore, records: dict[str, dict]) -> None:
    roles: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(_ROLES):
        key = _ROLE_KEYS.get(str(row["role"]))
        if key:
            roles[(str(row["g"]), str(row["t"]))][key].append(str(row["name"]))
    tasks = defaultdict(list)
    for row in store.query(_TASKS):
        g, t = str(row["g"]), str(row["t"])
        got = roles.get((g, t), {})
        tasks[g].append((_i(row, "pos") or 0, {
            "text": str(row["text"]), "lead": sorted(got.get("lead", [])), "support": sorted(got.get("support", [])),
            "implement": sorted(got.get("implement", [])), "deadline": _s(row, "deadline"), "refs": [],
            "line": _i(row, "line"), "source_text": _s(row, "source")}))
    for g, items in tasks.items():
        if g in records:
            records[g]["tasks"] = [t for _, t in sorted(items, key=lambda pt: pt[0])]


def _targets(store: GraphStore, records: dict[str, dict]) -> None:
    targets = defaultdict(list)
    for row in store.query(_TARGETS):
        targets[str(row["g"])].append((_i(row, "pos") or 0, {
            "text": _s(row, "text"), "value": _s(row, "value"), "unit": _s(row, "unit"),
            "year": _i(row, "year"), "line": _i(row, "line"), "source_text": _s(row, "source")}))
    for g, items in targets.items():
        if g in records:
            records[g]["targets"] = [t for _, t in sorted(items, key=lambda pt: pt[0])]
