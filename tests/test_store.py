"""The one store: never stale, never served damaged, built by this code, written only by a build,
and answering filters exactly as an independent read of the data does."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from pactcli import load
from pactcli.core.filters import Filters
from pactcli.dataset import files, index
from pactcli.dataset.store import open_store
from tests.conftest import ROOT, clean_env, raw_records, records_yaml


def _indexes(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "pactcli").glob("*.sqlite"))


def _ids(found: Any) -> list[str]:
    return [record.id for record in found]


def test_a_second_run_is_answered_from_the_index_without_reading_the_file(
    dataset: Callable[..., Path], isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    first = _ids(open_store(path).records(Filters()))
    assert len(_indexes(isolated_cache)) == 1

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the file was read although it has not changed")

    monkeypatch.setattr(files.TextReader, "__init__", refuse)
    warm = open_store(path)
    assert _ids(warm.records(Filters())) == first == ["alpha", "beta"]
    found = warm.find("BETA")
    assert found is not None and found.id == "beta"


def test_a_changed_file_is_never_served_stale(dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha", "name": "Before"}))
    open_store(path)
    before = path.stat()
    path.write_text(records_yaml({"id": "alpha", "name": "Afterr"}))  # same size; same mtime below
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    found = open_store(path).find("alpha")
    assert found is not None and found.name == "Afterr"


def test_a_file_with_any_problem_leaves_no_index(cli: Any, dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "alpha"}))
    assert cli("--data", str(path), "list").exit_code == 3
    assert list((isolated_cache / "pactcli").iterdir()) == []


def test_a_file_made_invalid_is_reported_not_served(cli: Any, dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    open_store(path)
    path.write_text(records_yaml({"id": "alpha", "binding": "binding"}))
    assert cli("--data", str(path), "list").exit_code == 3


def test_the_index_holds_only_data(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    open_store(path)
    [built] = _indexes(isolated_cache)
    connection = sqlite3.connect(built)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "records", "keys"}
    assert not list(connection.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')"))
    rows = connection.execute("SELECT compact FROM records ORDER BY pos").fetchall()
    assert [json.loads(row[0])["id"] for row in rows] == ["alpha", "beta"]
    assert sorted(p.name for p in built.parent.iterdir()) == [built.name]  # no journal, lock or temporary file


def test_reads_never_write(cli: Any, isolated_cache: Path) -> None:
    cli("list")
    [built] = _indexes(isolated_cache)
    before = (built.read_bytes(), built.stat().st_mtime_ns, sorted(os.listdir(built.parent)))
    for args in (["list", "--json"], ["show", "sosa", "--json"], ["list", "--format", "jsonl"], ["stats"]):
        assert cli(*args).exit_code == 0
    assert (built.read_bytes(), built.stat().st_mtime_ns, sorted(os.listdir(built.parent))) == before


def test_no_cache_and_its_environment_variable_write_nothing(
    cli: Any, dataset: Callable[..., Path], isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    assert cli("--data", str(path), "--no-cache", "list").exit_code == 0
    assert cli("--data", str(path), "list", "--no-cache").exit_code == 0
    monkeypatch.setenv("PACTCLI_NO_CACHE", "1")
    assert cli("--data", str(path), "list").exit_code == 0
    assert not (isolated_cache / "pactcli").exists() or _indexes(isolated_cache) == []


@pytest.mark.parametrize(
    ("variable", "value"),
    [("XDG_CACHE_HOME", "relative/cache"), ("XDG_CACHE_HOME", ""), ("HOME", "")],
)
def test_the_cache_follows_the_xdg_rules(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    """A relative XDG_CACHE_HOME is ignored (the spec says so), and without an absolute home there
    is no cache at all rather than one in / or in the working folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv(variable, value)
    expected = None if variable == "HOME" else str(home / ".cache" / "pactcli")
    assert index.cache_dir() == expected
    assert cli("list", "--json").exit_code == 0
    assert not (tmp_path / "relative").exists()


def test_an_unwritable_cache_directory_is_not_an_error(
    cli: Any, dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = cli("--data", str(dataset(records_yaml({"id": "alpha"}))), "list", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "alpha"


def test_an_edited_install_never_serves_output_of_the_old_code(tmp_path: Path) -> None:
    """The cache key holds a fingerprint of the installed code: after an edit of one module the
    next run prints what the edited code renders, not what the old code put in the index."""
    package = tmp_path / "site" / "pactcli"
    shutil.copytree(ROOT / "src" / "pactcli", package)
    shutil.copy(ROOT / "data" / "agreements.yaml", tmp_path / "data.yaml")
    env = {**clean_env(tmp_path), "PYTHONPATH": str(tmp_path / "site"), "PACTCLI_DATA": str(tmp_path / "data.yaml")}
    command = [sys.executable, "-m", "pactcli", "show", "sosa", "--json"]
    for _ in range(2):  # the second run is served from the index
        first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert first.returncode == 0, first.stderr
        assert '"id": "sosa"' in first.stdout
    module = package / "core" / "jsontext.py"
    edit = "text = text.replace('\"sosa\"', '\"EDITED\"')\n    return text.translate"
    assert "return text.translate" in module.read_text()
    module.write_text(module.read_text().replace("return text.translate", edit))
    edited = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert edited.returncode == 0, edited.stderr
    assert '"id": "EDITED"' in edited.stdout


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(file: Path) -> None:
        connection = sqlite3.connect(file)
        connection.executescript(statement)
        connection.close()

    return damage


def _flip(offset_fraction: float) -> Callable[[Path], None]:
    def damage(file: Path) -> None:
        data = bytearray(file.read_bytes())
        data[int(len(data) * offset_fraction)] ^= 0x20
        file.write_bytes(bytes(data))

    return damage


def _overwrite_page(file: Path) -> None:
    data = bytearray(file.read_bytes())
    page = 16384
    data[page * 2 : page * 3] = b"\x00" * page
    file.write_bytes(bytes(data))


def _hot_journal(file: Path) -> None:
    Path(str(file) + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)


DAMAGE = {
    "empty": lambda file: file.write_bytes(b""),
    "garbage": lambda file: file.write_bytes(b"not a database at all"),
    "truncated": lambda file: file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 2]),
    "broken-json": _sql('UPDATE records SET compact = \'{"id": "alpha\' WHERE pos = 0'),
    "edited-value": _sql("UPDATE records SET pretty = replace(pretty, 'agreement', 'weapon')"),
    "edited-summary": _sql("UPDATE records SET head = replace(head, 'in-force', 'expired')"),
    "edited-meta": _sql("UPDATE meta SET value = '1' WHERE key = 'count'"),
    "wrong-format": _sql("UPDATE meta SET value = 'other' WHERE key = 'format'"),
    "no-records": _sql("DROP TABLE records"),
    "deleted-row": _sql("DELETE FROM records WHERE pos = 1"),
    "deleted-key": _sql("DELETE FROM keys WHERE key = 'beta'"),
    "moved-key": _sql("UPDATE keys SET pos = 0 WHERE key = 'beta'"),
    "flipped-bit-early": _flip(0.55),
    "flipped-bit-late": _flip(0.9),
    "overwritten-page": _overwrite_page,
    "hot-journal": _hot_journal,
}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_a_damaged_index_is_never_served(
    cli: Any, dataset: Callable[..., Path], isolated_cache: Path, name: str
) -> None:
    """Whatever happened to the index, every command prints what a fresh read of the file prints."""
    path = dataset(records_yaml(*({"id": key, "name": f"Record {key}"} for key in ("alpha", "beta", "gamma"))))
    commands = [
        ["list", "--json"],
        ["list", "--format", "jsonl"],
        ["list", "--format", "csv"],
        ["show", "beta", "--json"],
        ["stats", "--json"],
        ["timeline", "--fields", "id,name"],
        ["search", "record"],
    ]
    expected = [cli("--data", str(path), "--no-cache", *args).stdout for args in commands]
    for args, want in zip(commands, expected, strict=True):
        cli("--data", str(path), "list")  # (re)builds the index
        [built] = _indexes(isolated_cache)
        DAMAGE[name](built)
        result = cli("--data", str(path), *args)
        assert (result.exit_code, result.stdout) == (0, want), (name, args, result.stderr)
    assert cli("--data", str(path), "show", "beta", "--json").exit_code == 0


def test_damage_found_halfway_through_a_listing_is_repaired_without_losing_a_record(
    dataset: Callable[..., Path], isolated_cache: Path
) -> None:
    path = dataset(records_yaml(*({"id": f"rec-{i:03d}"} for i in range(300))))
    expected = list(open_store(path, use_cache=False).texts(Filters(), pretty=True))
    opened = open_store(path)
    [built] = _indexes(isolated_cache)
    stream = opened.texts(Filters(), pretty=True)
    head = [next(stream) for _ in range(100)]
    _sql("UPDATE records SET pretty_check = 'x' WHERE pos = 200")(built)
    assert head + list(stream) == expected


def test_concurrent_runs_never_see_a_torn_index(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml(*({"id": f"rec-{i}"} for i in range(200))))
    script = (
        "import sys; from pactcli import load\n"
        "records = load(sys.argv[1])\n"
        "assert [r.id for r in records][-1] == 'rec-99' and len(records) == 200, 'torn'\n"
    )
    env = {**clean_env(isolated_cache.parent), "XDG_CACHE_HOME": str(isolated_cache)}

    def run(_: int) -> int:
        result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        return result.returncode

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(run, range(16))) == {0}
    assert not [p for p in (isolated_cache / "pactcli").iterdir() if not p.name.endswith(".sqlite")]


def test_a_killed_builds_temporary_file_is_removed_by_the_next_build(
    dataset: Callable[..., Path], isolated_cache: Path
) -> None:
    folder = isolated_cache / "pactcli"
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = folder / f"0123.sqlite.{dead.stdout.strip()}.abcd.tmp"
    leftover.write_bytes(b"x" * 1000)
    open_store(dataset(records_yaml({"id": "alpha"})))
    assert not leftover.exists()


def test_the_library_never_forks_nor_writes_to_the_callers_streams(
    dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    stderr = sys.stderr
    path = dataset(records_yaml(*({"id": f"rec-{i}"} for i in range(3000))))
    assert len(load(str(path))) == 3000
    assert sys.stderr is stderr
    assert capfd.readouterr() == ("", "")


# --- what the store selects is what the data holds ------------------------------------------


def _independent_read() -> list[dict[str, Any]]:
    """The bundled records read with PyYAML alone, none of pactcli's code."""
    return raw_records()


def _year(record: dict[str, Any]) -> int | None:
    value = record.get("date")
    return None if value is None else int(str(value)[:4])


FILTER_CASES: list[tuple[dict[str, Any], Callable[[dict[str, Any]], bool]]] = [
    ({}, lambda r: True),
    ({"since": 2016}, lambda r: (_year(r) or 0) >= 2016),
    ({"until": 2005}, lambda r: _year(r) is not None and _year(r) <= 2005),  # type: ignore[operator]
    ({"binding": True}, lambda r: r["binding"] is True),
    ({"binding": [False, "unknown"]}, lambda r: r["binding"] is not True),
    ({"kind": ["agreement", "framework"]}, lambda r: r["kind"] in ("agreement", "framework")),
    ({"status": "in-force"}, lambda r: r["status"] == "in-force"),
    ({"tag": ["foundational", "maritime"]}, lambda r: bool({"foundational", "maritime"} & set(r.get("tags") or []))),
    ({"party": ["IN", "US"]}, lambda r: {"IN", "US"} <= set(r["parties"])),
    ({"signatory": "parrikar"}, lambda r: any("parrikar" in s["name"].lower() for s in r.get("signatories") or [])),
]


@pytest.fixture(scope="module")
def stores() -> list[Any]:
    """The bundled data parsed, indexed, then served from the index."""
    return [open_store(use_cache=cache) for cache in (False, True, True)]


@pytest.mark.parametrize(("values", "wanted"), FILTER_CASES, ids=[json.dumps(v) for v, _ in FILTER_CASES])
def test_the_store_selects_exactly_what_the_data_holds(
    stores: list[Any], values: dict[str, Any], wanted: Callable[[dict[str, Any]], bool]
) -> None:
    expected = sorted(r["id"] for r in _independent_read() if wanted(r))
    assert expected or values.get("tag")  # a case that selects nothing tests nothing
    assert sorted(a.id for a in load(**values)) == expected
    for store in stores:
        assert sorted(a.id for a in store.summaries(Filters.from_values(**values))) == expected
        assert sorted(a.id for a in store.records(Filters.from_values(**values))) == expected
