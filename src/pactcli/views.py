"""Choose the renderer for a format and a view; return the text to print.

The CLI calls these with records it has already selected. Rich is imported
only inside the ``table`` branches, PyYAML only inside the ``yaml`` ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from .catalog import Catalog, Summary
from .fields import FIELDS
from .output import Env
from .render import CiteFormat, GraphFormat, OutputFormat, project

if TYPE_CHECKING:
    from .model import Agreement
    from .people import Person
    from .provenance import Fact
    from .search import Hit

#: Columns of a piped listing when no --fields are given.
LIST_COLUMNS = ("signed", "id", "acronym", "name", "kind", "binding", "status")
#: Fields of each record in ``compare --by`` when no --fields are given.
GROUP_COLUMNS = ("id", "name", "signed", "kind", "binding", "status")


def assert_never(value: NoReturn) -> NoReturn:  # typing.assert_never is 3.11+, kept explicit
    raise AssertionError(f"unhandled format {value!r}")


def machine(value: list[dict[str, Any]] | dict[str, Any], fmt: OutputFormat, fields: Sequence[str], env: Env) -> str:
    """Rows (or one row) in a machine format."""
    as_list = value if isinstance(value, list) else [value]
    match fmt:
        case OutputFormat.JSON:
            from .render import json_

            return json_.render(value, env.ascii_only)
        case OutputFormat.JSONL:
            from .render import json_

            return json_.render_lines(as_list, env.ascii_only)
        case OutputFormat.CSV:
            from .render import csv_

            return csv_.render(as_list, fields)
        case OutputFormat.YAML:
            from .render import yaml_

            return yaml_.render(value)
        case OutputFormat.MARKDOWN:
            from .render import markdown

            return markdown.render_table(as_list, fields)
        case OutputFormat.TABLE:
            raise ValueError("table is not a machine format")
        case _:
            assert_never(fmt)


def records(agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...] | None, env: Env) -> str:
    """``list``: a table of records (default columns, or exactly the --fields chosen)."""
    if fmt is not OutputFormat.TABLE:
        chosen = fields or FIELDS
        return machine(project(agreements, chosen), fmt, chosen, env)
    if not env.rich_layout:
        from .render import plain

        chosen = fields or LIST_COLUMNS
        return plain.records(project(agreements, chosen), chosen)
    from .render import table
    from .render.console import render

    if fields is None:
        return listing([Summary.of(a) for a in agreements], env)
    rows = project(agreements, fields)
    return render(lambda _: table.records(rows, fields), env)


def listing(summaries: Sequence[Summary], env: Env) -> str:
    """The default ``list`` table on a terminal (the index gives the summaries without decoding)."""
    from .render import grid
    from .render.console import render

    return render(lambda console: grid.list_table(console, summaries), env, prewrapped=True)


def related_labels(catalog: Catalog, agreements: Sequence[Agreement]) -> dict[str, str]:
    """Display names of every record the given ones relate to."""
    labels = {}
    for agreement in agreements:
        for relation in agreement.related:
            target = catalog.find(relation.id)
            labels[relation.id] = target.label if target else relation.id
    return labels


def _titles(agreements: Sequence[Agreement], fields: tuple[str, ...] | None) -> list[str]:
    """Headings for records: the short name, or the id when fields were chosen (so nothing unasked shows)."""
    return [a.label if fields is None else a.id for a in agreements]


def show(
    agreements: Sequence[Agreement],
    fmt: OutputFormat,
    fields: tuple[str, ...] | None,
    env: Env,
    labels: Mapping[str, str],
    as_array: bool,
) -> str:
    """``show``: one object for one ID, an array for several (even when they name the same record)."""
    chosen = fields or FIELDS
    rows = project(agreements, chosen)
    match fmt:
        case OutputFormat.TABLE if not env.rich_layout:
            from .render import plain

            return plain.detail(rows, chosen, labels)
        case OutputFormat.TABLE:
            from .render import table
            from .render.console import render

            titles = _titles(agreements, fields)
            return render(lambda _: table.details(agreements, chosen, labels, titles), env)
        case OutputFormat.MARKDOWN:
            from .render import markdown

            return markdown.render_records(rows, chosen)
        case _:
            return machine(rows if as_array else rows[0], fmt, chosen, env)


def timeline(agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...] | None, env: Env) -> str:
    """``timeline``: records by year; with --fields, exactly those columns."""
    from .query import by_year

    if fmt is not OutputFormat.TABLE or not env.rich_layout:
        return records(agreements, fmt, fields, env)
    from .render import table
    from .render.console import render

    groups = by_year(agreements)
    if fields is None:
        return render(lambda _: table.timeline(groups), env)
    projected = [(year, project(items, fields)) for year, items in groups]
    return render(lambda _: table.timeline_fields(projected, fields), env)


def compare(
    agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...] | None, only_diff: bool, env: Env
) -> str:
    """``compare``: fields down, records across; with --only-diff only the fields that differ."""
    from .query import differing_fields

    chosen = fields or FIELDS
    differing = differing_fields(agreements, chosen)
    shown = tuple(f for f in chosen if f in differing) if only_diff else chosen
    rows = project(agreements, shown)
    if fmt is not OutputFormat.TABLE:
        return machine(rows, fmt, shown, env)
    if not env.rich_layout:
        from .render import plain

        return plain.compare(rows, shown)
    from .render import table
    from .render.console import render

    titles = _titles(agreements, fields)
    return render(lambda _: table.compare(rows, titles, shown, differing), env)


def grouped(
    groups: Sequence[tuple[str, Sequence[Agreement]]],
    by: str,
    fmt: OutputFormat,
    fields: tuple[str, ...] | None,
    env: Env,
) -> str:
    """``compare --by``: groups of records, each record with the --fields chosen."""
    chosen = fields or GROUP_COLUMNS
    projected = [(label, project(items, chosen)) for label, items in groups]
    match fmt:
        case OutputFormat.CSV | OutputFormat.MARKDOWN:
            flat = [{"group": label, **row} for label, rows in projected for row in rows]
            return machine(flat, fmt, ("group", *chosen), env)
        case OutputFormat.JSON | OutputFormat.JSONL | OutputFormat.YAML:
            data = [{"group": label, "count": len(rows), "records": rows} for label, rows in projected]
            return machine(data, fmt, chosen, env)
        case OutputFormat.TABLE if not env.rich_layout:
            from .render import plain

            return plain.groups(projected, chosen)
        case OutputFormat.TABLE:
            from .render import table
            from .render.console import render

            if fields is None:
                return render(lambda _: table.groups(groups, by), env)
            return render(lambda _: table.groups_fields(projected, by, chosen), env)
        case _:
            assert_never(fmt)


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
        "  list         pactcli list --since 2016 --non-binding",
        "  show         pactcli show sosa",
        "  timeline     pactcli timeline --since 2016",
        "  compare      pactcli compare lemoa comcasa beca",
        "  search       pactcli search supply chain",
        "  signatories  pactcli signatories rajnath",
        "  stats        pactcli stats",
        "  graph        pactcli graph framework-2025",
        "  cite         pactcli cite comcasa signatories",
        "  export       pactcli export pacts.db",
        "  validate     pactcli validate",
        "  schema       pactcli schema --data-file",
    ]
    return "\n".join(lines) + "\n"


def search_results(
    hits: Sequence[Hit], words: Sequence[str], fmt: OutputFormat, fields: tuple[str, ...] | None, env: Env
) -> str:
    """``search``: the hits, best first; on a terminal with the matched words highlighted."""
    agreements = [hit.agreement for hit in hits]
    if fmt is not OutputFormat.TABLE or not env.rich_layout or fields is not None:
        return records(agreements, fmt, fields, env)
    from .render import grid
    from .render.console import render

    return render(lambda console: grid.search_results(console, hits, words), env, prewrapped=True)


def people(persons: Sequence[Person], fmt: OutputFormat, env: Env) -> str:
    """``signatories``: each person with the instruments they signed."""
    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from .render import plain

            return plain.people(persons)
        from .render import table
        from .render.console import render

        return render(lambda _: table.people(persons), env)
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
        return machine(flat, fmt, columns, env)
    return machine([p.to_dict() for p in persons], fmt, (), env)


def statistics(numbers: dict[str, Any], fmt: OutputFormat, env: Env) -> str:
    """``stats``: counts, as bar charts on a terminal."""
    from .stats import SECTIONS

    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from .render import plain

            return plain.stats(numbers)
        from .render import table
        from .render.console import render

        return render(lambda _: table.stats(numbers), env)
    if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN):
        flat: list[dict[str, Any]] = [{"group": "total", "value": "", "count": numbers["total"]}]
        flat += [
            {"group": key, "value": label, "count": count} for key in SECTIONS for label, count in numbers[key].items()
        ]
        return machine(flat, fmt, ("group", "value", "count"), env)
    return machine(numbers, fmt, (), env)


def citations(agreement: Agreement, facts: Sequence[Fact], field: str | None, fmt: CiteFormat, env: Env) -> str:
    """``cite``: the record's facts with their sources, or its sources as BibTeX or CSL-JSON."""
    from .provenance import cited_sources

    match fmt:
        case CiteFormat.TABLE if not env.rich_layout:
            from .render import plain

            return plain.citations(facts)
        case CiteFormat.TABLE:
            from .render import table
            from .render.console import render

            return render(lambda _: table.citations(agreement, facts), env)
        case CiteFormat.JSON:
            payload = {"id": agreement.id, "name": agreement.name, "facts": [fact.to_dict() for fact in facts]}
            return machine(payload, OutputFormat.JSON, (), env)
        case CiteFormat.BIBTEX:
            from .render import bibtex

            return bibtex.render(agreement, cited_sources(agreement, field))
        case CiteFormat.CSL_JSON:
            from .render import csl

            return machine(csl.items(agreement, cited_sources(agreement, field)), OutputFormat.JSON, (), env)
        case _:
            assert_never(fmt)


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
            return machine(graph.to_dict(agreements), OutputFormat.JSON, (), env)
        case GraphFormat.YAML:
            return machine(graph.to_dict(agreements), OutputFormat.YAML, (), env)
        case GraphFormat.TABLE:
            if not env.rich_layout:
                from .render import plain

                return plain.edges(graph.edges_within(agreements))
            from .render import table
            from .render.console import render

            return render(lambda _: table.relation_tree(everything, [a.id for a in agreements], root, depth), env)
        case _:
            assert_never(fmt)
