"""Files as untrusted input and as output that must never be left half-written.

- :func:`open_input` refuses, in one line each, what is not a regular file (a FIFO named ``.txt``
  would block a read forever), a symbolic-link loop, a file name that is not UTF-8 (it cannot be
  written into a UTF-8 record), and a file larger than the limit, then reads it in one go: the
  bytes a caller hashes are the bytes it extracts.
- :func:`atomic_write` writes a temporary file beside the target and renames it over the target,
  so a full disk or a killed process leaves the old file or none, never a truncated one.
- :func:`~policykg.vietnamese.messages.printable` (from the text room) shows any path or message
  on a terminal (undecodable bytes as ``\\xff``); it is used here and by importers of this module.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from policykg.loaders.read import ReadError
from policykg.vietnamese.messages import printable

_MB = 1024 * 1024
# Formats whose text is not their bytes (zip packages, PDF, Word 97) may be larger than the text
# limit by this factor before they are refused unread.
BINARY_FACTOR = 10
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))


def is_disk_full(exc: BaseException) -> bool:
    """True for "no space left" and "quota exceeded", whether or not the error carries an errno
    (RocksDB's do not).

    Examples
    --------
    >>> is_disk_full(OSError(errno.ENOSPC, "No space left on device")), is_disk_full(OSError("IO error"))
    (True, False)
    """
    return isinstance(exc, OSError) and (exc.errno in (errno.ENOSPC, errno.EDQUOT)
                                         or "No space left on device" in str(exc)
                                         or "Disk quota exceeded" in str(exc))


def check_name(path: Path) -> None:
    """Refuse a file name that is not valid UTF-8.

    Raises
    ------
    ReadError
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise ReadError(printable(path), "the file name is not valid UTF-8; rename it") from None


def _refuse(path: Path, reason: str) -> ReadError:
    return ReadError(printable(path), reason)


def check_regular(path: Path) -> os.stat_result:
    """The file's status, refusing anything but an existing regular file (after symbolic links).

    Raises
    ------
    ReadError
        No such file, a broken link, a symbolic-link loop, a FIFO, socket, device or directory.
    """
    check_name(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refuse(path, "a symbolic-link loop, not a file") from None
        if exc.errno == errno.ENOENT:
            broken = os.path.islink(path)
            raise _refuse(path, "a broken symbolic link" if broken else "no such file") from None
        if exc.errno == errno.EACCES:
            raise _refuse(path, "permission denied") from None
        raise _refuse(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise _refuse(path, f"{kind}, not a regular file")
    return info


def read_input(path: Path, limit: int | None = None, *, what: str = "") -> bytes:
    """Read a regular file whole, refusing it unread when it is larger than ``limit`` bytes.

    The file is opened without blocking (a FIFO put in its place after :func:`check_regular`
    cannot hang the read) and checked again through the open handle.

    Parameters
    ----------
    path : Path
    limit : int, optional
        Largest size in bytes; None for no limit.
    what : str
        How to name the limit in the message (e.g. ``"the 20 MB limit for one document"``).

    Returns
    -------
    bytes

    Raises
    ------
    ReadError
        See :func:`check_regular`; larger than the limit; or an error while reading.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"12345")
    >>> read_input(p)
    b'12345'
    >>> read_input(p, 4, what="the test limit")
    Traceback (most recent call last):
    ...
    policykg.loaders.read.ReadError: ...a.txt: 5 bytes, larger than the test limit
    """
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _refuse(path, "permission denied" if exc.errno == errno.EACCES else exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "not a regular file")
        if limit is not None and info.st_size > limit:
            raise _refuse(path, f"{size_text(info.st_size)}, larger than {what or f'{limit} bytes'}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1 if limit is not None else -1)
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:  # it grew while being read
        raise _refuse(path, f"more than {size_text(limit)}, larger than {what or f'{limit} bytes'}")
    return data


def size_text(size: int) -> str:
    """A size for a message: megabytes to one decimal, bytes below 1 KB.

    Examples
    --------
    >>> size_text(50 * _MB), size_text(16_000), size_text(5)
    ('50.0 MB', '0.015 MB', '5 bytes')
    """
    if size < 1024:
        return f"{size} bytes"
    return f"{size / _MB:.1f} MB" if size >= _MB else f"{size / _MB:.2g} MB"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never part of one, even when the process is killed;
    when the write fails (a full disk) the temporary file is removed and the error raised. (No
    fsync: this guards against a killed process and a full disk, not a power cut, and costs
    nothing per file.)

    Raises
    ------
    OSError

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "out.json"
    >>> atomic_write(p, b"{}")
    >>> p.read_bytes(), sorted(x.name for x in p.parent.iterdir())
    (b'{}', ['out.json'])
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            temp.unlink()
        except OSError:
            pass
        raise
