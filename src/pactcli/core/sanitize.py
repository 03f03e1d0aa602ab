"""Make text from a data file safe to print: one place, used by every text renderer.

Control characters, escape sequences, bidirectional overrides and invisible
characters are replaced by a visible escape such as ``\\x1b`` or ``\\u202e``,
so a data file can never move the cursor, change colours, write the
clipboard, open hyperlinks or reorder what the user reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

#: Every code point no output may carry raw, as inclusive ranges: C0 and C1 controls and DEL; bidi
#: embeddings, overrides, isolates and marks; zero-width and invisible formatting characters; lone
#: surrogates. Text formats show them as ``\\x1b``/``\\u202e``, JSON as ``\\u001b``.
UNSAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2069),
    (0xD800, 0xDFFF),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
)
UNSAFE_CODEPOINTS: tuple[int, ...] = tuple(code for first, last in UNSAFE_RANGES for code in range(first, last + 1))
_LAYOUT = (0x09, 0x0A)  # tab and newline, kept where text may span lines


def _pattern(ranges: Iterable[tuple[int, int]]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in ranges) + "]")


def _shown(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@cache
def _table(keep_layout: bool) -> dict[int, str]:
    return {code: _shown(code) for code in UNSAFE_CODEPOINTS if not (keep_layout and code in _LAYOUT)}


@cache
def json_escapes() -> dict[int, str]:
    """The same code points as JSON string escapes, for translating ``json.dumps`` output.

    C0 controls are left out: ``json.dumps`` already escapes them inside strings, and the
    newlines of indented output must stay.
    """
    return {code: f"\\u{code:04x}" for code in UNSAFE_CODEPOINTS if code >= 0x20}


@cache
def json_unsafe() -> re.Pattern[str]:
    """Matches any character :func:`json_escapes` would change (a fast test before translating)."""
    return _pattern(UNSAFE_RANGES[1:])


def visible(text: str, *, keep_layout: bool = True) -> str:
    """``text`` with every unsafe character shown as an escape.

    With ``keep_layout`` newlines and tabs pass through; without it they are
    escaped too, for one-line cells.
    """
    if text.isprintable():  # no unsafe character is printable: most text needs no translating
        return text
    return text.translate(_table(keep_layout))


def one_line(text: str) -> str:
    """Text for a single-line cell: whitespace runs (newlines, tabs) become one space."""
    return visible(" ".join(text.split()), keep_layout=False)


def is_safe(text: str) -> bool:
    """True when ``text`` has no character that :func:`visible` would escape."""
    return visible(text) == text
