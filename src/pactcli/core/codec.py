"""Records as plain JSON-ready dicts (the output contract), as JSON text, and back.

``to_dict`` defines the machine shape of a record from the field table (:mod:`.fields`): every
field present, in that order, dates as strings in their own precision and an integer ``year``.
:func:`.jsontext.dumps` makes that shape JSON text, for output and for a store alike. A
store reads records back with ``from_dict`` and summaries with ``summary_from_list``, which check
types rather than trusting what they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .fields import FIELD_TABLE, FieldType
from .model import Agreement, PartialDate, Relation, RelationKind, Signatory, Source, SourceKind
from .summary import CodecError, checked_choice, checked_date, checked_dicts, checked_text, checked_texts
from .vocabulary import value_of


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
        "kind": source.kind.value,
        "mirror_of": source.mirror_of,
        "supports": list(source.supports),
        "quotes": dict(source.quotes),
        "quote": source.quotes[0][1] if source.quotes else None,
    }


_ENCODERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.TEXT: lambda value: value,
    FieldType.SLUG: lambda value: value,
    FieldType.DATE: _date,
    FieldType.YEAR: lambda value: value,
    FieldType.BOOL: lambda value: value,
    FieldType.CHOICE: value_of,
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


def _source(data: dict[str, Any]) -> Source:
    quotes = data["quotes"]
    if not isinstance(quotes, dict):
        raise CodecError("expected quotes as an object")
    return Source(
        checked_text(data["title"]),
        checked_text(data["publisher"], True),
        checked_text(data["url"]),
        checked_date(data["date"]),
        SourceKind(data["kind"]),
        checked_text(data["mirror_of"], True),
        checked_texts(data["supports"]),
        tuple((checked_text(fact), checked_text(text)) for fact, text in quotes.items()),
    )


_DECODERS: dict[FieldType, Callable[[Any], Any]] = {
    FieldType.TEXT: checked_text,
    FieldType.SLUG: checked_text,
    FieldType.DATE: checked_date,
    FieldType.COUNTRIES: checked_texts,
    FieldType.TEXTS: checked_texts,
    FieldType.SLUGS: checked_texts,
    FieldType.SIGNATORIES: lambda value: tuple(
        Signatory(checked_text(s["name"]), checked_text(s["title"], True), checked_text(s["country"]))
        for s in checked_dicts(value)
    ),
    FieldType.RELATIONS: lambda value: tuple(
        Relation(checked_text(r["id"]), RelationKind(r["relation"])) for r in checked_dicts(value)
    ),
    FieldType.SOURCES: lambda value: tuple(_source(s) for s in checked_dicts(value)),
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
                values[field.name] = checked_text(value, nullable=True)
            elif field.choices is not None:
                values[field.name] = checked_choice(value, field.choices, field.nullable)
            else:
                values[field.name] = _DECODERS[field.type](value)
        return Agreement(**values)
    except (KeyError, TypeError, ValueError) as error:
        raise CodecError(f"stored record is malformed: {error}") from None
