"""The command-line interface: parse arguments, load, query, render. The only place that exits."""


import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from . import __version__
from .errors import DataError, ExitCode, PactError, UsageError
from .model import Kind, PartialDate, Status
from .output import ColorChoice, Env
from .render import OutputFormat

# Typer evaluates these annotations at run time and reads Optional[...] for optional values.
# ruff: noqa: UP007, UP045

app = typer.Typer(
    name="pactcli",
    help="A command-line reference for India–United States defence agreements.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class State:
    """Global options, shared with every command through the Click context."""

    def __init__(self, data: str | None, no_cache: bool, color: ColorChoice, width: int | None) -> None:
        self.data = data
        self.no_cache = no_cache
        self.color = color
        self.width = width
        self._catalog: Any = None

    def catalog(self) -> Any:
        if self._catalog is None:
            from .load import open_catalog

            self._catalog = open_catalog(self.data, use_cache=not self.no_cache)
        return self._catalog

    def env(self, color: ColorChoice | None = None, width: int | None = None) -> Env:
        return Env.detect(color or self.color, width or self.width)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_object(State)
    if state is None:  # a command invoked without the callback (not reachable from the CLI)
        state = State(None, False, ColorChoice.AUTO, None)
    return state


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"pactcli {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    data: Annotated[
        Optional[str],
        typer.Option("--data", metavar="PATH", envvar="PACTCLI_DATA", show_envvar=True,
                     help="Dataset file to use instead of the bundled one."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", envvar="PACTCLI_NO_CACHE", help="Parse the dataset afresh; do not read or write the cache.")
    ] = False,
    color: Annotated[
        ColorChoice, typer.Option("--color", case_sensitive=False, help="Colour: auto (only on a terminal), always or never.")
    ] = ColorChoice.AUTO,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """A command-line reference for India–United States defence agreements.

    \b
    Examples:
      pactcli list --since 2016 --binding
      pactcli show sosa
      pactcli timeline --since 2016
      pactcli compare lemoa comcasa beca
      pactcli list --json | jq -r '.[].id'
    """
    ctx.obj = State(data, no_cache, color, None)
    if ctx.invoked_subcommand is None:
        from .views import overview

        with _reporting():
            _write(overview(ctx.obj.catalog().all()))


# --- shared options -----------------------------------------------------------------------

def _parse_date(value: Optional[str], option: str) -> Optional[PartialDate]:
    if value is None:
        return None
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
    typer.Option("--color", case_sensitive=False, help="Colour: auto (only on a terminal), always or never. Overrides NO_COLOR and FORCE_COLOR."),
]
WidthOpt = Annotated[Optional[int], typer.Option("--width", min=40, max=1000, help="Lay tables out this many columns wide.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    Optional[str],
    typer.Option("--fields", metavar="A,B,…", help="Comma-separated fields to output (see 'pactcli schema'); an unknown name lists the valid ones."),
]
SinceOpt = Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Signed on or after this year or date (YYYY, YYYY-MM, YYYY-MM-DD).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Signed on or before this year or date.")]
BindingOpt = Annotated[
    Optional[bool],
    typer.Option("--binding/--non-binding", help="Only legally binding, or only non-binding, instruments (unknown ones match neither).", show_default=False),
]
KindOpt = Annotated[Optional[list[Kind]], typer.Option("--kind", case_sensitive=False, help="Only this kind (repeatable).")]
StatusOpt = Annotated[Optional[list[Status]], typer.Option("--status", case_sensitive=False, help="Only this status (repeatable).")]
TagOpt = Annotated[Optional[list[str]], typer.Option("--tag", help="Only records with this tag (repeatable; any matches).")]
SignatoryOpt = Annotated[Optional[str], typer.Option("--signatory", metavar="NAME", help="Only records signed by someone whose name contains NAME (any case).")]
PartyOpt = Annotated[Optional[list[str]], typer.Option("--party", metavar="CODE", help="Only records with this party, e.g. IN (repeatable; all must match).")]


def _filters(since: Optional[str], until: Optional[str], binding: Optional[bool], kind: Optional[list[Kind]],
             status: Optional[list[Status]], tag: Optional[list[str]], signatory: Optional[str],
             party: Optional[list[str]]) -> Any:  # fmt: skip
    from .query import Filters

    return Filters(
        since=_parse_date(since, "--since"),
        until=_parse_date(until, "--until"),
        binding=binding,
        kinds=tuple(kind or ()),
        statuses=tuple(status or ()),
        tags=tuple(t.casefold() for t in tag or ()),
        signatory=signatory,
        parties=tuple(p.upper() for p in party or ()),
    )


def _format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    return OutputFormat.JSON if as_json else fmt


@contextmanager
def _reporting() -> Iterator[None]:
    """Turn pactcli's own errors into a short message on stderr and the right exit code."""
    from .sanitize import visible

    try:
        yield
    except DataError as error:
        problems = error.problems
        lines = [f"pactcli: error: {visible(str(p))}" for p in problems[:5]]
        if len(problems) > 5:
            lines.append(f"pactcli: … and {len(problems) - 5} more problem(s); run 'pactcli validate' to list them all")
        sys.stderr.write("\n".join(lines) + "\n")
        raise typer.Exit(ExitCode.BAD_DATA) from None
    except PactError as error:
        first, *rest = str(error).splitlines() or [""]
        sys.stderr.write("".join(f"{line}\n" for line in [f"pactcli: error: {visible(first)}", *map(visible, rest)]))
        raise typer.Exit(error.exit_code) from None


def _write(text: str) -> None:
    sys.stdout.write(text)



# --- commands -----------------------------------------------------------------------------


@app.command("list")
def list_(
    ctx: typer.Context,
    since: SinceOpt = None, until: UntilOpt = None, binding: BindingOpt = None, kind: KindOpt = None,
    status: StatusOpt = None, tag: TagOpt = None, signatory: SignatoryOpt = None, party: PartyOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE, as_json: JsonOpt = False, fields: FieldsOpt = None,
    color: ColorOpt = None, width: WidthOpt = None,
) -> None:  # fmt: skip
    """List instruments, one row each, sorted by signing date.

    \b
    Examples:
      pactcli list
      pactcli list --since 2016 --binding
      pactcli list --kind framework --kind joint-statement
      pactcli list --tag foundational --json | jq -r '.[].id'
      pactcli list --format csv --fields id,signed,binding > pacts.csv
    """
    from .query import select
    from .render import parse_fields
    from .views import records

    state = _state(ctx)
    with _reporting():
        chosen = parse_fields(fields)
        selected = select(state.catalog().all(), _filters(since, until, binding, kind, status, tag, signatory, party))
        _write(records(selected, _format(fmt, as_json), chosen, fields is not None, state.env(color, width)))


@app.command()
def show(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Id, acronym or alias (any case).", show_default=False)],
    fmt: FormatOpt = OutputFormat.TABLE, as_json: JsonOpt = False, fields: FieldsOpt = None,
    color: ColorOpt = None, width: WidthOpt = None,
) -> None:  # fmt: skip
    """Show everything about one or more instruments.

    \b
    Examples:
      pactcli show sosa
      pactcli show LEMOA comcasa beca
      pactcli show framework-2015 --json | jq .signatories
    """
    from .query import lookup
    from .render import parse_fields
    from .views import related_labels
    from .views import show as render_show

    state = _state(ctx)
    with _reporting():
        chosen = parse_fields(fields)
        catalog = state.catalog()
        found = lookup(catalog, ids)
        fmt = _format(fmt, as_json)
        labels = related_labels(catalog, found) if fmt is OutputFormat.TABLE else {}
        _write(render_show(found, fmt, chosen, state.env(color, width), labels))


@app.command()
def timeline(
    ctx: typer.Context,
    since: SinceOpt = None, until: UntilOpt = None, binding: BindingOpt = None, kind: KindOpt = None,
    status: StatusOpt = None, tag: TagOpt = None, signatory: SignatoryOpt = None, party: PartyOpt = None,
    fmt: FormatOpt = OutputFormat.TABLE, as_json: JsonOpt = False, fields: FieldsOpt = None,
    color: ColorOpt = None, width: WidthOpt = None,
) -> None:  # fmt: skip
    """Chronological view grouped by year, binding marked at a glance (● binding, ○ non-binding, ? unknown).

    \b
    Examples:
      pactcli timeline --since 2016
      pactcli timeline --since 2000 --until 2010
      pactcli timeline --binding --json
    """
    from .query import select
    from .render import parse_fields
    from .views import timeline as render_timeline

    state = _state(ctx)
    with _reporting():
        chosen = parse_fields(fields)
        selected = select(state.catalog().all(), _filters(since, until, binding, kind, status, tag, signatory, party))
        _write(render_timeline(selected, _format(fmt, as_json), chosen, state.env(color, width)))


class GroupKey(str, Enum):
    BINDING = "binding"
    KIND = "kind"
    STATUS = "status"
    DECADE = "decade"
    SIGNATORY = "signatory"


@app.command()
def compare(
    ctx: typer.Context,
    ids: Annotated[Optional[list[str]], typer.Argument(metavar="[ID...]", help="Two or more ids, acronyms or aliases.", show_default=False)] = None,
    by: Annotated[Optional[GroupKey], typer.Option("--by", case_sensitive=False, help="Compare groups of instruments instead: binding, kind, status, decade or signatory.")] = None,
    only_diff: Annotated[bool, typer.Option("--only-diff", help="Show only the fields that differ.")] = False,
    fmt: FormatOpt = OutputFormat.TABLE, as_json: JsonOpt = False, fields: FieldsOpt = None,
    color: ColorOpt = None, width: WidthOpt = None,
) -> None:  # fmt: skip
    """Compare instruments side by side (differing fields highlighted), or groups with --by.

    \b
    Examples:
      pactcli compare lemoa comcasa beca
      pactcli compare lemoa comcasa beca --only-diff
      pactcli compare --by binding
      pactcli compare --by decade --json
    """
    from .query import group_by, lookup
    from .render import parse_fields
    from .views import compare as render_compare
    from .views import grouped

    state = _state(ctx)
    with _reporting():
        fmt = _format(fmt, as_json)
        if by is not None:
            if ids:
                raise UsageError("give either IDs or --by, not both")
            chosen = parse_fields(fields or "id,name,signed,kind,binding,status")
            groups = group_by(state.catalog().all(), by.value)
            _write(grouped(groups, by.value, fmt, chosen, state.env(color, width)))
            return
        if not ids or len(ids) < 2:
            raise UsageError("compare needs at least two IDs (or --by KEY); e.g. pactcli compare lemoa comcasa")
        chosen = parse_fields(fields)
        found = lookup(state.catalog(), ids)
        _write(render_compare(found, fmt, chosen, only_diff, state.env(color, width)))


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[Optional[str], typer.Argument(metavar="[PATH]", help="Dataset file (default: the one in use).", show_default=False)] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", case_sensitive=False, help="table (path:line:col: message lines) or json.")] = OutputFormat.TABLE,
    as_json: JsonOpt = False,
) -> None:  # fmt: skip
    """Check a dataset file and print every problem as path:line:col: message.

    Exits 0 when the file is valid, 3 when it is not.

    \b
    Examples:
      pactcli validate data/agreements.yaml
      pactcli validate mine.yaml --json
    """
    from .load import check_file
    from .render import json_
    from .sanitize import visible

    state = _state(ctx)
    problems, count = check_file(path or state.data)
    fmt = _format(fmt, as_json)
    if fmt is OutputFormat.JSON:
        payload = {
            "valid": not problems,
            "records": count,
            "problems": [
                {"path": p.path, "line": p.line, "column": p.column, "record": p.record_id, "field": p.field, "message": p.message}
                for p in problems
            ],
        }
        _write(json_.render(payload))
    elif problems:
        _write("".join(visible(str(p), keep_layout=False) + "\n" for p in problems))
    if problems:
        if fmt is not OutputFormat.JSON:
            sys.stderr.write(f"pactcli: {len(problems)} problem(s) found\n")
        raise typer.Exit(ExitCode.BAD_DATA)
    if fmt is not OutputFormat.JSON:
        sys.stderr.write(f"pactcli: ok: {count} records are valid\n")


_GLOBAL_OPTIONS_WITH_VALUE = frozenset({"--data", "--color"})


def _invoked_command(argv: list[str]) -> str | None:
    """The subcommand named on the command line, skipping global options; None if there is none."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return next(args, None)
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def _register_only(name: str | None) -> None:
    """Keep only the invoked command registered: Typer builds every registered command's
    parameters on each start, and one command is all this process will run."""
    if name is None or "_PACTCLI_COMPLETE" in os.environ:
        return

    def command_name(info: Any) -> str:
        return str(info.name or info.callback.__name__.lower().replace("_", "-"))

    chosen = [info for info in app.registered_commands if command_name(info) == name]
    if chosen:
        app.registered_commands = chosen


def run() -> None:
    """Console-script entry point: run the app, ending quietly on a closed pipe."""
    _register_only(_invoked_command(sys.argv[1:]))
    if sys.stdout is None:  # started with stdout closed
        if sys.stderr is not None:
            sys.stderr.write("pactcli: error: standard output is closed; nothing can be printed\n")
        sys.exit(ExitCode.NOT_FOUND)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    if sys.stderr is not None:
        from .sanitize import SanitizingWriter

        sys.stderr = SanitizingWriter(sys.stderr)  # Click echoes raw argument values in its errors
    try:
        app()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(ExitCode.OK)
    except SystemExit as exit_:
        _flush_or_report()
        raise exit_ from None
    except OSError as error:  # e.g. writing to /dev/full
        _silence_stdout()
        sys.stderr.write(f"pactcli: error: cannot write output: {error.strerror or error}\n")
        sys.exit(ExitCode.NOT_FOUND)


def _flush_or_report() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        _silence_stdout()
        sys.stderr.write(f"pactcli: error: cannot write output: {error.strerror or error}\n")
        sys.exit(ExitCode.NOT_FOUND)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
