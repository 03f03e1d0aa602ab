"""The aligned grid behind ``list`` and ``search`` on a terminal: records in columns, one column
wrapping to fit, laid out here rather than by Rich's ``Table`` (and without importing it: the
default ``list`` is the command people run most)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Span, Text

from ..core.sanitize import visible
from .styles import UNKNOWN, binding_text, date_kind_words, safe, status_text

if TYPE_CHECKING:
    from ..core.model import Agreement, PartialDate
    from ..core.summary import Summary


def instrument(agreement: Agreement | Summary) -> Text:
    """How a record is named in a table: its id (what ``show`` takes), the acronym if it says more,
    then the full name."""
    parts: list[tuple[str, str] | str] = [(visible(agreement.id), "bold cyan"), " "]
    if agreement.acronym and agreement.acronym.casefold() != agreement.id:
        parts += [(visible(agreement.acronym), "bold"), " "]
    parts.append(visible(agreement.name))
    return Text.assemble(*parts)


STACK_BELOW_WIDTH = 100  # narrower than this, a listing puts each record's facts under its name


_WORD = re.compile(r"\S+\s*")


def _ranges(plain: str, width: int) -> list[tuple[int, int]]:
    """Where ``plain`` breaks into lines of at most ``width`` cells: (start, end) of each line,
    trailing spaces left out. Breaks at spaces, inside a word only if it is longer than a line.

    A greedy wrap over the plain string: Rich's own ``Text.wrap`` gives the same lines for the
    names of a listing but builds a ``Text`` for every line and costs about ten times as much.
    """
    lines: list[tuple[int, int]] = []
    base = 0
    for paragraph in plain.split("\n"):
        starts = [0]
        used = 0
        for match in _WORD.finditer(paragraph):
            word = match.group()
            size = cell_len(word.rstrip())
            if used and used + size > width:
                starts.append(match.start())
                used = 0
            while size > width:  # a word wider than the column: fold it
                start = starts[-1] if starts[-1] >= match.start() else match.start()
                starts.append(start + width)
                size -= width
            used += size + cell_len(word) - cell_len(word.rstrip())
        ends = [*starts[1:], len(paragraph)]
        for start, end in zip(starts, ends, strict=True):
            lines.append((base + start, base + len(paragraph[start:end].rstrip()) + start))
        base += len(paragraph) + 1
    return lines


def _lines(plain: str) -> list[tuple[int, int]]:
    """Where each line of ``plain`` starts and ends (a cell of a column that does not wrap)."""
    found, start = [], 0
    for line in plain.split("\n"):
        found.append((start, start + len(line)))
        start += len(line) + 1
    return found


class _Builder:
    """One ``Text`` assembled from pieces with their spans moved into place (no per-piece copies)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.position = 0

    def add(self, text: str, style: str = "") -> None:
        end = self.position + len(text)
        if style:
            self.spans.append(Span(self.position, end, style))
        self.parts.append(text)
        self.position = end

    def add_range(self, text: Text, start: int, end: int) -> None:
        """Characters ``start`` to ``end`` of ``text``, with the parts of its spans that fall there."""
        offset = self.position - start
        if text.style:
            self.spans.append(Span(self.position, self.position + end - start, text.style))
        for span in text.spans:
            if span.end > start and span.start < end:
                self.spans.append(Span(max(span.start, start) + offset, min(span.end, end) + offset, span.style))
        self.parts.append(text.plain[start:end])
        self.position += end - start

    def text(self) -> Text:
        return Text("".join(self.parts), spans=self.spans)


def grid(console: Console, headings: Sequence[str], rows: Sequence[Sequence[Text]], flex: int) -> Text:
    """Rows laid out in aligned columns; the ``flex`` column wraps to fit the width.

    Rich's ``Table`` measures every cell through its full layout engine, which costs
    tens of milliseconds for a few dozen rows; a listing needs only aligned columns.
    """
    gap = 2
    widths = [
        max([len(h), *(cell_len(line) for row in rows for line in row[i].plain.split("\n"))])
        for i, h in enumerate(headings)
    ]
    fixed = sum(w for i, w in enumerate(widths) if i != flex) + gap * (len(widths) - 1)
    widths[flex] = max(12, min(widths[flex], console.width - fixed))
    out = _Builder()
    out.add((" " * gap).join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip(), "bold")
    out.add("\n")
    out.add("─" * min(console.width, sum(widths) + gap * (len(widths) - 1)), "dim")
    for row in rows:
        lines = [_ranges(cell.plain, widths[i]) if i == flex else _lines(cell.plain) for i, cell in enumerate(row)]
        for n in range(max(len(cell_lines) for cell_lines in lines)):
            out.add("\n")
            pad = 0  # spaces owed before the next non-empty cell, so no line ends in blanks
            for i, cell_lines in enumerate(lines):
                start, end = cell_lines[n] if n < len(cell_lines) else (0, 0)
                if end > start:
                    out.add(" " * pad)
                    out.add_range(row[i], start, end)
                    pad = widths[i] - cell_len(row[i].plain[start:end]) + gap
                else:
                    pad += widths[i] + gap
    return out.text()


def when(date: PartialDate | None, date_kind: str | None) -> Text:
    """A record's date, with what it is below it unless it is a signing."""
    shown = safe(str(date) if date else UNKNOWN)
    if date_kind and date_kind != "signed":
        shown.append(f"\n{date_kind_words(date_kind)}", style="dim italic")
    return shown


def list_table(console: Console, summaries: Sequence[Summary]) -> Text:
    """The default listing: one row per record, its name wrapping to fit (the fast path)."""
    rows = []
    for summary in summaries:
        date = when(summary.date, summary.date_kind)
        facts = [safe(summary.kind), binding_text(summary.binding), status_text(summary.status)]
        rows.append([date, instrument(summary), *facts])
    if console.width >= STACK_BELOW_WIDTH:
        return grid(console, ["Date", "Instrument", "Kind", "Binding", "Status"], rows, 1)
    # Narrow terminal: the name gets the whole line, its facts go on the line below.
    stacked = [[date, Text("\n").join([name, Text(" · ", style="dim").join(facts)])] for date, name, *facts in rows]
    return grid(console, ["Date", "Instrument · kind · binding · status"], stacked, 1)


def search_results(console: Console, hits: Sequence[Any], words: Sequence[str]) -> Text:
    """Ranked hits with the matched words highlighted."""
    rows = []
    for hit in hits:
        agreement = hit.agreement
        name = instrument(agreement)
        for word in words:  # "geospatial" also lights up "Geo-Spatial"
            name.highlight_regex("(?i)" + "[-\\s]?".join(re.escape(char) for char in word), style="reverse")
        date_kind = agreement.date_kind.value if agreement.date_kind else None
        rows.append([when(agreement.date, date_kind), name, safe(", ".join(hit.fields[:3]), "dim")])
    return grid(console, ["Date", "Instrument", "Matched in"], rows, 1)
