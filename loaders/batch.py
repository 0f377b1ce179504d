"""Extract many files into a folder of JSON records, one bad file never stopping the rest.

Each file either gives ``OUT/NAME.json`` or one failure line ``PATH: reason``: unreadable, empty,
binary, truncated, too large, a zip bomb, not a regular file (a FIFO), a link loop, a name that is
not UTF-8, or -- should a stage have a bug -- the exception named in one line. Records are written
atomically (never a truncated ``.json``); a full disk stops the batch with one line. The same size
limits apply to every command that reads documents (:func:`load_text`, :func:`load_snapshot`).
"""
from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from policykg.loaders.dates import collecting_dates, drop_impossible_dates
from policykg.loaders.files import BINARY_FACTOR, atomic_write, check_regular, is_disk_full, printable, read_input
from policykg.loaders.read import ReadError, decode_text, read_document, supported_suffixes
from policykg.loaders.readers.zipguard import check_zip, xml_limit
from policykg.vietnamese.messages import one_line

# A plan is tens of kilobytes of text; 20 MB is hundreds of plans run together. Measured on this
# machine, extraction takes about 0.7 s and 9 MB of memory per MB of text (a 50 MB file: 35 s,
# 450 MB), so the cap keeps one stray file from holding up a batch, and can be raised.
DEFAULT_MAX_MB = 20.0
# Formats whose file size is their text size, so the cap is checked before anything is read.
_TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml", ".json"}
_ZIP_SUFFIXES = {".docx", ".docm", ".odt"}
_MB = 1024 * 1024

if TYPE_CHECKING:  # the extraction stack loads when a document is extracted, not to list or read files
    from policykg.loaders.agencies import Gazetteer


@dataclass
class BatchResult:
    """What a batch did: files written, one message per file that failed, and remarks."""

    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    not_attempted: int = 0

    @property
    def total(self) -> int:
        """Files in the batch (written, failed, and left when the disk filled up)."""
        return len(self.written) + len(self.failed) + self.not_attempted


def _skipped(path: Path) -> bool:
    """Word's lock files (``~$plan.docx``) and hidden files: never documents, often unreadable."""
    return path.name.startswith(("~$", "."))


def iter_documents(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into the readable files below them (sorted); report paths that do not exist.

    Returns
    -------
    (files, problems)
        ``problems`` are one-line messages for paths that are neither file nor folder. A file named
        twice is listed once. Inside a folder, a name with a document suffix that is not a regular
        file (a FIFO, a broken link, a link loop) is listed too, so that it is reported, not lost.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.docx", "~$a.docx", "notes.xyz"):
    ...     _ = (d / name).write_text("x")
    >>> files, problems = iter_documents([d, d / "b.txt", d / "missing.txt"])
    >>> [f.name for f in files], [p.split(": ")[-1] for p in problems]
    (['a.docx', 'b.txt'], ['no such file or folder'])
    """
    suffixes = set(supported_suffixes())
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if not _skipped(p) and p.suffix.lower() in suffixes
                                and (p.is_file() or not p.is_dir())))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(f"{printable(path)}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in files:
        try:
            key = path.resolve()
        except (RuntimeError, OSError):  # a link loop: read_document says so in one line
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, problems


RECORD_SUFFIX = ".json"


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Files to build: the files named, and below each folder every document the loaders read
    plus every ``.json`` extraction record, sorted.

    Names with those suffixes that are not regular files (a FIFO, a broken link, a link loop) are
    listed too, so reading them reports them in one line each rather than losing them.

    Returns
    -------
    (files, problems)
        ``problems``: one line per path that is neither a file nor a folder.

    Examples
    --------
    >>> expand_paths([Path("/no/such/folder")])
    ([], ['/no/such/folder: no such file or folder'])
    """
    suffixes = tuple(sorted(set(supported_suffixes()) | {RECORD_SUFFIX}))
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(_below(path, suffixes))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(f"{printable(path)}: no such file or folder")
    return files, problems


def _below(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The names below ``folder`` with one of ``suffixes`` that are not folders, sorted as paths.

    One ``scandir`` per folder, whose entries know their type without a ``stat`` each, visited in
    name order (so the list comes out sorted as paths without sorting it): listing 10,000
    documents costs a few tens of milliseconds, most of a build that finds nothing changed.
    Symbolic links to folders are not followed (as ``Path.rglob``), so a link loop cannot hold it.
    """
    found: list[Path] = []
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:  # a folder that cannot be listed holds nothing to build
        return found
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_below(folder / entry.name, suffixes))
                continue
            # os.path.splitext's suffix, for a tenth of its cost: leading dots (".txt") are no suffix
            if not entry.name.lower().endswith(suffixes) or "." not in entry.name.lstrip("."):
                continue
            if entry.is_symlink() and os.path.isdir(entry.path):
                continue  # a link to a folder is no document
        except OSError:
            pass  # listed, so that reading it reports it
        found.append(folder / entry.name)
    return found


def _limit(max_mb: float) -> str:
    return f"the {max_mb:g} MB limit for one document; split it (or raise --max-mb)"


def check_input(path: Path, max_mb: float = DEFAULT_MAX_MB) -> None:
    """What can be refused before a document is read: not a regular file, a name that is not
    UTF-8, a text file larger than the limit, a zip package that would expand too far.

    Raises
    ------
    ReadError
    """
    info = check_regular(path)
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES and info.st_size > max_mb * _MB:
        raise ReadError(path, f"{_mb(info.st_size)} MB, larger than {_limit(max_mb)}")
    if suffix not in _TEXT_SUFFIXES and info.st_size > max_mb * _MB * BINARY_FACTOR:
        raise ReadError(path, f"{_mb(info.st_size)} MB, larger than {BINARY_FACTOR} times {_limit(max_mb)}")
    if suffix in _ZIP_SUFFIXES and zipfile.is_zipfile(path):  # a broken one: its reader says how
        check_zip(path, path, xml_limit(max_mb))


def load_text(path: Path, max_mb: float = DEFAULT_MAX_MB) -> str:
    """Read a document, refusing one whose text is larger than ``max_mb`` megabytes.

    Raises
    ------
    ReadError
        From the reader, from :func:`check_input` (before reading it into memory), or ``its text
        is N MB`` for the other formats.
    """
    check_input(path, max_mb)
    text = read_document(path)
    if len(text) > max_mb * _MB:
        raise ReadError(path, f"its text is {_mb(len(text))} MB, larger than {_limit(max_mb)}")
    return text


def read_checked(path: Path, max_mb: float = DEFAULT_MAX_MB) -> bytes:
    """A document's bytes, read once, with the checks of :func:`check_input`."""
    check_input(path, max_mb)
    factor = 1 if path.suffix.lower() in _TEXT_SUFFIXES else BINARY_FACTOR
    return read_input(path, int(max_mb * _MB * factor), what=_limit(max_mb))


def text_of_snapshot(path: Path, data: bytes, max_mb: float = DEFAULT_MAX_MB) -> str:
    """The text of the bytes :func:`read_checked` gave, refused above the limit."""
    text = text_of_bytes(path, data)
    if len(text) > max_mb * _MB:
        raise ReadError(path, f"its text is {_mb(len(text))} MB, larger than {_limit(max_mb)}")
    return text


def load_snapshot(path: Path, max_mb: float = DEFAULT_MAX_MB) -> tuple[bytes, str]:
    """Read a document's bytes once and its text from those very bytes, with the limits of
    :func:`load_text`: what is hashed is what is extracted, even if the file changes meanwhile.

    Plain text is decoded from the bytes; other formats are read from a private copy of them.

    Returns
    -------
    (bytes, str)

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Kế hoạch", encoding="utf-8")
    >>> load_snapshot(p)
    (b'K\\xe1\\xba\\xbf ho\\xe1\\xba\\xa1ch', 'Kế hoạch')
    """
    data = read_checked(path, max_mb)
    return data, text_of_snapshot(path, data, max_mb)


def text_of_bytes(path: Path, data: bytes) -> str:
    """The text of a document given as the bytes of ``path`` (see :func:`load_snapshot`)."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ".text", ".markdown"):
        return decode_text(data, path)
    if suffix in (".html", ".htm", ".xhtml"):
        from policykg.loaders.readers.web import html_text

        return html_text(data, path)
    with tempfile.TemporaryDirectory(prefix="policykg-") as folder:
        copy = Path(folder) / path.name
        copy.write_bytes(data)
        try:
            return read_document(copy)
        except ReadError as exc:
            raise ReadError(path, exc.reason) from None


def extract_record(text: str, source: str, gazetteer: Gazetteer | None = None) -> tuple[dict, list[str]]:
    """Extract a record from text, with the warnings of its impossible dates (dropped).

    Returns
    -------
    (record, warnings)
    """
    from policykg.loaders.record import extract_text

    record, warnings = collecting_dates(extract_text, text, source, gazetteer)
    return record, warnings + drop_impossible_dates(record)


def _mb(size: int) -> str:
    """Megabytes to one decimal, or two significant digits below 1 MB (0.016 is not 0.0)."""
    return f"{size / _MB:.1f}" if size >= _MB else f"{size / _MB:.2g}"


def _target(out_dir: Path, path: Path, used: dict[str, Path], notes: list[str]) -> Path:
    """``NAME.json``; when two inputs share a name (``a.txt`` and ``a.docx``, or two folders),
    the later one keeps its suffix (``a.docx.json``) rather than overwrite the first."""
    name = f"{path.stem}.json"
    if name in used:
        first = used[name]
        name = f"{path.name}.json"
        n = 2
        while name in used:
            name = f"{path.name}.{n}.json"
            n += 1
        notes.append(f"{path}: written as {name} ({path.stem}.json is {first})")
    used[name] = path
    return out_dir / name


def extract_to_dir(paths: list[Path], out_dir: Path, *, provenance: bool = False,
                   gazetteers: list[Path] | None = None, max_mb: float = DEFAULT_MAX_MB,
                   on_failure: Callable[[str], None] | None = None,
                   on_file: Callable[[int, int, Path], None] | None = None) -> BatchResult:
    """Extract every document under ``paths`` into ``out_dir/NAME.json``.

    Parameters
    ----------
    paths : list of Path
        Files or folders.
    out_dir : Path
        Created if missing.
    provenance : bool
        Keep ``line`` / ``source_text`` in the records.
    gazetteers : list of Path
        Extra agency name files merged over the built-in gazetteer.
    max_mb : float
        Largest document text accepted, in megabytes (see :func:`load_text`).
    on_failure : callable, optional
        Called with each failure line as it happens (a long batch reports as it goes).
    on_file : callable, optional
        Called as ``on_file(n, total, path)`` before the n-th (0-based) of ``total`` files is read
        (for a progress bar).

    Returns
    -------
    BatchResult

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("KẾ HOẠCH\\nThực hiện Nghị quyết số 1/NQ-CP", encoding="utf-8")
    >>> _ = (d / "b.txt").write_bytes(b"")
    >>> r = extract_to_dir([d], d / "out")
    >>> [p.name for p in r.written], [f.split(": ")[-1] for f in r.failed]
    (['a.json'], ['empty file'])
    """
    from policykg.loaders.agencies import Gazetteer
    from policykg.loaders.record import guide_record

    gazetteer = Gazetteer.default().extended(gazetteers or [])
    files, problems = iter_documents(paths)
    result = BatchResult()
    report = on_failure or (lambda message: None)

    def fail(message: str) -> None:
        result.failed.append(one_line(message))
        report(result.failed[-1])

    for problem in problems:
        fail(problem)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        result.not_attempted = len(files)
        fail(f"{out_dir}: cannot create the output folder: {exc.strerror or exc}")
        return result
    used: dict[str, Path] = {}
    for n, path in enumerate(files):
        if on_file is not None:
            on_file(n, len(files), path)
        try:
            record, dates = extract_record(load_text(path, max_mb), path.name, gazetteer)
        except ReadError as exc:
            fail(str(exc))
            continue
        except MemoryError:
            fail(f"{path}: out of memory while extracting it; split it")
            continue
        except Exception as exc:  # a stage's bug must cost one file, not the batch
            fail(f"{path}: could not be extracted ({type(exc).__name__}: {exc}); please report it")
            continue
        result.warnings += [one_line(w, where=path) for w in dates]
        data = record if provenance else guide_record(record)
        target = _target(out_dir, path, used, result.notes)
        try:
            atomic_write(target, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        except UnicodeEncodeError:
            fail(f"{path}: its text holds characters UTF-8 cannot write (unpaired surrogates)")
            continue
        except OSError as exc:
            if is_disk_full(exc):  # every later file would fail the same way: one line, and stop
                result.not_attempted = len(files) - n - 1
                fail(f"{path}: cannot write {target}: no space left on device; stopped, "
                     f"{result.not_attempted} more document(s) not extracted")
                break
            fail(f"{path}: cannot write {target}: {exc.strerror or exc}")
            continue
        result.written.append(target)
    return result
