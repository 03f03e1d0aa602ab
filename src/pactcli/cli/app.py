"""The Typer application: global options, lazily loaded commands, one error handler, the entry point.

Commands live in small modules and are listed in :data:`COMMANDS`; only the module of the
command being run is imported and turned into a Click command (as pip's ``commands_dict``).
Every error, Click's usage errors included, is reported in one place, :func:`report`.
"""

import contextlib
import importlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from ..core.errors import DataError, ExitCode, Interrupted, OutputError, PactError, PipeClosed, UsageError
from ..output.env import ColorChoice, Env, is_terminal
from .options import Options, command

if TYPE_CHECKING:
    from ..core.catalog import Catalog
    from ..core.filters import Filters

# Typer evaluates these annotations at run time and reads Optional[...] for optional values.

#: Command name → the module of pactcli.cli that defines it, in the order --help lists them. The
#: function has the command's name, with an underscore after a Python builtin's (``list_``).
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("list", "show", "timeline", "compare"), "records"),
    **dict.fromkeys(("search", "signatories", "stats", "graph"), "explore"),
    **dict.fromkeys(("cite", "export", "validate", "schema"), "integrate"),
}


def build_command(name: str) -> TyperCommand:
    """The Click command for one name of :data:`COMMANDS`, importing only its module."""
    module = importlib.import_module(f"{__package__}.{COMMANDS[name]}")
    single = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    single.command(name)(getattr(module, f"{name}_", None) or getattr(module, name))
    built: TyperCommand = typer.main.get_command(single)  # type: ignore[assignment]
    return built


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands: every name is known, a command is built the first time it is asked for."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, built: Any) -> None:
        self._built[name] = built

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

    def list_commands(self, ctx: Any) -> list[str]:
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
            sys.stdout.flush()  # what was written without the checked writer (--version, --help)
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


def say(first: str, *rest: str) -> None:
    """An error in pactcli's one style on stderr, data in it shown with visible escapes."""
    from ..core.sanitize import visible

    lines = [f"pactcli: error: {visible(first)}", *(visible(line) for line in rest)]
    sys.stderr.write("".join(line + "\n" for line in lines))


def report(error: BaseException) -> int:
    """Tell the user what went wrong, in pactcli's one style; return the exit code."""
    if isinstance(error, DataError):
        problems = error.problems
        say(*(str(p) for p in problems[:5]))
        if len(problems) > 5:
            sys.stderr.write(
                f"pactcli: … and {len(problems) - 5} more problem(s); "
                f"run 'pactcli validate {problems[0].path}' to list them all\n"
            )
        return ExitCode.BAD_DATA
    if isinstance(error, PipeClosed | BrokenPipeError):
        _silence_stdout()
        return ExitCode.OK
    if isinstance(error, typer.Abort):  # Typer's word for an EOFError; pactcli never prompts
        cause = error.__cause__ or error
        say(f"unexpected end of input: {type(cause).__name__}: {cause}")
        return 1
    if isinstance(error, Interrupted | KeyboardInterrupt):
        sys.stderr.write("\npactcli: interrupted\n")
        return ExitCode.INTERRUPTED
    if isinstance(error, OutputError) and error.stdout:
        _silence_stdout()  # what stdout still buffers would fail again at exit
    if isinstance(error, PactError):
        say(*(str(error).splitlines() or [""]))
        return error.exit_code
    if isinstance(error, typer.Exit):
        return error.exit_code
    if isinstance(error, typer.TyperException):  # Click's usage errors: bad option, value, missing argument
        ctx = getattr(error, "ctx", None)
        hint = f"Try '{ctx.command_path} --help' for help." if ctx is not None else "Try 'pactcli --help' for help."
        say(error.format_message(), hint)
        return error.exit_code
    if isinstance(error, OSError):  # writing to a file that went away
        say(f"cannot write output: {error.strerror or error}")
        return ExitCode.OUTPUT
    raise error


class State:
    """The global options of one run, with any given after the command taking precedence."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._catalog: Catalog | None = None

    def merge(self, later: Options) -> None:
        """Global options given after the command: values override, flags add."""
        if later.data is not None:
            self.options.data, self._catalog = later.data, None
        self.options.color = later.color or self.options.color
        self.options.width = later.width or self.options.width
        self.options.no_cache = self.options.no_cache or later.no_cache
        self.options.no_pager = self.options.no_pager or later.no_pager

    def catalog(self) -> "Catalog":
        if self._catalog is None:
            from ..dataset.store import open_store

            self._catalog = open_store(
                self.options.data, use_cache=not self.options.no_cache, progress=_progress_line()
            )
        return self._catalog

    def filters(self, options: Options) -> "Filters":
        """The filters given, once a --tag or --party no record has is refused as a usage error."""
        chosen = options.filters()
        catalog = self.catalog()
        for option, wanted, facet in (("--tag", chosen.tags, "tags"), ("--party", chosen.parties, "parties")):
            present = catalog.values(facet) if wanted else []
            for value in wanted:
                if value not in present:
                    from ..core.filters import unknown_value_message

                    raise UsageError(unknown_value_message(option, value, present))
        return chosen

    def env(self, options: Optional[Options] = None) -> Env:
        chosen = options or Options()
        return Env.detect(
            self.options.color or ColorChoice.AUTO, self.options.width, chosen.svg, chosen.html, chosen.force
        )

    def write(self, view: Iterable[str]) -> None:
        """Print a view: through a pager when it is taller than the terminal, else straight out."""
        from ..output.writer import emit

        emit(view, page=not self.options.no_pager)

    def nothing_matches(self, filters: "Filters", env: Env) -> Callable[[], None]:
        """What an empty terminal listing does: say so on stderr (a pipe stays silent)."""

        def tell() -> None:
            if env.rich_layout:
                sys.stderr.write(f"No instruments match {filters.describe() or 'these filters'}.\n")

        return tell


def state(ctx: typer.Context, options: Options) -> State:
    """The run's global options, updated with those given after the command."""
    found = ctx.find_object(State)
    if found is None:  # a command invoked without the root callback (not reachable from the CLI)
        found = State(Options(color=ColorChoice.AUTO))
    found.merge(options)
    return found


def _progress_line() -> Optional[Callable[[float], None]]:
    """A progress line on stderr while a dataset is indexed, on a terminal only, once it has taken
    more than half a second."""
    if not is_terminal(sys.stderr):
        return None
    started = time.monotonic()
    shown = False

    def report(fraction: float) -> None:
        nonlocal shown
        if fraction < 0:
            if shown:
                sys.stderr.write("\r\x1b[K")
            return
        if shown or time.monotonic() - started > 0.5:
            shown = True
            sys.stderr.write(f"\rpactcli: indexing the dataset (cached afterwards) {fraction:4.0%}")
            sys.stderr.flush()

    return report


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"pactcli {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@command(root=True)
def main(
    ctx: typer.Context,
    options: Options,
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
    ctx.obj = State(options)
    if ctx.invoked_subcommand is None:
        from ..core.filters import Filters
        from ..output.views import overview

        ctx.obj.write(overview(list(ctx.obj.catalog().records(Filters()))))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of a dead pipe is quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _interrupt(signum: int, frame: Any) -> None:
    raise Interrupted("interrupted")  # unwinds, so temporary files are removed on the way out


def run(argv: Optional[list[str]] = None) -> int:
    """Run pactcli with ``argv`` (default: the command line) and return its exit code.

    The console script passes the code to ``sys.exit``; from Python, ``run(["list", "--json"])``
    prints as the command would and returns normally.
    """
    if sys.stdout is None:  # started with stdout closed
        if sys.stderr is not None:
            sys.stderr.write("pactcli: error: standard output is closed; nothing can be printed\n")
        return ExitCode.OUTPUT
    previous = {}
    with contextlib.suppress(ValueError):  # only the main thread may handle signals
        for signum in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                previous[signum] = signal.signal(signum, _interrupt)
    try:
        group = typer.main.get_command(app)
        code = group.main(sys.argv[1:] if argv is None else argv, "pactcli", standalone_mode=False)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return int(code)
