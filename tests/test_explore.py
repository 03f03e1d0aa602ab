"""search, signatories, stats, graph, schema, completion, exports, colour and the Python API."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pactcli.output.env import ColorChoice, decide_color, decide_width
from tests.conftest import raw_records, shell_env
from tests.test_docs import COMMANDS
from tests.test_subprocess import PACTCLI

RAW = raw_records()
Invoke = Callable[..., Any]


# --- search -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [("supply chain", "sosa"), ("geospatial", "beca"), ("Hegseth", "framework-2025"), ("logistics", "lemoa")],
)
def test_search_finds_the_instrument(cli_json: Invoke, query: str, expected: str) -> None:
    ids = [r["id"] for r in cli_json("search", *query.split())]
    assert expected in ids[:3]


def test_search_ranks_a_name_hit_above_a_passing_mention(cli_json: Invoke) -> None:
    ids = [r["id"] for r in cli_json("search", "logistics")]
    assert ids[0] == "lemoa"


def test_search_with_no_hit_exits_1_with_a_hint(cli: Invoke) -> None:
    result = cli("search", "zzzzqqq")
    assert result.exit_code == 1
    assert "nothing matches" in result.stderr and "pactcli list" in result.stderr


def test_search_takes_the_list_filters(cli_json: Invoke) -> None:
    records = cli_json("search", "framework", "--since", "2015")
    assert records and all(r["year"] >= 2015 for r in records)


def test_search_highlights_matches_on_a_terminal(cli: Invoke) -> None:
    out = cli("search", "geospatial", "--color", "always", "--width", "120").stdout
    assert "\x1b[7m" in out  # reverse video on the matched word


# --- signatories --------------------------------------------------------------------------


def test_signatories_lists_each_person_with_what_they_signed(cli_json: Invoke) -> None:
    people = {p["name"]: p for p in cli_json("signatories")}
    assert {"Vic Ramdass", "Samir Kumar Sinha", "Rajnath Singh", "Pete Hegseth"} <= set(people)
    assert "sosa" in [i["id"] for i in people["Vic Ramdass"]["instruments"]]
    assert people["Pete Hegseth"]["country"] == "US"


def test_signatories_by_partial_name(cli_json: Invoke) -> None:
    people = cli_json("signatories", "HEGS")
    assert [p["name"] for p in people] == ["Pete Hegseth"]


def test_unknown_signatory_exits_1(cli: Invoke) -> None:
    assert cli("signatories", "nobody-at-all").exit_code == 1


# --- stats --------------------------------------------------------------------------------


def test_stats_numbers_agree_with_the_list(cli_json: Invoke) -> None:
    numbers = cli_json("stats")
    records = cli_json("list")
    assert numbers["total"] == len(records)
    assert sum(numbers["by_year"].values()) + numbers["undated"] == len(records)
    assert sum(numbers["by_date_kind"].values()) == len(records) - numbers["undated"]
    assert sum(numbers["by_character"].values()) == sum(numbers["by_status"].values()) == len(records)
    assert numbers["by_status"]["unknown"] == sum(1 for r in records if r["status"] is None)
    assert sum(numbers["by_kind"].values()) == len(records)
    assert numbers["by_binding"]["non-binding"] == sum(1 for r in records if r["binding"] is False)


def test_stats_takes_filters(cli_json: Invoke) -> None:
    assert cli_json("stats", "--since", "2016")["total"] == len(cli_json("list", "--since", "2016"))


def test_stats_draws_bars(cli: Invoke) -> None:
    assert "█" in cli("stats", "--color", "always").stdout


# --- graph --------------------------------------------------------------------------------


def test_graph_json_edges_point_at_nodes(cli_json: Invoke) -> None:
    graph = cli_json("graph")
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"]
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert {"source": "framework-2025", "target": "framework-2015", "relation": "renews"} in graph["edges"]


def test_graph_neighbourhood_of_one_instrument(cli_json: Invoke) -> None:
    ids = {n["id"] for n in cli_json("graph", "framework-2025")["nodes"]}
    assert {"framework-2025", "framework-2015"} <= ids
    assert "framework-2005" not in ids  # two steps away
    assert "framework-2005" in {n["id"] for n in cli_json("graph", "framework-2025", "--depth", "2")["nodes"]}


def test_graph_mermaid_and_dot(cli: Invoke) -> None:
    mermaid = cli("graph", "sosa", "--format", "mermaid").stdout
    assert mermaid.startswith("graph LR\n") and "-->|implements|" in mermaid
    dot = cli("graph", "sosa", "--format", "dot").stdout
    assert dot.startswith("digraph pactcli {") and dot.rstrip().endswith("}")
    assert '"sosa" -> ' in dot


def test_graph_tree_on_a_terminal(cli: Invoke) -> None:
    out = cli("graph", "framework-2025", "--color", "never", "--width", "120").stdout
    assert "renews → 2015 Framework" in out


def test_graph_unknown_id_exits_1(cli: Invoke) -> None:
    assert cli("graph", "nope").exit_code == 1


def test_graph_bad_format_exits_2(cli: Invoke) -> None:
    assert cli("graph", "--format", "png").exit_code == 2


# --- schema, completion, exports ----------------------------------------------------------


def test_schema_prints_valid_json_schema(cli: Invoke) -> None:
    record = json.loads(cli("schema").stdout)
    data_file = json.loads(cli("schema", "--data-file").stdout)
    assert record["$schema"].endswith("2020-12/schema")
    assert "agreements" in data_file["properties"]


def _complete(words: str, env_extra: dict[str, str] | None = None) -> list[str]:
    env = {
        **shell_env(),
        "_PACTCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        **(env_extra or {}),
    }
    result = subprocess.run([PACTCLI], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_of_ids_for_show_compare_and_graph() -> None:
    assert "sosa" in _complete("pactcli show so")
    assert set(_complete("pactcli compare lemoa co")) >= {"comcasa"}
    assert "framework-2025" in _complete("pactcli graph framework-20")


def test_completion_of_kind_and_tag_values() -> None:
    assert set(_complete("pactcli list --kind memorandum-of-")) == {
        "memorandum-of-agreement",
        "memorandum-of-understanding",
        "memorandum-of-intent",
    }
    assert "supply-chain" in _complete("pactcli list --tag supp")


@pytest.mark.parametrize(
    "command", [["list"], ["show", "sosa"], ["timeline", "--since", "2016"], ["compare", "lemoa", "comcasa"], ["stats"]]
)
def test_svg_and_html_exports_save_what_the_terminal_shows(cli: Invoke, tmp_path: Path, command: list[str]) -> None:
    svg, html = tmp_path / "out.svg", tmp_path / "out.html"
    result = cli(*command, "--svg", str(svg), "--html", str(html), "--width", "120")
    assert result.exit_code == 0, result.stderr
    assert svg.read_text().lstrip().startswith("<svg")
    assert "<html" in html.read_text()
    first_word = next(word for word in result.stdout.split() if word.isalpha() and len(word) > 3)
    assert first_word in html.read_text()


def test_svg_with_json_is_a_usage_error(cli: Invoke, tmp_path: Path) -> None:
    assert cli("list", "--json", "--svg", str(tmp_path / "x.svg")).exit_code == 2


# --- colour and width ----------------------------------------------------------------------


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        (ColorChoice.AUTO, {}, True, True),
        (ColorChoice.AUTO, {}, False, False),
        (ColorChoice.AUTO, {"TERM": "dumb"}, True, False),
        (ColorChoice.AUTO, {"NO_COLOR": "1"}, True, False),
        (ColorChoice.AUTO, {"FORCE_COLOR": "1"}, False, True),
        (ColorChoice.AUTO, {"FORCE_COLOR": "0"}, False, False),
        (ColorChoice.AUTO, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        (ColorChoice.ALWAYS, {"NO_COLOR": "1"}, False, True),
        (ColorChoice.NEVER, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_precedence(choice: ColorChoice, env: dict[str, str], tty: bool, expected: bool) -> None:
    assert decide_color(choice, _Stream(tty), {"TERM": "xterm", **env}) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("columns", "expected"), [("0", 100), ("garbage", 100), ("", 100), ("150", 150)])
def test_width_ignores_bad_columns(columns: str, expected: int) -> None:
    assert decide_width(None, _Stream(False), {"COLUMNS": columns}) == expected  # type: ignore[arg-type]


def test_width_option_lays_out_the_table(cli: Invoke) -> None:
    out = cli("list", "--color", "always", "--width", "70").stdout
    assert max(len(line) for line in __import__("re").sub(r"\x1b\[[0-9;]*m", "", out).splitlines()) <= 70


# --- Python API and overview ---------------------------------------------------------------


def test_python_api_as_a_script_uses_it() -> None:
    script = (
        "from pactcli import load\n"
        "from pactcli.core.model import Agreement\n"
        "binding = load(binding=False, since='2016')\n"
        "assert binding and all(isinstance(a, Agreement) and a.binding is False and a.year >= 2016 for a in binding)\n"
        "sosa = next(a for a in load() if a.id == 'sosa')\n"
        "print(sosa.signed, sosa.label)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=shell_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2024-08-22 SOSA"


def test_python_api_is_frozen(tmp_path: Path) -> None:
    from dataclasses import FrozenInstanceError

    from pactcli import load

    agreement = load()[0]
    with pytest.raises(FrozenInstanceError):
        agreement.name = "changed"  # type: ignore[misc]


def test_overview_names_the_span_and_every_command(cli: Invoke, cli_json: Invoke) -> None:
    out = cli().stdout
    for command in COMMANDS:
        assert f"pactcli {command}" in out
    first_year = min(r["year"] for r in cli_json("list") if r["year"])
    assert f"dated {first_year}–" in out and "sources up to" in out


def test_completion_of_ids_ignores_case_and_dashes() -> None:
    assert "LEMOA" in _complete("pactcli show LEM")
    assert "CoMcasa" in _complete("pactcli show CoMc")  # the shell keeps only words that begin as typed
    assert {"Framework_2015", "Framework_2025"} <= set(_complete("pactcli show Framework_20"))


# --- finding things the way people ask --------------------------------------------------------


@pytest.mark.parametrize(("plural", "singular"), [("jet engines", "jet engine"), ("ships repairs", "ship repair")])
def test_search_finds_word_forms(cli_json: Invoke, plural: str, singular: str) -> None:
    assert {r["id"] for r in cli_json("search", *plural.split())} == {
        r["id"] for r in cli_json("search", *singular.split())
    }
    assert cli_json("search", *plural.split())


def test_search_help_names_every_field_it_searches(cli: Invoke) -> None:
    from pactcli.core.search import WEIGHTS

    help_text = " ".join(cli("search", "--help").stdout.split())
    assert all(f" {field}," in help_text or f" {field}." in help_text for field in WEIGHTS)


def test_a_search_hit_says_which_field_matched(cli: Invoke) -> None:
    out = cli("search", "jet", "engines", "--width", "160", "--color", "never").stdout
    first = next(line for line in out.splitlines() if "jwg-jet-engine" in line)
    assert "name" in first.split("  ")[-1]


def test_piped_search_ends_each_line_with_the_fields_that_matched(cli: Invoke) -> None:
    lines = cli("search", "jet", "engines").stdout.splitlines()
    assert lines
    for line in lines:
        cells = line.split("\t")
        record = next(r for r in RAW if r["id"] == cells[1])
        matched = cells[-1].split("; ")
        texts = {field: json.dumps(record.get(field)).lower() for field in matched}
        assert matched and all("jet" in text or "engine" in text for text in texts.values()), line
    assert cli("search", "jet", "engines", "--fields", "id").stdout.split() == [line.split("\t")[1] for line in lines]


def test_signatories_match_titles(cli_json: Invoke) -> None:
    raw = [p for r in RAW for p in r.get("signatories") or []]
    wanted = {p["name"] for p in raw if "secretary of defense" in (p.get("title") or "").lower()}
    assert wanted
    assert {p["name"] for p in cli_json("signatories", "Secretary of Defense")} == wanted


def test_stats_groups_years_without_records_and_says_so(cli: Invoke, cli_json: Invoke) -> None:
    by_year = cli_json("stats")["by_year"]
    out = cli("stats", "--width", "100", "--color", "never").stdout
    section = out.split("By year", 1)[1].split("By decade", 1)[0]
    rows = [line.split() for line in section.splitlines() if re.match(r"\s*\d{4}", line)]
    counts = [int(row[1]) for row in rows]
    assert "grouped" in section
    assert sum(counts) == sum(by_year.values())
    assert not any(a == b == 0 for a, b in itertools.pairwise(counts))  # no two empty rows in a row
    assert len(rows) < len(by_year)
    covered = [year for row in rows for year in range(int(row[0][:4]), int(row[0][-4:]) + 1)]
    assert covered == [int(year) for year in by_year]
