"""CSV with a header row; cells that a spreadsheet would run as a formula are defused."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..sanitize import visible
from . import cell_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """Prefix a quote to text a spreadsheet would treat as a formula (OWASP's advice)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([safe_cell(visible(cell_text(name, row[name]))) for name in fields])
    return buffer.getvalue()
