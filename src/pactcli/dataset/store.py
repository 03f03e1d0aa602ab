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
import os
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..core.errors import AmbiguousKey, DataError, Problem
from ..core.names import lookup_key
from . import files
from .index import (
    FORMAT,
    caching_disabled,
    code_fingerprint,
    connect_read_only,
    date_range,
    discard,
    index_path,
    meta_check,
    text_check,
)

if TYPE_CHECKING:
    from ..core.filters import Filters
    from ..core.model import Agreement
    from ..core.summary import Summary

SCAN = (
    "SELECT pos, sort_key, head, head_check FROM records WHERE (sort_key, pos) > (?, ?) AND sort_key < ? "
    "ORDER BY sort_key, pos"
)


def _loads(text: str) -> Any:
    import json  # only where records or summaries are decoded: a lookup's JSON is printed as stored

    return json.loads(text)


class Damaged(Exception):
    """An index turned out not to hold what was written to it."""


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
    from .build import build

    connection, meta = build(shown, where, progress)
    return Store(shown, connection, meta, where=where, progress=progress)


def _open_index(where: str, file_stamp: str) -> tuple[sqlite3.Connection, dict[str, str]] | None:
    """A proven index of the file at ``where``, or None (and a damaged one removed)."""
    if any(os.path.lexists(where + suffix) for suffix in ("-journal", "-wal")):
        discard(where)  # something wrote to it after its build: it cannot be trusted
        return None
    try:
        connection = connect_read_only(where)
    except sqlite3.Error:
        return None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("check") != meta_check(meta) or meta.get("format") != FORMAT:
            raise Damaged("metadata")
    except (sqlite3.Error, Damaged):
        connection.close()
        if os.path.exists(where):
            discard(where)
        return None
    if meta.get("code") != code_fingerprint() or meta.get("stamp") != file_stamp:
        connection.close()
        return None  # built from another version of the file: the build will replace it
    return connection, meta


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
            discard(self._where)
        from .build import build

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
                if rows and isinstance(rows[0][0], str) and text_check(position, rows[0][0]) == rows[0][1]:
                    return str(rows[0][0])
            except sqlite3.Error:
                pass
            self._heal()
        raise AssertionError("unreachable")

    def _scan(self, filters: Filters) -> Iterator[tuple[int, Summary]]:
        """The summary of every record the filters accept, in date order, each checked; the row
        count checked first. Only the rows between the dates the filters allow are read."""
        from ..core.summary import summary_from_list

        low, high = date_range(filters)
        after: tuple[str, int] = (low, -1)
        while True:
            generation = self._generation
            try:
                if not self._counted:
                    if self._connection.execute("SELECT count(*) FROM records").fetchone()[0] != self.count:
                        raise Damaged("row count")
                    self._counted = True
                for position, sort, head, check in self._connection.execute(SCAN, (*after, high)):
                    if text_check(position, sort + head) != check:
                        raise Damaged("summary")
                    summary = summary_from_list(_loads(head))
                    if filters.accepts(summary):
                        yield position, summary
                    after = (sort, position)
                return
            except (sqlite3.Error, Damaged, ValueError, TypeError):  # ValueError: a malformed summary too
                if generation == self._generation:  # else a read meanwhile built it again: resume
                    self._heal()

    def _locate(self, key: str) -> int | None:
        """The position of the record ``key`` names: the one whose id, acronym, alias or name it is,
        else the only one with a key it begins (AmbiguousKey if several). Proven: each key's row
        carries a digest of the key with its position, and a miss is believed only while the keys
        table has all its rows."""
        wanted = lookup_key(key)
        if not wanted:
            return None
        for _ in range(2):
            rows = self._query(
                "SELECT key, pos, id, key_check FROM keys WHERE key = ? ORDER BY rank, pos LIMIT 1", (wanted,)
            ) or self._query(  # keys that begin with it: the range between it and it followed by U+10FFFF
                "SELECT key, pos, id, key_check FROM keys WHERE key > ? AND key < ? ORDER BY pos",
                (wanted, wanted + "\U0010ffff"),
            )
            if all(isinstance(p, int) and text_check(p, k) == check for k, p, _, check in rows):
                positions: dict[int, str] = {p: i for _, p, i, _ in rows}
                if len(positions) > 1:
                    raise AmbiguousKey(key, list(positions.values()))
                if positions:
                    return next(iter(positions))
                if self._query("SELECT count(*) FROM keys")[0][0] == int(self._meta["keys"]):
                    return None
            self._heal()
        raise AssertionError("unreachable")

    def find(self, key: str) -> Agreement | None:
        position = self._locate(key)
        return None if position is None else self._record(position)

    def text(self, key: str, pretty: bool) -> str | None:
        position = self._locate(key)
        return None if position is None else self._text(position, "pretty" if pretty else "compact")

    def _record(self, position: int) -> Agreement:
        for _ in range(2):
            try:
                from ..core.codec import from_dict

                return from_dict(_loads(self._text(position, "compact")))
            except ValueError:  # a malformed record (CodecError) too
                self._heal()
        raise AssertionError("unreachable")

    def keys(self, short: bool = False) -> list[tuple[str, str]]:
        highest_rank = 0 if short else 1  # 0: ids, acronyms and aliases; 1: names
        rows = self._query("SELECT key, id FROM keys WHERE rank <= ? ORDER BY pos, rank", (highest_rank,))
        return [(key, record_id) for key, record_id in rows]

    def values(self, facet: str) -> list[str]:
        found: list[str] = _loads(self._meta["tags" if facet == "tags" else "parties"])
        return found

    def summaries(self, filters: Filters) -> Iterator[Summary]:
        return (summary for _, summary in self._scan(filters))

    def records(self, filters: Filters) -> Iterator[Agreement]:
        return (self._record(position) for position, _ in self._scan(filters))

    def texts(self, filters: Filters, pretty: bool) -> Iterator[str]:
        column = "pretty" if pretty else "compact"
        return (self._text(position, column) for position, _ in self._scan(filters))
