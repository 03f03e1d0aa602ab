"""The Rich console used by every table view, and :func:`render`, which prints a view on it.
Only the table path imports this module."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, RenderableType
from rich.segment import Segment, Segments
from rich.text import Text

if TYPE_CHECKING:
    from .env import Env

MIN_WIDTH = 40
#: The drawing characters of pactcli's views, for a terminal that cannot encode them
#: (``PYTHONIOENCODING=ascii``): boxes, rules, markers, bullets and arrows in ASCII.
ASCII_LAYOUT = str.maketrans(
    {
        **dict.fromkeys("─━═┄", "-"),
        **dict.fromkeys("│┃║┆", "|"),
        **dict.fromkeys("╭╮╰╯┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╇╈┡┩╞╡╪╤╧", "+"),
        "●": "*",
        "○": "o",
        "•": "*",
        "·": "-",
        "—": "-",
        "–": "-",
        "…": "...",
        "→": "->",
        "←": "<-",
        "█": "#",
        "“": '"',
        "”": '"',
    }
)


class _Buffer(io.StringIO):
    """Where a view is laid out; it reports the encoding of the stream the view will reach, so
    Rich draws boxes a terminal that cannot show Unicode can show."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]  # io.StringIO's is a read-only None
        return self._encoding


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


def render(build: Callable[[Console], RenderableType], env: Env, *, prewrapped: bool = False) -> str:
    """Render what ``build`` makes for a console laid out for ``env``; also save it as SVG/HTML if asked.

    ``prewrapped`` text (a listing grid) already fits the width, so Rich need not wrap it again.
    """
    buffer = _Buffer("ascii" if env.ascii_only else "utf-8")
    console = make_console(buffer, color=env.color, width=env.width)
    console.record = bool(env.svg or env.html)
    renderable = build(console)
    if prewrapped and isinstance(renderable, Text):
        # Already laid out to the width: print its styled segments as they are (Rich would split
        # and re-measure every line again; same output, a third of the time).
        renderable = Segments([*renderable.render(console), Segment.line()])
    console.print(renderable, crop=False, soft_wrap=prewrapped)
    if env.svg:
        _save_text(env.svg, console.export_svg(title="pactcli", clear=False), env.force)
    if env.html:
        _save_text(env.html, console.export_html(clear=False), env.force)
    text = buffer.getvalue()
    return text.translate(ASCII_LAYOUT) if env.ascii_only else text


def _save_text(path: str, text: str, force: bool) -> None:
    from .writer import save

    def write_to(temporary: str) -> None:
        with open(temporary, "x", encoding="utf-8") as handle:
            handle.write(text)

    save(path, write_to, force=force)
