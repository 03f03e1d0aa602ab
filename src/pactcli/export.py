"""Write records to a SQLite database for Datasette, sqlite-utils, DuckDB and pandas.

Tables: ``agreements`` (one row per record, id as primary key, one column per scalar field; list
fields as JSON arrays), ``signatories``, ``sources``, ``relations`` and ``tags`` (each row keyed to
``agreements.id`` by a foreign key), and ``agreements_fts``, an FTS5 index over the names,
summaries, provisions and notes declared with ``content="agreements"`` as ``sqlite-utils
enable-fts`` makes it, so sqlite-utils and Datasette find and use it.

Values only ever reach SQL as parameters. The database is written to a temporary file in the
target folder and renamed into place, so a reader never sees half a database.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Sequence
from typing import Any

from .codec import source_dict
from .errors import OutputError, UsageError
from .model import Agreement

#: Columns of ``agreements`` in order; list-valued ones hold JSON arrays.
AGREEMENT_COLUMNS = (
    "id",
    "name",
    "acronym",
    "aliases",
    "kind",
    "signed",
    "year",
    "in_force",
    "expires",
    "place",
    "parties",
    "binding",
    "status",
    "summary",
    "provisions",
    "notes",
)
#: The text ``agreements_fts`` indexes.
SEARCHED_COLUMNS = ("name", "acronym", "summary", "provisions", "notes")

SCHEMA = """
CREATE TABLE "agreements" (
  "id" TEXT PRIMARY KEY,
  "name" TEXT NOT NULL,
  "acronym" TEXT,
  "aliases" TEXT NOT NULL,       -- JSON array
  "kind" TEXT NOT NULL,
  "signed" TEXT,                 -- YYYY, YYYY-MM or YYYY-MM-DD
  "year" INTEGER,
  "in_force" TEXT,
  "expires" TEXT,
  "place" TEXT,
  "parties" TEXT NOT NULL,       -- JSON array of ISO 3166-1 alpha-2 codes
  "binding" INTEGER,             -- 1 binding, 0 non-binding, NULL unknown
  "status" TEXT NOT NULL,
  "summary" TEXT NOT NULL,
  "provisions" TEXT NOT NULL,    -- JSON array
  "notes" TEXT
);
CREATE TABLE "signatories" (
  "agreement_id" TEXT NOT NULL REFERENCES "agreements"("id"),
  "position" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "title" TEXT,
  "country" TEXT NOT NULL,
  PRIMARY KEY ("agreement_id", "position")
);
CREATE TABLE "sources" (
  "agreement_id" TEXT NOT NULL REFERENCES "agreements"("id"),
  "position" INTEGER NOT NULL,   -- 1-based, as in pactcli cite
  "title" TEXT NOT NULL,
  "publisher" TEXT,
  "url" TEXT NOT NULL,
  "date" TEXT,
  "supports" TEXT NOT NULL,      -- JSON array of the facts (field names) this source states
  "quote" TEXT,
  PRIMARY KEY ("agreement_id", "position")
);
CREATE TABLE "relations" (
  "agreement_id" TEXT NOT NULL REFERENCES "agreements"("id"),
  "relation" TEXT NOT NULL,
  "related_id" TEXT NOT NULL,    -- an id of the full dataset; a filtered export may not hold it
  PRIMARY KEY ("agreement_id", "relation", "related_id")
);
CREATE TABLE "tags" (
  "agreement_id" TEXT NOT NULL REFERENCES "agreements"("id"),
  "tag" TEXT NOT NULL,
  PRIMARY KEY ("agreement_id", "tag")
);
CREATE INDEX "signatories_name" ON "signatories"("name");
CREATE INDEX "tags_tag" ON "tags"("tag");
CREATE INDEX "agreements_year" ON "agreements"("year");
"""

FTS_SCHEMA = (
    'CREATE VIRTUAL TABLE "agreements_fts" USING FTS5 ('
    + ", ".join(f'"{column}"' for column in SEARCHED_COLUMNS)
    + ', content="agreements")'
)


def _json(value: Sequence[Any]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _agreement_row(agreement: Agreement) -> tuple[Any, ...]:
    return (
        agreement.id,
        agreement.name,
        agreement.acronym,
        _json(agreement.aliases),
        agreement.kind.value,
        None if agreement.signed is None else str(agreement.signed),
        agreement.year,
        None if agreement.in_force is None else str(agreement.in_force),
        None if agreement.expires is None else str(agreement.expires),
        agreement.place,
        _json(agreement.parties),
        None if agreement.binding is None else int(agreement.binding),
        agreement.status.value,
        agreement.summary,
        _json(agreement.provisions),
        agreement.notes,
    )


def fill(connection: sqlite3.Connection, agreements: Sequence[Agreement]) -> None:
    """Create the tables and write ``agreements`` into them (in one transaction)."""
    connection.executescript(SCHEMA)
    connection.execute(FTS_SCHEMA)
    marks = ", ".join("?" for _ in AGREEMENT_COLUMNS)
    with connection:
        connection.executemany(f'INSERT INTO "agreements" VALUES ({marks})', map(_agreement_row, agreements))
        connection.executemany(
            'INSERT INTO "signatories" VALUES (?, ?, ?, ?, ?)',
            [
                (a.id, position, p.name, p.title, p.country)
                for a in agreements
                for position, p in enumerate(a.signatories, 1)
            ],
        )
        connection.executemany(
            'INSERT INTO "sources" VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [
                (a.id, position, d["title"], d["publisher"], d["url"], d["date"], _json(d["supports"]), d["quote"])
                for a in agreements
                for position, d in enumerate(map(source_dict, a.sources), 1)
            ],
        )
        connection.executemany(
            'INSERT OR IGNORE INTO "relations" VALUES (?, ?, ?)',
            [(a.id, r.relation.value, r.id) for a in agreements for r in a.related],
        )
        connection.executemany(
            'INSERT OR IGNORE INTO "tags" VALUES (?, ?)', [(a.id, tag) for a in agreements for tag in a.tags]
        )
        columns = ", ".join(f'"{column}"' for column in SEARCHED_COLUMNS)
        connection.execute(f'INSERT INTO "agreements_fts" (rowid, {columns}) SELECT rowid, {columns} FROM "agreements"')


def export(agreements: Sequence[Agreement], path: str, *, force: bool = False) -> None:
    """Write a new database at ``path``; replace an existing file only with ``force``.

    UsageError if the file exists (without ``force``); OutputError if it cannot be written.
    """
    if os.path.isdir(path):
        raise UsageError(f"{path} is a folder; give a file name such as {os.path.join(path, 'pacts.db')}")
    if os.path.lexists(path) and not force:
        raise UsageError(f"{path} already exists; add --force to replace it")
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            fill(connection, agreements)
        finally:
            connection.close()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as error:
        _remove(temporary)
        reason = getattr(error, "strerror", None) or str(error)
        raise OutputError(f"cannot write {path}: {reason}") from None


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
