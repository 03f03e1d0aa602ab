"""A cache of validated datasets, so large files answer quickly on the second run.

One file per dataset content, named by its hash. The first line is a JSON
header (format, content digest, pactcli version, and for every lookup key the
byte offset and length of its record); each following line is one record as
JSON, in file order. A lookup reads the header and then exactly one record, so
its cost barely grows with the dataset. Files are written to a temporary name
and renamed into place, so concurrent readers see a whole cache or none.
Nothing in a cache is executed or unpickled: records are JSON, read back
through :func:`pactcli.codec.from_dict`, and any surprise means "no cache".
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from typing import Any, BinaryIO, TypeVar

from . import __version__
from .catalog import Catalog
from .codec import CodecError, from_dict, to_dict
from .model import Agreement, lookup_key

FORMAT = "pactcli-cache-4"
KEEP_FILES = 8
T = TypeVar("T")


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pactcli")


def disabled() -> bool:
    return os.environ.get("PACTCLI_NO_CACHE", "") not in ("", "0")


def _file_for(digest: str) -> str:
    return os.path.join(cache_dir(), f"{digest}.jsonl")


class CacheCorrupt(Exception):
    """A cache file turned out to be unusable."""


class CachedCatalog:
    """A catalog that reads records from a cache file on demand.

    If the cache turns out to be unreadable part-way, it quietly switches to
    ``fallback`` (a fresh parse of the dataset) for this and every later call.
    """

    def __init__(self, path: str, handle: BinaryIO, header: dict[str, Any], fallback: Callable[[], Catalog]) -> None:
        self.path = path
        self._handle = handle
        self._keys: dict[str, list[int]] = header["keys"]
        self._count: int = header["count"]
        self._body_start = handle.tell()
        self._fallback = fallback
        self._replacement: Catalog | None = None

    def _decode(self, line: bytes) -> Agreement:
        try:
            return from_dict(json.loads(line))
        except (ValueError, CodecError) as error:
            raise CacheCorrupt(str(error)) from None

    def _guarded(self, read: Callable[[], T], delegate: Callable[[Catalog], T]) -> T:
        if self._replacement is None:
            try:
                return read()
            except (OSError, CacheCorrupt):
                self._replacement = self._fallback()
        return delegate(self._replacement)

    def all(self) -> tuple[Agreement, ...]:
        def read() -> tuple[Agreement, ...]:
            self._handle.seek(self._body_start)
            records = tuple(self._decode(line) for line in self._handle.read().splitlines())
            if len(records) != self._count:
                raise CacheCorrupt("record count does not match the header")
            return records

        return self._guarded(read, lambda catalog: catalog.all())

    def find(self, key: str) -> Agreement | None:
        def read() -> Agreement | None:
            where = self._keys.get(lookup_key(key))
            if where is None:
                return None
            if not (isinstance(where, list) and len(where) == 2 and all(type(n) is int and n >= 0 for n in where)):
                raise CacheCorrupt("bad index entry")
            self._handle.seek(self._body_start + where[0])
            return self._decode(self._handle.read(where[1]))

        return self._guarded(read, lambda catalog: catalog.find(key))

    def lookup_keys(self) -> list[str]:
        return self._guarded(lambda: list(self._keys), lambda catalog: catalog.lookup_keys())


def open_cached(digest: str, display_path: str, fallback: Callable[[], Catalog]) -> CachedCatalog | None:
    """The cached catalog for this content, or None if there is no usable cache."""
    try:
        handle = open(_file_for(digest), "rb")  # noqa: SIM115  (kept open while the catalog is used)
    except OSError:
        return None
    try:
        header = json.loads(handle.readline())
        valid = (
            isinstance(header, dict)
            and header.get("format") == FORMAT
            and header.get("digest") == digest
            and header.get("version") == __version__
            and isinstance(header.get("keys"), dict)
            and type(header.get("count")) is int
            and header.get("size") == os.fstat(handle.fileno()).st_size - handle.tell()
        )
    except (OSError, ValueError):
        valid = False
    if not valid:
        handle.close()
        return None
    return CachedCatalog(display_path, handle, header, fallback)


def store(digest: str, agreements: tuple[Agreement, ...]) -> None:
    """Write a cache for this content; failures are ignored (a cache is optional)."""
    lines = [json.dumps(to_dict(a), ensure_ascii=False).encode() + b"\n" for a in agreements]
    offsets, position = [], 0
    for line in lines:
        offsets.append([position, len(line) - 1])
        position += len(line)
    keys: dict[str, list[int]] = {}
    for agreement, where in zip(agreements, offsets, strict=True):
        for key in agreement.lookup_keys():
            keys.setdefault(key, where)
    header = {
        "format": FORMAT,
        "digest": digest,
        "version": __version__,
        "count": len(lines),
        "size": position,
        "keys": keys,
    }
    directory = cache_dir()
    temp_name = os.path.join(directory, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        with open(temp_name, "xb") as out:
            out.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
            out.writelines(lines)
        os.replace(temp_name, _file_for(digest))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        return
    _prune(directory)


def _prune(directory: str) -> None:
    """Keep only the most recently written caches."""
    try:
        names = [os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".jsonl")]
        for old in sorted(names, key=os.path.getmtime, reverse=True)[KEEP_FILES:]:
            os.unlink(old)
    except OSError:
        pass
