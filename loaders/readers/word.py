"""Reader for Word .docx files: paragraphs in order, numbering, tables, footnotes.

The output follows the plain-text conventions of the seed documents:

- one paragraph a line; a soft line break inside a paragraph also breaks the line;
- Word's automatic numbering written out at the start of the paragraph ("1.", "a)", "-"), see
  :mod:`.numbering`;
- a table row as ``cell | cell | cell |``; a vertically merged cell repeats its text in every row it
  spans, so each row reads whole; a table of one column (a box drawn round text) gives plain lines;
- a footnote as ``[footnoteRef:n] [n: text]`` where it is referenced, ``n`` counting from 1 in
  document order as Word displays it (endnotes continue the same count);
- text in the legacy ``.VnTime`` (TCVN3) and ``VNI-Times`` (VNI) fonts converted to Unicode.

Deleted tracked changes, field codes, headers and footers are left out.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from policykg.loaders.layout_tables import looks_like_head
from policykg.loaders.read import ReadError, register_reader
from policykg.loaders.readers import legacy
from policykg.loaders.readers.numbering import Numbering, W
from policykg.loaders.readers.zipguard import check_zip

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Containers whose children are read as if they stood in the parent.
_TRANSPARENT = {"hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo",
                "sdtContent"}
_SKIP = {"del", "moveFrom", "instrText", "delText", "pPr", "rPr", "footnoteRef", "endnoteRef"}


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Fonts:
    """The font a run is drawn in: its own, its character style's, its paragraph style's, the
    document default's (only the font matters here, to spot the legacy Vietnamese fonts)."""

    def __init__(self, styles) -> None:
        self.style_font: dict[str, str | None] = {}
        self.based_on: dict[str, str] = {}
        self.default: str | None = None
        if styles is None:
            return
        defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default = self._font(defaults)
        for style in styles.findall(W + "style"):
            sid = style.get(W + "styleId", "")
            self.style_font[sid] = self._font(style.find(W + "rPr"))
            base = style.find(W + "basedOn")
            if base is not None:
                self.based_on[sid] = base.get(W + "val", "")

    @staticmethod
    def _font(rpr) -> str | None:
        fonts = rpr.find(W + "rFonts") if rpr is not None else None
        if fonts is None:
            return None
        return fonts.get(W + "hAnsi") or fonts.get(W + "ascii")

    def of_style(self, style: str | None) -> str | None:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if self.style_font.get(style):
                return self.style_font[style]
            style = self.based_on.get(style)
        return None

    def of_run(self, run, paragraph_style: str | None) -> str | None:
        rpr = run.find(W + "rPr")
        own = self._font(rpr)
        if own:
            return own
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        if rstyle is not None and self.of_style(rstyle.get(W + "val")):
            return self.of_style(rstyle.get(W + "val"))
        return self.of_style(paragraph_style) or self.default


class DocxText:
    """Walks a python-docx ``Document`` and writes its text (see the module docstring).

    Parameters
    ----------
    document : docx.document.Document
        An opened document.
    """

    def __init__(self, document) -> None:
        part = document.part
        styles = _xml(part, "styles")
        self.numbering = Numbering(_xml(part, "numbering"), styles)
        self.fonts = _Fonts(styles)
        self.notes: dict[tuple[str, str], Any] = {}
        for kind in ("footnote", "endnote"):
            root = _xml(part, f"{kind}s")
            if root is not None:
                for note in root.findall(W + kind):
                    self.notes[(kind, note.get(W + "id", ""))] = note
        self.note_count = 0
        self.body = document.element.body

    def text(self) -> str:
        """The whole body as text, one paragraph or table row a line."""
        lines: list[str] = []
        for child in self.body:
            lines.extend(self._block(child))
        return legacy.repair_text("\n".join(lines))

    def _block(self, el) -> list[str]:
        tag = _local(el)
        if tag == "p":
            return self._paragraph(el)
        if tag == "tbl":
            return self._table(el)
        if tag in ("sdt", "customXml", "sdtContent"):
            content = el.find(W + "sdtContent") if tag == "sdt" else el
            return [line for child in (content if content is not None else []) for line in self._block(child)]
        return []

    def _paragraph(self, p, numbered: bool = True) -> list[str]:
        ppr = p.find(W + "pPr")
        pstyle = ppr.find(W + "pStyle") if ppr is not None else None
        style = pstyle.get(W + "val") if pstyle is not None else None
        segments: list[tuple[str, str | None]] = []
        extra: list[str] = []
        self._inline(p, style, segments, extra)
        text = _join_segments(segments)
        label = self.numbering.label(p) if numbered else None
        if label:
            text = f"{label} {text.lstrip()}"
        return text.split("\n") + extra

    def _inline(self, el, style: str | None, out: list, extra: list[str]) -> None:
        for child in el:
            tag = _local(child)
            if tag == "r":
                self._run(child, style, out, extra)
            elif tag in _TRANSPARENT:
                self._inline(child, style, out, extra)
            elif tag == "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, style, out, extra)
            elif tag == "AlternateContent":
                self._alternate(child, style, out, extra)

    def _alternate(self, el, style, out, extra) -> None:
        # Choice and Fallback hold the same content twice; read only the first that is there.
        for branch in (el.find(_MC + "Choice"), el.find(_MC + "Fallback")):
            if branch is not None:
                self._inline(branch, style, out, extra)
                return

    def _run(self, run, style: str | None, out: list, extra: list[str]) -> None:
        encoding = legacy.font_encoding(self.fonts.of_run(run, style))
        if encoding:
            font = self.fonts.of_run(run, style) or ""
            encoding += "H" if font.rstrip().endswith("H") else ""
        self._run_items(run, encoding, style, out, extra)

    def _run_items(self, run, encoding: str | None, style, out: list, extra: list[str]) -> None:
        for child in run:
            tag = _local(child)
            if tag == "t":
                out.append((child.text or "", encoding))
            elif tag in ("tab", "ptab"):
                out.append(("\t", None))
            elif tag in ("br", "cr"):
                out.append(("\n", None))
            elif tag == "noBreakHyphen":
                out.append(("-", None))
            elif tag in ("footnoteReference", "endnoteReference"):
                out.append((self._note(tag[:-9], child.get(W + "id", "")), None))
            elif tag in ("drawing", "pict", "object"):
                for box in child.iter(W + "txbxContent"):
                    for block in box:
                        extra.extend(self._block(block))
            elif tag == "AlternateContent":
                # Inside a run the branches hold drawings (text boxes): again only the first.
                branch = child.find(_MC + "Choice")
                branch = branch if branch is not None else child.find(_MC + "Fallback")
                if branch is not None:
                    self._run_items(branch, encoding, style, out, extra)

    def _note(self, kind: str, note_id: str) -> str:
        self.note_count += 1
        n = self.note_count
        note = self.notes.get((kind, note_id))
        body = ""
        if note is not None:
            parts = [line for p in note.iter(W + "p") for line in self._paragraph(p, numbered=False)]
            # The normaliser reads a footnote body up to the first closing bracket.
            body = " ".join(" ".join(parts).split()).replace("[", "(").replace("]", ")")
        return f"[footnoteRef:{n}] [{n}: {body}]" if body else f"[footnoteRef:{n}]"

    def _table(self, tbl) -> list[str]:
        rows: list[list[str]] = []
        cell_lines: list[list[str]] = []
        merged: dict[int, str] = {}
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not None and _nearest_table(tr) is not tbl:
                continue  # a row of a nested table: read inside its cell
            cells: list[str] = []
            trpr = tr.find(W + "trPr")
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            column = int(before.get(W + "val", "0")) if before is not None else 0
            for tc in _cells(tr):
                cell_lines.append([line.strip() for block in tc for line in self._block(block) if line.strip()])
                tcpr = tc.find(W + "tcPr")
                span = tcpr.find(W + "gridSpan") if tcpr is not None else None
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                text = self._cell_text(tc)
                if vmerge is not None and vmerge.get(W + "val", "continue") != "restart":
                    text = merged.get(column, "")
                elif vmerge is not None:
                    merged[column] = text
                else:
                    merged.pop(column, None)
                cells.append(text)
                column += int(span.get(W + "val", "1")) if span is not None else 1
            rows.append(cells)
        if all(len(r) <= 1 for r in rows):
            return [r[0] for r in rows if r and r[0]]
        if len(rows) <= 3 and looks_like_head(" ".join(r) for r in rows):
            # The document's head laid out as a table: one unit a line, as it is printed.
            return [line for lines in cell_lines for line in lines] + [""]
        return [" | ".join(r) + " |" for r in rows if any(c.strip() for c in r)]

    def _cell_text(self, tc) -> str:
        lines = [line for block in tc for line in self._block(block)]
        text = " ".join(line.strip() for line in lines if line.strip())
        # A cell is one field of a row: its own tabs and bars would split it.
        return " ".join(text.replace("\t", " ").replace("|", "/").split())


def _nearest_table(el):
    parent = el.getparent()
    while parent is not None and _local(parent) != "tbl":
        parent = parent.getparent()
    return parent


def _cells(tr) -> list:
    cells = []
    for child in tr:
        tag = _local(child)
        if tag == "tc":
            cells.append(child)
        elif tag in ("sdt", "customXml"):
            cells.extend(c for c in child.iter(W + "tc") if _nearest_row(c) is tr)
    return cells


def _nearest_row(el):
    parent = el.getparent()
    while parent is not None and _local(parent) != "tr":
        parent = parent.getparent()
    return parent


def _join_segments(segments: list[tuple[str, str | None]]) -> str:
    """Join run texts, converting runs in a legacy font; neighbouring runs in the same legacy font
    are converted together, since a VNI letter and its mark byte can fall in different runs."""
    out: list[str] = []
    i = 0
    while i < len(segments):
        text, encoding = segments[i]
        j = i + 1
        while j < len(segments) and segments[j][1] == encoding:
            text += segments[j][0]
            j += 1
        if encoding:
            text = legacy.convert(text, encoding.rstrip("H"), capitals=encoding.endswith("H"))
        out.append(text)
        i = j
    return "".join(out)


def _xml(part, name: str):
    """The root element of a related part (styles, numbering, footnotes ...), or None."""
    for rel in part.rels.values():
        if rel.is_external or rel.reltype != _RT + name:
            continue
        target = rel.target_part
        element = getattr(target, "element", None)
        if element is not None:
            return element
        from lxml import etree

        try:
            return etree.fromstring(target.blob)
        except etree.XMLSyntaxError:
            return None
    return None


@register_reader(".docx", ".docm")
def read_docx(path: Path) -> str:
    """Read a .docx file into text (see the module docstring for the conventions).

    Raises
    ------
    ReadError
        python-docx missing, not a zip package (truncated, or another format renamed), a
        password-protected file, a zip bomb (:mod:`.zipguard`), a broken package, or a document
        with no text.
    """
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise ReadError(path, "reading .docx needs python-docx: pip install python-docx") from None
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(path, "not a .docx package: a legacy .doc renamed .docx, or a "
                              "password-protected document (save it unprotected as .docx)")
    if not zipfile.is_zipfile(path):
        raise ReadError(path, "not a valid .docx: the zip package is truncated or corrupt")
    check_zip(path, path)  # a zip bomb is refused from its stated sizes, before any XML is parsed
    try:
        document = docx.Document(str(path))
        text = DocxText(document).text()
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as exc:
        raise ReadError(path, f"corrupt .docx package ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml syntax errors, zlib errors from a damaged member
        if type(exc).__name__ in ("XMLSyntaxError", "error", "BadGzipFile"):
            raise ReadError(path, f"corrupt .docx package ({type(exc).__name__})") from None
        raise
    if not text.strip():
        raise ReadError(path, "the document has no text (only images? a scan needs OCR first)")
    return text
