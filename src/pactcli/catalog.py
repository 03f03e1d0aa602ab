"""Read access to a dataset, whether it was just parsed or comes from the cache."""

from __future__ import annotations

from typing import Protocol

from .model import Agreement, lookup_key


class Catalog(Protocol):
    """What the query layer needs from a dataset."""

    path: str

    def all(self) -> tuple[Agreement, ...]:
        """Every record, in file order."""
        ...

    def find(self, key: str) -> Agreement | None:
        """The record whose id, acronym or alias is ``key`` (any case), if any."""
        ...

    def lookup_keys(self) -> list[str]:
        """Every lookup key, for suggestions and completion."""
        ...


class MemoryCatalog:
    """A catalog over records held in memory."""

    def __init__(self, path: str, agreements: tuple[Agreement, ...]) -> None:
        self.path = path
        self._agreements = agreements
        self._index = {key: a for a in agreements for key in a.lookup_keys()}

    def all(self) -> tuple[Agreement, ...]:
        return self._agreements

    def find(self, key: str) -> Agreement | None:
        return self._index.get(lookup_key(key))

    def lookup_keys(self) -> list[str]:
        return list(self._index)
