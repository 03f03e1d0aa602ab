"""The installed program as a real process: entry points, pipes, terminals, and the built wheel."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import shell_env

ROOT = Path(__file__).resolve().parents[1]
PACTCLI = shutil.which("pactcli", path=str(Path(sys.executable).parent)) or "pactcli"


def run(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """A real process in the environment of an ordinary shell (see conftest.shell_env)."""
    result: subprocess.CompletedProcess[str] = subprocess.run(
        args,
        capture_output=True,
        text=True,
        env=shell_env(env),
        timeout=120,
        **kwargs,  # type: ignore[call-overload]
    )
    return result


def test_console_script_lists_the_bundled_dataset(tmp_path: Path) -> None:
    result = run(PACTCLI, "list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 35


def test_python_dash_m_works() -> None:
    result = run(sys.executable, "-m", "pactcli", "show", "sosa", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["signed"] == "2024-08-22"


def test_a_closed_pipe_ends_quietly() -> None:
    result = run(
        "bash", "-o", "pipefail", "-c", f"'{PACTCLI}' list --json | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    )
    assert result.stderr == ""
    assert result.stdout.strip() == "0"


def test_writing_to_a_full_disk_is_reported() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = run("bash", "-c", f"'{PACTCLI}' list --json > /dev/full")
    assert result.returncode == 4  # output could not be written
    assert "No space left" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_id_exits_1_in_a_real_process() -> None:
    result = run(PACTCLI, "show", "lemoaa")
    assert result.returncode == 1
    assert "did you mean 'lemoa'" in result.stderr


def test_a_real_terminal_gets_a_rich_table() -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to fake a terminal")
    result = run("script", "-qec", f"'{PACTCLI}' list --no-pager", "/dev/null", env={"COLUMNS": "140", "TERM": "xterm"})
    assert result.returncode == 0
    assert "\x1b[" in result.stdout  # colour on a terminal
    assert "sosa" in result.stdout and "Security of Supply Arrangement" in result.stdout


PAGER_PROBE = "sh -c 'echo PAGED-BY-PROBE; cat'"


@pytest.mark.parametrize(
    ("command", "paged"),
    [
        ("list", True),  # taller than the terminal
        ("list --no-pager", False),
        ("--no-pager list", False),
        ("show sosa --fields id", False),  # fits on the screen
        ("list | cat", False),  # piped: never paged
    ],
)
def test_a_pager_shows_long_output_on_a_terminal_only(command: str, paged: bool) -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to fake a terminal")
    env = {"COLUMNS": "120", "LINES": "30", "TERM": "xterm", "PACTCLI_PAGER": PAGER_PROBE}
    result = run("script", "-qec", f"'{PACTCLI}' {command}", "/dev/null", env=env)
    assert result.returncode == 0
    assert ("PAGED-BY-PROBE" in result.stdout) is paged
    assert "sosa" in result.stdout


@pytest.mark.slow
def test_the_built_wheel_carries_the_dataset(tmp_path: Path) -> None:
    """A non-editable install from the wheel finds the bundled data when run from another folder."""
    dist = tmp_path / "dist"
    build_tmp = tmp_path / "build-tmp"
    build_tmp.mkdir()
    build = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        str(dist),
        str(ROOT),
        env={"TMPDIR": str(build_tmp)},
    )
    assert build.returncode == 0, build.stderr
    assert list(build_tmp.iterdir()) == []  # the build leaves nothing behind
    wheel = next(dist.glob("pactcli-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = run(str(python), "-m", "pip", "install", "-q", str(wheel))
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(str(env_dir / "bin" / "pactcli"), "list", "--json", cwd=elsewhere, env={"PACTCLI_DATA": ""})
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) >= 35
    where = run(str(python), "-c", "import pactcli.dataset.files as f; print(f.bundled_path())", cwd=elsewhere)
    assert "site-packages" in where.stdout
    installed = str(env_dir / "bin" / "pactcli")
    for args in (
        ["search", "supply", "chain", "--json"],
        ["schema"],
        ["graph", "sosa", "--format", "dot"],
        ["stats", "--json"],
    ):
        assert run(installed, *args, cwd=elsewhere).returncode == 0, args
    typed = run(
        str(python), "-c", "import importlib.resources as r; print(r.files('pactcli').joinpath('py.typed').is_file())"
    )
    assert typed.stdout.strip() == "True"
    # The wheel holds the dataset and no index: the build runs no project code.
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "pactcli/data/agreements.yaml" in names
    assert not [name for name in names if name.endswith((".sqlite", ".db", ".pickle"))]
    cached = run(installed, "list", "--json", cwd=elsewhere)
    parsed = run(installed, "--no-cache", "list", "--json", cwd=elsewhere)
    assert cached.stdout == parsed.stdout != ""


def test_a_terminal_shows_ids_and_says_when_nothing_matches() -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to fake a terminal")
    env = {"COLUMNS": "100", "TERM": "xterm"}
    listing = run("script", "-qec", f"'{PACTCLI}' list --no-pager --since 2024", "/dev/null", env=env)
    for key in ("sosa", "liaison-officers-moa", "framework-2025"):
        assert key in listing.stdout
    empty = run("script", "-qec", f"'{PACTCLI}' list --kind treaty --since 2020", "/dev/null", env=env)
    assert empty.returncode == 0
    assert "No instruments match --since 2020 --kind treaty." in empty.stdout  # the terminal shows stderr too
    piped = run(PACTCLI, "list", "--kind", "treaty", "--since", "2020")
    assert piped.stdout == "" and piped.stderr == "" and piped.returncode == 0


def test_a_pager_that_cannot_run_loses_nothing() -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to fake a terminal")
    env = {"COLUMNS": "120", "LINES": "20", "TERM": "xterm", "PACTCLI_PAGER": "no-such-pager-here"}
    result = run("script", "-qec", f"'{PACTCLI}' list", "/dev/null", env=env)
    assert result.returncode == 0
    assert "framework-2025" in result.stdout  # printed directly after the pager failed
