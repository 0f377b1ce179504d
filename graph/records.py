"""The graph back to records: each loaded source file's named graph read as the record it was
built from (:mod:`policykg.graph.convert` in reverse), as far as the graph keeps it.

The properties come from the same tables the conversion writes with (``ROLE_PROPERTIES``,
``LINK_PROPERTIES``) and from the field tables below, from which the queries are generated, so a
property renamed on one side cannot silently drop a field on the other;
``tests/test_check_store.py`` converts records and reads them back to hold the two together.
The text of the document is not in the store: records read back have no lines to re-read.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, cast

from rdflib import URIRef
from rdflib.term import Node

from policykg.graph.convert import LINK_PROPERTIES, ROLE_PROPERTIES
from policykg.graph.namespaces import DCTERMS, PKG, SKOS
from policykg.graph.store import GraphStore

# Record key -> property, for the items a document holds (``?d HOLDER ?x``) ...
TASK_FIELDS = {"text": PKG.text, "deadline": PKG.deadline, "line": PKG.line, "source_text": PKG.sourceText,
               "position": PKG.position}
TARGET_FIELDS = {"text": PKG.text, "value": PKG.value, "unit": PKG.unit, "year": PKG.year, "line": PKG.line,
                 "source_text": PKG.sourceText, "position": PKG.position}
# ... for every document a file's graph names (its own and those it cites) ...
DOCUMENT_FIELDS = {"id": DCTERMS.identifier, "kind": PKG.kind, "date": DCTERMS.issued, "title": DCTERMS.title}
# ... and for the qualified link between two documents.
LINK_FIELDS = {"from": PKG.fromDocument, "type": PKG.linkType, "to": PKG.toDocument, "line": PKG.line,
               "source_text": PKG.sourceText}
_INTEGERS = {"line", "position", "year"}
_ROLE_KEYS = {str(p): key for key, p in ROLE_PROPERTIES.items()}
_LINK_KEYS = {str(p): key for key, p in LINK_PROPERTIES.items()}


def _optional(subject: str, fields: dict[str, URIRef]) -> str:
    return " ".join(f"OPTIONAL {{ {subject} <{p}> ?{key} }}" for key, p in fields.items())


def _select(head: str, body: str) -> str:
    return f"SELECT {head} WHERE {{ GRAPH ?g {{ {body} }} }}"


def _held(holder: URIRef, fields: dict[str, URIRef]) -> str:
    """Items a document holds (tasks, targets) with their fields, one row each."""
    return _select("?g ?x " + " ".join(f"?{k}" for k in fields), f"?d <{holder}> ?x . " + _optional("?x", fields))


DOCUMENTS = _select("?g ?d ?name ?place ?issuer ?printed " + " ".join(f"?{k}" for k in DOCUMENT_FIELDS),
                    f"?d a <{PKG.Document}> . " + _optional("?d", DOCUMENT_FIELDS)
                    + f" OPTIONAL {{ ?d <{PKG.loaded}> true ; <{PKG.sourceFile}> ?g . ?g <{PKG.fileName}> ?name }}"
                    + f" OPTIONAL {{ ?d <{PKG.place}> ?p . ?p <{SKOS.prefLabel}> ?place }}"
                    + f" OPTIONAL {{ ?d <{PKG.issuedBy}> ?a . ?a <{SKOS.prefLabel}> ?issuer ."
                    f" OPTIONAL {{ ?a <{SKOS.altLabel}> ?printed }} }}")
LINKS = _select("?g " + " ".join(f"?{k}" for k in LINK_FIELDS),
                f"?l a <{PKG.DocumentLink}> . " + " ".join(f"?l <{p}> ?{k} ." for k, p in list(LINK_FIELDS.items())[:3])
                + " " + _optional("?l", dict(list(LINK_FIELDS.items())[3:])))
TASKS = _held(PKG.hasTask, TASK_FIELDS)
TARGETS = _held(PKG.hasTarget, TARGET_FIELDS)
ROLES = _select("?g ?x ?role ?name", f"?a a <{PKG.Assignment}> ; <{PKG.task}> ?x ; <{PKG.role}> ?role ; "
                f"<{PKG.agency}> ?agency . ?agency <{SKOS.prefLabel}> ?name")


def _value(row: dict[str, Node], key: str) -> Any:
    if row.get(key) is None:
        return None
    if key in _INTEGERS:
        try:
            return int(str(row[key]))
        except ValueError:
            return None
    return str(row[key])


def _items(rows: Iterable[dict[str, Node]], fields: dict[str, URIRef]) -> dict[str, dict[str, dict]]:
    """graph -> item IRI -> record fields (the first value of each; ``position`` kept for order)."""
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        item = out[str(row["g"])].setdefault(str(row["x"]), {k: None for k in fields})
        for key in fields:
            if item[key] is None:
                item[key] = _value(row, key)
    return out


def _in_order(items: dict[str, dict]) -> list[dict]:
    """The items in the order the document printed them, without the position itself."""
    ordered = sorted(items.values(), key=lambda item: item["position"] or 0)
    for item in ordered:
        del item["position"]
    return ordered


def select_rows(store: GraphStore, sparql: str) -> list[dict[str, Node]]:
    """The rows of a SELECT query, typed as such (``store.query`` also answers ASK and CONSTRUCT).

    Parameters
    ----------
    store : GraphStore
    sparql : str
        A SELECT query.

    Returns
    -------
    list of dict
        Variable name -> term; unbound variables absent.

    Raises
    ------
    TypeError
        The query is not a SELECT.
    """
    result = store.query(sparql)
    if not isinstance(result, list):
        raise TypeError("a SELECT query gave no rows")
    return cast(list[dict[str, Node]], result)  # a SELECT's rows (CONSTRUCT would give triples)


def records_from_store(store: GraphStore) -> list[dict]:
    """The record of every loaded source file, read back from its named graph.

    Parameters
    ----------
    store : GraphStore

    Returns
    -------
    list of dict
        Sorted by source name, in the GUIDE's shape: ``source``, ``document``, ``implements``,
        ``based_on``, ``references``, ``relations``, ``tasks``, ``targets`` and ``provenance`` of
        ``implements`` / ``based_on``; lines and sentences where the graph has them.

    Examples
    --------
    >>> from policykg.graph.store import open_store
    >>> from policykg.graph.build import build_records
    >>> store = open_store(":memory:")
    >>> rec = {"source": "a.txt", "document": {"kind": "Kế hoạch", "id": "1/KH-UBND", "place": "Kon Tum"},
    ...        "implements": ["91-KL/TW"], "tasks": [{"text": "Rà soát", "lead": ["Sở Y tế"], "line": 7}]}
    >>> _ = build_records([rec], store)
    >>> back = records_from_store(store)[0]
    >>> back["source"], back["implements"], back["tasks"][0]["lead"], back["tasks"][0]["line"]
    ('a.txt', ['91-KL/TW'], ['Sở Y tế'], 7)
    """
    docs: dict[tuple[str, str], dict] = {}
    records: dict[str, dict] = {}
    own: dict[str, str] = {}
    for row in select_rows(store, DOCUMENTS):
        g, d = str(row["g"]), str(row["d"])
        doc = docs.setdefault((g, d), {**{k: None for k in DOCUMENT_FIELDS}, "issuer": None, "place": None})
        for key in DOCUMENT_FIELDS:
            doc[key] = doc[key] or _value(row, key)
        doc["issuer"] = _value(row, "printed") or doc["issuer"] or _value(row, "issuer")
        doc["place"] = doc["place"] or _value(row, "place")
        if row.get("name") is not None and g not in records:
            own[g] = d
            records[g] = {"source": str(row["name"]), "document": doc, "implements": [], "based_on": [],
                          "references": [], "relations": [], "tasks": [], "targets": [],
                          "provenance": {"implements": [], "based_on": []}}
    for g, d in own.items():
        doc = docs[(g, d)]
        records[g]["document"] = {"kind": doc["kind"], "id": doc["id"], "issuer": doc["issuer"], "place": doc["place"],
                                  "date": doc["date"], "title": doc["title"]}
    _links(store, records, own, docs)
    _tasks(store, records)
    for g, items in _items(select_rows(store, TARGETS), TARGET_FIELDS).items():
        if g in records:
            records[g]["targets"] = _in_order(items)
    return [r for _, r in sorted(records.items(), key=lambda kv: kv[1]["source"])]


def _links(store: GraphStore, records: dict[str, dict], own: dict[str, str], docs: dict) -> None:
    rows = sorted(select_rows(store, LINKS), key=lambda r: _value(r, "line") or 0)
    for row in rows:
        g = str(row["g"])
        kind = _LINK_KEYS.get(str(row["type"]))
        to, frm = docs.get((g, str(row["to"])), {}), docs.get((g, str(row["from"])), {})
        if g not in records or not to.get("id") or kind is None:
            continue
        rec, line, text = records[g], _value(row, "line"), _value(row, "source_text")
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
    for row in select_rows(store, ROLES):
        key = _ROLE_KEYS.get(str(row["role"]))
        if key:
            roles[(str(row["g"]), str(row["x"]))][key].append(str(row["name"]))
    for g, items in _items(select_rows(store, TASKS), TASK_FIELDS).items():
        if g not in records:
            continue
        for t, task in items.items():
            got = roles.get((g, t), {})
            task.update({key: sorted(got.get(key, [])) for key in ROLE_PROPERTIES}, refs=[])
        records[g]["tasks"] = _in_order(items)
