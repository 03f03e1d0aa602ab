"""Write a large, schema-valid synthetic dataset for benchmarks.

    python benchmarks/generate.py 10000 big.yaml     # about 7 MB

Records are varied but deterministic (seeded), and pass ``pactcli validate``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

KINDS = ["agreement", "arrangement", "memorandum-of-understanding", "framework", "joint-statement", "initiative"]
#: The legal character data/README.md's rule gives each kind that has one.
RULED = {"framework": "political-declaration", "joint-statement": "political-declaration", "initiative": "forum"}
STATUSES = ["in-force", "expired", "superseded", "concluded"]
WORDS = [
    "defence",
    "industrial",
    "supply",
    "chain",
    "cooperation",
    "logistics",
    "maritime",
    "space",
    "cyber",
    "technology",
    "transfer",
    "interoperability",
    "security",
    "information",
    "exchange",
    "co-production",
    "co-development",
    "training",
    "exercise",
    "procurement",
    "research",
    "innovation",
    "partnership",
    "framework",
    "protocol",
    "annex",
    "liaison",
    "sustainment",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def record(rng: random.Random, i: int) -> str:
    year = rng.randint(1980, 2024)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    kind = rng.choice(KINDS)
    character = RULED.get(kind) or rng.choice(["international-agreement", "non-binding-arrangement", "null"])
    related = f"\n    related:\n      - {{id: synthetic-{i - 1:06d}, relation: builds-on}}" if i else ""
    return f"""  - id: synthetic-{i:06d}
    name: "{sentence(rng, 4)[:-1]} {i}"
    acronym: SYN{i}
    aliases: [syn-alias-{i}]
    kind: {kind}
    date: {date}
    date_kind: signed
    place: Test City {i % 97}
    parties: [IN, US]
    legal_character: {character}
    legal_character_basis: {"not-established" if character == "null" else "text"}
    status: {rng.choice(STATUSES)}
    status_basis: source
    signatories:
      - {{name: Person {i} A, title: Minister of Tests, country: IN}}
    summary: >-
      {sentence(rng, 8)}
    provisions:
      - {sentence(rng, 6)}
    tags: [{rng.choice(WORDS)}, synthetic]{related}
    sources:
      - {{title: "Synthetic source {i}", publisher: Benchmarks, url: "https://example.org/{i}", date: {date},
         kind: official, supports: [date, place, signatories, legal_character, status],
         quotes: {{date: "Signed on {date} in Test City {i % 97}."}}}}
"""


def generate(count: int, path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("schema_version: 2\nagreements:\n")
        for i in range(count):
            out.write(record(rng, i))


def huge_field(chars: int, path: Path) -> None:
    """A one-record dataset whose summary is ``chars`` characters of words (record ``huge``)."""
    rng = random.Random(1)
    words: list[str] = []
    size = 0
    while size < chars:
        words.append(rng.choice(WORDS))
        size += len(words[-1]) + 1
    path.write_text(
        "schema_version: 2\nagreements:\n  - id: huge\n    name: Huge\n    kind: agreement\n"
        "    date: 2020-01-01\n    date_kind: signed\n    parties: [IN, US]\n"
        f"    summary: {' '.join(words)}\n"
        '    sources:\n      - {title: T, url: "https://example.org/huge", kind: press, supports: [date]}\n',
        encoding="utf-8",
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="how many records to write")
    parser.add_argument("path", type=Path, help="the YAML file to write")
    arguments = parser.parse_args()
    generate(arguments.count, arguments.path)
