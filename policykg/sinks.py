"""Where command output goes: a file written whole or not at all, or standard output, with
the failures of either (a full disk, a closed pipe) ending the command in one line.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import BinaryIO, cast

import click

from policykg.errors import UserError
from policykg.loaders.files import atomic_write


def write(data: bytes | str, fmt: str, out: Path | None) -> None:
    """Send rendered output to ``out`` or stdout; xlsx on a terminal is refused."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is not None:
        write_file(out, payload)
        click.echo(f"wrote {out}", err=True)
        return
    if fmt == "xlsx" and sys.stdout.isatty():
        raise UserError("xlsx is binary: give --out FILE.xlsx or redirect stdout to a file")
    to_stdout(payload, text=fmt == "table")


def write_file(out: Path, payload: bytes) -> None:
    """Write ``out`` whole or not at all (a temporary file renamed over it); a full disk or a
    folder that cannot be made is one line (:class:`policykg.errors.UserError`)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, payload)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc


def to_stdout(payload: bytes, *, text: bool = False) -> None:
    """Send ``payload`` to standard output. A reader that went away (``| head``) ends the command
    quietly; a full disk behind a redirection is one line (:class:`policykg.errors.UserError`)."""
    try:
        if text:
            click.echo(payload.decode("utf-8"), nl=False)
            sys.stdout.flush()
        else:
            stream = binary_stdout()
            stream.write(payload)
            stream.flush()
    except BrokenPipeError:
        try:  # nothing more can be written; keep Python's own flush at exit from complaining
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass
        raise SystemExit(1) from None
    except OSError as exc:
        raise UserError(f"cannot write the output: {exc.strerror or exc}") from exc


def binary_stdout() -> BinaryIO:
    """Standard output as bytes (``click.get_binary_stream`` is deprecated from click 8.2).

    Examples
    --------
    >>> hasattr(binary_stdout(), "write")
    True
    """
    sys.stdout.flush()
    # A replaced stdout (a test's capture, an IDE's console) may have no byte buffer: write to it as is.
    return sys.stdout.buffer if hasattr(sys.stdout, "buffer") else cast(BinaryIO, sys.stdout)
