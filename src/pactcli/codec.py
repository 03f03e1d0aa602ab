"""Records as plain JSON-ready dicts (the output contract) and back.

``to_dict`` defines the machine shape of a record: every field present, in
schema order, dates as strings in their own precision and an integer ``year``.
The cache stores the same shape and reads it back with ``from_dict``, which
checks types rather than trusting the file.
"""

from __future__ import annotations

from typing import Any

from .model import (
    Agreement,
    Kind,
    PartialDate,
    Relation,
    RelationKind,
    Signatory,
    Source,
    Status,
)

#: Every field of a record in output order. Adding one is allowed; renaming or removing one breaks scripts.
FIELDS = (
    "id",
    "name",
    "acronym",
    "aliases",
    "kind",
    "signed",
    "year",
    "in_force",
    "expires",
    "place",
    "parties",
    "binding",
    "status",
    "signatories",
    "summary",
    "provisions",
    "tags",
    "related",
    "sources",
    "notes",
)


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def to_dict(agreement: Agreement) -> dict[str, Any]:
    """The JSON shape of one record."""
    return {
        "id": agreement.id,
        "name": agreement.name,
        "acronym": agreement.acronym,
        "aliases": list(agreement.aliases),
        "kind": agreement.kind.value,
        "signed": _date(agreement.signed),
        "year": agreement.year,
        "in_force": _date(agreement.in_force),
        "expires": _date(agreement.expires),
        "place": agreement.place,
        "parties": list(agreement.parties),
        "binding": agreement.binding,
        "status": agreement.status.value,
        "signatories": [{"name": s.name, "title": s.title, "country": s.country} for s in agreement.signatories],
        "summary": agreement.summary,
        "provisions": list(agreement.provisions),
        "tags": list(agreement.tags),
        "related": [{"id": r.id, "relation": r.relation.value} for r in agreement.related],
        "sources": [
            {"title": s.title, "publisher": s.publisher, "url": s.url, "date": _date(s.date)} for s in agreement.sources
        ],
        "notes": agreement.notes,
    }


class CodecError(ValueError):
    """A stored record does not have the shape ``to_dict`` writes."""


def _text(value: object, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise CodecError(f"expected text, got {type(value).__name__}")
    return value


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CodecError("expected a list")
    return tuple(_text(item) for item in value)


def _opt_date(value: object) -> PartialDate | None:
    return None if value is None else PartialDate.parse(_text(value))


def _dicts(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise CodecError("expected a list of objects")
    return value


def from_dict(data: object) -> Agreement:
    """Rebuild a record from ``to_dict`` output; raise ``CodecError`` on any mismatch."""
    if not isinstance(data, dict):
        raise CodecError("expected an object")
    try:
        binding = data["binding"]
        if binding is not None and not isinstance(binding, bool):
            raise CodecError("binding must be true, false or null")
        return Agreement(
            id=_text(data["id"]),
            name=_text(data["name"]),
            acronym=_text(data["acronym"], nullable=True),
            aliases=_texts(data["aliases"]),
            kind=Kind(data["kind"]),
            signed=_opt_date(data["signed"]),
            in_force=_opt_date(data["in_force"]),
            expires=_opt_date(data["expires"]),
            place=_text(data["place"], nullable=True),
            parties=_texts(data["parties"]),
            binding=binding,
            status=Status(data["status"]),
            signatories=tuple(
                Signatory(_text(s["name"]), _text(s["title"], True), _text(s["country"]))
                for s in _dicts(data["signatories"])
            ),
            summary=_text(data["summary"]),
            provisions=_texts(data["provisions"]),
            tags=_texts(data["tags"]),
            related=tuple(Relation(_text(r["id"]), RelationKind(r["relation"])) for r in _dicts(data["related"])),
            sources=tuple(
                Source(_text(s["title"]), _text(s["publisher"], True), _text(s["url"]), _opt_date(s["date"]))
                for s in _dicts(data["sources"])
            ),
            notes=_text(data["notes"], nullable=True),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CodecError(f"stored record is malformed: {error}") from None
