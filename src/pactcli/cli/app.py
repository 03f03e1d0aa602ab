"""The Typer application: global options, lazily loaded commands, one error handler, the entry point.

Commands live in small modules and are listed in :data:`COMMANDS`; only the module of the
command being run is imported and turned into a Click command (as pip's ``commands_dict``).
Every error, Click's usage errors included, is reported in one place, :meth:`PactGroup.main`.
"""

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO, cast

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import DataError, ExitCode, PactError
from ..output import ColorChoice, Env, is_terminal

if TYPE_CHECKING:
    from typer import _click as click  # Typer vendors Click; only its types are needed here

    from ..catalog import Catalog
    from ..filters import Filters
    from ..model import Agreement
    from ..render import OutputFormat

# Typer evaluates these annotations at run time and reads Optional[...] for optional values.

#: Command name → (module in pactcli.cli, function), in the order --help lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "list": ("records", "list_"),
    "show": ("records", "show"),
    "timeline": ("records", "timeline"),
    "compare": ("records", "compare"),
    "search": ("explore", "search"),
    "signatories": ("explore", "signatories"),
    "stats": ("explore", "stats"),
    "graph": ("explore", "graph"),
    "cite": ("integrate", "cite"),
    "export": ("integrate", "export"),
    "validate": ("integrate", "validate"),
    "schema": ("integrate", "schema"),
}


def build_command(name: str) -> "click.Command":
    """The Click command for one name of :data:`COMMANDS`, importing only its module."""
    module_name, function = COMMANDS[name]
    module = importlib.import_module(f"{__package__}.{module_name}")
    single = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    single.command(name)(getattr(module, function))
    return typer.main.get_command(single)


class LazyCommands(MutableMapping[str, "click.Command"]):
    """The group's commands: every name is known, a command is built the first time it is asked for."""

    def __init__(self) -> None:
        self._built: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> "click.Command":
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: "click.Command") -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


class PactGroup(TyperGroup):
    """The root command: lazy subcommands, and every error reported the same way."""

    def __init__(self, **attrs: Any) -> None:
        attrs["commands"] = LazyCommands()
        super().__init__(**attrs)

    def list_commands(self, ctx: "click.Context") -> list[str]:
        return list(self.commands)

    def main(  # type: ignore[override]
        self,
        args: Optional[list[str]] = None,
        prog_name: Optional[str] = None,
        complete_var: Optional[str] = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> int:
        """Run; report any error on stderr; return the exit code (or exit with it when standalone)."""
        try:
            result = super().main(args, prog_name or "pactcli", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else ExitCode.OK
        except BaseException as error:
            code = report(error)
        if standalone_mode:
            sys.exit(code)
        return int(code)


app = typer.Typer(
    name="pactcli",
    cls=PactGroup,
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def report(error: BaseException) -> int:
    """Tell the user what went wrong, in pactcli's one style; return the exit code."""
    from ..sanitize import visible

    def say(first: str, *rest: str) -> None:
        lines = [f"pactcli: error: {visible(first)}", *(visible(line) for line in rest)]
        sys.stderr.write("".join(line + "\n" for line in lines))

    if isinstance(error, DataError):
        problems = error.problems
        lines = [f"pactcli: error: {visible(str(p))}" for p in problems[:5]]
        if len(problems) > 5:
            lines.append(
                f"pactcli: … and {len(problems) - 5} more problem(s); run 'pactcli validate {problems[0].path}' to list them all"
            )
        sys.stderr.write("\n".join(lines) + "\n")
        return ExitCode.BAD_DATA
    if isinstance(error, PactError):
        first, *rest = str(error).splitlines() or [""]
        say(first, *rest)
        return error.exit_code
    if isinstance(error, typer.Exit):
        return error.exit_code
    if isinstance(error, typer.TyperException):  # Click's usage errors: bad option, value, missing argument
        ctx = getattr(error, "ctx", None)
        hint = f"Try '{ctx.command_path} --help' for help." if ctx is not None else "Try 'pactcli --help' for help."
        say(error.format_message(), hint)
        return error.exit_code
    if isinstance(error, typer.Abort | KeyboardInterrupt):
        sys.stderr.write("\npactcli: interrupted\n")
        return 130
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
        return ExitCode.OK
    if isinstance(error, OSError):  # writing to a full disk, a file that went away
        say(f"cannot write output: {error.strerror or error}")
        return ExitCode.OUTPUT
    raise error


class State:
    """Global options, shared with every command through the Click context."""

    def __init__(
        self, data: str | None, no_cache: bool, color: ColorChoice, width: int | None, no_pager: bool = False
    ) -> None:
        self.data = data
        self.no_cache = no_cache
        self.color = color
        self.width = width
        self.no_pager = no_pager
        self._catalog: Catalog | None = None

    def catalog(self) -> "Catalog":
        if self._catalog is None:
            from ..loader import open_catalog

            self._catalog = open_catalog(self.data, use_cache=not self.no_cache)
        return self._catalog

    def filtered(self, filters: "Filters") -> "Catalog":
        """The catalog to select from with ``filters``, once a --tag or --party no record has is
        refused as a usage error."""
        catalog = self.catalog()
        filters.check_against(catalog)
        return catalog

    def select(self, filters: "Filters") -> "list[Agreement]":
        """The records that pass ``filters``, by date."""
        return self.filtered(filters).select(filters)

    def env(
        self,
        color: ColorChoice | None = None,
        width: int | None = None,
        svg: str | None = None,
        html: str | None = None,
    ) -> Env:
        return Env.detect(color or self.color, width or self.width, svg, html)

    def write(self, text: str) -> None:
        """Print ``text``: through a pager when it is taller than the terminal, else straight out."""
        if not self.no_pager and is_terminal(sys.stdout):
            from ..pager import page

            if page(text):
                return
        sys.stdout.write(text)


def state(ctx: typer.Context, data: Optional[str] = None, no_cache: bool = False, no_pager: bool = False) -> State:
    """The global options, with any given after the subcommand taking precedence."""
    found = ctx.find_object(State)
    if found is None:  # a command invoked without the callback (not reachable from the CLI)
        found = State(None, False, ColorChoice.AUTO, None)
    if data is not None:
        found.data, found._catalog = data, None
    found.no_cache = found.no_cache or no_cache
    found.no_pager = found.no_pager or no_pager
    return found


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"pactcli {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    data: Annotated[
        Optional[str],
        typer.Option(
            "--data",
            metavar="PATH",
            envvar="PACTCLI_DATA",
            show_envvar=True,
            help="Dataset file to use instead of the bundled one.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", envvar="PACTCLI_NO_CACHE", help="Parse the dataset afresh; do not read or write the cache."
        ),
    ] = False,
    color: Annotated[
        ColorChoice,
        typer.Option("--color", case_sensitive=False, help="Colour: auto (only on a terminal), always or never."),
    ] = ColorChoice.AUTO,
    width: Annotated[
        Optional[int], typer.Option("--width", min=40, max=1000, help="Lay tables out this many columns wide.")
    ] = None,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Print straight to the terminal, never through a pager.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """A command-line reference for India–United States defence agreements.

    \b
    Examples:
      pactcli list --since 2016 --non-binding
      pactcli show sosa
      pactcli timeline --since 2016
      pactcli compare lemoa comcasa beca
      pactcli list --json | jq -r '.[].id'
    """
    ctx.obj = State(data, no_cache, color, width, no_pager)
    if ctx.invoked_subcommand is None:
        from ..views import overview

        ctx.obj.write(overview(ctx.obj.catalog().all()))


def print_selection(
    st: State,
    filters: "Filters",
    fmt: "OutputFormat",
    fields: Optional[tuple[str, ...]],
    env: Env,
    render: "Callable[[list[Agreement], OutputFormat, Optional[tuple[str, ...]], Env], str]",
    summary_view: bool = False,
) -> None:
    """Print the records that pass ``filters`` with ``render`` (list, timeline): from the index's
    pre-rendered JSON when it has it, and with ``summary_view`` the default terminal table from its
    columns; on a terminal, say so when nothing matches."""
    from ..render import OutputFormat

    fast = prerendered(st, filters, fmt, fields, env)
    if fast is not None:
        st.write(fast)
        return
    if summary_view and fmt is OutputFormat.TABLE and env.rich_layout and fields is None:
        from ..views import listing

        summaries = st.filtered(filters).summaries(filters)
        if not summaries:
            nothing_matches(filters, env)
            return
        st.write(listing(summaries, env))
        return
    selected = st.select(filters)
    if not selected and fmt is OutputFormat.TABLE:
        nothing_matches(filters, env)
        return
    st.write(render(selected, fmt, fields, env))


def prerendered(
    st: State, filters: "Filters", fmt: "OutputFormat", fields: Optional[tuple[str, ...]], env: Env
) -> Optional[str]:
    """JSON or JSON Lines of every field straight from the index's pre-rendered records (the same
    bytes the renderers would write), or None when this output needs the full path."""
    from ..render import OutputFormat

    if fields is not None or env.ascii_only or fmt not in (OutputFormat.JSON, OutputFormat.JSONL):
        return None
    style = "pretty" if fmt is OutputFormat.JSON else "compact"
    records = st.filtered(filters).rendered(filters, style)
    if records is None:
        return None
    from ..render import json_

    return json_.join_pretty(records) if style == "pretty" else json_.join_lines(records)


def nothing_matches(filters: "Filters", env: Env) -> None:
    """An empty selection: said on a terminal (on stderr), silent in a pipe; success either way."""
    if env.rich_layout:
        sys.stderr.write(f"No instruments match {filters.describe() or 'these filters'}.\n")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of a dead pipe is quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run(argv: Optional[list[str]] = None) -> int:
    """Run pactcli with ``argv`` (default: the command line) and return its exit code.

    The console script passes the code to ``sys.exit``; from Python, ``run(["list", "--json"])``
    prints as the command would and returns normally.
    """
    if sys.stdout is None:  # started with stdout closed
        if sys.stderr is not None:
            sys.stderr.write("pactcli: error: standard output is closed; nothing can be printed\n")
        return ExitCode.OUTPUT
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if sys.stderr is not None and not hasattr(sys.stderr, "unsanitized"):
        from ..sanitize import SanitizingWriter

        # Anything Click writes on its own (help for odd input) is shown with visible escapes.
        sys.stderr = cast(TextIO, SanitizingWriter(sys.stderr))
    command = cast(PactGroup, typer.main.get_command(app))
    code = command.main(sys.argv[1:] if argv is None else argv, "pactcli", standalone_mode=False)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        code = code or report(error)
        _silence_stdout()
    return code
