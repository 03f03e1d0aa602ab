"""Commands for exploring the dataset: search, signatories, stats, graph."""

from typing import Annotated, Optional

import typer

from ..core.errors import NotFoundError
from ..core.search import WEIGHTS
from ..output.formats import GraphFormat
from .app import state
from .options import FILTERS, FORMAT, SAVE, VIEW, Options, argument, command, formats, ids_argument


@command(FILTERS, VIEW)
def search(
    ctx: typer.Context,
    text: Annotated[list[str], argument("TEXT...", "Words to look for (all must match).")],
    options: Options,
) -> None:
    """Search the text of every record for all the words given, best match first.

    A word matches any word of a record that begins with it, in any of its forms ("engines" finds
    "engine", "signing" finds "signed"). Fields searched, most weighty first: {fields}. The
    last column says which fields matched (on a terminal and piped, unless --fields picks the
    columns; the other formats hold the records alone). Exits 1 when nothing matches.

    \b
    Examples:
      pactcli search supply chain
      pactcli search geospatial
      pactcli search hegseth --json | jq -r '.[].id'
      pactcli search logistics --since 2010
    """
    from ..core.filters import Filters
    from ..core.search import no_hit_message, terms
    from ..core.search import search as run_search
    from ..output.views import search_results

    st = state(ctx, options)
    chosen, fmt = options.chosen_fields(), options.output_format()
    query = " ".join(text)
    filters = st.filters(options)
    hits = run_search(st.catalog().records(filters), query)
    if not hits:
        everything = list(st.catalog().records(Filters()))
        raise NotFoundError(no_hit_message(everything, query, filters.describe()))
    st.write(search_results(hits, terms(query), fmt, chosen, st.env(options)))


search.__doc__ = (search.__doc__ or "").replace("{fields}", ", ".join(WEIGHTS))


@command(FORMAT)
def signatories(
    ctx: typer.Context,
    options: Options,
    name: Annotated[Optional[str], argument("[NAME]", "Part of a name or title, any case.")] = None,
) -> None:
    """Who signed what: every signatory with title(s), country and instruments, or those whose
    name or title contains NAME ("rajnath", "secretary of defense").

    \b
    Examples:
      pactcli signatories
      pactcli signatories rajnath
      pactcli signatories parrikar --json
      pactcli signatories "secretary of defense"
    """
    from ..core.filters import Filters
    from ..core.people import signatories as gather
    from ..core.people import similar_names
    from ..output.views import people

    st = state(ctx, options)
    everything = list(st.catalog().records(Filters()))
    found = gather(everything, name)
    if not found and name:
        close = similar_names(everything, name)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(
            f"no signatory's name or title contains {name!r}{hint}\nTry 'pactcli signatories' for everyone."
        )
    st.write(people(found, options.output_format(), st.env(options)))


@command(FILTERS, FORMAT, SAVE)
def stats(ctx: typer.Context, options: Options) -> None:
    """Counts by year (as a bar chart), decade, kind, status and binding.

    \b
    Examples:
      pactcli stats
      pactcli stats --since 2000 --kind agreement
      pactcli stats --json | jq .by_binding
    """
    from ..core.stats import statistics
    from ..output.views import statistics as render_stats

    st = state(ctx, options)
    fmt = options.output_format()
    pool = list(st.catalog().summaries(st.filters(options)))
    st.write(render_stats(statistics(pool), fmt, st.env(options)))


@command(formats(GraphFormat, "A tree on a terminal (table), data, or a diagram."))
def graph(
    ctx: typer.Context,
    options: Options,
    key: Annotated[Optional[str], ids_argument("[ID]", "Show only this instrument's neighbourhood.")] = None,
    depth: Annotated[
        int, typer.Option("--depth", min=1, max=10, help="How many relation steps around ID to include.")
    ] = 1,
) -> None:
    """How instruments relate (renews, supersedes, implements, builds on, complements, part of).

    \b
    Examples:
      pactcli graph
      pactcli graph framework-2025 --depth 2
      pactcli graph --format mermaid > relations.mmd
      pactcli graph sosa --format dot | dot -Tsvg > sosa.svg
    """
    from ..core import graph as relations_of
    from ..core.filters import Filters
    from ..core.query import lookup
    from ..output.views import relations

    st = state(ctx, options)
    chosen = options.chosen_format()
    everything = list(st.catalog().records(Filters()))
    if key is None:
        shown, root = relations_of.connected(everything), None
    else:
        root = lookup(st.catalog(), [key])[0].id
        shown = relations_of.neighbourhood(everything, root, depth)
    st.write(relations(everything, shown, root, chosen, st.env(options), depth))
