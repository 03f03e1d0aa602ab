"""The dataset index: never stale, never trusted blindly, safe under concurrency, holds no code,
and answers filters exactly as filtering in memory does."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pactcli import index, loader
from pactcli.catalog import MemoryCatalog
from pactcli.filters import Filters
from pactcli.loader import bundled_path, open_catalog
from tests.conftest import records_yaml


def _index_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "pactcli").glob("*.sqlite"))


def test_second_open_is_served_from_the_index(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    first = open_catalog(path)
    assert isinstance(first, MemoryCatalog)
    assert len(_index_files(isolated_cache)) == 1
    second = open_catalog(path)
    assert isinstance(second, index.IndexedCatalog)
    assert second.all() == first.all()
    assert second.find("ALPHA") == first.find("alpha")


def test_unchanged_metadata_means_the_file_is_not_read(
    dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    open_catalog(path)

    def refuse(_: str) -> None:
        raise AssertionError("the file was read although its metadata is unchanged")

    monkeypatch.setattr(loader, "read_file", refuse)
    found = open_catalog(path).find("alpha")
    assert found is not None and found.id == "alpha"


def test_a_touched_but_unchanged_file_is_restamped_not_rebuilt(
    dataset: Callable[..., Path], isolated_cache: Path
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    open_catalog(path)
    [built] = _index_files(isolated_cache)
    inode = built.stat().st_ino
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert isinstance(open_catalog(path), index.IndexedCatalog)
    assert built.stat().st_ino == inode  # the same index file, only its stamp updated
    assert isinstance(open_catalog(path), index.IndexedCatalog)


def test_a_changed_file_is_never_served_stale(dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha", "name": "Before"}))
    open_catalog(path)
    stat = path.stat()
    path.write_text(records_yaml({"id": "alpha", "name": "Afterr"}))  # same size, same mtime below
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    found = open_catalog(path).find("alpha")
    assert found is not None and found.name == "Afterr"


def test_a_file_made_invalid_is_reported_not_served_from_the_index(
    cli: Callable[..., object], dataset: Callable[..., Path]
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    open_catalog(path)
    path.write_text(records_yaml({"id": "alpha", "binding": "yes"}))
    result = cli("--data", str(path), "list")
    assert result.exit_code == 3  # type: ignore[attr-defined]


def _damage_sql(statement: str) -> Callable[[Path], None]:
    def damage(file: Path) -> None:
        connection = sqlite3.connect(file)
        connection.executescript(statement)
        connection.close()

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        lambda file: file.write_bytes(b""),
        lambda file: file.write_bytes(b"not a database at all"),
        lambda file: file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 2]),
        _damage_sql('UPDATE records SET compact = \'{"id": "alpha\' WHERE pos = 0'),
        _damage_sql("UPDATE records SET compact = replace(compact, '\"agreement\"', '\"weapon\"')"),
        _damage_sql("UPDATE meta SET value = 'other' WHERE key = 'format'"),
        _damage_sql("DROP TABLE records"),
        _damage_sql("DELETE FROM records WHERE pos = 1"),
    ],
    ids=["empty", "garbage", "truncated", "broken-json", "bad-value", "wrong-format", "no-records", "missing-row"],
)
def test_a_corrupt_index_is_ignored(
    dataset: Callable[..., Path], isolated_cache: Path, damage: Callable[[Path], None]
) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    expected = open_catalog(path, use_cache=False).all()
    open_catalog(path)
    [built] = _index_files(isolated_cache)
    damage(built)
    catalog = open_catalog(path)
    assert catalog.all() == expected
    assert catalog.find("beta") == expected[1]
    assert catalog.select(Filters()) == list(expected)


def test_no_cache_option_and_environment_variable(
    cli: Callable[..., object], dataset: Callable[..., Path], isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    cli("--data", str(path), "--no-cache", "list")
    assert _index_files(isolated_cache) == []
    monkeypatch.setenv("PACTCLI_NO_CACHE", "1")
    cli("--data", str(path), "list")
    assert _index_files(isolated_cache) == []


def test_an_unwritable_cache_directory_is_not_an_error(
    cli: Callable[..., object], dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = cli("--data", str(dataset(records_yaml({"id": "alpha"}))), "list", "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]


def test_the_index_holds_only_data(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    open_catalog(path)
    [built] = _index_files(isolated_cache)
    connection = sqlite3.connect(built)
    objects = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert objects == {"meta", "records", "keys", "tags", "parties"}
    assert not list(connection.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')"))
    assert [json.loads(row[0])["id"] for row in connection.execute("SELECT compact FROM records ORDER BY pos")] == [
        "alpha",
        "beta",
    ]
    assert not any(name.endswith((".pkl", ".pickle", ".py", ".pyc")) for name in os.listdir(built.parent))


FILTER_CASES = [
    {},
    {"since": "2016"},
    {"until": "2005"},
    {"since": "2018-09", "until": "2018-09"},
    {"binding": True},
    {"binding": [False, "unknown"]},
    {"kind": ["agreement", "framework"]},
    {"status": "in-force"},
    {"tag": ["foundational", "maritime"]},
    {"party": ["IN", "US"]},
    {"signatory": "parrikar"},
    {"since": 2010, "binding": "unknown", "kind": "agreement"},
]


@pytest.mark.parametrize("values", FILTER_CASES, ids=[json.dumps(v) for v in FILTER_CASES])
def test_the_index_selects_exactly_what_filtering_in_memory_selects(values: dict[str, object]) -> None:
    open_catalog(bundled_path())
    indexed = open_catalog(bundled_path())
    assert isinstance(indexed, index.IndexedCatalog)
    memory = open_catalog(bundled_path(), use_cache=False)
    filters = Filters.from_values(**values)
    assert [a.id for a in indexed.select(filters)] == [a.id for a in memory.select(filters)]
    assert indexed.values("tags") == memory.values("tags")
    rendered = indexed.rendered(filters, "compact")
    assert rendered is not None
    assert [json.loads(line)["id"] for line in rendered] == [a.id for a in memory.select(filters)]


def test_concurrent_writers_and_readers_never_see_a_torn_index(
    dataset: Callable[..., Path], isolated_cache: Path
) -> None:
    path = dataset(records_yaml(*({"id": f"rec-{i}"} for i in range(200))))
    expected = open_catalog(path, use_cache=False).all()
    script = (
        "import sys; from pactcli.loader import open_catalog\n"
        "c = open_catalog(sys.argv[1]); a = c.all()\n"
        "assert len(a) == 200 and c.find('rec-199').id == 'rec-199', 'torn'\n"
        "print(type(c).__name__)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_cache)}

    def run(_: int) -> str:
        result = subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    with ThreadPoolExecutor(max_workers=8) as pool:
        kinds = list(pool.map(run, range(16)))
    assert set(kinds) <= {"MemoryCatalog", "IndexedCatalog"}
    assert open_catalog(path).all() == expected
    assert not [p for p in (isolated_cache / "pactcli").iterdir() if p.name.endswith(".tmp")]


def _modules_after(args: list[str], expression: str, cache_home: Path, warm: bool = True) -> str:
    """Run pactcli's ``run(args)`` in a fresh interpreter (after one warming run) and return what
    ``expression`` over ``sys.modules`` printed."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    if warm:
        warming = subprocess.run([sys.executable, "-m", "pactcli", *args], capture_output=True, env=env, timeout=60)
        assert warming.returncode == 0
    probe = f"import sys\nfrom pactcli.cli import run\nassert run({args!r}) == 0\nprint({expression}, file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    return result.stderr.strip().splitlines()[-1]  # the probe above can fail


def test_the_json_path_imports_neither_rich_nor_yaml(isolated_cache: Path) -> None:
    loaded = "sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml', 'pydantic'))"
    assert _modules_after(["show", "sosa", "--json"], loaded, isolated_cache) == "[]"


def test_rich_is_imported_for_a_table(isolated_cache: Path) -> None:
    assert _modules_after(["list", "--color", "always"], "'rich' in sys.modules", isolated_cache, warm=False) == "True"


def test_the_default_listing_is_laid_out_without_richs_table(isolated_cache: Path) -> None:
    probe = "'rich.table' in sys.modules"
    assert _modules_after(["list", "--color", "always"], probe, isolated_cache, warm=True) == "False"
    assert _modules_after(["show", "sosa", "--color", "always"], probe, isolated_cache, warm=True) == "True"


def test_output_from_the_index_is_byte_for_byte_the_renderers(cli: Callable[..., object]) -> None:
    """show --json, list --json and --format jsonl answered from pre-rendered rows print exactly
    what rendering the records prints."""
    for args in (
        ["show", "sosa", "--json"],
        ["show", "Framework-2015", "--json"],
        ["list", "--json"],
        ["list", "--since", "2016", "--binding-unknown", "--json"],
        ["timeline", "--format", "jsonl"],
    ):
        cli(*args)  # builds the index
        indexed = cli(*args)
        parsed = cli("--no-cache", *args)
        assert indexed.exit_code == parsed.exit_code == 0  # type: ignore[attr-defined]
        assert indexed.stdout == parsed.stdout, args  # type: ignore[attr-defined]


def test_the_warm_json_lookup_builds_no_record_objects(isolated_cache: Path) -> None:
    assert _modules_after(["show", "sosa", "--json"], "'pactcli.model' in sys.modules", isolated_cache) == "False"


def test_a_run_that_raced_a_rebuild_cannot_write_a_stale_rendering(dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha", "name": "Before"}))
    open_catalog(path)
    old = open_catalog(path)  # holds the index of the first content
    assert isinstance(old, index.IndexedCatalog)
    path.write_text(records_yaml({"id": "alpha", "name": "Afterwards"}))
    open_catalog(path)  # rebuilds the index file in place for the new content
    assert '"Before"' in (old.rendered_key("alpha") or "")  # renders from its own (old) rows
    fresh = open_catalog(path)
    assert isinstance(fresh, index.IndexedCatalog)
    assert '"Afterwards"' in (fresh.rendered_key("alpha") or "")


def test_a_run_waits_for_another_runs_index_instead_of_parsing_again(
    dataset: Callable[..., Path], isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    where = index.index_path(str(path))
    lock = index.claim_writer(where)
    assert lock is not None
    assert index.claim_writer(where) is None  # one writer at a time

    records = loader.parse_text(path.read_text(), str(path)).all()
    meta = {"digest": index.content_digest(path.read_bytes()), "stamp": "", "path": str(path)}

    def write_then_release() -> None:
        try:
            index.build(where, records, meta)
        finally:
            os.close(lock)

    def refuse(*_: object) -> None:
        raise AssertionError("parsed the file although another run was indexing it")

    timer = threading.Timer(0.3, write_then_release)
    timer.start()
    monkeypatch.setattr(loader, "parse_text", refuse)
    try:
        opened = open_catalog(path)
    finally:
        timer.join()
    assert isinstance(opened, index.IndexedCatalog)
    assert [a.id for a in opened.all()] == ["alpha"]
    assert not index.wait_for_writer(where)  # nobody is writing now


def test_without_a_writer_nothing_waits(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    where = index.index_path(str(path))
    assert not index.wait_for_writer(where)  # no lock file at all
    lock = index.claim_writer(where)
    assert lock is not None
    os.close(lock)
    assert not index.wait_for_writer(where)  # a lock file nobody holds
