"""JSON and JSON Lines: strict, UTF-8, schema key order, a trailing newline."""

from __future__ import annotations

import json
import re
from typing import Any

# json.dumps already escapes C0 controls; also escape DEL, C1 controls, bidi and invisible
# characters, so that `cat`-ing JSON output cannot act on a terminal.
_EXTRA_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _dumps(value: Any, indent: int | None) -> str:
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    return _EXTRA_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(value: Any) -> str:
    """Pretty JSON of a record, a list of records or any JSON-ready value."""
    return _dumps(value, 2) + "\n"


def render_lines(rows: list[Any]) -> str:
    """JSON Lines: one compact value per line."""
    return "".join(_dumps(row, None) + "\n" for row in rows)
