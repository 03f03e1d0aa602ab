"""Text views for a pipe or a file: one line per record, tab-separated, never wrapped,
no escape codes (as ``gh`` prints when piped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..codec import to_dict
from ..model import Agreement
from ..sanitize import one_line
from ..stats import SECTIONS
from . import cell_text

LIST_COLUMNS = ("signed", "id", "acronym", "name", "kind", "binding", "status")
BINDING_WORD = {True: "binding", False: "non-binding", None: "unknown"}


def _line(cells: Sequence[str]) -> str:
    return "\t".join(one_line(cell) for cell in cells)


def _cells(row: Mapping[str, Any], fields: Sequence[str]) -> list[str]:
    return [BINDING_WORD[row[name]] if name == "binding" else cell_text(name, row[name]) for name in fields]


def records(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> str:
    return "".join(_line(_cells(row, fields)) + "\n" for row in rows)


def timeline(groups: Sequence[tuple[int | None, Sequence[Agreement]]]) -> str:
    lines = []
    for _, agreements in groups:
        for agreement in agreements:
            lines.append(_line(_cells(to_dict(agreement), LIST_COLUMNS)))
    return "".join(line + "\n" for line in lines)


def detail(agreements: Sequence[Agreement], labels: Mapping[str, str]) -> str:
    """``show`` as ``field<TAB>value`` lines, a blank line between records."""
    blocks = []
    for agreement in agreements:
        row = to_dict(agreement)
        lines = []
        for name, value in row.items():
            if name == "related":
                value = [dict(item, label=labels.get(item["id"], item["id"])) for item in value]
                text = "; ".join(f"{v['relation']} {v['id']} ({v['label']})" for v in value)
            elif name == "binding":
                text = BINDING_WORD[value]
            elif name == "sources":
                text = "; ".join(f"{v['title']} <{v['url']}>" for v in value)
            else:
                text = cell_text(name, value)
            lines.append(_line([name, text]))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def compare(agreements: Sequence[Agreement], fields: Sequence[str], differing: set[str]) -> str:
    rows = [to_dict(a) for a in agreements]
    header = _line(["field", *(a.id for a in agreements)])
    lines = [header]
    for name in fields:
        marker = "*" if name in differing else ""
        lines.append(_line([f"{marker}{name}", *_cells_for(name, rows)]))
    return "\n".join(lines) + "\n"


def _cells_for(name: str, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    return [_cells(row, [name])[0] for row in rows]


def groups(grouped: Sequence[tuple[str, Sequence[Agreement]]]) -> str:
    lines = []
    for label, agreements in grouped:
        for agreement in agreements:
            lines.append(_line([label, str(agreement.signed or ""), agreement.id, agreement.label]))
    return "".join(line + "\n" for line in lines)


def people(persons: Sequence[Any]) -> str:
    lines = [
        _line([p.name, p.country, s.title or "", str(s.agreement.signed or ""), s.agreement.id])
        for p in persons
        for s in p.signings
    ]
    return "".join(line + "\n" for line in lines)


def stats(numbers: Mapping[str, Any]) -> str:
    lines = [_line(["total", "", str(numbers["total"])])]
    for section in SECTIONS:
        lines += [_line([section, label, str(count)]) for label, count in numbers[section].items()]
    return "".join(line + "\n" for line in lines)


def edges(rows: Sequence[Any]) -> str:
    return "".join(_line([e.source, e.relation, e.target]) + "\n" for e in rows)
