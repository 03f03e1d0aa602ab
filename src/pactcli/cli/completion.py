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
    """Ids, acronyms and aliases starting with what has been typed (any case)."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    prefix = incomplete.casefold()
    keys = catalog.keys()
    ids = list(dict.fromkeys(record_id for _, record_id in keys))
    others = [key for key, _ in keys if key not in ids and " " not in key]  # not full names
    return [key for key in [*ids, *others] if key.startswith(prefix)]


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
