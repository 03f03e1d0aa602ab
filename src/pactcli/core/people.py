"""Who signed what: signatories gathered across records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .model import Agreement
from .names import lookup_key
from .query import sort_key


class Signing(NamedTuple):
    agreement: Agreement
    title: str | None


class Person(NamedTuple):
    name: str
    country: str
    titles: tuple[str, ...]
    signings: tuple[Signing, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "country": self.country,
            "titles": list(self.titles),
            "instruments": [
                {
                    "id": s.agreement.id,
                    "name": s.agreement.name,
                    "acronym": s.agreement.acronym,
                    "date": str(s.agreement.date) if s.agreement.date else None,
                    "title": s.title,
                }
                for s in self.signings
            ],
        }


def signatories(agreements: Iterable[Agreement], name: str | None = None) -> list[Person]:
    """Everyone who signed something (optionally only those whose name or title at the signing
    contains ``name``, compared as lookups compare), busiest first."""
    wanted = None if name is None else lookup_key(name)
    found: dict[tuple[str, str], list[Signing]] = {}
    for agreement in sorted(agreements, key=sort_key):
        for person in agreement.signatories:
            if wanted is not None and wanted not in lookup_key(f"{person.name} | {person.title or ''}"):
                continue
            found.setdefault((person.name, person.country), []).append(Signing(agreement, person.title))
    people = [
        Person(person, country, tuple(dict.fromkeys(s.title for s in signings if s.title)), tuple(signings))
        for (person, country), signings in found.items()
    ]
    return sorted(people, key=lambda p: (-len(p.signings), p.name.casefold()))


def similar_names(agreements: Iterable[Agreement], name: str) -> list[str]:
    """Signatories whose name has a word like ``name`` (for "did you mean"), most alike first."""
    import difflib

    people = sorted({person.name for agreement in agreements for person in agreement.signatories})
    scored = []
    for person in people:
        words = [person.casefold(), *person.casefold().split()]
        score = max(difflib.SequenceMatcher(None, name.casefold(), word).ratio() for word in words)
        if score >= 0.75:
            scored.append((-score, person))
    return [person for _, person in sorted(scored)[:3]]
