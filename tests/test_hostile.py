"""Hostile and broken dataset files: each ends in a clear message and exit 3, never a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import records_yaml, shell_env

GOOD = records_yaml({"id": "alpha", "name": "Alpha"})
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def _bomb() -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    prev = "a"
    for i in range(9):
        lines.append(f"b{i}: &b{i} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = f"b{i}"
    return "\n".join(lines) + f"\nagreements: *{prev}\n"


# (case id, file content, text the message must contain)
BAD_FILES: list[tuple[str, str | bytes, str]] = [
    ("duplicate-key", GOOD + "agreements: []\n", "duplicate key 'agreements'"),
    (
        "duplicate-record-key",
        _replace("    kind: agreement\n", "    kind: agreement\n    kind: treaty\n"),
        "duplicate key 'kind'",
    ),
    ("alias-bomb", _bomb(), "unknown field 'a'"),
    (
        "alias-bomb-in-a-field",
        GOOD.replace(
            "    summary: A test record.\n",
            "    summary: A test record.\n    provisions: &p [[&q [x, x, x], *q, *q], *q]\n",
            1,
        ),
        "expected text, got a list",
    ),
    ("deep-flow-nesting", "agreements: " + "[" * 100_000 + "]" * 100_000 + "\n", "nesting"),
    ("deep-block-nesting", "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n", "nesting deeper"),
    ("impossible-date", _replace("date: 2020-01-01", "date: 2024-02-30"), "2024-02-30"),
    ("huge-integer", _replace("schema_version: 2", "schema_version: 99999999999999999999999999"), "whole number"),
    ("multiple-documents", GOOD + "---\n" + GOOD, "more than one YAML document"),
    ("tab-indent", "agreements:\n\t- id: x\n", "not valid YAML"),
    ("unterminated-quote", 'agreements: "oops\n', "not valid YAML"),
    ("undefined-alias", "agreements: *nothing\n", "refers to no anchor"),
    ("python-tag", 'agreements: !!python/object/apply:os.system ["echo pwned"]\n', "tags are not allowed"),
    ("unknown-tag", "agreements: !custom [1]\n", "tags are not allowed"),
    ("binary-tag", "agreements: !!binary aGVsbG8=\n", "tags are not allowed"),
    ("set-tag", "agreements: !!set {a, b}\n", "tags are not allowed"),
    ("yes-as-text", _replace("legal_character: null", "legal_character: yes"), "put it in quotes"),
    ("on-as-text", _replace("legal_character: null", "legal_character: on"), "put it in quotes"),
    ("version-1-field", _replace("date: 2020-01-01", "signed: 2020-01-01"), "'signed' is a version 1 field"),
    ("version-1-file", _replace("schema_version: 2", "schema_version: 1"), "bring a version 1 file up to date"),
    ("date-without-kind", _replace("    date_kind: signed\n", ""), "date_kind"),
    ("status-without-basis", _replace("    status_basis: source\n", ""), "status needs status_basis"),
    ("basis-without-value", _replace("status: in-force", "status: null"), "drop the basis"),
    ("wrong-rule", _replace("status_basis: source", "status_basis: term-ended"), "gives 'expired'"),
    (
        "unsupported-status",
        _replace("supports: [date, legal_character, status]", "supports: [date]"),
        "field 'status': no source supports it",
    ),
    (
        "quote-for-unsupported-fact",
        _replace("supports: [date, legal_character, status]}", "supports: [date], quotes: {place: x}}"),
        "which this source does not support",
    ),
    ("source-kind-missing", _replace("kind: press, ", ""), "a source needs 'kind'"),
    ("mirror-without-original", _replace("kind: press, ", "kind: mirror, "), "names the official document it copies"),
    ("hex-as-text", _replace("name: Alpha", "name: 0x1F"), "put it in quotes"),
    ("nan-as-text", _replace("name: Alpha", "name: .nan"), "put it in quotes"),
    ("number-as-text", _replace("name: Alpha", "name: 1984"), "put it in quotes"),
    ("timestamp-as-date", _replace("date: 2020-01-01", "date: 2020-01-01 10:00:00"), "YYYY-MM-DD"),
    ("latin1", _replace("name: Alpha", "name: Caf\xe9").encode("latin-1"), "not valid UTF-8"),
    ("nul-byte", GOOD.encode() + b"\x00", "NUL"),
    ("control-byte", _replace("name: Alpha", "name: Al\x01pha"), "control character U+0001"),
    ("escaped-surrogate", _replace("name: Alpha", 'name: "Al\\ud800pha"'), "Unicode"),
    ("empty", "", "empty"),
    ("comments-only", "# nothing here\n# at all\n", "empty"),
    ("list-at-top", "- a\n- b\n", "must be a mapping"),
    ("agreements-not-a-list", "agreements: 5\n", "must be a list"),
    ("agreements-null", "agreements:\n", "must be a list"),
    ("no-agreements", "schema_version: 2\n", "missing the 'agreements:' list"),
    ("html-page", "<!DOCTYPE html>\n<html><body><p>Not found</p></body></html>\n", "must be a mapping"),
    ("binary-file", bytes(range(256)) * 4, "NUL"),
    ("truncated", "".join(GOOD.splitlines(keepends=True)[:9]), "is missing (required)"),
    ("missing-required", _replace("    summary: A test record.\n", ""), "field 'summary': is missing"),
    ("string-where-list", _replace("parties: [IN, US]", "parties: IN"), "expected a list"),
    ("unknown-field", _replace("    summary:", "    sumary: x\n    summary:"), "did you mean 'summary'"),
    ("bad-id", _replace("id: alpha", "id: Alpha_1"), "not a lowercase slug"),
    ("bad-kind", _replace("kind: agreement", "kind: agrement"), "did you mean 'agreement'"),
    ("future-date", _replace("date: 2020-01-01", "date: 2999-01-01"), "in the future"),
    ("blank-string", _replace("name: Alpha", 'name: "   "'), "is blank"),
    ("non-http-url", _replace('url: "https://example.org/alpha"', 'url: "javascript:alert(1)"'), "not an http(s) URL"),
    ("file-url", _replace('url: "https://example.org/alpha"', 'url: "file:///etc/passwd"'), "not an http(s) URL"),
    (
        "no-sources",
        _replace(
            '      - {title: Test source, url: "https://example.org/alpha", kind: press, supports: [date, legal_character, status]}\n',
            "",
        ).replace("sources:\n", "sources: []\n"),
        "at least one source",
    ),
    (
        "self-relation",
        _replace("    sources:", "    related: [{id: alpha, relation: renews}]\n    sources:"),
        "related to itself",
    ),
    (
        "dangling-relation",
        _replace("    sources:", "    related: [{id: nowhere, relation: renews}]\n    sources:"),
        "'nowhere', which is not in the file",
    ),
    (
        "bad-relation-kind",
        _replace("    sources:", "    related: [{id: alpha, relation: renew}]\n    sources:"),
        "did you mean 'renews'",
    ),
    (
        "signatory-not-a-party",
        _replace("    summary:", "    signatories: [{name: X, title: Y, country: FR}]\n    summary:"),
        "not among the parties",
    ),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_bad_file_exits_3_with_a_located_message(
    cli: Any, dataset: Callable[..., Path], content: str | bytes, expected: str
) -> None:
    path = dataset(content)
    result = cli("--data", str(path), "list", "--json")
    assert result.exit_code == 3, result.stdout
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert expected in result.stderr
    assert not CONTROL.search(result.stderr)
    assert 1 <= len(result.stderr.splitlines()) <= 6


def test_duplicate_keys_after_case_folding(cli: Any, dataset: Callable[..., Path]) -> None:
    text = records_yaml({"id": "alpha"}, {"id": "beta"}).replace(
        "    name: BETA\n", "    name: BETA\n    acronym: ALPHA\n"
    )
    result = cli("--data", str(dataset(text)), "list")
    assert result.exit_code == 3
    assert "already used by record 'alpha'" in result.stderr


def test_locations_are_line_and_column(cli: Any, dataset: Callable[..., Path]) -> None:
    path = dataset(_replace("date_kind: signed", "date_kind: inked"))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "date_kind: inked" in text)
    result = cli("--data", str(path), "list")
    assert f"{path}:{line}:16:" in result.stderr


def test_validate_reports_every_problem_other_commands_a_few(cli: Any, dataset: Callable[..., Path]) -> None:
    records = [{"id": f"r{i}", "binding": "maybe"} for i in range(8)]
    path = dataset(records_yaml(*records))
    assert len(cli("validate", str(path)).stdout.splitlines()) == 8
    listed = cli("--data", str(path), "list").stderr.splitlines()
    assert len(listed) == 6 and "3 more problem(s)" in listed[-1]


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + GOOD.encode(),
        GOOD.replace("\n", "\r\n").encode(),
        GOOD.encode("utf-16"),
        GOOD.encode("utf-32"),
    ],
    ids=["utf8-bom", "crlf", "utf16", "utf32"],
)
def test_accepted_encodings(cli: Any, dataset: Callable[..., Path], content: bytes) -> None:
    result = cli("--data", str(dataset(content)), "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == ["alpha"]


# --- paths that are not dataset files -----------------------------------------------------


def test_missing_directory_symlink_loop_and_device(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    cases = {
        str(tmp_path / "missing.yaml"): "no such file",
        str(tmp_path): "is a directory",
        str(tmp_path / "loop1"): "symbolic links",
        "/dev/zero": "not a regular file",
    }
    for path, message in cases.items():
        result = cli("--data", path, "list")
        assert result.exit_code == 3, path
        assert message in result.stderr, path


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(cli: Any, dataset: Callable[..., Path]) -> None:
    path = dataset(GOOD)
    path.chmod(0)
    result = cli("--data", str(path), "list")
    assert result.exit_code == 3 and "permission denied" in result.stderr


def test_oversized_file_is_refused_quickly_with_the_limit(
    cli: Any, dataset: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACTCLI_MAX_BYTES", "1000")
    result = cli("--data", str(dataset(GOOD + "#" * 2000 + "\n")), "list")
    assert result.exit_code == 3
    assert "too large" in result.stderr and "PACTCLI_MAX_BYTES" in result.stderr


def test_deep_nesting_does_not_crash_the_process(tmp_path: Path) -> None:
    """libyaml's composer can segfault on deep flow nesting: check in a real process."""
    path = tmp_path / "deep.yaml"
    path.write_text("agreements: " + "[" * 200_000 + "]" * 200_000 + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "pactcli", "--no-cache", "--data", str(path), "list"],
        capture_output=True,
        text=True,
        env=shell_env(),
        timeout=60,
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr


# --- the terminal is the user's -----------------------------------------------------------

HOSTILE_TEXT = [
    "[bold]markup[/]",
    "[link=file:///etc/passwd]click[/link]",
    "\x1b[2J\x1b[31mred",
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x9b31m C1 CSI",
    "right\u202eto-left",
    "zero\u200bwidth",
]


def _hostile_dataset(dataset: Callable[..., Path], text: str) -> Path:
    """Two records, the first with the hostile text in its name and summary."""
    escaped = json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar
    content = _replace("name: Alpha", f"name: {escaped}").replace("summary: A test record.", f"summary: {escaped}", 1)
    second = records_yaml({"id": "beta"}).split("agreements:\n", 1)[1]
    return dataset(content + second)


@pytest.mark.parametrize("text", HOSTILE_TEXT)
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--color", "always"],
        ["list"],
        ["show", "alpha", "--color", "always"],
        ["show", "alpha"],
        ["timeline", "--color", "always"],
        ["compare", "alpha", "beta", "--color", "always", "--width", "200"],
        ["compare", "alpha", "beta"],
        ["list", "--format", "csv"],
        ["list", "--format", "markdown"],
        ["list", "--format", "yaml"],
        ["list", "--json"],
        ["list", "--format", "jsonl"],
    ],
)
def test_data_text_never_reaches_the_terminal_raw(
    cli: Any, dataset: Callable[..., Path], text: str, args: list[str]
) -> None:
    path = _hostile_dataset(dataset, text)
    result = cli("--data", str(path), *args)
    assert result.exit_code == 0, result.stderr
    assert "alpha" in result.stdout  # the record was rendered, so the check below checks something
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # pactcli's own SGR styling only
    # and pactcli's own hyperlinks to the record's source URL (a hostile link elsewhere still fails)
    output = re.sub(r"\x1b\]8;[^;\x1b]*;(https://example\.org/alpha)?\x1b\\", "", output)
    assert not CONTROL.search(output), repr(output[:300])
    if text.startswith("[") and "yaml" not in args:
        assert text in result.stdout.replace("\\", "")  # markup printed literally


def test_json_output_round_trips_hostile_text(cli: Any, dataset: Callable[..., Path]) -> None:
    for text in HOSTILE_TEXT:
        result = cli("--data", str(_hostile_dataset(dataset, text)), "show", "alpha", "--json")
        assert json.loads(result.stdout)["name"] == text


def test_csv_defuses_formulas(cli: Any, dataset: Callable[..., Path]) -> None:
    path = dataset(_replace("name: Alpha", 'name: "=HYPERLINK(\\"http://x\\")"'))
    out = cli("--data", str(path), "list", "--format", "csv", "--fields", "id,name").stdout
    assert out.splitlines()[1].startswith("alpha,\"'=HYPERLINK")


@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "0"},
        {"COLUMNS": "garbage"},
        {"TERM": "dumb"},
        {"NO_COLOR": "1"},
        {"FORCE_COLOR": "0"},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
    ],
    ids=lambda e: "-".join(f"{k}={v}" for k, v in e.items()),
)
def test_odd_output_environments_end_cleanly(env: dict[str, str]) -> None:
    full = shell_env(env, warm=True)
    result = subprocess.run(
        [sys.executable, "-m", "pactcli", "show", "sosa"],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
        errors="replace",
    )
    assert result.returncode == 0, result.stderr
    assert "Vic Ramdass" in result.stdout
    assert "\x1b" not in result.stdout
    forced = subprocess.run(
        [sys.executable, "-m", "pactcli", "list", "--color", "always"],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
        errors="replace",
    )
    assert forced.returncode == 0 and "sosa" in forced.stdout  # a table, never an empty page


def test_closed_stdout_ends_cleanly() -> None:
    result = subprocess.run(
        f"'{sys.executable}' -m pactcli list --json >&-",
        shell=True,
        capture_output=True,
        text=True,
        env=shell_env(),
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode != 0
    assert "standard output is closed" in result.stderr
