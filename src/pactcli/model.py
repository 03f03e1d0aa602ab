"""The data model: frozen dataclasses (the enums live in :mod:`pactcli.vocabulary`). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate
from .fields import lookup_key
from .vocabulary import UNSIGNED_STATUSES, Kind, RelationKind, Status

__all__ = [
    "UNSIGNED_STATUSES",
    "Agreement",
    "Dataset",
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
        """Every case-folded key this record answers to: id, aliases, acronym and full name."""
        keys = [self.id, *self.aliases]
        if self.acronym:
            keys.append(self.acronym)
        return tuple(dict.fromkeys([*(key.casefold() for key in keys), lookup_key(self.name)]))


@dataclass(frozen=True)
class Dataset:
    """A loaded, validated dataset and where it came from."""

    path: str
    schema_version: int
    agreements: tuple[Agreement, ...]
