"""YAML output, in the same shape and key order as JSON."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def render(value: Any) -> str:
    import json

    import yaml

    from ..core.sanitize import is_safe

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    # With allow_unicode PyYAML writes bidi overrides and NEL raw; when the data holds any
    # character we would not print, let PyYAML escape everything outside ASCII instead.
    plain = is_safe(json.dumps(value, ensure_ascii=False))
    return str(yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=plain, width=100))


def render_items(rows: Iterable[Any]) -> Iterator[str]:
    """A YAML sequence written item by item (the same document as :func:`render` of the list)."""
    empty = True
    for row in rows:
        empty = False
        yield render([row])
    if empty:
        yield "[]\n"
