"""What a document says of other documents: the ones it carries out (``implements``), is based on
(``based_on``, its "Căn cứ" grounds) and cites (``references``, with kind, issuer and date), and the
relations between other documents it states (``relations``); each document in one spelling.

A stage of :func:`~policykg.loaders.record.extract_text`, which puts these into the record.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.citation_links import (
    coordinated,
    implements_gap,
    relations_in,
    subject_index,
    unnumbered_relations,
)
from policykg.loaders.citations import Citation, find_citations
from policykg.loaders.metadata import Head, proper_case, with_locality
from policykg.loaders.normalise import Line, Text

# The verb right before the citation, or before its kind words ("Triển khai Kế hoạch hành động số").
_CARRY_OUT = re.compile(r"(?:thực hiện|triển khai|thi hành)\s*,?\s*(?:[^\W\d][\w]*\s+){0,4}?(?:số\s*)?$",
                        re.IGNORECASE)
_ISSUER_ALIASES = [(re.compile(r"\bUBND\b"), "Ủy ban nhân dân"), (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
                   (re.compile(r"^Thủ tướng$"), "Thủ tướng Chính phủ")]


@dataclass
class Links:
    """A document's links to other documents, as :func:`read_links` reads them."""

    own: str | None  # the document's own id, spelt as the links spell it
    canon: Callable[[str], str]  # a cited id -> the one spelling the record uses for it
    implements: list[str]
    implements_evidence: list[dict]  # {"id", "line", "source_text"}: the line that cites each first
    based_on: list[str]
    based_on_evidence: list[dict]
    references: list[dict]  # {"id", "kind", "issuer", "date", "line", "source_text"}
    relations: list[dict]  # {"from", "type", "to", "line", "source_text"}


def read_links(text: Text, head: Head, gazetteer: Gazetteer) -> Links:
    """Read what a document carries out, is based on and cites, and the relations it states.

    Parameters
    ----------
    text : Text
        The normalised document.
    head : Head
        Its head (:func:`~policykg.loaders.metadata.read_head`): its id, title and opening.
    gazetteer : Gazetteer
        For the issuers of cited documents.

    Returns
    -------
    Links

    Examples
    --------
    >>> from policykg.loaders.metadata import read_head
    >>> from policykg.loaders.normalise import normalise
    >>> from policykg.loaders.outline import build_outline
    >>> text = normalise("KẾ HOẠCH\\nThực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ\\n\\n"
    ...                  "I. NHIỆM VỤ\\n1. Sở Y tế chủ trì thực hiện Luật Đầu tư công.")
    >>> links = read_links(text, read_head(build_outline(text), Gazetteer.default()), Gazetteer.default())
    >>> links.implements, [(r["id"], r["issuer"]) for r in links.references]
    (['68/NQ-CP'], [('68/NQ-CP', 'Chính phủ'), ('Luật Đầu tư công', None)])
    """
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
    return Links(own, canon, implements, implements_ev, based_on, based_ev, references, relations)


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
