"""A cache of validated datasets, so large files answer quickly on the second run.

One SQLite file per dataset content (keyed by its SHA-256), holding each record
as JSON text and an index of lookup keys. Files are written to a temporary name
and renamed into place, so a concurrent reader sees a whole cache or none.
Nothing in a cache is executed or unpickled: records are JSON, read back
through :func:`pactcli.codec.from_dict`, and any surprise means "no cache".
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from typing import TypeVar

from . import __version__
from .catalog import Catalog
from .codec import CodecError, from_dict, to_dict
from .model import Agreement

FORMAT = "pactcli-cache-1"
KEEP_FILES = 8
T = TypeVar("T")


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pactcli")


def disabled() -> bool:
    return os.environ.get("PACTCLI_NO_CACHE", "") not in ("", "0")


def _file_for(digest: str) -> str:
    return os.path.join(cache_dir(), f"{digest}.sqlite3")


class CacheCorrupt(Exception):
    """A cache file turned out to be unusable."""


class CachedCatalog:
    """A catalog that reads records from a cache file on demand.

    If the cache turns out to be unreadable part-way, it quietly switches to
    ``fallback`` (a fresh parse of the dataset) for this and every later call.
    """

    def __init__(
        self, path: str, connection: sqlite3.Connection, fallback: Callable[[], Catalog]
    ) -> None:
        self.path = path
        self._db = connection
        self._fallback = fallback
        self._replacement: Catalog | None = None

    def _decode(self, text: str) -> Agreement:
        try:
            return from_dict(json.loads(text))
        except (ValueError, CodecError) as error:
            raise CacheCorrupt(str(error)) from None

    def _guarded(self, read: Callable[[], T], delegate: Callable[[Catalog], T]) -> T:
        if self._replacement is None:
            try:
                return read()
            except (sqlite3.Error, CacheCorrupt):
                self._replacement = self._fallback()
        return delegate(self._replacement)

    def all(self) -> tuple[Agreement, ...]:
        def read() -> tuple[Agreement, ...]:
            rows = self._db.execute("SELECT record FROM records ORDER BY position").fetchall()
            return tuple(self._decode(text) for (text,) in rows)

        return self._guarded(read, lambda catalog: catalog.all())

    def find(self, key: str) -> Agreement | None:
        def read() -> Agreement | None:
            row = self._db.execute(
                "SELECT r.record FROM lookup k JOIN records r ON r.position = k.position"
                " WHERE k.key = ?",
                (key.casefold(),),
            ).fetchone()
            return None if row is None else self._decode(row[0])

        return self._guarded(read, lambda catalog: catalog.find(key))

    def keys(self) -> list[str]:
        def read() -> list[str]:
            rows = self._db.execute("SELECT key FROM lookup ORDER BY position, key")
            return [key for (key,) in rows]

        return self._guarded(read, lambda catalog: catalog.keys())


def open_cached(
    digest: str, display_path: str, fallback: Callable[[], Catalog]
) -> CachedCatalog | None:
    """The cached catalog for this content, or None if there is no usable cache."""
    target = _file_for(digest)
    try:
        connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except (sqlite3.Error, OSError):
        return None
    if meta.get("format") != FORMAT or meta.get("digest") != digest or meta.get("version") != __version__:
        connection.close()
        return None
    return CachedCatalog(display_path, connection, fallback)


def store(digest: str, agreements: tuple[Agreement, ...]) -> None:
    """Write a cache for this content; failures are ignored (a cache is optional)."""
    import tempfile

    directory = cache_dir()
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite3", dir=directory)
        os.close(handle)
    except OSError:
        return
    try:
        connection = sqlite3.connect(temp_name)
        with connection:
            connection.executescript(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "CREATE TABLE records (position INTEGER PRIMARY KEY, record TEXT NOT NULL);"
                "CREATE TABLE lookup (key TEXT PRIMARY KEY, position INTEGER NOT NULL);"
            )
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", FORMAT), ("digest", digest), ("version", __version__)],
            )
            connection.executemany(
                "INSERT INTO records VALUES (?, ?)",
                ((i, json.dumps(to_dict(a), ensure_ascii=False)) for i, a in enumerate(agreements)),
            )
            connection.executemany(
                "INSERT OR IGNORE INTO lookup VALUES (?, ?)",
                ((key, i) for i, a in enumerate(agreements) for key in a.lookup_keys()),
            )
        connection.close()
        os.replace(temp_name, _file_for(digest))
    except (sqlite3.Error, OSError):
        pass
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    _prune(directory)


def _prune(directory: str) -> None:
    """Keep only the most recently written caches."""
    try:
        names = [os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".sqlite3") and not n.startswith(".")]
        for old in sorted(names, key=os.path.getmtime, reverse=True)[KEEP_FILES:]:
            os.unlink(old)
    except OSError:
        pass
