"""The command-line interface: parse arguments, load, query, render. The only place that exits.

Each module registers its commands on the one Typer ``app``, in the order ``--help`` lists them.
"""

from . import records  # noqa: I001  (registration order is the order --help shows)
from . import explore, integrate
from .app import app, run

__all__ = ["app", "explore", "integrate", "records", "run"]
