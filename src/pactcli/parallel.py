"""Use the other cores for a big file: parse it in parts, and write its index behind the answer.

A cold parse spends its time in Python, one record at a time, so on a machine with several
cores the records are divided among processes: the file is cut where a line starts an item of the
top-level ``agreements:`` list, each later part gets an ``agreements:`` line in front of it, and each
process parses and validates its part as a file of its own. Forked children send their records
back pickled, over a pipe only they and this process hold.

A cut is only trusted when nothing about the whole file could differ from its parts:

- the file has no document markers or directives (``---``, ``...``, ``%``), so no part can end or
  start a document that the whole file would not;
- the first part's last top-level key is ``agreements`` and every later part's first is, and each
  part's list sits in the same column: so the cut lies between two items of the one list, not in a
  scalar, a flow collection or a later key (a cut inside a quoted scalar or a flow collection leaves
  the part before it unterminated, which is an error);
- no key outside the list appears in two parts, and an alias can only refer to an anchor of its
  own part (an alias to another part's anchor is an error in its part);
- every part parses and validates without a single problem, and so do the checks across records.

If any of this fails, :func:`parse` returns None and the file is parsed in one piece, which is
also what reports the problems, with their lines and columns.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import itertools
import os
import pickle
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from .errors import DataError

if TYPE_CHECKING:
    from .model import Dataset
    from .validate import Part

MAX_PARTS = 4
_LIST_START = re.compile(r"^agreements:[ \t]*\r?\n( *)-[ \r\n]", re.MULTILINE)
#: A document marker or directive at the start of a line, by YAML's reckoning: after any of its line
#: breaks (a lone CR, NEL, LS and PS too), perhaps behind a byte-order mark.
_DOCUMENT_STARTS = ("---", "...", "%")
_DOCUMENT_SYNTAX = re.compile(
    "(?:^|[\r\x85\u2028\u2029])\ufeff?(?:" + "|".join(map(re.escape, _DOCUMENT_STARTS)) + ")", re.MULTILINE
)
_PREFIX = "agreements:\n"


def _has_document_syntax(text: str) -> bool:
    """Whether a line of ``text`` starts with a document marker or a directive."""
    if any(character in text for character in "\r\x85\u2028\u2029\ufeff"):
        return _DOCUMENT_SYNTAX.search(text) is not None
    # Only LF breaks lines here: three substring searches do what the pattern does, ten times faster.
    return text.startswith(_DOCUMENT_STARTS) or any("\n" + start in text for start in _DOCUMENT_STARTS)


def cores() -> int:
    """How many processors this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def _may_fork() -> bool:
    """Whether this process can fork safely: where fork exists, and with no other thread running
    (a thread holding a lock at the fork would leave the child deadlocked)."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def _list_items(text: str) -> tuple[int, int, re.Pattern[str]] | None:
    """Where the first item of the top-level ``agreements:`` list starts, its indentation, and a
    pattern that matches at the start of every line opening an item there; None if the file does
    not begin its list that way."""
    start = _LIST_START.search(text)
    if start is None:
        return None
    return start.start(1), len(start.group(1)), re.compile("^" + start.group(1) + "-[ \r\n]", re.MULTILINE)


def cuts(text: str, parts: int) -> list[int]:
    """Offsets that cut ``text`` into about ``parts`` equal parts, each at the start of a line that
    opens an item of the top-level ``agreements:`` list (fewer, or none, where there are no such lines)."""
    found = _list_items(text)
    if found is None:
        return []
    position, _, item = found
    offsets: list[int] = []
    for number in range(1, parts):
        opening = item.search(text, max(position + 1, len(text) * number // parts))
        if opening is None:
            break
        offsets.append(opening.start())
        position = opening.start()
    return offsets


def parse(text: str, path: str, progress: Callable[[float], None] | None = None) -> Dataset | None:
    """The validated dataset, parsed in parts in parallel; None if that cannot be done or any part
    has a problem (parse the file in one piece then)."""
    parts = min(MAX_PARTS, cores())
    if parts < 2 or not _may_fork():
        return None
    return parse_parts(text, path, cuts(text, parts), progress)


def parse_parts(
    text: str, path: str, offsets: list[int], progress: Callable[[float], None] | None = None
) -> Dataset | None:
    """The validated dataset from the parts ``text`` is cut into at ``offsets``, each parsed in a
    process of its own (this one takes the first); None if the cuts are unsafe (see the module
    docstring) or a part has a problem."""
    found = _list_items(text)
    if not offsets or found is None or _has_document_syntax(text):
        return None
    previous, indent, item = found
    for offset in offsets:
        if offset <= previous or not item.match(text, offset):
            return None
        previous = offset
    today = _dt.date.today()
    # Each child cuts its own part out of the text it shares with this process, so no copy of the
    # later parts is made here.
    children: list[tuple[int, int]] = []
    results: list[Part | None] = []
    try:
        for begin, end in itertools.pairwise([*offsets, len(text)]):
            children.append(_start(functools.partial(_parse_later_part, text, begin, end, path, today)))
        results.append(_parse_part(text[: offsets[0]], path, today, progress))
    except OSError:  # no more processes or pipes to be had: parse in one piece
        results.append(None)
    finally:
        results.extend(_collect(child) for child in children)
    if any(result is None for result in results):
        return None
    checked: list[Part] = [result for result in results if result is not None]
    if not _fits(checked, indent):
        return None
    from .validate import Builder

    line_offsets = [0] + [text.count("\n", 0, offset) - 1 for offset in offsets]
    return Builder.joined(path, today, checked, line_offsets)


def _fits(parts: list[Part], indent: int) -> bool:
    """Whether the parts are the pieces of one list, cut between its items (see the module docstring)."""
    first, *later = parts
    if first.top_keys[-1] != "agreements":
        return False
    if any(part.top_keys[0] != "agreements" for part in later):
        return False
    if any(len(part.top_keys) > 1 for part in later[:-1]):
        return False
    if any(part.list_column != indent + 1 for part in parts):
        return False
    return not set(first.top_keys) & set(parts[-1].top_keys[1:])


def _parse_part(text: str, path: str, today: _dt.date, progress: Callable[[float], None] | None = None) -> Part | None:
    from . import validate, yamltree

    builder = validate.Builder(path, today)
    try:
        root = yamltree.parse(text, path, progress, on_record=builder.add)
    except DataError:
        return None
    return builder.finish_part(root)


def _parse_later_part(text: str, start: int, end: int, path: str, today: _dt.date) -> Part | None:
    return _parse_part(_PREFIX + text[start:end], path, today)


def _as_child(work: Callable[[], None]) -> NoReturn:
    """End a forked process after ``work``: nothing may escape it (no exception unwinding into the
    parent's code, no atexit handlers, no flush of buffers copied from the parent); exit status 1
    if ``work`` failed."""
    code = 0
    try:
        work()
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _start(job: Callable[[], Part | None]) -> tuple[int, int]:
    """Run ``job`` in a forked child; its process id and the pipe its pickled result arrives on."""
    read, write = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        raise
    if child == 0:

        def send() -> None:
            os.close(read)
            payload = pickle.dumps(job(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)

        _as_child(send)
    os.close(write)
    return child, read


def _collect(child: tuple[int, int]) -> Part | None:
    """The result a child sent, or None if it failed; the child is always reaped."""
    pid, read = child
    try:
        with os.fdopen(read, "rb") as pipe:
            payload = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        return None
    with contextlib.suppress(Exception):
        result: Part | None = pickle.loads(payload)  # from our own child: trusted
        return result
    return None


def detached(job: Callable[[], None]) -> bool:
    """Run ``job`` in a grandchild process that outlives this one; False if that cannot be done.

    Only a single-threaded process forks (forking with other threads running can deadlock the
    child). The grandchild starts its own session, so Ctrl-C on the command does not cut its
    write short (a half-written index is never renamed into place anyway), and it holds
    /dev/null instead of the command's stdin, stdout and stderr, so a pipe reader sees
    end-of-file when the command itself exits. The middle process exits at once and is
    reaped here; the grandchild is reaped by init.
    """
    if not _may_fork():
        return False
    try:
        middle = os.fork()
    except OSError:
        return False
    if middle == 0:

        def detach() -> None:
            os.setsid()
            if os.fork() == 0:
                null = os.open(os.devnull, os.O_RDWR)
                for descriptor in (0, 1, 2):
                    os.dup2(null, descriptor)
                job()

        _as_child(detach)  # the middle process and the grandchild both end here
    with contextlib.suppress(OSError):
        os.waitpid(middle, 0)
    return True
