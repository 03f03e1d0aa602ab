"""The JSON Schemas of a record and of the dataset file agree with the code and the bundled data."""

from __future__ import annotations

import copy
import datetime as _dt
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # the checker, in tests only; no stubs wanted
import pytest

from pactcli.core import codec, fields
from pactcli.core.model import Kind, RelationKind, Status
from pactcli.core.schema import data_file_schema, record_schema
from pactcli.dataset import validate
from pactcli.dataset.files import bundled_path
from tests.conftest import plain_yaml, read_records

Validator = jsonschema.Draft202012Validator


def _isoformat_dates(value: Any) -> Any:
    """The YAML tree with every ``datetime.date`` turned into its ISO string, as an editor sees it."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _isoformat_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_isoformat_dates(item) for item in value]
    return value


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [codec.to_dict(agreement) for agreement in read_records()]


@pytest.fixture(scope="module")
def data_file() -> Any:
    return _isoformat_dates(plain_yaml(Path(bundled_path())))


def _errors(schema: dict[str, Any], instance: Any) -> list[str]:
    return [error.message for error in Validator(schema).iter_errors(instance)]


# --- (a) the schemas themselves ----------------------------------------------


@pytest.mark.parametrize("build", [record_schema, data_file_schema])
def test_schema_is_valid_draft_2020_12(build: Any) -> None:
    schema = build()
    Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://github.com/pactcli/pactcli/schema/")
    assert schema["title"] and schema["description"]


def test_schemas_are_fresh_on_every_call() -> None:
    first = record_schema()
    first["properties"]["id"]["pattern"] = "changed"
    assert record_schema()["properties"]["id"]["pattern"] != "changed"


def test_record_schema_follows_codec_fields() -> None:
    schema = record_schema()
    assert list(schema["properties"]) == list(fields.FIELDS)
    assert schema["required"] == list(fields.FIELDS)
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{name} has no description"


def test_data_file_schema_follows_validate() -> None:
    schema = data_file_schema()
    record = schema["$defs"]["agreement"]
    assert list(record["properties"]) == list(fields.FILE_FIELDS)
    assert record["required"] == list(fields.REQUIRED_FILE_FIELDS)
    assert "year" not in record["properties"]
    assert list(schema["properties"]) == list(fields.TOP_FIELDS)
    assert schema["properties"]["schema_version"]["const"] == fields.SCHEMA_VERSION
    assert list(schema["$defs"]["signatory"]["properties"]) == list(fields.SIGNATORY_KEYS)
    assert list(schema["$defs"]["relation"]["properties"]) == list(fields.RELATION_KEYS)
    assert list(schema["$defs"]["source"]["properties"]) == list(fields.SOURCE_FILE_KEYS)
    assert list(record_schema()["$defs"]["source"]["properties"]) == list(fields.SOURCE_KEYS)
    assert record["properties"]["id"]["pattern"] == validate.SLUG_RE.pattern
    assert record["properties"]["parties"]["items"]["pattern"] == validate.COUNTRY_RE.pattern
    for name, prop in record["properties"].items():
        assert prop.get("description"), f"{name} has no description"


def test_every_object_is_closed() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object":  # a map (quotes by fact) is closed by its key names
                assert node["additionalProperties"] is False or "enum" in node["propertyNames"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(record_schema())
    walk(data_file_schema())


# --- (b), (c) the bundled data validates ---------------------------------------


def test_every_bundled_record_matches_record_schema(records: list[dict[str, Any]]) -> None:
    assert records
    validator = Validator(record_schema())
    for record in records:
        problems = [error.message for error in validator.iter_errors(record)]
        assert not problems, (record["id"], problems)


def test_bundled_file_matches_data_file_schema(data_file: Any) -> None:
    assert data_file["agreements"]
    assert _errors(data_file_schema(), data_file) == []


# --- (d) bad records fail ------------------------------------------------------


def _first(records: list[dict[str, Any]]) -> dict[str, Any]:
    record = next(r for r in records if r["sources"] and r["date"] is not None)
    return copy.deepcopy(record)


def test_record_with_unknown_key_fails(records: list[dict[str, Any]]) -> None:
    record = _first(records)
    record["colour"] = "red"
    assert _errors(record_schema(), record)


def test_record_missing_a_field_fails(records: list[dict[str, Any]]) -> None:
    record = _first(records)
    del record["notes"]
    assert _errors(record_schema(), record)


def test_record_with_bad_kind_fails(records: list[dict[str, Any]]) -> None:
    record = _first(records)
    record["kind"] = "pact"
    assert _errors(record_schema(), record)


@pytest.mark.parametrize("date", ["24-01-01", "2024-13-01", "2024-01-32", "0000", "2024/01/01", "2024-1-1", ""])
def test_record_with_bad_date_fails(records: list[dict[str, Any]], date: str) -> None:
    record = _first(records)
    record["date"] = date
    assert _errors(record_schema(), record)
    record = _first(records)
    record["sources"][0]["date"] = date
    assert _errors(record_schema(), record)


@pytest.mark.parametrize("date", ["2016", "2018-09", "2024-08-22", "0001"])
def test_record_with_good_date_passes(records: list[dict[str, Any]], date: str) -> None:
    record = _first(records)
    record["date"] = date
    record["year"] = int(date[:4])
    assert _errors(record_schema(), record) == []


@pytest.mark.parametrize("url", ["ftp://example.org/file", "example.org", "https://", "https://exa mple.org"])
def test_record_with_non_http_url_fails(records: list[dict[str, Any]], url: str) -> None:
    record = _first(records)
    record["sources"][0]["url"] = url
    assert _errors(record_schema(), record)


def test_record_with_bad_slugs_and_parties_fails(records: list[dict[str, Any]]) -> None:
    bad = [("id", "Bad_Id"), ("tags", ["Tag"]), ("aliases", ["-x"]), ("parties", ["usa"]), ("parties", [])]
    for field, value in bad:
        record = _first(records)
        record[field] = value
        assert _errors(record_schema(), record), (field, value)


def test_date_may_be_null_only_while_unsigned(records: list[dict[str, Any]]) -> None:
    record = _first(records)
    record["status"] = Status.IN_FORCE.value
    record["date"] = None
    record["year"] = None
    assert _errors(record_schema(), record)
    record["status"] = None
    assert _errors(record_schema(), record), "an instrument of unknown status still has a date"
    assert _errors(record_schema(), record)
    record["status"] = Status.ANNOUNCED.value
    assert _errors(record_schema(), record) == []
    record["year"] = 2020
    assert _errors(record_schema(), record)


def test_data_file_negative_cases(data_file: Any) -> None:
    schema = data_file_schema()

    def broken(change: Any) -> list[str]:
        tree = copy.deepcopy({**data_file, "agreements": data_file["agreements"][:1]})  # the others are checked above
        change(tree["agreements"][0])
        return _errors(schema, tree)

    assert broken(lambda r: r.update(colour="red"))
    assert broken(lambda r: r.update(kind="pact"))
    assert broken(lambda r: r.update(date="24-01-01"))
    assert broken(lambda r: r.update(date="2024-13-01"))
    assert broken(lambda r: r.update(date_kind="inked"))
    assert broken(lambda r: r.update(legal_character="binding"))
    assert broken(lambda r: r.update(year=2024))
    assert broken(lambda r: r.update(signed="2024-01-01"))
    assert broken(lambda r: r.update(binding=True))
    assert broken(lambda r: r.pop("parties"))
    assert broken(lambda r: r["sources"][0].update(kind="blog"))
    assert broken(lambda r: r["sources"][0].update(quotes={"colour": "red"}))
    assert broken(lambda r: r["sources"][0].update(url="ftp://example.org"))
    assert broken(lambda r: r["sources"][0].update(extra=1))
    assert broken(lambda r: r.update(sources=[]))
    assert _errors(schema, {**data_file, "schema_version": 1})
    assert _errors(schema, {**data_file, "extra": True})


def test_data_file_accepts_what_validate_accepts(data_file: Any) -> None:
    schema = data_file_schema()
    minimal = {
        "id": "x",
        "name": "X",
        "kind": "agreement",
        "date": 2016,  # an unquoted year reaches an editor as a number
        "date_kind": "signed",
        "parties": ["IN", "US"],
        "legal_character": None,
        "status": "in-force",
        "status_basis": "source",
        "summary": "A test record.",
        "sources": [{"title": "T", "url": "https://example.org", "kind": "press", "supports": ["date", "status"]}],
        "tags": None,
    }
    assert _errors(schema, {"schema_version": 2, "agreements": [minimal]}) == []
    undated = {key: value for key, value in minimal.items() if key not in ("date", "date_kind")}
    assert _errors(schema, {"agreements": [undated | {"status": "announced"}]}) == []
    assert _errors(schema, {"agreements": [{**minimal, "date": None}]})
    assert _errors(schema, {"agreements": [undated]})


# --- (e) enums come from the model ------------------------------------------------


def test_enums_match_model() -> None:
    kinds = [k.value for k in Kind]
    statuses = [s.value for s in Status]
    relations = [r.value for r in RelationKind]
    for schema in (record_schema(), data_file_schema()):
        record = schema["$defs"].get("agreement", schema)
        assert record["properties"]["kind"]["enum"] == kinds
        assert record["properties"]["status"]["enum"] == [*statuses, None]
        assert schema["$defs"]["relation"]["properties"]["relation"]["enum"] == relations
