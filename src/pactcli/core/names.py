"""How a name typed by a person is compared with the ids, acronyms, aliases and names of records."""

from __future__ import annotations


def lookup_key(text: str) -> str:
    """How a typed key is compared: case-folded, with runs of white space as one space."""
    return " ".join(text.casefold().split())


def lookup_keys(id: str, aliases: tuple[str, ...], acronym: str | None, name: str) -> tuple[str, ...]:
    """Every key a record answers to (see :func:`lookup_key`): id, aliases, acronym, full name."""
    keys = [id, *aliases, *([acronym] if acronym else []), name]
    return tuple(dict.fromkeys(lookup_key(key) for key in keys))
