"""The data model: frozen dataclasses (the enums live in :mod:`.vocabulary`). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate
from .vocabulary import UNSIGNED_STATUSES, Kind, RelationKind, Status

__all__ = [
    "UNSIGNED_STATUSES",
    "Agreement",
    "Kind",
    "PartialDate",
    "Relation",
    "RelationKind",
    "Signatory",
    "Source",
    "Status",
]


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str | None
    country: str


@dataclass(frozen=True)
class Relation:
    id: str
    relation: RelationKind


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None
    url: str
    date: PartialDate | None
    supports: tuple[str, ...] = ()  # the record's facts this source states (field names)
    quote: str | None = None  # a short verbatim excerpt that states them


@dataclass(frozen=True)
class Agreement:
    """One India–US defence instrument, as the dataset records it."""

    id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: Kind
    signed: PartialDate | None
    in_force: PartialDate | None
    expires: PartialDate | None
    place: str | None
    parties: tuple[str, ...]
    binding: bool | None
    status: Status
    signatories: tuple[Signatory, ...]
    summary: str
    provisions: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[Relation, ...]
    sources: tuple[Source, ...]
    notes: str | None

    @property
    def year(self) -> int | None:
        return self.signed.year if self.signed else None

    @property
    def label(self) -> str:
        """The short name people use: the acronym when there is one."""
        return self.acronym or self.name

    def lookup_keys(self) -> tuple[str, ...]:
        """Every key this record answers to (see :func:`.names.lookup_key`): id, aliases, acronym, full name."""
        from .names import lookup_keys

        return lookup_keys(self.id, self.aliases, self.acronym, self.name)
