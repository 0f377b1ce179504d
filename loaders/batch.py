"""Extract many files into a folder of JSON records, one bad file never stopping the rest."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from policykg.loaders.agencies import Gazetteer
from policykg.loaders.read import ReadError, supported_suffixes
from policykg.loaders.record import extract_file, guide_record


@dataclass
class BatchResult:
    """What a batch did: files written, and one message per file that failed."""

    written: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def iter_documents(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders into the readable files below them (sorted); report paths that do not exist.

    Returns
    -------
    (files, problems)
        ``problems`` are one-line messages for paths that are neither file nor folder.
    """
    suffixes = set(supported_suffixes())
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def extract_to_dir(paths: list[Path], out_dir: Path, *, provenance: bool = False,
                   gazetteers: list[Path] | None = None) -> BatchResult:
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

    Returns
    -------
    BatchResult

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("KẾ HOẠCH\\nThực hiện Nghị quyết số 1/NQ-CP", encoding="utf-8")
    >>> r = extract_to_dir([d], d / "out")
    >>> [p.name for p in r.written], r.failed
    (['a.json'], [])
    """
    gazetteer = Gazetteer.default().extended(gazetteers or [])
    files, problems = iter_documents(paths)
    result = BatchResult(failed=problems)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        try:
            record = extract_file(path, gazetteer=gazetteer)
        except ReadError as exc:
            result.failed.append(str(exc))
            continue
        data = record if provenance else guide_record(record)
        target = out_dir / f"{path.stem}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        result.written.append(target)
    return result
