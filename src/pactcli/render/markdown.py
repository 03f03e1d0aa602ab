"""GitHub-flavoured Markdown: a table of records, or a section per record."""

from __future__ import annotations

from typing import Any

from ..sanitize import one_line, visible
from . import cell_text


def _cell(name: str, value: Any) -> str:
    text = one_line(cell_text(name, value))
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def render_table(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    lines = ["| " + " | ".join(fields) + " |", "|" + "|".join("---" for _ in fields) + "|"]
    lines += ["| " + " | ".join(_cell(name, row[name]) for name in fields) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_records(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    """One section per record, for ``show``."""
    parts = []
    for row in rows:
        title = _cell("name", row.get("name") or row.get("id") or "")
        lines = [f"## {title}", ""]
        for name in fields:
            value = row[name]
            if isinstance(value, list) and value:
                lines.append(f"**{name}**:")
                lines += [f"- {_cell(name, [item])}" for item in value]
            else:
                lines.append(f"**{name}**: {_cell(name, value)}")
            lines.append("")
        parts.append("\n".join(lines))
    return visible("\n".join(parts))
