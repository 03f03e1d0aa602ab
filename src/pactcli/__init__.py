"""pactcli — a command-line reference for India–United States defence agreements.

The Python API::

    from pactcli import load
    for agreement in load(binding=False, since=2016):
        print(agreement.signed, agreement.label)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["__version__", "load"]

if TYPE_CHECKING:
    from .core.model import Agreement


def load(path: str | None = None, **filters: Any) -> list[Agreement]:
    """Load a dataset (the bundled one by default) and return its records sorted by date.

    Keyword arguments are the same filters as ``pactcli list``: ``since``, ``until`` (a year as
    an int, or a date string such as ``"2016-08"``), ``binding`` (True, False or ``"unknown"``),
    ``kind``, ``status``, ``tag``, ``party`` (a value or a list) and ``signatory`` (part of a
    name). An unknown filter name raises TypeError listing the valid ones; a bad file raises
    :class:`pactcli.core.errors.DataError`. Nothing is written to the caller's streams.
    """
    from .core.filters import Filters

    chosen = Filters.from_values(**filters)  # checked before the file is read
    from .dataset.store import open_store

    return list(open_store(path).records(chosen))
