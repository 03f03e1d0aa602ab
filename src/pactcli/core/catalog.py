"""What queries and views need from a dataset, whatever stores it (see :mod:`pactcli.dataset.store`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .filters import Filters
    from .model import Agreement
    from .summary import Summary


class Catalog(Protocol):
    """A dataset that answers queries. Every listing comes in date order (undated records last)."""

    path: str

    def find(self, key: str) -> Agreement | None:
        """The record whose id, acronym, alias or full name is ``key`` (any case), if any."""
        ...

    def text(self, key: str, pretty: bool) -> str | None:
        """The record ``key`` names as JSON text (see :meth:`texts`), if there is one."""
        ...

    def keys(self, short: bool = False) -> list[tuple[str, str]]:
        """Every lookup key with the id of the record it names, for suggestions and completion;
        with ``short``, ids, aliases and acronyms only (no names)."""
        ...

    def values(self, facet: str) -> list[str]:
        """Every value of ``tags`` or ``parties`` in the dataset, sorted."""
        ...

    def summaries(self, filters: Filters) -> Iterator[Summary]:
        """What a listing shows of each record that passes ``filters``."""
        ...

    def records(self, filters: Filters) -> Iterator[Agreement]:
        """Each record that passes ``filters``."""
        ...

    def texts(self, filters: Filters, pretty: bool) -> Iterator[str]:
        """Each record that passes ``filters`` as JSON text, exactly as ``codec.dumps`` writes its
        ``to_dict`` shape (indented by two with ``pretty``, else on one line)."""
        ...
