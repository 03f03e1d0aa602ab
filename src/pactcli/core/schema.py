"""JSON Schemas for pactcli's record output and for its YAML dataset file.

``record_schema()`` describes one record exactly as ``codec.to_dict`` writes it,
which is what ``--json``/``--format jsonl`` print and what ``pactcli schema``
shows. ``data_file_schema()`` describes the dataset file (data/README.md) for
editors' YAML language servers, so a maintainer sees mistakes as they type.

Both are plain dicts, built afresh on every call from the field table
(:mod:`pactcli.fields`) and the model's enums, so fields, descriptions, patterns
and allowed values cannot drift from the code. The patterns are written to mean
the same in Python and ECMAScript regex dialects.

Some rules need the whole file or today's date, and only ``pactcli validate``
checks them: ids, acronyms and aliases unique across the file, every related id
present, dates not in the future, real calendar days (30 February), a
signatory's country among the parties, sources not older than the signing they
report, every stated fact named in some source's ``supports``, quotes of at most
30 words.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from .fields import (
    BY_NAME,
    COUNTRY_PATTERN,
    DATE_PATTERN,
    FIELD_TABLE,
    FIELDS,
    FILE_FIELDS,
    QUOTE_MAX_WORDS,
    RELATION_KEYS,
    REQUIRED_FILE_FIELDS,
    SCHEMA_VERSION,
    SIGNATORY_KEYS,
    SIGNATORY_REQUIRED,
    SLUG_PATTERN,
    SOURCE_FILE_KEYS,
    SOURCE_KEYS,
    SOURCE_REQUIRED,
    SUPPORTABLE,
    TEXT_PATTERN,
    URL_PATTERN,
    Field,
    FieldType,
)
from .model import UNSIGNED_STATUSES, RelationKind, SourceKind, Status

JSONSchema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_URL = "https://github.com/pactcli/pactcli/schema/"
RECORD_SCHEMA_ID = BASE_URL + "record.json"
DATA_FILE_SCHEMA_ID = BASE_URL + "data-file.json"


_DATE_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD, in the precision known ("2016", "2018-09", "2024-08-22")'


def _values(enum: type[Enum]) -> list[str]:
    """The string values of an Enum, in declaration order."""
    return [str(member.value) for member in enum]


def _unsigned_statuses() -> list[str]:
    """Statuses under which an instrument may lack a signing date, in declaration order."""
    return [status.value for status in Status if status in UNSIGNED_STATUSES]


def _text(description: str, *, nullable: bool = False) -> JSONSchema:
    return {"type": ["string", "null"] if nullable else "string", "pattern": TEXT_PATTERN, "description": description}


def _slug(description: str) -> JSONSchema:
    return {"type": "string", "pattern": SLUG_PATTERN, "description": description}


def _country(description: str) -> JSONSchema:
    return {"type": "string", "pattern": COUNTRY_PATTERN, "description": description}


def _enum(enum: type[Enum], description: str) -> JSONSchema:
    return {"type": "string", "enum": _values(enum), "description": description}


def _list(items: JSONSchema, description: str, *, nullable: bool = False, min_items: int = 0) -> JSONSchema:
    kind: str | list[str] = ["array", "null"] if nullable else "array"
    schema: JSONSchema = {"type": kind, "description": description, "items": items}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _ref(name: str, description: str) -> JSONSchema:
    return {"$ref": f"#/$defs/{name}", "description": description}


def _output_date(description: str) -> JSONSchema:
    return {
        "type": ["string", "null"],
        "pattern": DATE_PATTERN,
        "description": f"{description} {_DATE_FORMS}; null when not known.",
    }


def _input_date(description: str) -> JSONSchema:
    return {
        "description": (
            f"{description} {_DATE_FORMS}; null or left out when not known. A bare year may be left "
            "unquoted (YAML reads it as a number); quoting it is clearer."
        ),
        "anyOf": [
            {"type": "string", "pattern": DATE_PATTERN},
            {"type": "integer", "minimum": 1, "maximum": 9999},
            {"type": "null"},
        ],
    }


def _object(properties: dict[str, JSONSchema], required: list[str], description: str) -> JSONSchema:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _signatory(*, output: bool) -> JSONSchema:
    described = {
        "name": _text("The signer's name as the sources give it."),
        "title": _text("The signer's office at the time of signing; null when not known.", nullable=True),
        "country": _country("The party the signer signed for: an ISO 3166-1 alpha-2 code such as IN or US."),
    }
    properties = {key: described[key] for key in SIGNATORY_KEYS}
    required = list(SIGNATORY_KEYS) if output else list(SIGNATORY_REQUIRED)
    return _object(properties, required, "One person who signed the instrument.")


def _relation() -> JSONSchema:
    described = {
        "id": _slug("The id of the related record (it must exist in the same dataset)."),
        "relation": _enum(RelationKind, "How this record relates to that one: this record <relation> that one."),
    }
    properties = {key: described[key] for key in RELATION_KEYS}
    return _object(properties, list(RELATION_KEYS), "A link to another record in the dataset.")


def _source(*, output: bool) -> JSONSchema:
    date = _output_date if output else _input_date
    described = {
        "title": _text("The title of the source document or page."),
        "publisher": _text("Who published the source; null when not recorded.", nullable=True),
        "url": {"type": "string", "pattern": URL_PATTERN, "description": "Where to read the source: an http(s) URL."},
        "date": date("When the source was published:"),
        "kind": _enum(
            SourceKind,
            "Who published it: official, mirror (a copy of an official document), company, press or analysis.",
        ),
        "mirror_of": _text(
            "For a mirror: the official document it copies and who issued it; else null.", nullable=True
        ),
        "supports": _list(
            {"type": "string", "enum": list(SUPPORTABLE)},
            "The record's facts (field names) that this source states.",
            nullable=not output,
        ),
        "quotes": {
            "type": "object" if output else ["object", "null"],
            "description": f"For a fact the source supports, its own words stating it: at most {QUOTE_MAX_WORDS} words.",
            "propertyNames": {"enum": list(SUPPORTABLE)},
            "additionalProperties": {"type": "string", "pattern": TEXT_PATTERN},
        },
        "quote": {
            "type": ["string", "null"],
            "pattern": TEXT_PATTERN,
            "description": "The first of quotes, kept for scripts written before quotes were given per fact; null when none.",
        },
    }
    keys = SOURCE_KEYS if output else SOURCE_FILE_KEYS
    properties = {key: described[key] for key in keys}
    required = list(SOURCE_KEYS) if output else list(SOURCE_REQUIRED)
    return _object(properties, required, "A published source that supports the record.")


def _field_schema(field: Field, *, output: bool) -> JSONSchema:
    """One field's schema, from its type in the field table."""
    date = _output_date if output else _input_date
    nullable_list = (
        not output
    )  # In the YAML file an optional list may be null (read as empty); output always has a list.
    description = field.description
    match field.type:
        case FieldType.TEXT:
            return _text(description, nullable=field.nullable)
        case FieldType.SLUG:
            return _slug(description)
        case FieldType.DATE:
            return date(description)
        case FieldType.YEAR:
            return {"type": ["integer", "null"], "minimum": 1, "description": description}
        case FieldType.BOOL:
            return {"type": ["boolean", "null"], "description": description}
        case FieldType.CHOICE:
            assert field.choices is not None
            schema = _enum(field.choices, description)
            if field.nullable:
                schema["type"] = ["string", "null"]
                schema["enum"] = [*schema["enum"], None]
            return schema
        case FieldType.COUNTRIES:
            return _list(_country("A party: an ISO 3166-1 alpha-2 code such as IN or US."), description, min_items=1)
        case FieldType.TEXTS:
            return _list(_text("One item."), description, nullable=nullable_list)
        case FieldType.SLUGS:
            return _list(_slug("A lowercase slug."), description, nullable=nullable_list)
        case FieldType.SIGNATORIES:
            return _list(_ref("signatory", "One signer."), description, nullable=nullable_list)
        case FieldType.RELATIONS:
            return _list(_ref("relation", "One related record."), description, nullable=nullable_list)
        case FieldType.SOURCES:
            return _list(_ref("source", "One source."), description, min_items=1)
    raise AssertionError(f"no schema for {field.type}")


def _fields(*, output: bool) -> dict[str, JSONSchema]:
    """Property schemas of one record, for the JSON output or for the YAML file."""
    return {field.name: _field_schema(field, output=output) for field in FIELD_TABLE if output or not field.derived}


def _dating_rule(*, output: bool) -> JSONSchema:
    """Only an instrument under negotiation or announced may lack a date."""
    date: JSONSchema = {"type": "string"} if output else {"not": {"type": "null"}}
    return {
        "if": {"properties": {"status": {"not": {"enum": _unsigned_statuses()}}}},
        "then": {"required": ["date"], "properties": {"date": date}},
    }


def _defs(*, output: bool) -> dict[str, JSONSchema]:
    return {
        "signatory": _signatory(output=output),
        "relation": _relation(),
        "source": _source(output=output),
    }


def record_schema() -> JSONSchema:
    """The JSON Schema (draft 2020-12) of one record of pactcli's JSON output.

    It matches ``codec.to_dict`` exactly: every field of ``codec.FIELDS`` is
    present (``null`` where unknown), in that order, and no other field is.

    Example::

        >>> schema = record_schema()
        >>> schema["required"][:3]
        ['id', 'name', 'acronym']
    """
    fields = _fields(output=True)
    properties = {name: fields[name] for name in FIELDS}
    return {
        "$schema": DRAFT,
        "$id": RECORD_SCHEMA_ID,
        "title": "pactcli record",
        "description": (
            "One India-US defence instrument as pactcli prints it with --json or --format jsonl. Every field "
            "is present, null where unknown; dates are strings in their own precision plus an integer year. "
            "New fields may be added; renaming or removing one is a breaking change."
        ),
        "type": "object",
        "properties": properties,
        "required": list(FIELDS),
        "additionalProperties": False,
        "allOf": [
            _dating_rule(output=True),
            {
                "if": {"properties": {"date": {"type": "null"}}},
                "then": {"properties": {"year": {"type": "null"}}},
                "else": {"properties": {"year": {"type": "integer"}}},
            },
        ],
        "$defs": _defs(output=True),
    }


def data_file_schema() -> JSONSchema:
    """The JSON Schema (draft 2020-12) of a pactcli dataset file (``data/agreements.yaml``).

    Required and optional fields follow ``validate.py``: ``date`` may be left out
    or null only while the status is under-negotiation or announced, optional
    lists may be null, and the derived fields (signed, year, binding) are not written.
    Dates are accepted as strings (what editors' YAML servers make of an
    unquoted ``2024-08-22``) or as a bare year number. There is no ``year``.

    Example (a ``.vscode/settings.json`` entry for the YAML extension)::

        "yaml.schemas": {"schema/data-file.json": "data/agreements.yaml"}
    """
    fields = _fields(output=False)
    assert tuple(fields) == FILE_FIELDS
    record = _object(
        fields,
        list(REQUIRED_FILE_FIELDS),
        "One instrument. Required: "
        + ", ".join(name + (" (may be null)" if BY_NAME[name].nullable else "") for name in REQUIRED_FILE_FIELDS)
        + ".",
    )
    record["allOf"] = [_dating_rule(output=False)]
    return {
        "$schema": DRAFT,
        "$id": DATA_FILE_SCHEMA_ID,
        "title": "pactcli dataset file",
        "description": (
            "A pactcli dataset: schema_version and a list of agreements. Check a file fully with "
            "'pactcli validate PATH', which also catches duplicate ids, dangling relations and future dates."
        ),
        "type": "object",
        "properties": {
            "schema_version": {
                "const": SCHEMA_VERSION,
                "description": f"The version of this file format; pactcli reads version {SCHEMA_VERSION}.",
            },
            "agreements": _list(_ref("agreement", "One instrument."), "The instruments, one record each."),
        },
        "required": ["agreements"],
        "additionalProperties": False,
        "$defs": {"agreement": record, **_defs(output=False)},
    }
