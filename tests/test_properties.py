"""Property tests: arbitrary text in every field loads or fails cleanly, and every renderer stays safe."""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pactcli.core.errors import DataError
from pactcli.core.fields import FIELDS
from pactcli.core.filters import Filters
from pactcli.core.model import PartialDate
from pactcli.dataset.store import open_store
from pactcli.output import views
from pactcli.output.env import Env
from pactcli.output.formats import OutputFormat, project

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# pactcli's own escapes on a terminal: colours, and the OSC 8 link around a (sanitised) source URL.
SGR = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x00-\x1f]*\x1b\\")
TEXT = st.text(st.characters(codec="utf-8"), min_size=0, max_size=40)


def _record(texts: dict[str, str]) -> dict[str, Any]:
    return {
        "id": "alpha",
        "name": texts["name"],
        "acronym": texts["acronym"],
        "kind": "agreement",
        "date": "2020-01-01",
        "date_kind": "signed",
        "place": texts["place"],
        "parties": ["IN", "US"],
        "legal_character": None,
        "status": None,
        "signatories": [{"name": texts["signatory"], "title": texts["title"], "country": "IN"}],
        "summary": texts["summary"],
        "provisions": [texts["provision"]],
        "sources": [
            {
                "title": texts["source"],
                "publisher": texts["publisher"],
                "url": "https://example.org/a",
                "kind": "press",
                "supports": ["date", "place", "signatories"],
            }
        ],
        "notes": texts["notes"],
    }


class _Quoting(yaml.SafeDumper):
    """Writes every string double-quoted (and escaped where YAML needs it), so that whether a
    record loads depends on what its text says, not on how YAML would read it unquoted."""


_Quoting.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


FIELD_NAMES = ["name", "acronym", "place", "signatory", "title", "summary", "provision", "source", "publisher", "notes"]


def _envs() -> list[Env]:
    return [
        Env(io.StringIO(), io.StringIO(), color=True, width=100, rich_layout=True),
        Env(io.StringIO(), io.StringIO(), color=False, width=100, rich_layout=False),
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: TEXT for name in FIELD_NAMES}))
@example({name: f"Plain {name} text" for name in FIELD_NAMES})
@example({**{name: "x" for name in FIELD_NAMES}, "notes": "\x1b[31m\u202e\x85 red"})
def test_any_text_loads_or_fails_cleanly_and_renders_safely(texts: dict[str, str]) -> None:
    """Text loads exactly when no field is blank; loaded text renders without a raw control
    character in every view and format, and comes back from JSON as PyYAML itself reads it."""
    document = yaml.dump({"schema_version": 2, "agreements": [_record(texts)]}, Dumper=_Quoting, allow_unicode=True)
    handle, path = tempfile.mkstemp(suffix=".yaml")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(document.encode("utf-8", "surrogatepass"))
        try:
            catalog = open_store(path, use_cache=False)
        except DataError:
            assert not all(text.strip() for text in texts.values()), texts
            return
        assert all(text.strip() for text in texts.values())
        agreements = list(catalog.records(Filters()))
        for fmt in OutputFormat:
            for env in _envs():
                outputs = [
                    views.listing(catalog, Filters(), fmt, None, env, lambda: None),
                    views.show(catalog, ["alpha", "ALPHA"], fmt, None, env),
                    views.listing(catalog, Filters(), fmt, None, env, lambda: None, by_year=True),
                ]
                for text in map("".join, outputs):
                    assert not UNSAFE.search(SGR.sub("", text)), (fmt, env.rich_layout, text[:200])
        shown = "".join(views.show(catalog, ["alpha"], OutputFormat.JSON, None, _envs()[1]))
        round_tripped = json.loads(shown)
        assert round_tripped == project(agreements, FIELDS)[0]
        # Our loader reads text exactly as PyYAML's own safe loader does.
        reference = yaml.safe_load(document)["agreements"][0]
        assert round_tripped["name"] == reference["name"]
        assert round_tripped["provisions"] == reference["provisions"]
        assert round_tripped["notes"] == reference["notes"]
    finally:
        os.unlink(path)


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_partial_dates_round_trip_or_are_rejected(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        return
    assert str(parsed) == text
    assert parsed.earliest() == parsed.latest()


@given(st.integers(1, 9999), st.integers(1, 12))
def test_month_dates_span_their_month(year: int, month: int) -> None:
    parsed = PartialDate.parse(f"{year:04d}-{month:02d}")
    assert parsed.earliest().day == 1
    assert parsed.latest().month == month
    assert parsed.earliest() <= parsed.latest()


def test_no_unsafe_character_is_printable() -> None:
    """visible() skips translating printable text: that is safe only while this holds."""
    from pactcli.core.sanitize import UNSAFE_CODEPOINTS

    assert not any(chr(code).isprintable() for code in UNSAFE_CODEPOINTS)
