"""Commands for exploring the dataset: search, signatories, stats, graph."""

from typing import Annotated, Optional

import typer

from ..errors import NotFoundError
from ..render import GraphFormat, OutputFormat
from .app import state, write
from .completion import complete_ids
from .options import (
    BindingOpt,
    ColorOpt,
    FieldsOpt,
    FormatOpt,
    HtmlOpt,
    JsonOpt,
    KindOpt,
    PartyOpt,
    SignatoryOpt,
    SinceOpt,
    StatusOpt,
    SvgOpt,
    TagOpt,
    UntilOpt,
    WidthOpt,
    chosen_fields,
    filters,
    output_format,
)


def search(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words to look for (all must match).", show_default=False)
    ],
    since: SinceOpt = None,
    until: UntilOpt = None,
    binding: BindingOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
    tag: TagOpt = None,
    signatory: SignatoryOpt = None,
    party: PartyOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    color: ColorOpt = None,
    width: WidthOpt = None,
) -> None:
    """Search names, acronyms, aliases, summaries, provisions, signatories, places and tags, best match first.

    Exits 1 when nothing matches.

    \b
    Examples:
      pactcli search supply chain
      pactcli search geospatial
      pactcli search hegseth --json | jq -r '.[].id'
      pactcli search logistics --since 2010
    """
    from ..query import select
    from ..search import search as run_search
    from ..search import terms
    from ..views import search_results

    st = state(ctx)
    chosen = chosen_fields(fields)
    fmt = output_format(fmt, as_json)
    query = " ".join(text)
    pool = select(st.catalog().all(), filters(since, until, binding, kind, status, tag, signatory, party))
    hits = run_search(pool, query)
    if not hits:
        raise NotFoundError(f"nothing matches {query!r}\nTry fewer or shorter words, or 'pactcli list' to browse.")
    write(search_results(hits, terms(query), fmt, chosen, st.env(color, width)))


def signatories(
    ctx: typer.Context,
    name: Annotated[
        Optional[str], typer.Argument(metavar="[NAME]", help="Part of a name, any case.", show_default=False)
    ] = None,
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    color: ColorOpt = None,
    width: WidthOpt = None,
) -> None:
    """Who signed what: every signatory with title(s), country and instruments, or one person's.

    \b
    Examples:
      pactcli signatories
      pactcli signatories rajnath
      pactcli signatories parrikar --json
    """
    from ..people import signatories as gather
    from ..views import people

    st = state(ctx)
    found = gather(st.catalog().all(), name)
    if not found and name:
        raise NotFoundError(f"no signatory's name contains {name!r}\nTry 'pactcli signatories' for everyone.")
    write(people(found, output_format(fmt, as_json), st.env(color, width)))


def stats(
    ctx: typer.Context,
    since: SinceOpt = None,
    until: UntilOpt = None,
    binding: BindingOpt = None,
    kind: KindOpt = None,
    status: StatusOpt = None,
    tag: TagOpt = None,
    signatory: SignatoryOpt = None,
    party: PartyOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    color: ColorOpt = None,
    width: WidthOpt = None,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """Counts by year (as a bar chart), decade, kind, status and binding.

    \b
    Examples:
      pactcli stats
      pactcli stats --since 2000 --kind agreement
      pactcli stats --json | jq .by_binding
    """
    from ..query import select
    from ..stats import statistics
    from ..views import statistics as render_stats

    st = state(ctx)
    fmt = output_format(fmt, as_json, svg, html)
    pool = select(st.catalog().all(), filters(since, until, binding, kind, status, tag, signatory, party))
    write(render_stats(statistics(pool), fmt, st.env(color, width, svg, html)))


def graph(
    ctx: typer.Context,
    key: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[ID]",
            help="Show only this instrument's neighbourhood.",
            show_default=False,
            autocompletion=complete_ids,
        ),
    ] = None,
    fmt: Annotated[
        GraphFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="A tree on a terminal (table), data, or a diagram."),
    ] = GraphFormat.TABLE,
    as_json: JsonOpt = False,
    depth: Annotated[
        int, typer.Option("--depth", min=1, max=10, help="How many relation steps around ID to include.")
    ] = 1,
    color: ColorOpt = None,
    width: WidthOpt = None,
) -> None:
    """How instruments relate (renews, supersedes, implements, builds on, complements, part of).

    \b
    Examples:
      pactcli graph
      pactcli graph framework-2025 --depth 2
      pactcli graph --format mermaid > relations.mmd
      pactcli graph sosa --format dot | dot -Tsvg > sosa.svg
    """
    from .. import graph as relations_of
    from ..query import lookup
    from ..views import relations

    st = state(ctx)
    chosen = GraphFormat.JSON if as_json else fmt
    everything = st.catalog().all()
    if key is None:
        shown, root = relations_of.connected(everything), None
    else:
        root = lookup(st.catalog(), [key])[0].id
        shown = relations_of.neighbourhood(everything, root, depth)
    write(relations(everything, shown, root, chosen, st.env(color, width), depth))
