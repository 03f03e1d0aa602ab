"""The one store of a dataset: an SQLite index built from the YAML file, proven before it is served.

There is one path for data, in one process: read the file (:mod:`.files`) → parse it
(:mod:`.yamltree`) → validate each record (:mod:`.validate`) → insert it here → answer from here.
Records stream into the index as they are validated, so a first run's memory does not grow with
the file; the checks across records (unique keys, relations that resolve) run as queries once
every record is in. A file with any problem leaves no index behind.

Each row holds a record three ways (its summary, for listings and filters; one line of JSON; the
JSON ``--json`` prints), each text with a digest that is checked whenever it is read. An index
is used only when its metadata is whole, it was built by this very code (its name and metadata
carry a fingerprint of the installed package) from the file as it is now (see
:func:`.files.stamp`), no journal lies beside it, and its row count is right; a damaged index is
removed and built again, even halfway through a listing, and never served. A read never writes:
an index is written only by a build, to a temporary file that is synced and renamed into place.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from functools import cache
from hashlib import blake2b
from typing import Any

from ..core.codec import CodecError, dumps, from_dict, summary_from_list, summary_to_list, to_dict
from ..core.errors import DataError, Problem
from ..core.filters import Filters
from ..core.model import Agreement, Summary
from ..core.names import lookup_key
from ..core.query import sort_key
from . import files

FORMAT = "pactcli-index-3"
KEEP_INDEXES = 8
STALE_SECONDS = 24 * 3600  # a temporary file this old is left over from a run that was killed

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records (
  pos INTEGER PRIMARY KEY,      -- order in the file
  sort_key TEXT NOT NULL,       -- date order, undated last, then the id
  head TEXT NOT NULL,           -- the summary as a JSON list: what listings print and filters read
  compact TEXT NOT NULL,        -- the record as one line of JSON
  pretty TEXT NOT NULL,         -- the record as --json prints it
  head_check TEXT NOT NULL,     -- a digest of each text with its position
  compact_check TEXT NOT NULL,
  pretty_check TEXT NOT NULL
);
CREATE TABLE keys (key TEXT NOT NULL, rank INTEGER NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL);
CREATE TEMP TABLE claims (
  key TEXT NOT NULL, pos INTEGER NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL, shown TEXT NOT NULL,
  id TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL
);
CREATE TEMP TABLE links (pos INTEGER NOT NULL, target TEXT NOT NULL, id TEXT NOT NULL, line INTEGER, col INTEGER);
CREATE TEMP TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX records_order ON records (sort_key, pos);
CREATE INDEX keys_key ON keys (key, rank, pos);
"""
SCAN = "SELECT pos, sort_key, head, head_check FROM records WHERE (sort_key, pos) > (?, ?) ORDER BY sort_key, pos"


class Damaged(Exception):
    """An index turned out not to hold what was written to it."""


def _check(position: int, text: str) -> str:
    return blake2b(f"{position}\x00{text}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def sort_text(agreement: Agreement) -> str:
    """:func:`pactcli.core.query.sort_key` as text that SQLite orders the same way."""
    undated, year, month, day, record_id = sort_key(agreement)
    return f"{undated}{year:04d}{month:02d}{day:02d}\x00{record_id}"


def _meta_check(meta: dict[str, str]) -> str:
    return blake2b(dumps(sorted((k, v) for k, v in meta.items() if k != "check")).encode(), digest_size=16).hexdigest()


@cache
def code_fingerprint() -> str:
    """A digest of the installed pactcli's source files: an index built by other code is not used."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = blake2b(digest_size=16)
    for folder, subfolders, names in sorted(os.walk(package)):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as handle:
                    digest.update(f"{os.path.relpath(folder, package)}/{name}\x00".encode())
                    digest.update(handle.read())
    return digest.hexdigest()


def cache_dir() -> str | None:
    """``$XDG_CACHE_HOME/pactcli``, else ``~/.cache/pactcli``; None when neither is an absolute path
    (the XDG spec says a relative ``XDG_CACHE_HOME`` is ignored)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        base = os.path.join(home, ".cache") if os.path.isabs(home) and home != "/" else ""
    return os.path.join(base, "pactcli") if base else None


def caching_disabled() -> bool:
    return os.environ.get("PACTCLI_NO_CACHE", "") not in ("", "0")


def index_path(dataset_path: str) -> str | None:
    """Where the index of a dataset file lives: named by the file's real path and the code."""
    folder = cache_dir()
    if folder is None:
        return None
    key = f"{os.path.realpath(dataset_path)}\x00{code_fingerprint()}".encode("utf-8", "surrogateescape")
    return os.path.join(folder, blake2b(key, digest_size=16).hexdigest() + ".sqlite")


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    use_cache: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Store:
    """The store of a dataset (``--data``, ``$PACTCLI_DATA`` or the bundled one), answered from its
    cached index when that is proven current and whole, else built now; DataError if the file
    cannot be used."""
    shown = files.resolve_path(path)
    where = index_path(shown) if use_cache and not caching_disabled() else None
    if where is not None:
        opened = _open_index(where, files.stamp(files.stat_dataset(shown)))
        if opened is not None:
            return Store(shown, *opened, where=where, progress=progress)
    connection, meta = build(shown, where, progress)
    return Store(shown, connection, meta, where=where, progress=progress)


def _connect_read_only(where: str) -> sqlite3.Connection:
    # immutable: no locks, no journal lookups; an index is never written after its rename.
    return sqlite3.connect(f"file:{where}?mode=ro&immutable=1", uri=True, isolation_level=None)


def _open_index(where: str, file_stamp: str) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """A proven index of the file at ``where``, or None (and a damaged one removed)."""
    if any(os.path.lexists(where + suffix) for suffix in ("-journal", "-wal")):
        _discard(where)  # something wrote to it after its build: it cannot be trusted
        return None
    try:
        connection = _connect_read_only(where)
    except sqlite3.Error:
        return None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("check") != _meta_check(meta) or meta.get("format") != FORMAT:
            raise Damaged("metadata")
    except (sqlite3.Error, Damaged):
        connection.close()
        if os.path.exists(where):
            _discard(where)
        return None
    if meta.get("code") != code_fingerprint() or meta.get("stamp") != file_stamp:
        connection.close()
        return None  # built from another version of the file: the build will replace it
    return connection, meta


def _discard(where: str) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(where + suffix)


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
            (position, sort, *texts, _check(position, sort + texts[0]), *(_check(position, t) for t in texts[1:]))
        )
        claimed = [("id", agreement.id), *(("aliases", alias) for alias in agreement.aliases)]
        if agreement.acronym:
            claimed.append(("acronym", agreement.acronym))
        for seq, (field, key) in enumerate(claimed):
            self._claims.append((lookup_key(key), position, seq, field, key, agreement.id, line, column))
        self._names.append((lookup_key(agreement.name), 1, position, agreement.id))
        self._links += [(position, r.id, agreement.id, line, column) for r in agreement.related]
        self.tags.update(agreement.tags)
        self.parties.update(agreement.parties)
        if len(self._rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        execute = self.connection.executemany
        execute("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._rows)
        execute("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._claims)
        execute("INSERT INTO keys VALUES (?, ?, ?, ?)", self._names)
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
        connection.execute("INSERT INTO keys SELECT key, 0, pos, id FROM claims")
        for statement in INDEXES.strip().splitlines():
            connection.execute(statement)
        meta = {
            "format": FORMAT,
            "code": code_fingerprint(),
            "stamp": files.stamp(reader.info),
            "digest": reader.digest,
            "count": str(sink.count),
            "keys": str(connection.execute("SELECT count(*) FROM keys").fetchone()[0]),
            "tags": dumps(sorted(sink.tags)),
            "parties": dumps(sorted(sink.parties)),
        }
        meta["check"] = _meta_check(meta)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.execute("COMMIT")
        if temporary is None:
            return connection, meta
        connection.close()
        _publish(temporary, target)
        return _connect_read_only(target), meta
    except BaseException:
        if connection is not None:
            connection.close()
        raise
    finally:
        reader.close()
        if collecting:
            gc.enable()
        if temporary is not None:
            _discard(temporary)


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
        _discard(old)


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


class Store:
    """A dataset answered from its index (implements :class:`pactcli.core.catalog.Catalog`).

    Every text read is checked against its digest, and a scan first checks the row count. If
    anything is wrong the index is removed and built again from the file, and the read goes on
    where it was: output is never taken from a damaged index.
    """

    def __init__(
        self,
        path: str,
        connection: sqlite3.Connection,
        meta: dict[str, str],
        *,
        where: str | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.path = path
        self._connection = connection
        self._meta = meta
        self._where = where
        self._progress = progress
        self._generation = 0  # how many times the index was built again while this store was open
        self._counted = False

    @property
    def count(self) -> int:
        return int(self._meta["count"])

    def _heal(self) -> None:
        """Replace a damaged index by a fresh build of the same file."""
        if self._generation:
            raise DataError([Problem(self.path, "its index was damaged twice while being read; run the command again")])
        with contextlib.suppress(sqlite3.Error):
            self._connection.close()
        if self._where is not None:
            _discard(self._where)
        connection, meta = build(self.path, self._where, self._progress)
        if meta["stamp"] != self._meta["stamp"]:
            connection.close()
            raise DataError([Problem(self.path, "changed while it was being read; run the command again")])
        self._connection, self._meta = connection, meta
        self._generation += 1
        self._counted = False

    def _query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        for _ in range(2):
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error:
                self._heal()
        raise AssertionError("unreachable")

    def _text(self, position: int, column: str) -> str:
        """One stored text of the record at ``position``, checked (``compact`` or ``pretty``)."""
        for _ in range(2):
            try:
                rows = self._connection.execute(
                    f"SELECT {column}, {column}_check FROM records WHERE pos = ?", (position,)
                ).fetchall()
                if rows and isinstance(rows[0][0], str) and _check(position, rows[0][0]) == rows[0][1]:
                    return str(rows[0][0])
            except sqlite3.Error:
                pass
            self._heal()
        raise AssertionError("unreachable")

    def _scan(self) -> Iterator[tuple[int, Summary]]:
        """Every record's summary in date order, each checked; the row count checked first."""
        after: tuple[str, int] = ("", -1)
        while True:
            generation = self._generation
            try:
                if not self._counted:
                    if self._connection.execute("SELECT count(*) FROM records").fetchone()[0] != self.count:
                        raise Damaged("row count")
                    self._counted = True
                for position, sort, head, check in self._connection.execute(SCAN, after):
                    if _check(position, sort + head) != check:
                        raise Damaged("summary")
                    summary = summary_from_list(json.loads(head))
                    yield position, summary
                    after = (sort, position)
                return
            except (sqlite3.Error, Damaged, CodecError, ValueError, TypeError):
                if generation == self._generation:  # else a read meanwhile built it again: resume
                    self._heal()

    def find(self, key: str) -> Agreement | None:
        wanted = lookup_key(key)
        rows = self._query("SELECT pos FROM keys WHERE key = ? ORDER BY rank, pos LIMIT 1", (wanted,))
        if not rows:
            if self._query("SELECT count(*) FROM keys")[0][0] != int(self._meta["keys"]):
                self._heal()
                return self.find(key)
            return None
        record = self._record(rows[0][0])
        if wanted not in record.lookup_keys():
            self._heal()
            return self.find(key)
        return record

    def _record(self, position: int) -> Agreement:
        for _ in range(2):
            try:
                return from_dict(json.loads(self._text(position, "compact")))
            except (CodecError, ValueError):
                self._heal()
        raise AssertionError("unreachable")

    def keys(self) -> list[tuple[str, str]]:
        return [(key, record_id) for key, record_id in self._query("SELECT key, id FROM keys ORDER BY pos, rank")]

    def values(self, facet: str) -> list[str]:
        found: list[str] = json.loads(self._meta["tags" if facet == "tags" else "parties"])
        return found

    def summaries(self, filters: Filters) -> Iterator[Summary]:
        return (summary for _, summary in self._scan() if filters.accepts(summary))

    def records(self, filters: Filters) -> Iterator[Agreement]:
        return (self._record(position) for position, summary in self._scan() if filters.accepts(summary))

    def texts(self, filters: Filters, pretty: bool) -> Iterator[str]:
        column = "pretty" if pretty else "compact"
        return (self._text(position, column) for position, summary in self._scan() if filters.accepts(summary))


def check_file(path: str | os.PathLike[str] | None) -> tuple[list[Problem], int]:
    """Every problem in a dataset file (built afresh, never cached) and the number of records."""
    try:
        connection, meta = build(files.resolve_path(path), None)
    except DataError as error:
        return list(error.problems), 0
    connection.close()
    return [], int(meta["count"])
