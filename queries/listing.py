"""tasks and targets: the items of the plans, filtered the way officials ask for them."""
from __future__ import annotations

import pandas as pd
from rdflib import Literal, URIRef

from policykg.graph.namespaces import PKG
from policykg.graph.store import GraphStore
from policykg.loaders.deadlines import falls_due
from policykg.queries.common import doc_name, document_facts, place_names, resolve_agencies, resolve_places
from policykg.queries.sparql import QueryError, iri, run
from policykg.queries.text import Matcher
from policykg.vietnamese.keys import exact_key, search_needle, slugify

TASK_COLUMNS = ["place", "plan", "number", "text", "deadline", "lead", "support", "implement", "file", "line",
                "full_text", "position", "task"]
TARGET_COLUMNS = ["place", "plan", "indicator", "value", "unit", "year", "numeric", "evidence", "file", "line",
                  "target"]
ROLES = {"lead": PKG.leads, "support": PKG.supports, "implement": PKG.implementsTask}


def tasks(store: GraphStore, *, agency: str | None = None, role: str | None = None, place: str | None = None,
          plan: str | None = None, text: str | None = None, year: int | None = None,
          only_tasks: list[str] | None = None) -> pd.DataFrame:
    """The tasks of the plans, with their agencies, filtered.

    Parameters
    ----------
    store : GraphStore
    agency : str, optional
        Tasks this agency (or group) holds: its name, case and accents aside; an exact name wins,
        else every agency whose name holds all the words ("giáo dục" matches several).
    role : {"lead", "support", "implement"}, optional
        With ``agency``: only tasks it holds in this role.
    place : str, optional
        Only plans of this place.
    plan : str, optional
        Only this plan: its identifier ("284/KH-UBND"), or IRI.
    text : str, optional
        Only tasks whose text holds all these words (accent-insensitive when typed without accents).
    year : int, optional
        Only tasks falling due in this year (see :func:`policykg.loaders.deadlines.due_years`).
    only_tasks : list of str, optional
        Only these tasks (IRIs), e.g. those one agency holds (the web app's agency page).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TASK_COLUMNS`; ``lead``, ``support``, ``implement`` hold agency names
        joined by "; "; ``number`` is the item's printed number ("II.1.3"), ``full_text`` the whole
        paragraph it was read from. Sorted by place, plan, position.

    Raises
    ------
    QueryError
        Unknown place, plan, agency or role.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "tasks": [{"text": "Việc một", "lead": ["Sở Y tế"], "deadline": "Năm 2026"},
    ...               {"text": "Việc hai", "lead": ["Sở Tài chính"]}]}], store)
    >>> tasks(store, agency="so y te")[["plan", "text", "lead", "deadline"]].values.tolist()
    [['1/KH-UBND', 'Việc một', 'Sở Y tế', 'Năm 2026']]
    """
    where = resolve_places(store, place)
    plans = resolve_plans(store, plan, where) if plan else None
    task_iris = None
    if role is not None and role not in ROLES:
        raise QueryError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    if agency:
        held = run(store, "agency_tasks", {"agency": resolve_agencies(store, agency),
                                           "role": ROLES[role] if role else None})
        task_iris = [URIRef(t) for t in held["task"].unique()]
    elif role:
        raise QueryError("--role needs --agency")
    if only_tasks is not None:
        wanted = [URIRef(t) for t in only_tasks]
        task_iris = wanted if task_iris is None else sorted(set(task_iris) & set(wanted))
    params = {"place": where, "plan": plans, "task": task_iris}
    rows = run(store, "tasks", params)
    if "full_text" not in rows:
        rows["full_text"] = None
    if "number" not in rows:
        rows["number"] = None
    rows["full_text"] = rows["full_text"].fillna(rows["text"])
    if text:
        # The whole task, heading and body: words from the body find it too.
        matcher = Matcher(text)
        rows = rows.loc[(rows["text"] + " " + rows["full_text"]).map(matcher.words).astype(bool)]
    if year is not None:
        rows = rows.loc[rows["deadline"].map(lambda d: falls_due(d, int(year))).astype(bool)]
    if rows.empty:
        return pd.DataFrame(columns=TASK_COLUMNS)
    names = place_names(store)
    facts = document_facts(store, rows["plan"], names)
    rows = rows.assign(place=rows["place"].map(names),
                       plan=rows["plan"].map(lambda p: facts[p].get("id") or doc_name(facts[p])))
    roles = run(store, "task_roles", params | {"task": [URIRef(t) for t in rows["task"]]})
    for col, prop in ROLES.items():
        held = roles[roles["role"] == str(prop)].groupby("task")["name"].agg(lambda n: "; ".join(sorted(set(n), key=exact_key)))
        rows[col] = [held.get(t, "") for t in rows["task"]]
    rows = rows.sort_values(["place", "plan", "position"], key=_numbers_last)
    return rows[TASK_COLUMNS].reset_index(drop=True)


def targets(store: GraphStore, indicator: str | None = None, *, place: str | None = None,
            year: int | None = None) -> pd.DataFrame:
    """Quantified targets, one indicator lined up across places.

    Parameters
    ----------
    store : GraphStore
    indicator : str, optional
        Words of the indicator ("tỷ lệ hoàn thành cấp trung học phổ thông"): every word must
        appear in the target's text, "tỷ lệ"/"tỉ lệ" alike and optional at the start (an
        extraction may keep only "hoàn thành cấp trung học phổ thông"); accent-insensitive when
        typed without accents.
    place : str, optional
        Only plans of this place.
    year : int, optional
        Only targets set for this year.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TARGET_COLUMNS`: ``indicator`` is the text as the plan words it, ``value``
        as printed ("98.85", "45-50", "> 60"), ``numeric`` the value as a number when it is one.
        Sorted by place, year, plan.

    Raises
    ------
    UnknownPlace
        ``place`` is not in the store.

    Examples
    --------
    >>> from policykg.graph import build_records, open_store
    >>> store = open_store(":memory:")
    >>> _ = build_records([{"source": "a.txt", "document": {"id": "1/KH-UBND", "place": "Kon Tum"},
    ...     "targets": [{"text": "Tỉ lệ hoàn thành cấp trung học phổ thông", "value": "95", "unit": "%",
    ...                  "year": 2030}]}], store)
    >>> targets(store, "tỷ lệ hoàn thành cấp trung học phổ thông")[["place", "value", "year"]].values.tolist()
    [['Kon Tum', '95', '2030']]
    """
    matcher = Matcher(indicator, optional_lead=True) if indicator else None
    needle = search_needle(" ".join(matcher.required)) if matcher else None
    rows = run(store, "targets", {"place": resolve_places(store, place), "needle": Literal(needle) if needle else None})
    if matcher:
        rows = rows.loc[rows["text"].map(matcher.words).astype(bool)]
    if year is not None:
        rows = rows.loc[rows["year"].map(lambda y: isinstance(y, str) and y == str(int(year))).astype(bool)]
    if rows.empty:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    names = place_names(store)
    facts = document_facts(store, rows["plan"], names)
    rows = rows.assign(place=rows["place"].map(names), indicator=rows["text"],
                       plan=rows["plan"].map(lambda p: facts[p].get("id") or doc_name(facts[p])))
    rows = rows.drop_duplicates("target").sort_values(["place", "year", "plan", "position"], key=_numbers_last)
    return rows[TARGET_COLUMNS].reset_index(drop=True)


def resolve_plans(store: GraphStore, plan: str, place: URIRef | list[URIRef] | None = None) -> list[URIRef]:
    """The plans (local documents with tasks or targets) a user's identifier or IRI stands for.

    Raises
    ------
    QueryError
        No such plan (the message lists a few known identifiers).
    """
    by_iri = "://" in plan or plan.startswith("pkgid:")
    # An IRI is looked up alone: listing every plan of a national store takes seconds.
    known = run(store, "plans", {"plan": [iri(plan)]} if by_iri else None)
    if by_iri and known.empty:
        known = run(store, "plans")  # for the message's list of known plans
    if place is not None:
        known = known[known["place"].isin([str(p) for p in (place if isinstance(place, list) else [place])])]
    if by_iri:
        wanted = str(iri(plan))
        hits = [p for p in known["plan"] if p == wanted]
    else:
        key = slugify(plan)
        hits = [p for p, i in zip(known["plan"], known["id"]) if i is not None and slugify(i) == key]
        if not hits:
            matcher = Matcher(plan)
            hits = [p for p, label in zip(known["plan"], known["label"]) if matcher.phrase(label)]
    if not hits:
        ids = sorted({i for i in known["id"] if i})
        raise QueryError(f"no plan {plan!r} (known: {', '.join(ids[:12])}{' ...' if len(ids) > 12 else ''})")
    return sorted({URIRef(p) for p in hits})


def _numbers_last(column: pd.Series) -> pd.Series:
    """Sort key: numbers as numbers, text as text, missing last."""
    return column.map(lambda v: (0, v, "") if isinstance(v, (int, float)) and v == v
                      else (1, 0, str(v)) if v is not None and v == v else (2, 0, ""))
