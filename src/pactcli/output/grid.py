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
from ..core.vocabulary import SHORT_KINDS
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


def kind_text(kind: str, short: bool) -> Text:
    return safe(SHORT_KINDS.get(kind, kind) if short else kind)


def _longest_id(records: Sequence[Any]) -> int:
    """The width of the widest id: the least a column that starts with ids may have, so that no id
    is ever broken across lines."""
    return max((cell_len(visible(r.id)) for r in records), default=0)


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


GAP = 2


def _widths(headings: Sequence[str], rows: Sequence[Sequence[Text]]) -> list[int]:
    return [
        max([len(h), *(cell_len(line) for row in rows for line in row[i].plain.split("\n"))])
        for i, h in enumerate(headings)
    ]


def room(console: Console, headings: Sequence[str], rows: Sequence[Sequence[Text]], flex: int) -> int:
    """How wide the ``flex`` column can be beside the others."""
    widths = _widths(headings, rows)
    return console.width - sum(w for i, w in enumerate(widths) if i != flex) - GAP * (len(widths) - 1)


def grid(
    console: Console, headings: Sequence[str], rows: Sequence[Sequence[Text]], flex: int, *, rule: bool = True
) -> Text:
    """Rows laid out in aligned columns; the ``flex`` column wraps to fit the width.

    Rich's ``Table`` measures every cell through its full layout engine, which costs
    tens of milliseconds for a few dozen rows; a listing needs only aligned columns.
    """
    gap = GAP
    widths = _widths(headings, rows)
    widths[flex] = max(12, min(widths[flex], room(console, headings, rows, flex)))
    out = _Builder()
    if rule:
        out.add((" " * gap).join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip(), "bold")
        out.add("\n")
        out.add("─" * min(console.width, sum(widths) + gap * (len(widths) - 1)), "dim")
    for number, row in enumerate(rows):
        lines = [_ranges(cell.plain, widths[i]) if i == flex else _lines(cell.plain) for i, cell in enumerate(row)]
        for n in range(max(len(cell_lines) for cell_lines in lines)):
            if rule or number or n:
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


def _fitted(console: Console, headings: Sequence[str], build: Any, need: int, stacked_headings: Sequence[str]) -> Text:
    """The widest layout that keeps every id whole: ``build(short, stacked)`` makes the rows; the
    flex column (the second) must hold ``need`` cells, first with full kinds, then short ones, then
    with the other facts stacked under the name."""
    for short in (False, True):
        rows = build(short, False)
        if room(console, headings, rows, 1) >= need:
            return grid(console, headings, rows, 1)
    return grid(console, stacked_headings, build(False, True), 1)


def _stack(name: Text, facts: Sequence[Text]) -> Text:
    return Text("\n").join([name, Text(" · ", style="dim").join(facts)])


def list_table(console: Console, summaries: Sequence[Summary]) -> Text:
    """The default listing: one row per record, its name wrapping to fit (the fast path)."""

    def build(short: bool, stacked: bool) -> list[list[Text]]:
        rows = []
        for summary in summaries:
            facts = [kind_text(summary.kind, short), binding_text(summary.binding), status_text(summary.status)]
            date, name = when(summary.date, summary.date_kind), instrument(summary)
            rows.append([date, _stack(name, facts)] if stacked else [date, name, *facts])
        return rows

    headings = ["Date", "Instrument", "Kind", "Binding", "Status"]
    return _fitted(console, headings, build, _longest_id(summaries), ["Date", "Instrument · kind · binding · status"])


def search_results(console: Console, hits: Sequence[Any], words: Sequence[str]) -> Text:
    """Ranked hits with the matched words highlighted, and the fields they matched in."""

    def build(short: bool, stacked: bool) -> list[list[Text]]:
        rows = []
        for hit in hits:
            agreement = hit.agreement
            name = instrument(agreement)
            for word in words:  # "geospatial" also lights up "Geo-Spatial"
                name.highlight_regex("(?i)" + "[-\\s]?".join(re.escape(char) for char in word), style="reverse")
            date_kind = agreement.date_kind.value if agreement.date_kind else None
            matched = safe(", ".join(hit.fields[:3]), "dim")
            date = when(agreement.date, date_kind)
            rows.append(
                [date, _stack(name, [Text("matched in: ", style="dim") + matched])]
                if stacked
                else [date, name, matched]
            )
        return rows

    return _fitted(
        console,
        ["Date", "Instrument", "Matched in"],
        build,
        _longest_id([h.agreement for h in hits]),
        ["Date", "Instrument"],
    )


def year_heading(year: int | None) -> Text:
    return Text(str(year) if year is not None else "Not yet dated", style="bold underline")


def timeline(console: Console, groups: Sequence[tuple[int | None, Sequence[Summary]]]) -> Text:
    """Years as headings over one grid, so the columns line up across years; the binding marker
    before each name, the legend at the end."""
    from .styles import BINDING_MARK, legend

    def build(short: bool, stacked: bool) -> list[list[Text]]:
        rows: list[list[Text]] = []
        for index, (year, summaries) in enumerate(groups):
            blank = [Text(), Text()] if stacked else [Text(), Text(), Text()]
            rows += [blank] if index else []
            rows.append([year_heading(year), *blank[1:]])
            for summary in summaries:
                day = "" if summary.date is None else str(summary.date)[5:] or UNKNOWN
                mark, style = BINDING_MARK[summary.binding]
                name = Text.assemble((mark, style), " ", instrument(summary))
                kind = kind_text(summary.kind, short)
                if summary.date_kind and summary.date_kind != "signed":
                    kind.append(f"{' · ' if stacked else chr(10)}{date_kind_words(summary.date_kind)}", style="italic")
                rows.append(
                    [Text(day, style="dim"), _stack(name, [kind]) if stacked else name, *([] if stacked else [kind])]
                )
        return rows

    need = _longest_id([s for _, summaries in groups for s in summaries]) + 2
    layout = _fitted(console, ["", "", ""], build, need, ["", ""])
    body = Text("\n").join(layout.split("\n")[2:])  # no heading row or rule
    return Text.assemble(body, "\n\n", legend())


def groups(console: Console, grouped: Sequence[tuple[str, Sequence[Any]]], by: str) -> Text:
    """``compare --by``: each group under its heading, one line per record: its date and id."""
    parts = []
    for label, records in grouped:
        rows = [[safe(str(r.date) if r.date else UNKNOWN, "dim"), instrument(r)] for r in records]
        parts += [
            safe(f"{by}: {label} ({len(records)})", "bold underline"),
            grid(console, ["", ""], rows, 1, rule=False),
        ]
    return Text("\n\n").join(parts)


def people(console: Console, persons: Sequence[Any]) -> Text:
    """Each signatory with title(s), then one line per instrument signed: its year and id."""
    parts = []
    for person in persons:
        head = Text.assemble(safe(person.name, "bold"), safe(f" ({person.country})", "dim"))
        if person.titles:
            head.append_text(Text("\n  ") + safe("; ".join(person.titles)))
        rows = [
            [Text(), safe(str(s.agreement.year or UNKNOWN), "dim"), instrument(s.agreement)] for s in person.signings
        ]
        parts.append(Text("\n").join([head, grid(console, ["", "", ""], rows, 2, rule=False)]))
    return Text("\n\n").join(parts)
