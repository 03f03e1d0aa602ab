"""The index file of a dataset: its tables, the digests that prove it, and where it lives.

Shared by :mod:`.build`, which writes an index, and :mod:`.store`, which serves from one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.filters import Filters

try:  # the C module behind hashlib.blake2b, without hashlib's OpenSSL start-up cost
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b


FORMAT = "pactcli-index-3"


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
CREATE TABLE keys (
  key TEXT NOT NULL, rank INTEGER NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL,
  key_check TEXT NOT NULL         -- a digest of the key with the position it names
);
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


def text_check(position: int, text: str) -> str:
    return blake2b(f"{position}\x00{text}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def meta_check(meta: dict[str, str]) -> str:
    text = "\x00".join(f"{key}\x00{value}" for key, value in sorted(meta.items()) if key != "check")
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@cache
def code_fingerprint() -> str:
    """A digest of the installed pactcli's source files (each one's path, size and modification
    time): an index built by other code, or by this code before an edit, is not used."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digest = blake2b(digest_size=16)
    for folder, subfolders, names in os.walk(package):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                info = os.stat(path)
                digest.update(f"{path[len(package) :]}:{info.st_size}:{info.st_mtime_ns}\n".encode())
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


def connect_read_only(where: str) -> sqlite3.Connection:
    # immutable: no locks, no journal lookups; an index is never written after its rename.
    return sqlite3.connect(f"file:{where}?mode=ro&immutable=1", uri=True, isolation_level=None)


def discard(where: str) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(where + suffix)


def date_range(filters: Filters) -> tuple[str, str]:
    """The sort texts between which lie all the records that --since and --until can accept: from
    the start of the --since year to the end of the --until year; undated records, which sort
    last, only when neither is given. A scan starts and stops there; the filters still decide."""
    low = f"0{filters.since.year:04d}" if filters.since else ""
    high = f"0{filters.until.year + 1:04d}" if filters.until else ("1" if filters.since else "\U0010ffff")
    return low, high
