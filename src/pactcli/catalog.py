"""Read access to a dataset, whether it was just parsed or comes from the index."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

from .fields import lookup_key

if TYPE_CHECKING:
    from .filters import Filters
    from .model import Agreement


class Summary(NamedTuple):
    """What a listing shows of a record; an index reads it from columns, without decoding records."""

    id: str
    acronym: str | None
    name: str
    signed: str | None
    kind: str
    binding: bool | None
    status: str

    @classmethod
    def of(cls, agreement: Agreement) -> Summary:
        signed = None if agreement.signed is None else str(agreement.signed)
        return cls(
            agreement.id,
            agreement.acronym,
            agreement.name,
            signed,
            agreement.kind.value,
            agreement.binding,
            agreement.status.value,
        )


class Catalog(Protocol):
    """What the query layer needs from a dataset."""

    path: str

    def all(self) -> tuple[Agreement, ...]:
        """Every record, in file order."""
        ...

    def find(self, key: str) -> Agreement | None:
        """The record whose id, acronym, alias or full name is ``key`` (any case), if any."""
        ...

    def lookup_keys(self) -> list[str]:
        """Every lookup key, for suggestions and completion."""
        ...

    def values(self, facet: str) -> list[str]:
        """Every value of ``tags`` or ``parties`` in the dataset, sorted."""
        ...

    def select(self, filters: Filters) -> list[Agreement]:
        """The records that pass ``filters``, in date order."""
        ...

    def rendered(self, filters: Filters, style: str) -> list[str] | None:
        """The selected records already rendered as JSON (``pretty`` or ``compact``), or None."""
        ...

    def rendered_key(self, key: str) -> str | None:
        """The record for ``key`` already rendered as ``show --json`` prints it, or None."""
        ...

    def summaries(self, filters: Filters) -> list[Summary]:
        """What a listing shows of each selected record, in date order."""
        ...


class MemoryCatalog:
    """A catalog over records held in memory."""

    def __init__(self, path: str, agreements: tuple[Agreement, ...]) -> None:
        self.path = path
        self._agreements = agreements
        self._index: dict[str, Agreement] = {}
        for agreement in agreements:
            for key in agreement.lookup_keys():
                self._index.setdefault(key, agreement)

    def all(self) -> tuple[Agreement, ...]:
        return self._agreements

    def find(self, key: str) -> Agreement | None:
        return self._index.get(lookup_key(key))

    def lookup_keys(self) -> list[str]:
        return list(self._index)

    def values(self, facet: str) -> list[str]:
        found = {value for a in self._agreements for value in (a.tags if facet == "tags" else a.parties)}
        return sorted(found)

    def select(self, filters: Filters) -> list[Agreement]:
        from .query import select

        return select(self._agreements, filters)

    def rendered(self, filters: Filters, style: str) -> list[str] | None:
        return None

    def rendered_key(self, key: str) -> str | None:
        return None

    def summaries(self, filters: Filters) -> list[Summary]:
        return [Summary.of(agreement) for agreement in self.select(filters)]
