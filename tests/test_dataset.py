"""The bundled dataset itself: schema, uniqueness, relations, sources and key facts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pactcli.core.model import Agreement, PartialDate, Status
from pactcli.core.names import lookup_key
from pactcli.dataset.build import check_file
from pactcli.dataset.files import bundled_path
from tests.conftest import plain_yaml, read_records

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def agreements() -> tuple[Agreement, ...]:
    return tuple(read_records())


@pytest.fixture(scope="module")
def by_id(agreements: tuple[Agreement, ...]) -> dict[str, Agreement]:
    return {a.id: a for a in agreements}


def test_bundled_dataset_validates_without_problems() -> None:
    problems, count = check_file(bundled_path())
    assert problems == []
    assert count >= 35


def test_ids_acronyms_and_aliases_are_unique_ignoring_case(agreements: tuple[Agreement, ...]) -> None:
    keys = Counter(key for a in agreements for key in {lookup_key(k) for k in (a.id, *a.aliases, a.acronym or a.id)})
    assert [key for key, n in keys.items() if n > 1] == []


def test_relations_resolve_and_never_point_to_self(by_id: dict[str, Agreement]) -> None:
    for agreement in by_id.values():
        for relation in agreement.related:
            assert relation.id in by_id, f"{agreement.id} -> {relation.id}"
            assert relation.id != agreement.id


def test_every_record_has_an_http_source(agreements: tuple[Agreement, ...]) -> None:
    for agreement in agreements:
        assert agreement.sources, agreement.id
        assert all(s.url.startswith(("https://", "http://")) for s in agreement.sources), agreement.id


def test_every_source_url_names_its_host_plainly(agreements: tuple[Agreement, ...]) -> None:
    """As a reader would type it: no trailing dot after the domain, no credentials, no spaces."""
    from urllib.parse import urlsplit

    for agreement in agreements:
        for source in agreement.sources:
            parts = urlsplit(source.url)
            assert parts.hostname and not parts.hostname.endswith("."), source.url
            assert "@" not in parts.netloc and " " not in source.url, source.url


def test_no_date_is_in_the_future(agreements: tuple[Agreement, ...]) -> None:
    for agreement in agreements:
        dates = [agreement.date, agreement.in_force, *(s.date for s in agreement.sources)]
        assert all(d is None or d.earliest() <= TODAY for d in dates), agreement.id


def test_no_source_predates_the_event_it_reports(agreements: tuple[Agreement, ...]) -> None:
    for agreement in agreements:
        if agreement.date is None:
            continue
        for source in agreement.sources:
            if source.date is not None and source.date.latest() < agreement.date.earliest():
                # an earlier announcement may give background, never the event itself
                assert not {"date", "place", "signatories", "in_force"} & set(source.supports), agreement.id


def test_signatories_sign_for_a_party(agreements: tuple[Agreement, ...]) -> None:
    for agreement in agreements:
        for person in agreement.signatories:
            assert person.country in agreement.parties, (agreement.id, person.name)


def test_undated_records_are_still_being_negotiated_or_announced(agreements: tuple[Agreement, ...]) -> None:
    for agreement in agreements:
        if agreement.date is None:
            assert agreement.status in (Status.UNDER_NEGOTIATION, Status.ANNOUNCED), agreement.id


@pytest.mark.parametrize(
    "key",
    [
        "sosa",
        "liaison-officers-moa",
        "framework-2025",
        "framework-2015",
        "framework-2005",
        "mdp",
        "sta-1",
        "lemoa",
        "comcasa",
        "isa",
        "beca",
        "moi-defence-innovation-2018",
        "defence-industrial-roadmap-2023",
        "dtti",
        "indus-x",
        "rdp",
        "gsomia",
        "icet",
        "two-plus-two",
    ],
)
def test_instruments_named_in_the_source_documents_are_present(by_id: dict[str, Agreement], key: str) -> None:
    assert key in by_id


# Facts as the primary sources report them (DoD and MoD statements), not as the renderer prints them.
@pytest.mark.parametrize(
    ("key", "date", "binding"),
    [
        ("sosa", "2024-08-22", False),
        ("liaison-officers-moa", "2024-08-22", None),
        ("framework-2025", "2025-10-31", None),
        ("framework-2015", "2015-06-03", None),
        ("framework-2005", "2005-06-28", None),
        ("lemoa", "2016-08-29", None),
        ("comcasa", "2018-09-06", None),
        ("beca", "2020-10-27", None),
    ],
)
def test_key_dates(by_id: dict[str, Agreement], key: str, date: str, binding: bool | None) -> None:
    assert by_id[key].date == PartialDate.parse(date)
    assert by_id[key].signed == by_id[key].date, "each of these was signed"
    if binding is not None:
        assert by_id[key].binding is binding


def test_sosa_signatories_match_the_dod_statement(by_id: dict[str, Agreement]) -> None:
    people = {(s.name, s.country) for s in by_id["sosa"].signatories}
    assert people == {("Vic Ramdass", "US"), ("Samir Kumar Sinha", "IN")}


def test_framework_2025_signed_by_the_two_ministers_in_kuala_lumpur(by_id: dict[str, Agreement]) -> None:
    framework = by_id["framework-2025"]
    assert framework.place is not None and "Kuala Lumpur" in framework.place
    names = {s.name for s in framework.signatories}
    assert names == {"Rajnath Singh", "Pete Hegseth"}


def test_frameworks_form_a_renewal_chain(by_id: dict[str, Agreement]) -> None:
    def renews(key: str) -> set[str]:
        return {r.id for r in by_id[key].related if r.relation.value in ("renews", "supersedes")}

    assert "framework-2015" in renews("framework-2025")
    assert "framework-2005" in renews("framework-2015")


def test_rdp_is_still_under_negotiation(by_id: dict[str, Agreement]) -> None:
    assert by_id["rdp"].date is None
    assert by_id["rdp"].status is Status.UNDER_NEGOTIATION


def test_year_only_dates_keep_their_precision(agreements: tuple[Agreement, ...]) -> None:
    precisions = {a.date.precision for a in agreements if a.date}
    assert "day" in precisions and "year" in precisions


# --- provenance and the inclusion policy (read independently, with plain yaml.safe_load) -------

RAW = plain_yaml(Path(bundled_path()))["agreements"]
STATED = ("date", "place", "legal_character", "in_force", "expires", "signatories")
FIELD_NAMES = {
    "id", "name", "acronym", "aliases", "kind", "date", "date_kind", "in_force", "expires", "place",
    "parties", "legal_character", "status", "signatories", "summary", "provisions", "tags", "related",
    "sources", "notes",
}  # fmt: skip


def test_the_dataset_holds_at_least_sixty_instruments() -> None:
    assert len(RAW) >= 60


@pytest.mark.parametrize("record", RAW, ids=[r["id"] for r in RAW])
def test_every_stated_fact_is_supported_by_a_source(record: dict[str, Any]) -> None:
    supported = {fact for source in record["sources"] for fact in source["supports"]}
    stated = {name for name in STATED if record.get(name) not in (None, [])}
    assert stated <= supported, f"unsupported: {sorted(stated - supported)}"


@pytest.mark.parametrize("record", RAW, ids=[r["id"] for r in RAW])
def test_a_status_from_a_source_is_supported_by_one(record: dict[str, Any]) -> None:
    supported = {fact for source in record["sources"] for fact in source["supports"]}
    if record.get("status_basis") == "source":
        assert "status" in supported


@pytest.mark.parametrize("record", RAW, ids=[r["id"] for r in RAW])
def test_sources_name_real_fields_and_quote_each_briefly(record: dict[str, Any]) -> None:
    for source in record["sources"]:
        assert set(source["supports"]) <= FIELD_NAMES
        quotes = source.get("quotes") or {}
        assert set(quotes) <= set(source["supports"]), "a quote is for a fact the source supports"
        for quote in quotes.values():
            assert quote.strip()
            assert len(quote.split()) <= 30


@pytest.mark.parametrize("record", RAW, ids=[r["id"] for r in RAW])
def test_what_is_missing_is_explained_in_notes(record: dict[str, Any]) -> None:
    if record.get("legal_character") is None:
        assert "Legal character not established:" in (record.get("notes") or "")


def test_the_data_contract_states_the_inclusion_policy() -> None:
    contract = (Path(bundled_path()).parent / "README.md").read_text(encoding="utf-8")
    assert "## Inclusion policy" in contract
    for topic in ("private firm", "designations", "Industry alliances", "Near-duplicates", "supports", "quote"):
        assert topic in contract, topic
