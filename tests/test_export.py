"""pactcli export FILE.db (SQLite for Datasette, sqlite-utils, pandas) and CSV that splits back.

Expected counts come from the data file read with plain yaml.safe_load.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import raw_records, records_yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = raw_records()
Invoke = Callable[..., Any]


@pytest.fixture
def database(cli: Invoke, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "pacts.db"
    result = cli("export", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {len(RAW)} instruments" in result.stderr
    return sqlite3.connect(path)


def test_every_record_and_its_parts_are_written(database: sqlite3.Connection) -> None:
    def count(table: str) -> int:
        return int(database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

    assert count("agreements") == len(RAW)
    assert count("signatories") == sum(len(r.get("signatories") or []) for r in RAW)
    assert count("sources") == sum(len(r["sources"]) for r in RAW)
    assert count("tags") == sum(len(set(r.get("tags") or [])) for r in RAW)
    assert count("relations") == sum(len(r.get("related") or []) for r in RAW)


def test_foreign_keys_hold_and_ids_are_the_primary_key(database: sqlite3.Connection) -> None:
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    columns = {row[1]: row[5] for row in database.execute('PRAGMA table_info("agreements")')}
    assert columns["id"] == 1  # primary key
    for table in ("signatories", "sources", "relations", "tags"):
        targets = {(row[2], row[3], row[4]) for row in database.execute(f'PRAGMA foreign_key_list("{table}")')}
        assert ("agreements", "agreement_id", "id") in targets, table


def test_scalar_values_match_the_data(database: sqlite3.Connection) -> None:
    query = 'SELECT id, date, date_kind, signed, legal_character, binding, status, status_basis FROM "agreements"'
    rows = {row[0]: row for row in database.execute(query)}
    for record in RAW:
        binding = None if record["binding"] is None else int(record["binding"])
        expected = (record["date"], record.get("date_kind"), record["signed"], record.get("legal_character"), binding)
        assert rows[record["id"]][1:6] == expected, record["id"]
        assert rows[record["id"]][6:] == (record.get("status"), record.get("status_basis", "not-established"))


def test_full_text_search_is_declared_as_sqlite_utils_makes_it(database: sqlite3.Connection) -> None:
    sql = database.execute("SELECT sql FROM sqlite_master WHERE name = 'agreements_fts'").fetchone()[0]
    assert 'content="agreements"' in sql
    hits = database.execute(
        'SELECT a.id FROM "agreements_fts" f JOIN "agreements" a ON a.rowid = f.rowid '
        "WHERE agreements_fts MATCH ? ORDER BY rank",
        ["geospatial"],
    ).fetchall()
    assert ("beca",) in hits


def test_sources_keep_their_provenance(database: sqlite3.Connection) -> None:
    rows = database.execute(
        'SELECT url, supports, quotes, kind, mirror_of FROM "sources" WHERE agreement_id = ? ORDER BY position',
        ["comcasa"],
    ).fetchall()
    expected = next(r for r in RAW if r["id"] == "comcasa")["sources"]
    assert [row[0] for row in rows] == [s["url"] for s in expected]
    assert [json.loads(row[1]) for row in rows] == [s["supports"] for s in expected]
    assert [json.loads(row[2]) for row in rows] == [s.get("quotes") or {} for s in expected]
    assert [row[3:] for row in rows] == [(s["kind"], s.get("mirror_of")) for s in expected]


def test_filters_choose_what_is_exported(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "recent.db"
    assert cli("export", "--since", "2016", str(path)).exit_code == 0
    ids = {row[0] for row in sqlite3.connect(path).execute('SELECT id FROM "agreements"')}
    assert ids == {r["id"] for r in RAW if r["date"] is not None and int(r["date"][:4]) >= 2016}
    assert sqlite3.connect(path).execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_existing_file_is_replaced_only_with_force(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "pacts.db"
    path.write_text("keep me")
    refused = cli("export", str(path))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert path.read_text() == "keep me"
    assert cli("export", str(path), "--force").exit_code == 0
    assert sqlite3.connect(path).execute('SELECT count(*) FROM "agreements"').fetchone()[0] == len(RAW)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pacts.db"]  # no temporary file left


def test_an_impossible_path_exits_4(cli: Invoke, tmp_path: Path) -> None:
    result = cli("export", str(tmp_path / "missing" / "pacts.db"))
    assert result.exit_code == 4
    assert "missing" in result.stderr


def test_hostile_text_is_stored_verbatim(cli: Invoke, dataset: Callable[..., Path], tmp_path: Path) -> None:
    hostile = "x'); DROP TABLE agreements; --"
    path = dataset(records_yaml({"id": "alpha", "name": json.dumps(hostile)}))
    target = tmp_path / "h.db"
    assert cli("--data", str(path), "export", str(target)).exit_code == 0
    assert sqlite3.connect(target).execute('SELECT name FROM "agreements"').fetchall() == [(hostile,)]


# --- CSV that splits back -----------------------------------------------------------------------


def test_csv_list_cells_parse_back_into_the_same_items(cli: Invoke, cli_json: Invoke) -> None:
    records = {r["id"]: r for r in cli_json("list")}
    rows = list(csv.DictReader(io.StringIO(cli("list", "--format", "csv").stdout)))
    assert len(rows) == len(records)
    for row in rows:
        record = records[row["id"]]
        for field in ("aliases", "parties", "signatories", "provisions", "tags", "related", "sources"):
            assert json.loads(row[field]) == record[field], (row["id"], field)


def test_lemoa_provisions_keep_their_semicolons_in_csv(cli: Invoke) -> None:
    row = next(csv.DictReader(io.StringIO(cli("show", "lemoa", "--format", "csv").stdout)))
    expected = next(r for r in RAW if r["id"] == "lemoa")["provisions"]
    assert json.loads(row["provisions"]) == expected
