"""The field table: every field of a record, defined once.

``codec`` (the JSON shape), ``validate`` (the data file), ``schema`` (JSON Schemas), ``--fields``
and every renderer read this table; how a value of each field type becomes text is
:mod:`pactcli.output.text`. The patterns values must match and the words they are shown with live
here too.
"""

from __future__ import annotations

import builtins
from enum import StrEnum
from typing import NamedTuple

from .vocabulary import CharacterBasis, DateKind, Kind, LegalCharacter, Status, StatusBasis

#: The dataset file format version this pactcli reads and writes.
SCHEMA_VERSION = 2
#: The top-level keys of a dataset file.
TOP_FIELDS = ("schema_version", "agreements")

#: A lowercase slug: ids, aliases, tags.
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
#: An ISO 3166-1 alpha-2 code.
COUNTRY_PATTERN = r"^[A-Z]{2}$"
#: http or https in any case, then a host; no white space. Means the same in Python and ECMAScript.
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#]\S*$"
#: Some character that is not white space: text may not be blank.
TEXT_PATTERN = r"\S"
# A year 0001-9999 (there is no year 0), then an optional month 01-12, then an optional day 01-31.
# Spelt without look-arounds so that every regex engine an editor may use accepts it.
_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
DATE_PATTERN = rf"^{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"

#: How ``binding`` reads in words, everywhere a person reads it.
BINDING_WORD = {True: "binding", False: "non-binding", None: "unknown"}
#: The words, in the order groups and counts list them.
BINDING_WORDS = tuple(BINDING_WORD.values())
#: The longest a source's quote may be, in words.
QUOTE_MAX_WORDS = 30


def binding_word(value: bool | None) -> str:
    return BINDING_WORD[value]


def decade(year: int | None) -> str:
    """``"2010s"`` for 2016; ``"undated"`` when there is no year."""
    return f"{year // 10 * 10}s" if year is not None else "undated"


class FieldType(StrEnum):
    TEXT = "text"
    SLUG = "slug"
    DATE = "date"
    YEAR = "year"
    BOOL = "bool"
    CHOICE = "choice"  # one value of the field's vocabulary, or null
    COUNTRIES = "countries"
    TEXTS = "texts"
    SLUGS = "slugs"
    SIGNATORIES = "signatories"
    RELATIONS = "relations"
    SOURCES = "sources"


class Field(NamedTuple):
    """One field of a record."""

    name: str
    label: str  # heading on a terminal
    type: FieldType
    description: str
    required: bool = False  # must be present in a data file record
    nullable: bool = True  # may be null (lists: may be empty)
    derived: bool = False  # computed by pactcli, never written in a data file
    choices: builtins.type[StrEnum] | None = None  # the vocabulary of a CHOICE field


# fmt: off
FIELD_TABLE: tuple[Field, ...] = (
    Field("id", "Id", FieldType.SLUG, "Unique identifier: a lowercase slug of letters, digits and '-'.", True, False),
    Field("name", "Name", FieldType.TEXT, "The instrument's official full name.", True, False),
    Field("acronym", "Acronym", FieldType.TEXT, "The short name in common use, such as COMCASA; null when there is none."),
    Field("aliases", "Aliases", FieldType.SLUGS, "Extra lookup keys (lowercase slugs), unique across the dataset together with ids and acronyms."),
    Field("kind", "Kind", FieldType.CHOICE, "What sort of instrument this is.", True, False, choices=Kind),
    Field("signed", "Signed", FieldType.DATE, "When the instrument was signed, where its date is a signing (date_kind signed); else null:", derived=True),
    Field("year", "Year", FieldType.YEAR, "The year of the record's date as an integer, for sorting and grouping; null when it has none.", derived=True),
    Field("date", "Date", FieldType.DATE, "The record's date, the event date_kind names:"),
    Field("date_kind", "Date kind", FieldType.CHOICE, "Which event the date is: signed, exchanged (an exchange of notes completed), agreed (at a meeting, no signing reported), issued (a statement made public unsigned), announced, designated, established (a body set up), first-meeting or effective; null when there is no date.", choices=DateKind),
    Field("in_force", "In force", FieldType.DATE, "When the instrument entered into force:"),
    Field("expires", "Expires", FieldType.DATE, "When the instrument expires or expired, from a stated term:"),
    Field("place", "Place", FieldType.TEXT, 'Where it was signed or issued, such as "Washington, D.C."; null when not known.'),
    Field("parties", "Parties", FieldType.COUNTRIES, "The parties, as ISO 3166-1 alpha-2 codes; at least one.", True, False),
    Field("legal_character", "Character", FieldType.CHOICE, "What the instrument is in law: international-agreement, contract-of-sale, commercial-contract, non-binding-arrangement, political-declaration, forum or unilateral-act; null when not established.", choices=LegalCharacter),
    Field("legal_character_basis", "Character basis", FieldType.CHOICE, "What the legal character rests on: listing (Treaties in Force, TIAS, a treaty series, a Case Act report), text, statement (an official statement), category (an official statement about instruments of its category), rule (the rule for its kind or tag) or not-established.", nullable=False, choices=CharacterBasis),
    Field("binding", "Binding", FieldType.BOOL, "Does it create legal obligations between the governments? Derived from legal_character: true for an international agreement or a government-to-government contract of sale, false for the other characters, null when the legal character is not established.", derived=True),
    Field("status", "Status", FieldType.CHOICE, "Where the instrument stands: in-force, active (a forum still meeting), expired, superseded, concluded (a one-off act), under-negotiation or announced; null when not established.", choices=Status),
    Field("status_basis", "Status basis", FieldType.CHOICE, "What the status rests on: source, a rule (term-ended, successor, one-off-act) or not-established.", nullable=False, choices=StatusBasis),
    Field("signatories", "Signatories", FieldType.SIGNATORIES, "Everyone known to have signed it."),
    Field("summary", "Summary", FieldType.TEXT, "What the instrument does, in 1-3 sentences of the dataset's own words.", True, False),
    Field("provisions", "Provisions", FieldType.TEXTS, "Key commitments, in the dataset's own words."),
    Field("tags", "Tags", FieldType.SLUGS, "Topic tags (lowercase slugs)."),
    Field("related", "Related", FieldType.RELATIONS, "Other records this one relates to."),
    Field("sources", "Sources", FieldType.SOURCES, "The published sources the record rests on, each with the facts it supports; at least one.", True, False),
    Field("notes", "Notes", FieldType.TEXT, "Doubts, conflicting reports and what is unverified; null when there is nothing to add."),
)
# fmt: on

#: Every field name in output order. Adding one is allowed; renaming or removing one breaks scripts.
FIELDS: tuple[str, ...] = tuple(field.name for field in FIELD_TABLE)
BY_NAME: dict[str, Field] = {field.name: field for field in FIELD_TABLE}
#: The fields a data file record may hold, and those it must.
FILE_FIELDS: tuple[str, ...] = tuple(field.name for field in FIELD_TABLE if not field.derived)
REQUIRED_FILE_FIELDS: tuple[str, ...] = tuple(field.name for field in FIELD_TABLE if field.required)

#: Keys of the objects inside list fields, in output order; the first tuple holds the required ones.
SIGNATORY_KEYS = ("name", "title", "country")
SIGNATORY_REQUIRED = ("name", "country")
RELATION_KEYS = ("id", "relation")
#: Keys of a source in the JSON output (``quote``, the first of ``quotes``, is kept for scripts
#: written before quotes were given per fact) and in a data file.
SOURCE_KEYS = ("title", "publisher", "url", "date", "kind", "mirror_of", "supports", "quotes", "quote")
SOURCE_FILE_KEYS = ("title", "publisher", "url", "date", "kind", "mirror_of", "supports", "quotes")
SOURCE_REQUIRED = ("title", "url", "kind")

#: Facts a source can say it supports (``supports: [signed, place]``).
SUPPORTABLE: tuple[str, ...] = (
    "name",
    "kind",
    "date",
    "in_force",
    "expires",
    "place",
    "legal_character",
    "status",
    "signatories",
    "summary",
    "provisions",
    "related",
    "notes",
)
#: Fields a citation can be asked for: the supportable facts, and the derived ones that cite theirs.
CITABLE: tuple[str, ...] = (*SUPPORTABLE, "signed", "date_kind", "binding")
#: Facts that, when the record states them, at least one source must support (``legal_character``
#: and ``status`` only when they rest on a source rather than a rule).
MUST_BE_SUPPORTED: tuple[str, ...] = ("date", "place", "signatories", "in_force", "expires")


def unknown_field_message(names: list[str], option: str = "--fields") -> str:
    shown = ", ".join(repr(name) for name in names) or "nothing"
    return f"unknown field(s) {shown} in {option}\nAvailable fields:\n  " + "\n  ".join(FIELDS)


def parse_fields(spec: str | None, default: tuple[str, ...] = FIELDS) -> tuple[str, ...]:
    """The fields named in ``--fields a,b,c`` (``default`` when None); UsageError lists the valid ones."""
    if spec is None:
        return default
    names = tuple(name.strip() for name in spec.split(",") if name.strip())
    unknown = [name for name in names if name not in BY_NAME]
    if unknown or not names:
        from .errors import UsageError

        raise UsageError(unknown_field_message(unknown))
    return tuple(dict.fromkeys(names))
