"""Every example in the README runs and prints what the README shows.

An example is a ``$ command`` line in a ``console`` block and the lines under it. The command runs
in a shell with pactcli on the PATH; one that writes to a terminal (no pipe, no machine format)
runs as on a terminal 100 columns wide, as the README says. Each shown line must appear in the
output, in order; a line ``…`` stands for lines left out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, shell_env

README = (ROOT / "README.md").read_text(encoding="utf-8")
ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def _blocks() -> list[list[tuple[str, list[str]]]]:
    """Each console block as its commands, each with the lines shown under it."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        examples = []
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            examples.append((command, shown))
        blocks.append(examples)
    return blocks


BLOCKS = _blocks()


def _terminal(command: str) -> bool:
    return command.startswith("pactcli") and not re.search(r"[|>]|--json|--format", command)


def test_the_readme_has_examples_of_every_kind() -> None:
    commands = [c for block in BLOCKS for c, _ in block]
    assert len(commands) >= 15
    assert any(_terminal(c) for c in commands) and any("|" in c for c in commands)


def _check(command: str, shown: list[str], cwd: Path) -> None:
    tools = set(re.findall(r"(?:^|\||&&)\s*([\w-]+)", command))
    missing = [tool for tool in tools if tool != "pactcli" and shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} is not installed")
    if _terminal(command):
        command += " --width 100 --color always --no-pager"
    env = shell_env({"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}, warm=True)
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    output = [ESCAPES.sub("", line).rstrip() for line in (result.stdout + result.stderr).splitlines()]
    position = 0
    for line in shown:
        if line == "…":
            continue
        assert line.rstrip() in output[position:], f"{command}: not in the output, or out of order: {line!r}"
        position = output.index(line.rstrip(), position) + 1
    if "…" not in shown:
        assert output[position:] in ([], [""]), f"{command}: the output has lines the README leaves out"


@pytest.mark.parametrize("block", BLOCKS, ids=[block[0][0] for block in BLOCKS])
def test_readme_examples_print_what_the_readme_shows(block: list[tuple[str, list[str]]], tmp_path: Path) -> None:
    """The commands of a block run in order, in a folder of their own."""
    for command, shown in block:
        _check(command, shown, tmp_path)
