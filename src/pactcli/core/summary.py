"""A record's summary: what listings print and every filter reads, kept apart from the full record
so that a listing never builds records (and never imports the dataclasses of :mod:`.model`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .dates import PartialDate
from .names import lookup_keys
from .vocabulary import Kind, Status

if TYPE_CHECKING:
    from .model import Agreement


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
        return lookup_keys(self.id, self.aliases, self.acronym, self.name)


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


def checked_bool(value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise CodecError("binding must be true, false or null")
    return value


def summary_to_list(summary: Summary) -> list[Any]:
    """A summary as a JSON-ready list, in field order (dates as text)."""
    return [None if value is None else str(value) if isinstance(value, PartialDate) else value for value in summary]


def summary_from_list(data: object) -> Summary:
    """Rebuild a summary from :func:`summary_to_list` output; raise ``CodecError`` on any mismatch."""
    if not isinstance(data, list) or len(data) != len(Summary._fields):
        raise CodecError("expected a summary list")
    try:
        id_, acronym, name, aliases, signed, kind, binding, status, tags, parties, signers = data
        return Summary(
            checked_text(id_),
            checked_text(acronym, True),
            checked_text(name),
            checked_texts(aliases),
            checked_date(signed),
            Kind(kind).value,
            checked_bool(binding),
            Status(status).value,
            checked_texts(tags),
            checked_texts(parties),
            checked_texts(signers),
        )
    except (TypeError, ValueError) as error:
        raise CodecError(f"stored summary is malformed: {error}") from None


#: The fields a summary holds in the same form as the full record: a view that prints only these
#: is answered from summaries, without decoding records.
SUMMARY_FIELDS = ("id", "acronym", "name", "aliases", "signed", "year", "kind", "binding", "status", "tags", "parties")


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The :data:`SUMMARY_FIELDS` of a summary, exactly as ``to_dict`` gives them for its record."""
    return {
        "id": summary.id,
        "acronym": summary.acronym,
        "name": summary.name,
        "aliases": list(summary.aliases),
        "signed": None if summary.signed is None else str(summary.signed),
        "year": summary.year,
        "kind": summary.kind,
        "binding": summary.binding,
        "status": summary.status,
        "tags": list(summary.tags),
        "parties": list(summary.parties),
    }
