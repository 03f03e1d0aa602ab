"""How a name typed by a person is compared with the ids, acronyms, aliases and names of records."""

from __future__ import annotations

import re

_DROPPED = str.maketrans("", "", ".'’")
_SEPARATORS = re.compile(r"[\W_]+")
_PARENTHESISED = re.compile(r"\([^)]*\)")


def lookup_key(text: str) -> str:
    """How a typed key is compared: case-folded, dots and apostrophes dropped (``C.O.M.C.A.S.A.``,
    ``India's``), and every run of spaces, dashes and other punctuation one space; so
    ``security-of-supply-arrangement``, ``Security of Supply Arrangement`` and ``security of
    supply arrangement`` are one key."""
    return " ".join(_SEPARATORS.sub(" ", text.casefold().translate(_DROPPED)).split())


def name_keys(name: str) -> tuple[str, ...]:
    """The keys of a full name: the name, and the name without its parenthesised parts."""
    keys = (lookup_key(name), lookup_key(_PARENTHESISED.sub(" ", name)))
    return tuple(key for key in dict.fromkeys(keys) if key)
