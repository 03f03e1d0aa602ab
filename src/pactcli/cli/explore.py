"""Commands for exploring the dataset: search, signatories, stats, graph."""

from typing import Annotated, Optional

import typer

from ..errors import NotFoundError
from ..render import GraphFormat, OutputFormat
from .app import state
from .completion import complete_ids
from .options import (
    BindingOpt,
    BindingUnknownOpt,
    ColorOpt,
    DataOpt,
    FieldsOpt,
    FormatOpt,
    HtmlOpt,
    JsonOpt,
    KindOpt,
    NoCacheOpt,
    NoPagerOpt,
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
    binding_unknown: BindingUnknownOpt = False,
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
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
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
    from ..search import no_hit_message, terms
    from ..search import search as run_search
    from ..views import search_results

    st = state(ctx, data, no_cache, no_pager)
    chosen = chosen_fields(fields)
    fmt = output_format(fmt, as_json)
    query = " ".join(text)
    chosen_filters = filters(since, until, binding, binding_unknown, kind, status, tag, signatory, party)
    hits = run_search(st.select(chosen_filters), query)
    if not hits:
        raise NotFoundError(no_hit_message(st.catalog().all(), query, chosen_filters.describe()))
    st.write(search_results(hits, terms(query), fmt, chosen, st.env(color, width)))


def signatories(
    ctx: typer.Context,
    name: Annotated[
        Optional[str], typer.Argument(metavar="[NAME]", help="Part of a name, any case.", show_default=False)
    ] = None,
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    color: ColorOpt = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Who signed what: every signatory with title(s), country and instruments, or one person's.

    \b
    Examples:
      pactcli signatories
      pactcli signatories rajnath
      pactcli signatories parrikar --json
    """
    from ..people import signatories as gather
    from ..people import similar_names
    from ..views import people

    st = state(ctx, data, no_cache, no_pager)
    everything = st.catalog().all()
    found = gather(everything, name)
    if not found and name:
        close = similar_names(everything, name)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(f"no signatory's name contains {name!r}{hint}\nTry 'pactcli signatories' for everyone.")
    st.write(people(found, output_format(fmt, as_json), st.env(color, width)))


def stats(
    ctx: typer.Context,
    since: SinceOpt = None,
    until: UntilOpt = None,
    binding: BindingOpt = None,
    binding_unknown: BindingUnknownOpt = False,
    kind: KindOpt = None,
    status: StatusOpt = None,
    tag: TagOpt = None,
    signatory: SignatoryOpt = None,
    party: PartyOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    color: ColorOpt = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
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
    from ..stats import statistics
    from ..views import statistics as render_stats

    st = state(ctx, data, no_cache, no_pager)
    fmt = output_format(fmt, as_json, svg, html)
    pool = st.select(filters(since, until, binding, binding_unknown, kind, status, tag, signatory, party))
    st.write(render_stats(statistics(pool), fmt, st.env(color, width, svg, html)))


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
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
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

    st = state(ctx, data, no_cache, no_pager)
    chosen = GraphFormat.JSON if as_json else fmt
    everything = st.catalog().all()
    if key is None:
        shown, root = relations_of.connected(everything), None
    else:
        root = lookup(st.catalog(), [key])[0].id
        shown = relations_of.neighbourhood(everything, root, depth)
    st.write(relations(everything, shown, root, chosen, st.env(color, width), depth))
