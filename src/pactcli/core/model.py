"""The data model: frozen dataclasses (the enums live in :mod:`.vocabulary`). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate
from .vocabulary import (
    UNSIGNED_STATUSES,
    CharacterBasis,
    DateKind,
    Kind,
    LegalCharacter,
    RelationKind,
    SourceKind,
    Status,
    StatusBasis,
)

__all__ = [
    "UNSIGNED_STATUSES",
    "Agreement",
    "CharacterBasis",
    "DateKind",
    "Kind",
    "LegalCharacter",
    "PartialDate",
    "Relation",
    "RelationKind",
    "Signatory",
    "Source",
    "SourceKind",
    "Status",
    "StatusBasis",
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
    kind: SourceKind
    mirror_of: str | None = None  # for a mirror: the official document it copies, and who issued it
    supports: tuple[str, ...] = ()  # the record's facts this source states (field names)
    quotes: tuple[tuple[str, str], ...] = ()  # (fact, a short verbatim excerpt stating it), in supports order

    def quote_for(self, fact: str) -> str | None:
        """The source's words for ``fact``, if a quote was recorded for it."""
        return next((text for name, text in self.quotes if name == fact), None)


@dataclass(frozen=True)
class Agreement:
    """One India–US defence instrument, as the dataset records it."""

    id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: Kind
    date: PartialDate | None
    date_kind: DateKind | None
    in_force: PartialDate | None
    expires: PartialDate | None
    place: str | None
    parties: tuple[str, ...]
    legal_character: LegalCharacter | None
    legal_character_basis: CharacterBasis
    status: Status | None
    status_basis: StatusBasis
    signatories: tuple[Signatory, ...]
    summary: str
    provisions: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[Relation, ...]
    sources: tuple[Source, ...]
    notes: str | None

    @property
    def signed(self) -> PartialDate | None:
        """The date, when it is a signing."""
        return self.date if self.date_kind is DateKind.SIGNED else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def binding(self) -> bool | None:
        """Derived from the legal character by :data:`.rules.BINDING`."""
        from .rules import binding

        return binding(self.legal_character)

    @property
    def label(self) -> str:
        """The short name people use: the acronym when there is one."""
        return self.acronym or self.name
