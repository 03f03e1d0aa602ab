"""JSON and JSON Lines: strict, UTF-8, schema key order, a trailing newline."""

from __future__ import annotations

import json
from typing import Any

from ..sanitize import json_escapes, json_unsafe


def _dumps(value: Any, indent: int | None, ascii_only: bool) -> str:
    # json.dumps escapes C0 controls; the translation also escapes DEL, C1 controls, bidi and
    # invisible characters (the same set every text format shows as escapes), so that `cat`-ing
    # JSON output cannot act on a terminal. With ascii_only every other non-ASCII character is
    # a \u escape too (surrogate pairs outside the BMP): strict JSON for a stream that cannot
    # encode UTF-8.
    text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=False, indent=indent)
    return text.translate(json_escapes()) if json_unsafe().search(text) else text


def render(value: Any, ascii_only: bool = False) -> str:
    """Pretty JSON of a record, a list of records or any JSON-ready value."""
    return _dumps(value, 2, ascii_only) + "\n"


def render_lines(rows: list[Any], ascii_only: bool = False) -> str:
    """JSON Lines: one compact value per line."""
    return "".join(_dumps(row, None, ascii_only) + "\n" for row in rows)


def join_pretty(records: list[str]) -> str:
    """An array from records each rendered by :func:`render` (without its newline): the same bytes."""
    if not records:
        return "[]\n"
    return "[\n  " + ",\n  ".join(record.replace("\n", "\n  ") for record in records) + "\n]\n"


def join_lines(records: list[str]) -> str:
    """JSON Lines from records each rendered compact: the same bytes as :func:`render_lines`."""
    return "".join(record + "\n" for record in records)
