"""Which source supports which fact of a record: the data behind ``pactcli cite``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .codec import source_dict, to_dict
from .errors import UsageError
from .fields import SUPPORTABLE
from .model import Agreement, Source


class Fact(NamedTuple):
    """One field of a record, its value (as JSON output gives it) and the sources that state it."""

    field: str
    value: Any
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "sources": [source_dict(s) for s in self.sources]}


def check_field(field: str | None) -> str | None:
    """``field`` if a source can support it; UsageError listing the valid ones otherwise."""
    if field is None or field in SUPPORTABLE:
        return field
    raise UsageError(f"{field!r} is not a fact sources are cited for\nValid facts:\n  " + "\n  ".join(SUPPORTABLE))


def facts(agreement: Agreement, field: str | None = None) -> list[Fact]:
    """Each fact of the record (or only ``field``) with its supporting sources.

    Without ``field``, facts the record leaves empty are left out; asked for by name, a fact is
    always listed, with no sources if nothing is known.
    """
    values = to_dict(agreement)
    names: Sequence[str] = [field] if field else [name for name in SUPPORTABLE if values[name] not in (None, [])]
    return [Fact(name, values[name], tuple(s for s in agreement.sources if name in s.supports)) for name in names]


def cited_sources(agreement: Agreement, field: str | None = None) -> list[Source]:
    """The sources to export: all of the record's, or those that support ``field``."""
    return [s for s in agreement.sources if field is None or field in s.supports]


def citation_key(agreement: Agreement, source: Source) -> str:
    """A stable key for one source of one record: ``sosa-2`` (its position, from 1)."""
    return f"{agreement.id}-{agreement.sources.index(source) + 1}"
