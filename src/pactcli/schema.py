"""JSON Schemas for pactcli's record output and for its YAML dataset file.

``record_schema()`` describes one record exactly as ``codec.to_dict`` writes it,
which is what ``--json``/``--format jsonl`` print and what ``pactcli schema``
shows. ``data_file_schema()`` describes the dataset file (design.md §2) for
editors' YAML language servers, so a maintainer sees mistakes as they type.

Both are plain dicts, built afresh on every call from the model's enums so the
allowed values cannot drift from the code. The patterns mirror ``validate.py``
and are written to mean the same in Python and ECMAScript regex dialects.

Some rules need the whole file or today's date, and only ``pactcli validate``
checks them: ids, acronyms and aliases unique across the file, every related id
present, dates not in the future, real calendar days (30 February), a
signatory's country among the parties, sources not older than the signing.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from .codec import FIELDS
from .model import UNSIGNED_STATUSES, Kind, RelationKind, Status

JSONSchema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_URL = "https://github.com/pactcli/pactcli/schema/"
RECORD_SCHEMA_ID = BASE_URL + "record.json"
DATA_FILE_SCHEMA_ID = BASE_URL + "data-file.json"

#: The dataset ``schema_version`` these schemas describe.
SCHEMA_VERSION = 1

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
#: Some character that is not white space: text may not be blank.
TEXT_PATTERN = r"\S"
#: http or https in any case, then a host; no white space anywhere (as validate.URL_RE).
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#]\S*$"
# A year 0001-9999 (there is no year 0), then an optional month 01-12, then an optional day 01-31.
# Spelt without look-arounds so that every regex engine an editor may use accepts it.
_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
DATE_PATTERN = rf"^{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"

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
    properties = {
        "name": _text("The signer's name as the sources give it."),
        "title": _text("The signer's office at the time of signing; null when not known.", nullable=True),
        "country": _country("The party the signer signed for: an ISO 3166-1 alpha-2 code such as IN or US."),
    }
    required = list(properties) if output else ["name", "country"]
    return _object(properties, required, "One person who signed the instrument.")


def _relation() -> JSONSchema:
    properties = {
        "id": _slug("The id of the related record (it must exist in the same dataset)."),
        "relation": _enum(RelationKind, "How this record relates to that one: this record <relation> that one."),
    }
    return _object(properties, list(properties), "A link to another record in the dataset.")


def _source(*, output: bool) -> JSONSchema:
    date = _output_date if output else _input_date
    properties = {
        "title": _text("The title of the source document or page."),
        "publisher": _text("Who published the source; null when not recorded.", nullable=True),
        "url": {"type": "string", "pattern": URL_PATTERN, "description": "Where to read the source: an http(s) URL."},
        "date": date("When the source was published:"),
    }
    required = list(properties) if output else ["title", "url"]
    return _object(properties, required, "A published source that supports the record.")


def _fields(*, output: bool) -> dict[str, JSONSchema]:
    """Property schemas of one record, for the JSON output or for the YAML file."""
    date = _output_date if output else _input_date
    optional = not output  # In the YAML file an optional list may be null (read as empty); output always has a list.
    return {
        "id": _slug("Unique identifier: a lowercase slug of letters, digits and '-'."),
        "name": _text("The instrument's official full name."),
        "acronym": _text("The short name in common use, such as COMCASA; null when there is none.", nullable=True),
        "aliases": _list(
            _slug("An extra lookup key: a lowercase slug."),
            "Extra lookup keys (lowercase slugs), unique across the dataset together with ids and acronyms.",
            nullable=optional,
        ),
        "kind": _enum(Kind, "What sort of instrument this is."),
        "signed": date("When the instrument was signed:"),
        "year": {
            "type": ["integer", "null"],
            "minimum": 1,
            "description": "The year of signing as an integer, for sorting and grouping; null when not signed.",
        },
        "in_force": date("When the instrument entered into force:"),
        "expires": date("When the instrument expires or expired:"),
        "place": _text('Where it was signed, such as "Washington, D.C."; null when not known.', nullable=True),
        "parties": _list(
            _country("A party: an ISO 3166-1 alpha-2 code such as IN or US."),
            "The parties, as ISO 3166-1 alpha-2 codes; at least one.",
            min_items=1,
        ),
        "binding": {
            "type": ["boolean", "null"],
            "description": (
                "Does it create obligations under international law? true or false when a source says so or "
                "the instrument's kind makes it plain; null when not known."
            ),
        },
        "status": _enum(
            Status,
            "Where the instrument stands: concluded is a one-off act (such as a designation); "
            "under-negotiation and announced instruments may have no signing date.",
        ),
        "signatories": _list(_ref("signatory", "One signer."), "Everyone known to have signed it.", nullable=optional),
        "summary": _text("What the instrument does, in 1-3 sentences of the dataset's own words."),
        "provisions": _list(
            _text("One key commitment."), "Key commitments, in the dataset's own words.", nullable=optional
        ),
        "tags": _list(_slug("A topic tag: a lowercase slug."), "Topic tags (lowercase slugs).", nullable=optional),
        "related": _list(
            _ref("relation", "One related record."), "Other records this one relates to.", nullable=optional
        ),
        "sources": _list(
            _ref("source", "One source."), "The published sources the record rests on; at least one.", min_items=1
        ),
        "notes": _text(
            "Doubts, conflicting reports and what is unverified; null when there is nothing to add.", nullable=True
        ),
    }


def _signing_rule(*, output: bool) -> JSONSchema:
    """Only an instrument under negotiation or announced may lack a signing date."""
    signed: JSONSchema = {"type": "string"} if output else {"not": {"type": "null"}}
    return {
        "if": {"required": ["status"], "properties": {"status": {"not": {"enum": _unsigned_statuses()}}}},
        "then": {"required": ["signed"], "properties": {"signed": signed}},
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
            _signing_rule(output=True),
            {
                "if": {"properties": {"signed": {"type": "null"}}},
                "then": {"properties": {"year": {"type": "null"}}},
                "else": {"properties": {"year": {"type": "integer"}}},
            },
        ],
        "$defs": _defs(output=True),
    }


def data_file_schema() -> JSONSchema:
    """The JSON Schema (draft 2020-12) of a pactcli dataset file (``data/agreements.yaml``).

    Required and optional fields follow ``validate.py``: ``binding`` must be
    present but may be null, ``signed`` may be left out or null only while the
    status is under-negotiation or announced, optional lists may be null.
    Dates are accepted as strings (what editors' YAML servers make of an
    unquoted ``2024-08-22``) or as a bare year number. There is no ``year``.

    Example (a ``.vscode/settings.json`` entry for the YAML extension)::

        "yaml.schemas": {"schema/data-file.json": "data/agreements.yaml"}
    """
    fields = _fields(output=False)
    del fields["year"]
    record = _object(
        fields,
        ["id", "name", "kind", "parties", "binding", "status", "summary", "sources"],
        "One instrument. Required: id, name, kind, parties, binding (may be null), status, summary, sources.",
    )
    record["allOf"] = [_signing_rule(output=False)]
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
