"""Error types and exit codes shared by every layer."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_DATA = 3
    OUTPUT = 4  # output could not be written (disk full, a missing folder for --svg)
    INTERRUPTED = 130  # Ctrl-C or SIGTERM


class Problem(NamedTuple):
    """One thing wrong with a dataset, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    record_id: str | None = None
    field: str | None = None

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = ""
        if self.record_id is not None:
            where = f"record {self.record_id!r}"
            if self.field is not None:
                where += f", field {self.field!r}"
            where += ": "
        elif self.field is not None:
            where = f"field {self.field!r}: "
        return f"{self.location()}: {where}{self.message}"


class PactError(Exception):
    """Base class for errors pactcli reports to the user."""

    exit_code: ExitCode = ExitCode.USAGE


class DataError(PactError):
    """The dataset cannot be used. Carries every problem found."""

    exit_code = ExitCode.BAD_DATA

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__(str(problems[0]))


class NotFoundError(PactError):
    """A looked-up instrument does not exist."""

    exit_code = ExitCode.NOT_FOUND


class AmbiguousKey(PactError):
    """A typed key begins the names of several instruments."""

    exit_code = ExitCode.USAGE

    def __init__(self, key: str, ids: list[str]) -> None:
        shown = ", ".join(ids[:12]) + (f" and {len(ids) - 12} more" if len(ids) > 12 else "")
        super().__init__(f"{key!r} could be any of {len(ids)} instruments: {shown}\nGive more of the name, or the id.")


class OutputError(PactError):
    """Output could not be written (``stdout``: to standard output, which is then unusable)."""

    exit_code = ExitCode.OUTPUT

    def __init__(self, message: str, *, stdout: bool = False) -> None:
        super().__init__(message)
        self.stdout = stdout


class Interrupted(PactError):
    """Ctrl-C or SIGTERM: the run stops, removing what it was writing."""

    exit_code = ExitCode.INTERRUPTED


class PipeClosed(PactError):
    """The reader of standard output went away (``pactcli list | head -1``): not an error."""

    exit_code = ExitCode.OK


class UsageError(PactError):
    """A bad value that Click itself cannot check (e.g. an unknown ``--fields`` name)."""

    exit_code = ExitCode.USAGE
