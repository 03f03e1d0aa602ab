"""A big file parsed in parts gives exactly what parsing it whole gives, or gives way to that parse:
never a dataset the whole file does not make, wherever the cuts fall."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactcli import index, loader, parallel, validate, yamltree
from pactcli.errors import DataError
from pactcli.model import Dataset

PATH = "data.yaml"


def record(identifier: str, *, related: str | None = None, notes: str | None = None, indent: str = "  ") -> str:
    lines = [
        f"- id: {identifier}",
        f"  name: Record {identifier}",
        "  kind: agreement",
        "  signed: 2020-01-01",
        "  parties: [IN, US]",
        "  binding: null",
        "  status: in-force",
        "  summary: A test record.",
        "  sources:",
        f'    - {{title: Source, url: "https://example.org/{identifier}", supports: [signed]}}',
    ]
    if related:
        lines += ["  related:", f"    - {{id: {related}, relation: builds-on}}"]
    if notes:
        lines.append(f"  notes: {notes}")
    return "".join(indent + line + "\n" for line in lines)


def dataset_text(*records: str, before: str = "schema_version: 1\n", after: str = "") -> str:
    return before + "agreements:\n" + "".join(records) + after


def whole(text: str) -> Dataset | None:
    """The file parsed in one piece, as the loader does when it does not cut."""
    builder = validate.Builder(PATH)
    try:
        root = yamltree.parse(text, PATH, on_record=builder.add)
    except DataError:
        return None
    return builder.finish(root)[0]


def line_starts(text: str) -> list[int]:
    """Every offset where a line begins (after the first line): every cut worth trying."""
    return [offset + 1 for offset, character in enumerate(text) if character == "\n" and offset + 1 < len(text)]


def assert_never_differs(text: str, cuts: list[int]) -> Dataset | None:
    expected = whole(text)
    got = parallel.parse_parts(text, PATH, cuts)
    assert got is None or got == expected, (cuts, text)
    return got


VALID = dataset_text(*(record(f"r{n}", related="r0" if n else None) for n in range(8)))


def test_a_valid_file_cut_anywhere_between_items_parses_as_whole() -> None:
    expected = whole(VALID)
    assert expected is not None and len(expected.agreements) == 8
    item_starts = [offset for offset in line_starts(VALID) if VALID.startswith("  - id:", offset)]
    assert len(item_starts) == 8
    assert parallel.parse_parts(VALID, PATH, item_starts[:1]) is None  # nothing of the list before it
    for cut in item_starts[1:]:
        assert parallel.parse_parts(VALID, PATH, [cut]) == expected
    assert parallel.parse_parts(VALID, PATH, item_starts[1::2]) == expected  # five parts


def test_relations_and_a_trailing_schema_version_may_cross_parts() -> None:
    text = dataset_text(record("a", related="b"), record("b", related="a"), before="", after="schema_version: 1\n")
    [cut] = [offset for offset in line_starts(text) if text.startswith("  - id: b", offset)]
    parsed = parallel.parse_parts(text, PATH, [cut])
    assert parsed is not None and parsed == whole(text)
    assert [agreement.related[0].id for agreement in parsed.agreements] == ["b", "a"]


def test_the_cut_must_open_an_item_of_the_list() -> None:
    for cut in line_starts(VALID):
        if not VALID.startswith("  - id:", cut):
            assert parallel.parse_parts(VALID, PATH, [cut]) is None


HOSTILE = {
    "document end, then more items": dataset_text(record("a"), "...\n", record("b")),
    "a second document": dataset_text(record("a"), "---\n", record("b")),
    "document end after a lone CR": dataset_text(record("a").rstrip("\n") + "\r...\r\n", record("b")),
    "document end after a NEL": dataset_text(record("a").rstrip("\n") + "\x85...\n", record("b")),
    "document end after a line separator": dataset_text(record("a").rstrip("\n") + "\u2028---\n", record("b")),
    "a directive": "%YAML 1.1\n---\n" + dataset_text(record("a"), record("b")),
    "a key interrupts an indentless list": dataset_text(
        record("a", indent=""), "schema_version: 1\n", record("b", indent=""), before=""
    ),
    "a key interrupts an indented list": dataset_text(record("a"), "schema_version: 1\n", record("b"), before=""),
    "schema_version before and after the list": dataset_text(record("a"), record("b"), after="schema_version: 1\n"),
    "agreements twice": dataset_text(record("a"), before="") + "agreements:\n" + record("b"),
    "alias to an anchor in an earlier part": dataset_text(
        record("a", notes="&shared Shared text."), record("b", notes="*shared")
    ),
    "double-quoted text spans an item-like line": dataset_text(
        record("a", notes='"first line\n  - id: fake\n    name: Fake"'), record("b")
    ),
    "single-quoted text spans an item-like line": dataset_text(record("a", notes="'first\n  - id: x'"), record("b")),
    "a flow list spans an item-like line": dataset_text(
        record("a").replace("parties: [IN, US]", "parties: [IN,\n  - US]"), record("b")
    ),
    "the same id in two parts": dataset_text(record("a"), record("b"), record("a")),
    "a relation to a missing record": dataset_text(record("a"), record("b", related="nowhere")),
    "a record only valid as a whole": dataset_text(record("a"), "  - id: b\n", record("c")),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_cut_of_a_hostile_file_yields_what_the_whole_file_does_not(name: str) -> None:
    text = HOSTILE[name]
    expected = whole(text)
    for cut in line_starts(text):
        got = assert_never_differs(text, [cut])
        if expected is None:
            assert got is None, (name, cut)


def test_a_block_scalar_with_item_like_lines_is_cut_only_between_items() -> None:
    notes = "|\n      - id: inside\n      text\n"
    text = dataset_text(record("a").rstrip("\n") + "\n    notes: " + notes, record("b"))
    assert whole(text) is not None
    accepted = [cut for cut in line_starts(text) if assert_never_differs(text, [cut]) is not None]
    assert accepted == [text.index("  - id: b")]


pieces = st.sampled_from(
    [
        record("a"),
        record("b", related="a"),
        record("c", notes="&n Anchored."),
        record("d", notes="*n"),
        record("e", notes='"two\n  - id: z"'),
        record("f", indent=""),
        "schema_version: 1\n",
        "...\n",
        "\r...\r\n",
        "\x85---\n",
        "  - id: g\n",
        "  # a comment\n",
        "\n",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, min_size=2, max_size=7), st.data())
def test_any_file_and_any_cuts_never_give_a_different_dataset(chosen: list[str], data: st.DataObject) -> None:
    text = dataset_text(*chosen, before="")
    starts = line_starts(text)
    cuts = sorted(data.draw(st.sets(st.sampled_from(starts), min_size=1, max_size=3)))
    expected = whole(text)
    got = assert_never_differs(text, cuts)
    if expected is None:
        assert got is None


def test_parse_uses_the_cores_it_has(monkeypatch: pytest.MonkeyPatch) -> None:
    text = dataset_text(*(record(f"r{n}") for n in range(40)))
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert parallel.parse(text, PATH) is None
    monkeypatch.setattr(parallel, "cores", lambda: 3)
    assert len(parallel.cuts(text, 3)) == 2
    assert parallel.parse(text, PATH) == whole(text)


def big_file(tmp_path: Path, extra: str = "") -> tuple[Path, str]:
    count = loader.BIG_FILE_SIZE // 250 + 1
    text = dataset_text(*(record(f"r{n:05d}") for n in range(count))) + extra
    assert len(text) >= loader.BIG_FILE_SIZE
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_big_file_answers_through_the_real_command_and_indexes_behind(tmp_path: Path, isolated_cache: Path) -> None:
    path, _ = big_file(tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_cache)}
    command = [sys.executable, "-m", "pactcli", "--data", str(path), "show", "r00007", "--json"]
    # A pipe: communicate() returns only once every writer has closed it, the detached writer included.
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["name"] == "Record r00007"
    # The next run waits for the detached writer rather than parsing again.
    assert isinstance(loader.open_catalog(path), index.IndexedCatalog)


def test_a_problem_in_a_big_file_is_reported_with_its_real_line(tmp_path: Path, cli: Callable[..., object]) -> None:
    path, text = big_file(tmp_path, extra=record("r00003"))
    line = text.count("\n", 0, text.rindex("  - id: r00003")) + 1
    result = cli("--data", str(path), "list")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    message = result.stderr  # type: ignore[attr-defined]
    assert f"{path.name}:{line}:" in message and "'r00003' is already used" in message


def test_when_no_process_can_be_started_the_file_is_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_more_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    cut = VALID.index("  - id: r4")
    assert parallel.parse_parts(VALID, PATH, [cut]) is None
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    text = dataset_text(*(record(f"r{n:05d}") for n in range(loader.BIG_FILE_SIZE // 250 + 1)))
    assert len(loader.parse_text(text, PATH).all()) == loader.BIG_FILE_SIZE // 250 + 1


@given(st.text(alphabet="\n\r\x85\u2028\ufeff-.% a", max_size=40))
def test_the_fast_document_marker_check_agrees_with_the_pattern(text: str) -> None:
    assert parallel._has_document_syntax(text) == bool(parallel._DOCUMENT_SYNTAX.search(text))
