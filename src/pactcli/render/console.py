"""The Rich console used by every table view. Only the table path imports this module."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console

MIN_WIDTH = 40


def make_console(file: TextIO, *, color: bool, width: int) -> Console:
    """A console that never reads markup or emoji codes from text, at a fixed width.

    With ``color`` off it emits no escape codes at all (Rich's ``no_color``
    alone would still print bold and underline).
    """
    return Console(
        file=file,
        width=max(MIN_WIDTH, width),
        force_terminal=color,
        color_system="auto" if color else None,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )
