"""Shell-completion callbacks: ids, acronyms and tags from the dataset in use (via the cache)."""

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..core.catalog import Catalog


def _catalog(ctx: typer.Context) -> "Catalog | None":
    from ..core.errors import PactError
    from ..dataset.store import open_store

    root = ctx.find_root()
    try:
        return open_store(root.params.get("data"), use_cache=not root.params.get("no_cache"))
    except PactError:
        return None


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids, aliases and acronyms (as slugs) that begin with what has been typed, compared as lookups
    compare (``LEM``, ``Framework_20``); each completion keeps the typed part as typed, since the
    shell offers only words that begin with it."""
    from ..core.names import lookup_key

    catalog = _catalog(ctx)
    if catalog is None:
        return []
    typed, size = lookup_key(incomplete), len(incomplete)
    slugs = dict.fromkeys(key.replace(" ", "-") for key, _ in catalog.keys(short=True))
    found = [incomplete + slug[size:] for slug in slugs if lookup_key(slug[:size]) == typed]
    return [word.upper() for word in found] if incomplete.isupper() else found


def complete_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    return [tag for tag in catalog.values("tags") if tag.startswith(incomplete.casefold())]


def complete_kinds(incomplete: str) -> list[str]:
    from ..core.vocabulary import Kind

    return [kind.value for kind in Kind if kind.value.startswith(incomplete.casefold())]


def complete_statuses(incomplete: str) -> list[str]:
    from ..core.filters import STATUS_CHOICES

    return [status for status in STATUS_CHOICES if status.startswith(incomplete.casefold())]
