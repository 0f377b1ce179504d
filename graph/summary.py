"""The load summary: how many tasks each agency has in each place, counted once at build time.

``policykg overload`` for the whole country adds up every assignment of every plan. Over 10,000
documents that aggregation alone took 15 s in Oxigraph, where the answer has only ~17,000 rows (one
per place and agency). So the counts are kept in a derived named graph, :data:`SUMMARY_GRAPH`:

- one ``pkg:AgencyLoad`` per place and agency: ``pkg:ledCount``, ``pkg:supportedCount``,
  ``pkg:implementedCount``, ``pkg:taskCount`` (distinct tasks, any role), ``pkg:planCount``, and
  ``pkg:everyYearCount`` (tasks due every year);
- one ``pkg:DueCount`` per place, agency and due year (``pkg:dueYear``), or per first year of a
  recurrence (``pkg:recursFrom``), with the number of distinct tasks in it. A task falls in at most
  one count for a given year (a named year already covered by its recurrence is not counted again),
  so the tasks due in a year are a sum;
- each counted agency's and place's type and name, restated here as every source graph restates
  them, so the summary is read without looking into the source graphs.

The counts are plain SPARQL aggregates over the source graphs (``agency_load.rq`` beside this
module, the same SELECT ``overload --recount`` runs), recomputed place by place: each place carries
``pkg:sourcesDigest``, a digest of the content hashes of the files holding its plans, and the
summary graph itself carries one over every source file. :func:`refresh_summary` (run at the end of
every build) recomputes just the places the build's changed files touch when the summary was
current before the build, else the places whose digest changed; all in one update request.
:func:`summary_is_current` lets a query trust the summary only when the files are exactly those it
was computed from; otherwise the query aggregates the source graphs itself. A build killed halfway,
or files loaded by other means, therefore make overload slower, never wrong.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from policykg.graph.namespaces import ID
from policykg.graph.sources import SOURCE_GRAPH_PREFIX
from policykg.graph.store_api import GraphState, GraphStore

SUMMARY_GRAPH = f"{ID}graph/summary"
# The counting SELECT, shared with the recount of queries/overload.py.
AGENCY_LOAD_RQ = Path(__file__).with_name("agency_load.rq")
AGENCY_LOAD = AGENCY_LOAD_RQ.read_text(encoding="utf-8")
# How the summary counts is part of every digest, so a summary counted by other code is stale.
_CODE = hashlib.sha256(Path(__file__).read_bytes() + AGENCY_LOAD.encode("utf-8")).hexdigest()[:16]
# Past this share of stale places one full recomputation beats a VALUES list of places.
_FULL_SHARE = 0.5

_S = f"<{SUMMARY_GRAPH}>"
_LOAD_IRI = (f'IRI(CONCAT("{ID}load/", IF(STRSTARTS(STR(?place), "{ID}place/"), STRAFTER(STR(?place), '
             f'"{ID}place/"), MD5(STR(?place))), "/", IF(STRSTARTS(STR(?agency), "{ID}agency/"), '
             f'STRAFTER(STR(?agency), "{ID}agency/"), MD5(STR(?agency)))))')
# The assignments of the plans of the places in VALUES (all places when it is UNDEF).
_ASSIGNMENTS = """
    GRAPH ?g {{ ?plan pkg:place ?place ; pkg:hasTask ?task .
               ?assignment pkg:task ?task ; pkg:agency ?agency {role} . {extra} }}"""

_DELETE = f"""
DELETE {{ GRAPH {_S} {{ ?node ?p ?o }} }} WHERE {{ {{values}} GRAPH {_S} {{ ?node pkg:place ?place ; ?p ?o }} }} ;
DELETE {{ GRAPH {_S} {{ ?place ?p ?o }} }} WHERE {{ {{values}} GRAPH {_S} {{ ?place ?p ?o }} }}"""


def _counts(values: str) -> str:
    """The shared SELECT (``agency_load.rq``) restricted to the places of ``values``."""
    body = AGENCY_LOAD[AGENCY_LOAD.index("\nSELECT") + 1:]  # the query after its comments and prefixes
    return body.replace("VALUES ?place { UNDEF }", values)


_LOADS = f"""
INSERT {{ GRAPH {_S} {{
  ?load a pkg:AgencyLoad ; pkg:place ?place ; pkg:agency ?agency ; pkg:ledCount ?led ;
        pkg:supportedCount ?supported ; pkg:implementedCount ?implemented ; pkg:taskCount ?tasks ;
        pkg:planCount ?plans ; pkg:everyYearCount ?everyYear }} }}
WHERE {{
  {{ {{counts}} }}
  BIND({_LOAD_IRI} AS ?load) }}"""

# Tasks due in a named year, unless their recurrence already covers that year.
_DUE_YEARS = f"""
INSERT {{ GRAPH {_S} {{ ?count a pkg:DueCount ; pkg:place ?place ; pkg:agency ?agency ; pkg:dueYear ?year ;
                       pkg:taskCount ?tasks }} }}
WHERE {{
  {{ SELECT ?place ?agency ?year (COUNT(DISTINCT ?task) AS ?tasks)
    WHERE {{ {{values}} {_ASSIGNMENTS.format(role="", extra="?task pkg:dueYear ?year")}
      FILTER NOT EXISTS {{ GRAPH ?g {{ ?task pkg:recurs true OPTIONAL {{ ?task pkg:recursFrom ?from }} }}
                          FILTER(!BOUND(?from) || ?from <= ?year) }} }}
    GROUP BY ?place ?agency ?year }}
  BIND(IRI(CONCAT(STR({_LOAD_IRI}), "/due/", STR(?year))) AS ?count) }}"""

# Tasks due every year from a given year (those due every year are counted on the load itself).
_RECURRING = f"""
INSERT {{ GRAPH {_S} {{ ?count a pkg:DueCount ; pkg:place ?place ; pkg:agency ?agency ; pkg:recursFrom ?from ;
                       pkg:taskCount ?tasks }} }}
WHERE {{
  {{ SELECT ?place ?agency ?from (COUNT(DISTINCT ?task) AS ?tasks)
    WHERE {{ {{values}} {_ASSIGNMENTS.format(role="", extra="?task pkg:recurs true ; pkg:recursFrom ?from")} }}
    GROUP BY ?place ?agency ?from }}
  BIND(IRI(CONCAT(STR({_LOAD_IRI}), "/recurs-from-", STR(?from))) AS ?count) }}"""

# Places counted keep one statement of their type and name here, so the summary names them itself.
# (A load is told by its pkg:ledCount, never by `a pkg:AgencyLoad`: from that pattern the planner
# would start at every load of the summary, where the bound place finds its own loads directly.)
_PLACES = f"""
INSERT {{ GRAPH {_S} {{ ?place a pkg:Place ; skos:prefLabel ?name }} }}
WHERE {{ {{ SELECT ?place (MIN(STR(?label)) AS ?text)
          WHERE {{ {{ SELECT DISTINCT ?place WHERE {{ {{values}} GRAPH {_S} {{ ?load pkg:place ?place ; pkg:ledCount ?led }} }} }}
                  GRAPH ?g {{ ?place skos:prefLabel ?label }} }}
          GROUP BY ?place }}
        BIND(STRLANG(?text, "vi") AS ?name) }}"""

# Agencies counted anywhere keep one statement of their type and name here; others are dropped.
_AGENCIES = f"""
DELETE {{ GRAPH {_S} {{ ?agency ?p ?o }} }}
WHERE {{ {{agencies}} GRAPH {_S} {{ ?agency a ?class ; ?p ?o FILTER(?class IN (pkg:Agency, pkg:AgencyGroup)) }}
        FILTER NOT EXISTS {{ GRAPH {_S} {{ ?load pkg:agency ?agency }} }} }} ;
INSERT {{ GRAPH {_S} {{ ?agency a ?class ; skos:prefLabel ?name }} }}
WHERE {{ {{ SELECT DISTINCT ?agency WHERE {{ {{values}} GRAPH {_S} {{ ?load pkg:place ?place ; pkg:ledCount ?led ;
                                                              pkg:agency ?agency }} }} }}
        GRAPH ?g {{ ?agency a ?class ; skos:prefLabel ?name FILTER(?class IN (pkg:Agency, pkg:AgencyGroup)) }} }}"""

_FILES = ("SELECT ?g ?hash ?built WHERE { { SELECT ?g ?hash WHERE { GRAPH ?g { ?g pkg:sha256 ?hash } } } "
          "OPTIONAL { SELECT ?g ?built WHERE { GRAPH ?g { ?g pkg:builtWith ?built } } } }")
_PLACE_FILES = ("SELECT DISTINCT ?place ?g WHERE { { SELECT DISTINCT ?g ?plan WHERE { GRAPH ?g { ?plan pkg:hasTask ?t } } } "
                "{ SELECT ?g ?plan ?place WHERE { GRAPH ?g { ?plan pkg:place ?place } } } }")
# The same for a few places: from each place to its plans (object index), then one task each.
_SOME_PLACE_FILES = ("SELECT DISTINCT ?place ?g WHERE {{ {values} GRAPH ?g {{ ?plan pkg:place ?place "
                     "FILTER EXISTS {{ ?plan pkg:hasTask ?t }} }} }}")
_STORED = (f"SELECT ?node ?digest WHERE {{ GRAPH {_S} {{ ?node pkg:sourcesDigest ?digest }} }}")
_STORED_ONE = f"SELECT ?digest WHERE {{ GRAPH {_S} {{ <{{node}}> pkg:sourcesDigest ?digest }} }}"
_AGENCIES_OF = f"SELECT DISTINCT ?agency WHERE {{ {{values}} GRAPH {_S} {{ ?load pkg:place ?place ; pkg:agency ?agency }} }}"


def sources_digest(files: dict[str, str | None]) -> str | None:
    """One digest for a set of source graphs and their content hashes (None if a hash is missing:
    content that cannot be recognised again is never taken as unchanged).

    Parameters
    ----------
    files : dict
        Graph IRI -> ``"<sha256> <built-with>"`` (or None when the graph has no hash).

    Returns
    -------
    str or None

    Examples
    --------
    >>> sources_digest({"urn:a": "1 v", "urn:b": "2 v"}) == sources_digest({"urn:b": "2 v", "urn:a": "1 v"})
    True
    >>> sources_digest({"urn:a": None}) is None
    True
    """
    if any(v is None for v in files.values()):
        return None
    return digest_of_sum(sum(file_term(g, v) for g, v in files.items() if v is not None))


def file_term(graph: str, value: str) -> int:
    """One source file's term of :func:`sources_digest`: the digest is taken of the sum of the
    terms (modulo 2**256), so a build that changed a few files updates it by their terms alone
    (:class:`policykg.graph.changes.Changes` keeps it), without hashing every file's state again."""
    return int.from_bytes(hashlib.sha256(f"{graph}\t{value}\n".encode("utf-8")).digest(), "big")


def digest_of_sum(total: int) -> str:
    """The digest of a sum of :func:`file_term` (see :func:`sources_digest`).

    Examples
    --------
    >>> digest_of_sum(file_term("urn:a", "1 v")) == sources_digest({"urn:a": "1 v"})
    True
    """
    return hashlib.sha256(_CODE.encode("ascii") + (total % 2 ** 256).to_bytes(32, "big")).hexdigest()


def state_value(state: GraphState) -> str | None:
    """A source graph's ``"<sha256> <built-with>"`` as the digests take it, None without a hash."""
    return f"{state.sha256} {state.built_with or ''}" if state.sha256 else None


def _source_files(store: GraphStore) -> dict[str, str | None]:
    files: dict[str, str | None] = {g: None for g in store.graph_names() if g.startswith(SOURCE_GRAPH_PREFIX)}
    _, rows = store.select(_FILES)
    for graph, content_hash, built in rows:
        if graph in files:
            files[graph] = f"{content_hash} {built or ''}"
    return files


def state_files(states: dict[str, GraphState]) -> dict[str, str | None]:
    """Source graph IRI -> ``"<sha256> <built-with>"`` (None without a hash), from states already
    read, which must list every source graph of the store (:func:`policykg.graph.changes.read_states`).

    Examples
    --------
    >>> state_files({f"{SOURCE_GRAPH_PREFIX}a.txt": GraphState("1", "v"), "urn:other": GraphState("2")})
    {'https://w3id.org/policykg/id/source/a.txt': '1 v'}
    """
    return {g: state_value(s) for g, s in states.items() if g.startswith(SOURCE_GRAPH_PREFIX)}


def stored_digest(store: GraphStore, node: str = SUMMARY_GRAPH) -> str | None:
    """The digest the summary keeps for ``node`` (a place, or the whole summary): one lookup."""
    _, rows = store.select(_STORED_ONE.replace("{node}", node))
    return str(rows[0][0]) if rows else None


def place_files(store: GraphStore, places: Iterable[str]) -> dict[str, set[str]]:
    """Place IRI -> the source graphs holding its plans with tasks, starting from the places."""
    _, rows = store.select(_SOME_PLACE_FILES.format(values=_values(places)))
    holding: dict[str, set[str]] = {}
    for place, graph in rows:
        holding.setdefault(str(place), set()).add(str(graph))
    return holding


def summary_is_current(store: GraphStore, place: str | None = None) -> bool:
    """True if :data:`SUMMARY_GRAPH` was computed from exactly the source graphs now in the store;
    with ``place``, if that place's counts were computed from exactly the files now holding its
    plans (looked up from the place, so the check costs the place, not the store).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"}}], store)
    >>> summary_is_current(store)
    True
    >>> store.drop_graph(SUMMARY_GRAPH)
    >>> summary_is_current(store)
    False
    """
    if place is not None:
        graphs = place_files(store, [str(place)]).get(str(place), set())
        hashes: dict[str, str | None] = {}
        for graph in graphs:
            content_hash, built = store.graph_hash(graph)
            hashes[graph] = f"{content_hash} {built or ''}" if content_hash else None
        digest = sources_digest(hashes)
        return digest is not None and stored_digest(store, str(place)) == digest
    digest = sources_digest(_source_files(store))
    return digest is not None and stored_digest(store) == digest


def refresh_summary(store: GraphStore, places: Iterable[str] | None = None,
                    states: dict[str, GraphState] | None = None, everything: str | None = None) -> int:
    """Bring :data:`SUMMARY_GRAPH` up to date with the source graphs, place by place.

    Places whose files changed (by content hash) are recounted, places no file holds any more are
    dropped, the rest are left alone; all in one update request.

    Parameters
    ----------
    store : GraphStore
    places : iterable of str, optional
        The places a build's changes touched, given only when the summary was current before
        them: then just these are checked and recounted (the cost follows the change). Default:
        every place's digest is checked.
    states : dict, optional
        Every graph's state (:meth:`GraphStore.graph_states`) if the caller has read it already.
    everything : str, optional
        With ``states``: their :func:`sources_digest`, if the caller keeps it (a build does), so
        that a few places are recounted without going over every file's state.

    Returns
    -------
    int
        Number of places recounted or dropped (0 when the summary was current).

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> rec = {"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...        "tasks": [{"text": "Việc", "lead": ["Sở Y tế"], "deadline": "Năm 2026"}]}
    >>> _ = build_records([rec], store)
    >>> refresh_summary(store)
    0
    >>> store.drop_graph(SUMMARY_GRAPH)
    >>> refresh_summary(store)
    1
    """
    files: dict[str, str | None] | None = None
    if everything is None or states is None:
        files = state_files(states) if states is not None else _source_files(store)
        everything = sources_digest(files)
    if everything is not None and stored_digest(store) == everything:
        return 0
    if places is not None:
        stale = sorted(set(places))
        holding_sets = place_files(store, stale) if stale else {}

        def value(graph: str) -> str | None:
            if files is not None:
                return files.get(graph)
            state = states.get(graph) if states is not None else None
            return state_value(state) if state is not None else None

        current = {p: sources_digest({g: value(g) for g in held}) for p, held in holding_sets.items()}
        full = False
    else:
        files = files if files is not None else state_files(states) if states is not None else _source_files(store)
        _, stored_rows = store.select(_STORED)
        stored = dict(stored_rows)
        stored.pop(SUMMARY_GRAPH, None)
        holding: dict[str, dict[str, str | None]] = {}
        for place, graph in store.select(_PLACE_FILES)[1]:
            holding.setdefault(place, {})[graph] = files.get(graph)
        current = {place: sources_digest(held) for place, held in holding.items()}
        stale = sorted(p for p in set(current) | set(stored)
                       if current.get(p) is None or current.get(p) != stored.get(p))
        full = not stored or len(stale) > _FULL_SHARE * max(1, len(current))
    ops = [f"DROP SILENT GRAPH {_S}"] if full else [_DELETE.replace("{values}", _values(stale))]
    values = "" if full else _values(p for p in stale if p in current)
    if full or values:
        ops.append(_LOADS.replace("{counts}", _counts(values)))
        ops += [op.replace("{values}", values) for op in (_DUE_YEARS, _RECURRING, _PLACES)]
    if full:
        agencies = ""
    else:  # only the agencies counted in the recounted places can lose their last load
        _, rows = store.select(_AGENCIES_OF.replace("{values}", _values(stale)))
        agencies = "VALUES ?agency { " + " ".join(f"<{a}>" for (a,) in rows) + " }"
    ops.append(_AGENCIES.replace("{agencies}", agencies)
               .replace("{values}", values if values or full else "VALUES ?place { }"))
    marks = [(p, current[p]) for p in (current if full else stale) if current.get(p) is not None]
    if everything is not None:
        marks.append((SUMMARY_GRAPH, everything))
    ops.append(f"DELETE WHERE {{ GRAPH {_S} {{ {_S} pkg:sourcesDigest ?d }} }}")
    if marks:
        data = " ".join(f'<{node}> pkg:sourcesDigest "{digest}" .' for node, digest in marks)
        ops.append(f"INSERT DATA {{ GRAPH {_S} {{ {data} }} }}")
    store.update(" ;\n".join(ops))
    return len(current) if full else len(stale)


def _values(places: Iterable[str]) -> str:
    return "VALUES ?place { " + " ".join(f"<{p}>" for p in places) + " }"


__all__ = ["AGENCY_LOAD", "AGENCY_LOAD_RQ", "SUMMARY_GRAPH", "digest_of_sum", "file_term", "place_files",
           "refresh_summary", "sources_digest", "state_files", "state_value", "stored_digest", "summary_is_current"]
