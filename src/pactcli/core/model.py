"""The data model: frozen dataclasses (the enums live in :mod:`.vocabulary`). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .dates import PartialDate
from .names import lookup_key
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
    "Summary",
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
        return _lookup_keys(self.id, self.aliases, self.acronym, self.name)


class Summary(NamedTuple):
    """What a listing shows of a record and every filter reads: a store keeps it apart from the
    full record, so listing and filtering never decode records."""

    id: str
    acronym: str | None
    name: str
    aliases: tuple[str, ...]
    signed: PartialDate | None
    kind: str
    binding: bool | None
    status: str
    tags: tuple[str, ...]
    parties: tuple[str, ...]
    signatories: tuple[str, ...]  # names

    @classmethod
    def of(cls, agreement: Agreement) -> Summary:
        return cls(
            agreement.id,
            agreement.acronym,
            agreement.name,
            agreement.aliases,
            agreement.signed,
            agreement.kind.value,
            agreement.binding,
            agreement.status.value,
            agreement.tags,
            agreement.parties,
            tuple(person.name for person in agreement.signatories),
        )

    @property
    def year(self) -> int | None:
        return self.signed.year if self.signed else None

    @property
    def label(self) -> str:
        return self.acronym or self.name

    def lookup_keys(self) -> tuple[str, ...]:
        """Every key this record answers to (see :func:`.names.lookup_key`): id, aliases, acronym, full name."""
        return _lookup_keys(self.id, self.aliases, self.acronym, self.name)


def _lookup_keys(id: str, aliases: tuple[str, ...], acronym: str | None, name: str) -> tuple[str, ...]:
    keys = [id, *aliases, *([acronym] if acronym else []), name]
    return tuple(dict.fromkeys(lookup_key(key) for key in keys))
