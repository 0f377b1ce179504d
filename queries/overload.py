"""overload: which agencies carry too many tasks, place by place.

An agency's load in a place counts the tasks of that place's plans it is given:

    load = 2 x led + 1 x supported + 1 x implemented

(leading a task is the heavier duty; "implemented" is responsibility with no lead/support split).
Among the named agencies of one place (collective groups such as "Các sở, ban, ngành" aside), an
agency is flagged when its load is more than two standard deviations above their mean:

    flagged = load > mean + 2 x sd     (population sd of the named agencies' loads in that place,
                                        only where the place has at least 3 named agencies)

Collective groups are reported apart (``kind`` "group"), ranked among themselves and never
flagged: a group stands for many bodies, so its load is not one agency's. A division
("Phòng Kế hoạch - Tài chính") is one agency under its parent body, which the ``parent`` column
names; a division whose parent no document names is ranked but never flagged (it may be several
bodies' divisions under one name).
"""
from __future__ import annotations

from datetime import date

import pandas as pd
from rdflib import URIRef

from policykg.graph.store import GraphStore
from policykg.graph.summary import AGENCY_LOAD, summary_is_current
from policykg.queries.agency_register import UNKNOWN_PARENT
from policykg.queries.common import place_names, resolve_places
from policykg.queries.sparql import run

WEIGHTS = {"led": 2, "supported": 1, "implemented": 1}
FLAG_SD = 2.0
MIN_PEERS = 3
FORMULA = ("load = 2 x led + 1 x supported + 1 x implemented; flagged when load > mean + 2 x sd of the "
           "named agencies' loads in the same place (population sd; places with at least 3 named "
           "agencies; groups such as 'Các sở, ban, ngành' are listed apart and never flagged)")
COLUMNS = ["place", "kind", "rank", "agency", "parent", "led", "supported", "implemented", "tasks", "plans", "due",
           "year", "load", "zscore", "flagged", "agency_iri"]
COUNTS = ["led", "supported", "implemented", "tasks", "plans", "due"]


def overload(store: GraphStore, *, place: str | None = None, year: int | None = None,
             recount: bool = False) -> pd.DataFrame:
    """Per place and agency: tasks led, supported, implemented; plans; tasks due in a year; load.

    Parameters
    ----------
    store : GraphStore
    place : str, optional
        Only this place (name as in the store, any case or accents; see ``policykg places``).
    year : int, optional
        The year for ``due`` (default: this year). A task falls due in a year its deadline names,
        at the end of a period it names, or every year when it recurs ("hằng năm"); see
        :func:`policykg.loaders.deadlines.due_years`.
    recount : bool
        Count from the source graphs even when the build's load summary is current
        (:mod:`policykg.graph.summary`): the same answer, slower; for checking and benchmarks.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`. ``place`` is the place of the plans holding the tasks; ``kind`` is
        "agency" (named) or "group" (collective); ``rank`` is 1 for the highest load within the
        place and kind; ``tasks`` counts distinct tasks in any role; ``load``, ``zscore`` and
        ``flagged`` follow :data:`FORMULA`. Sorted by place, kind (agencies first), rank.

    Raises
    ------
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "tasks": [{"text": "Việc một", "lead": ["Sở Y tế"], "support": ["Các sở, ban, ngành"],
    ...                "deadline": "Năm 2026"}]}], store)
    >>> overload(store, year=2026)[["agency", "kind", "led", "supported", "due", "load"]].values.tolist()
    [['Sở Y tế', 'agency', 1, 0, 1, 2], ['Các sở, ban, ngành', 'group', 0, 1, 1, 1]]
    >>> _ = build_records([{"source": "b.txt", "document": {"id": "2/KH-SCT", "place": "Kon Tum",
    ...     "issuer": "Sở Công Thương tỉnh Kon Tum"}, "tasks": [{"text": "Việc hai", "lead": ["Văn phòng"]}]}], store)
    >>> overload(store)[["agency", "parent"]].values.tolist()[:2]
    [['Sở Y tế', ''], ['Văn phòng', 'Sở Công Thương']]
    """
    year = date.today().year if year is None else int(year)
    # The place and the places that belong to it today ("Quảng Ngãi" finds the old Kon Tum's plans).
    where = resolve_places(store, place)
    # The build keeps these counts in a summary graph; trust it only if it matches the files.
    # One place is checked from the place (its own files), so it costs that place, not the store.
    checked: list[URIRef | None] = list(where) if where else [None]
    fast = not recount and all(summary_is_current(store, place=None if w is None else str(w)) for w in checked)
    one = "_place" if where is not None else ""  # a shape that starts from the place: its cost, not the store's
    counts = run(store, f"overload_summary{one}", {"place": where}) if fast else recount_loads(store, where)
    if counts.empty:
        return pd.DataFrame(columns=COLUMNS)
    due = run(store, f"overload_summary_due{one}" if fast else "overload_due", {"place": where, "year": year})
    due = dict(zip(zip(due["place"], due["agency"]), due["due"]))
    counts["due"] = [due.get(key, 0) for key in zip(counts["place"], counts["agency"])]
    if fast:
        counts["due"] += counts["everyYear"]
        places = dict(zip(counts["place"], counts["placeName"]))
    else:
        places = place_names(store)
    frame = pd.DataFrame({
        "place": counts["place"].map(places),
        "kind": counts["class"].map(lambda c: "group" if str(c).endswith("#AgencyGroup") else "agency"),
        "agency": counts["name"].fillna(counts["agency"]), "agency_iri": counts["agency"], "year": year})
    for col in COUNTS:
        frame[col] = counts[col].fillna(0).astype(int)
    frame["load"] = sum(w * frame[c] for c, w in WEIGHTS.items())
    frame["parent"], orphan = _parents(store, frame["agency_iri"])
    frame = _score(frame, orphan)
    frame = frame.sort_values(["place", "kind", "rank", "agency", "agency_iri"], key=_order)  # the IRI: same-named divisions
    return frame[COLUMNS].reset_index(drop=True)


def _parents(store: GraphStore, agencies: pd.Series) -> tuple[list[str], pd.Series]:
    """Each agency's parent body ("" for a body in its own right), and which are divisions whose
    parent no document names ("(không rõ)")."""
    # Only the agencies listed, looked up by IRI: one place's overload must not read every agency.
    rows = run(store, "agency_parents", {"agency": [URIRef(a) for a in agencies.unique()]})
    named = dict(zip(rows["agency"], rows["parentName"])) if not rows.empty else {}
    orphans = set(rows.loc[rows["parentUnknown"].notna(), "agency"]) if not rows.empty else set()
    parents = [named[a] if isinstance(named.get(a), str) else (UNKNOWN_PARENT if a in orphans else "")
               for a in agencies]
    return parents, agencies.map(lambda a: a in orphans and not isinstance(named.get(a), str))


def recount_loads(store: GraphStore, place: URIRef | list[URIRef] | None = None) -> pd.DataFrame:
    """The counts of the load summary, recounted from the source graphs by the very SELECT the
    build counts the summary with (``graph/agency_load.rq``), with each agency's name and class.

    Parameters
    ----------
    store : GraphStore
    place : URIRef or list of URIRef, optional
        Only this place (these places).

    Returns
    -------
    pandas.DataFrame
        ``place``, ``agency``, ``name``, ``class`` and the counts ``led``, ``supported``,
        ``implemented``, ``tasks``, ``plans``, ``everyYear``; an agency with no name or class in
        any graph is left out.
    """
    counts = run(store, AGENCY_LOAD, {"place": place})
    if counts.empty:
        return counts.assign(name=[], **{"class": []})
    names = run(store, "overload_names", {"agency": [URIRef(a) for a in counts["agency"].unique()]})
    return counts.merge(names, on="agency")


def _score(frame: pd.DataFrame, orphan: pd.Series | None = None) -> pd.DataFrame:
    """Rank within each place and kind; z-score and flag among the named agencies of each place
    (never a division whose parent is unknown)."""
    groups = frame.groupby(["place", "kind"], sort=False)["load"]
    frame["rank"] = groups.rank(method="min", ascending=False).astype(int)
    mean = groups.transform("mean")
    sd = groups.transform("std", ddof=0)
    peers = groups.transform("size")
    scored = (frame["kind"] == "agency") & (peers >= MIN_PEERS) & (sd > 0)
    z = ((frame["load"] - mean) / sd.where(sd > 0)).round(2)
    frame["zscore"] = z.where(scored).astype(object).where(scored, None)
    frame["flagged"] = scored & (frame["load"] > mean + FLAG_SD * sd)
    if orphan is not None:
        frame["flagged"] &= ~orphan.astype(bool)
    return frame


def _order(column: pd.Series) -> pd.Series:
    if column.name == "kind":
        return column.map({"agency": 0, "group": 1})
    if column.name == "agency":
        return column.map(lambda v: str(v).casefold())
    return column
