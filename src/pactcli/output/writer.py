"""Writing output so that nothing is lost: every write to standard output is checked, and files are
written whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from ..core.errors import OutputError, PipeClosed, UsageError
from .env import is_terminal


def emit(view: Iterable[str], *, page: bool, stream: TextIO | None = None) -> None:
    """Write a view to standard output piece by piece; on a terminal (with ``page``) text taller
    than the screen goes through the pager, and is printed here if the pager fails."""
    out = sys.stdout if stream is None else stream
    if page and is_terminal(out):
        from .pager import page as through_pager

        text = "".join(view)
        if through_pager(text, out):
            return
        view = [text]
    write(out, view)


def write(stream: TextIO, pieces: Iterable[str]) -> None:
    """Write text to ``stream`` in its encoding (characters it cannot encode as ``\\u`` escapes),
    checking every write: a failed or short one raises OutputError (a closed pipe, PipeClosed)."""
    binary = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.flush()
        for piece in pieces:
            if binary is None:
                stream.write(piece)
            else:
                data = memoryview(piece.encode(encoding, "backslashreplace"))
                while data:  # a short write is retried, so its cause (a full disk, a size limit) is told
                    written = binary.write(data)
                    if not written:
                        raise OSError(0, "the output was cut short")
                    data = data[written:]
        (binary or stream).flush()
    except BrokenPipeError:
        raise PipeClosed() from None  # before Click sees it: Click turns it into exit 1
    except OSError as error:
        raise OutputError(f"cannot write to standard output: {error.strerror or error}", stdout=True) from None


def save(path: str, write_to: Callable[[str], None], *, force: bool = False) -> None:
    """Create the file ``path`` by calling ``write_to`` with the name of a new temporary file beside
    it, then syncing it and moving it into place.

    Without ``force`` an existing path is never replaced, even one that appears meanwhile
    (UsageError); with ``force`` only a regular file is replaced (OutputError for anything else).
    The temporary file is removed on any failure; ones left by killed runs are removed here.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    _refuse_existing(path, force)
    prefix = f".{os.path.basename(path)}.pactcli-"
    _remove_stale(folder, prefix)
    temporary = os.path.join(folder, f"{prefix}{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        write_to(temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        if force:
            _refuse_existing(path, force)  # it may have changed since the first look
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
        _sync_folder(folder)
    except FileExistsError:
        raise UsageError(f"{path} already exists; add --force to replace it") from None
    except PermissionError as error:
        where = folder if not os.access(folder, os.W_OK) else path
        raise OutputError(f"cannot write {path}: permission denied ({where} is not writable)") from error
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        for leftover in (temporary, temporary + "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def _refuse_existing(path: str, force: bool) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder; give a file name such as {os.path.join(path, 'out')}")
    if not force:
        raise UsageError(f"{path} already exists; add --force to replace it")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(
            f"cannot write {path}: it is not a regular file (a link, folder, FIFO or device); "
            "--force replaces only regular files"
        )


def _place_new(temporary: str, path: str) -> None:
    """Give the finished file its name without replacing anything that has that name."""
    try:
        os.link(temporary, path)  # fails if the name is taken, even by a file that just appeared
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: claim the name, then move onto the claim
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        os.replace(temporary, path)


def _sync_folder(folder: str) -> None:
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove_stale(folder: str, prefix: str) -> None:
    """Remove temporary files of this name left by runs that no longer exist."""
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(prefix) and name.endswith(".tmp"):
                try:
                    os.kill(int(name[len(prefix) :].split("-")[0]), 0)
                except (ValueError, ProcessLookupError):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(folder, name))
                except PermissionError:
                    pass
