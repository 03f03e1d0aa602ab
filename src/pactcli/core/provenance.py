"""Which source supports which fact of a record, and on what basis a derived value rests: the data
behind ``pactcli cite``."""

from __future__ import annotations

from typing import Any, NamedTuple

from .codec import source_dict, to_dict
from .errors import UsageError
from .fields import CITABLE, SUPPORTABLE
from .model import Agreement, PartialDate, Source
from .rules import BINDING_RULE, STATUS_RULES
from .vocabulary import CharacterBasis, StatusBasis

#: Values derived from another fact, and that fact: a citation of one shows the sources of the other.
CITED_FOR = {"signed": "date", "date_kind": "date", "binding": "legal_character"}
#: The facts ``cite ID`` lists even when the record leaves them empty: what is not established says so.
ALWAYS_SHOWN = ("legal_character", "status")

_CHARACTER_BASIS = {
    CharacterBasis.LISTING: "listed in Treaties in Force, TIAS, a treaty series or a Case Act report",
    CharacterBasis.TEXT: "the instrument's own text",
    CharacterBasis.STATEMENT: "an official statement of its legal character",
    CharacterBasis.CATEGORY: "an official statement about instruments of its category",
    CharacterBasis.RULE: "the rule for its kind, in data/README.md",
    CharacterBasis.NOT_ESTABLISHED: "not established: no source in the record states it",
}


class Fact(NamedTuple):
    """One field of a record, its value (as JSON output gives it), what it rests on (in words), and
    the sources that state it (those of the fact it is derived from, for a derived value)."""

    field: str
    value: Any
    basis: str | None
    sources: tuple[Source, ...]

    @property
    def cited(self) -> str:
        """The fact the sources are cited for: this one, or the one it is derived from."""
        return CITED_FOR.get(self.field, self.field)

    def to_dict(self) -> dict[str, Any]:
        """The fact for ``cite --json``: each source with its own words for this fact as ``quote``."""
        return {
            "field": self.field,
            "value": self.value,
            "basis": self.basis,
            "sources": [{**source_dict(s), "quote": s.quote_for(self.cited)} for s in self.sources],
        }


def check_field(field: str | None) -> str | None:
    """``field`` if it can be cited; UsageError listing the valid ones otherwise."""
    if field is None or field in CITABLE:
        return field
    raise UsageError(f"{field!r} is not a fact sources are cited for\nValid facts:\n  " + "\n  ".join(CITABLE))


def basis(agreement: Agreement, field: str) -> str | None:
    """In words, what a value rests on where that is more than its sources; None for a plain fact."""
    if field == "status":
        if agreement.status_basis in STATUS_RULES:
            return f"derived by a rule: {STATUS_RULES[agreement.status_basis][1]}"
        return (
            "not established: no source in the record states it and no rule derives it"
            if (agreement.status_basis is StatusBasis.NOT_ESTABLISHED)
            else "stated by a source"
        )
    if field == "legal_character":
        return _CHARACTER_BASIS[agreement.legal_character_basis]
    if field == "binding":
        return f"derived from the legal character: {BINDING_RULE}"
    if field == "signed" and agreement.signed is None and agreement.date_kind is not None:
        return f"not a signing: the record's date is of the kind {agreement.date_kind.value!r}"
    return None


def latest_source_date(agreement: Agreement, field: str) -> PartialDate | None:
    """When the most recent dated source that states ``field`` was published: how current a status
    stated by a source is (an ``active`` forum attested in 2016 or in 2025)."""
    return max((s.date for s in agreement.sources if field in s.supports and s.date is not None), default=None)


def facts(agreement: Agreement, field: str | None = None) -> list[Fact]:
    """Each fact of the record (or only ``field``) with what it rests on and its sources.

    Without ``field``, facts the record leaves empty are left out, but for the legal character and
    the status, which say that they are not established; asked for by name, a fact is always listed.
    """
    values = to_dict(agreement)
    names = [field] if field else [n for n in SUPPORTABLE if values[n] not in (None, []) or n in ALWAYS_SHOWN]
    found = []
    for name in names:
        cited = CITED_FOR.get(name, name)
        sources = tuple(s for s in agreement.sources if cited in s.supports)
        found.append(Fact(name, values[name], basis(agreement, name), sources))
    return found


def cited_sources(agreement: Agreement, field: str | None = None) -> list[Source]:
    """The sources to export: all of the record's, or those that support ``field``."""
    cited = CITED_FOR.get(field, field) if field else None
    return [s for s in agreement.sources if cited is None or cited in s.supports]


def shown_quotes(source: Source, field: str | None) -> list[tuple[str, str]]:
    """The quotes to show beside a source: only ``field``'s when one fact is cited, else all."""
    if field is None:
        return list(source.quotes)
    cited = CITED_FOR.get(field, field)
    quote = source.quote_for(cited)
    return [(cited, quote)] if quote else []


def citation_key(agreement: Agreement, source: Source) -> str:
    """A stable key for one source of one record: ``sosa-2`` (its position, from 1)."""
    return f"{agreement.id}-{agreement.sources.index(source) + 1}"
