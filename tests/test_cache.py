"""The parse cache: never stale, never trusted blindly, safe under concurrency, holds no code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pactcli import cache
from pactcli.loader import open_catalog
from tests.conftest import records_yaml


def _cache_files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "pactcli").glob("*.jsonl"))


def test_second_open_is_served_from_the_cache(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    first = open_catalog(path)
    assert not isinstance(first, cache.CachedCatalog)
    assert len(_cache_files(isolated_cache)) == 1
    second = open_catalog(path)
    assert isinstance(second, cache.CachedCatalog)
    assert second.all() == first.all()
    assert second.find("ALPHA") == first.find("alpha")


def test_a_changed_file_is_never_served_stale(dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha", "name": "Before"}))
    open_catalog(path)
    stat = path.stat()
    path.write_text(records_yaml({"id": "alpha", "name": "Afterr"}))  # same size, same mtime below
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    found = open_catalog(path).find("alpha")
    assert found is not None and found.name == "Afterr"


def test_a_file_made_invalid_is_reported_not_served_from_cache(
    cli: Callable[..., object], dataset: Callable[..., Path]
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    open_catalog(path)
    path.write_text(records_yaml({"id": "alpha", "binding": "yes"}))
    result = cli("--data", str(path), "list")
    assert result.exit_code == 3  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "",
        lambda text: "not json at all\n",
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"alpha"', '"alpha', 1),
        lambda text: text.replace('"kind": "agreement"', '"kind": "weapon"'),
        lambda text: text.replace('"format": "pactcli-cache-2"', '"format": "other"'),
        lambda text: text.split("\n", 1)[0] + "\n",
    ],
    ids=["empty", "garbage", "truncated", "broken-json", "bad-value", "wrong-format", "header-only"],
)
def test_a_corrupt_cache_is_ignored(
    dataset: Callable[..., Path], isolated_cache: Path, damage: Callable[[str], str]
) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    expected = open_catalog(path, use_cache=False).all()
    open_catalog(path)
    [cached] = _cache_files(isolated_cache)
    cached.write_text(damage(cached.read_text()))
    catalog = open_catalog(path)
    assert catalog.all() == expected
    assert catalog.find("beta") == expected[1]


def test_no_cache_option_and_environment_variable(
    cli: Callable[..., object], dataset: Callable[..., Path], isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}))
    cli("--data", str(path), "--no-cache", "list")
    assert _cache_files(isolated_cache) == []
    monkeypatch.setenv("PACTCLI_NO_CACHE", "1")
    cli("--data", str(path), "list")
    assert _cache_files(isolated_cache) == []


def test_an_unwritable_cache_directory_is_not_an_error(
    cli: Callable[..., object], dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = cli("--data", str(dataset(records_yaml({"id": "alpha"}))), "list", "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]


def test_the_cache_holds_only_json(dataset: Callable[..., Path], isolated_cache: Path) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    open_catalog(path)
    [cached] = _cache_files(isolated_cache)
    lines = cached.read_bytes().splitlines()
    header = json.loads(lines[0])
    assert set(header) == {"format", "digest", "version", "count", "size", "keys"}
    assert [json.loads(line)["id"] for line in lines[1:]] == ["alpha", "beta"]
    assert not any(name.endswith((".pkl", ".pickle", ".py", ".pyc")) for name in os.listdir(cached.parent))


def test_concurrent_writers_and_readers_never_see_a_torn_cache(
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
    assert set(kinds) <= {"MemoryCatalog", "CachedCatalog"}
    assert open_catalog(path).all() == expected
    assert not [p for p in (isolated_cache / "pactcli").iterdir() if p.name.startswith(".tmp-")]


def test_the_json_path_imports_neither_rich_nor_yaml(isolated_cache: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_cache)}
    warm = subprocess.run(
        [sys.executable, "-m", "pactcli", "show", "sosa", "--json"], capture_output=True, env=env, timeout=60
    )
    assert warm.returncode == 0
    probe = (
        "import sys\n"
        "from pactcli.cli import run\n"
        "assert run(['show', 'sosa', '--json']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml', 'pydantic'))\n"
        "print(loaded, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_rich_is_imported_for_a_table(isolated_cache: Path) -> None:
    probe = (
        "import sys\n"
        "from pactcli.cli import run\n"
        "assert run(['list', '--color', 'always']) == 0\n"
        "print('rich' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_cache)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "True"  # the probe above can fail
