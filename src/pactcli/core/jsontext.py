"""JSON text: the one way a record, or any value pactcli prints as JSON, becomes text."""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

from .sanitize import json_escapes, json_unsafe


def dumps(value: Any, indent: int | None = None, ascii_only: bool = False) -> str:
    """Strict JSON text (no NaN), UTF-8 unless ``ascii_only``, without a final newline; with
    ``indent`` exactly what ``json.dumps(value, indent=indent)`` writes.

    ``json.dumps`` escapes C0 controls; the translation also escapes DEL, C1 controls, bidi and
    invisible characters (the set every text format shows as escapes), so that printing JSON
    cannot act on a terminal. With ``ascii_only`` every other non-ASCII character is a ``\\u``
    escape too: strict JSON for a stream that cannot encode UTF-8.
    """
    if indent:
        encode = encode_basestring_ascii if ascii_only else encode_basestring
        text = _indented(value, encode, " " * indent, "\n")
    else:
        text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=False)
    return text.translate(json_escapes()) if json_unsafe().search(text) else text


def _indented(value: Any, encode: Callable[[str], str], step: str, margin: str) -> str:
    """``json.dumps(value, indent=len(step))``, with each string encoded by the C encoder: the
    standard library indents in pure Python, about five times slower."""
    if isinstance(value, str):
        return encode(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = margin + step
        items = (f"{encode(key)}: {_indented(item, encode, step, inner)}" for key, item in value.items())
        return "{" + inner + ("," + inner).join(items) + margin + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = margin + step
        return "[" + inner + ("," + inner).join(_indented(item, encode, step, inner) for item in value) + margin + "]"
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    return json.dumps(value, allow_nan=False)  # numbers
