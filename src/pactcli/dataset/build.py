"""Build the index of a dataset: parse, validate and insert each record as it comes, then check
what involves more than one record as queries. A file with any problem leaves no index behind.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from ..core.codec import to_dict
from ..core.errors import DataError, Problem
from ..core.jsontext import dumps
from ..core.model import Agreement
from ..core.names import lookup_key, name_keys
from ..core.query import sort_key
from ..core.summary import Summary, summary_to_list
from . import files
from .index import (
    FORMAT,
    INDEXES,
    SCHEMA,
    code_fingerprint,
    connect_read_only,
    discard,
    meta_check,
    text_check,
)

KEEP_INDEXES = 8
STALE_SECONDS = 24 * 3600  # a temporary file this old is left over from a run that was killed


def sort_text(agreement: Agreement) -> str:
    """:func:`pactcli.core.query.sort_key` as text that SQLite orders the same way."""
    undated, year, month, day, record_id = sort_key(agreement)
    return f"{undated}{year:04d}{month:02d}{day:02d}\x00{record_id}"


class _Sink:
    """Receives validated records from the validator and writes them into the index being built."""

    BATCH = 512

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.count = 0
        self.tags: set[str] = set()
        self.parties: set[str] = set()
        self._rows: list[tuple[Any, ...]] = []
        self._claims: list[tuple[Any, ...]] = []
        self._names: list[tuple[Any, ...]] = []
        self._links: list[tuple[Any, ...]] = []
        self._seen: list[tuple[str]] = []

    def saw_id(self, record_id: str) -> None:
        self._seen.append((record_id,))

    def add(self, agreement: Agreement, line: int, column: int) -> None:
        position = self.count
        self.count += 1
        record = to_dict(agreement)
        texts = (
            dumps(summary_to_list(Summary.of(agreement)), None),
            dumps(record, None),
            dumps(record, 2),
        )
        sort = sort_text(agreement)
        self._rows.append(
            (
                position,
                sort,
                *texts,
                text_check(position, sort + texts[0]),
                *(text_check(position, t) for t in texts[1:]),
            )
        )
        claimed = [("id", agreement.id), *(("aliases", alias) for alias in agreement.aliases)]
        if agreement.acronym:
            claimed.append(("acronym", agreement.acronym))
        for seq, (field, key) in enumerate(claimed):
            self._claims.append((lookup_key(key), position, seq, field, key, agreement.id, line, column))
        self._names += [
            (key, 1, position, agreement.id, text_check(position, key)) for key in name_keys(agreement.name)
        ]
        self._links += [(position, r.id, agreement.id, line, column) for r in agreement.related]
        self.tags.update(agreement.tags)
        self.parties.update(agreement.parties)
        if len(self._rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        execute = self.connection.executemany
        execute("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._rows)
        execute("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._claims)
        execute("INSERT INTO keys VALUES (?, ?, ?, ?, ?)", self._names)
        execute("INSERT INTO links VALUES (?, ?, ?, ?, ?)", self._links)
        execute("INSERT OR IGNORE INTO seen VALUES (?)", self._seen)
        for batch in (self._rows, self._claims, self._names, self._links, self._seen):
            batch.clear()

    def cross_problems(self, path: str) -> list[Problem]:
        """The problems that involve more than one record, each reported at the later record."""
        self.connection.execute("CREATE INDEX temp.claims_key ON claims (key, pos, seq)")
        found: list[tuple[int, int, Problem]] = []
        duplicates = self.connection.execute(
            """SELECT c.pos, c.seq, c.field, c.shown, c.id, c.line, c.col, o.id, o.line
               FROM claims c JOIN claims o ON o.key = c.key
                 AND o.pos = (SELECT MIN(pos) FROM claims WHERE key = c.key) AND o.pos < c.pos
               WHERE c.seq = (SELECT MIN(seq) FROM claims WHERE key = c.key AND pos = c.pos)
               GROUP BY c.pos, c.seq"""
        )
        for position, seq, field, shown, record, line, column, owner, owner_line in duplicates:
            message = (
                f"{shown!r} is already used by record {owner!r} (line {owner_line}; "
                "ids, acronyms and aliases must be unique, ignoring case)"
            )
            found.append((position, seq, Problem(path, message, line, column, record, field)))
        dangling = self.connection.execute(
            "SELECT pos, rowid, target, id, line, col FROM links WHERE target NOT IN (SELECT id FROM seen)"
        ).fetchall()
        if dangling:
            import difflib

            ids = [row[0] for row in self.connection.execute("SELECT id FROM seen")]
            for position, seq, target, record, line, column in dangling:
                close = difflib.get_close_matches(target, ids, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                message = f"relates to {target!r}, which is not in the file{hint}"
                found.append((position, 1 << 30 | seq, Problem(path, message, line, column, record, "related")))
        return [problem for _, _, problem in sorted(found, key=lambda item: item[:2])]


def build(
    path: str, where: str | None, progress: Callable[[float], None] | None = None
) -> tuple[sqlite3.Connection, dict[str, str]]:
    """Parse, validate and index the dataset at ``path``; the index open for reading and its
    metadata. DataError lists every problem of the file.

    With ``where`` the index is kept there for later runs. Where the disk refuses (no cache
    folder, a full disk, a file-size limit) the index is built in SQLite's temporary database
    instead, and failing that in memory: a run answers even where nothing can be written.
    """
    targets = [*([where] if where else []), "", ":memory:"]
    for target in targets:
        try:
            return _build_into(path, target, progress)
        except (OSError, sqlite3.Error) as error:
            if target == targets[-1]:
                reason = getattr(error, "strerror", None) or error
                raise DataError([Problem(path, f"cannot be indexed: {reason}")]) from None
    raise AssertionError("unreachable")


def _build_into(
    path: str, target: str, progress: Callable[[float], None] | None
) -> tuple[sqlite3.Connection, dict[str, str]]:
    """:func:`build` into one place: a cache file (written beside it, then moved into place),
    ``""`` (SQLite's temporary database) or ``":memory:"``."""
    from . import validate, yamltree

    temporary = _temporary_name(target) if target not in ("", ":memory:") else None
    reader = files.TextReader(path, progress)
    collecting = gc.isenabled()
    gc.disable()  # many objects, no cycles: the collector would only rescan them
    connection = None
    try:
        connection = _new_database(temporary or target)
        sink = _Sink(connection)
        builder = validate.Builder(path, sink)
        connection.execute("BEGIN")
        problems = builder.finish(yamltree.parse(reader, path, on_record=builder.add))
        sink.flush()
        problems += sink.cross_problems(path)
        if progress is not None:
            progress(-1.0)
        if problems:
            raise DataError(problems)
        connection.create_function("text_check", 2, text_check, deterministic=True)
        connection.execute("INSERT INTO keys SELECT key, 0, pos, id, text_check(pos, key) FROM claims")
        for statement in INDEXES.strip().splitlines():
            connection.execute(statement)
        meta = {
            "format": FORMAT,
            "code": code_fingerprint(),
            "stamp": files.stamp(reader.info),
            "count": str(sink.count),
            "keys": str(connection.execute("SELECT count(*) FROM keys").fetchone()[0]),
            "tags": dumps(sorted(sink.tags)),
            "parties": dumps(sorted(sink.parties)),
        }
        meta["check"] = meta_check(meta)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("COMMIT")
        if temporary is None:
            return connection, meta
        connection.close()
        _publish(temporary, target)
        return connect_read_only(target), meta
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    finally:
        reader.close()
        if collecting:
            gc.enable()
        if temporary is not None:
            discard(temporary)


def _temporary_name(where: str) -> str:
    return f"{where}.{os.getpid()}.{os.urandom(4).hex()}.tmp"


def _new_database(name: str) -> sqlite3.Connection:
    """An empty index database: a new file (its folder made and tidied first), ``""`` or ``":memory:"``."""
    if name not in ("", ":memory:"):
        folder = os.path.dirname(name)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        _clean(folder)
    connection = sqlite3.connect(name, isolation_level=None)
    try:
        connection.executescript("PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        if name == ":memory:":
            connection.execute("PRAGMA temp_store = MEMORY")  # the checks' tables too: no file at all
        connection.executescript(SCHEMA)
    except BaseException:
        connection.close()
        raise
    return connection


def _publish(temporary: str, where: str) -> None:
    """Make a finished index durable and move it into place."""
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, where)
    with contextlib.suppress(OSError, AttributeError):
        folder = os.open(os.path.dirname(where), os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _clean(folder: str) -> None:
    """Remove temporary files left by killed runs, and all but the newest indexes."""
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    indexes = []
    for name in names:
        full = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            if name.endswith(".sqlite"):
                indexes.append((os.stat(full).st_mtime, full))
            elif name.endswith(".tmp") and (not _alive(name) or now - os.stat(full).st_mtime > STALE_SECONDS):
                os.unlink(full)
    for _, old in sorted(indexes, reverse=True)[KEEP_INDEXES:]:
        discard(old)


def _alive(temporary_name: str) -> bool:
    """Whether the process that named a temporary file ``<index>.<pid>.<random>.tmp`` still runs."""
    try:
        pid = int(temporary_name.split(".")[-3])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def check_file(path: str | os.PathLike[str] | None) -> tuple[list[Problem], int]:
    """Every problem in a dataset file (built afresh, never cached) and the number of records."""
    try:
        connection, meta = build(files.resolve_path(path), None)
    except DataError as error:
        return list(error.problems), 0
    connection.close()
    return [], int(meta["count"])
