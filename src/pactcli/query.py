"""Pure functions over records: filter, sort, look up, group and compare."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from .catalog import Catalog
from .codec import to_dict
from .errors import NotFoundError
from .fields import BINDING_WORDS, binding_word, decade
from .model import Agreement, Kind, PartialDate, Status


class Filters(NamedTuple):
    """The record filters shared by list, timeline, search and stats. ``None`` means "any"."""

    since: PartialDate | None = None
    until: PartialDate | None = None
    binding: bool | None = None
    kinds: tuple[Kind, ...] = ()
    statuses: tuple[Status, ...] = ()
    tags: tuple[str, ...] = ()
    signatory: str | None = None
    parties: tuple[str, ...] = ()

    @classmethod
    def from_values(
        cls,
        since: str | None = None,
        until: str | None = None,
        binding: bool | None = None,
        kind: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        tag: str | Iterable[str] | None = None,
        signatory: str | None = None,
        party: str | Iterable[str] | None = None,
    ) -> Filters:
        """Build filters from plain values (as the Python API receives them); raise ValueError."""
        return cls(
            since=PartialDate.parse(since) if since else None,
            until=PartialDate.parse(until) if until else None,
            binding=binding,
            kinds=tuple(Kind(value) for value in _many(kind)),
            statuses=tuple(Status(value) for value in _many(status)),
            tags=tuple(value.casefold() for value in _many(tag)),
            signatory=signatory or None,
            parties=tuple(value.upper() for value in _many(party)),
        )

    def accepts(self, agreement: Agreement) -> bool:
        signed = agreement.signed
        if self.since is not None and (signed is None or signed.latest() < self.since.earliest()):
            return False
        if self.until is not None and (signed is None or signed.earliest() > self.until.latest()):
            return False
        if self.binding is not None and agreement.binding is not self.binding:
            return False
        if self.kinds and agreement.kind not in self.kinds:
            return False
        if self.statuses and agreement.status not in self.statuses:
            return False
        if self.tags and not set(self.tags) & set(agreement.tags):
            return False
        if self.parties and not set(self.parties) <= set(agreement.parties):
            return False
        if self.signatory is not None:
            wanted = self.signatory.casefold()
            if not any(wanted in person.name.casefold() for person in agreement.signatories):
                return False
        return True


def _many(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def sort_key(agreement: Agreement) -> tuple[Any, ...]:
    """Chronological order; unsigned instruments come last, then by id."""
    if agreement.signed is None:
        return (1, 0, 0, 0, agreement.id)
    signed = agreement.signed
    return (0, signed.year, signed.month or 0, signed.day or 0, agreement.id)


def select(agreements: Iterable[Agreement], filters: Filters) -> list[Agreement]:
    """The records that pass the filters, sorted by date."""
    return sorted((a for a in agreements if filters.accepts(a)), key=sort_key)


def lookup(catalog: Catalog, keys: Sequence[str]) -> list[Agreement]:
    """The records for each key (id, acronym or alias, any case), in the order asked.

    Raises NotFoundError naming every unknown key with close suggestions.
    """
    found: list[Agreement] = []
    missing: list[str] = []
    for key in keys:
        agreement = catalog.find(key.strip())
        if agreement is None:
            missing.append(key)
        elif agreement not in found:
            found.append(agreement)
    if missing:
        import difflib

        known = catalog.lookup_keys()
        messages = []
        for key in missing:
            close = difflib.get_close_matches(key.casefold(), known, n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            messages.append(f"no instrument called {key!r}{hint}")
        raise NotFoundError("\n".join(messages) + "\nTry 'pactcli list' to see every id.")
    return found


def by_year(agreements: Iterable[Agreement]) -> list[tuple[int | None, list[Agreement]]]:
    """Records grouped by signing year in date order; unsigned ones last under ``None``."""
    groups: dict[int | None, list[Agreement]] = {}
    for agreement in sorted(agreements, key=sort_key):
        groups.setdefault(agreement.year, []).append(agreement)
    return list(groups.items())


class GroupKey(StrEnum):
    """What ``compare --by`` can group by."""

    BINDING = "binding"
    KIND = "kind"
    STATUS = "status"
    DECADE = "decade"
    SIGNATORY = "signatory"


NO_SIGNATORY = "(no named signatory)"

GROUPERS: dict[GroupKey, Callable[[Agreement], list[str]]] = {
    GroupKey.BINDING: lambda a: [binding_word(a.binding)],
    GroupKey.KIND: lambda a: [a.kind.value],
    GroupKey.STATUS: lambda a: [a.status.value],
    GroupKey.DECADE: lambda a: [decade(a.year)],
    GroupKey.SIGNATORY: lambda a: [s.name for s in a.signatories] or [NO_SIGNATORY],
}


def group_by(agreements: Iterable[Agreement], key: GroupKey) -> list[tuple[str, list[Agreement]]]:
    """Records grouped by ``key``, groups in a stable, meaningful order."""
    groups: dict[str, list[Agreement]] = {}
    for agreement in sorted(agreements, key=sort_key):
        for label in GROUPERS[key](agreement):
            groups.setdefault(label, []).append(agreement)
    match key:
        case GroupKey.BINDING:
            return sorted(groups.items(), key=lambda item: BINDING_WORDS.index(item[0]))
        case GroupKey.DECADE:
            return sorted(groups.items(), key=lambda item: (item[0] == decade(None), item[0]))
        case GroupKey.SIGNATORY:
            return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def differing_fields(agreements: Sequence[Agreement], fields: Sequence[str]) -> set[str]:
    """The fields whose values are not the same across all the records."""
    rows = [to_dict(a) for a in agreements]
    return {name for name in fields if any(row[name] != rows[0][name] for row in rows[1:])}
