"""pactcli — a command-line reference for India–United States defence agreements.

The Python API::

    from pactcli import load
    for agreement in load(binding=True, since="2016"):
        print(agreement.signed, agreement.label)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "load"]

if TYPE_CHECKING:
    from .model import Agreement


def load(path: str | None = None, **filters: Any) -> list[Agreement]:
    """Load a dataset (the bundled one by default) and return its records sorted by date.

    Keyword arguments are the same filters as ``pactcli list``: ``since``, ``until``
    (a year or date string), ``binding`` (True/False), ``kind``, ``status``, ``tag``,
    ``signatory``, ``party``. Raises :class:`pactcli.errors.DataError` for a bad file.
    """
    from .loader import open_catalog
    from .query import Filters, select

    return select(open_catalog(path).all(), Filters.from_values(**filters))
