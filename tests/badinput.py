"""The bad-input corpus of issue 16 and what each case must give: one table, used by
``tests/test_badinput_corpus.py``.

``FILES``: files a user may hand to ``extract`` and ``build`` (each written by the test into a
temporary folder), with the outcome each command must have: ``ok`` (read, no line), ``warn`` (read,
one ``warning:`` line holding the text), ``fail`` (one ``error:`` line naming the file and holding
the text; the rest of the batch goes on) or ``-`` (not a document that command reads). The corpus
runs with ``--max-mb 1`` so the size cases stay small.

``URLS``: ``--store`` values that are not a usable endpoint; ``REPLIES``: how the fake server of
``tests/fakeserver.py`` misbehaves, with the message every command must end on; ``QUERIES``: what
``policykg query`` is asked, with its exit status and message.
"""
from __future__ import annotations

import base64
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

MAX_MB = "1"

PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: {n}/KH-UBND\nKon Tum, ngày 05 tháng 11 năm 2020\n"
        "KẾ HOẠCH\nThực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương\n"
        "I. NHIỆM VỤ\n1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tài chính rà soát chính sách "
        "hỗ trợ học sinh, hoàn thành trong năm 2025.\n")


def plan_text(n: int) -> str:
    return PLAN.format(n=n)


def record(n: int, **document: object) -> dict:
    """A good extraction record (GUIDE.md shape)."""
    return {"source": f"record{n}.txt",
            "document": {"kind": "Kế hoạch", "id": f"{n}/KH-UBND", "place": "Kon Tum",
                         "issuer": "Ủy ban nhân dân tỉnh Kon Tum", "date": "2020-11-05", **document},
            "implements": ["29-NQ/TW"], "based_on": [],
            "references": [{"id": "29-NQ/TW", "kind": "Nghị quyết", "issuer": None, "date": "2013-11-04"}],
            "relations": [], "targets": [],
            "tasks": [{"text": "Rà soát chính sách hỗ trợ học sinh", "lead": ["Sở Giáo dục và Đào tạo"],
                       "support": [], "implement": [], "deadline": "Năm 2025", "refs": []}]}


def _json(data: object) -> Callable[[Path], object]:
    return lambda path: path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _bytes(data: bytes) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(data)


def _text(data: str) -> Callable[[Path], object]:
    return lambda path: path.write_text(data, encoding="utf-8")


def _with_task(task: object) -> dict:
    rec = record(90)
    rec["tasks"] = [task]
    return rec


def _docx(document_xml: bytes) -> bytes:
    """A .docx package (python-docx's template) whose document part is ``document_xml``."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


_W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def _bomb(path: Path) -> None:
    """Five million empty paragraphs: some 30 MB of XML in tens of kilobytes."""
    path.write_bytes(_docx(_W + b"<w:p/>" * 5_000_000 + b"</w:body></w:document>"))


def _big_text_node(path: Path) -> None:
    """One text node of 20 MB that compresses only 3 or 4 times (no bomb, a file of some 6 MB, under
    the limit on files): refused by the stated size of its XML alone."""
    letters = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
                              b"acgt" * 16)
    noise = base64.b64encode(os.urandom(15 * 1024 * 1024)).translate(letters)
    path.write_bytes(_docx(_W + b"<w:p><w:r><w:t>" + noise + b"</w:t></w:r></w:p></w:body></w:document>"))


def _good_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    for line in plan_text(70).splitlines():
        d.add_paragraph(line)
    d.save(str(path))


def _truncated_docx(path: Path) -> None:
    _good_docx(path)
    path.write_bytes(path.read_bytes()[:1500])


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    os.symlink(path.name, path)


def _broken(path: Path) -> None:
    os.symlink("no-such-target.txt", path)


def _deep_html(path: Path) -> None:
    body = "<div>" * 3000 + "".join(f"<p>{line}</p>" for line in plan_text(80).splitlines()) + "</div>" * 3000
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """One file of the corpus.

    Attributes
    ----------
    name : str
        File name (``NON_UTF8`` for the name that is not UTF-8).
    make : callable
        Writes the file at the path given.
    extract, build : str
        ``ok``, ``warn``, ``fail`` or ``-`` (see the module docstring).
    says : str
        Text the ``warning:`` or ``error:`` line holds.
    """

    name: str
    make: Callable[[Path], object]
    extract: str
    build: str
    says: str = ""


NON_UTF8 = "k\udce9 ho\udce1ch.txt"  # the bytes b"k\xe9 ho\xe1ch.txt": Latin-1, not UTF-8

FILES: list[Case] = [
    # .json records: malformed ones refused in one line by the record schema
    Case("tasks-string.json", _json({**record(91), "tasks": "tất cả"}), "-", "fail", "tasks is a string, not an array"),
    Case("task-null.json", _json(_with_task(None)), "-", "fail", "tasks[0] is null, not an object"),
    Case("lead-int.json", _json(_with_task({"text": "x", "lead": 7})), "-", "fail", "tasks[0].lead is a number"),
    Case("document-list.json", _json({**record(92), "document": []}), "-", "fail", "document is an array"),
    Case("references-strings.json", _json({**record(93), "references": ["29-NQ/TW"]}), "-", "fail",
         "references[0] is a string, not an object"),
    Case("nan.json", _bytes(b'{"document": {}, "targets": [{"value": NaN}]}'), "-", "fail", "NaN is not a JSON number"),
    Case("infinity.json", _bytes(b'{"document": {}, "targets": [{"value": -Infinity}]}'), "-", "fail",
         "-Infinity is not a JSON number"),
    Case("deep.json", _bytes(b"[" * 100_000), "-", "fail", "nested too deeply"),
    Case("nul-id.json", _json(record(94, id="94/KH\u0000UBND")), "-", "fail", "document.id holds a NUL"),
    Case("surrogate-id.json", _bytes(b'{"document": {"id": "\\ud800"}}'), "-", "fail", "unpaired surrogate"),
    Case("not-json.json", _bytes(b"{oops"), "-", "fail", "not JSON"),
    Case("empty.json", _bytes(b""), "-", "fail", "not JSON"),
    Case("list.json", _bytes(b"[]"), "-", "fail", "the record is an array, not an object"),
    Case("latin1.json", _bytes('{"document": {"place": "Đà Lạt"}}'.encode("cp1258", "replace")), "-", "fail",
         "not UTF-8 JSON"),
    Case("date-13-45.json", _json(record(95, date="2024-13-45")), "-", "warn", "'2024-13-45' is not a real date"),
    # documents
    Case("empty.txt", _bytes(b""), "fail", "fail", "empty file"),
    Case("binary.txt", _bytes(bytes(range(256)) * 16), "fail", "fail", "binary data"),
    Case("renamed-pdf.txt", _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "fail", "fail", "a PDF file"),
    Case("fifo.txt", _fifo, "fail", "fail", "a FIFO, not a regular file"),
    Case("loop.txt", _loop, "fail", "fail", "a symbolic-link loop"),
    Case("broken-link.txt", _broken, "fail", "fail", "a broken symbolic link"),
    Case(NON_UTF8, _text(plan_text(60)), "fail", "fail", "the file name is not valid UTF-8"),
    Case("too-big.txt", _text(plan_text(61) * 7000), "fail", "fail", "larger than the 1 MB limit"),
    Case("bomb.docx", _bomb, "fail", "fail", "a zip bomb"),
    Case("big-text-node.docx", _big_text_node, "fail", "fail", "its XML expands to"),
    Case("truncated.docx", _truncated_docx, "fail", "fail", "truncated or corrupt"),
    Case("dense-citations.txt", _text("Nghị quyết số 12 - NQ/TW, " * 20_000), "ok", "ok"),
    Case("impossible-date.txt", _text(plan_text(62).replace("ngày 05 tháng 11", "ngày 31 tháng 02")),
         "warn", "warn", "line 4: 'ngày 31 tháng 02 năm 2020' is not a real date; dropped"),
    Case("impossible-cited-date.txt", _text(plan_text(63).replace("04/11/2013", "31/02/2013")), "warn", "warn",
         "the date '2013-02-31' of 29-NQ/TW is not a real date; dropped"),
    Case("deep-nesting.html", _deep_html, "ok", "ok"),
]

GOOD: list[Case] = [
    Case("plan-a.txt", _text(plan_text(1)), "ok", "ok"),
    Case("plan-b.txt", _text(plan_text(2)), "ok", "ok"),
    Case("plan-c.docx", _good_docx, "ok", "ok"),
    Case("record-a.json", _json(record(3)), "-", "ok"),
    Case("record-b.json", _json(record(4)), "-", "ok"),
]


def write_case(folder: Path, case: Case) -> Path:
    """Write one case into ``folder``; its path (for the name that is not UTF-8, a path whose
    characters stand for those bytes, as Python gives it when listing the folder)."""
    path = folder / case.name
    case.make(path)
    return path


# --store values that are no usable endpoint, and the start of the one line each must give.
URLS: dict[str, str] = {
    "http://[::1": "not a valid endpoint URL 'http://[::1': Invalid IPv6 URL",
    "http://127.0.0.1:abc/": "the port is not a number",
    "http://exa mple/": "it holds spaces or control characters",
    "ftp://127.0.0.1/sparql": "only http:// and https:// SPARQL endpoints are supported",
    "file:///etc/passwd": "only http:// and https://",
    "http://": "it names no host",
    "http://a..b/sparql": "is not a host name",
}

# Misbehaviours of tests/fakeserver.py and what every command must end on (after the URL).
REPLIES: dict[str, str] = {
    "html": "the reply is a web page, not SPARQL results",
    "empty": "the reply is empty",
    "truncated": "malformed or truncated JSON",
    "shape": "not SPARQL results (no results.bindings list)",
    "boolean": "a boolean that is not true or false",
    "list": "not SPARQL results (not an object)",
    "cells": "a value that is not a {type, value} cell",
    "deep": "JSON nested too deeply",
    "ntriples": "not SPARQL results",
    "error500": "HTTP 500 Internal Server Error",
    "error400": "bad SPARQL",
    "redirect": "HTTP 302 redirect to ftp://",
    "short": "not SPARQL results",
    "garbage": "not a proper HTTP reply",
    "close": "cannot reach the SPARQL endpoint",
    "hang": "no answer within 1 s",
    "trickle": "the reply is still coming after the deadline",
}

# policykg query ARG on a good store: exit status and the text of its output or error.
QUERIES: list[tuple[str, tuple[str, ...], int, str]] = [
    ("ASK { ?s ?p ?o }", (), 0, "yes"),
    ("SELECT ?s WHERE { ?s a pkg:Plan }", (), 0, "kon-tum"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", (), 1,
     "the query has a SERVICE clause"),
    ("SELECT * WHERE { ?s ?p ?o . sErViCe SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", (), 1,
     "give --allow-service"),
    ("SELECT ?service WHERE { ?service ?p \"SERVICE\" }", (), 0, "(no rows)"),
    ("SELEC oops", (), 1, "bad SPARQL"),
    ("", (), 1, "empty query"),
    ("missing.rq", (), 1, "no query file"),
]
