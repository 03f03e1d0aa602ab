"""Injected faults: a full disk or a file-size limit, a kill at any moment, files that appear
meanwhile, FIFOs, links and devices where a file is expected, a pager that fails. Nothing is lost
or corrupted, and no wrong answer ends with exit 0."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pactcli.core.errors import UsageError
from pactcli.output.writer import save
from tests.conftest import records_yaml, shell_env

PACTCLI = [sys.executable, "-m", "pactcli"]


def _limited(kib: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (kib * 1024, kib * 1024))

    return limit


def _no_bytecode(env: dict[str, str]) -> dict[str, str]:
    """Under a file-size limit CPython would write truncated .pyc files for later runs to trip on."""
    return {**env, "PYTHONDONTWRITEBYTECODE": "1"}


# --- every write is checked -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--format", "jsonl"],
        ["list", "--format", "csv"],
        ["list", "--format", "yaml"],
        ["list", "--format", "markdown"],
        ["list"],
        ["timeline", "--json"],
        ["show", "sosa", "--json"],
        ["cite", "sosa", "--format", "bibtex"],
        ["schema"],
    ],
)
def test_output_cut_short_by_a_file_size_limit_exits_4(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "out"
    env = _no_bytecode(shell_env(warm=True))
    subprocess.run([*PACTCLI, "list"], env=env, capture_output=True, check=True)  # the index, outside the limit
    with open(out, "wb") as sink:
        result = subprocess.run(
            [*PACTCLI, *args], stdout=sink, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=_limited(4)
        )
    assert result.returncode == 4, result.stderr
    assert "pactcli: error: cannot write to standard output: File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.stat().st_size <= 4096


def test_a_full_disk_exits_4() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    for args in (["list", "--json"], ["show", "sosa"], ["list"]):
        with open("/dev/full", "wb") as full:
            result = subprocess.run([*PACTCLI, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=shell_env())
        assert result.returncode == 4, args
        assert "No space left on device" in result.stderr


def test_a_file_size_limit_that_stops_the_index_still_answers(tmp_path: Path) -> None:
    """The index cannot be written under the limit: the run answers from memory instead."""
    out = tmp_path / "out.json"
    with open(out, "wb") as sink:
        result = subprocess.run(
            [*PACTCLI, "show", "sosa", "--json"],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=shell_env(),
            preexec_fn=_limited(16),
        )
    assert result.returncode == 0, result.stderr
    assert b'"id": "sosa"' in out.read_bytes()


# --- files are written whole, never over something else ----------------------------------------


def test_export_never_replaces_a_file_that_appears_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "pacts.db"

    def write_to(temporary: str) -> None:
        Path(temporary).write_bytes(b"new")
        target.write_bytes(b"someone else's")  # another process takes the name

    with pytest.raises(UsageError):
        save(str(target), write_to)
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["pacts.db"]


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder-link"])
def test_force_replaces_only_a_regular_file(cli: Any, tmp_path: Path, kind: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = tmp_path / "pacts.db"
    if kind == "symlink":
        target.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(tmp_path)
    for args in (["export", str(target), "--force"], ["list", "--svg", str(target), "--force"]):
        result = cli(*args)
        assert result.exit_code == 4, (kind, args, result.stderr)
        assert "only regular files" in result.stderr
    assert victim.read_text() == "keep me"
    assert os.path.islink(target) or stat.S_ISFIFO(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["victim.txt", "pacts.db"])


def test_svg_and_html_replace_a_file_only_with_force_and_whole(cli: Any, tmp_path: Path) -> None:
    picture = tmp_path / "t.svg"
    picture.write_text("old picture")
    refused = cli("timeline", "--svg", str(picture))
    assert refused.exit_code == 2 and "add --force" in refused.stderr
    assert picture.read_text() == "old picture"
    assert cli("timeline", "--svg", str(picture), "--force").exit_code == 0
    assert picture.read_text().lstrip().startswith("<svg")
    assert cli("list", "--force").exit_code == 2  # --force alone saves nothing: refused, not ignored


def test_a_write_stopped_by_the_disk_keeps_the_old_file(tmp_path: Path) -> None:
    picture = tmp_path / "t.svg"
    picture.write_text("old picture")
    result = subprocess.run(
        [*PACTCLI, "timeline", "--svg", str(picture), "--force"],
        capture_output=True,
        text=True,
        env=_no_bytecode(shell_env()),
        preexec_fn=_limited(8),
    )
    assert result.returncode == 4, result.stderr
    assert f"cannot write {picture}" in result.stderr
    assert picture.read_text() == "old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["t.svg"]


def test_export_into_a_missing_folder_names_it(cli: Any, tmp_path: Path) -> None:
    result = cli("export", str(tmp_path / "nowhere" / "pacts.db"))
    assert result.exit_code == 4
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder")
def test_export_into_an_unwritable_folder_names_it(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = cli("export", str(folder / "pacts.db"))
    assert result.exit_code == 4
    assert f"{folder} is not writable" in result.stderr


# --- signals and kills leave nothing behind ---------------------------------------------------


def _big(tmp_path: Path, count: int = 4000) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(records_yaml(*({"id": f"rec-{i:05d}"} for i in range(count))))
    return path


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_export_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    data = _big(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [*PACTCLI, "--data", str(data), "--no-cache", "export", str(out / "pacts.db")],
        stderr=subprocess.PIPE,
        text=True,
        env=shell_env(),
    )
    time.sleep(1.0)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the export finished before the signal")
    assert process.returncode == 130
    assert "pactcli: interrupted" in stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == []


@pytest.fixture(scope="module")
def big_listing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A 3,000-record file and its listing, read afresh."""
    data = _big(tmp_path_factory.mktemp("big"), 3000)
    command = [*PACTCLI, "--data", str(data), "--no-cache", "list", "--format", "jsonl"]
    return data, subprocess.run(command, capture_output=True, env=shell_env(), check=True).stdout


@pytest.mark.parametrize("delay", [0.15, 0.6])
def test_a_build_killed_at_any_moment_leaves_a_cache_that_serves_the_right_answer(
    big_listing: tuple[Path, bytes], delay: float
) -> None:
    data, expected = big_listing
    env = shell_env()
    process = subprocess.Popen([*PACTCLI, "--data", str(data), "list", "--json"], stdout=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    process.kill()
    assert process.wait() == -signal.SIGKILL  # killed while it was still indexing
    after = subprocess.run([*PACTCLI, "--data", str(data), "list", "--format", "jsonl"], capture_output=True, env=env)
    assert after.returncode == 0 and after.stdout == expected
    cache = Path(env["HOME"]) / ".cache" / "pactcli"
    assert [p.name for p in cache.iterdir() if not p.name.endswith(".sqlite")] == []  # the killed run's file is gone


def test_a_journal_left_by_a_killed_writer_never_serves_the_old_record(tmp_path: Path) -> None:
    """A writer killed mid-transaction leaves a hot journal; after the data changes, the index is
    not rolled back into the pre-edit record: it is discarded."""
    data = tmp_path / "data.yaml"
    data.write_text(records_yaml({"id": "alpha", "name": "Before"}))
    env = shell_env()
    assert subprocess.run([*PACTCLI, "--data", str(data), "list"], env=env, capture_output=True).returncode == 0
    [index] = (Path(env["HOME"]) / ".cache" / "pactcli").glob("*.sqlite")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode = DELETE'); c.execute('BEGIN IMMEDIATE')\n"
            "c.execute(\"UPDATE records SET pretty = 'x'\")\n"
            "c.execute('PRAGMA cache_size = 1'); c.execute(\"UPDATE records SET compact = 'y'\")\n"
            "print('ready', flush=True); time.sleep(60)\n",
            str(index),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    writer.kill()
    writer.wait()
    data.write_text(records_yaml({"id": "alpha", "name": "After"}))
    shown = subprocess.run(
        [*PACTCLI, "--data", str(data), "show", "alpha", "--json"], env=env, capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    assert '"name": "After"' in shown.stdout


# --- paths that are not files ----------------------------------------------------------------


def test_data_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [*PACTCLI, "--data", str(fifo), "list"], capture_output=True, text=True, env=shell_env(), timeout=30
    )
    assert result.returncode == 3
    assert "is not a regular file but a FIFO" in result.stderr


def test_an_empty_data_option_is_an_error_not_the_bundled_dataset(cli: Any) -> None:
    for args in (["--data", "", "list"], ["list", "--data", ""], ["validate", "--data", ""]):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert "--data needs a file name" in result.stderr


# --- the terminal ------------------------------------------------------------------------------


def _on_terminal(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to fake a terminal")
    return subprocess.run(
        ["script", "-qec", command, "/dev/null"], capture_output=True, text=True, env=shell_env(env), timeout=60
    )


def test_a_pager_that_fails_without_reading_loses_nothing() -> None:
    env = {"COLUMNS": "120", "LINES": "20", "TERM": "xterm", "PACTCLI_PAGER": "false"}
    result = _on_terminal(f"'{sys.executable}' -m pactcli list", env)
    assert result.returncode == 0
    assert "framework-2025" in result.stdout and "military-aircraft-flights-1947" in result.stdout


def test_ascii_terminals_get_ascii_boxes() -> None:
    env = {"COLUMNS": "100", "TERM": "xterm", "PYTHONIOENCODING": "ascii"}
    for command in ("show sosa", "list", "timeline --since 2020", "compare lemoa beca", "stats"):
        result = _on_terminal(f"'{sys.executable}' -m pactcli {command} --no-pager --color never", env)
        assert result.returncode == 0, command
        assert "\\u25" not in result.stdout and "\\u2500" not in result.stdout, command  # no escaped box or marker
        assert result.stdout.isascii(), command


def test_a_huge_field_is_cut_on_a_terminal_and_whole_in_a_pipe(cli: Any, dataset: Callable[..., Path]) -> None:
    words = "word " * 30_000
    path = dataset(records_yaml({"id": "alpha"}).replace("summary: A test record.", f"summary: {words.strip()}"))
    terminal = cli("--data", str(path), "show", "alpha", "--width", "100")
    assert "more characters: --json or a pipe shows them all" in terminal.stdout
    assert terminal.stdout.count("word") < 5_000
    piped = cli("--data", str(path), "show", "alpha", "--fields", "summary")
    assert piped.stdout.count("word") == 30_000
