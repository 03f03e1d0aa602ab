"""At every width from 60 to 200 columns, every id in every terminal table is whole on one line,
and no line is wider than the terminal.

Rendering all 73 records 141 times per view would take most of a minute, so the views render the
bundled records that set the width of some column (the longest ids, names and people, every kind,
status, date kind and legal character): the same column widths, so the same layouts, in a tenth
of the time. The CLI's --width is tested with the whole dataset at the README's widths.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pactcli.core.filters import Filters
from pactcli.core.people import signatories
from pactcli.core.query import group_by
from pactcli.core.search import search
from pactcli.core.vocabulary import GroupKey
from pactcli.dataset.store import open_store
from pactcli.output import views
from pactcli.output.env import Env
from pactcli.output.formats import OutputFormat
from tests.conftest import ROOT, plain_yaml

Invoke = Callable[..., Any]
TABLE = OutputFormat.TABLE
ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")
WIDTHS = range(60, 201)
COMPARED = ("id", "name", "kind", "date", "legal_character_basis", "status", "signatories", "tags")


def _widest(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records that set some column's width: the three longest ids, names and signatory lines,
    and one of each kind, status, date kind and legal character."""
    chosen: dict[str, dict[str, Any]] = {}
    for measure in (
        lambda r: len(r["id"]),
        lambda r: len(r["name"]),
        lambda r: max((len(p["name"] + (p.get("title") or "")) for p in r.get("signatories") or []), default=0),
    ):
        for record in sorted(records, key=measure, reverse=True)[:3]:
            chosen[record["id"]] = record
    for field in ("kind", "status", "date_kind", "legal_character"):
        for record in records:
            if not any(c.get(field) == record.get(field) for c in chosen.values()):
                chosen[record["id"]] = record
    for record in chosen.values():
        record["related"] = [r for r in record.get("related") or [] if r["id"] in chosen]
    return list(chosen.values())


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Any:
    data = plain_yaml(ROOT / "data" / "agreements.yaml")
    data["agreements"] = _widest(data["agreements"])
    path = Path(tmp_path_factory.mktemp("widest")) / "widest.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return open_store(path, use_cache=False)


def _env(width: int) -> Env:
    return Env(io.StringIO(), io.StringIO(), True, width, True)


def _views(catalog: Any) -> dict[str, tuple[Callable[[Env], Any], list[str]]]:
    records = list(catalog.records(Filters()))
    ids = [r.id for r in records]
    longest = sorted(records, key=lambda r: -len(r.id))[:4]
    hits = search(records, "india")
    people = signatories(records)
    nothing = lambda: None  # noqa: E731
    return {
        "list": (lambda env: views.listing(catalog, Filters(), TABLE, None, env, nothing), ids),
        "timeline": (lambda env: views.listing(catalog, Filters(), TABLE, None, env, nothing, by_year=True), ids),
        "search": (lambda env: views.search_results(hits, ["india"], TABLE, None, env), [h.agreement.id for h in hits]),
        # every field at the README's widths below; here those whose labels and values set the layout
        "compare": (lambda env: views.compare(longest, TABLE, COMPARED, False, env), [r.id for r in longest]),
        "compare-by": (lambda env: views.grouped(group_by(records, GroupKey.KIND), "kind", TABLE, None, env), ids),
        "signatories": (
            lambda env: views.people(people, TABLE, env),
            [s.agreement.id for p in people for s in p.signings],
        ),
        "show": (lambda env: views.show(catalog, [longest[0].id], TABLE, ("id", "name", "kind"), env), [longest[0].id]),
    }


def _problems(out: str, ids: list[str], width: int) -> list[str]:
    plain = ANSI.sub("", out)
    lines = [line for line in plain.splitlines() if not line.strip().startswith(("http://", "https://"))]
    too_wide = [f"a line of {len(line)} columns" for line in lines if len(line) > width]  # URLs stay whole
    broken = [i for i in ids if not re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", plain)]
    return too_wide[:1] + [f"{i} broken" for i in broken]


@pytest.mark.parametrize("view", ["list", "timeline", "search", "compare", "compare-by", "signatories", "show"])
def test_every_id_is_whole_at_every_width(catalog: Any, view: str) -> None:
    render, ids = _views(catalog)[view]
    assert len(ids) >= 1 and max(len(i) for i in ids) >= 30  # the long ids are in play
    for width in WIDTHS:
        assert _problems("".join(render(_env(width))), ids, width) == [], (view, width)


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["timeline"],
        ["compare", "--by", "status"],
        ["compare", "dtti-industry-collaboration-forum-2019", "lemoa", "beca"],
    ],
)
def test_the_whole_dataset_keeps_ids_whole_through_the_cli(
    cli: Invoke, cli_json: Invoke, command: list[str], width: int
) -> None:
    ids = command[1:] if "--by" not in command[1:] and command[0] == "compare" else [r["id"] for r in cli_json("list")]
    out = cli(*command, "--width", str(width), "--color", "always").stdout
    assert _problems(out, ids, width) == []
