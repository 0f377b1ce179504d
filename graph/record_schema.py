"""The extraction record (``../shared/gold/GUIDE.md``) as a JSON Schema, and the reading of a
``.json`` record file as the untrusted input it is.

A record file is read like any document: bytes that are not UTF-8 JSON, ``NaN`` and
``Infinity``, nesting deep enough to exhaust the parser, and any shape other than the GUIDE's
(``tasks`` a string, a null task, ``lead`` a number, ``document`` a list, text holding a NUL or an
unpaired surrogate) are refused in one line that says where, before a single triple is made.
Validation uses the ``jsonschema`` package (Draft 2020-12). Keys the GUIDE does not name are
allowed, so records may carry more than the graph reads; provenance keys (``line``,
``source_text``, ``roles_line``, ``roles_text``, ``provenance``) are checked when present.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

# Text: any string without NUL or an unpaired surrogate (neither survives UTF-8 or RDF).
_CLEAN = r"^[^\x00\ud800-\udfff]*$"
TEXT: dict = {"type": "string", "pattern": _CLEAN}
MAYBE_TEXT: dict = {"type": ["string", "null"], "pattern": _CLEAN}
LINE: dict = {"type": ["integer", "null"], "minimum": 0}
TEXTS: dict = {"type": "array", "items": TEXT}
EVIDENCE: dict = {"line": LINE, "source_text": MAYBE_TEXT}

RECORD_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://w3id.org/policykg/record.schema.json",
    "title": "policykg extraction record (GUIDE.md)",
    "type": "object",
    "required": ["document"],
    "properties": {
        "source": TEXT,
        "document": {
            "type": "object",
            "properties": {key: MAYBE_TEXT for key in ("kind", "id", "issuer", "place", "date", "title")},
        },
        "implements": TEXTS,
        "based_on": TEXTS,
        "references": {"type": "array", "items": {
            "type": "object",
            "properties": {**{key: MAYBE_TEXT for key in ("id", "kind", "issuer", "date")}, **EVIDENCE},
        }},
        "relations": {"type": "array", "items": {
            "type": "object",
            "properties": {**{key: MAYBE_TEXT for key in ("from", "type", "to")}, **EVIDENCE},
        }},
        "tasks": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "text": MAYBE_TEXT, "deadline": MAYBE_TEXT, "lead": TEXTS, "support": TEXTS,
                "implement": TEXTS, "refs": TEXTS, **EVIDENCE, "roles_line": LINE, "roles_text": MAYBE_TEXT,
            },
        }},
        "targets": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "text": MAYBE_TEXT, "unit": MAYBE_TEXT,
                "value": {"type": ["string", "number", "null"], "pattern": _CLEAN},
                "year": {"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999},
                                   {"type": "string", "pattern": r"^\d{4}$"}, {"type": "null"}]},
                **EVIDENCE,
            },
        }},
        "provenance": {
            "type": "object",
            "properties": {key: {"type": "array", "items": {
                "type": "object", "properties": {"id": MAYBE_TEXT, **EVIDENCE}}}
                for key in ("implements", "based_on")},
        },
    },
}


# A GUIDE record nests four levels (record, tasks, a task, its agencies); extra keys may nest more.
MAX_DEPTH = 32


class RecordError(ValueError):
    """Not an extraction record; the message says where and why in one line."""


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(RECORD_SCHEMA)
    return Draft202012Validator(RECORD_SCHEMA)


def _reject_constant(name: str) -> Any:
    raise RecordError(f"{name} is not a JSON number")


def parse_record(data: bytes) -> dict:
    """Read the bytes of a ``.json`` file as an extraction record.

    Parameters
    ----------
    data : bytes
        UTF-8 JSON (a byte-order mark is allowed).

    Returns
    -------
    dict

    Raises
    ------
    RecordError
        One line: not UTF-8, not JSON, ``NaN``/``Infinity``, nested too deeply, or not the shape
        of :data:`RECORD_SCHEMA`.

    Examples
    --------
    >>> parse_record(b'{"document": {"id": "1/KH-UBND"}, "tasks": []}')["document"]
    {'id': '1/KH-UBND'}
    >>> parse_record(b'{"document": {}, "tasks": "all of them"}')
    Traceback (most recent call last):
    ...
    policykg.graph.record_schema.RecordError: not an extraction record: tasks is a string, not an array
    >>> parse_record(b'[' * 100000)
    Traceback (most recent call last):
    ...
    policykg.graph.record_schema.RecordError: not JSON: nested too deeply
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordError(f"not UTF-8 JSON (byte {exc.start})") from None
    try:
        record = json.loads(text, parse_constant=_reject_constant)
    except RecordError as exc:
        raise RecordError(f"not JSON: {exc}") from None
    except RecursionError:
        raise RecordError("not JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    check_record(record)
    return record


def check_record(record: Any) -> None:
    """Check a record already in memory against :data:`RECORD_SCHEMA`.

    Raises
    ------
    RecordError
        The first problem found (by ``jsonschema``'s relevance order), in one line.

    Examples
    --------
    >>> check_record({"document": {"id": "1\\x00"}})
    Traceback (most recent call last):
    ...
    policykg.graph.record_schema.RecordError: not an extraction record: document.id holds a NUL or an unpaired surrogate
    >>> check_record({"document": [], "tasks": [None]})
    Traceback (most recent call last):
    ...
    policykg.graph.record_schema.RecordError: not an extraction record: document is an array, not an object
    """
    from jsonschema.exceptions import best_match

    if _depth(record) > MAX_DEPTH:
        raise RecordError(f"not an extraction record: nested more than {MAX_DEPTH} levels deep")
    error = best_match(_validator().iter_errors(record))
    if error is not None:
        raise RecordError(f"not an extraction record: {describe(error)}")


def _depth(value: Any) -> int:
    """How deep lists and objects nest (iteratively: no recursion on hostile input)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def describe(error: Any) -> str:
    """A ``jsonschema`` error in a few words: where, and what was expected (never the value
    itself, which may be megabytes long)."""
    where = _where(error.absolute_path)
    kind = error.validator
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{where} is {_json_type(error.instance)}, not {' or '.join(_article(w) for w in wanted)}"
    if kind == "pattern":
        return f"{where} holds a NUL or an unpaired surrogate"
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return f"{where} has no '{missing[0] if missing else '?'}'"
    if kind == "anyOf" and where.endswith("year"):
        return f"{where} is not a year"
    if kind in ("minimum", "maximum"):
        return f"{where} is out of range"
    return f"{where}: {' '.join(str(error.message).split())[:120]}"


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the record"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _article(name: str) -> str:
    return name if name == "null" else ("an " if name[0] in "aeiou" else "a ") + name
