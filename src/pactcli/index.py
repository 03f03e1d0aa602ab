"""An embedded SQLite index of a validated dataset, so big files answer as fast as small ones.

One index file per dataset file, in the user cache directory. It holds each record as JSON (compact,
and pretty-printed exactly as ``--json`` prints it) beside indexed columns for the lookup keys and
every filter, so a lookup or a filtered listing reads only the rows it prints: its cost does not
grow with the size of the dataset.

Staleness is decided from the file's metadata first: device, inode, size, modification time and
inode change time, all in nanoseconds where the system keeps them. Writing a file's content, or
resetting its modification time with ``touch -d``, always sets the change time to the current
clock, which no user can choose; so unchanged metadata means unchanged content. When any of
them differs, the content is hashed, and an index whose digest still matches is re-stamped rather
than rebuilt.

The index is written to a temporary file and renamed into place, so concurrent runs see a whole
index or none. It is only data: rows are JSON read back through :func:`pactcli.codec.from_dict`,
SQL takes values only as parameters, and any surprise means "no index": the dataset is parsed again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .fields import lookup_key

try:  # the C module behind hashlib.blake2b, without hashlib's OpenSSL start-up cost
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

if TYPE_CHECKING:
    from .catalog import Catalog, Summary
    from .filters import Filters
    from .model import Agreement

FORMAT = "pactcli-index-2"
#: The index a wheel ships next to the bundled dataset (built by hatch_build.py).
BUNDLED_INDEX_NAME = "agreements.index.sqlite"
KEEP_FILES = 8
BINDING_CODE = {True: 1, False: 0, None: 2}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records (
  pos INTEGER PRIMARY KEY,      -- order in the file
  id TEXT NOT NULL,
  sort_key TEXT NOT NULL,       -- date order, unsigned last
  earliest TEXT,                -- first and last day the signing date can mean (ISO), NULL if unsigned
  latest TEXT,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  binding INTEGER NOT NULL,     -- 1 binding, 0 non-binding, 2 unknown
  signers TEXT NOT NULL,        -- case-folded signatory names, one a line
  acronym TEXT,                 -- with id, name, signed, kind, binding and status: what a listing shows
  name TEXT NOT NULL,
  signed TEXT,
  compact TEXT NOT NULL,        -- the record as one line of JSON
  pretty TEXT                   -- the record as --json prints it; filled the first time it is asked for
);
CREATE TABLE keys (key TEXT PRIMARY KEY, pos INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE tags (tag TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (tag, pos)) WITHOUT ROWID;
CREATE TABLE parties (party TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (party, pos)) WITHOUT ROWID;
CREATE INDEX records_order ON records (sort_key, id);
CREATE INDEX records_latest ON records (latest);
"""


class IndexCorrupt(Exception):
    """An index file turned out to be unusable."""


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pactcli")


def disabled() -> bool:
    return os.environ.get("PACTCLI_NO_CACHE", "") not in ("", "0")


def stamp(info: os.stat_result) -> str:
    """The file metadata an index trusts as 'unchanged' (see the module docstring)."""
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def content_digest(data: bytes) -> str:
    """The content key of a dataset file's bytes."""
    return blake2b(data, digest_size=32).hexdigest()


def index_path(dataset_path: str) -> str:
    """Where the index of a dataset file lives: named by the file's real path."""
    name = blake2b(os.path.realpath(dataset_path).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return os.path.join(cache_dir(), f"{name}.sqlite")


def sort_text(agreement: Agreement) -> str:
    """:func:`pactcli.query.sort_key` as text that SQLite orders the same way (the id is its own column)."""
    from .query import sort_key

    unsigned, year, month, day, _ = sort_key(agreement)
    return f"{unsigned}{year:04d}{month:02d}{day:02d}"


def _loads(text: str) -> Any:
    import json  # not needed to answer from the index's columns or pre-rendered rows

    return json.loads(text)


def pretty(record: dict[str, Any]) -> str:
    """One record exactly as ``--json`` prints it (without the final newline)."""
    from .render.json_ import render

    return render(record)[:-1]


def compact(record: dict[str, Any]) -> str:
    """One record exactly as ``--format jsonl`` prints it (without the newline)."""
    from .render.json_ import render_lines

    return render_lines([record])[:-1]


def _rows(agreements: Sequence[Agreement]) -> Iterable[tuple[Any, ...]]:
    from .codec import to_dict

    for position, agreement in enumerate(agreements):
        record = to_dict(agreement)
        signed = agreement.signed
        yield (
            position,
            agreement.id,
            sort_text(agreement),
            None if signed is None else signed.earliest().isoformat(),
            None if signed is None else signed.latest().isoformat(),
            agreement.kind.value,
            agreement.status.value,
            BINDING_CODE[agreement.binding],
            "\n".join(person.name.casefold() for person in agreement.signatories),
            agreement.acronym,
            agreement.name,
            record["signed"],
            compact(record),
            None,
        )


def build(path: str, agreements: Sequence[Agreement], meta: dict[str, str]) -> None:
    """Write the index of ``agreements`` to ``path`` atomically (a temporary file, then a rename)."""
    temporary = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
            connection.execute("BEGIN")
            connection.executemany("INSERT INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _rows(agreements))
            keys: dict[str, int] = {}
            for position, agreement in enumerate(agreements):
                for key in agreement.lookup_keys():
                    keys.setdefault(key, position)
            connection.executemany("INSERT INTO keys VALUES (?, ?)", keys.items())
            connection.executemany(
                "INSERT OR IGNORE INTO tags VALUES (?, ?)",
                ((tag, position) for position, a in enumerate(agreements) for tag in a.tags),
            )
            connection.executemany(
                "INSERT OR IGNORE INTO parties VALUES (?, ?)",
                ((party, position) for position, a in enumerate(agreements) for party in a.parties),
            )
            full_meta = {**meta, "format": FORMAT, "version": __version__, "count": str(len(agreements))}
            connection.executemany("INSERT INTO meta VALUES (?, ?)", full_meta.items())
            connection.execute("COMMIT")
        finally:
            connection.close()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def build_bundled(dataset_path: str, target: str) -> None:
    """Index a dataset for shipping beside it: keyed by content only, every row fully rendered."""
    from .loader import decode, parse_text, read_bytes

    data = read_bytes(dataset_path)
    agreements = parse_text(decode(data, dataset_path), dataset_path).all()
    build(target, agreements, {"digest": content_digest(data), "stamp": "", "path": ""})
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        rows = connection.execute("SELECT pos, compact FROM records").fetchall()
        connection.executemany(
            "UPDATE records SET pretty = ? WHERE pos = ?", [(pretty(_loads(text)), pos) for pos, text in rows]
        )
    finally:
        connection.close()
    if not os.path.isfile(target):
        raise OSError(f"could not build {target}")


def prune(directory: str) -> None:
    """Keep only the most recently written indexes."""
    try:
        names = [os.path.join(directory, n) for n in os.listdir(directory) if n.endswith((".sqlite", ".jsonl"))]
        for old in sorted(names, key=os.path.getmtime, reverse=True)[KEEP_FILES:]:
            os.unlink(old)
            with contextlib.suppress(OSError):
                os.unlink(_writer_lock(old))
    except OSError:
        pass


#: How long a run waits for another run's index write before it parses the file itself.
WRITER_WAIT_SECONDS = 300.0


def _writer_lock(path: str) -> str:
    return f"{path}.lock"


def claim_writer(path: str) -> int | None:
    """Take the lock that tells other runs the index at ``path`` is being written (an exclusive
    ``flock``, held by whichever processes keep the returned descriptor open, and dropped by the
    system when the last of them exits); None where it cannot be taken."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        descriptor = os.open(_writer_lock(path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def wait_for_writer(path: str, on_wait: Callable[[], None] | None = None) -> bool:
    """Whether another run was writing the index at ``path``; if so, return once it has finished
    (or after :data:`WRITER_WAIT_SECONDS`), calling ``on_wait`` first."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return False
    try:
        descriptor = os.open(_writer_lock(path), os.O_RDONLY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            pass
        if on_wait is not None:
            on_wait()
        import time

        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
            with contextlib.suppress(BlockingIOError):
                fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


Opened = tuple[sqlite3.Connection, dict[str, str]]
"""An index open for reading, and its metadata (digest, stamp, count, ...)."""


def read_meta(path: str) -> Opened | None:
    """An open (read-only) connection to a usable index and its metadata, or None."""
    if not os.path.isfile(path):
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        connection.close()
        return None
    if meta.get("format") != FORMAT or meta.get("version") != __version__:
        connection.close()
        return None
    return connection, meta


def restamp(path: str, new_stamp: str, digest: str) -> None:
    """Record that the dataset file's metadata changed but its content did not (only in an index
    of that content: another run may have replaced the file meanwhile)."""
    with contextlib.suppress(sqlite3.Error, OSError):
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute(
                "UPDATE meta SET value = ? WHERE key = 'stamp' "
                "AND EXISTS (SELECT 1 FROM meta WHERE key = 'digest' AND value = ?)",
                [new_stamp, digest],
            )
        finally:
            connection.close()


class IndexedCatalog:
    """A catalog answered from an index file; it falls back to a fresh parse if the index fails."""

    def __init__(
        self, path: str, connection: sqlite3.Connection, count: int, fallback: Callable[[], Catalog], file: str = ""
    ):
        self.path = path
        self._file = file
        self._connection = connection
        self._count = count
        self._fallback = fallback
        self._replacement: Catalog | None = None

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise IndexCorrupt(str(error)) from None

    def _decode(self, text: object) -> Agreement:
        from .codec import CodecError, from_dict

        try:
            return from_dict(_loads(text))  # type: ignore[arg-type]
        except (TypeError, ValueError, CodecError) as error:
            raise IndexCorrupt(str(error)) from None

    def _guarded(self, read: Callable[[], Any], delegate: Callable[[Catalog], Any]) -> Any:
        if self._replacement is None:
            try:
                return read()
            except IndexCorrupt:
                self._replacement = self._fallback()
        return delegate(self._replacement)

    def all(self) -> tuple[Agreement, ...]:
        def read() -> tuple[Agreement, ...]:
            rows = self._query("SELECT compact FROM records ORDER BY pos")
            if len(rows) != self._count:
                raise IndexCorrupt("record count does not match")
            return tuple(self._decode(row[0]) for row in rows)

        result: tuple[Agreement, ...] = self._guarded(read, lambda catalog: catalog.all())
        return result

    def find(self, key: str) -> Agreement | None:
        def read() -> Agreement | None:
            rows = self._query(
                "SELECT r.compact FROM keys k JOIN records r ON r.pos = k.pos WHERE k.key = ?", [lookup_key(key)]
            )
            return self._decode(rows[0][0]) if rows else None

        found: Agreement | None = self._guarded(read, lambda catalog: catalog.find(key))
        return found

    def lookup_keys(self) -> list[str]:
        keys: list[str] = self._guarded(
            lambda: [row[0] for row in self._query("SELECT key FROM keys ORDER BY pos, key")],
            lambda catalog: catalog.lookup_keys(),
        )
        return keys

    def values(self, facet: str) -> list[str]:
        """Every tag or party in the dataset (``facet`` is ``tags`` or ``parties``)."""
        column = {"tags": "tag", "parties": "party"}[facet]
        found: list[str] = self._guarded(
            lambda: [row[0] for row in self._query(f"SELECT DISTINCT {column} FROM {facet} ORDER BY 1")],
            lambda catalog: catalog.values(facet),
        )
        return found

    def select(self, filters: Filters) -> list[Agreement]:
        """The records that pass ``filters``, in date order, decoded from matching rows only."""
        result: list[Agreement] = self._guarded(
            lambda: [self._decode(row[0]) for row in self._query(*self._where(filters, "compact"))],
            lambda catalog: catalog.select(filters),
        )
        return result

    def rendered_key(self, key: str) -> str | None:
        """The record for ``key`` exactly as ``show KEY --json`` prints it (no newline), or None
        if there is none; reads one row and builds no record objects."""

        def read() -> str | None:
            rows = self._query(
                "SELECT r.pos, r.pretty, r.compact FROM keys k JOIN records r ON r.pos = k.pos WHERE k.key = ?",
                [lookup_key(key)],
            )
            if not rows:
                return None
            position, text, line = rows[0]
            if text is None:
                try:
                    text = pretty(_loads(line))
                except ValueError as error:
                    raise IndexCorrupt(str(error)) from None
                self._keep({position: (text, line)})
            return str(text)

        found: str | None = self._guarded(read, lambda catalog: None)
        return found

    def summaries(self, filters: Filters) -> list[Summary]:
        """What a listing shows of each selected record, read from columns (no record is decoded)."""
        from .catalog import Summary

        decode_binding = {code: value for value, code in BINDING_CODE.items()}

        def read() -> list[Summary]:
            sql, parameters = self._where(filters, "id, acronym, name, signed, kind, binding, status")
            return [
                Summary(row[0], row[1], row[2], row[3], row[4], decode_binding[row[5]], row[6])
                for row in self._query(sql, parameters)
            ]

        result: list[Summary] = self._guarded(read, lambda catalog: catalog.summaries(filters))
        return result

    def rendered(self, filters: Filters, style: str) -> list[str] | None:
        """Each selected record pre-rendered: ``pretty`` (as --json) or ``compact`` (one line)."""
        if style == "compact":
            result: list[str] | None = self._guarded(
                lambda: [row[0] for row in self._query(*self._where(filters, "compact"))], lambda catalog: None
            )
            return result
        result = self._guarded(lambda: self._pretty(filters), lambda catalog: None)
        return result

    def _pretty(self, filters: Filters) -> list[str]:
        """Pretty JSON of the selected rows; rows not yet rendered are rendered now and kept."""
        rows = self._query(*self._where(filters, "pos, pretty, compact"))
        missing = [(row[0], row[2]) for row in rows if row[1] is None]
        if not missing:
            return [row[1] for row in rows]
        fresh: dict[int, tuple[str, str]] = {}
        for position, text in missing:
            try:
                fresh[position] = (pretty(_loads(text)), text)  # the compact row holds to_dict's shape
            except ValueError as error:
                raise IndexCorrupt(str(error)) from None
        self._keep(fresh)
        return [row[1] if row[1] is not None else fresh[row[0]][0] for row in rows]

    def _keep(self, fresh: dict[int, tuple[str, str]]) -> None:
        """Store rendered rows (position → pretty and the compact row it came from) for the next run.

        A row is updated only while it still holds the same compact JSON, so a run that raced a
        rebuild of the index for changed content cannot write a stale rendering into the new one.
        A read-only or busy index simply does not keep them.
        """
        if not self._file:  # a shipped index is never written to
            return
        with contextlib.suppress(sqlite3.Error, OSError):
            writer = sqlite3.connect(self._file, timeout=0.5, isolation_level=None)
            try:
                writer.execute("BEGIN IMMEDIATE")
                writer.executemany(
                    "UPDATE records SET pretty = ? WHERE pos = ? AND compact = ?",
                    [(text, position, line) for position, (text, line) in fresh.items()],
                )
                writer.execute("COMMIT")
            finally:
                writer.close()

    @staticmethod
    def _where(filters: Filters, column: str) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        parameters: list[Any] = []
        if filters.since is not None:
            clauses.append("latest >= ?")
            parameters.append(filters.since.earliest().isoformat())
        if filters.until is not None:
            clauses.append("earliest <= ?")
            parameters.append(filters.until.latest().isoformat())
        for name, values in (
            ("binding", [BINDING_CODE[v] for v in filters.bindings]),
            ("kind", [k.value for k in filters.kinds]),
            ("status", [s.value for s in filters.statuses]),
        ):
            if values:
                clauses.append(f"{name} IN ({', '.join('?' for _ in values)})")
                parameters += values
        if filters.tags:
            clauses.append(f"pos IN (SELECT pos FROM tags WHERE tag IN ({', '.join('?' for _ in filters.tags)}))")
            parameters += list(filters.tags)
        for party in filters.parties:
            clauses.append("pos IN (SELECT pos FROM parties WHERE party = ?)")
            parameters.append(party)
        if filters.signatory is not None:
            clauses.append("instr(signers, ?) > 0")
            parameters.append(filters.signatory.casefold())
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        return f"SELECT {column} FROM records{where} ORDER BY sort_key, id", parameters
