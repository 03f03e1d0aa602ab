"""Ranked full-text search over the text of records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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


#: Endings taken off a word before it is compared, and what replaces them (the first that fits).
_ENDINGS = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A word without a plural or common verb ending ("engines", "signed" -> "engin", "sign"), so
    that word forms meet; a stem keeps at least three letters, and -ss, -us, -is words keep their s."""
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            if ending == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(ending)] + replacement
    return word


def _matches(term: str, text: str, joined: str) -> bool:
    """Whether the text has a word that begins with the term's stem (as written or stemmed), or,
    with spaces taken out, holds it ("geospatial" in "geo-spatial")."""
    root = stem(term)
    return any(word.startswith(root) or stem(word).startswith(root) for word in text.split()) or root in joined


def search(agreements: Iterable[Agreement], query: str) -> list[Hit]:
    """Records matching every word of ``query`` in any of its forms (as the beginning of a word,
    anywhere in the record), best first."""
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


def _vocabulary(agreements: Iterable[Agreement]) -> dict[str, str]:
    """Every word a search can match, folded, mapped to how to show it (acronyms keep their case)."""
    words: dict[str, str] = {}
    agreements = list(agreements)
    for agreement in agreements:  # acronyms first, so that "lemoa" in a note is shown as LEMOA
        if agreement.acronym:
            for word in normalise(agreement.acronym).split():
                words.setdefault(word, agreement.acronym if " " not in agreement.acronym else word)
    for agreement in agreements:
        for text in _texts(agreement).values():
            for word in normalise(text).split():
                words.setdefault(word, word)
    return words


def no_hit_message(agreements: Sequence[Agreement], query: str, filters: str) -> str:
    """Why a search found nothing: the filters removed the hits, or a word matches nothing (with suggestions)."""
    import difflib

    everywhere = search(agreements, query)
    if everywhere and filters:
        return (
            f"{len(everywhere)} instrument(s) match {query!r}, but none passes the filters ({filters})\n"
            "Drop or widen a filter to see them."
        )
    vocabulary = _vocabulary(agreements)
    hints = []
    for word in terms(query):
        if not any(known.startswith(word) for known in vocabulary):
            close = difflib.get_close_matches(word, list(vocabulary), n=3, cutoff=0.7)
            hints += [vocabulary[c] for c in close]
    hint = f"; did you mean {' or '.join(repr(h) for h in dict.fromkeys(hints))}?" if hints else ""
    return f"nothing matches {query!r}{hint}\nTry fewer or shorter words, or 'pactcli list' to browse."
