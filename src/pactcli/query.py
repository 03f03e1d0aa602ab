"""Pure functions over records: filter, sort, look up, group and compare."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .catalog import Catalog
from .codec import to_dict
from .errors import NotFoundError
from .fields import BINDING_WORDS, GroupKey, binding_word, decade, lookup_key
from .filters import Filters
from .model import Agreement


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
        messages = []
        for key in missing:
            close = suggest_ids(catalog.all(), key)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            messages.append(f"no instrument called {key!r}{hint}")
        raise NotFoundError("\n".join(messages) + "\nTry 'pactcli list' to see every id.")
    return found


def suggest_ids(agreements: Iterable[Agreement], key: str, n: int = 3) -> list[str]:
    """Ids of the records most like ``key``, comparing it with each record's id, aliases,
    acronym and full name; the most similar first."""
    import difflib

    wanted = lookup_key(key)
    scored = []
    for agreement in agreements:
        matcher = difflib.SequenceMatcher(None, b=wanted)
        best = 0.0
        for known in agreement.lookup_keys():
            matcher.set_seq1(known)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
        if best >= 0.6:
            scored.append((-best, agreement.id))
    return [key for _, key in sorted(scored)[:n]]


def by_year(agreements: Iterable[Agreement]) -> list[tuple[int | None, list[Agreement]]]:
    """Records grouped by signing year in date order; unsigned ones last under ``None``."""
    groups: dict[int | None, list[Agreement]] = {}
    for agreement in sorted(agreements, key=sort_key):
        groups.setdefault(agreement.year, []).append(agreement)
    return list(groups.items())


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
