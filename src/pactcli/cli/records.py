"""Commands that print records: list, show, timeline, compare."""

from typing import Annotated, Optional

import typer

from ..core.errors import UsageError
from ..core.rules import BINDING_RULE
from ..core.vocabulary import GroupKey
from .app import state
from .options import FILTERS, ID_HELP, SAVE, VIEW, Options, command, ids_argument

IdsArgument = Annotated[list[str], ids_argument("ID...", ID_HELP)]


@command(FILTERS, VIEW, SAVE)
def list_(ctx: typer.Context, options: Options) -> None:
    """List instruments, one row each, sorted by date.

    \b
    Examples:
      pactcli list
      pactcli list --since 2016 --non-binding
      pactcli list --binding-unknown --kind agreement
      pactcli list --kind framework --kind joint-statement
      pactcli list --tag foundational --json | jq -r '.[].id'
      pactcli list --format csv --fields id,date,date_kind,binding > pacts.csv
    """
    _listing(ctx, options, by_year=False)


def _listing(ctx: typer.Context, options: Options, by_year: bool) -> None:
    from ..output.views import listing

    st = state(ctx, options)
    filters, fmt, env = st.filters(options), options.output_format(), st.env(options)
    empty = st.nothing_matches(filters, env)
    st.write(listing(st.catalog(), filters, fmt, options.chosen_fields(), env, empty, by_year=by_year))


list_.__doc__ = f"{list_.__doc__}\n    The --binding flags read one rule: {BINDING_RULE}\n"


@command(VIEW, SAVE)
def show(ctx: typer.Context, ids: IdsArgument, options: Options) -> None:
    """Show everything about one or more instruments.

    \b
    Examples:
      pactcli show sosa
      pactcli show LEMOA comcasa beca
      pactcli show framework-2015 --json | jq .signatories
    """
    from ..output.views import show as render_show

    st = state(ctx, options)
    st.write(render_show(st.catalog(), ids, options.output_format(), options.chosen_fields(), st.env(options)))


@command(FILTERS, VIEW, SAVE)
def timeline(ctx: typer.Context, options: Options) -> None:
    """Chronological view grouped by year, binding marked at a glance (● binding, ○ non-binding, ? unknown).

    \b
    Examples:
      pactcli timeline --since 2016
      pactcli timeline --since 2000 --until 2010
      pactcli timeline --binding --json
    """
    _listing(ctx, options, by_year=True)


@command(VIEW, SAVE)
def compare(
    ctx: typer.Context,
    options: Options,
    ids: Annotated[Optional[list[str]], ids_argument("[ID...]", "Two or more ids, acronyms, aliases or names.")] = None,
    by: Annotated[
        Optional[GroupKey],
        typer.Option(
            "--by",
            case_sensitive=False,
            help="Compare groups of instruments instead: binding, kind, status, decade or signatory.",
        ),
    ] = None,
    only_diff: Annotated[bool, typer.Option("--only-diff", help="Show only the fields that differ.")] = False,
) -> None:
    """Compare instruments side by side (differing fields highlighted), or groups with --by.

    \b
    Examples:
      pactcli compare lemoa comcasa beca
      pactcli compare lemoa comcasa beca --only-diff
      pactcli compare --by binding
      pactcli compare --by decade --json
    """
    from ..core.filters import Filters
    from ..core.query import group_by, lookup
    from ..output.views import compare as render_compare
    from ..output.views import grouped

    st = state(ctx, options)
    chosen, fmt, env = options.chosen_fields(), options.output_format(), st.env(options)
    if by is not None:
        if ids:
            raise UsageError("give either IDs or --by, not both")
        if only_diff:
            raise UsageError("--only-diff compares instruments, not groups; drop it or give IDs instead of --by")
        st.write(grouped(group_by(st.catalog().records(Filters()), by), by.value, fmt, chosen, env))
        return
    if not ids or len(ids) < 2:
        raise UsageError("compare needs at least two IDs (or --by KEY); e.g. pactcli compare lemoa comcasa")
    found = lookup(st.catalog(), ids)
    if len(found) < len(ids):
        raise UsageError(
            f"{', '.join(repr(i) for i in ids)} name the same instrument more than once; compare different ones"
        )
    st.write(render_compare(found, fmt, chosen, only_diff, env))
