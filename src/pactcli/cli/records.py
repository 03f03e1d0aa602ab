"""Commands that print records: list, show, timeline, compare."""

from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..fields import GroupKey
from ..render import OutputFormat
from .app import print_selection, state
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


def list_(
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
    fields: FieldsOpt = None,
    color: ColorOpt = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """List instruments, one row each, sorted by signing date.

    \b
    Examples:
      pactcli list
      pactcli list --since 2016 --non-binding
      pactcli list --binding-unknown --kind agreement
      pactcli list --kind framework --kind joint-statement
      pactcli list --tag foundational --json | jq -r '.[].id'
      pactcli list --format csv --fields id,signed,binding > pacts.csv
    """
    from ..views import records

    st = state(ctx, data, no_cache, no_pager)
    chosen_filters = filters(since, until, binding, binding_unknown, kind, status, tag, signatory, party)
    print_selection(
        st,
        chosen_filters,
        output_format(fmt, as_json, svg, html),
        chosen_fields(fields),
        st.env(color, width, svg, html),
        records,
        summary_view=True,
    )


def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...", help="Id, acronym or alias (any case).", show_default=False, autocompletion=complete_ids
        ),
    ],
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    color: ColorOpt = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """Show everything about one or more instruments.

    \b
    Examples:
      pactcli show sosa
      pactcli show LEMOA comcasa beca
      pactcli show framework-2015 --json | jq .signatories
    """

    st = state(ctx, data, no_cache, no_pager)
    chosen = chosen_fields(fields)
    fmt = output_format(fmt, as_json, svg, html)
    env = st.env(color, width, svg, html)
    catalog = st.catalog()
    if fmt is OutputFormat.JSON and chosen is None and len(ids) == 1 and not env.ascii_only:
        ready = catalog.rendered_key(ids[0].strip())  # the index's copy: no record objects to build
        if ready is not None:
            st.write(ready + "\n")
            return
    from ..query import lookup
    from ..views import related_labels
    from ..views import show as render_show

    found = lookup(catalog, ids)
    labels = related_labels(catalog, found) if fmt is OutputFormat.TABLE else {}
    st.write(render_show(found, fmt, chosen, env, labels, as_array=len(ids) > 1))


def timeline(
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
    fields: FieldsOpt = None,
    color: ColorOpt = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """Chronological view grouped by year, binding marked at a glance (● binding, ○ non-binding, ? unknown).

    \b
    Examples:
      pactcli timeline --since 2016
      pactcli timeline --since 2000 --until 2010
      pactcli timeline --binding --json
    """
    from ..views import timeline as render_timeline

    st = state(ctx, data, no_cache, no_pager)
    chosen_filters = filters(since, until, binding, binding_unknown, kind, status, tag, signatory, party)
    print_selection(
        st,
        chosen_filters,
        output_format(fmt, as_json, svg, html),
        chosen_fields(fields),
        st.env(color, width, svg, html),
        render_timeline,
    )


def compare(
    ctx: typer.Context,
    ids: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[ID...]",
            help="Two or more ids, acronyms or aliases.",
            show_default=False,
            autocompletion=complete_ids,
        ),
    ] = None,
    by: Annotated[
        Optional[GroupKey],
        typer.Option(
            "--by",
            case_sensitive=False,
            help="Compare groups of instruments instead: binding, kind, status, decade or signatory.",
        ),
    ] = None,
    only_diff: Annotated[bool, typer.Option("--only-diff", help="Show only the fields that differ.")] = False,
    fmt: FormatOpt = OutputFormat.TABLE,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    color: ColorOpt = None,
    width: WidthOpt = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    no_pager: NoPagerOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
) -> None:
    """Compare instruments side by side (differing fields highlighted), or groups with --by.

    \b
    Examples:
      pactcli compare lemoa comcasa beca
      pactcli compare lemoa comcasa beca --only-diff
      pactcli compare --by binding
      pactcli compare --by decade --json
    """
    from ..query import group_by, lookup
    from ..views import compare as render_compare
    from ..views import grouped

    st = state(ctx, data, no_cache, no_pager)
    chosen = chosen_fields(fields)
    fmt = output_format(fmt, as_json, svg, html)
    env = st.env(color, width, svg, html)
    if by is not None:
        if ids:
            raise UsageError("give either IDs or --by, not both")
        if only_diff:
            raise UsageError("--only-diff compares instruments, not groups; drop it or give IDs instead of --by")
        st.write(grouped(group_by(st.catalog().all(), by), by.value, fmt, chosen, env))
        return
    if not ids or len(ids) < 2:
        raise UsageError("compare needs at least two IDs (or --by KEY); e.g. pactcli compare lemoa comcasa")
    found = lookup(st.catalog(), ids)
    if len(found) < len(ids):
        raise UsageError(
            f"{', '.join(repr(i) for i in ids)} name the same instrument more than once; compare different ones"
        )
    st.write(render_compare(found, fmt, chosen, only_diff, env))
