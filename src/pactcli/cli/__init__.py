"""The command-line interface: parse arguments, load, query, render.

Commands are listed in :data:`app.COMMANDS` and imported only when they run.
"""

from .app import COMMANDS, app, run

__all__ = ["COMMANDS", "app", "run"]
