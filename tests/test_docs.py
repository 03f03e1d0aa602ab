"""Every command is documented: --help with an example, and a section in the README."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pactcli.cli import COMMANDS as COMMAND_TABLE

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(COMMAND_TABLE)


def test_every_command_is_found() -> None:
    assert {
        "list",
        "show",
        "timeline",
        "compare",
        "search",
        "signatories",
        "stats",
        "graph",
        "validate",
        "schema",
    } <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_a_description_and_a_runnable_example(cli: Any, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    examples = result.stdout.split("Examples:", 1)[1]
    assert re.search(rf"^\s+pactcli {command}\b", examples, re.MULTILINE)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_the_command(command: str) -> None:
    assert re.search(rf"^### `pactcli {command}\b", README, re.MULTILINE), f"no README section for {command}"


def test_readme_test_command_is_what_ci_runs() -> None:
    commands = [
        line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.startswith("python3")
    ]
    assert len(commands) == 1
    assert commands[0] in README


def test_readme_picture_exists_and_was_made_by_pactcli() -> None:
    svg = (ROOT / "docs" / "timeline.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and "pactcli" in svg


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_binding_rule_is_the_same_in_list_help_and_the_data_readme(cli: Any) -> None:
    """The rule is stated once in the code and shown in both places, word for word."""
    from pactcli.core.rules import BINDING_RULE

    assert "legal character" in BINDING_RULE
    assert _words(BINDING_RULE) in _words(cli("list", "--help").stdout)
    assert _words(BINDING_RULE) in _words((ROOT / "data" / "README.md").read_text(encoding="utf-8"))
