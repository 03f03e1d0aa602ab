from __future__ import annotations

import copy
import functools
import json
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pactcli.cli import app

ROOT = Path(__file__).resolve().parents[1]


SUITE_CACHE = tempfile.mkdtemp(prefix="pactcli-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    """Whatever runs before the per-test fixtures (collection, module-level reads) uses the
    suite's cache, never the user's."""
    os.environ["XDG_CACHE_HOME"] = SUITE_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SUITE_CACHE, ignore_errors=True)


def clean_env(home: Path) -> dict[str, str]:
    """The environment of an ordinary shell for a subprocess: no PYTHON* variables (with
    PYTHONUNBUFFERED a broken pipe looks handled when it is not) and a home of its own."""
    keep = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TMPDIR", "SYSTEMROOT")
    return {**{k: v for k, v in os.environ.items() if k in keep}, "HOME": str(home)}


def shell_env(extra: dict[str, str] | None = None, *, warm: bool = False) -> dict[str, str]:
    """:func:`clean_env` with a new empty home (so a cold cache), plus ``extra``. With ``warm``
    the cache is the suite's own, already built: for tests of what a run prints, not of a first run."""
    cache = {"XDG_CACHE_HOME": SUITE_CACHE} if warm else {}
    return {**clean_env(Path(tempfile.mkdtemp(prefix="pactcli-home-"))), **cache, **(extra or {})}


MINIMAL_RECORD = """\
  - id: {id}
    name: {name}
    kind: agreement
    date: {date}
    date_kind: signed
    parties: [IN, US]
    legal_character: {character}
    legal_character_basis: {basis}
    status: in-force
    status_basis: source
    summary: A test record.
    sources:
      - {{title: Test source, url: "https://example.org/{id}", kind: press, supports: [date, legal_character, status]}}
"""
#: A record's legal character and its basis, for each value of ``binding`` a test asks for.
CHARACTERS = {
    "null": ("null", "not-established"),
    "true": ("international-agreement", "text"),
    "false": ("non-binding-arrangement", "statement"),
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without the user's pactcli, colour and width settings, with the suite's
    own cache (shared, so the bundled dataset is indexed once; see ``isolated_cache``)."""
    monkeypatch.setenv("XDG_CACHE_HOME", SUITE_CACHE)
    for name in ("PACTCLI_DATA", "PACTCLI_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "PACTCLI_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of the test's own, for tests that look into the cache."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture
def cli() -> Callable[..., Any]:
    """Invoke the real Typer app; returns Click's Result with separate stdout/stderr."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs: Any) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def cli_json(cli: Callable[..., Any]) -> Callable[..., Any]:
    def invoke(*args: str) -> Any:
        result = cli(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def dataset(tmp_path: Path) -> Callable[..., Path]:
    """Write a dataset file from YAML text (dedented) or bytes; returns its path."""

    def write(content: str | bytes, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write


def records_yaml(*records: dict[str, str]) -> str:
    """A valid dataset made of minimal records (``binding``: "true", "false" or "null", given as the
    legal character that gives it; anything else is written as the legal character itself)."""
    body = ""
    for r in records:
        values = {"date": "2020-01-01", "name": r["id"].upper(), **r}
        binding = values.pop("binding", "null")
        values["character"], values["basis"] = CHARACTERS.get(binding, (binding, "text"))
        body += MINIMAL_RECORD.format(**values)
    return "schema_version: 2\nagreements:\n" + body


#: ``binding`` for each legal character, copied from the rule data/README.md states, so that the
#: tool's own table is checked against the documented one rather than against itself.
DOCUMENTED_BINDING: dict[str | None, bool | None] = {
    "international-agreement": True,
    "contract-of-sale": True,
    "commercial-contract": False,
    "non-binding-arrangement": False,
    "political-declaration": False,
    "forum": False,
    "unilateral-act": False,
    None: None,
}


def plain_yaml(path: Path) -> Any:
    """A YAML file read with PyYAML alone (its C loader where built): none of pactcli's code."""
    import yaml

    return yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def _raw_records() -> list[dict[str, Any]]:
    records = plain_yaml(ROOT / "data" / "agreements.yaml")["agreements"]
    for record in records:
        for name in ("date", "in_force", "expires"):
            if record.get(name) is not None:
                record[name] = str(record[name])
        record["binding"] = DOCUMENTED_BINDING[record.get("legal_character")]
        record["signed"] = record.get("date") if record.get("date_kind") == "signed" else None
    return list(records)


def raw_records() -> list[dict[str, Any]]:
    """The bundled records read with plain PyYAML (dates as text), with ``binding`` and ``signed``
    worked out as data/README.md defines them: an independent read to compare the tool's output
    with. Read once per test process; a copy for each caller, who may change it."""
    return copy.deepcopy(_raw_records())


def read_records(path: str | Path | None = None) -> list[Any]:
    """Every record of a dataset (the bundled one by default), parsed afresh."""
    from pactcli.core.filters import Filters
    from pactcli.dataset.store import open_store

    return list(open_store(path, use_cache=False).records(Filters()))
