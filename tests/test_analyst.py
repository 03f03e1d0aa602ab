"""The analyst's path: finding an instrument, filtering, every example working, the Python API."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pactcli import load
from pactcli.cli import COMMANDS
from pactcli.core.model import PartialDate
from tests.conftest import raw_records

ROOT = Path(__file__).resolve().parents[1]
RAW = raw_records()
Invoke = Callable[..., Any]


# --- every example in every --help and in the overview returns something ------------------------


def _examples(text: str) -> list[str]:
    return re.findall(r"^\s+(pactcli .+)$", text.split("Examples:", 1)[-1], re.MULTILINE)


def _all_examples() -> list[str]:
    from typer.testing import CliRunner

    from pactcli.cli import app

    runner = CliRunner()
    found = _examples(runner.invoke(app, []).stdout)  # the overview
    found += _examples(runner.invoke(app, ["--help"]).stdout)
    for command in COMMANDS:
        found += _examples(runner.invoke(app, [command, "--help"]).stdout)
    return list(dict.fromkeys(found))


EXAMPLES = _all_examples()


def test_the_main_help_has_examples() -> None:
    from typer.testing import CliRunner

    from pactcli.cli import app

    assert len(_examples(CliRunner().invoke(app, ["--help"]).stdout)) >= 3


def test_examples_were_found_for_every_command() -> None:
    for command in COMMANDS:
        assert any(example.split()[1] == command for example in EXAMPLES), command


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_returns_something(
    cli: Invoke, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    command = re.split(r"\s(?:[|>]|&&)\s", example)[0]  # the pactcli part of a pipeline or redirection
    result = cli(*shlex.split(command)[1:])
    assert result.exit_code == 0, f"{example}: {result.stderr}"
    said = result.stderr.startswith(("pactcli: ok", "pactcli: wrote"))  # validate and export report on stderr
    assert result.stdout.strip() or said, example


# --- finding an instrument --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2015 Framework for the India-U.S. Defense Relationship",
        "  2015 framework for the INDIA-U.S.   defense relationship ",
    ],
)
def test_a_full_name_finds_the_instrument_in_any_case_and_spacing(cli_json: Invoke, typed: str) -> None:
    assert cli_json("show", typed)["id"] == "framework-2015"


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Framework for the India-U.S. Defense Relationship 2015", "framework-2015"),
        ("framework for the us india major defence partnershp", "framework-2025"),
        ("lemao", "lemoa"),
        ("sossa", "sosa"),
    ],
)
def test_suggestions_put_the_closest_instrument_first(cli: Invoke, typed: str, first: str) -> None:
    result = cli("show", typed)
    assert result.exit_code == 1
    assert f"did you mean '{first}'" in result.stderr


def test_search_suggests_a_known_word_for_a_typo(cli: Invoke) -> None:
    result = cli("search", "lemao")
    assert result.exit_code == 1
    assert "did you mean 'LEMOA'" in result.stderr


def test_search_says_when_filters_removed_every_hit(cli: Invoke) -> None:
    result = cli("search", "geospatial", "--until", "2010")
    assert result.exit_code == 1
    assert "match 'geospatial', but none passes the filters (--until 2010)" in result.stderr


def test_signatories_suggest_a_close_name(cli: Invoke) -> None:
    result = cli("signatories", "parikar")
    assert result.exit_code == 1
    assert "did you mean 'Manohar Parrikar'" in result.stderr


@pytest.mark.parametrize(
    ("option", "typed", "suggested"),
    [
        ("--tag", "foundationl", "foundational"),
        ("--kind", "agrement", "agreement"),
        ("--status", "inforce", "in-force"),
    ],
)
def test_an_unknown_filter_value_exits_2_with_the_closest(cli: Invoke, option: str, typed: str, suggested: str) -> None:
    result = cli("list", option, typed)
    assert result.exit_code == 2
    assert f"did you mean '{suggested}'" in result.stderr
    assert result.stdout == ""


def test_an_unknown_party_exits_2(cli: Invoke) -> None:
    result = cli("list", "--party", "XX")
    assert result.exit_code == 2
    assert "Valid values: IN, US" in result.stderr


# --- filtering --------------------------------------------------------------------------------


def test_all_three_binding_states_can_be_selected(cli_json: Invoke) -> None:
    by_state = {
        flag: sorted(r["id"] for r in cli_json("list", flag))
        for flag in ("--binding", "--non-binding", "--binding-unknown")
    }
    assert by_state["--binding-unknown"] == sorted(r["id"] for r in RAW if r["binding"] is None)
    assert sorted(key for ids in by_state.values() for key in ids) == sorted(r["id"] for r in RAW)
    both = sorted(r["id"] for r in cli_json("list", "--binding", "--binding-unknown"))
    assert both == sorted(by_state["--binding"] + by_state["--binding-unknown"])


def test_an_empty_result_piped_prints_nothing_and_succeeds(cli: Invoke) -> None:
    result = cli("list", "--since", "2025", "--until", "2025", "--kind", "treaty")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_an_empty_result_on_a_terminal_says_so_naming_the_filters(cli: Invoke) -> None:
    result = cli("list", "--kind", "treaty", "--since", "2020", "--width", "100")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No instruments match --since 2020 --kind treaty.\n"


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_work_before_or_after_the_command(cli: Invoke, dataset: Callable[..., Path], where: str) -> None:
    from .conftest import records_yaml

    path = str(dataset(records_yaml({"id": "alpha"})))
    options = ["--data", path, "--no-cache", "--width", "90", "--color", "never"]
    args = [*options, "list", "--json"] if where == "before" else ["list", "--json", *options]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in yaml.safe_load(result.stdout)] == ["alpha"]


def test_a_data_error_hint_names_the_file(cli: Invoke, dataset: Callable[..., Path]) -> None:
    text = "schema_version: 1\nagreements:\n" + "".join(f"  - id: bad{i}\n" for i in range(7))
    path = dataset(text)
    result = cli("--data", str(path), "list")
    assert result.exit_code == 3
    assert f"run 'pactcli validate {path}'" in result.stderr


# --- the Python API ---------------------------------------------------------------------------


def test_load_takes_a_year_as_an_int() -> None:
    assert [a.id for a in load(since=2024)] == [a.id for a in load(since="2024")]
    assert all(a.year and a.year >= 2024 for a in load(since=2024))


def test_load_takes_binding_unknown() -> None:
    assert sorted(a.id for a in load(binding="unknown")) == sorted(r["id"] for r in RAW if r["binding"] is None)


def test_load_rejects_an_unknown_filter_naming_the_valid_ones() -> None:
    with pytest.raises(TypeError, match=r"unknown filter.*sinse.*valid filters: since, until"):
        load(sinse=2016)


def test_partial_dates_sort_by_what_is_known() -> None:
    dates = [PartialDate.parse(t) for t in ("2016-08-29", "2016", "2015-12", "2016-08")]
    assert [str(d) for d in sorted(dates)] == ["2015-12", "2016", "2016-08", "2016-08-29"]
    assert PartialDate(2016) < PartialDate(2016, 1)


# --- reading on a terminal ----------------------------------------------------------------------


def test_timeline_kind_column_is_aligned_across_years(cli: Invoke) -> None:
    out = re.sub(r"\x1b\[[0-9;]*m", "", cli("timeline", "--since", "2015", "--width", "160").stdout)
    starts = set()
    for record in RAW:
        year = int(record["date"][:4]) if record["date"] is not None else 0
        if year < 2015:
            continue
        for line in out.splitlines():
            if record["id"] + " " in line and line.rstrip().endswith(record["kind"]):
                starts.add(line.rstrip().rindex(record["kind"]))
    assert len(starts) == 1, starts


def test_stats_by_year_counts_quiet_years_as_zero(cli_json: Invoke) -> None:
    by_year = cli_json("stats")["by_year"]
    years = sorted(int(r["date"][:4]) for r in RAW if r["date"] is not None)
    assert list(by_year) == [str(y) for y in range(years[0], years[-1] + 1)]
    assert by_year["2007"] == sum(1 for y in years if y == 2007)
    assert sum(by_year.values()) == len(years)


def test_graph_labels_do_not_repeat_a_year_the_name_holds(cli: Invoke) -> None:
    mermaid = cli("graph", "framework-2025", "--format", "mermaid", "--depth", "2").stdout
    label = next(line for line in mermaid.splitlines() if "n_framework_2015[" in line)
    assert label.split("[", 1)[1].count("2015") == 1
    sosa = next(line for line in cli("graph", "sosa", "--format", "mermaid").stdout.splitlines() if "n_sosa[" in line)
    assert "2024" in sosa  # a name without its year gets it once
