"""CSL-JSON: an array of items, one per source, for Zotero, Pandoc and citeproc."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.model import Agreement, Source
from ..core.provenance import citation_key, shown_quotes
from .text import source_note


def item(agreement: Agreement, source: Source, field: str | None = None) -> dict[str, Any]:
    date = source.date
    issued: dict[str, Any] = (
        {"date-parts": [[part for part in (date.year, date.month, date.day) if part is not None]]}
        if date
        else {"literal": "n.d."}
    )
    result: dict[str, Any] = {
        "id": citation_key(agreement, source),
        "type": "webpage",
        "title": source.title,
        "URL": source.url,
        "issued": issued,
    }
    if source.publisher:
        result["publisher"] = source.publisher
        result["container-title"] = source.publisher
    quotes = "".join(f"; {fact}: “{text}”" for fact, text in shown_quotes(source, field))
    result["note"] = source_note(agreement, source) + quotes
    return result


def items(agreement: Agreement, sources: Sequence[Source], field: str | None = None) -> list[dict[str, Any]]:
    return [item(agreement, source, field) for source in sources]
