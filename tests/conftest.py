from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pactcli.cli import app

MINIMAL_RECORD = """\
  - id: {id}
    name: {name}
    kind: agreement
    signed: {signed}
    parties: [IN, US]
    binding: {binding}
    status: in-force
    summary: A test record.
    sources:
      - {{title: Test source, url: "https://example.org/{id}", supports: [signed, binding]}}
"""


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty cache directory and a clean colour environment."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    for name in ("PACTCLI_DATA", "PACTCLI_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "PACTCLI_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
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
    """A valid dataset made of minimal records."""
    body = "".join(
        MINIMAL_RECORD.format(**{"binding": "null", "signed": "2020-01-01", "name": r["id"].upper(), **r})
        for r in records
    )
    return "schema_version: 1\nagreements:\n" + body
