"""The Typer application, global options, error reporting and the entry point."""

import contextlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Optional, TextIO, cast

import typer

from .. import __version__
from ..errors import DataError, ExitCode, PactError
from ..output import ColorChoice, Env

# Typer evaluates these annotations at run time and reads Optional[...] for optional values.

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
            from ..loader import open_catalog

            self._catalog = open_catalog(self.data, use_cache=not self.no_cache)
        return self._catalog

    def env(
        self,
        color: ColorChoice | None = None,
        width: int | None = None,
        svg: str | None = None,
        html: str | None = None,
    ) -> Env:
        return Env.detect(color or self.color, width or self.width, svg, html)


def state(ctx: typer.Context) -> State:
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
        from ..views import overview

        with reporting():
            write(overview(ctx.obj.catalog().all()))


@contextmanager
def reporting() -> Iterator[None]:
    """Turn pactcli's own errors into a short message on stderr and the right exit code."""
    from ..sanitize import visible

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


def write(text: str) -> None:
    sys.stdout.write(text)


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
    """Console-script entry point: run the app and end the process with its exit code."""
    _exit(execute())


def execute() -> int:
    """Run the app; the exit code, with a closed pipe counted as success."""
    _register_only(_invoked_command(sys.argv[1:]))
    if sys.stdout is None:  # started with stdout closed
        _say("pactcli: error: standard output is closed; nothing can be printed")
        return ExitCode.NOT_FOUND
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if sys.stderr is not None:
        from ..sanitize import SanitizingWriter

        # Click echoes raw argument values in its errors; the wrapper quacks like the TextIO it wraps.
        sys.stderr = cast("TextIO", SanitizingWriter(sys.stderr))
    try:
        app()
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else ExitCode.NOT_FOUND)
    except BrokenPipeError:
        return ExitCode.OK
    except OSError as error:  # e.g. writing to /dev/full
        _say(f"pactcli: error: cannot write output: {error.strerror or error}")
        return ExitCode.NOT_FOUND
    return ExitCode.OK


def _exit(code: int) -> None:
    """Flush what was written, then leave without the interpreter's teardown.

    Tearing down the modules Typer and Rich loaded costs about as much as running a lookup
    (measured ~20 ms); nothing of ours needs it: files are closed as they are written.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        pass
    except OSError as error:
        _say(f"pactcli: error: cannot write output: {error.strerror or error}")
        code = code or ExitCode.NOT_FOUND
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)


def _say(message: str) -> None:
    """A line on stderr, if there is a stderr at all."""
    if sys.stderr is not None:
        sys.stderr.write(message + "\n")
