"""CSL-JSON: an array of items, one per source, for Zotero, Pandoc and citeproc."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.model import Agreement, Source
from ..core.provenance import citation_key


def item(agreement: Agreement, source: Source) -> dict[str, Any]:
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
    note = f"Cited by pactcli for {agreement.label} ({agreement.id})"
    if source.supports:
        note += "; supports " + ", ".join(source.supports)
    if source.quote:
        note += f"; quote: “{source.quote}”"
    result["note"] = note
    return result


def items(agreement: Agreement, sources: Sequence[Source]) -> list[dict[str, Any]]:
    return [item(agreement, source) for source in sources]
