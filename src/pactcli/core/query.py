"""Pure functions over records: filter, sort, look up, group and compare."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import NotFoundError
from .fields import BINDING_WORDS, binding_word, decade
from .filters import UNKNOWN_STATUS
from .names import lookup_key
from .vocabulary import GroupKey

if TYPE_CHECKING:
    from .catalog import Catalog
    from .model import Agreement
    from .summary import Summary


def sort_key(agreement: Agreement | Summary) -> tuple[Any, ...]:
    """Chronological order; undated instruments come last, then by id."""
    if agreement.date is None:
        return (1, 0, 0, 0, agreement.id)
    date = agreement.date
    return (0, date.year, date.month or 0, date.day or 0, agreement.id)


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
        known = catalog.keys()
        for key in missing:
            parts = [part.strip() for part in key.split(",") if part.strip()]
            close = suggest_ids(known, key)
            if len(parts) > 1 and all(catalog.find(part) for part in parts):
                hint = f"; give each id as its own argument: {' '.join(parts)}"
            else:
                hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            messages.append(f"no instrument called {key!r}{hint}")
        raise NotFoundError("\n".join(messages) + "\nTry 'pactcli list' to see every id.")
    return found


def suggest_ids(keys: Iterable[tuple[str, str]], key: str, n: int = 3) -> list[str]:
    """Ids of the records most like ``key``, comparing it with each lookup key (id, aliases,
    acronym and full name, as :meth:`Catalog.keys` gives them); the most similar first."""
    import difflib

    matcher = difflib.SequenceMatcher(None, b=lookup_key(key))
    best: dict[str, float] = {}
    for known, record_id in keys:
        matcher.set_seq1(known)
        score = best.get(record_id, 0.0)
        if matcher.real_quick_ratio() > score and matcher.quick_ratio() > score:
            best[record_id] = max(score, matcher.ratio())
    scored = sorted((-score, record_id) for record_id, score in best.items() if score >= 0.6)
    return [record_id for _, record_id in scored[:n]]


def by_year(agreements: Iterable[Summary]) -> list[tuple[int | None, list[Summary]]]:
    """Records grouped by the year of their date, in date order; undated ones last under ``None``."""
    groups: dict[int | None, list[Summary]] = {}
    for agreement in sorted(agreements, key=sort_key):
        groups.setdefault(agreement.year, []).append(agreement)
    return list(groups.items())


NO_SIGNATORY = "(no named signatory)"

GROUPERS: dict[GroupKey, Callable[[Agreement], list[str]]] = {
    GroupKey.BINDING: lambda a: [binding_word(a.binding)],
    GroupKey.KIND: lambda a: [a.kind.value],
    GroupKey.STATUS: lambda a: [a.status.value if a.status else UNKNOWN_STATUS],
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
    from .codec import to_dict

    rows = [to_dict(a) for a in agreements]
    return {name for name in fields if any(row[name] != rows[0][name] for row in rows[1:])}
