"""How a name typed by a person is compared with the ids, acronyms, aliases and names of records."""

from __future__ import annotations


def lookup_key(text: str) -> str:
    """How a typed key is compared: case-folded, with runs of white space as one space."""
    return " ".join(text.casefold().split())
