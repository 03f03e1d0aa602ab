"""Options shared by several commands, and helpers that turn them into core values."""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..errors import UsageError
from ..output import ColorChoice
from ..render import OutputFormat
from ..vocabulary import Kind, Status
from .completion import complete_kinds, complete_statuses, complete_tags

if TYPE_CHECKING:
    from ..filters import Filters
    from ..model import PartialDate

# Typer evaluates these annotations at run time and reads Optional[...] for optional values.


def _parse_date(value: Optional[str], option: str) -> "Optional[PartialDate]":
    if value is None:
        return None
    from ..model import PartialDate

    try:
        return PartialDate.parse(value.strip())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
ColorOpt = Annotated[
    Optional[ColorChoice],
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour: auto (only on a terminal), always or never. Overrides NO_COLOR and FORCE_COLOR.",
    ),
]
WidthOpt = Annotated[
    Optional[int], typer.Option("--width", min=40, max=1000, help="Lay tables out this many columns wide.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    Optional[str],
    typer.Option(
        "--fields",
        metavar="A,B,…",
        help="Comma-separated fields to output (see 'pactcli schema'); an unknown name lists the valid ones.",
    ),
]
SinceOpt = Annotated[
    Optional[str],
    typer.Option("--since", metavar="DATE", help="Signed on or after this year or date (YYYY, YYYY-MM, YYYY-MM-DD)."),
]
UntilOpt = Annotated[
    Optional[str], typer.Option("--until", metavar="DATE", help="Signed on or before this year or date.")
]
BindingOpt = Annotated[
    Optional[bool],
    typer.Option(
        "--binding/--non-binding",
        help="Only legally binding, or only non-binding, instruments (see --binding-unknown for the rest).",
        show_default=False,
    ),
]
BindingUnknownOpt = Annotated[
    bool,
    typer.Option(
        "--binding-unknown",
        help="Only instruments whose legal character is unknown; with --binding or --non-binding, either.",
    ),
]
KindOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kind",
        metavar="KIND",
        autocompletion=complete_kinds,
        help="Only this kind (repeatable): " + ", ".join(k.value for k in Kind) + ".",
    ),
]
StatusOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--status",
        metavar="STATUS",
        autocompletion=complete_statuses,
        help="Only this status (repeatable): " + ", ".join(s.value for s in Status) + ".",
    ),
]
TagOpt = Annotated[
    Optional[list[str]],
    typer.Option("--tag", autocompletion=complete_tags, help="Only records with this tag (repeatable; any matches)."),
]
SignatoryOpt = Annotated[
    Optional[str],
    typer.Option(
        "--signatory", metavar="NAME", help="Only records signed by someone whose name contains NAME (any case)."
    ),
]
PartyOpt = Annotated[
    Optional[list[str]],
    typer.Option("--party", metavar="CODE", help="Only records with this party, e.g. IN (repeatable; all must match)."),
]


# Global options that may also follow the subcommand (pactcli list --data mine.yaml). No envvar
# here: PACTCLI_DATA and PACTCLI_NO_CACHE are read once, by the global options before the command.
DataOpt = Annotated[
    Optional[str], typer.Option("--data", metavar="PATH", help="Dataset file to use instead of the bundled one.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Parse the dataset afresh; do not read or write the cache.")
]
NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help="Print straight to the terminal, never through a pager.")]

SvgOpt = Annotated[
    Optional[str],
    typer.Option("--svg", metavar="FILE", help="Also save the table view, exactly as a terminal shows it, as SVG."),
]
HtmlOpt = Annotated[Optional[str], typer.Option("--html", metavar="FILE", help="Also save the table view as HTML.")]


def _choices(values: Optional[list[str]], enum: type[Kind] | type[Status], option: str) -> list[str]:
    from ..filters import unknown_value_message

    valid = [member.value for member in enum]
    chosen = [value.strip().casefold() for value in values or ()]
    for value in chosen:
        if value not in valid:
            raise UsageError(unknown_value_message(option, value, valid))
    return chosen


def filters(
    since: Optional[str],
    until: Optional[str],
    binding: Optional[bool],
    binding_unknown: bool,
    kind: Optional[list[str]],
    status: Optional[list[str]],
    tag: Optional[list[str]],
    signatory: Optional[str],
    party: Optional[list[str]],
) -> "Filters":
    """The core's Filters from the command-line filter options (values checked, with suggestions)."""
    from ..filters import Filters

    bindings: list[Optional[bool]] = [] if binding is None else [binding]
    if binding_unknown:
        bindings.append(None)
    return Filters(
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        bindings=tuple(bindings),
        kinds=tuple(Kind(value) for value in _choices(kind, Kind, "--kind")),
        statuses=tuple(Status(value) for value in _choices(status, Status, "--status")),
        tags=tuple(t.strip().casefold() for t in tag or ()),
        signatory=signatory,
        parties=tuple(p.strip().upper() for p in party or ()),
    )


def chosen_fields(spec: Optional[str]) -> Optional[tuple[str, ...]]:
    """The fields named by --fields, or None when it was not given (each view has its default)."""
    from ..fields import parse_fields

    return None if spec is None else parse_fields(spec)


def output_format(
    fmt: OutputFormat, as_json: bool, svg: Optional[str] = None, html: Optional[str] = None
) -> OutputFormat:
    """--json wins over --format; --svg/--html need the table view."""
    chosen = OutputFormat.JSON if as_json else fmt
    if (svg or html) and chosen is not OutputFormat.TABLE:
        raise UsageError("--svg and --html save the table view; drop --json/--format to use them")
    return chosen
