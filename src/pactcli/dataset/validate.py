"""Check a parsed YAML tree against the dataset schema and build the model.

Every problem in the file is collected, each located by line and column and,
where there is one, by record id and field, so ``pactcli validate`` can list
them all at once.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Protocol, TypeVar, cast

from ..core import fields as spec
from ..core.errors import Problem
from ..core.model import (
    UNSIGNED_STATUSES,
    Agreement,
    CharacterBasis,
    DateKind,
    Kind,
    LegalCharacter,
    PartialDate,
    Relation,
    RelationKind,
    Signatory,
    Source,
    SourceKind,
    Status,
    StatusBasis,
)
from ..core.rules import STATUS_RULES, character_problem, rule_problem
from .yamltree import Mapping, Node, Scalar, Sequence

SLUG_RE = re.compile(spec.SLUG_PATTERN)
COUNTRY_RE = re.compile(spec.COUNTRY_PATTERN)
URL_RE = re.compile(spec.URL_PATTERN)
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_PLAIN_NON_TEXT = re.compile(
    r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\d[\d_]*\.\d*(?:[eE][-+]?\d+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
)


T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
#: Fields of a version 1 record, and what version 2 has instead.
VERSION_1_FIELDS = {
    "signed": "'signed' is a version 1 field: write the date as 'date:' and say which event it is in 'date_kind:'",
    "binding": "'binding' is derived now: record 'legal_character' and 'legal_character_basis' instead",
}
#: Facts only a source published after the record's event can report.
EVENT_FACTS = ("date", "place", "signatories", "in_force")


class _Checker:
    """Collects problems while reading one file's tree."""

    def __init__(self, path: str, today: _dt.date) -> None:
        self.path = path
        self.today = today
        self.problems: list[Problem] = []
        self.record_id: str | None = None

    def report(self, node: Node | None, message: str, field: str | None = None) -> None:
        self.problems.append(
            Problem(
                self.path,
                message,
                node.line if node else None,
                node.column if node else None,
                self.record_id,
                field,
            )
        )

    # --- scalars -------------------------------------------------------------

    def is_null(self, node: Node) -> bool:
        return isinstance(node, Scalar) and node.plain and node.value in _PLAIN_NULLS

    def text(self, node: Node, field: str, *, nullable: bool = False) -> str | None:
        if type(node) is Scalar:  # the common case, accepted without a detour (see _text)
            value = node.value
            if (
                not (node.plain and (value in _PLAIN_NULLS or _PLAIN_NON_TEXT.match(value)))
                and value
                and not value.isspace()
                and (value.isascii() or not _SURROGATE.search(value))
            ):
                return value
        return self._text(node, field, nullable)

    def _text(self, node: Node, field: str, nullable: bool) -> str | None:
        if self.is_null(node):
            if not nullable:
                self.report(node, "is required and may not be empty", field)
            return None
        if not isinstance(node, Scalar):
            self.report(node, f"expected text, got a {_shape(node)}", field)
            return None
        if node.plain and _PLAIN_NON_TEXT.match(node.value):
            self.report(
                node,
                f"expected text, got {node.value!r}, which YAML reads as a number or true/false; put it in quotes",
                field,
            )
            return None
        value = node.value
        if not value.strip():
            self.report(node, "is blank", field)
            return None
        if _SURROGATE.search(value):
            self.report(node, "contains a lone surrogate, which is not valid Unicode text", field)
            return None
        return value

    def slug(self, node: Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not SLUG_RE.match(value):
            self.report(
                node,
                f"{value!r} is not a lowercase slug (letters, digits and '-', starting with a letter or digit)",
                field,
            )
            return None
        return value

    def integer(self, node: Node, field: str) -> int | None:
        if isinstance(node, Scalar) and node.plain and re.fullmatch(r"[0-9]{1,6}", node.value):
            return int(node.value)
        shown = node.value if isinstance(node, Scalar) else f"a {_shape(node)}"
        self.report(node, f"expected a small whole number, got {shown!r}", field)
        return None

    def date(self, node: Node, field: str) -> PartialDate | None:
        if self.is_null(node):
            return None
        if not isinstance(node, Scalar):
            self.report(node, f"expected a date, got a {_shape(node)}", field)
            return None
        try:
            value = PartialDate.parse(node.value)
        except ValueError as error:
            self.report(node, str(error), field)
            return None
        if value.earliest() > self.today and field != "expires":  # an end date may lie ahead
            self.report(node, f"{value} is in the future", field)
            return None
        return value

    def choice(self, node: Node, field: str, enum: type[T]) -> T | None:
        value = self.text(node, field)
        if value is None:
            return None
        try:
            return enum(value)  # type: ignore[call-arg]
        except ValueError:
            allowed = [member.value for member in enum]  # type: ignore[attr-defined]
            self.report(node, f"{value!r} is not one of: {', '.join(allowed)}{_hint(value, allowed)}", field)
            return None

    # --- collections ---------------------------------------------------------

    def mapping(self, node: Node, field: str | None, allowed: tuple[str, ...]) -> Mapping | None:
        if not isinstance(node, Mapping):
            what = "the file" if field is None and self.record_id is None else "this"
            self.report(node, f"{what} must be a mapping (key: value), got a {_shape(node)}", field)
            return None
        for key in node.entries:
            if key in VERSION_1_FIELDS and "id" in allowed:
                self.report(node.entries[key][0], VERSION_1_FIELDS[key], field)
            elif key not in allowed:
                self.report(node.entries[key][0], f"unknown field {key!r}{_hint(key, allowed)}", field)
        return node

    def sequence(self, node: Node, field: str) -> list[Node]:
        if self.is_null(node):
            return []
        if not isinstance(node, Sequence):
            self.report(node, f"expected a list, got a {_shape(node)}; write [a, b] or one '- item' a line", field)
            return []
        return node.items

    def items(self, node: Node, field: str, read: Callable[[Node, str], T | None]) -> tuple[T, ...]:
        values = [read(item, field) for item in self.sequence(node, field)]
        return tuple(value for value in values if value is not None)


def _shape(node: Node) -> str:
    if isinstance(node, Scalar) and node.plain and node.value in _PLAIN_NULLS:
        return "null (nothing)"
    if isinstance(node, Mapping):
        return "mapping"
    if isinstance(node, Sequence):
        return "list"
    return "scalar"


def _hint(value: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Sink(Protocol):
    """Where a :class:`Builder` sends what it finds, record by record (a store being built)."""

    def add(self, agreement: Agreement, line: int, column: int) -> None:
        """A record that passed every check of its own, and where it starts."""

    def saw_id(self, record_id: str) -> None:
        """The id of every record in the file, valid or not (relations to it resolve)."""


class Builder:
    """Validates records one at a time, as the parser finishes each, and hands the valid ones to a
    sink, so no record's nodes outlive its check; :meth:`finish` adds the file-level checks. The
    checks across records (unique keys, relations that resolve) are the sink's."""

    def __init__(self, path: str, sink: Sink, today: _dt.date | None = None) -> None:
        self.path = path
        self.today = today or _dt.date.today()
        self._records = _Checker(path, self.today)
        self._sink = sink
        self._streamed = False

    def add(self, record_node: Node) -> None:
        """Check one item of the ``agreements`` list (called by the parser as each one ends)."""
        self._streamed = True
        if isinstance(record_node, Mapping) and "id" in record_node.entries:
            id_node = record_node.entries["id"][1]
            if isinstance(id_node, Scalar):
                self._sink.saw_id(id_node.value)
        self._records.record_id = None
        record = _record(self._records, record_node)
        if record is not None:
            self._sink.add(record, record_node.line, record_node.column)

    def finish(self, root: Node | None) -> list[Problem]:
        """Every problem found: the file's own first, then each record's."""
        check = _Checker(self.path, self.today)
        if self._top(check, root) and not self._streamed:
            for record_node in cast(Sequence, cast(Mapping, root).entries["agreements"][1]).items:
                self.add(record_node)
        return check.problems + self._records.problems

    @staticmethod
    def _top(check: _Checker, root: Node | None) -> bool:
        """Check the file level; whether it holds a list of records."""
        if root is None:
            check.report(
                None, f"the file is empty: expected 'schema_version: {spec.SCHEMA_VERSION}' and an 'agreements:' list"
            )
            return False
        top = check.mapping(root, None, spec.TOP_FIELDS)
        if top is None:
            return False
        if "schema_version" in top.entries:
            read = check.integer(top.entries["schema_version"][1], "schema_version")
            if read is not None and read != spec.SCHEMA_VERSION:
                check.report(
                    top.entries["schema_version"][1],
                    f"schema_version {read} is not supported (expected {spec.SCHEMA_VERSION}; data/README.md says how "
                    "to bring a version 1 file up to date)",
                    "schema_version",
                )
        if "agreements" not in top.entries:
            check.report(top, "missing the 'agreements:' list")
            return False
        records_node = top.entries["agreements"][1]
        if not isinstance(records_node, Sequence):
            check.report(
                records_node, f"'agreements' must be a list of records, got a {_shape(records_node)}", "agreements"
            )
            return False
        return True


def _record(check: _Checker, node: Node) -> Agreement | None:
    if isinstance(node, Mapping) and "id" in node.entries:
        check.record_id = check.slug(node.entries["id"][1], "id")
    before = len(check.problems)
    record = check.mapping(node, None if check.record_id else "agreements", spec.FILE_FIELDS)
    if record is None:
        return None
    entries = {key: value for key, (_, value) in record.entries.items()}
    for name in spec.REQUIRED_FILE_FIELDS:
        if name not in entries:
            check.report(record, "is missing (required)", name)

    def get(name: str, read: Callable[[Node, str], T | None]) -> T | None:
        return read(entries[name], name) if name in entries else None

    def get_items(name: str, read: Callable[[Node, str], T | None]) -> tuple[T, ...]:
        return check.items(entries[name], name, read) if name in entries else ()

    def choice(enum: type[E]) -> Callable[[Node, str], E | None]:
        return lambda n, f: None if check.is_null(n) else check.choice(n, f, enum)

    title = get("name", check.text)
    acronym = get("acronym", lambda n, f: check.text(n, f, nullable=True))
    aliases = get_items("aliases", check.slug)
    kind = get("kind", lambda n, f: check.choice(n, f, Kind))
    date = get("date", check.date)
    date_kind = get("date_kind", choice(DateKind))
    in_force = get("in_force", check.date)
    expires = get("expires", check.date)
    place = get("place", lambda n, f: check.text(n, f, nullable=True))
    parties = get_items("parties", lambda n, f: _country(check, n, f))
    character = get("legal_character", choice(LegalCharacter))
    character_basis = get("legal_character_basis", choice(CharacterBasis)) or CharacterBasis.NOT_ESTABLISHED
    status = get("status", choice(Status))
    status_basis = get("status_basis", choice(StatusBasis)) or StatusBasis.NOT_ESTABLISHED
    signatories = get_items("signatories", lambda n, f: _signatory(check, n, f))
    summary = get("summary", check.text)
    provisions = get_items("provisions", check.text)
    tags = get_items("tags", check.slug)
    related = get_items("related", lambda n, f: _relation(check, n, f))
    sources = get_items("sources", lambda n, f: _source(check, n, f))
    notes = get("notes", lambda n, f: check.text(n, f, nullable=True))

    if any(relation.id == check.record_id for relation in related):
        check.report(entries["related"], "a record cannot be related to itself", "related")
    if "parties" in entries and not parties and len(check.problems) == before:
        check.report(entries["parties"], "needs at least one party", "parties")
    if "sources" in entries and not sources and len(check.problems) == before:
        check.report(entries["sources"], "needs at least one source", "sources")
    if date is None and status not in UNSIGNED_STATUSES and len(check.problems) == before:
        check.report(
            entries.get("date", record),
            "is needed unless status is under-negotiation or announced; give the year if nothing more is known",
            "date",
        )
    if (date is None) is not (date_kind is None) and len(check.problems) == before:
        check.report(
            entries.get("date_kind", record),
            "must be given with a date, and only with one: which event the date is (signed, issued, ...)",
            "date_kind",
        )
    _check_basis(check, entries, record, "legal_character", character, character_basis, CharacterBasis)
    if (problem := character_problem(kind, tags, character, character_basis)) and len(check.problems) == before:
        check.report(entries.get("legal_character", record), problem, "legal_character")
    _check_basis(check, entries, record, "status", status, status_basis, StatusBasis)
    if status is not None and status_basis in STATUS_RULES:
        problem = rule_problem(status_basis, status, character, expires, check.today)
        if problem:
            check.report(entries["status_basis"], problem, "status_basis")
    for signatory in signatories:
        if parties and signatory.country not in parties:
            check.report(
                entries["signatories"],
                f"{signatory.name} signs for {signatory.country}, which is not among the parties",
                "signatories",
            )
    for source in sources:
        reports_event = set(source.supports) & set(EVENT_FACTS)
        if date and source.date and source.date.latest() < date.earliest() and reports_event:
            check.report(
                entries["sources"],
                f"source dated {source.date} cannot report an event of {date} "
                f"(it supports {', '.join(sorted(reports_event))})",
                "sources",
            )

    if "sources" in entries:
        stated: dict[str, object] = {
            "date": date,
            "place": place,
            "signatories": signatories or None,
            "in_force": in_force,
            "expires": expires,
            "legal_character": character,
            "status": status if status_basis is StatusBasis.SOURCE else None,
        }
        _check_provenance(check, entries, sources, stated)

    if len(check.problems) > before or check.record_id is None:
        return None
    assert title and kind and summary is not None
    return Agreement(
        id=check.record_id,
        name=title,
        acronym=acronym,
        aliases=aliases,
        kind=kind,
        date=date,
        date_kind=date_kind,
        in_force=in_force,
        expires=expires,
        place=place,
        parties=parties,
        legal_character=character,
        legal_character_basis=character_basis,
        status=status,
        status_basis=status_basis,
        signatories=signatories,
        summary=summary,
        provisions=provisions,
        tags=tags,
        related=related,
        sources=sources,
        notes=notes,
    )


def _check_basis(
    check: _Checker,
    entries: dict[str, Node],
    record: Node,
    field: str,
    value: object,
    basis: StrEnum,
    enum: type[StrEnum],
) -> None:
    """A value has a basis, and a basis other than not-established has a value."""
    not_established = enum("not-established")
    invalid = value is None and field in entries and not check.is_null(entries[field])  # already reported
    if value is None and basis is not not_established and not invalid:
        check.report(
            entries[f"{field}_basis"], f"a basis is given but {field} is null; drop the basis", f"{field}_basis"
        )
    if value is not None and basis is not_established:
        where = entries.get(f"{field}_basis", entries.get(field, record))
        allowed = ", ".join(member.value for member in enum if member is not not_established)
        check.report(where, f"{field} needs {field}_basis: one of {allowed}", f"{field}_basis")


def _check_provenance(
    check: _Checker, entries: dict[str, Node], sources: tuple[Source, ...], stated: dict[str, object]
) -> None:
    """Every fact the record states is named in the ``supports`` of one of its sources."""
    supported = {fact for source in sources for fact in source.supports}
    for name in (*spec.MUST_BE_SUPPORTED, "legal_character", "status"):
        if stated[name] is not None and name not in supported:
            check.report(
                entries[name],
                f"no source supports it: add {name!r} to the 'supports' list of a source that states it, "
                "or set it to null and say why in notes",
                name,
            )


def _country(check: _Checker, node: Node, field: str) -> str | None:
    value = check.text(node, field)
    if value is not None and not COUNTRY_RE.match(value):
        check.report(node, f"{value!r} is not an ISO 3166-1 alpha-2 code such as IN or US", field)
        return None
    return value


class _Entry:
    """The keys of one nested mapping (a signatory, relation or source), each read by a checker
    method under the field's dotted name; a missing required key is reported once."""

    def __init__(
        self, check: _Checker, node: Node, field: str, keys: tuple[str, ...], required: tuple[str, ...], noun: str
    ):
        self.check, self.field = check, field
        entry = check.mapping(node, field, keys)
        self.values = {} if entry is None else {key: value for key, (_, value) in entry.entries.items()}
        self.ok = entry is not None
        for key in required if entry is not None else ():
            if key not in self.values:
                check.report(entry, f"a {noun} needs {key!r}", field)

    def get(self, key: str, read: Callable[..., T | None], *args: Any, **kwargs: Any) -> T | None:
        return read(self.values[key], f"{self.field}.{key}", *args, **kwargs) if key in self.values else None


def _signatory(check: _Checker, node: Node, field: str) -> Signatory | None:
    entry = _Entry(check, node, field, spec.SIGNATORY_KEYS, spec.SIGNATORY_REQUIRED, "signatory")
    name = entry.get("name", check.text)
    title = entry.get("title", check.text, nullable=True)
    country = entry.get("country", lambda n, f: _country(check, n, f))
    return Signatory(name, title, country) if name and country else None


def _relation(check: _Checker, node: Node, field: str) -> Relation | None:
    entry = _Entry(check, node, field, spec.RELATION_KEYS, spec.RELATION_KEYS, "relation")
    target = entry.get("id", check.slug)
    kind = entry.get("relation", check.choice, RelationKind)
    return Relation(target, kind) if target and kind else None


def _source(check: _Checker, node: Node, field: str) -> Source | None:
    entry = _Entry(check, node, field, spec.SOURCE_FILE_KEYS, spec.SOURCE_REQUIRED, "source")
    if not entry.ok:
        return None
    title = entry.get("title", check.text)
    publisher = entry.get("publisher", check.text, nullable=True)
    url = entry.get("url", check.text)
    if url is not None and not URL_RE.match(url):
        check.report(entry.values["url"], f"{url!r} is not an http(s) URL", f"{field}.url")
        url = None
    date = entry.get("date", check.date)
    kind = entry.get("kind", check.choice, SourceKind)
    mirror_of = entry.get("mirror_of", check.text, nullable=True)
    if (kind is SourceKind.MIRROR) is not (mirror_of is not None) and kind is not None:
        check.report(
            entry.values.get("mirror_of", node),
            "a mirror names the official document it copies in mirror_of, and only a mirror does",
            f"{field}.mirror_of",
        )
    supports = tuple(dict.fromkeys(entry.get("supports", check.items, lambda n, f: _supported_fact(check, n, f)) or ()))
    quotes = entry.get("quotes", lambda n, f: _quotes(check, n, f, supports)) or ()
    if not (title and url and kind):
        return None
    return Source(title, publisher, url, date, kind, mirror_of, supports, quotes)


def _quotes(check: _Checker, node: Node, field: str, supports: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``quotes``: fact → the source's own words for it, for facts the source supports."""
    entry = check.mapping(node, field, spec.SUPPORTABLE)
    if entry is None:
        return ()
    found = {}
    for fact, (key_node, value_node) in entry.entries.items():
        text = check.text(value_node, f"{field}.{fact}")
        if fact not in supports:
            check.report(key_node, f"a quote for {fact!r}, which this source does not support", field)
        elif text is not None and len(text.split()) > spec.QUOTE_MAX_WORDS:
            check.report(
                value_node,
                f"a quote is at most {spec.QUOTE_MAX_WORDS} words (this one has {len(text.split())}); "
                "keep the words that state the fact",
                f"{field}.{fact}",
            )
        elif text is not None:
            found[fact] = text
    return tuple((fact, found[fact]) for fact in supports if fact in found)


def _supported_fact(check: _Checker, node: Node, field: str) -> str | None:
    value = check.text(node, field)
    if value is not None and value not in spec.SUPPORTABLE:
        check.report(
            node,
            f"{value!r} is not a fact a source can support; use one of: {', '.join(spec.SUPPORTABLE)}{_hint(value, spec.SUPPORTABLE)}",
            field,
        )
        return None
    return value
