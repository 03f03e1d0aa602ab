"""JSON and JSON Lines: strict, UTF-8, schema key order, a trailing newline."""

from __future__ import annotations

import json
from typing import Any

# json.dumps already escapes C0 controls; also escape DEL, C1 controls, bidi and invisible
# characters, so that `cat`-ing JSON output cannot act on a terminal.
_EXTRA_UNSAFE = {
    code: f"\\u{code:04x}"
    for code in [
        *range(0x7F, 0xA0),
        0x061C,
        *range(0x200B, 0x2010),
        *range(0x2028, 0x202F),
        *range(0x2060, 0x206A),
        0xFEFF,
    ]
}


def _dumps(value: Any, indent: int | None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent).translate(_EXTRA_UNSAFE)


def render(value: Any) -> str:
    """Pretty JSON of a record, a list of records or any JSON-ready value."""
    return _dumps(value, 2) + "\n"


def render_lines(rows: list[Any]) -> str:
    """JSON Lines: one compact value per line."""
    return "".join(_dumps(row, None) + "\n" for row in rows)
