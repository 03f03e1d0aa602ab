"""Counts over a selection of records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .fields import BINDING_WORD, decade
from .filters import UNKNOWN_STATUS

if TYPE_CHECKING:
    from .summary import Summary

#: The breakdowns ``statistics`` returns, with their headings.
SECTIONS = {
    "by_year": "By year",
    "by_decade": "By decade",
    "by_kind": "By kind",
    "by_status": "By status",
    "by_character": "By legal character",
    "by_binding": "Binding",
    "by_date_kind": "What the date is",
}


def statistics(agreements: Sequence[Summary]) -> dict[str, Any]:
    """Totals by year, decade, kind, status and binding, as JSON-ready numbers."""
    years = Counter(a.year for a in agreements if a.year is not None)
    decades = Counter(decade(a.year) for a in agreements if a.year is not None)
    return {
        "total": len(agreements),
        "undated": sum(1 for a in agreements if a.date is None),
        # every year from the first to the last, quiet years included, so the chart shows gaps
        "by_year": {str(year): years[year] for year in range(min(years), max(years) + 1)} if years else {},
        "by_decade": dict(sorted(decades.items())),
        "by_kind": dict(Counter(a.kind for a in agreements).most_common()),
        "by_status": dict(Counter(a.status or UNKNOWN_STATUS for a in agreements).most_common()),
        "by_character": dict(Counter(a.legal_character or "not-established" for a in agreements).most_common()),
        "by_date_kind": dict(Counter(a.date_kind for a in agreements if a.date_kind).most_common()),
        "by_binding": {
            label: sum(1 for a in agreements if a.binding is value) for value, label in BINDING_WORD.items()
        },
    }
