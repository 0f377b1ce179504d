"""Assemble the extraction record of one document (GUIDE.md shape, plus provenance)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.citations import (
    Citation,
    coordinated,
    find_citations,
    implements_gap,
    relations_in,
    subject_index,
    unnumbered_relations,
)
from policykg.loaders.metadata import Head, proper_case, read_head, with_locality
from policykg.loaders.normalise import Line, Text, normalise
from policykg.loaders.outline import build_outline
from policykg.loaders.read import read_document
from policykg.loaders.targets import extract_targets
from policykg.loaders.tasks import extract_tasks

PROVENANCE_KEYS = ("line", "source_text", "roles_line", "roles_text", "label")
# Record keys beyond GUIDE.md: provenance, a division's parent printed beside it, unknown names.
EXTRA_KEYS = ("provenance", "agency_parents", "unknown_agencies", "province")
# The verb right before the citation, or before its kind words ("Triển khai Kế hoạch hành động số").
_CARRY_OUT = re.compile(r"(?:thực hiện|triển khai|thi hành)\s*,?\s*(?:[^\W\d][\w]*\s+){0,4}?(?:số\s*)?$",
                        re.IGNORECASE)
_ISSUER_ALIASES = [(re.compile(r"\bUBND\b"), "Ủy ban nhân dân"), (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
                   (re.compile(r"^Thủ tướng$"), "Thủ tướng Chính phủ")]


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
    own = head.id

    cited = _cited(text)
    law_names = _law_aliases([c for _, c in cited if c.id.startswith("Luật ")])
    spelling = _spellings([c.id for _, c in cited] + ([own] if own else []))

    def canon(doc_id: str) -> str:
        doc_id = law_names.get(doc_id, doc_id)
        return spelling.get(doc_id.casefold(), doc_id)

    own = canon(own) if own else own

    references = _references(cited, canon, own, head.place, head.province, gazetteer)
    title = [Line(head.title_lines[0].no, head.title)] if head.title and head.title_lines else []
    relations = _relations(text, canon, own, extra=title)
    implements, implements_ev = _document_implements(head, canon, own)
    based_on, based_ev = _based_on(head, canon, own)

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
        "implements": implements,
        "based_on": based_on,
        "references": references,
        "relations": relations,
        "tasks": tasks,
        "targets": extract_targets(outline),
        # Beyond GUIDE.md (the scorer reads neither): the parent body the text prints beside a
        # division ("Phòng Tổ chức hành chính Sở GDĐT"), and the names the gazetteer lacks.
        "agency_parents": agency_parents(used, text, gazetteer),
        # the province a commune's or district's plan belongs to (its place is keyed within it)
        "province": head.province,
        "unknown_agencies": unknown_names(used, gazetteer),
        "provenance": {"implements": implements_ev, "based_on": based_ev},
    }


def _cited(text: Text) -> list[tuple[Line, Citation]]:
    return [(line, c) for line in text.all_lines() for c in find_citations(line.text)]


def _law_aliases(laws: list[Citation]) -> dict[str, str]:
    """Map law ids to one form: "Luật X" to "Luật X 2019" when the text dates it, and a misspelt
    name to the spelling the same text uses inside another citation (a plain typo)."""
    names = {c.id for c in laws}
    inner = {m.group(0) for n in names for m in re.finditer(r"Luật [^,;]+$", n[5:])}
    out: dict[str, str] = {}
    for name in names:
        dated = [n for n in names if n != name and re.fullmatch(re.escape(name) + r" \d{4}", n)]
        if dated:
            out[name] = dated[0]
            continue
        for other in inner | names:
            if other != name and other.casefold() != name.casefold() and len(name) > 15 \
                    and SequenceMatcher(None, name.casefold(), other.casefold()).ratio() >= 0.95:
                out[name] = other
                break
    return out


def _issuer(raw: str | None, place: str | None, province: str | None = None,
            gazetteer: Gazetteer | None = None) -> str | None:
    if not raw:
        return None
    issuer = proper_case(raw.strip(), gazetteer or Gazetteer.default())
    for pattern, repl in _ISSUER_ALIASES:
        issuer = pattern.sub(repl, issuer)
    issuer = re.sub(r"\s+", " ", issuer)
    return with_locality(issuer, place, province=province)


def _references(cited: list[tuple[Line, Citation]], canon, own: str | None, place: str | None,
                province: str | None = None, gazetteer: Gazetteer | None = None) -> list[dict]:
    refs: dict[str, dict] = {}
    for line, c in cited:
        doc_id = canon(c.id)
        if doc_id == own:
            continue
        ref = refs.setdefault(doc_id, {"id": doc_id, "kind": None, "issuer": None, "date": None,
                                        "line": line.no, "source_text": line.text})
        ref["kind"] = ref["kind"] or c.kind
        ref["date"] = ref["date"] or c.date
        issuer = _issuer(c.issuer, place, province, gazetteer)
        if issuer and (ref["issuer"] is None or (ref["issuer"].isupper() and not issuer.isupper())
                       or (len(issuer) > len(ref["issuer"]) and not issuer.isupper())):
            ref["issuer"] = issuer
    return list(refs.values())


def _spellings(ids: list[str]) -> dict[str, str]:
    """One spelling per id, case aside: a title in capitals prints "148-CTR/TU" for the "148-CTr/TU"
    of the body text, and the spelling with lower-case letters is the one the document means."""
    best: dict[str, str] = {}
    for doc_id in ids:
        key = doc_id.casefold()
        if key not in best or (best[key] == best[key].upper() and doc_id != doc_id.upper()):
            best[key] = doc_id
    return best


def _relations(text: Text, canon, own: str | None, extra: Sequence[Line] = ()) -> list[dict]:
    """Relations stated line by line, and in the joined title (a title wraps over lines)."""
    out: dict[tuple[str, str], dict] = {}
    lines = text.all_lines() + list(extra)
    index = subject_index([l.text for l in lines])
    for line in lines:
        pairs = [(a.id, b.id) for a, b in relations_in(line.text)]
        pairs += [(a.id, b) for a, b in unnumbered_relations(line.text, index)]
        for a, b in pairs:
            key = (canon(a), canon(b))
            if own in key or key[0] == key[1]:
                continue
            out.setdefault(key, {"from": key[0], "type": "implements", "to": key[1],
                                 "line": line.no, "source_text": line.text})
    return list(out.values())


def _head_citations(sentence: str, require_verb: bool) -> list[Citation]:
    """The citations a sentence carries out (or is based on): the first one introduced by the verb,
    with those coordinated with it; citations that a previous citation implements are left out."""
    cites = find_citations(sentence)
    previous_end = 0
    for i, c in enumerate(cites):
        if i > 0 and implements_gap(sentence[cites[i - 1].end:c.start]):
            continue
        # Linear in the citations: only the words since the previous one can hold the verb.
        if not require_verb or _CARRY_OUT.search(sentence[previous_end:c.start]) \
                or (i == 0 and _CARRY_OUT.search(sentence[:c.start])):
            return coordinated(sentence, cites, i)
        previous_end = c.end
    return []


def _sentences(line: Line) -> list[str]:
    return [s for s in re.split(r";\s+|\.\s+(?=[A-ZĐÀ-Ỹ])", line.text) if s.strip()]


# A list item of an opening that the verb before it governs: it starts with the cited document.
_LIST_ITEM = re.compile(r"^\s*(?:và\s+)?(?:các\s+)?(?:\w+\s+){0,3}?(?:số\s*)?$")
# "… và hướng dẫn của Bộ Nội vụ tại Công văn số …": a second document the same verb governs.
_ALSO = re.compile(r"\bvà\s+(?:các\s+)?(?:hướng dẫn|chỉ đạo|ý kiến chỉ đạo|văn bản)\b[^;]*?\b(?:tại|theo)\s+"
                   r"(?:\S+\s+){0,2}$|\svà\s+(?:\S+\s+){0,2}$")
_NUMBERED_LIST = re.compile(r"\(\s*[Ss]ố\b[^()]*\)")


def _governed(sentence: str, heads: list[Citation], verb_needed: bool) -> list[Citation]:
    """The head citations and those the same clause adds after them: "A … và Chỉ thị số B", "A …
    và hướng dẫn của X tại Công văn số B", "(Số B, số C)" listing documents the clause names."""
    if not heads:
        return []
    cites = find_citations(sentence)
    out = list(heads)
    last = heads[-1]
    lists = [m.span() for m in _NUMBERED_LIST.finditer(sentence)]
    for c in cites:
        if c.start <= last.start or c in out:
            continue
        gap = sentence[last.end:c.start]
        in_list = any(a <= c.start < b for a, b in lists)
        if in_list or (_ALSO.search(gap) and not _CARRY_OUT_ANY.search(gap) and not implements_gap(gap)):
            out.append(c)
            last = c
    return out


_CARRY_OUT_ANY = re.compile(r"thực hiện|triển khai|thi hành|ban hành", re.IGNORECASE)


def _clause_citations(line: Line, require_verb: bool) -> list[Citation]:
    """What one line of the opening carries out (or is based on), clause by clause: a verb
    governs the list that follows it, "Thực hiện A; B; C" as much as "Thực hiện A và B"."""
    found: list[Citation] = []
    governed = False
    for sentence in _sentences(line):
        cites = find_citations(sentence)
        if governed and cites and _LIST_ITEM.match(sentence[:cites[0].start]):
            heads = coordinated(sentence, cites, 0)
        elif heads := _head_citations(sentence, require_verb):
            governed = True
        else:
            governed = False
            continue
        found += _governed(sentence, heads, require_verb)
    return found


def _document_implements(head: Head, canon, own: str | None) -> tuple[list[str], list[dict]]:
    title_line = Line(head.title_lines[0].no, head.title or "") if head.title_lines else None
    candidates = ([title_line] if title_line else []) + [l for l in head.opening
                                                          if not l.text.strip().startswith("Căn cứ")]
    return _cited_once(candidates, canon, own, require_verb=True)


def _based_on(head: Head, canon, own: str | None) -> tuple[list[str], list[dict]]:
    grounds = [line for line in head.opening if line.text.strip().startswith("Căn cứ")]
    return _cited_once(grounds, canon, own, require_verb=False)


def _cited_once(lines: list[Line], canon, own: str | None, *, require_verb: bool) -> tuple[list[str], list[dict]]:
    """The documents the clauses of ``lines`` cite (not the document itself), each once, with the
    line that cites it first."""
    ids: list[str] = []
    evidence: list[dict] = []
    for line in lines:
        for c in _clause_citations(line, require_verb=require_verb):
            doc_id = canon(c.id)
            if doc_id != own and doc_id not in ids:
                ids.append(doc_id)
                evidence.append({"id": doc_id, "line": line.no, "source_text": line.text})
    return ids, evidence


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
