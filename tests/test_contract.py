"""The output contract holds for every command, format and option: nothing ignored, nothing dropped.

Expected values come from an independent read of the dataset (plain ``yaml.safe_load``),
never from pactcli's own renderers.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pactcli.cli import run
from tests.conftest import shell_env

from .conftest import raw_records, records_yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = raw_records()
BY_ID = {r["id"]: r for r in RAW}
Invoke = Callable[..., Any]

WANTED = ("id", "date")


def _date(record: dict[str, Any]) -> str | None:
    value = record.get("date")
    return None if value is None else str(value)


def _year(record: dict[str, Any]) -> int | None:
    date = _date(record)
    return int(date[:4]) if date else None


# --- --fields in every view and format ------------------------------------------------------

#: Each record-printing command, with the ids it prints (from the raw data, not from pactcli).
VIEWS: dict[str, tuple[list[str], list[str]]] = {
    "list": (["list"], [r["id"] for r in RAW]),
    "timeline": (["timeline", "--since", "2016"], [r["id"] for r in RAW if (_year(r) or 0) >= 2016]),
    "search": (["search", "geospatial"], ["beca"]),
    "show-one": (["show", "sosa"], ["sosa"]),
    "show-two": (["show", "sosa", "lemoa"], ["sosa", "lemoa"]),
    "compare": (["compare", "lemoa", "comcasa"], ["lemoa", "comcasa"]),
    "compare-by": (["compare", "--by", "binding"], [r["id"] for r in RAW]),
}
#: How each output is asked for; the table is asked for piped (plain) and laid out (Rich).
FORMATS: dict[str, list[str]] = {
    "piped": [],
    "terminal": ["--width", "120", "--color", "always"],
    "json": ["--format", "json"],
    "jsonl": ["--format", "jsonl"],
    "csv": ["--format", "csv"],
    "yaml": ["--format", "yaml"],
    "markdown": ["--format", "markdown"],
}


def _records_in(parsed: Any) -> list[dict[str, Any]]:
    """Records from parsed JSON/YAML output, whatever its shape (object, array, groups)."""
    items = parsed if isinstance(parsed, list) else [parsed]
    if items and "records" in items[0]:
        return [record for group in items for record in group["records"]]
    return items


def _forbidden_texts(ids: list[str]) -> list[str]:
    """Text of fields that were not asked for, which must not appear."""
    texts = []
    for key in ids:
        record = BY_ID[key]
        texts += [record["name"][:25], record["summary"][:25], record["sources"][0]["url"]]
    return texts


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("view", VIEWS)
def test_fields_shows_exactly_those_fields(cli: Invoke, view: str, fmt: str) -> None:
    args, ids = VIEWS[view]
    result = cli(*args, *FORMATS[fmt], "--fields", ",".join(WANTED))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    expected = {(key, _date(BY_ID[key])) for key in ids}
    if fmt in ("json", "yaml"):
        records = _records_in(json.loads(out) if fmt == "json" else yaml.safe_load(out))
        assert all(list(r) == list(WANTED) for r in records)
        assert {(r["id"], r["date"]) for r in records} == expected
    elif fmt == "jsonl":
        records = _records_in([json.loads(line) for line in out.splitlines()])
        assert all(list(r) == list(WANTED) for r in records)
        assert {(r["id"], r["date"]) for r in records} == expected
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        header = rows[0]
        assert [h for h in header if h != "group"] == list(WANTED) or header[0] == "field"
    elif fmt == "markdown":
        assert "summary" not in out and "**name**" not in out and "| name" not in out
    if fmt in ("piped", "terminal", "markdown", "csv"):
        for text in _forbidden_texts(ids):
            assert text not in out, f"{text!r} shown although only {WANTED} were asked for"
        for key, signed in expected:
            assert key in out
            if signed:
                assert signed in out


def test_fields_in_a_piped_show_gives_only_those_lines(cli: Invoke) -> None:
    lines = cli("show", "sosa", "--fields", "id,signed").stdout.splitlines()
    assert lines == ["id\tsosa", "signed\t2024-08-22"]


def test_fields_in_a_piped_timeline_gives_only_those_columns(cli: Invoke) -> None:
    lines = cli("timeline", "--since", "2024", "--fields", "id,date").stdout.splitlines()
    expected = [
        f"{r['id']}\t{_date(r)}"
        for r in sorted((r for r in RAW if (_year(r) or 0) >= 2024), key=lambda r: (_date(r), r["id"]))
    ]
    assert lines == expected


def test_fields_in_a_show_panel_has_only_those_rows(cli: Invoke) -> None:
    out = cli("show", "sosa", "--fields", "signed,place", "--width", "100").stdout
    assert "Signed" in out and "Place" in out
    for label in ("Name", "Summary", "Sources", "Binding", "Kind"):
        assert label not in out


def test_fields_in_a_compare_table_has_only_those_rows(cli: Invoke) -> None:
    out = cli("compare", "lemoa", "comcasa", "--fields", "signed", "--width", "100").stdout
    rows = [line.split()[0] for line in out.splitlines() if line.strip() and not set(line.strip()) <= set("━─ ")]
    assert "signed" in rows
    assert not {"summary", "name", "kind", "binding"} & set(rows)


def test_chosen_columns_are_laid_out_without_squeezing(cli: Invoke) -> None:
    """A long text column wraps; short ones keep their width (the old grid used 110 lines a record)."""
    out = cli("list", "--fields", "id,name,summary", "--width", "100", "--color", "never").stdout
    lines = out.splitlines()
    assert len(lines) < 25 * len(RAW)
    for record in RAW:
        assert record["id"] in out  # ids are never folded across lines


# --- filters are complete: compared with an independent read of the data -------------------


def _binding_filter(value: bool | None) -> Callable[[dict[str, Any]], bool]:
    return lambda r: r["binding"] is value


FILTERS: list[tuple[list[str], Callable[[dict[str, Any]], bool]]] = [
    (["--since", "2016"], lambda r: (_year(r) or 0) >= 2016),
    (["--until", "2005"], lambda r: _year(r) is not None and _year(r) <= 2005),  # type: ignore[operator]
    # A date known only to the year may fall in the month asked for, so it matches.
    (
        ["--since", "2018-09", "--until", "2018-09"],
        lambda r: (_date(r) or "").startswith("2018-09") or _date(r) == "2018",
    ),
    (["--binding"], _binding_filter(True)),
    (["--non-binding"], _binding_filter(False)),
    (["--binding-unknown"], _binding_filter(None)),
    (["--non-binding", "--binding-unknown"], lambda r: r["binding"] is not True),
    (["--kind", "agreement"], lambda r: r["kind"] == "agreement"),
    (["--kind", "framework", "--kind", "roadmap"], lambda r: r["kind"] in ("framework", "roadmap")),
    (["--status", "in-force"], lambda r: r["status"] == "in-force"),
    (["--tag", "foundational"], lambda r: "foundational" in (r.get("tags") or [])),
    (["--party", "us"], lambda r: "US" in r["parties"]),
    (
        ["--signatory", "parrikar"],
        lambda r: any("parrikar" in s["name"].casefold() for s in r.get("signatories") or []),
    ),
]


@pytest.mark.parametrize(("args", "keep"), FILTERS, ids=[" ".join(a) for a, _ in FILTERS])
def test_filters_keep_every_matching_record_and_no_other(
    cli_json: Invoke, args: list[str], keep: Callable[[dict[str, Any]], bool]
) -> None:
    expected = sorted(r["id"] for r in RAW if keep(r))
    assert expected, "a filter test needs matching records"
    for command in ("list", "timeline"):
        assert sorted(r["id"] for r in cli_json(command, *args)) == expected


def test_every_record_is_listed(cli_json: Invoke) -> None:
    assert sorted(r["id"] for r in cli_json("list")) == sorted(BY_ID)


# --- output shape follows the arguments -------------------------------------------------------


def test_show_the_same_instrument_twice_is_still_an_array(cli_json: Invoke) -> None:
    result = cli_json("show", "sosa", "SOSA")
    assert isinstance(result, list)
    assert [r["id"] for r in result] == ["sosa"]


def test_compare_the_same_instrument_twice_is_a_usage_error(cli: Invoke) -> None:
    result = cli("compare", "sosa", "SOSA")
    assert result.exit_code == 2
    assert result.stderr.startswith("pactcli: error:")
    assert result.stdout == ""


def test_compare_keeps_a_semicolon_inside_prose(cli: Invoke, dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}).replace("A test record.", "First part; second part."))
    out = cli("--data", str(path), "compare", "alpha", "beta", "--fields", "summary", "--width", "200").stdout
    assert "First part; second part." in out
    piped = cli("--data", str(path), "compare", "alpha", "beta", "--fields", "summary").stdout
    assert piped == "summary\tFirst part; second part.\tFirst part; second part.\n"


# --- one definition of each thing -------------------------------------------------------------


def test_a_duplicate_id_fails_validation(cli: Invoke, dataset: Callable[..., Path]) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "alpha", "name": "Other"}))
    result = cli("validate", str(path))
    assert result.exit_code == 3
    assert "'alpha' is already used by record 'alpha'" in result.stdout
    shown = cli("--data", str(path), "show", "alpha")
    assert shown.exit_code == 3


def test_json_escapes_the_same_invisible_characters_as_text(cli: Invoke, dataset: Callable[..., Path]) -> None:
    hostile = "A\ufff9B\u202eC\u009bD"
    path = dataset(records_yaml({"id": "alpha", "name": '"A\\ufff9B\\u202eC\\u009bD"'}))  # YAML escapes
    out = cli("--data", str(path), "list", "--json").stdout
    for char in "\ufff9\u202e\u009b":
        assert char not in out
    assert json.loads(out)[0]["name"] == hostile
    assert "\\ufff9" in out


def test_json_is_strict_in_an_ascii_locale(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(records_yaml({"id": "alpha", "name": '"Math 𝔸 – test"'}), encoding="utf-8")
    env = shell_env({"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    for fmt in ("json", "jsonl"):
        result = subprocess.run(
            [sys.executable, "-m", "pactcli", "--data", str(data), "list", "--format", fmt],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode("ascii")
        first = json.loads(text.splitlines()[0] if fmt == "jsonl" else text)
        assert (first[0] if fmt == "json" else first)["name"] == "Math 𝔸 – test"


# --- one error style, one exit code per cause ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--no-such-option"],
        ["list", "--kind", "nope"],
        ["list", "--since", "20x"],
        ["show"],
        ["no-such-command"],
        ["list", "--fields", "nope"],
        ["compare", "lemoa"],
    ],
)
def test_every_usage_error_has_one_style_and_exit_2(cli: Invoke, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("pactcli: error: ")
    assert "Usage:" not in result.stderr
    assert result.stdout == ""


def test_a_missing_folder_for_svg_exits_4_naming_the_path(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "t.svg"
    result = cli("list", "--svg", str(target))
    assert result.exit_code == 4
    assert str(target) in result.stderr


# --- the entry point returns normally --------------------------------------------------------


def test_run_returns_the_exit_code_to_python(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["show", "sosa", "--json", "--fields", "id"]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": "sosa"}
    assert run(["show", "no-such-thing"]) == 1


def test_atexit_hooks_run_after_a_command(tmp_path: Path) -> None:
    probe = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: sys.stderr.write('atexit ran\\n'))\n"
        "sys.argv = ['pactcli', 'show', 'sosa', '--json']\n"
        "runpy.run_module('pactcli', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=shell_env(), timeout=60)
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "sosa"
    assert "atexit ran" in result.stderr


# --- flags combine as documented, in every command that takes them -----------------------------

BINDING_FLAGS = {"--binding": True, "--non-binding": False, "--binding-unknown": None}
FLAG_ORDERS = [list(order) for n in (1, 2, 3) for order in itertools.permutations(BINDING_FLAGS, n)]


def _selected(command: str, flags: list[str], cli: Invoke, cli_json: Invoke, tmp_path: Path) -> list[str]:
    """The ids a command selects with these flags, read from its own output."""
    if command == "stats":
        return [str(cli_json("stats", *flags)["total"])]
    if command == "export":
        path = tmp_path / f"{'-'.join(flags)}.db"
        assert cli("export", str(path), *flags).exit_code == 0
        return sorted(row[0] for row in sqlite3.connect(path).execute('SELECT id FROM "agreements"'))
    words = ["india"] if command == "search" else []
    return sorted(r["id"] for r in cli_json(command, *words, *flags))


@pytest.mark.parametrize("command", ["list", "timeline", "search", "stats", "export"])
def test_binding_flags_select_either_in_any_order(cli: Invoke, cli_json: Invoke, tmp_path: Path, command: str) -> None:
    searched = {r["id"] for r in cli_json("search", "india")}
    for flags in FLAG_ORDERS:
        wanted = {BINDING_FLAGS[flag] for flag in flags}
        expected = sorted(
            r["id"] for r in RAW if r["binding"] in wanted and (command != "search" or r["id"] in searched)
        )
        got = _selected(command, flags, cli, cli_json, tmp_path)
        assert got == ([str(len(expected))] if command == "stats" else expected), flags


PLAIN_FILTERS = [(args, keep) for args, keep in FILTERS if not args[0].startswith(("--binding", "--non-binding"))]


@pytest.mark.parametrize(
    ("first", "second"),
    list(itertools.combinations(range(len(PLAIN_FILTERS)), 2)),
    ids=[
        f"{' '.join(PLAIN_FILTERS[a][0])} + {' '.join(PLAIN_FILTERS[b][0])}"
        for a, b in itertools.combinations(range(len(PLAIN_FILTERS)), 2)
    ],
)
def test_different_filters_combine_as_both(cli_json: Invoke, first: int, second: int) -> None:
    (args_a, keep_a), (args_b, keep_b) = PLAIN_FILTERS[first], PLAIN_FILTERS[second]
    if {a for a in args_a if a.startswith("--")} & {b for b in args_b if b.startswith("--")}:
        pytest.skip("one option given twice: a repeatable one selects either value (tested above)")
    values = {option: value for option, value in itertools.pairwise([*args_a, *args_b]) if option.startswith("--")}
    if values.get("--since", "") > values.get("--until", "9999"):
        pytest.skip("a --since after the --until is refused (tested below)")
    expected = sorted(r["id"] for r in RAW if keep_a(r) and keep_b(r))
    for args in (args_a + args_b, args_b + args_a):
        result = cli_json("list", *args)
        assert sorted(r["id"] for r in result) == expected, args


# --- --json and --format: one format, never one silently dropped --------------------------------

FORMAT_COMMANDS = {
    "list": ["list"],
    "timeline": ["timeline"],
    "search": ["search", "india"],
    "show": ["show", "sosa"],
    "compare": ["compare", "lemoa", "beca"],
    "signatories": ["signatories"],
    "stats": ["stats"],
    "graph": ["graph", "sosa"],
    "cite": ["cite", "sosa"],
    "validate": ["validate"],
}


def test_every_command_with_json_is_covered(cli: Invoke) -> None:
    listed = cli("--help").stdout.split("Commands:")[1]
    commands = [line.split()[0] for line in listed.splitlines() if line.strip()]
    with_json = {name for name in commands if "--json" in cli(name, "--help").stdout}
    assert with_json == set(FORMAT_COMMANDS)


@pytest.mark.parametrize("args", FORMAT_COMMANDS.values(), ids=FORMAT_COMMANDS.keys())
def test_json_with_another_format_is_refused(cli: Invoke, args: list[str]) -> None:
    for order in (["--json", "--format", "table"], ["--format", "table", "--json"]):
        result = cli(*args, *order)
        assert result.exit_code == 2, order
        assert "--json" in result.stderr and "--format table" in result.stderr
        assert result.stdout == ""
    same = cli(*args, "--format", "json", "--json")
    assert same.exit_code == 0
    assert json.loads(same.stdout) == json.loads(cli(*args, "--json").stdout)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--since", "2020", "--until", "2010"], "--since 2020 is after --until 2010"),
        (["--since", "2020-06", "--until", "2020-05-31"], "--since 2020-06 is after --until 2020-05-31"),
        (["--signatory", "  "], "--signatory needs a name"),
    ],
)
@pytest.mark.parametrize("command", ["list", "timeline", "stats", "export"])
def test_filters_that_cannot_match_are_refused(
    cli: Invoke, tmp_path: Path, command: str, args: list[str], words: str
) -> None:
    target = [str(tmp_path / "out.db")] if command == "export" else []
    result = cli(command, *target, *args)
    assert result.exit_code == 2
    assert words in result.stderr and result.stdout == ""
    assert not (tmp_path / "out.db").exists()


def test_a_range_of_one_period_is_not_refused(cli_json: Invoke) -> None:
    within = sorted(r["id"] for r in RAW if (_year(r) or 0) == 2020)
    assert within and sorted(r["id"] for r in cli_json("list", "--since", "2020", "--until", "2020")) == within


@pytest.mark.parametrize(
    ("short", "kind"),
    [
        ("MoU", "memorandum-of-understanding"),
        ("moa", "memorandum-of-agreement"),
        ("MOI", "memorandum-of-intent"),
        ("statement", "joint-statement"),
    ],
)
def test_kind_takes_the_short_forms_tables_print(cli_json: Invoke, short: str, kind: str) -> None:
    expected = sorted(r["id"] for r in RAW if r["kind"] == kind)
    assert expected and sorted(r["id"] for r in cli_json("list", "--kind", short)) == expected
