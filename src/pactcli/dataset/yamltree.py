"""Turn YAML text into a small tree of nodes that remember where they came from.

We build the tree from PyYAML's event stream ourselves instead of calling
``yaml.safe_load``, because the safe loader silently keeps the last of
duplicate keys, resolves YAML 1.1 surprises (``yes`` → True, ``0x1F`` → 31),
forgets line numbers, and — in its libyaml flavour — can crash the whole
process on deeply nested input. Working from events is iterative, so depth is
checked before anything can overflow a stack. This is the only module that
imports PyYAML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ..core.errors import DataError, Problem

MAX_DEPTH = 64
STR_TAG = "tag:yaml.org,2002:str"


@dataclass(eq=False, slots=True)
class Node:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(eq=False, slots=True)
class Scalar(Node):
    value: str
    plain: bool  # written without quotes, so YAML would resolve its type


@dataclass(eq=False, slots=True)
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Mapping(Node):
    # key text -> (key node, value node); insertion-ordered
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


class Stream(Protocol):
    def read(self, size: int) -> str: ...


def parse(stream: str | Stream, path: str, on_record: Callable[[Node], None] | None = None) -> Node | None:
    """Parse one YAML document (text, or a stream with ``read(size)``) into nodes; ``None`` for a
    stream with no document.

    Raises :class:`DataError` for anything that is not plain, single-document,
    tag-free YAML made of mappings with text keys, sequences and scalars.

    With ``on_record``, each item of the top-level ``agreements`` list is handed to it as soon as
    it is complete and is not kept in the tree (the list stays empty), so a big file never holds
    all its nodes at once.
    """
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(stream)  # type: ignore[arg-type]  # PyYAML reads any object with read()

    def problem(message: str, mark: object) -> DataError:
        line = getattr(mark, "line", None)
        column = getattr(mark, "column", None)
        return DataError(
            [
                Problem(
                    path,
                    message,
                    None if line is None else line + 1,
                    None if column is None else column + 1,
                )
            ]
        )

    root: Node | None = None
    documents = 0
    # The open collection (None before the root) and its contents: ``items`` when it is a sequence,
    # ``entries`` and the ``key`` awaiting its value when it is a mapping. Each enclosing
    # collection's state waits on ``stack``. Kept in locals: this loop runs once per YAML event.
    current: Node | None = None
    items: list[Node] | None = None
    entries: dict[str, tuple[Scalar, Node]] | None = None
    key: Scalar | None = None
    stack: list[tuple[Node | None, list[Node] | None, dict[str, tuple[Scalar, Node]] | None, Scalar | None]] = []
    anchors: dict[str, Node] = {}
    streamed: Sequence | None = None  # the top-level 'agreements' list, when records are handed over

    def duplicate(node: Scalar, mark: object) -> DataError:
        assert entries is not None
        first = entries[node.value][0]
        return problem(
            f"duplicate key {node.value!r} (first defined on line {first.line}); "
            "YAML would silently keep only the last one",
            mark,
        )

    def attach(node: Node, mark: object) -> None:
        nonlocal root, key
        if current is None:
            root = node
        elif items is not None:
            items.append(node)
        elif key is None:
            if not isinstance(node, Scalar):
                raise problem("a mapping key must be plain text, not a list or mapping", mark)
            assert entries is not None
            if node.value in entries:
                raise duplicate(node, mark)
            key = node
        else:
            assert entries is not None
            entries[key.value] = (key, node)
            key = None

    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            if kind is ScalarEvent:
                tag = event.tag
                mark = event.start_mark
                if tag is not None and tag != "!" and tag != STR_TAG:
                    raise problem(f"YAML tags are not allowed here ({tag})", mark)
                scalar = Scalar(mark.line + 1, mark.column + 1, event.value, event.implicit[0] and tag is None)
                if event.anchor:
                    anchors[event.anchor] = scalar
                # attach(), inlined for the commonest event
                if items is not None:
                    if current is streamed:
                        assert on_record is not None
                        on_record(scalar)
                    else:
                        items.append(scalar)
                elif key is not None:
                    assert entries is not None
                    entries[key.value] = (key, scalar)
                    key = None
                elif entries is not None:
                    if scalar.value in entries:
                        raise duplicate(scalar, mark)
                    key = scalar
                else:
                    root = scalar
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                mark = event.start_mark
                tag = event.tag
                if tag is not None and tag != "!":
                    raise problem(f"YAML tags are not allowed here ({tag})", mark)
                if len(stack) >= MAX_DEPTH:
                    raise problem(f"nesting deeper than {MAX_DEPTH} levels", mark)
                node: Node
                if kind is SequenceStartEvent:
                    sequence = Sequence(mark.line + 1, mark.column + 1)
                    if (
                        on_record is not None
                        and len(stack) == 1
                        and current is root
                        and key is not None
                        and key.value == "agreements"
                    ):
                        streamed = sequence
                    node, opened_items, opened_entries = sequence, sequence.items, None
                else:
                    mapping = Mapping(mark.line + 1, mark.column + 1)
                    node, opened_items, opened_entries = mapping, None, mapping.entries
                if event.anchor:
                    anchors[event.anchor] = node
                if current is None or current is not streamed:
                    attach(node, mark)  # a streamed record is handed over when it ends instead
                stack.append((current, items, entries, key))
                current, items, entries, key = node, opened_items, opened_entries, None
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                finished = current
                current, items, entries, key = stack.pop()
                if current is streamed and current is not None:
                    assert on_record is not None and finished is not None
                    on_record(finished)
            elif kind is AliasEvent:
                target = anchors.get(event.anchor)
                if target is None:
                    raise problem(f"alias *{event.anchor} refers to no anchor", event.start_mark)
                if current is not None and current is streamed:
                    assert on_record is not None
                    on_record(target)
                else:
                    attach(target, event.start_mark)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise problem("the file holds more than one YAML document; use one", event.start_mark)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise problem(f"not valid YAML: {message}", mark) from None
    except yaml.YAMLError as error:
        raise problem(f"not valid YAML: {error}", None) from None
    finally:
        loader.dispose()
    return root
