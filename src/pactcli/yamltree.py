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

from .errors import DataError, Problem

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


def parse(
    text: str,
    path: str,
    progress: Callable[[float], None] | None = None,
    on_record: Callable[[Node], None] | None = None,
) -> Node | None:
    """Parse one YAML document into nodes; ``None`` for a stream with no document.

    Raises :class:`DataError` for anything that is not plain, single-document,
    tag-free YAML made of mappings with text keys, sequences and scalars.

    With ``on_record``, each item of the top-level ``agreements`` list is handed to it as soon as
    it is complete and is not kept in the tree (the list stays empty), so a big file never holds
    all its nodes at once.
    """
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)

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
    # Each stack entry: (container, pending mapping key or None)
    stack: list[list[object]] = []
    anchors: dict[str, Node] = {}

    def attach(node: Node, mark: object) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, Sequence):
            container.items.append(node)
            return
        assert isinstance(container, Mapping)
        key = top[1]
        if key is None:
            if not isinstance(node, Scalar):
                raise problem("a mapping key must be plain text, not a list or mapping", mark)
            if node.value in container.entries:
                first = container.entries[node.value][0]
                raise problem(
                    f"duplicate key {node.value!r} (first defined on line {first.line}); "
                    "YAML would silently keep only the last one",
                    mark,
                )
            top[1] = node
        else:
            assert isinstance(key, Scalar)
            container.entries[key.value] = (key, node)
            top[1] = None

    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    streamed: Sequence | None = None  # the top-level 'agreements' list, when records are handed over
    get_event = loader.get_event
    size = max(1, len(text))
    events = 0
    try:
        while True:
            event = get_event()
            if event is None:
                break
            events += 1
            kind = type(event)
            if kind is ScalarEvent:
                tag = event.tag
                if tag is not None and tag != "!" and tag != STR_TAG:
                    raise problem(f"YAML tags are not allowed here ({tag})", event.start_mark)
                mark = event.start_mark
                node: Node = Scalar(mark.line + 1, mark.column + 1, event.value, event.implicit[0] and tag is None)
                if event.anchor:
                    anchors[event.anchor] = node
                if streamed is not None and stack[-1][0] is streamed:
                    assert on_record is not None
                    on_record(node)
                else:
                    attach(node, mark)
            elif kind is SequenceStartEvent or kind is MappingStartEvent:
                mark = event.start_mark
                tag = event.tag
                if tag is not None and tag != "!":
                    raise problem(f"YAML tags are not allowed here ({tag})", mark)
                if len(stack) >= MAX_DEPTH:
                    raise problem(f"nesting deeper than {MAX_DEPTH} levels", mark)
                node = (
                    Sequence(mark.line + 1, mark.column + 1)
                    if kind is SequenceStartEvent
                    else Mapping(mark.line + 1, mark.column + 1)
                )
                if event.anchor:
                    anchors[event.anchor] = node
                if (
                    on_record is not None
                    and kind is SequenceStartEvent
                    and len(stack) == 1
                    and isinstance(stack[0][0], Mapping)
                    and isinstance(stack[0][1], Scalar)
                    and stack[0][1].value == "agreements"
                ):
                    streamed = node  # type: ignore[assignment]
                attach(node, mark)
                stack.append([node, None])
                if progress is not None and events > 50_000:
                    events = 0
                    progress(mark.index / size)
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                finished = stack.pop()[0]
                if streamed is not None and stack and stack[-1][0] is streamed:
                    assert on_record is not None
                    streamed.items.pop()  # attached when it started; handed over now it is complete
                    on_record(finished)  # type: ignore[arg-type]
            elif kind is AliasEvent:
                target = anchors.get(event.anchor)
                if target is None:
                    raise problem(f"alias *{event.anchor} refers to no anchor", event.start_mark)
                if streamed is not None and stack[-1][0] is streamed:
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
