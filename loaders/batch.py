"""Extract many files into a folder of JSON records, one bad file never stopping the rest.

Each file either gives ``OUT/NAME.json`` or one failure line ``PATH: reason``: unreadable, empty,
binary, truncated, too large, or -- should a stage have a bug -- the exception named in one line.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.read import ReadError, read_document, supported_suffixes
from policykg.loaders.record import extract_text, guide_record

# A plan is tens of kilobytes of text; 20 MB is hundreds of plans run together. Measured on this
# machine, extraction takes about 0.7 s and 9 MB of memory per MB of text (a 50 MB file: 35 s,
# 450 MB), so the cap keeps one stray file from holding up a batch, and can be raised.
DEFAULT_MAX_MB = 20.0
# Formats whose file size is their text size, so the cap is checked before anything is read.
_TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml"}
_MB = 1024 * 1024


@dataclass
class BatchResult:
    """What a batch did: files written, one message per file that failed, and remarks."""

    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Files attempted (written plus failed)."""
        return len(self.written) + len(self.failed)


def _skipped(path: Path) -> bool:
    """Word's lock files (``~$plan.docx``) and hidden files: never documents, often unreadable."""
    return path.name.startswith(("~$", "."))


def iter_documents(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into the readable files below them (sorted); report paths that do not exist.

    Returns
    -------
    (files, problems)
        ``problems`` are one-line messages for paths that are neither file nor folder. A file named
        twice is listed once.

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
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p)
                                and p.suffix.lower() in suffixes))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, problems


def load_text(path: Path, max_mb: float = DEFAULT_MAX_MB) -> str:
    """Read a document, refusing one whose text is larger than ``max_mb`` megabytes.

    Raises
    ------
    ReadError
        From the reader, or ``larger than N MB`` -- checked on the file size for text formats
        (before reading it into memory) and on the text for the others.
    """
    limit = f"larger than the {max_mb:g} MB limit for one document; split it (or raise --max-mb)"
    if path.suffix.lower() in _TEXT_SUFFIXES:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # let the reader say what is wrong
        if size > max_mb * _MB:
            raise ReadError(path, f"{_mb(size)} MB, {limit}")
    text = read_document(path)
    if len(text) > max_mb * _MB:
        raise ReadError(path, f"its text is {_mb(len(text))} MB, {limit}")
    return text


def _mb(size: int) -> str:
    """Megabytes to one decimal, or two significant digits below 1 MB (0.016 is not 0.0)."""
    return f"{size / _MB:.1f}" if size >= _MB else f"{size / _MB:.2g}"


def _one_line(message: str) -> str:
    return " ".join(message.split())


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
                   on_failure: Callable[[str], None] | None = None) -> BatchResult:
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
    gazetteer = Gazetteer.default().extended(gazetteers or [])
    files, problems = iter_documents(paths)
    result = BatchResult()
    report = on_failure or (lambda message: None)

    def fail(message: str) -> None:
        result.failed.append(_one_line(message))
        report(result.failed[-1])

    for problem in problems:
        fail(problem)
    out_dir.mkdir(parents=True, exist_ok=True)
    used: dict[str, Path] = {}
    for path in files:
        try:
            record = extract_text(load_text(path, max_mb), path.name, gazetteer)
        except ReadError as exc:
            fail(str(exc))
            continue
        except MemoryError:
            fail(f"{path}: out of memory while extracting it; split it")
            continue
        except Exception as exc:  # a stage's bug must cost one file, not the batch
            fail(f"{path}: could not be extracted ({type(exc).__name__}: {exc}); please report it")
            continue
        data = record if provenance else guide_record(record)
        target = _target(out_dir, path, used, result.notes)
        try:
            target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"{path}: cannot write {target}: {exc.strerror or exc}")
            continue
        result.written.append(target)
    return result
