"""Reader for legacy Word .doc (and .rtf, .odt) files, through a converter installed on the machine.

LibreOffice (``soffice --headless``) is preferred: it converts the file to .docx, which
:mod:`.word` then reads with numbering, tables and footnotes intact. antiword is the fallback for
.doc: it gives the text and tables but not Word's automatic numbers. Without either, the file is
refused with a message saying what to install -- Python has no reliable .doc parser of its own.

Files named .doc that are something else are common: a .docx, an RTF or a "Word HTML" page saved
with a .doc name. They are recognised by their first bytes and read by the right reader.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from policykg.loaders.read import ReadError, register_reader

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TIMEOUT_SECONDS = 180
INSTALL_HINT = ("install LibreOffice (apt-get install libreoffice-writer-nogui) "
                "or antiword (apt-get install antiword)")
_profile: str | None = None


def find_converter(name: str) -> str | None:
    """Path of ``soffice`` / ``antiword`` if installed (tests replace this to simulate a bare
    machine)."""
    if name == "soffice":
        return shutil.which("soffice") or shutil.which("libreoffice")
    return shutil.which(name)


def _libreoffice_profile() -> str:
    """One private LibreOffice profile per process: a shared one would lock between runs, and a
    new one per file costs seconds to create."""
    global _profile
    if _profile is None:
        _profile = tempfile.mkdtemp(prefix="policykg-lo-")
        atexit.register(shutil.rmtree, _profile, True)
    return _profile


def convert_with_libreoffice(path: Path, soffice: str, target: str = "docx") -> Path | None:
    """Convert ``path`` with LibreOffice into a temporary folder; the new file, or None."""
    out_dir = Path(tempfile.mkdtemp(prefix="policykg-doc-"))
    atexit.register(shutil.rmtree, str(out_dir), True)
    command = [soffice, "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation=file://{_libreoffice_profile()}",
               "--convert-to", target, "--outdir", str(out_dir), str(path)]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                       env={**os.environ, "HOME": _libreoffice_profile()})
    except subprocess.TimeoutExpired:
        return None
    produced = out_dir / f"{path.stem}.{target}"
    return produced if produced.exists() and produced.stat().st_size > 0 else None


def antiword_text(path: Path, antiword: str) -> str:
    """Text of a .doc by antiword, rewritten to the seed conventions: table rows as
    ``cell | cell |``, footnote marks ``[1]`` as ``[footnoteRef:1]``, the notes as ``[1: text]``."""
    done = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True,
                          timeout=TIMEOUT_SECONDS, check=False)
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(path, f"antiword could not read it: {reason[0] if reason else 'failed'}")
    lines = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            lines.append(" | ".join(cells) + " |")
        elif re.fullmatch(r"-{5,}", stripped):
            continue  # the rule antiword draws above the footnotes
        elif note := re.match(r"^\[(\d+)\]\s+(\S.*)$", stripped):
            number, body = note.groups()
            lines.append(f"[{number}: {body.replace('[', '(').replace(']', ')')}]")
        else:
            lines.append(re.sub(r"(?<=\S)\[(\d+)\]", r"[footnoteRef:\1]", line.rstrip()))
    return "\n".join(lines)


# Characters a Vietnamese document is made of: Latin letters with their Vietnamese marks, digits,
# punctuation, spaces. A converter fed a damaged file tends to "succeed" with CJK-looking noise.
_TEXTLIKE = re.compile("[\\s!-~\u00a0-\u024f\u0300-\u036f\u1ea0-\u1ef9\u2000-\u206f\u2190-\u25ff]")


def _readable(path: Path, text: str) -> str:
    sample = text[:20000]
    if sample and len(_TEXTLIKE.findall(sample)) < 0.8 * len(sample):
        raise ReadError(path, "the converter's output is not readable text (a corrupt file?)")
    return text


@register_reader(".doc", ".rtf", ".odt")
def read_doc(path: Path) -> str:
    """Read a legacy Word .doc (or .rtf / .odt) through LibreOffice, else antiword.

    Raises
    ------
    ReadError
        No converter installed (says what to install), the converter failed (corrupt or
        password-protected file), or the file is not a Word document.
    """
    from policykg.loaders.readers.web import read_html
    from policykg.loaders.readers.word import read_docx

    with path.open("rb") as handle:
        head = handle.read(2048)
    if not head.strip():
        raise ReadError(path, "empty file")
    if head.startswith(b"PK\x03\x04") and path.suffix.lower() == ".doc":
        return read_docx(path)  # a .docx with an old name
    if path.suffix.lower() == ".doc" and re.search(rb"<html|<!doctype html|MIME-Version", head, re.I):
        return read_html(path)  # "Word HTML" or a web page saved as .doc
    is_word = head.startswith(_OLE) or head.startswith(b"{\\rtf") or head.startswith(b"PK\x03\x04")
    if not is_word:
        raise ReadError(path, f"not a Word document (a {path.suffix} file starts with OLE, RTF or "
                              "zip bytes)")
    soffice, antiword = find_converter("soffice"), find_converter("antiword")
    if soffice:
        converted = convert_with_libreoffice(path, soffice)
        if converted is not None:
            try:
                return _readable(path, read_docx(converted))
            except ReadError as exc:
                raise ReadError(path, exc.reason) from None
    if antiword and head.startswith(_OLE):
        text = antiword_text(path, antiword)
        if text.strip():
            return _readable(path, text)
        raise ReadError(path, "the document has no text")
    if soffice or antiword:
        raise ReadError(path, "the converter could not read it (corrupt, truncated or "
                              "password-protected?)")
    raise ReadError(path, f"reading {path.suffix} needs a converter: {INSTALL_HINT}")
