"""Text views for a pipe or a file: one line per record, tab-separated, never wrapped,
no escape codes and no header (as ``gh`` prints when piped)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..core.sanitize import one_line
from ..core.stats import SECTIONS
from .text import text

if TYPE_CHECKING:
    from ..core.graph import Edge
    from ..core.people import Person
    from ..core.provenance import Fact


def _line(cells: Sequence[str]) -> str:
    return "\t".join(one_line(cell) for cell in cells) + "\n"


def records(rows: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> Iterator[str]:
    """One line per record, one cell per field."""
    return (_line([text(name, row[name]) for name in fields]) for row in rows)


def detail(rows: Sequence[Mapping[str, Any]], fields: Sequence[str], labels: Mapping[str, str]) -> str:
    """``show`` as ``field<TAB>value`` lines, a blank line between records."""
    blocks = []
    for row in rows:
        lines = []
        for name in fields:
            value = row[name]
            if name == "related":
                cell = "; ".join(f"{v['relation']} {v['id']} ({labels.get(v['id'], v['id'])})" for v in value)
            else:
                cell = text(name, value)
            lines.append(_line([name, cell]))
        blocks.append("".join(lines))
    return "\n".join(blocks)


def compare(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> str:
    """One line per field: its name, then each record's value, in the order asked."""
    return "".join(_line([name, *(text(name, row[name]) for row in rows)]) for name in fields)


def groups(grouped: Sequence[tuple[str, Sequence[Mapping[str, Any]]]], fields: Sequence[str]) -> str:
    """One line per record: its group, then the fields."""
    return "".join(
        _line([label, *(text(name, row[name]) for name in fields)]) for label, rows in grouped for row in rows
    )


def people(persons: Sequence[Person]) -> str:
    return "".join(
        _line([p.name, p.country, s.title or "", str(s.agreement.date or ""), s.agreement.id])
        for p in persons
        for s in p.signings
    )


def stats(numbers: Mapping[str, Any]) -> str:
    lines = [_line(["total", "", str(numbers["total"])])]
    for section in SECTIONS:
        lines += [_line([section, label, str(count)]) for label, count in numbers[section].items()]
    return "".join(lines)


def edges(rows: Sequence[Edge]) -> str:
    return "".join(_line([e.source, e.relation, e.target]) for e in rows)


def citations(facts: Sequence[Fact]) -> str:
    """One line per fact and source: field, value, basis, title, publisher, date, kind, URL, and the
    source's words for that fact."""
    lines = []
    for fact in facts:
        head = [fact.field, text(fact.field, fact.value), fact.basis or ""]
        for source in fact.sources or [None]:
            if source is None:
                lines.append(_line([*head, "", "", "", "", "", ""]))
                continue
            date = str(source.date) if source.date else ""
            quote = source.quote_for(fact.cited) or ""
            cells = [*head, source.title, source.publisher or "", date, source.kind.value, source.url, quote]
            lines.append(_line(cells))
    return "".join(lines)
