"""Find, read and validate a dataset file; the one place a data file is opened.

``open_catalog`` is the entry point: it reads the file's bytes (with a size
limit), serves a cached parse when one matches the content, and otherwise
decodes, parses and validates the file and caches the result.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Callable
from functools import cache as _once
from typing import TYPE_CHECKING

from . import index
from .errors import DataError, Problem

DEFAULT_MAX_BYTES = 512 * 1024 * 1024  # 300,000 records are about 250 MB; see README "Speed"
ENV_DATA = "PACTCLI_DATA"
ENV_MAX_BYTES = "PACTCLI_MAX_BYTES"

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
if TYPE_CHECKING:
    import re

    from .catalog import Catalog, MemoryCatalog


@_once
def _not_yaml_printable() -> re.Pattern[str]:
    """Characters YAML 1.1 forbids in a stream (all but tab, newlines and printable text)."""
    import re

    return re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def bundled_path() -> str:
    """The dataset shipped with pactcli (inside the wheel, or in a source checkout)."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "data", "agreements.yaml")
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "agreements.yaml")


def resolve_path(path: str | os.PathLike[str] | None) -> str:
    """The dataset to use: an explicit path, else ``$PACTCLI_DATA``, else the bundled one."""
    if path is not None and str(path) != "":
        return os.fspath(path)
    return os.environ.get(ENV_DATA) or bundled_path()


def max_bytes() -> int:
    try:
        return max(1, int(os.environ.get(ENV_MAX_BYTES, DEFAULT_MAX_BYTES)))
    except ValueError:
        return DEFAULT_MAX_BYTES


def _fail(path: str, message: str, line: int | None = None, column: int | None = None) -> DataError:
    return DataError([Problem(path, message, line, column)])


def read_bytes(path: str) -> bytes:
    """The file's bytes, refusing anything that is not a readable regular file of sane size."""
    return read_file(path)[0]


def _check(shown: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _fail(shown, "is not a regular file")
    limit = max_bytes()
    if info.st_size > limit:
        raise _fail(shown, _too_big(info.st_size, limit))


def read_file(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its metadata as they were when read (see :func:`read_bytes`)."""
    shown = str(path)
    limit = max_bytes()
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            _check(shown, info)
            data = handle.read(limit + 1)
    except DataError:
        raise
    except FileNotFoundError:
        raise _fail(shown, "no such file; pass --data PATH or set PACTCLI_DATA") from None
    except IsADirectoryError:
        raise _fail(shown, "is a directory, not a dataset file") from None
    except PermissionError:
        raise _fail(shown, "permission denied") from None
    except OSError as error:
        raise _fail(shown, f"cannot be read: {error.strerror or error}") from None
    if len(data) > limit:
        raise _fail(shown, _too_big(len(data), limit))
    return data, info


def _too_big(size: int, limit: int) -> str:
    return (
        f"is too large ({size / 1048576:.1f} MiB; the limit is {limit / 1048576:.1f} MiB). "
        f"Raise it with {ENV_MAX_BYTES}=<bytes> if you trust the file"
    )


def decode(data: bytes, path: str) -> str:
    """Text of a dataset: UTF-8 (with or without BOM) or UTF-16/32 with a BOM, CRLF accepted."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    else:
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            raise _fail(path, "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark", line)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fail(
            path, f"is not valid {encoding.upper()} text (byte 0x{data[error.start]:02x})", line, column
        ) from None
    bad = _not_yaml_printable().search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise _fail(
            path, f"contains the control character U+{ord(bad.group()):04X}, which YAML does not allow", line, column
        )
    return text


#: A file this big (in bytes, or characters of its text) shows progress on a terminal, is parsed
#: by as many processes as there are cores, and has its first index written by a detached process
#: (both in :mod:`pactcli.parallel`). Below it, none of that pays for itself.
BIG_FILE_SIZE = 2_000_000


def _progress_reporter(path: str, size: int) -> Callable[[float], None] | None:
    """A progress line on stderr for big files, only when stderr is a terminal."""
    import sys

    from .sanitize import visible

    if size < BIG_FILE_SIZE or not sys.stderr.isatty():
        return None
    stream = getattr(sys.stderr, "unsanitized", sys.stderr)
    name = visible(os.path.basename(path), keep_layout=False)

    def report(fraction: float) -> None:
        if fraction < 0:  # done: clear the line
            stream.write("\r\x1b[K")
            return
        stream.write(f"\rpactcli: reading {name} ({size / 1e6:.1f} MB, cached afterwards) {fraction:4.0%}")
        stream.flush()

    return report


def parse_text(text: str, path: str, progress: Callable[[float], None] | None = None) -> MemoryCatalog:
    """Parse and validate dataset text; raise DataError with every problem found."""
    from . import validate, yamltree
    from .catalog import MemoryCatalog

    # Parsing builds hundreds of thousands of objects and no reference cycles: the cyclic garbage
    # collector would only rescan them (measured: a third of a cold 10,000-record load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        dataset = None
        if len(text) >= BIG_FILE_SIZE:
            from . import parallel

            dataset = parallel.parse(text, path, progress)
        if dataset is None:
            builder = validate.Builder(path)
            root = yamltree.parse(text, path, progress, on_record=builder.add)
            dataset, problems = builder.finish(root)
            del root, builder
    finally:
        if progress is not None:
            progress(-1.0)
        if collecting:
            gc.enable()
    if dataset is None:
        raise DataError(problems)
    return MemoryCatalog(path, dataset.agreements)


def open_catalog(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Catalog:
    """Open a dataset for querying; raise DataError if it cannot be used.

    With the cache on, an index whose recorded file metadata still matches is used without reading
    the file; one whose content digest still matches is re-stamped; otherwise the file is parsed,
    validated and indexed (see :mod:`pactcli.index`).
    """
    resolved = resolve_path(path)
    shown = str(resolved)
    use_cache = use_cache and not index.disabled()
    where = index.index_path(shown) if use_cache else ""
    opened = index.read_meta(where) if use_cache else None

    def parse_again() -> Catalog:
        return parse_text(decode(read_bytes(shown), shown), shown)

    if opened is not None:
        meta = opened[1]
        try:
            info = os.stat(shown)
        except OSError:
            info = None
        if info is not None and meta.get("stamp") == index.stamp(info):
            _check(shown, info)
            return _indexed(shown, opened, parse_again, where)
    data, info = read_file(shown)
    digest = index.content_digest(data)
    if opened is None and use_cache and shown == bundled_path():
        shipped = _shipped_index(shown, digest, parse_again)
        if shipped is not None:
            return shipped

    def if_same_content(found: index.Opened | None) -> Catalog | None:
        """The catalog from an opened index of these very bytes, re-stamped with the file's current
        metadata if that moved; None (and the index closed) for any other index."""
        found = _built_from(found, digest)
        if found is None:
            return None
        if found[1].get("stamp") != index.stamp(info):
            index.restamp(where, index.stamp(info), digest)
        return _indexed(shown, found, parse_again, where)

    same = if_same_content(opened)
    if same is None and use_cache and index.wait_for_writer(where, _waiting_notice(shown)):
        same = if_same_content(index.read_meta(where))  # another run has just indexed a file here
    if same is not None:
        return same
    catalog = parse_text(decode(data, shown), shown, _progress_reporter(shown, len(data)))
    if use_cache:
        meta = {"digest": digest, "stamp": index.stamp(info), "path": shown}

        def write_index() -> None:
            directory = os.path.dirname(where)
            with contextlib.suppress(OSError):
                os.makedirs(directory, mode=0o700, exist_ok=True)
            index.build(where, catalog.all(), meta)
            index.prune(directory)

        if len(data) < BIG_FILE_SIZE or not _write_behind(where, write_index):
            write_index()
    return catalog


def _waiting_notice(path: str) -> Callable[[], None] | None:
    """A line on stderr, on a terminal only, for a run that waits for another run's index."""
    import sys

    if not sys.stderr.isatty():
        return None

    def notice() -> None:
        from .sanitize import visible

        name = visible(os.path.basename(path), keep_layout=False)
        sys.stderr.write(f"pactcli: waiting for another pactcli run to finish indexing {name}\n")
        sys.stderr.flush()

    return notice


def _write_behind(where: str, job: Callable[[], None]) -> bool:
    """Run ``job`` (writing the index at ``where``) detached from this run, holding the lock that
    makes other runs wait for the index instead of parsing the file again; False if it cannot be
    detached (then nothing was started)."""
    from . import parallel  # only a big file's first run needs it

    lock = index.claim_writer(where)
    try:
        return parallel.detached(job)
    finally:
        if lock is not None:
            os.close(lock)  # the detached process holds the lock until it exits


def _indexed(shown: str, opened: index.Opened, parse_again: Callable[[], Catalog], file: str = "") -> Catalog:
    """The catalog answered from an opened index (``file`` where it may keep rendered rows)."""
    connection, meta = opened
    return index.IndexedCatalog(shown, connection, int(meta.get("count", "-1")), parse_again, file)


def _shipped_index(shown: str, digest: str, parse_again: Callable[[], Catalog]) -> Catalog | None:
    """The index a wheel ships beside the bundled dataset, if it was built from these very bytes."""
    opened = _built_from(index.read_meta(os.path.join(os.path.dirname(shown), index.BUNDLED_INDEX_NAME)), digest)
    return None if opened is None else _indexed(shown, opened, parse_again)


def _built_from(found: index.Opened | None, digest: str) -> index.Opened | None:
    """An opened index if it was built from the bytes with this digest; None (and it closed) if not."""
    if found is None or found[1].get("digest") == digest:
        return found
    found[0].close()
    return None


def check_file(path: str | os.PathLike[str] | None) -> tuple[list[Problem], int]:
    """Every problem in a dataset file (never cached) and the number of valid records."""
    from . import validate, yamltree

    shown = resolve_path(path)
    builder = validate.Builder(shown)
    try:
        root = yamltree.parse(decode(read_bytes(shown), shown), shown, on_record=builder.add)
    except DataError as error:
        return list(error.problems), 0
    dataset, problems = builder.finish(root)
    return problems, len(dataset.agreements) if dataset else 0
