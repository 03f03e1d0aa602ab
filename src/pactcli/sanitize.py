"""Make text from a data file safe to print: one place, used by every text renderer.

Control characters, escape sequences, bidirectional overrides and invisible
characters are replaced by a visible escape such as ``\\x1b`` or ``\\u202e``,
so a data file can never move the cursor, change colours, write the
clipboard, open hyperlinks or reorder what the user reads.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

# Bidi embeddings/overrides/isolates and marks, zero-width and invisible formatting characters.
_INVISIBLE = "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")
_UNSAFE_WITH_LAYOUT = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_layout: bool = True) -> str:
    """``text`` with every unsafe character shown as an escape.

    With ``keep_layout`` newlines and tabs pass through; without it they are
    escaped too, for one-line cells.
    """
    pattern = _UNSAFE if keep_layout else _UNSAFE_WITH_LAYOUT
    return pattern.sub(_escape, text)


def one_line(text: str) -> str:
    """Text for a single-line cell: whitespace runs (newlines, tabs) become one space."""
    return visible(" ".join(text.split()), keep_layout=False)


def is_safe(text: str) -> bool:
    """True when ``text`` has no character that :func:`visible` would escape."""
    return _UNSAFE.search(text) is None and not any(
        unicodedata.category(char) == "Cs" for char in text
    )


class SanitizingWriter:
    """A text stream wrapper that shows unsafe characters visibly (for stderr)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
