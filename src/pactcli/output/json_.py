"""JSON and JSON Lines: strict, UTF-8, schema key order, a trailing newline; written record by record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def render(value: Any, ascii_only: bool = False) -> str:
    """Pretty JSON of one value (a record, or any JSON-ready value)."""
    from ..core.jsontext import dumps

    return dumps(value, 2, ascii_only) + "\n"


def array(texts: Iterable[str]) -> Iterator[str]:
    """A JSON array from values each already rendered by ``dumps(value, 2)``: the same bytes as
    :func:`render` of the list, one element at a time."""
    opened = False
    for text in texts:
        yield ("[\n  " if not opened else ",\n  ") + text.replace("\n", "\n  ")
        opened = True
    yield "\n]\n" if opened else "[]\n"


def lines(texts: Iterable[str]) -> Iterator[str]:
    """JSON Lines from values each rendered on one line."""
    return (text + "\n" for text in texts)
