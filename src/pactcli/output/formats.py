"""Renderers: one module per output format. Each returns text and does no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.model import Agreement


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


class CiteFormat(StrEnum):
    """What ``cite`` can print: facts with their sources (table, json) or the sources as citations."""

    TABLE = "table"
    JSON = "json"
    BIBTEX = "bibtex"
    CSL_JSON = "csl-json"


def project(agreements: Sequence[Agreement], fields: Sequence[str]) -> list[dict[str, Any]]:
    """The records as JSON-ready dicts holding only ``fields``, in that order."""
    from ..core.codec import to_dict

    rows = []
    for agreement in agreements:
        full = to_dict(agreement)
        rows.append({name: full[name] for name in fields})
    return rows
