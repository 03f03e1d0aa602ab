"""pactcli cite: each fact with the sources that state it, and the sources as BibTeX and CSL-JSON.

Expected values come from the data file read with plain yaml.safe_load, and from what the sources
themselves say (their quotes), never from pactcli's own renderers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import raw_records, records_yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = {r["id"]: r for r in raw_records()}
Invoke = Callable[..., Any]


def _supporting_urls(record_id: str, field: str) -> list[str]:
    return [s["url"] for s in RAW[record_id]["sources"] if field in s["supports"]]


@pytest.mark.parametrize("record_id", ["sosa", "comcasa", "lemoa", "framework-2025"])
def test_each_fact_lists_exactly_the_sources_that_support_it(cli_json: Invoke, record_id: str) -> None:
    cited = cli_json("cite", record_id)
    assert cited["id"] == record_id
    facts = {fact["field"]: fact for fact in cited["facts"]}
    for field in ("date", "place", "legal_character", "signatories"):
        if RAW[record_id].get(field) in (None, []):
            continue
        assert [s["url"] for s in facts[field]["sources"]] == _supporting_urls(record_id, field)
        assert facts[field]["sources"], f"{record_id}.{field} is stated but unsupported"


def test_comcasa_signatories_are_named_by_the_sources_cited_for_them(cli_json: Invoke) -> None:
    """The Washington Post reprint and the Defence Ministry's tweet name Mattis as a signer."""
    fact = cli_json("cite", "comcasa", "signatories")["facts"][0]
    assert {p["name"].split()[-1] for p in fact["value"]} == {"Mattis", "Sitharaman"}
    quotes = [s["quote"] for s in fact["sources"] if s["quote"]]
    signers = ("Mattis", "Sitharaman", "Secretary of Defense", "Raksha Mantri")
    assert quotes and all(any(name in quote for name in signers) for quote in quotes)


def test_sosa_date_and_character_as_the_defence_department_gave_them(cli_json: Invoke) -> None:
    facts = {f["field"]: f for f in cli_json("cite", "sosa")["facts"]}
    assert facts["date"]["value"] == "2024-08-22"
    assert facts["legal_character"]["value"] == "non-binding-arrangement"
    assert any("non-binding" in (s["quote"] or "") for s in facts["legal_character"]["sources"])


@pytest.mark.parametrize(
    ("record_id", "field"), [("sosa", "legal_character"), ("sosa", "signatories"), ("comcasa", "date")]
)
def test_a_fact_shows_only_the_quotes_given_for_it(cli_json: Invoke, record_id: str, field: str) -> None:
    fact = cli_json("cite", record_id, field)["facts"][0]
    expected = [(s.get("quotes") or {}).get(field) for s in RAW[record_id]["sources"] if field in s["supports"]]
    assert [s["quote"] for s in fact["sources"]] == expected
    assert any(expected) and not all(expected), "a case with quotes, and sources without one for this fact"


def test_each_cited_source_says_what_kind_of_source_it_is(cli_json: Invoke) -> None:
    for fact in cli_json("cite", "gsomia")["facts"]:
        for source in fact["sources"]:
            raw = next(s for s in RAW["gsomia"]["sources"] if s["url"] == source["url"])
            assert source["kind"] == raw["kind"]
            assert source.get("mirror_of") == raw.get("mirror_of")


def test_an_unknown_field_exits_2_and_lists_the_valid_ones(cli: Invoke) -> None:
    result = cli("cite", "sosa", "colour")
    assert result.exit_code == 2
    assert "'colour'" in result.stderr
    for valid in ("date", "place", "signatories", "legal_character"):
        assert f"\n  {valid}" in result.stderr


def test_an_unknown_id_exits_1(cli: Invoke) -> None:
    assert cli("cite", "nosuchpact").exit_code == 1


def _bibtex_entries(text: str) -> list[str]:
    """Entries as BibTeX reads them: from '@' to the brace that balances the opening one."""
    entries, depth, start = [], 0, None
    for index, char in enumerate(text):
        if char == "@" and depth == 0:
            start = index
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, "unbalanced closing brace"
            if depth == 0 and start is not None:
                entries.append(text[start : index + 1])
                start = None
    assert depth == 0, "unbalanced opening brace"
    return entries


@pytest.mark.parametrize("record_id", ["sosa", "gsomia", "beca"])
def test_bibtex_has_one_entry_per_source(cli: Invoke, record_id: str) -> None:
    result = cli("cite", record_id, "--format", "bibtex")
    assert result.exit_code == 0
    entries = _bibtex_entries(result.stdout)
    assert len(entries) == len(RAW[record_id]["sources"])
    for entry, source in zip(entries, RAW[record_id]["sources"], strict=True):
        assert entry.startswith(f"@misc{{{record_id}-")
        assert re.search(r"^\s+title = \{.+\},$", entry, re.MULTILINE)
        assert f"url = {{{source['url']}}}" in entry or "%7B" in entry or "%20" in entry
        if source.get("publisher"):
            assert "publisher = {" in entry
        if source.get("date"):
            assert f"date = {{{source['date']}}}" in entry


def test_bibtex_for_one_field_holds_only_its_sources(cli: Invoke) -> None:
    entries = _bibtex_entries(cli("cite", "sosa", "signatories", "--format", "bibtex").stdout)
    assert len(entries) == len(_supporting_urls("sosa", "signatories"))


def test_csl_json_items_carry_url_title_and_issued(cli: Invoke) -> None:
    items = json.loads(cli("cite", "lemoa", "--format", "csl-json").stdout)
    sources = RAW["lemoa"]["sources"]
    assert [item["URL"] for item in items] == [s["url"] for s in sources]
    for item, source in zip(items, sources, strict=True):
        assert item["title"] == source["title"]
        assert item["type"] == "webpage"
        if source.get("date"):
            assert "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(item["issued"]["date-parts"][0])) == str(
                source["date"]
            )
        else:
            assert item["issued"] == {"literal": "n.d."}


def test_hostile_text_cannot_break_a_bibtex_entry(cli: Invoke, dataset: Callable[..., Path]) -> None:
    text = (
        records_yaml({"id": "alpha"})
        .replace("title: Test source", 'title: "Unbalanced } { and 100% \\\\ #1 & $x_y ~ ^"')
        .replace('url: "https://example.org/alpha"', 'url: "https://example.org/a%20b{c}"')
    )
    path = dataset(text)
    out = cli("--data", str(path), "cite", "alpha", "--format", "bibtex").stdout
    entries = _bibtex_entries(out)
    assert len(entries) == 1
    assert r"\textbraceright{}" in out and r"\%" in out and r"\textbackslash{}" in out
    assert "url = {https://example.org/a%20b%7Bc%7D}" in out


def test_piped_cite_is_one_line_per_fact_and_source(cli: Invoke) -> None:
    lines = cli("cite", "sosa", "place").stdout.splitlines()
    assert [line.split("\t")[7] for line in lines] == _supporting_urls("sosa", "place")
    assert all(line.split("\t")[:2] == ["place", "Washington, D.C."] for line in lines)


def test_bibtex_titles_keep_their_capitals_in_any_style(cli: Invoke) -> None:
    """A style that lowers a title's case leaves braced words alone: every word with a capital is
    braced, so "LEMOA" and "India" survive; lower-case words stay free."""
    out = cli("cite", "lemoa", "--format", "bibtex").stdout
    titles = re.findall(r"^  title = \{(.*)\},$", out, re.MULTILINE)
    raw = [s["title"] for s in RAW["lemoa"]["sources"]]
    assert len(titles) == len(raw)
    for title, original in zip(titles, raw, strict=True):
        words = title.split(" ")
        assert [w.strip("{}") for w in words] == original.split(" ") or "\\" in title
        assert all(w.startswith("{") and w.endswith("}") for w in words if any(c.isupper() for c in w))
        assert all(not w.startswith("{") for w in words if not any(c.isupper() for c in w))
