"""Shared Rich pieces: safe text from data and the binding marker."""

from __future__ import annotations

from rich.text import Text

from ..sanitize import visible

BINDING_MARK = {True: ("●", "bold green"), False: ("○", "yellow"), None: ("?", "dim")}
BINDING_WORD = {True: "binding", False: "non-binding", None: "unknown"}


def safe(text: str | None, style: str = "") -> Text:
    """Data text as a Rich ``Text`` (never markup), with unsafe characters shown as escapes."""
    return Text(visible(text or ""), style=style)


def binding_text(value: bool | None) -> Text:
    mark, style = BINDING_MARK[value]
    return Text(f"{mark} {BINDING_WORD[value]}", style=style)


def legend() -> Text:
    text = Text("binding: ", style="dim")
    for value in (True, False, None):
        mark, style = BINDING_MARK[value]
        text.append(f"{mark} {BINDING_WORD[value]}  ", style=style)
    return text
