"""Records as plain JSON-ready dicts (the output contract) and back.

``to_dict`` defines the machine shape of a record from the field table
(:mod:`pactcli.fields`): every field present, in that order, dates as strings
in their own precision and an integer ``year``. The cache stores the same
shape and reads it back with ``from_dict``, which checks types rather than
trusting the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .fields import FIELD_TABLE, FieldType
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

JSONValue = Any


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def _signatory(person: Signatory) -> dict[str, Any]:
    return {"name": person.name, "title": person.title, "country": person.country}


def _relation(relation: Relation) -> dict[str, Any]:
    return {"id": relation.id, "relation": relation.relation.value}


def source_dict(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": _date(source.date),
        "supports": list(source.supports),
        "quote": source.quote,
    }


_ENCODERS: dict[FieldType, Callable[[Any], JSONValue]] = {
    FieldType.TEXT: lambda value: value,
    FieldType.SLUG: lambda value: value,
    FieldType.DATE: _date,
    FieldType.YEAR: lambda value: value,
    FieldType.BOOL: lambda value: value,
    FieldType.KIND: lambda value: value.value,
    FieldType.STATUS: lambda value: value.value,
    FieldType.COUNTRIES: list,
    FieldType.TEXTS: list,
    FieldType.SLUGS: list,
    FieldType.SIGNATORIES: lambda value: [_signatory(v) for v in value],
    FieldType.RELATIONS: lambda value: [_relation(v) for v in value],
    FieldType.SOURCES: lambda value: [source_dict(v) for v in value],
}
_GETTERS = tuple((field.name, _ENCODERS[field.type]) for field in FIELD_TABLE)


def to_dict(agreement: Agreement) -> dict[str, Any]:
    """The JSON shape of one record: every field of the field table, in its order."""
    return {name: encode(getattr(agreement, name)) for name, encode in _GETTERS}


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


def _bool(value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise CodecError("binding must be true, false or null")
    return value


def _source(data: dict[str, Any]) -> Source:
    return Source(
        _text(data["title"]),
        _text(data["publisher"], True),
        _text(data["url"]),
        _opt_date(data["date"]),
        _texts(data["supports"]),
        _text(data["quote"], True),
    )


_DECODERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.TEXT: _text,
    FieldType.SLUG: _text,
    FieldType.DATE: _opt_date,
    FieldType.BOOL: _bool,
    FieldType.KIND: Kind,
    FieldType.STATUS: Status,
    FieldType.COUNTRIES: _texts,
    FieldType.TEXTS: _texts,
    FieldType.SLUGS: _texts,
    FieldType.SIGNATORIES: lambda value: tuple(
        Signatory(_text(s["name"]), _text(s["title"], True), _text(s["country"])) for s in _dicts(value)
    ),
    FieldType.RELATIONS: lambda value: tuple(
        Relation(_text(r["id"]), RelationKind(r["relation"])) for r in _dicts(value)
    ),
    FieldType.SOURCES: lambda value: tuple(_source(s) for s in _dicts(value)),
}


def from_dict(data: object) -> Agreement:
    """Rebuild a record from ``to_dict`` output; raise ``CodecError`` on any mismatch."""
    if not isinstance(data, dict):
        raise CodecError("expected an object")
    try:
        values = {}
        for field in FIELD_TABLE:
            if field.derived:
                continue
            value = data[field.name]
            if field.type is FieldType.TEXT and field.nullable:
                values[field.name] = _text(value, nullable=True)
            else:
                values[field.name] = _DECODERS[field.type](value)
        return Agreement(**values)
    except (KeyError, TypeError, ValueError) as error:
        raise CodecError(f"stored record is malformed: {error}") from None
