"""Choose the renderer for a format and a view; return the text to print.

The CLI calls these with records it has already selected. Rich is imported
only inside the ``table`` branches, PyYAML only inside the ``yaml`` ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from .catalog import Catalog
from .model import Agreement
from .output import Env
from .render import GraphFormat, OutputFormat, project


def assert_never(value: NoReturn) -> NoReturn:  # typing.assert_never is 3.11+, kept explicit
    raise AssertionError(f"unhandled format {value!r}")


def machine(rows: list[dict[str, Any]] | dict[str, Any], fmt: OutputFormat, fields: tuple[str, ...]) -> str:
    """Records (or one record) in a machine format."""
    as_list = rows if isinstance(rows, list) else [rows]
    match fmt:
        case OutputFormat.JSON:
            from .render import json_

            return json_.render(rows)
        case OutputFormat.JSONL:
            from .render import json_

            return json_.render_lines(as_list)
        case OutputFormat.CSV:
            from .render import csv_

            return csv_.render(as_list, fields)
        case OutputFormat.YAML:
            from .render import yaml_

            return yaml_.render(rows)
        case OutputFormat.MARKDOWN:
            from .render import markdown

            return markdown.render_table(as_list, fields)
        case OutputFormat.TABLE:
            raise ValueError("table is not a machine format")
        case _:
            assert_never(fmt)


def records(
    agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...], fields_given: bool, env: Env
) -> str:
    """``list`` and ``search``: a table of records."""
    if fmt is not OutputFormat.TABLE:
        return machine(project(agreements, fields), fmt, fields)
    if not env.rich_layout:
        from .render import plain

        return plain.records(project(agreements, fields), fields if fields_given else plain.LIST_COLUMNS)
    from .render import table

    return table.render(lambda console: table.list_table(console, agreements, fields if fields_given else None), env)


def related_labels(catalog: Catalog, agreements: Sequence[Agreement]) -> dict[str, str]:
    """Display names of every record the given ones relate to."""
    labels = {}
    for agreement in agreements:
        for relation in agreement.related:
            target = catalog.find(relation.id)
            labels[relation.id] = target.label if target else relation.id
    return labels


def show(
    agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...], env: Env, labels: Mapping[str, str]
) -> str:
    """``show``: one object for one record, an array for several."""
    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from .render import plain

            return plain.detail(agreements, labels)
        from .render import table

        return table.render(lambda _: table.details(agreements, labels), env)
    rows = project(agreements, fields)
    if fmt is OutputFormat.MARKDOWN:
        from .render import markdown

        return markdown.render_records(rows, fields)
    return machine(rows[0] if len(rows) == 1 else rows, fmt, fields)


def timeline(agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...], env: Env) -> str:
    from .query import by_year

    if fmt is not OutputFormat.TABLE:
        return machine(project(agreements, fields), fmt, fields)
    groups = by_year(agreements)
    if not env.rich_layout:
        from .render import plain

        return plain.timeline(groups)
    from .render import table

    return table.render(lambda _: table.timeline(groups), env)


def compare(
    agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...], only_diff: bool, env: Env
) -> str:
    from .query import differing_fields

    differing = differing_fields(agreements, fields)
    shown = tuple(f for f in fields if f in differing) if only_diff else fields
    if fmt is not OutputFormat.TABLE:
        return machine(project(agreements, shown), fmt, shown)
    if not env.rich_layout:
        from .render import plain

        return plain.compare(agreements, shown, differing)
    from .render import table

    return table.render(lambda _: table.compare(agreements, shown, differing), env)


def grouped(
    groups: Sequence[tuple[str, Sequence[Agreement]]], by: str, fmt: OutputFormat, fields: tuple[str, ...], env: Env
) -> str:
    if fmt is not OutputFormat.TABLE:
        data = [{"group": label, "count": len(items), "records": project(items, fields)} for label, items in groups]
        if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN):
            flat = [dict(group=label, **row) for label, items in groups for row in project(items, fields)]
            return machine(flat, fmt, ("group", *fields))
        if fmt is OutputFormat.JSONL:
            from .render import json_

            return json_.render_lines(data)
        return machine(data, fmt, fields)
    if not env.rich_layout:
        from .render import plain

        return plain.groups(groups)
    from .render import table

    return table.render(lambda _: table.groups(groups, by), env)


def overview(agreements: Sequence[Agreement]) -> str:
    """What ``pactcli`` with no command prints: the dataset at a glance and where to start."""
    years = [a.year for a in agreements if a.year is not None]
    span = f"{min(years)}–{max(years)}" if years else "no dates"
    updated = max((s.date for a in agreements for s in a.sources if s.date), key=lambda d: d.latest(), default=None)
    lines = [
        f"pactcli — {len(agreements)} India–US defence instruments, signed {span}"
        + (f"; sources up to {updated}" if updated else "")
        + ".",
        "",
        "Commands (each takes --help; add --json for scripts):",
        "  list         pactcli list --since 2016 --binding",
        "  show         pactcli show sosa",
        "  timeline     pactcli timeline --since 2016",
        "  compare      pactcli compare lemoa comcasa beca",
        "  search       pactcli search supply chain",
        "  signatories  pactcli signatories rajnath",
        "  stats        pactcli stats",
        "  graph        pactcli graph framework-2025",
        "  validate     pactcli validate mine.yaml",
        "  schema       pactcli schema --data-file",
    ]
    return "\n".join(lines) + "\n"


def search_results(
    hits: Sequence[Any], words: Sequence[str], fmt: OutputFormat, fields: tuple[str, ...], fields_given: bool, env: Env
) -> str:
    agreements = [hit.agreement for hit in hits]
    if fmt is not OutputFormat.TABLE or not env.rich_layout or fields_given:
        return records(agreements, fmt, fields, fields_given, env)
    from .render import table

    return table.render(lambda console: table.search_results(console, hits, words), env)


def people(persons: Sequence[Any], fmt: OutputFormat, env: Env) -> str:
    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from .render import plain

            return plain.people(persons)
        from .render import table

        return table.render(lambda _: table.people(persons), env)
    if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN):
        columns = ("name", "country", "title", "id", "signed")
        flat = [
            {
                "name": p.name,
                "country": p.country,
                "title": s.title,
                "id": s.agreement.id,
                "signed": str(s.agreement.signed or ""),
            }
            for p in persons
            for s in p.signings
        ]
        return machine(flat, fmt, columns)
    return machine([p.to_dict() for p in persons], fmt, ())


def statistics(numbers: dict[str, Any], fmt: OutputFormat, env: Env) -> str:
    from .stats import SECTIONS

    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from .render import plain

            return plain.stats(numbers)
        from .render import table

        return table.render(lambda _: table.stats(numbers), env)
    if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN):
        flat = [{"group": "total", "value": "", "count": numbers["total"]}]
        flat += [
            {"group": key, "value": label, "count": count} for key in SECTIONS for label, count in numbers[key].items()
        ]
        return machine(flat, fmt, ("group", "value", "count"))
    return machine(numbers, fmt, ())


def relations(
    everything: Sequence[Agreement],
    agreements: Sequence[Agreement],
    root: str | None,
    fmt: GraphFormat,
    env: Env,
    depth: int = 1,
) -> str:
    """``graph``: the ``agreements`` shown and the relations among them (labels from ``everything``)."""
    from . import graph

    match fmt:
        case GraphFormat.MERMAID:
            return graph.mermaid(agreements)
        case GraphFormat.DOT:
            return graph.dot(agreements)
        case GraphFormat.JSON:
            return machine(graph.to_dict(agreements), OutputFormat.JSON, ())
        case GraphFormat.YAML:
            return machine(graph.to_dict(agreements), OutputFormat.YAML, ())
        case GraphFormat.TABLE:
            if not env.rich_layout:
                from .render import plain

                return plain.edges(graph.edges_within(agreements))
            from .render import table

            return table.render(lambda _: table.relation_tree(everything, [a.id for a in agreements], root, depth), env)
        case _:
            assert_never(fmt)
