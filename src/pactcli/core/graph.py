"""How records relate: edges, neighbourhoods and text formats for documents (Mermaid, DOT)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .model import Agreement


class Edge(NamedTuple):
    source: str
    target: str
    relation: str


def edges(agreements: Iterable[Agreement]) -> list[Edge]:
    return [Edge(a.id, r.id, r.relation.value) for a in agreements for r in a.related]


def edges_within(agreements: Sequence[Agreement]) -> list[Edge]:
    """The relations whose both ends are among ``agreements``."""
    ids = {a.id for a in agreements}
    return [e for e in edges(agreements) if e.target in ids]


def neighbourhood(agreements: Sequence[Agreement], center: str, depth: int = 1) -> list[Agreement]:
    """``center`` and every record within ``depth`` relation steps of it, either direction."""
    all_edges = edges(agreements)
    reached = {center}
    frontier = {center}
    for _ in range(depth):
        step = {e.target for e in all_edges if e.source in frontier} | {
            e.source for e in all_edges if e.target in frontier
        }
        frontier = step - reached
        reached |= step
    return [a for a in agreements if a.id in reached]


def connected(agreements: Sequence[Agreement]) -> list[Agreement]:
    """The records that take part in at least one relation."""
    ids = {end for e in edges(agreements) for end in (e.source, e.target)}
    return [a for a in agreements if a.id in ids]


def to_dict(agreements: Sequence[Agreement]) -> dict[str, Any]:
    return {
        "nodes": [{"id": a.id, "label": a.label, "year": a.year} for a in agreements],
        "edges": [e._asdict() for e in edges_within(agreements)],
    }


def node_label(agreement: Agreement) -> str:
    """The short name, with the year unless the name already holds it."""
    if agreement.year is None or str(agreement.year) in agreement.label:
        return agreement.label
    return f"{agreement.label} ({agreement.year})"


def mermaid(agreements: Sequence[Agreement]) -> str:
    def node(key: str) -> str:
        return "n_" + key.replace("-", "_")

    def text(value: str) -> str:
        return "".join(f"#{ord(c)};" if c in '"#<>[]{}()|`\\' or ord(c) < 32 else c for c in value)

    lines = ["graph LR"]
    lines += [f'  {node(a.id)}["{text(node_label(a))}"]' for a in agreements]
    lines += [f"  {node(e.source)} -->|{e.relation}| {node(e.target)}" for e in edges_within(agreements)]
    return "\n".join(lines) + "\n"


def dot(agreements: Sequence[Agreement]) -> str:
    def quoted(value: str) -> str:
        escaped = "".join(
            f"\\\\x{ord(c):02x}" if ord(c) < 32 else c for c in value.replace("\\\\", "\\\\\\\\").replace('"', '\\\\"')
        )
        return f'"{escaped}"'

    lines = ["digraph pactcli {", "  rankdir=LR;", "  node [shape=box];"]
    lines += [f"  {quoted(a.id)} [label={quoted(node_label(a))}];" for a in agreements]
    lines += [
        f"  {quoted(e.source)} -> {quoted(e.target)} [label={quoted(e.relation)}];" for e in edges_within(agreements)
    ]
    lines.append("}")
    return "\n".join(lines) + "\n"
