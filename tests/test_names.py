"""Instruments are found by their names as people write them: any case, spacing, dashes, dots and
punctuation, or a leading part that only one instrument's name or id begins with."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from pactcli.core.errors import AmbiguousKey
from pactcli.dataset.store import open_store
from tests.conftest import raw_records

RAW = raw_records()
Invoke = Callable[..., Any]


@pytest.fixture(scope="module")
def store() -> Any:
    return open_store()


def _plain(text: str) -> str:
    """Written as a person might: lower case, "US" for "U.S.", spaces for dashes, no punctuation."""
    text = re.sub(r"[.'’]", "", text.lower())
    return " ".join(re.sub(r"[^\w\s]", " ", text.replace("-", " ")).split())


def _forms(record: dict[str, Any]) -> list[str]:
    name = record["name"]
    short = re.sub(r"\s*\([^)]*\)", "", name)
    forms = [record["id"], record["id"].upper(), record["id"].replace("-", " "), name, name.lower(), _plain(name)]
    forms += [short.lower(), _plain(short), f"  {name.upper()}  "]
    if record.get("acronym"):
        acronym = record["acronym"]
        forms += [acronym.lower(), ".".join(acronym) + "."]
    return forms


@pytest.mark.parametrize("record", RAW, ids=[r["id"] for r in RAW])
def test_every_name_as_people_write_it_finds_its_record(store: Any, record: dict[str, Any]) -> None:
    for form in _forms(record):
        found = store.find(form)
        assert found is not None and found.id == record["id"], form


def _unique_leading_part(record: dict[str, Any]) -> str | None:
    """The fewest leading words of the record's plain name that begin no other record's plain
    name, id, alias or acronym (worked out here, independently of the store)."""
    others = [
        key
        for r in RAW
        if r is not record
        for key in (
            _plain(r["name"]),
            _plain(re.sub(r"\([^)]*\)", "", r["name"])),
            *(_plain(key) for key in (r["id"], *(r.get("aliases") or []), r.get("acronym") or "")),
        )
    ]
    words = _plain(record["name"]).split()
    for n in range(1, len(words)):
        part = " ".join(words[:n])
        if not any(key.startswith(part) for key in others):
            return part
    return None


@pytest.mark.parametrize("record", RAW, ids=[r["id"] for r in RAW])
def test_a_unique_leading_part_of_a_name_resolves(store: Any, record: dict[str, Any]) -> None:
    part = _unique_leading_part(record)
    if part is None:
        pytest.skip("no leading part of this name is unique")
    found = store.find(part)
    assert found is not None and found.id == record["id"], part


def test_most_names_have_a_unique_leading_part() -> None:
    assert sum(_unique_leading_part(r) is not None for r in RAW) >= len(RAW) // 2


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("security of supply arrangement", "sosa"),
        ("basic exchange and cooperation agreement", "beca"),
        ("basic exchange", "beca"),
        ("C.O.M.C.A.S.A.", "comcasa"),
        ("Logistics Exchange Memorandum-of-Agreement", "lemoa"),
        ("two plus two", "two-plus-two"),
    ],
)
def test_the_names_the_issue_reported_are_found_through_the_cli(cli_json: Invoke, typed: str, expected: str) -> None:
    assert cli_json("show", typed)["id"] == expected


def test_an_ambiguous_leading_part_exits_2_listing_the_candidates(cli: Invoke, store: Any) -> None:
    frameworks = sorted(r["id"] for r in RAW if r["id"].startswith("framework-"))
    assert len(frameworks) >= 2
    result = cli("show", "framework")
    assert result.exit_code == 2
    assert result.stderr.startswith("pactcli: error: 'framework' could be any of")
    assert all(key in result.stderr for key in frameworks)
    with pytest.raises(AmbiguousKey):
        store.find("framework")


def test_an_exact_key_wins_over_longer_keys_it_begins(store: Any) -> None:
    assert any(r["id"] != "dtti" and r["id"].startswith("dtti") for r in RAW)
    assert store.find("DTTI").id == "dtti"


def test_a_key_that_begins_nothing_is_not_found(cli: Invoke) -> None:
    result = cli("show", "zzz-no-such-thing")
    assert result.exit_code == 1
    assert "no instrument called 'zzz-no-such-thing'" in result.stderr
    assert cli("show", "...").exit_code == 1
