"""Renderers: one module per output format. Each returns text and does no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from ..codec import FIELDS, to_dict
from ..errors import UsageError
from ..model import Agreement


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    YAML = "yaml"
    MARKDOWN = "markdown"


class GraphFormat(StrEnum):
    """What ``graph`` can print: a tree (table), data, or text for diagram tools."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MERMAID = "mermaid"
    DOT = "dot"


def parse_fields(spec: str | None) -> tuple[str, ...]:
    """The fields named in ``--fields a,b,c`` (all when None); UsageError lists valid ones."""
    if spec is None:
        return FIELDS
    names = tuple(name.strip() for name in spec.split(",") if name.strip())
    unknown = [name for name in names if name not in FIELDS]
    if unknown or not names:
        shown = ", ".join(repr(name) for name in unknown) or "nothing"
        raise UsageError(f"unknown field(s) {shown} in --fields\nAvailable fields:\n  " + "\n  ".join(FIELDS))
    return tuple(dict.fromkeys(names))


def project(agreements: Sequence[Agreement], fields: Sequence[str]) -> list[dict[str, Any]]:
    """The records as dicts holding only ``fields``, in that order."""
    rows = []
    for agreement in agreements:
        full = to_dict(agreement)
        rows.append({name: full[name] for name in fields})
    return rows


def cell_text(name: str, value: Any) -> str:
    """One field's value as flat text, for CSV, Markdown and plain tables."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if name == "signatories":
            parts = [f"{v['name']} ({', '.join(x for x in (v['title'], v['country']) if x)})" for v in value]
        elif name == "related":
            parts = [f"{v['relation']} {v['id']}" for v in value]
        elif name == "sources":
            parts = [v["url"] for v in value]
        else:
            parts = [str(v) for v in value]
        return "; ".join(parts)
    return str(value)
