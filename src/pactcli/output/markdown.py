"""GitHub-flavoured Markdown: a table of records, or a section per record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..core.sanitize import one_line
from .text import items, text


def _escape(value: str) -> str:
    value = one_line(value)
    for char in "\\|*_`[]<>":
        value = value.replace(char, "\\" + char)
    return value


def render_table(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> Iterator[str]:
    yield "| " + " | ".join(fields) + " |\n|" + "|".join("---" for _ in fields) + "|\n"
    for row in rows:
        yield "| " + " | ".join(_escape(text(name, row[name])) for name in fields) + " |\n"


def render_records(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> str:
    """One section per record, for ``show``; list fields as bullet lists."""
    parts = []
    for number, row in enumerate(rows, 1):
        # The heading shows only a chosen field: the name, else the id, else a number.
        title = _escape(str(row.get("name") or row.get("id") or f"Record {number}"))
        lines = [f"## {title}", ""]
        for name in fields:
            value = row[name]
            if isinstance(value, list) and value:
                lines.append(f"**{name}**:")
                lines += [f"- {_escape(item)}" for item in items(name, value)]
            else:
                lines.append(f"**{name}**: {_escape(text(name, value))}")
            lines.append("")
        parts.append("\n".join(lines))
    return "\n".join(parts)
