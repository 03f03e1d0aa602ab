"""Records as plain JSON-ready dicts (the output contract), as JSON text, and back.

``to_dict`` defines the machine shape of a record from the field table (:mod:`.fields`): every
field present, in that order, dates as strings in their own precision and an integer ``year``.
:func:`dumps` is the one way that shape becomes JSON text, for output and for a store alike. A
store reads records back with ``from_dict`` and summaries with ``summary_from_list``, which check
types rather than trusting what they are given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring, encode_basestring_ascii
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
    Summary,
)
from .sanitize import json_escapes, json_unsafe


def dumps(value: Any, indent: int | None = None, ascii_only: bool = False) -> str:
    """Strict JSON text (no NaN), UTF-8 unless ``ascii_only``, without a final newline; with
    ``indent`` exactly what ``json.dumps(value, indent=indent)`` writes.

    ``json.dumps`` escapes C0 controls; the translation also escapes DEL, C1 controls, bidi and
    invisible characters (the set every text format shows as escapes), so that printing JSON
    cannot act on a terminal. With ``ascii_only`` every other non-ASCII character is a ``\\u``
    escape too: strict JSON for a stream that cannot encode UTF-8.
    """
    if indent:
        encode = encode_basestring_ascii if ascii_only else encode_basestring
        text = _indented(value, encode, " " * indent, "\n")
    else:
        text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=False)
    return text.translate(json_escapes()) if json_unsafe().search(text) else text


def _indented(value: Any, encode: Callable[[str], str], step: str, margin: str) -> str:
    """``json.dumps(value, indent=len(step))``, with each string encoded by the C encoder: the
    standard library indents in pure Python, about five times slower."""
    if isinstance(value, str):
        return encode(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = margin + step
        items = (f"{encode(key)}: {_indented(item, encode, step, inner)}" for key, item in value.items())
        return "{" + inner + ("," + inner).join(items) + margin + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = margin + step
        return "[" + inner + ("," + inner).join(_indented(item, encode, step, inner) for item in value) + margin + "]"
    return json.dumps(value, allow_nan=False)  # null, true, false and numbers


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
            _text(id_),
            _text(acronym, True),
            _text(name),
            _texts(aliases),
            _opt_date(signed),
            Kind(kind).value,
            _bool(binding),
            Status(status).value,
            _texts(tags),
            _texts(parties),
            _texts(signers),
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
        "signed": _date(summary.signed),
        "year": summary.year,
        "kind": summary.kind,
        "binding": summary.binding,
        "status": summary.status,
        "tags": list(summary.tags),
        "parties": list(summary.parties),
    }
