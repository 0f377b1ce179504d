"""Query results as files: a DataFrame as CSV, JSON or Excel bytes.

The last step of the queries room, with no terminal in it, so every layer above (the CLI, the
web app) writes the same files: :func:`to_bytes` is the one way a table becomes a download. Every cell is kept
whole (full task text, printed labels); only the terminal table (:mod:`policykg.output`)
shortens.

- ``csv``: UTF-8 with a byte-order mark, so Excel opens Vietnamese text correctly.
- ``json``: a list of records, non-ASCII kept as it is, missing values as ``null``.
- ``xlsx``: one sheet, bold frozen header, filters, sized columns; text starting with ``=``
  stays text (never a formula).
"""
from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

# The formats every command accepts (--format); "table" is for the terminal only.
FORMATS = ("table", "csv", "json", "xlsx")
FILE_FORMATS = ("csv", "json", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def plain(value: Any) -> Any:
    """A cell as a plain JSON value: missing as None, numpy numbers as Python ones, whole floats as int.

    Examples
    --------
    >>> plain(float("nan")), plain(3.0), plain("Lâm Đồng")
    (None, 3, 'Lâm Đồng')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain JSON values (see :func:`plain`).

    Examples
    --------
    >>> records(pd.DataFrame({"n": [1.0, None]}))
    [{'n': 1}, {'n': None}]
    """
    return [{str(k): plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly).

    Examples
    --------
    >>> to_csv_bytes(pd.DataFrame({"place": ["Lâm Đồng"]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    frame = pd.DataFrame(records(df), columns=[str(c) for c in df.columns])
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def to_json_text(df: pd.DataFrame) -> str:
    """A JSON list of records, Vietnamese kept as it is.

    Examples
    --------
    >>> to_json_text(pd.DataFrame({"place": ["Lâm Đồng"], "n": [1.0]}))
    '[\\n  {\\n    "place": "Lâm Đồng",\\n    "n": 1\\n  }\\n]'
    """
    return json.dumps(records(df), ensure_ascii=False, indent=2, default=str)


def _cell_length(value: Any) -> int:
    value = plain(value)
    return 0 if value is None else len(str(value))


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "policykg") -> bytes:
    """An Excel workbook with one sheet: bold frozen header, filters, sized and wrapped columns.

    Examples
    --------
    >>> to_xlsx_bytes(pd.DataFrame({"a": ["=1+1"]}))[:2]
    b'PK'
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has its sheet
    ws.title = "".join(c for c in sheet if c not in "[]:*?/\\")[:31] or "policykg"
    cols = [str(c) for c in df.columns]
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in records(df):
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in (row[c] for c in cols)])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for i, c in enumerate(cols, start=1):
        longest = max([len(c)] + [_cell_length(v) for v in df[df.columns[i - 1]]])
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(longest + 2, 6), 60)
        if longest > 60:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if cols:
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_bytes(df: pd.DataFrame, fmt: str, sheet: str = "policykg") -> bytes:
    """``df`` as the bytes of a file in ``fmt`` (one of :data:`FILE_FORMATS`).

    Parameters
    ----------
    df : pandas.DataFrame
    fmt : str
        ``csv``, ``json`` or ``xlsx``.
    sheet : str
        The xlsx sheet's name.

    Returns
    -------
    bytes

    Raises
    ------
    ValueError
        An unknown format.

    Examples
    --------
    >>> to_bytes(pd.DataFrame({"n": [1]}), "json")
    b'[\\n  {\\n    "n": 1\\n  }\\n]\\n'
    """
    if fmt == "csv":
        return to_csv_bytes(df)
    if fmt == "json":
        return (to_json_text(df) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx_bytes(df, sheet)
    raise ValueError(f"unknown file format {fmt!r} (known: {', '.join(FILE_FORMATS)})")


__all__ = ["FILE_FORMATS", "FORMATS", "MEDIA_TYPES", "plain", "records", "to_bytes", "to_csv_bytes",
           "to_json_text", "to_xlsx_bytes"]
