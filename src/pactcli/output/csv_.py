"""CSV with a header row; lists as JSON arrays (lossless); cells a spreadsheet would run are defused."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..core.fields import BY_NAME
from ..core.sanitize import visible
from .text import csv_cell

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Prefix a quote to text a spreadsheet would treat as a formula (OWASP's advice)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(name: str, value: Any) -> str:
    if isinstance(value, list | dict):
        return csv_cell(name, value)  # JSON text, already escaped; never starts like a formula
    text = csv_cell(name, value) if name in BY_NAME else ("" if value is None else str(value))
    return safe_cell(visible(text))


def render(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> Iterator[str]:
    """A header row, then one row per record, written as they come."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(name, row[name]) for name in fields])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
