"""Shared Rich pieces: safe text from data, the binding marker, and a typed cell for any field."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..core.fields import BINDING_WORD, BY_NAME, FieldType
from ..core.sanitize import visible
from .text import items

BINDING_MARK = {True: ("●", "bold green"), False: ("○", "yellow"), None: ("?", "dim")}
STATUS_STYLE = {
    "in-force": "green",
    "active": "green",
    "superseded": "dim",
    "expired": "dim",
    "under-negotiation": "magenta",
    "announced": "magenta",
    "concluded": "cyan",
}
#: How a value nobody knows looks in a terminal table.
UNKNOWN = "—"
#: The most characters of one value a terminal view shows. Rich lays a long text out in time
#: that grows with the square of its length (a 4 MB summary took 14 s); no one reads that much
#: in a terminal, and --json, --format and a pipe print every character.
CELL_LIMIT = 20_000


def safe(text: str | None, style: str = "") -> Text:
    """Data text as a Rich ``Text`` (never markup), with unsafe characters shown as escapes, and
    cut at :data:`CELL_LIMIT` characters with a note saying how many more there are."""
    shown = visible(text or "")
    if len(shown) <= CELL_LIMIT:
        return Text(shown, style=style)
    cut = Text(shown[:CELL_LIMIT], style=style)
    cut.append(f" … ({len(shown) - CELL_LIMIT:,} more characters: --json or a pipe shows them all)", style="dim")
    return cut


def date_kind_words(kind: str | None) -> str:
    """``first-meeting`` as people say it: ``first meeting``."""
    return "" if kind is None else kind.replace("-", " ")


def binding_text(value: bool | None) -> Text:
    mark, style = BINDING_MARK[value]
    return Text(f"{mark} {BINDING_WORD[value]}", style=style)


def status_text(status: str | None) -> Text:
    """A status, or the words for one that is not established (never a plain in-force)."""
    if status is None:
        return Text("not established", style="dim italic")
    return Text(status, style=STATUS_STYLE.get(status, ""))


def cell(name: str, value: Any) -> Text:
    """One field's value (as ``codec.to_dict`` gives it) for a table cell: one line per list item."""
    kind = BY_NAME[name].type if name in BY_NAME else None
    if kind is FieldType.BOOL:
        return binding_text(value)
    if name == "status":
        return status_text(value)
    if name == "legal_character" and value is None:
        return Text("not established", style="dim italic")
    lines = items(name, value)
    if not lines and not isinstance(value, list):
        return Text(UNKNOWN, style="dim")
    if kind in (FieldType.SLUGS, FieldType.COUNTRIES):  # short keys: one line, wrapping between them
        return safe(", ".join(lines))
    if len(lines) > 1:  # a bullet per item, so a wrapped item is not read as two
        lines = [f"• {line}" for line in lines]
    return Text("\n").join(safe(line) for line in lines)


def legend() -> Text:
    text = Text("binding: ", style="dim")
    for value in (True, False, None):
        mark, style = BINDING_MARK[value]
        text.append(f"{mark} {BINDING_WORD[value]}  ", style=style)
    return text
