"""Assemble the extraction record of one document (GUIDE.md shape, plus provenance)."""
from __future__ import annotations

import re
from pathlib import Path

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.citations import find_citations
from policykg.loaders.document_links import read_links
from policykg.loaders.metadata import Head, read_head
from policykg.loaders.normalise import Text, normalise
from policykg.loaders.outline import build_outline
from policykg.loaders.read import read_document
from policykg.loaders.targets import extract_targets
from policykg.loaders.tasks import extract_tasks

PROVENANCE_KEYS = ("line", "source_text", "roles_line", "roles_text", "label")
# Record keys beyond GUIDE.md: provenance, a division's parent printed beside it, unknown names.
EXTRA_KEYS = ("provenance", "agency_parents", "unknown_agencies", "province")


def extract_file(path: Path | str, gazetteer: Gazetteer | None = None) -> dict:
    """Extract one document file.

    Parameters
    ----------
    path : Path or str
    gazetteer : Gazetteer, optional
        Defaults to the built-in one.

    Returns
    -------
    dict
        The record with provenance; see :func:`guide_record` for the bare GUIDE.md shape.

    Raises
    ------
    ReadError
        When the file cannot be read as text.
    """
    path = Path(path)
    return extract_text(read_document(path), path.name, gazetteer)


def guide_record(record: dict) -> dict:
    """The record in exactly the GUIDE.md shape: provenance fields removed.

    Examples
    --------
    >>> guide_record({"tasks": [{"text": "a", "line": 3}], "provenance": {}})
    {'tasks': [{'text': 'a'}]}
    """
    out = {k: v for k, v in record.items() if k not in EXTRA_KEYS}
    for key in ("tasks", "targets", "references", "relations"):
        if key in record:
            out[key] = [{k: v for k, v in item.items() if k not in PROVENANCE_KEYS} for item in record[key]]
    return out


def extract_text(raw: str, source: str = "<text>", gazetteer: Gazetteer | None = None) -> dict:
    """Extract the record of a document given as text.

    Parameters
    ----------
    raw : str
        The document text as read.
    source : str
        The file name the record names as its source.
    gazetteer : Gazetteer, optional

    Returns
    -------
    dict

    Examples
    --------
    >>> r = extract_text("KẾ HOẠCH\\nThực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ\\n\\n"
    ...                  "I. NHIỆM VỤ\\n1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát chính sách.")
    >>> r["document"]["kind"], r["implements"], r["tasks"][0]["lead"], r["tasks"][0]["support"]
    ('Kế hoạch', ['68/NQ-CP'], ['Sở Y tế'], ['Sở Tài chính'])
    """
    gazetteer = gazetteer or Gazetteer.default()
    text = normalise(raw)
    outline = build_outline(text)
    head = read_head(outline, gazetteer)
    links = read_links(text, head, gazetteer)
    canon, own = links.canon, links.own

    def cite(text_: str, notes: tuple[str, ...]) -> list[str]:
        ids = [canon(c.id) for c in find_citations(text_)]
        for n in notes:
            if n in text.footnotes:
                ids += [canon(c.id) for c in find_citations(text.footnotes[n].text)]
        return [i for i in dict.fromkeys(ids) if i != own]

    tasks = extract_tasks(outline, gazetteer, cite)
    _full_names(tasks, text, gazetteer)
    _trim_run_ons(tasks, text, gazetteer)
    _scope_office_groups(tasks, head)
    used = [n for task in tasks for role in ("lead", "support", "implement") for n in task[role]]
    return {
        "source": source,
        "document": {"kind": head.kind, "id": head.id, "issuer": head.issuer, "place": head.place,
                     "date": head.date, "title": head.title},
        "implements": links.implements,
        "based_on": links.based_on,
        "references": links.references,
        "relations": links.relations,
        "tasks": tasks,
        "targets": extract_targets(outline),
        # Beyond GUIDE.md (the scorer reads neither): the parent body the text prints beside a
        # division ("Phòng Tổ chức hành chính Sở GDĐT"), and the names the gazetteer lacks.
        "agency_parents": agency_parents(used, text, gazetteer),
        # the province a commune's or district's plan belongs to (its place is keyed within it)
        "province": head.province,
        "unknown_agencies": unknown_names(used, gazetteer),
        "provenance": {"implements": links.implements_evidence, "based_on": links.based_on_evidence},
    }


# A department's own units named by the department's bare title: in its own plan, that department.
_OWN_UNITS = {"Các phòng thuộc Sở": "Các phòng thuộc {}", "Văn phòng Sở": "Văn phòng {}", "Thanh tra Sở": "Thanh tra {}"}


def _scope_office_groups(tasks: list[dict], head: Head) -> None:
    """"Các phòng thuộc Sở", "Văn phòng Sở", "Thanh tra Sở" name the units of the department that
    issued the plan."""
    if not head.issuer or not head.issuer.startswith("Sở "):
        return
    department = re.sub(r"\s+(tỉnh|thành phố)\s+.*$", "", head.issuer, flags=re.IGNORECASE)
    for task in tasks:
        for role in ("lead", "support", "implement"):
            # "Phòng Tổ chức hành chính Sở": the department's own division, named as the gold names it
            names = [re.sub(r"^(Phòng\s.+?)\s+Sở$", r"\1", n) for n in task[role]]
            task[role] = list(dict.fromkeys(_OWN_UNITS[n].format(department) if n in _OWN_UNITS else n
                                            for n in names))


# A division's name, which alone does not say whose it is.
_DIVISION = re.compile(r"^(?:Phòng|Văn phòng|Thanh tra)\b")
# Names the loaders build from known parts ("Văn phòng Sở Y tế" for "Văn phòng Sở" in that Sở's plan).
_BUILT = re.compile(r"^(?P<unit>Văn phòng|Thanh tra|Các phòng thuộc|Phòng .+? thuộc)\s+(?P<parent>Sở\s.+)$")


def agency_parents(names: list[str], text: Text, gazetteer: Gazetteer) -> dict[str, str]:
    """The parent body the text prints right after a division it assigns work to.

    Parameters
    ----------
    names : list of str
        The agencies the tasks name.
    text : Text
    gazetteer : Gazetteer

    Returns
    -------
    dict
        Division name -> parent ("Phòng Tổ chức hành chính" -> "Sở Giáo dục và Đào tạo"), only
        where every such place in the text names the same parent.

    Examples
    --------
    >>> from policykg.loaders.normalise import normalise
    >>> agency_parents(["Phòng Tổ chức hành chính"], normalise("Phòng Tổ chức hành chính thuộc Sở GDĐT chủ trì."),
    ...                Gazetteer.default())
    {'Phòng Tổ chức hành chính': 'Sở Giáo dục và Đào tạo'}
    """
    wanted = {n for n in names if _DIVISION.match(n)}
    if not wanted:
        return {}
    seen: dict[str, set[str]] = {}
    for line in text.lines:
        if not any(w in line.text for w in wanted):
            continue
        for mentions, _, _ in gazetteer.find_lists(line.text):
            for m in mentions:
                if m.name in wanted and m.parent:
                    seen.setdefault(m.name, set()).add(m.parent)
    return {name: next(iter(parents)) for name, parents in seen.items() if len(parents) == 1}


def unknown_names(names: list[str], gazetteer: Gazetteer) -> list[str]:
    """The agency names the gazetteer lacks, each once, in order; collective groups and the names
    built from known parts ("Văn phòng Sở Y tế") aside.

    Examples
    --------
    >>> unknown_names(["Sở Y tế", "Văn phòng Sở Y tế", "Trung tâm Phát triển quỹ đất", "Sở Y tế"], Gazetteer.default())
    ['Trung tâm Phát triển quỹ đất']
    """
    out: dict[str, None] = {}
    for name in names:
        if gazetteer.kind_of(name) != "unknown":
            continue
        built = _BUILT.match(name)
        if built and gazetteer.kind_of(built["parent"]) != "unknown":
            continue
        out[name] = None
    return list(out)


# A body's name that ends on its parent's word, run on into lower-case task words: "Thanh tra Sở
# thí điểm …", "Ủy ban Kiểm tra Thành ủy thí điểm …" (a locality after them is capitalised).
_ENDS_ON_BODY = re.compile(r"^(.+?\b(?:Sở|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy))\s+(\w)")


def _trim_run_ons(tasks: list[dict], text: Text, gazetteer: Gazetteer) -> None:
    """A name read by its shape that ran on into the task ("Phòng Kinh tế từng bước hoàn thiện",
    "Thanh tra Sở thí điểm") ends where a name the document prints whole (before a colon, comma,
    full stop or the line's end), or a gazetteer name, ends, when a lower-case word follows."""
    used = {n for task in tasks for role in ("lead", "support", "implement") for n in task[role]}
    long = {n for n in used if gazetteer.kind_of(n) == "unknown" and len(n.split()) > 2}
    if not long:
        return
    whole: set[str] = set()
    for line in text.lines:
        for mentions, _, _ in gazetteer.find_lists(line.text):
            for m in mentions:
                after = line.text[m.end:].lstrip()
                if not after or after[0] in ",;:.)" or after.startswith("và "):
                    whole.add(m.name)
    trimmed: dict[str, str] = {}
    for name in long:
        fits = [w for w in whole | {n for n in used if gazetteer.kind_of(n) != "unknown"}
                if name.startswith(w + " ") and name[len(w) + 1:][:1].islower() and len(w.split()) >= 2]
        if fits:
            trimmed[name] = max(fits, key=len)
        elif (cut := _ENDS_ON_BODY.match(name)) and cut.group(2).islower():
            trimmed[name] = cut.group(1)
    for task in tasks:
        for role in ("lead", "support", "implement"):
            task[role] = list(dict.fromkeys(trimmed.get(n, n) for n in task[role]))


def _full_names(tasks: list[dict], text: Text, gazetteer: Gazetteer) -> None:
    """A body the text names in full somewhere keeps that name where it is shortened ("Văn phòng Ban
    Chỉ huy" for "Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh"), when only one full name fits."""
    used = {n for task in tasks for role in ("lead", "support", "implement") for n in task[role]}
    short = {n for n in used if gazetteer.kind_of(n) == "unknown"}
    if not short:
        return
    named = {m.name for line in text.lines for mentions, _, _ in gazetteer.find_lists(line.text) for m in mentions}
    full: dict[str, str] = {}
    for name in short:
        longer = sorted((m for m in named if m.startswith(name + " ") and gazetteer.kind_of(m) != "group"), key=len)
        if longer and all(m.startswith(longer[0]) for m in longer):
            full[name] = longer[0]
    for task in tasks:
        for role in ("lead", "support", "implement"):
            task[role] = list(dict.fromkeys(full.get(n, n) for n in task[role]))
