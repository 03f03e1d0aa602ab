"""Show long output through a pager on a terminal, as git and gh do.

The pager is ``$PACTCLI_PAGER``, else ``$PAGER``, else ``less``; ``less`` gets ``LESS=FRX``
unless ``LESS`` is set (quit if the text fits, keep colours, leave it on screen). An empty value
or ``cat`` means no pager. Output is never paged unless stdout is a terminal.
"""

from __future__ import annotations

import os
import shutil
from typing import TextIO


def pager_command() -> str | None:
    """The pager to run, or None for none."""
    for name in ("PACTCLI_PAGER", "PAGER"):
        if name in os.environ:
            command = os.environ[name].strip()
            return None if command in ("", "cat") else command
    return "less" if shutil.which("less") else None


def page(text: str, stream: TextIO) -> bool:
    """Send ``text`` through the pager if ``stream`` is a terminal and it is taller than the screen.

    Returns False when nothing was paged, or the pager failed (the caller prints the text itself).
    """
    from .env import is_terminal

    if not is_terminal(stream):
        return False
    height = shutil.get_terminal_size((80, 24)).lines
    command = pager_command()
    if command is None or text.count("\n") < height:
        return False
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    stream.flush()
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        process.stdin.write(text.encode(encoding, errors="backslashreplace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    # A pager that could not run (126, 127: not executable, not found) or failed without showing
    # the text (PAGER=false) exits non-zero: then the caller prints the text itself.
    return process.wait() == 0
