"""Every command and format through the real Typer app (CliRunner)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from pactcli.core.fields import FIELDS
from tests.conftest import records_yaml

Invoke = Callable[..., Any]
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_version(cli: Invoke) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"pactcli \d+\.\d+\.\d+\n", result.stdout)


def test_no_command_prints_an_overview(cli: Invoke) -> None:
    result = cli()
    assert result.exit_code == 0
    assert "pactcli show sosa" in result.stdout
    assert re.search(r"\d+ India–US defence instruments", result.stdout)


@pytest.mark.parametrize("command", ["list", "show", "timeline", "compare", "validate"])
def test_every_command_has_help_with_examples(cli: Invoke, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"pactcli {command}" in result.stdout


# --- list ---------------------------------------------------------------------------------


def test_list_json_has_every_field_in_schema_order(cli_json: Invoke) -> None:
    records = cli_json("list")
    assert len(records) >= 35
    for record in records:
        assert tuple(record) == FIELDS


def test_list_json_dates_keep_precision_and_year_is_an_integer(cli_json: Invoke) -> None:
    for record in cli_json("list"):
        assert record["signed"] in (None, record["date"])
        assert (record["signed"] is None) is (record["date_kind"] != "signed")
        if record["date"] is None:
            assert record["year"] is None
            continue
        assert DATE_RE.match(record["date"])
        assert record["year"] == int(record["date"][:4])


def test_list_is_sorted_by_date_with_undated_last(cli_json: Invoke) -> None:
    dates = [r["date"] for r in cli_json("list")]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))


def test_since_and_until_filter_by_year(cli_json: Invoke) -> None:
    records = cli_json("list", "--since", "2016", "--until", "2019")
    assert records
    assert all(2016 <= r["year"] <= 2019 for r in records)
    assert {"lemoa", "comcasa"} <= {r["id"] for r in records}
    assert "beca" not in {r["id"] for r in records}


def test_binding_and_non_binding_are_disjoint(cli_json: Invoke) -> None:
    binding = cli_json("list", "--binding")
    non_binding = cli_json("list", "--non-binding")
    assert all(r["binding"] is True for r in binding)
    assert all(r["binding"] is False for r in non_binding)
    assert "sosa" in {r["id"] for r in non_binding}


@pytest.mark.parametrize(
    ("option", "value", "check"),
    [
        ("--kind", "framework", lambda r: r["kind"] == "framework"),
        ("--status", "under-negotiation", lambda r: r["status"] == "under-negotiation"),
        ("--tag", "supply-chain", lambda r: "supply-chain" in r["tags"]),
        ("--signatory", "rajnath", lambda r: any("Rajnath" in s["name"] for s in r["signatories"])),
        ("--party", "in", lambda r: "IN" in r["parties"]),
    ],
)
def test_list_filters(cli_json: Invoke, option: str, value: str, check: Callable[[dict[str, Any]], bool]) -> None:
    records = cli_json("list", option, value)
    assert records
    assert all(check(r) for r in records)


def test_an_empty_result_is_success(cli_json: Invoke) -> None:
    assert cli_json("list", "--since", "1900", "--until", "1901") == []


def test_piped_table_is_one_line_per_record_without_escape_codes(cli: Invoke, cli_json: Invoke) -> None:
    result = cli("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(cli_json("list"))
    assert "\x1b" not in result.stdout
    sosa = next(line for line in lines if "\tsosa\t" in line)
    assert sosa.split("\t")[0] == "2024-08-22"


def test_table_on_a_forced_terminal_is_coloured_and_holds_every_id(cli: Invoke, cli_json: Invoke) -> None:
    result = cli("list", "--color", "always", "--width", "160")
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    for record in cli_json("list"):
        assert record["id"] in result.stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "yaml", "markdown", "table"])
def test_every_format_lists_every_record(cli: Invoke, cli_json: Invoke, fmt: str) -> None:
    ids = [r["id"] for r in cli_json("list")]
    result = cli("list", "--format", fmt)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "json":
        parsed = [r["id"] for r in json.loads(out)]
    elif fmt == "jsonl":
        parsed = [json.loads(line)["id"] for line in out.splitlines()]
    elif fmt == "csv":
        parsed = [row["id"] for row in csv.DictReader(io.StringIO(out))]
    elif fmt == "yaml":
        parsed = [r["id"] for r in yaml.safe_load(out)]
    elif fmt == "markdown":
        parsed = [line.split("|")[1].strip().replace("\\", "") for line in out.splitlines()[2:]]
    else:
        parsed = [line.split("\t")[1] for line in out.splitlines()]
    assert parsed == ids


def test_fields_picks_and_orders_fields(cli_json: Invoke) -> None:
    records = cli_json("list", "--fields", "date_kind,date,id")
    assert all(list(r) == ["date_kind", "date", "id"] for r in records)


def test_unknown_field_exits_2_and_lists_valid_ones(cli: Invoke) -> None:
    result = cli("list", "--json", "--fields", "id,nme")
    assert result.exit_code == 2
    assert "'nme'" in result.stderr
    assert all(name in result.stderr for name in FIELDS)
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args", [["list", "--since", "2016-13"], ["list", "--kind", "treatyy"], ["list", "--bogus"], ["nosuch"]]
)
def test_bad_usage_exits_2(cli: Invoke, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


# --- show ---------------------------------------------------------------------------------


def test_show_one_is_an_object_with_the_recorded_facts(cli_json: Invoke) -> None:
    sosa = cli_json("show", "sosa")
    assert isinstance(sosa, dict)
    assert (sosa["signed"], sosa["year"], sosa["binding"]) == ("2024-08-22", 2024, False)
    assert {s["name"] for s in sosa["signatories"]} == {"Vic Ramdass", "Samir Kumar Sinha"}
    assert all(s["url"].startswith("http") for s in sosa["sources"])


def test_show_several_is_an_array_in_the_order_asked(cli_json: Invoke) -> None:
    assert [r["id"] for r in cli_json("show", "beca", "LEMOA")] == ["beca", "lemoa"]


@pytest.mark.parametrize("key", ["SOSA", "sosa", "Sosa", "security-of-supply-arrangement"])
def test_show_accepts_id_acronym_or_alias_in_any_case(cli_json: Invoke, key: str) -> None:
    assert cli_json("show", key)["id"] == "sosa"


def test_show_unknown_id_exits_1_with_a_suggestion(cli: Invoke) -> None:
    result = cli("show", "sossa")
    assert result.exit_code == 1
    assert "did you mean 'sosa'" in result.stderr
    assert result.stdout == ""


def test_ids_joined_by_commas_are_told_to_come_apart(cli: Invoke) -> None:
    result = cli("show", "lemoa,COMCASA")
    assert result.exit_code == 1
    assert "give each id as its own argument: lemoa COMCASA" in result.stderr
    assert "give each id" not in cli("show", "lemoa,nosuch").stderr  # only when every part is known


def test_show_table_prints_every_section(cli: Invoke) -> None:
    result = cli("show", "sosa", "--color", "always", "--width", "120")
    assert result.exit_code == 0
    for text in (
        "Security of Supply Arrangement",
        "2024-08-22",
        "day precision",
        "Vic Ramdass",
        "non-binding",
        "Sources",
        "https://",
    ):
        assert text in result.stdout


def test_show_piped_has_a_line_per_field(cli: Invoke) -> None:
    lines = cli("show", "sosa").stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == list(FIELDS)


def test_show_markdown_has_a_heading(cli: Invoke) -> None:
    assert cli("show", "sosa", "--format", "markdown").stdout.startswith("## Security of Supply Arrangement")


# --- timeline -----------------------------------------------------------------------------


def test_timeline_since_keeps_order_and_range(cli_json: Invoke) -> None:
    records = cli_json("timeline", "--since", "2016")
    assert records and all(r["year"] >= 2016 for r in records)
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)


def test_timeline_terminal_groups_by_year_and_marks_binding(cli: Invoke) -> None:
    out = cli("timeline", "--since", "2016", "--until", "2018", "--color", "always", "--width", "120").stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain.index("2016") < plain.index("lemoa") < plain.index("2018") < plain.index("comcasa")
    assert "○ non-binding" in plain  # the legend


# --- compare ------------------------------------------------------------------------------


def test_compare_json_is_the_records(cli_json: Invoke) -> None:
    assert [r["id"] for r in cli_json("compare", "lemoa", "comcasa", "beca")] == ["lemoa", "comcasa", "beca"]


def test_compare_only_diff_drops_equal_fields(cli_json: Invoke) -> None:
    records = cli_json("compare", "lemoa", "comcasa", "--only-diff")
    assert "parties" not in records[0]  # both are [IN, US]
    assert "date" in records[0]


def test_compare_table_marks_differing_rows(cli: Invoke) -> None:
    lines = cli("compare", "lemoa", "comcasa", "--width", "120").stdout.splitlines()
    assert any(line.split()[:2] == ["date", "*"] for line in lines if line.strip())
    assert any(line.split()[:1] == ["parties"] and "*" not in line for line in lines)


def test_compare_piped_is_plain_tab_separated_without_decoration(cli: Invoke) -> None:
    lines = cli("compare", "lemoa", "comcasa").stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == list(FIELDS)
    assert not any("*" in line.split("\t")[0] for line in lines)


def test_compare_needs_two_ids(cli: Invoke) -> None:
    result = cli("compare", "lemoa")
    assert result.exit_code == 2
    assert "at least two" in result.stderr


def test_compare_unknown_id_exits_1(cli: Invoke) -> None:
    assert cli("compare", "lemoa", "nope").exit_code == 1


@pytest.mark.parametrize("key", ["binding", "kind", "status", "decade", "signatory"])
def test_compare_by_groups_every_record_once(cli: Invoke, cli_json: Invoke, key: str) -> None:
    groups = cli_json("compare", "--by", key)
    ids = sorted(r["id"] for g in groups for r in g["records"])
    if key != "signatory":  # a record with two signatories is in two groups
        assert ids == sorted(r["id"] for r in cli_json("list"))
    assert all(g["count"] == len(g["records"]) for g in groups)


def test_compare_by_binding_puts_sosa_with_non_binding(cli_json: Invoke) -> None:
    groups = {g["group"]: [r["id"] for r in g["records"]] for g in cli_json("compare", "--by", "binding")}
    assert "sosa" in groups["non-binding"]


# --- data selection and errors ------------------------------------------------------------


def test_data_option_and_environment_variable(
    cli: Invoke, dataset: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = dataset(records_yaml({"id": "alpha"}, {"id": "beta"}))
    result = cli("--data", str(path), "list", "--json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["alpha", "beta"]
    monkeypatch.setenv("PACTCLI_DATA", str(path))
    assert json.loads(cli("show", "beta", "--json").stdout)["id"] == "beta"


def test_missing_dataset_exits_3_naming_the_file(cli: Invoke, tmp_path: Any) -> None:
    result = cli("--data", str(tmp_path / "nope.yaml"), "list")
    assert result.exit_code == 3
    assert "nope.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_lists_every_problem_with_location(cli: Invoke, dataset: Callable[..., Any]) -> None:
    text = records_yaml({"id": "alpha", "binding": "binding"}, {"id": "beta", "date": "2024-02-30"})
    result = cli("validate", str(dataset(text)))
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert re.match(r".*data\.yaml:\d+:\d+: record 'alpha', field 'legal_character'", lines[0])
    assert "2024-02-30" in lines[1]


def test_validate_json(cli: Invoke) -> None:
    result = cli("validate", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["valid"] is True and payload["records"] >= 35


def test_a_narrow_terminal_stacks_each_record_facts_under_its_name(cli: Invoke) -> None:
    out = re.sub(r"\x1b\[[0-9;]*m", "", cli("list", "--color", "always", "--width", "80").stdout)
    lines = out.splitlines()
    assert "Instrument · kind · binding · status" in lines[0]
    assert max(len(line) for line in lines) <= 80
    lemoa = next(i for i, line in enumerate(lines) if "lemoa " in line)
    assert "memorandum-of-agreement · " in "\n".join(lines[lemoa : lemoa + 3])


def test_show_says_how_recent_a_status_from_a_source_is(cli: Invoke) -> None:
    from tests.conftest import raw_records

    def show(*ids: str) -> str:
        return " ".join(cli("show", *ids, "--fields", "status", "--width", "200", "--color", "never").stdout.split())

    undated = []
    for record in raw_records():
        dates = [str(s["date"]) for s in record["sources"] if "status" in s["supports"] and s.get("date")]
        if record.get("status_basis") == "source" and dates:
            assert f"(stated by a source; latest dated source {max(dates)})" in show(record["id"]), record["id"]
        else:
            undated.append(record["id"])
    assert len(undated) < 60 and "latest dated source" not in show(*undated)
