"""Choose what to read and which renderer to use for a view in a format; return the text to print.

Each view returns its text as pieces (an iterable of strings), so a listing of any size is written
record by record. A view reads only what it prints: summaries for listings of summary fields, the
stored JSON for ``--json`` of whole records, full records otherwise. Rich is imported only in the
``table`` branches, PyYAML only in the ``yaml`` ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, assert_never

from .env import Env
from .formats import CiteFormat, GraphFormat, OutputFormat, project

if TYPE_CHECKING:
    from ..core.catalog import Catalog
    from ..core.filters import Filters
    from ..core.model import Agreement
    from ..core.people import Person
    from ..core.provenance import Fact
    from ..core.search import Hit

View = Iterable[str]

#: Columns of a piped listing when no --fields are given.
LIST_COLUMNS = ("date", "id", "acronym", "name", "kind", "binding", "status", "date_kind")
#: Fields of each record in ``compare --by`` when no --fields are given.
GROUP_COLUMNS = ("id", "name", "date", "kind", "binding", "status")


def _all_fields() -> tuple[str, ...]:
    from ..core.fields import FIELDS

    return FIELDS


def rows(catalog: Catalog, filters: Filters, fields: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The records that pass ``filters`` as dicts of ``fields``, from summaries when they suffice."""
    from ..core.summary import SUMMARY_FIELDS, summary_dict

    if set(fields) <= set(SUMMARY_FIELDS):
        return ({name: row[name] for name in fields} for row in map(summary_dict, catalog.summaries(filters)))
    from ..core.codec import to_dict

    return ({name: row[name] for name in fields} for row in map(to_dict, catalog.records(filters)))


def machine(items: Iterable[dict[str, Any]], fmt: OutputFormat, fields: Sequence[str], env: Env) -> View:
    """A list of rows in a machine format, written row by row."""
    from ..core.jsontext import dumps

    match fmt:
        case OutputFormat.JSON:
            from . import json_

            return json_.array(dumps(item, 2, env.ascii_only) for item in items)
        case OutputFormat.JSONL:
            from . import json_

            return json_.lines(dumps(item, None, env.ascii_only) for item in items)
        case OutputFormat.CSV:
            from . import csv_

            return csv_.render(items, fields)
        case OutputFormat.YAML:
            from . import yaml_

            return yaml_.render_items(items)
        case OutputFormat.MARKDOWN:
            from . import markdown

            return markdown.render_table(items, fields)
        case OutputFormat.TABLE:
            raise ValueError("table is not a machine format")
        case _:
            assert_never(fmt)


def value(data: Any, fmt: OutputFormat, env: Env) -> View:
    """One JSON-ready value (not a list of rows) as JSON or YAML."""
    if fmt is OutputFormat.YAML:
        from . import yaml_

        return [yaml_.render(data)]
    from . import json_

    return [json_.render(data, env.ascii_only)]


def _table(projected: Sequence[dict[str, Any]], fields: Sequence[str], env: Env) -> View:
    from . import table
    from .console import render

    return [render(lambda _: table.records(projected, fields), env)]


def listing(
    catalog: Catalog,
    filters: Filters,
    fmt: OutputFormat,
    fields: tuple[str, ...] | None,
    env: Env,
    on_empty: Callable[[], None],
    by_year: bool = False,
) -> View:
    """``list``: one row per record that passes ``filters``; ``timeline`` (``by_year``): the same
    records under a heading for each year on a terminal."""
    if fmt is not OutputFormat.TABLE:
        if fmt in (OutputFormat.JSON, OutputFormat.JSONL) and fields is None and not env.ascii_only:
            from . import json_

            texts = catalog.texts(filters, pretty=fmt is OutputFormat.JSON)
            return json_.array(texts) if fmt is OutputFormat.JSON else json_.lines(texts)
        chosen = fields or _all_fields()
        return machine(rows(catalog, filters, chosen), fmt, chosen, env)
    if not env.rich_layout:
        from . import plain

        chosen = fields or LIST_COLUMNS
        return plain.records(rows(catalog, filters, chosen), chosen)
    from . import grid
    from .console import render

    if fields is not None:
        found = list(rows(catalog, filters, (*fields, "year") if by_year and "year" not in fields else fields))
        if not found:
            return _nothing(on_empty)
        if not by_year:
            return _table(found, fields, env)
        from . import table

        grouped: dict[int | None, list[dict[str, Any]]] = {}
        for row in found:
            grouped.setdefault(row["year"], []).append({name: row[name] for name in fields})
        return [render(lambda _: table.timeline_fields(list(grouped.items()), fields), env)]
    summaries = list(catalog.summaries(filters))
    if not summaries:
        return _nothing(on_empty)
    if by_year:
        from ..core.query import by_year as years

        return [render(lambda console: grid.timeline(console, years(summaries)), env, prewrapped=True)]
    return [render(lambda console: grid.list_table(console, summaries), env, prewrapped=True)]


def _nothing(on_empty: Callable[[], None]) -> View:
    on_empty()
    return []


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


def show(catalog: Catalog, keys: Sequence[str], fmt: OutputFormat, fields: tuple[str, ...] | None, env: Env) -> View:
    """``show``: one object for one key, an array for several (even when they name the same record).
    JSON of whole records is the stored text, as for listings: nothing is decoded."""
    if fmt in (OutputFormat.JSON, OutputFormat.JSONL) and fields is None and not env.ascii_only:
        texts = [catalog.text(key.strip(), pretty=fmt is OutputFormat.JSON) for key in keys]
        if all(text is not None for text in texts):
            from . import json_

            found = [text for text in dict.fromkeys(texts) if text is not None]
            if fmt is OutputFormat.JSONL:
                return json_.lines(found)
            return json_.array(found) if len(keys) > 1 else [found[0] + "\n"]
    from ..core.query import lookup

    agreements = lookup(catalog, keys)
    labels = related_labels(catalog, agreements) if fmt is OutputFormat.TABLE else {}
    return records_shown(agreements, fmt, fields, env, labels, as_array=len(keys) > 1)


def records_shown(
    agreements: Sequence[Agreement],
    fmt: OutputFormat,
    fields: tuple[str, ...] | None,
    env: Env,
    labels: Mapping[str, str],
    as_array: bool,
) -> View:
    """The records of ``show`` in a format (``labels``: names of the records they relate to)."""
    chosen = fields or _all_fields()
    projected = project(agreements, chosen)
    match fmt:
        case OutputFormat.TABLE if not env.rich_layout:
            from . import plain

            return [plain.detail(projected, chosen, labels)]
        case OutputFormat.TABLE:
            from . import table
            from .console import render

            titles = _titles(agreements, fields)
            return [render(lambda _: table.details(agreements, chosen, labels, titles), env)]
        case OutputFormat.MARKDOWN:
            from . import markdown

            return [markdown.render_records(projected, chosen)]
        case OutputFormat.JSON | OutputFormat.YAML if not as_array:
            return value(projected[0], fmt, env)
        case _:
            return machine(projected, fmt, chosen, env)


def search_results(
    hits: Sequence[Hit], words: Sequence[str], fmt: OutputFormat, fields: tuple[str, ...] | None, env: Env
) -> View:
    """``search``: the hits, best first, with the fields each matched in (a last column on a
    terminal and piped); on a terminal with the matched words highlighted."""
    agreements = [hit.agreement for hit in hits]
    chosen = fields or (_all_fields() if fmt is not OutputFormat.TABLE else LIST_COLUMNS)
    if fmt is not OutputFormat.TABLE:
        return machine(project(agreements, chosen), fmt, chosen, env)
    if not env.rich_layout:
        from . import plain

        if fields is not None:
            return plain.records(project(agreements, chosen), chosen)
        rows = [
            {**row, "matched": list(hit.fields)} for row, hit in zip(project(agreements, chosen), hits, strict=True)
        ]
        return plain.records(rows, (*chosen, "matched"))
    if fields is not None:
        return _table(project(agreements, fields), fields, env)
    from . import grid
    from .console import render

    return [render(lambda console: grid.search_results(console, hits, words), env, prewrapped=True)]


def compare(
    agreements: Sequence[Agreement], fmt: OutputFormat, fields: tuple[str, ...] | None, only_diff: bool, env: Env
) -> View:
    """``compare``: fields down, records across; with --only-diff only the fields that differ."""
    from ..core.query import differing_fields

    chosen = fields or _all_fields()
    differing = differing_fields(agreements, chosen)
    shown = tuple(f for f in chosen if f in differing) if only_diff else chosen
    projected = project(agreements, shown)
    if fmt is not OutputFormat.TABLE:
        return machine(projected, fmt, shown, env)
    if not env.rich_layout:
        from . import plain

        return [plain.compare(projected, shown)]
    from . import table
    from .console import render

    ids = [a.id for a in agreements]
    return [render(lambda console: table.compare(console, projected, ids, shown, differing), env)]


def grouped(
    groups: Sequence[tuple[str, Sequence[Agreement]]],
    by: str,
    fmt: OutputFormat,
    fields: tuple[str, ...] | None,
    env: Env,
) -> View:
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
            from . import plain

            return [plain.groups(projected, chosen)]
        case OutputFormat.TABLE:
            from . import table
            from .console import render

            if fields is None:
                from . import grid

                return [render(lambda console: grid.groups(console, groups, by), env, prewrapped=True)]
            return [render(lambda _: table.groups_fields(projected, by, chosen), env)]
        case _:
            assert_never(fmt)


def overview(agreements: Sequence[Agreement]) -> View:
    """What ``pactcli`` with no command prints: the dataset at a glance and where to start."""
    years = [a.year for a in agreements if a.year is not None]
    span = f"{min(years)}–{max(years)}" if years else "no dates"
    updated = max((s.date for a in agreements for s in a.sources if s.date), key=lambda d: d.latest(), default=None)
    lines = [
        f"pactcli — {len(agreements)} India–US defence instruments, dated {span}"
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
    return ["\n".join(lines) + "\n"]


def people(persons: Sequence[Person], fmt: OutputFormat, env: Env) -> View:
    """``signatories``: each person with the instruments they signed."""
    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from . import plain

            return [plain.people(persons)]
        from . import grid
        from .console import render

        return [render(lambda console: grid.people(console, persons), env)]
    if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN):
        columns = ("name", "country", "title", "id", "date")
        flat = [
            {
                "name": p.name,
                "country": p.country,
                "title": s.title,
                "id": s.agreement.id,
                "date": str(s.agreement.date or ""),
            }
            for p in persons
            for s in p.signings
        ]
        return machine(flat, fmt, columns, env)
    return machine([p.to_dict() for p in persons], fmt, (), env)


def statistics(numbers: dict[str, Any], fmt: OutputFormat, env: Env) -> View:
    """``stats``: counts, as bar charts on a terminal."""
    from ..core.stats import SECTIONS

    if fmt is OutputFormat.TABLE:
        if not env.rich_layout:
            from . import plain

            return [plain.stats(numbers)]
        from . import table
        from .console import render

        return [render(lambda _: table.stats(numbers), env)]
    if fmt in (OutputFormat.CSV, OutputFormat.MARKDOWN, OutputFormat.JSONL):
        flat: list[dict[str, Any]] = [{"group": "total", "value": "", "count": numbers["total"]}]
        flat += [
            {"group": key, "value": label, "count": count} for key in SECTIONS for label, count in numbers[key].items()
        ]
        return machine(flat, fmt, ("group", "value", "count"), env)
    return value(numbers, fmt, env)


def citations(agreement: Agreement, facts: Sequence[Fact], field: str | None, fmt: CiteFormat, env: Env) -> View:
    """``cite``: the record's facts with their sources, or its sources as BibTeX or CSL-JSON."""
    from ..core.provenance import cited_sources

    match fmt:
        case CiteFormat.TABLE if not env.rich_layout:
            from . import plain

            return [plain.citations(facts)]
        case CiteFormat.TABLE:
            from . import table
            from .console import render

            return [render(lambda _: table.citations(agreement, facts), env)]
        case CiteFormat.JSON:
            payload = {"id": agreement.id, "name": agreement.name, "facts": [fact.to_dict() for fact in facts]}
            return value(payload, OutputFormat.JSON, env)
        case CiteFormat.BIBTEX:
            from . import bibtex

            return [bibtex.render(agreement, cited_sources(agreement, field), field)]
        case CiteFormat.CSL_JSON:
            from . import csl

            return value(csl.items(agreement, cited_sources(agreement, field), field), OutputFormat.JSON, env)
        case _:
            assert_never(fmt)


def relations(
    everything: Sequence[Agreement],
    agreements: Sequence[Agreement],
    root: str | None,
    fmt: GraphFormat,
    env: Env,
    depth: int = 1,
) -> View:
    """``graph``: the ``agreements`` shown and the relations among them (labels from ``everything``)."""
    from ..core import graph

    match fmt:
        case GraphFormat.MERMAID:
            return [graph.mermaid(agreements)]
        case GraphFormat.DOT:
            return [graph.dot(agreements)]
        case GraphFormat.JSON:
            return value(graph.to_dict(agreements), OutputFormat.JSON, env)
        case GraphFormat.YAML:
            return value(graph.to_dict(agreements), OutputFormat.YAML, env)
        case GraphFormat.TABLE:
            if not env.rich_layout:
                from . import plain

                return [plain.edges(graph.edges_within(agreements))]
            from . import table
            from .console import render

            return [render(lambda _: table.relation_tree(everything, [a.id for a in agreements], root, depth), env)]
        case _:
            assert_never(fmt)
