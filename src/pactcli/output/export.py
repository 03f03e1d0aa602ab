"""Write records to a SQLite database for Datasette, sqlite-utils, DuckDB and pandas.

Tables: ``agreements`` (one row per record, id as primary key, one column per scalar field; list
fields as JSON arrays), ``signatories``, ``sources``, ``relations`` and ``tags`` (each row keyed to
``agreements.id`` by a foreign key), and ``agreements_fts``, an FTS5 index over the names,
summaries, provisions and notes declared with ``content="agreements"`` as ``sqlite-utils
enable-fts`` makes it, so sqlite-utils and Datasette find and use it.

Values only ever reach SQL as parameters. The database is written to a temporary file in the
target folder and moved into place (:func:`.writer.save`), so a reader never sees half a database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..core.codec import source_dict, to_dict
from ..core.fields import BY_NAME, FIELD_TABLE, Field, FieldType
from ..core.model import Agreement

#: Fields held by tables of their own rather than by a column of ``agreements``.
_OWN_TABLES = ("signatories", "related", "sources", "tags")
#: Columns of ``agreements`` in order: every other field of the field table; lists as JSON arrays.
AGREEMENT_COLUMNS = tuple(field.name for field in FIELD_TABLE if field.name not in _OWN_TABLES)
#: The text ``agreements_fts`` indexes.
SEARCHED_COLUMNS = ("name", "acronym", "summary", "provisions", "notes")
_SQL_TYPES = {FieldType.YEAR: "INTEGER", FieldType.BOOL: "INTEGER"}  # booleans as 1, 0 or NULL


def _column(field: Field) -> str:
    kind = _SQL_TYPES.get(field.type, "TEXT")
    key = " PRIMARY KEY" if field.name == "id" else " NOT NULL" if field.required and not field.nullable else ""
    return f'  "{field.name}" {kind}{key}'


SCHEMA = (
    'CREATE TABLE "agreements" (\n'
    + ",\n".join(_column(BY_NAME[name]) for name in AGREEMENT_COLUMNS)
    + "\n);\n"
    + """CREATE TABLE "signatories" (
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
  "kind" TEXT NOT NULL,          -- official, mirror, company, press or analysis
  "mirror_of" TEXT,
  "supports" TEXT NOT NULL,      -- JSON array of the facts (field names) this source states
  "quotes" TEXT NOT NULL,        -- JSON object: fact -> the source's words for it
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
)

FTS_SCHEMA = (
    'CREATE VIRTUAL TABLE "agreements_fts" USING FTS5 ('
    + ", ".join(f'"{column}"' for column in SEARCHED_COLUMNS)
    + ', content="agreements")'
)


def _json(value: Sequence[Any]) -> str:
    return json.dumps(list(value), ensure_ascii=False)


def _agreement_row(agreement: Agreement) -> tuple[Any, ...]:
    record = to_dict(agreement)
    return tuple(
        _json(value) if isinstance(value, list) else int(value) if isinstance(value, bool) else value
        for value in (record[name] for name in AGREEMENT_COLUMNS)
    )


def fill(connection: sqlite3.Connection, records: Iterable[Agreement]) -> int:
    """Create the tables and write the records into them, one at a time in one transaction; how many."""
    connection.executescript(SCHEMA)
    connection.execute(FTS_SCHEMA)
    marks = ", ".join("?" for _ in AGREEMENT_COLUMNS)
    count = 0
    with connection:
        for a in records:
            count += 1
            connection.execute(f'INSERT INTO "agreements" VALUES ({marks})', _agreement_row(a))
            connection.executemany(
                'INSERT INTO "signatories" VALUES (?, ?, ?, ?, ?)',
                [(a.id, position, p.name, p.title, p.country) for position, p in enumerate(a.signatories, 1)],
            )
            connection.executemany(
                'INSERT INTO "sources" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [
                    (
                        a.id,
                        position,
                        *(d[key] for key in ("title", "publisher", "url", "date", "kind", "mirror_of")),
                        _json(d["supports"]),
                        json.dumps(d["quotes"], ensure_ascii=False),
                    )
                    for position, d in enumerate(map(source_dict, a.sources), 1)
                ],
            )
            connection.executemany(
                'INSERT OR IGNORE INTO "relations" VALUES (?, ?, ?)',
                [(a.id, r.relation.value, r.id) for r in a.related],
            )
            connection.executemany('INSERT OR IGNORE INTO "tags" VALUES (?, ?)', [(a.id, tag) for tag in a.tags])
        columns = ", ".join(f'"{column}"' for column in SEARCHED_COLUMNS)
        connection.execute(f'INSERT INTO "agreements_fts" (rowid, {columns}) SELECT rowid, {columns} FROM "agreements"')
    return count


def export(agreements: Iterable[Agreement], path: str, *, force: bool = False) -> int:
    """Write a new database at ``path`` (see :func:`.writer.save`); the number of records written."""
    from .writer import save

    count = 0

    def write_to(temporary: str) -> None:
        nonlocal count
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # a new file, put in place whole or not at all
            connection.execute("PRAGMA foreign_keys = ON")
            count = fill(connection, agreements)
        except sqlite3.Error as error:
            raise OSError(0, str(error)) from None
        finally:
            connection.close()

    save(path, write_to, force=force)
    return count
