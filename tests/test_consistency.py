"""The dataset agrees with itself and with the rules data/README.md states.

Each check is a function of the records (read with plain ``yaml.safe_load``) that returns the
problems it finds, so that a message names the record and the claim; the rules are read from
data/README.md, not from pactcli's code, so the code's copy is checked against the documented one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from tests.conftest import ROOT, raw_records

Record = dict[str, Any]

README = (ROOT / "data" / "README.md").read_text(encoding="utf-8")

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "eighteenth": 18,
}  # fmt: skip
#: Words that place an instrument in a series or above others.
ORDINAL = re.compile(
    r"\b(?:" + "|".join(ORDINALS) + r"|last|latest|final|largest|biggest|earliest|oldest|inaugural|maiden"
    r"|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|twenty-five)"
#: A duration the text gives the instrument itself ("a ten-year framework", "valid for 10 years").
TERM = re.compile(
    rf"\b{NUMBER}[- ]years?[- ](?:term|framework|agreement|arrangement|validity|period|duration|extension)\b"
    rf"|\b(?:valid|validity|term|duration|in force|extended|renewed|runs?|lasts?)\b(?: for)?(?: a period of)?"
    rf"(?: another| a further)? {NUMBER}[- ]years?\b",
    re.IGNORECASE,
)
REPLACES = ("renews", "supersedes")


def _text(record: Record, *fields: str) -> str:
    return " ".join(record.get(f) or "" for f in fields)


def _quotes(record: Record) -> str:
    return " ".join(q for s in record["sources"] for q in (s.get("quotes") or {}).values()).lower()


def _sentences(text: str) -> Iterable[str]:
    return re.split(r"(?<=[.;])\s+", text)


def named_sets() -> dict[str, set[str]]:
    """The tags data/README.md says name a set, each with the ids it lists (``- `tag`: `a`, `b` ...``)."""
    section = README.split("### Tags that name a set", 1)[1].split("\n#", 1)[0]
    sets = {}
    for line in section.splitlines():
        if match := re.match(r"- `([a-z0-9-]+)`: (.*)", line):
            sets[match[1]] = set(re.findall(r"`([a-z0-9-]+)`", match[2].split("—")[0]))
    return sets


def character_rules() -> dict[tuple[str, str], str]:
    """The README's table of legal character by kind or tag: (``kind``/``tag``, value) -> character."""
    section = README.split("### Legal character by rule", 1)[1].split("\n#", 1)[0]
    rules = {}
    for row in re.finditer(r"^\| (kind|tag) `([a-z-]+)` \| `([a-z-]+)` \|", section, re.MULTILINE):
        rules[(row[1], row[2])] = row[3]
    return rules


def _rank(record: Record, members: list[Record]) -> tuple[int, int]:
    dated = sorted(members, key=lambda r: r["date"] or "9999")
    return dated.index(record) + 1, len(dated)


# --- the checks ---------------------------------------------------------------------------------


def ordinal_problems(records: list[Record]) -> list[str]:
    """An ordinal or superlative in a summary or note is said by a quoted source of the record; one
    that places an instrument in a named set (in its summary, near the set's name) agrees with the
    dates of the set's members in the dataset."""
    problems = []
    sets = {tag: [r for r in records if tag in (r.get("tags") or [])] for tag in named_sets()}
    for record in records:
        quoted = _quotes(record)
        for field in ("summary", "notes"):
            for sentence in _sentences(_text(record, field)):
                for match in ORDINAL.finditer(sentence):
                    word = match[0].lower()
                    in_set = [
                        t
                        for t in sets
                        if record in sets[t] and t.replace("-", " ") in sentence.lower().replace("-", " ")
                    ]
                    if field == "summary" and in_set and word in (*ORDINALS, "last"):
                        rank, size = _rank(record, sets[in_set[0]])
                        claimed = size if word == "last" else ORDINALS[word]
                        if claimed != rank:
                            problems.append(f"{record['id']}: says {word!r} of {in_set[0]}, but is {rank} of {size}")
                    elif word not in quoted:
                        problems.append(f"{record['id']}: {field} says {word!r}, which no quote of its sources says")
    return problems


def named_set_problems(records: list[Record]) -> list[str]:
    """A tag that names a set holds exactly the records data/README.md lists for it."""
    problems = []
    for tag, listed in named_sets().items():
        tagged = {r["id"] for r in records if tag in (r.get("tags") or [])}
        if tagged != listed:
            problems.append(f"tag {tag!r} holds {sorted(tagged)}, data/README.md lists {sorted(listed)}")
    return problems


def term_problems(records: list[Record]) -> list[str]:
    """A record whose text gives the instrument a term has an expiry date."""
    problems = []
    for record in records:
        text = _text(record, "summary", "notes") + " " + " ".join(record.get("provisions") or [])
        if (match := TERM.search(text)) and record.get("expires") is None:
            problems.append(f"{record['id']}: states a term ({match[0]!r}) but expires is empty")
    return problems


def successor_problems(records: list[Record]) -> list[str]:
    """A superseded record is renewed or superseded by a record that says so, and a record renewed
    or superseded by another is superseded."""
    replaced = {rel["id"]: r["id"] for r in records for rel in r.get("related") or [] if rel["relation"] in REPLACES}
    problems = []
    for record in records:
        if record.get("status") == "superseded" and record["id"] not in replaced:
            problems.append(f"{record['id']}: superseded, but no record renews or supersedes it")
        if record["id"] in replaced and record.get("status") != "superseded":
            problems.append(
                f"{record['id']}: {replaced[record['id']]} replaces it, but its status is {record.get('status')}"
            )
    return problems


def character_rule_problems(records: list[Record]) -> list[str]:
    """Every record of a kind or tag in the README's table has the legal character the table gives."""
    problems = []
    for (field, value), character in character_rules().items():
        for record in records:
            covered = record["kind"] == value if field == "kind" else value in (record.get("tags") or [])
            if covered and record.get("legal_character") != character:
                problems.append(
                    f"{record['id']}: {field} {value} gives {character}, not {record.get('legal_character')}"
                )
    return problems


def unknown_character_problems(records: list[Record]) -> list[str]:
    """At most 15 records leave the legal character unknown, each saying why in its notes."""
    unknown = [r for r in records if r.get("legal_character") is None]
    problems = [f"{len(unknown)} records have no legal character (at most 15)"] if len(unknown) > 15 else []
    return problems + [
        f"{r['id']}: notes do not say why the legal character is not established"
        for r in unknown
        if "Legal character not established:" not in (r.get("notes") or "")
    ]


def primary_source_problems(records: list[Record]) -> list[str]:
    """At least 75 % of records cite an official source, a labelled mirror of one, or the firm
    party to a contract."""
    primary = [r for r in records if any(s["kind"] in ("official", "mirror", "company") for s in r["sources"])]
    share = len(primary) / len(records)
    return [] if share >= 0.75 else [f"{len(primary)} of {len(records)} records cite a primary source ({share:.0%})"]


#: What only makes sense in the history of the file or to its editor: record history, audit
#: language, field names and YAML words.
NOT_FOR_READERS = re.compile(
    r"\brevision\b|\bre-read\b|\bre-checked\b|\b(?:the|this) record\b|\brecord's\b|\bpreviously\b|\baudit"
    r"|master list|\bnull\b|\bin_force\b|\blegal_character\b|\bdate_kind\b|\bstatus_basis\b|\bsupports\b"
    r"|\bsigned holds\b|\bbinding (?:is|was|stays) (?:true|false|null|unknown)\b|Binding unknown",
    re.IGNORECASE,
)


def notes_problems(records: list[Record]) -> list[str]:
    """Notes speak to a reader: no record history, audit language or field names; and each gap the
    record leaves (no signatories, no legal character, no status) is explained in the words
    data/README.md gives."""
    problems = []
    for record in records:
        notes = record.get("notes") or ""
        problems += [f"{record['id']}: notes say {m[0]!r}" for m in NOT_FOR_READERS.finditer(notes)]
        gaps = {
            "No signatories reported": not record.get("signatories"),
            "Current status not established:": record.get("status") is None,
        }
        problems += [
            f"{record['id']}: notes lack {words!r}" for words, gap in gaps.items() if gap and words not in notes
        ]
    return problems


CHECKS = [
    notes_problems,
    ordinal_problems,
    named_set_problems,
    term_problems,
    successor_problems,
    character_rule_problems,
    unknown_character_problems,
    primary_source_problems,
]


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_the_dataset_is_consistent(check: Any) -> None:
    assert check(raw_records()) == []


# --- the checks find what they look for ----------------------------------------------------------


def _record(**values: Any) -> Record:
    base = {"id": "x", "kind": "agreement", "date": "2020-01-01", "tags": [], "related": [], "sources": []}
    return base | values


def test_the_readme_defines_the_sets_and_rules_the_checks_read() -> None:
    assert named_sets()["foundational"] == {"gsomia", "lemoa", "comcasa", "beca"}
    assert character_rules()[("kind", "dialogue")] == "forum"
    assert len(character_rules()) >= 8


def test_an_unquoted_ordinal_and_a_wrong_rank_are_found() -> None:
    first = _record(id="a", date="2002-01-17", tags=["foundational"], summary="The first foundational agreement.")
    second = _record(id="b", date="2016-08-29", tags=["foundational"], summary="The third foundational pact.")
    quoted = _record(id="c", summary="The largest sale.", sources=[{"quotes": {"kind": "the largest sale yet"}}])
    unquoted = _record(id="d", notes="India's first such deal.")
    problems = ordinal_problems([first, second, quoted, unquoted])
    assert problems == [
        "b: says 'third' of foundational, but is 2 of 2",
        "d: notes says 'first', which no quote of its sources says",
    ]


def test_a_stated_term_without_expiry_and_a_one_way_succession_are_found() -> None:
    assert term_problems([_record(summary="A ten-year framework.")])
    assert term_problems([_record(notes="valid for 10 years", expires="2030")]) == []
    assert not term_problems([_record(notes="about two years after the request")])
    old, new = _record(id="old", status="in-force"), _record(id="new", related=[{"id": "old", "relation": "renews"}])
    assert successor_problems([old, new]) == ["old: new replaces it, but its status is in-force"]
    assert successor_problems([_record(id="lone", status="superseded")])
