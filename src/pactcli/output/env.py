"""Where output goes and how it looks: streams, colour and width decisions."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import NamedTuple, TextIO


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (False for anything that cannot say)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def decide_color(choice: ColorChoice, stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """``--color`` beats ``NO_COLOR``, which beats ``FORCE_COLOR`` (not ``0``), which beats a TTY check."""
    env = os.environ if environ is None else environ
    if choice is ColorChoice.ALWAYS:
        return True
    if choice is ColorChoice.NEVER:
        return False
    if env.get("NO_COLOR", ""):
        return False
    force = env.get("FORCE_COLOR", "")
    if force and force != "0":
        return True
    return is_terminal(stream) and env.get("TERM", "") != "dumb"


def decide_width(requested: int | None, stream: TextIO, environ: dict[str, str] | None = None) -> int:
    """The layout width: ``--width``, else a sane ``COLUMNS``, else the terminal's, else 100."""
    env = os.environ if environ is None else environ
    if requested:
        return requested
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(int(columns), 1000)
    if is_terminal(stream):
        import shutil

        try:
            return shutil.get_terminal_size((100, 24)).columns or 100
        except (ValueError, OSError):
            return 100
    return 100


def encodes_unicode(stream: TextIO) -> bool:
    """Whether ``stream`` can write any character (UTF-8 and friends), not just a legacy code page."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "\u2013\U0001f600".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class Env(NamedTuple):
    """The streams a command writes to and how to decorate them; injectable in tests."""

    stdout: TextIO
    stderr: TextIO
    color: bool
    width: int
    rich_layout: bool  # a Rich table (terminal or forced colour) rather than plain lines
    svg: str | None = None  # also save the table view here
    html: str | None = None
    ascii_only: bool = False  # stdout cannot encode every character: machine formats escape non-ASCII
    force: bool = False  # --svg/--html may replace an existing file

    @classmethod
    def detect(
        cls,
        color: ColorChoice = ColorChoice.AUTO,
        width: int | None = None,
        svg: str | None = None,
        html: str | None = None,
        force: bool = False,
    ) -> Env:
        stdout = sys.stdout
        use_color = decide_color(color, stdout)
        exporting = bool(svg or html)
        return cls(
            stdout=stdout,
            stderr=sys.stderr,
            color=use_color,
            width=decide_width(width, stdout),
            rich_layout=use_color or is_terminal(stdout) or width is not None or exporting,
            svg=svg,
            html=html,
            ascii_only=not encodes_unicode(stdout),
            force=force,
        )
