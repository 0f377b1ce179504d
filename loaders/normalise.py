"""Stage 2: normalise text before anything is matched.

Unicode NFC, modern tone placement (hoà → hòa, uỷ → ủy), conversion artefacts removed (Word
bookmarks, footnote references, Markdown emphasis and escapes, superscript footnote markers, lone
page numbers, web-page furniture repeated around the document), and lines broken by a page break
joined again. Footnote bodies are taken out of the flow and kept beside it, so a footnote printed
in the middle of a paragraph does not split that paragraph.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from policykg.loaders.layout import layout
from policykg.vietnamese.tones import nfc_modern

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_LINE = re.compile(rf"^\s*([{_SUP_CHARS}]+)\s*(.+)$")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\s*(\d+)\]")
_FOOTNOTE_BODY = re.compile(r"\[(\d{1,4}):\s+([^\[\]]{0,4000})\]")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]{0,300}\]")
_EMPHASIS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}")
_MD_ESCAPE = re.compile(r"\\([.\-*_()\[\]#+!|])")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u3000]+")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_MARKER = re.compile(r"^(?:[a-zđ][).]|[ivx]+[).])\s")
_HEADING_NUMBER = re.compile(r"^\d+(?:\.\d+)*[.)]\s")
_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|Độc lập - Tự do|ĐẢNG CỘNG SẢN VIỆT NAM", re.IGNORECASE)
_TERMINAL = re.compile(r"[.:;!?…][\"”’)\]]*$")


@dataclass(frozen=True)
class Line:
    """One line of normalised text with its 1-based line number in the source file."""

    no: int
    text: str
    notes: tuple[str, ...] = ()


@dataclass
class Text:
    """A normalised document: the flow of lines and the footnotes taken out of it."""

    lines: list[Line]
    footnotes: dict[str, Line] = field(default_factory=dict)

    def all_lines(self) -> list[Line]:
        """Flow lines then footnote lines, for searches that must see every word."""
        return self.lines + list(self.footnotes.values())


def clean_line(line: str) -> str:
    """Remove conversion artefacts from one line (not footnote handling).

    Examples
    --------
    >>> clean_line("Định kỳ (***(trước ngày 20 tháng 12)***) [bookmark: _GoBack]và")
    'Định kỳ ((trước ngày 20 tháng 12)) và'
    """
    line = _INVISIBLE.sub("", line)
    line = _BOOKMARK.sub("", line)
    line = _MD_ESCAPE.sub(r"\1", line)
    line = _EMPHASIS.sub("", line)
    line = _MD_HEADING.sub("", line)
    # Tabs carry table structure, so only runs of spaces are folded.
    line = _SPACES.sub(" ", line)
    return line.rstrip(" ")


def normalise(raw: str) -> Text:
    """Turn raw document text into normalised lines.

    Parameters
    ----------
    raw : str
        Text as read from the file.

    Returns
    -------
    Text
        ``lines`` keep their source line numbers; ``footnotes`` maps a footnote number to its line.

    Examples
    --------
    >>> t = normalise("Tỷ lệ đạt 95%¹ trong\\n\\nnăm học\\n¹ Theo Kế hoạch số 1/KH-UBND.\\n12")
    >>> [(l.no, l.text, l.notes) for l in t.lines if l.text]
    [(1, 'Tỷ lệ đạt 95% trong năm học', ('1',))]
    >>> t.footnotes["1"].text
    'Theo Kế hoạch số 1/KH-UBND.'
    """
    raw = nfc_modern(raw.replace("\r\n", "\n").replace("\r", "\n"))
    numbered = [(no, clean_line(text)) for no, text in layout(enumerate(raw.split("\n"), 1))]
    numbered = _drop_furniture(numbered)

    footnotes: dict[str, Line] = {}
    flow: list[tuple[int, str]] = []
    for no, text in numbered:
        match = _FOOTNOTE_LINE.match(text)
        if match and len(match.group(2)) > 3:
            footnotes[match.group(1).translate(_SUPERSCRIPT)] = Line(no, match.group(2).strip())
            continue
        for body in _FOOTNOTE_BODY.finditer(text):
            footnotes[body.group(1)] = Line(no, body.group(2).strip())
        text = _FOOTNOTE_BODY.sub("", text)
        flow.append((no, text))

    lines: list[Line] = []
    for no, text in flow:
        notes = tuple(_FOOTNOTE_REF.findall(text))
        text = _FOOTNOTE_REF.sub("", text)
        if footnotes:
            text, sup = _strip_markers(text, footnotes)
            notes += sup
        # A tab-only line is an empty table cell, not a blank line.
        if not text.strip(" ") or _PAGE_NUMBER.match(text) and "\t" not in text:
            lines.append(Line(no, ""))
            continue
        lines.append(Line(no, text.rstrip(" "), notes))
    return Text(_join_broken(lines), footnotes)


def _strip_markers(text: str, footnotes: dict[str, Line]) -> tuple[str, tuple[str, ...]]:
    found: list[str] = []

    def repl(match: re.Match[str]) -> str:
        number = match.group(0).translate(_SUPERSCRIPT)
        if number in footnotes:
            found.append(number)
            return ""
        return match.group(0)  # a real superscript such as m²

    text = re.sub(rf"(?<=\S)[{_SUP_CHARS}]+", repl, text)
    return text, tuple(found)


def _drop_furniture(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Drop blocks of lines that a web page repeats around the document (menus, related lists).

    A block is three or more consecutive non-blank lines each seen at least twice, one copy of
    which opens or closes the file; every copy of its lines is removed.
    """
    counts = Counter(t.strip() for _, t in numbered if t.strip())
    content = [i for i, (_, t) in enumerate(numbered) if t.strip()]
    if not content:
        return numbered
    runs: list[list[int]] = []
    run: list[int] = []
    for i in content:
        if counts[numbered[i][1].strip()] >= 2 and len(numbered[i][1].strip()) > 15:
            run.append(i)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    furniture: set[str] = set()
    for run in runs:
        touches = run[0] == content[0] or run[-1] == content[-1]
        # A head printed again in an appendix (a form of the same decision) is no web menu.
        is_head = any(_MOTTO.search(numbered[i][1]) for i in run)
        if len(run) >= 3 and touches and not is_head:
            furniture.update(numbered[i][1].strip() for i in run)
    if not furniture:
        return numbered
    return [(no, "" if t.strip() in furniture else t) for no, t in numbered]


def _is_structural(text: str) -> bool:
    stripped = text.lstrip()
    return (
        "\t" in text
        or "|" in text
        or bool(_LIST_MARKER.match(stripped))
        or bool(_HEADING_NUMBER.match(stripped))
    )


def _join_broken(lines: list[Line]) -> list[Line]:
    """Join a line to the paragraph before it when a page break split a sentence.

    The next line must start with a lower-case letter or a digit that opens no heading, and the
    paragraph before it must end without closing punctuation.
    """
    out: list[Line] = []
    last = -1  # index in out of the last non-blank line
    for line in lines:
        text = line.text
        if not text.strip():
            out.append(line)
            continue
        first = text.lstrip()[:1]
        if (
            last >= 0
            and (first.islower() or first.isdigit())
            and not _is_structural(text)
            and "\t" not in out[last].text
            and "|" not in out[last].text
            and not _TERMINAL.search(out[last].text)
        ):
            prev = out[last]
            joined = Line(prev.no, f"{prev.text.rstrip()} {text.strip()}", prev.notes + line.notes)
            out[last] = joined
            continue
        out.append(line)
        last = len(out) - 1
    return out
