"""Find a dataset file and read it as checked text, a piece at a time: the one place a data file is
opened.

A dataset is read only if it is a regular file no bigger than the size limit; that is decided from
the open descriptor before a byte is read, and the file is opened without blocking, so a FIFO or a
device can neither hang nor feed the parser. Its text is decoded and checked for characters YAML
does not allow as it streams to the parser, so a file of any size is read in constant memory.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable
from functools import cache

from ..core.errors import DataError, Problem, UsageError

DEFAULT_MAX_BYTES = 1024 * 1024 * 1024  # 1,000,000 records are about 880 MB
ENV_DATA = "PACTCLI_DATA"
ENV_MAX_BYTES = "PACTCLI_MAX_BYTES"
CHUNK = 1 << 20

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@cache
def _not_yaml_printable() -> re.Pattern[str]:
    """Characters YAML 1.1 forbids in a stream (all but tab, newlines and printable text)."""
    return re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def bundled_path() -> str:
    """The dataset shipped with pactcli: inside the installed package, else the checkout's ``data/``."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "data", "agreements.yaml")
    if os.path.isfile(installed):
        return installed
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data", "agreements.yaml")


def resolve_path(path: str | os.PathLike[str] | None) -> str:
    """The dataset to use: an explicit path, else ``$PACTCLI_DATA`` (if set and not empty), else the
    bundled one. An explicit empty path is a usage error, never the bundled dataset."""
    if path is not None:
        if os.fspath(path) == "":
            raise UsageError("--data needs a file name, not an empty string")
        return os.fspath(path)
    return os.environ.get(ENV_DATA) or bundled_path()


def max_bytes() -> int:
    try:
        return max(1, int(os.environ.get(ENV_MAX_BYTES, DEFAULT_MAX_BYTES)))
    except ValueError:
        return DEFAULT_MAX_BYTES


def fail(path: str, message: str, line: int | None = None, column: int | None = None) -> DataError:
    return DataError([Problem(path, message, line, column)])


def stamp(info: os.stat_result) -> str:
    """What identifies a file's content without reading it: device, inode, size, and modification
    and change times in nanoseconds. Writing a file, or resetting its modification time, sets its
    change time to the current clock, which no user can choose: an unchanged stamp means unchanged
    content."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def check_regular(path: str, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise fail(path, "is a directory, not a dataset file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "a socket or device"
        raise fail(path, f"is not a regular file but {kind}; a dataset must be a file")
    if info.st_size > max_bytes():
        raise _too_large(path, info.st_size)


def _too_large(path: str, size: int) -> DataError:
    return fail(
        path,
        f"is too large ({size / 1048576:.1f} MiB; the limit is {max_bytes() / 1048576:.1f} MiB). "
        f"Raise it with {ENV_MAX_BYTES}=<bytes> if you trust the file",
    )


def stat_dataset(path: str) -> os.stat_result:
    """The metadata of a dataset file, refusing anything but a regular file of sane size."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise _open_error(path, error) from None
    check_regular(path, info)
    return info


def _open_error(path: str, error: OSError) -> DataError:
    if isinstance(error, FileNotFoundError):
        return fail(path, "no such file; pass --data PATH or set PACTCLI_DATA")
    if isinstance(error, PermissionError):
        return fail(path, "permission denied")
    return fail(path, f"cannot be read: {error.strerror or error}")


class TextReader:
    """A dataset file as a stream of checked text for the YAML parser (``read(size)``).

    Text is UTF-8 (with or without a byte-order mark) or UTF-16/32 with one. A NUL byte in a file
    without a byte-order mark, bytes that do not decode, and characters YAML forbids are reported
    with their line and column.
    """

    def __init__(self, path: str, progress: Callable[[float], None] | None = None) -> None:
        self.path = path
        self._progress = progress
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except OSError as error:
            raise _open_error(path, error) from None
        self._file = os.fdopen(descriptor, "rb")
        try:
            self.info = os.fstat(descriptor)
            check_regular(path, self.info)
        except BaseException:
            self._file.close()
            raise
        self._decoder: codecs.IncrementalDecoder | None = None
        self._encoding = "utf-8"
        self._read = 0
        self._line = 1  # line and column where the next text starts
        self._column = 1
        self._raw_line = 1  # the same for bytes, for decoding errors
        self._raw_column = 1

    def close(self) -> None:
        self._file.close()

    def read(self, size: int = -1) -> str:
        while True:
            try:
                data = self._file.read(max(size, CHUNK))
            except OSError as error:
                raise _open_error(self.path, error) from None
            self._read += len(data)
            if self._read > max_bytes():  # the file grew after it was opened
                raise _too_large(self.path, self._read)
            if self._decoder is None:
                data = self._start(data)
            text = self._decode(data, final=not data)
            if self._progress is not None and self.info.st_size:
                self._progress(self._read / self.info.st_size)
            if text or not data:
                self._check(text)
                return text

    def _start(self, data: bytes) -> bytes:
        for bom, name in _BOMS:
            if data.startswith(bom):
                self._encoding = name
                data = data[len(bom) :]
                break
        self._decoder = codecs.getincrementaldecoder(self._encoding)("strict")
        return data

    def _decode(self, data: bytes, final: bool) -> str:
        assert self._decoder is not None
        if self._encoding == "utf-8" and b"\x00" in data:
            line, _ = self._advance_raw(data[: data.index(b"\x00")])
            raise fail(self.path, "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark", line)
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as error:
            line, column = self._advance_raw(data[: error.start])
            byte = data[error.start] if error.start < len(data) else 0
            raise fail(
                self.path, f"is not valid {self._encoding.upper()} text (byte 0x{byte:02x})", line, column
            ) from None
        self._advance_raw(data)
        return text

    def _advance_raw(self, data: bytes) -> tuple[int, int]:
        """Move the byte position past ``data``; the line and column it ends at."""
        breaks = data.count(b"\n")
        if breaks:
            self._raw_line += breaks
            self._raw_column = len(data) - data.rfind(b"\n")
        else:
            self._raw_column += len(data)
        return self._raw_line, self._raw_column

    def _check(self, text: str) -> None:
        bad = _not_yaml_printable().search(text)
        if bad is not None:
            before = text[: bad.start()]
            breaks = before.count("\n")
            line = self._line + breaks
            column = len(before) - before.rfind("\n") if breaks else self._column + len(before)
            raise fail(
                self.path,
                f"contains the control character U+{ord(bad.group()):04X}, which YAML does not allow",
                line,
                column,
            )
        breaks = text.count("\n")
        if breaks:
            self._line += breaks
            self._column = len(text) - text.rfind("\n")
        else:
            self._column += len(text)
