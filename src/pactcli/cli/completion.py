"""Shell-completion callbacks: ids, acronyms and tags from the dataset in use (via the cache)."""

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..catalog import Catalog


def _catalog(ctx: typer.Context) -> "Catalog | None":
    from ..errors import PactError
    from ..loader import open_catalog

    root = ctx.find_root()
    try:
        return open_catalog(root.params.get("data"), use_cache=not root.params.get("no_cache"))
    except PactError:
        return None


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids, acronyms and aliases starting with what has been typed (any case)."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    prefix = incomplete.casefold()
    ids = [a.id for a in catalog.all()]
    keys = [*ids, *(k for k in catalog.lookup_keys() if k not in ids and " " not in k)]  # not full names
    return [key for key in keys if key.startswith(prefix)]


def complete_tags(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    tags = sorted({tag for a in catalog.all() for tag in a.tags})
    return [tag for tag in tags if tag.startswith(incomplete.casefold())]


def complete_kinds(incomplete: str) -> list[str]:
    from ..model import Kind

    return [kind.value for kind in Kind if kind.value.startswith(incomplete.casefold())]


def complete_statuses(incomplete: str) -> list[str]:
    from ..model import Status

    return [status.value for status in Status if status.value.startswith(incomplete.casefold())]
