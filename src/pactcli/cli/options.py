"""Options shared by several commands, each declared once, and the decorator that gives them to a
command.

Typer reads a command's options from its function's signature; :func:`command` adds the shared
groups to that signature, so every command that filters has the same filters, and every command
takes the global options after its name as well as before it. The function receives the shared
values together, as one :class:`Options`.
"""

import functools
import inspect
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ..core.errors import UsageError
from ..core.filters import STATUS_CHOICES
from ..core.vocabulary import SHORT_KINDS, Kind
from ..output.env import ColorChoice
from ..output.formats import OutputFormat
from .completion import complete_kinds, complete_statuses, complete_tags

if TYPE_CHECKING:
    from ..core.filters import Filters
    from ..core.model import PartialDate

# Typer evaluates these annotations at run time and reads Optional[...] for optional values.


def _option(name: str, kind: Any, default: Any, *short: str, **settings: Any) -> inspect.Parameter:
    """A keyword parameter that Typer reads as the option ``--name`` (dashes for underscores, or
    ``flag=``), of type ``kind``, with Typer's ``settings``."""
    option = typer.Option(settings.pop("flag", "--" + name.replace("_", "-")), *short, **settings)
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[kind, option], default=default)


@functools.cache
def global_options(root: bool) -> list[inspect.Parameter]:
    """The options of the whole program: before the command (``root``, where the environment
    variables are read), or after it, where they override what came before."""
    env = {"show_envvar": True} if root else {}
    return [
        _option(
            "data", Optional[str], None, metavar="PATH", envvar="PACTCLI_DATA" if root else None, **env,
            help="Dataset file to use instead of the bundled one.",
        ),
        _option(
            "no_cache", bool, False, envvar="PACTCLI_NO_CACHE" if root else None,
            help="Read the dataset afresh; do not use the cache.",
        ),
        _option(
            "color", Optional[ColorChoice], ColorChoice.AUTO if root else None, case_sensitive=False,
            help="Colour: auto (only on a terminal), always or never. Overrides NO_COLOR and FORCE_COLOR.",
        ),
        _option("width", Optional[int], None, min=40, max=1000, help="Lay tables out this many columns wide."),
        _option("no_pager", bool, False, help="Print straight to the terminal, never through a pager."),
    ]  # fmt: skip


FILTERS = [
    _option("since", Optional[str], None, metavar="DATE", help="Dated on or after this year or date (YYYY, YYYY-MM, YYYY-MM-DD)."),
    _option("until", Optional[str], None, metavar="DATE", help="Dated on or before this year or date."),
    _option("binding", bool, False, help="Binding instruments (with the flags below: either)."),
    _option("non_binding", bool, False, help="Non-binding instruments."),
    _option("binding_unknown", bool, False, help="Instruments whose legal character is not known."),
    _option(
        "kind", Optional[list[str]], None, metavar="KIND", autocompletion=complete_kinds,
        help="Only this kind (repeatable): " + ", ".join(k.value for k in Kind) + "; or as tables shorten them: "
        + ", ".join(SHORT_KINDS.values()) + ".",
    ),
    _option(
        "status", Optional[list[str]], None, metavar="STATUS", autocompletion=complete_statuses,
        help="Only this status (repeatable): " + ", ".join(STATUS_CHOICES) + " (not established).",
    ),
    _option("tag", Optional[list[str]], None, metavar="TAG", autocompletion=complete_tags, help="Only records with this tag (repeatable; any matches)."),
    _option("signatory", Optional[str], None, metavar="NAME", help="Only records signed by someone whose name contains NAME (any case)."),
    _option("party", Optional[list[str]], None, metavar="CODE", help="Only records with this party, e.g. IN (repeatable; all must match)."),
]  # fmt: skip


def argument(metavar: str, help: str, **settings: Any) -> Any:
    """A positional argument, shown in --help without a default."""
    return typer.Argument(metavar=metavar, help=help, show_default=False, **settings)


def ids_argument(metavar: str, help: str) -> Any:
    """A positional argument that names instruments, completed from the dataset's ids."""
    from .completion import complete_ids

    return argument(metavar, help, autocompletion=complete_ids)


ID_HELP = "Id, acronym, alias or name (any case)."


def formats(choices: type[StrEnum], help: str) -> list[inspect.Parameter]:
    """``--format``/``-f`` over ``choices`` (table first), and ``--json`` for short."""
    return [
        _option("fmt", choices, choices("table"), "-f", flag="--format", case_sensitive=False, help=help),
        _option("as_json", bool, False, flag="--json", help="Short for --format json."),
    ]


FORMAT = formats(OutputFormat, "Output format.")
VIEW = [
    *FORMAT,
    _option(
        "fields", Optional[str], None, metavar="A,B,…",
        help="Comma-separated fields to output (see 'pactcli schema'); an unknown name lists the valid ones.",
    ),
]  # fmt: skip
FORCE = [_option("force", bool, False, help="Replace an existing file.")]
SAVE = [
    _option("svg", Optional[str], None, metavar="FILE", help="Also save the table view, exactly as a terminal shows it, as SVG."),
    _option("html", Optional[str], None, metavar="FILE", help="Also save the table view as HTML."),
    *FORCE,
]  # fmt: skip


class Options:
    """The values of the shared options a command was given (None or False where not given)."""

    data: Optional[str] = None
    no_cache: bool = False
    color: Optional[ColorChoice] = None
    width: Optional[int] = None
    no_pager: bool = False
    since: Optional[str] = None
    until: Optional[str] = None
    binding: bool = False
    non_binding: bool = False
    binding_unknown: bool = False
    kind: Optional[list[str]] = None
    status: Optional[list[str]] = None
    tag: Optional[list[str]] = None
    signatory: Optional[str] = None
    party: Optional[list[str]] = None
    fmt: OutputFormat = OutputFormat.TABLE
    as_json: bool = False
    fields: Optional[str] = None
    format_given: bool = False
    svg: Optional[str] = None
    html: Optional[str] = None
    force: bool = False

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            if not hasattr(Options, name):
                raise TypeError(f"no shared option {name!r}")
            setattr(self, name, value)

    def filters(self) -> "Filters":
        """The core's Filters from the filter options (values checked, with suggestions)."""
        from ..core.filters import Filters

        flags = ((self.binding, True), (self.non_binding, False), (self.binding_unknown, None))
        bindings: list[Optional[bool]] = [value for flag, value in flags if flag]
        since, until = _parse_date(self.since, "--since"), _parse_date(self.until, "--until")
        if since and until and since.earliest() > until.latest():
            raise UsageError(f"--since {since} is after --until {until}: no date can be both")
        if self.signatory is not None and not self.signatory.strip():
            raise UsageError("--signatory needs a name or part of one")
        return Filters(
            since=since,
            until=until,
            bindings=tuple(bindings),
            kinds=tuple(
                Kind(value) for value in _choices(self.kind, [kind.value for kind in Kind], "--kind", _LONG_KINDS)
            ),
            statuses=tuple(_choices(self.status, STATUS_CHOICES, "--status")),
            tags=tuple(t.strip().casefold() for t in self.tag or ()),
            signatory=self.signatory,
            parties=tuple(p.strip().upper() for p in self.party or ()),
        )

    def chosen_fields(self) -> Optional[tuple[str, ...]]:
        """The fields named by --fields, or None when it was not given (each view has its default)."""
        if self.fields is None:
            return None
        from ..core.fields import parse_fields

        return parse_fields(self.fields)

    def chosen_format(self) -> Any:
        """The --format given, or json with --json; both at once only if they agree."""
        if not self.as_json:
            return self.fmt
        if self.format_given and self.fmt != "json":
            raise UsageError(f"--json and --format {self.fmt} ask for two formats; give one of them")
        return type(self.fmt)("json")

    def output_format(self) -> OutputFormat:
        """The format chosen; --svg/--html need the table view."""
        chosen: OutputFormat = self.chosen_format()
        if (self.svg or self.html) and chosen is not OutputFormat.TABLE:
            raise UsageError("--svg and --html save the table view; drop --json/--format to use them")
        if self.force and not (self.svg or self.html):
            raise UsageError("--force replaces a file saved with --svg or --html; give one of them")
        return chosen


#: The click context, added to a command that does not take it, to tell an option given from a default.
_CONTEXT = inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)


def command(
    *groups: list[inspect.Parameter], root: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command (or, with ``root``, the program) the global options and the option
    ``groups``. The function takes a parameter ``options: Options`` in place of them."""

    def decorate(function: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(function).parameters.values() if p.name != "options"]
        shared = [p for group in (global_options(root), *groups) for p in group]

        names = {p.name for p in shared} - {p.name for p in own}
        takes_context = any(p.name == "ctx" for p in own)
        context = [] if takes_context else [_CONTEXT]

        @functools.wraps(function)
        def run(**values: Any) -> None:
            ctx: typer.Context = values["ctx"] if takes_context else values.pop("ctx")
            given = Options(**{name: values.pop(name) for name in list(values) if name in names})
            source = ctx.get_parameter_source("fmt")
            given.format_given = source is not None and source.name == "COMMANDLINE"
            function(options=given, **values)

        parameters = context + own + [p for p in shared if p.name in names]
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        del run.__wrapped__  # Typer must read the new signature, not the function's own
        return run

    return decorate


def _parse_date(value: Optional[str], option: str) -> "Optional[PartialDate]":
    if value is None:
        return None
    from ..core.dates import PartialDate

    try:
        return PartialDate.parse(value.strip())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


_LONG_KINDS = {short.casefold(): kind for kind, short in SHORT_KINDS.items()}


def _choices(
    values: Optional[list[str]], valid: Sequence[str], option: str, short: Optional[dict[str, str]] = None
) -> list[str]:
    """The values given, checked against ``valid``; ``short`` maps the short forms tables print."""
    from ..core.filters import unknown_value_message

    chosen = [value.strip().casefold() for value in values or ()]
    chosen = [(short or {}).get(value, value) for value in chosen]
    for value in chosen:
        if value not in valid:
            raise UsageError(unknown_value_message(option, value, valid))
    return chosen
