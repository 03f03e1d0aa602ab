"""A record's summary: what listings print and every filter reads, kept apart from the full record
so that a listing never builds records (and never imports the dataclasses of :mod:`.model`)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from .dates import PartialDate
from .vocabulary import DateKind, Kind, LegalCharacter, Status, StatusBasis, value_of

if TYPE_CHECKING:
    from .model import Agreement


class Summary(NamedTuple):
    """What a listing shows of a record and every filter reads (vocabulary values as text)."""

    id: str
    acronym: str | None
    name: str
    aliases: tuple[str, ...]
    date: PartialDate | None
    date_kind: str | None
    kind: str
    legal_character: str | None
    status: str | None
    status_basis: str
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
            agreement.date,
            value_of(agreement.date_kind),
            agreement.kind.value,
            value_of(agreement.legal_character),
            value_of(agreement.status),
            agreement.status_basis.value,
            agreement.tags,
            agreement.parties,
            tuple(person.name for person in agreement.signatories),
        )

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def signed(self) -> PartialDate | None:
        return self.date if self.date_kind == DateKind.SIGNED else None

    @property
    def binding(self) -> bool | None:
        from .rules import binding

        return binding(None if self.legal_character is None else LegalCharacter(self.legal_character))

    @property
    def label(self) -> str:
        return self.acronym or self.name


class CodecError(ValueError):
    """A stored record does not have the shape ``to_dict`` writes."""


def checked_text(value: object, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise CodecError(f"expected text, got {type(value).__name__}")
    return value


def checked_texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CodecError("expected a list")
    return tuple(checked_text(item) for item in value)


def checked_date(value: object) -> PartialDate | None:
    return None if value is None else PartialDate.parse(checked_text(value))


def checked_dicts(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise CodecError("expected a list of objects")
    return value


def checked_choice(value: object, choices: type[StrEnum], nullable: bool = True) -> Any:
    """A vocabulary value (the enum member), or None where that is allowed."""
    if value is None and nullable:
        return None
    return choices(checked_text(value))


def summary_to_list(summary: Summary) -> list[Any]:
    """A summary as a JSON-ready list, in field order (dates as text)."""
    return [None if value is None else str(value) if isinstance(value, PartialDate) else value for value in summary]


def summary_from_list(data: object) -> Summary:
    """Rebuild a summary from :func:`summary_to_list` output; raise ``CodecError`` on any mismatch."""
    if not isinstance(data, list) or len(data) != len(Summary._fields):
        raise CodecError("expected a summary list")
    try:
        id_, acronym, name, aliases, date, date_kind, kind, character, status, basis, tags, parties, signers = data
        return Summary(
            checked_text(id_),
            checked_text(acronym, True),
            checked_text(name),
            checked_texts(aliases),
            checked_date(date),
            value_of(checked_choice(date_kind, DateKind)),
            Kind(kind).value,
            value_of(checked_choice(character, LegalCharacter)),
            value_of(checked_choice(status, Status)),
            StatusBasis(basis).value,
            checked_texts(tags),
            checked_texts(parties),
            checked_texts(signers),
        )
    except (TypeError, ValueError) as error:
        raise CodecError(f"stored summary is malformed: {error}") from None


#: The fields a summary holds in the same form as the full record: a view that prints only these
#: is answered from summaries, without decoding records.
SUMMARY_FIELDS = (
    "id",
    "acronym",
    "name",
    "aliases",
    "kind",
    "signed",
    "year",
    "date",
    "date_kind",
    "legal_character",
    "binding",
    "status",
    "status_basis",
    "tags",
    "parties",
)


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The :data:`SUMMARY_FIELDS` of a summary, exactly as ``to_dict`` gives them for its record."""
    signed = summary.signed
    return {
        "id": summary.id,
        "acronym": summary.acronym,
        "name": summary.name,
        "aliases": list(summary.aliases),
        "kind": summary.kind,
        "signed": None if signed is None else str(signed),
        "year": summary.year,
        "date": None if summary.date is None else str(summary.date),
        "date_kind": summary.date_kind,
        "legal_character": summary.legal_character,
        "binding": summary.binding,
        "status": summary.status,
        "status_basis": summary.status_basis,
        "tags": list(summary.tags),
        "parties": list(summary.parties),
    }
