"""Ranked full-text search over the text of records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .model import Agreement

# How much a hit in each part of a record counts.
WEIGHTS = {
    "acronym": 8.0,
    "id": 6.0,
    "name": 5.0,
    "aliases": 4.0,
    "signatories": 4.0,
    "tags": 3.0,
    "summary": 2.0,
    "provisions": 2.0,
    "place": 2.0,
    "kind": 1.0,
    "notes": 0.5,
}
PHRASE_BONUS = 3.0


class Hit(NamedTuple):
    agreement: Agreement
    score: float
    fields: tuple[str, ...]  # where the query matched, best first


def _texts(agreement: Agreement) -> dict[str, str]:
    people = [f"{p.name} {p.title or ''}" for p in agreement.signatories]
    return {
        "acronym": agreement.acronym or "",
        "id": agreement.id,
        "name": agreement.name,
        "aliases": " ".join(agreement.aliases),
        "signatories": " ".join(people),
        "tags": " ".join(agreement.tags),
        "summary": agreement.summary,
        "provisions": " ".join(agreement.provisions),
        "place": agreement.place or "",
        "kind": agreement.kind.value,
        "notes": agreement.notes or "",
    }


def normalise(text: str) -> str:
    """Case-folded, with hyphens and punctuation as spaces, so "geo-spatial" meets "geospatial"."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def terms(query: str) -> list[str]:
    return normalise(query).split()


def _matches(term: str, text: str, joined: str) -> bool:
    return re.search(rf"\b{re.escape(term)}", text) is not None or term in joined


def search(agreements: Iterable[Agreement], query: str) -> list[Hit]:
    """Records matching every word of ``query`` (as a word prefix, anywhere), best first."""
    words = terms(query)
    if not words:
        return []
    phrase = " ".join(words)
    hits = []
    for agreement in agreements:
        score = 0.0
        fields: dict[str, float] = {}
        matched_words: set[str] = set()
        for field, raw in _texts(agreement).items():
            text = normalise(raw)
            joined = text.replace(" ", "")
            weight = WEIGHTS[field]
            for word in words:
                if _matches(word, text, joined):
                    matched_words.add(word)
                    fields[field] = fields.get(field, 0.0) + weight
                    score += weight
            if len(words) > 1 and (phrase in text or phrase.replace(" ", "") in joined):
                score += weight * PHRASE_BONUS
                fields[field] = fields.get(field, 0.0) + weight * PHRASE_BONUS
        if matched_words == set(words):
            ranked = tuple(sorted(fields, key=lambda f: -fields[f]))
            hits.append(Hit(agreement, score, ranked))
    return sorted(hits, key=lambda h: (-h.score, h.agreement.id))
