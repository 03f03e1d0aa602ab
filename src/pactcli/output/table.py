"""The ``table`` format on a terminal: Rich tables, panels and trees.

Each function builds a renderable for :func:`console.render` (listings use :mod:`.grid`). Data
strings reach Rich only through :func:`styles.safe`, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..core.fields import BY_NAME, FieldType
from ..core.provenance import basis, latest_source_date
from ..core.sanitize import visible
from ..core.vocabulary import DateKind, StatusBasis, value_of
from . import grid as grids
from .grid import year_heading
from .styles import UNKNOWN, binding_text, cell, date_kind_words, safe, status_text

if TYPE_CHECKING:
    from ..core.model import Agreement, PartialDate, Source


#: Field types whose cells are short and never wrap in a table of chosen fields.
_NO_WRAP = frozenset({FieldType.SLUG, FieldType.DATE, FieldType.YEAR, FieldType.BOOL, FieldType.CHOICE})


def _field_columns(table: Table, fields: Sequence[str]) -> None:
    for name in fields:
        kind = BY_NAME[name].type if name in BY_NAME else None
        table.add_column(name, no_wrap=kind in _NO_WRAP, overflow="fold")


def records(rows: Sequence[Mapping[str, Any]], fields: Sequence[str]) -> Table:
    """A table of the chosen fields, one row per record (Rich lays any column set out)."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    _field_columns(table, fields)
    for row in rows:
        table.add_row(*(cell(name, row[name]) for name in fields))
    return table


def _date(value: PartialDate | None) -> Text | None:
    return None if value is None else Text(f"{value}  ({value.precision} precision)")


def _people(agreement: Agreement) -> Text:
    people = Text()
    for i, person in enumerate(agreement.signatories):
        if i:
            people.append("\n")
        people.append_text(safe(person.name, "bold"))
        people.append_text(safe(f", {person.title}" if person.title else ""))
        people.append(f" ({person.country})", style="dim")
    return people


def _related(agreement: Agreement, labels: Mapping[str, str]) -> Text:
    return Text("\n").join(
        Text.assemble(
            Text(f"{r.relation.value} ", style="dim"),
            safe(labels.get(r.id, r.id), "bold"),
            Text(f" ({r.id})", style="dim"),
        )
        for r in agreement.related
    )


def source_title(source: Source) -> Text:
    """A source's title, then its publisher, date and kind, dimmed."""
    title = safe(source.title)
    kind = f"mirror of {source.mirror_of}" if source.mirror_of else source.kind.value
    extra = ", ".join(x for x in (source.publisher, str(source.date) if source.date else None, kind) if x)
    if extra:
        title.append_text(safe(f" — {extra}", "dim"))
    return title


def numbered(label: str, lines: Sequence[Text]) -> Table:
    """``label`` beside ``lines``, which wrap under each other, not under the label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for index, line in enumerate(lines):
        grid.add_row(label if index == 0 else "", line)
    return grid


def _sources(agreement: Agreement) -> Group:
    """The numbered sources under a record's panel: outside the box, so each URL stays whole on one
    line (and is a link on a terminal) however long it is."""
    parts: list[RenderableType] = [Text("Sources", style="bold cyan")]
    for number, source in enumerate(agreement.sources, 1):
        title = source_title(source)
        if source.supports:
            title.append_text(safe(f" [supports: {', '.join(source.supports)}]", "cyan"))
        parts += [numbered(f"{number:>2}.", [title]), url_text(source.url, "    ")]
    return Group(*parts)


def _with_basis(value: Text, words: str | None) -> Text:
    """A value with what it rests on after it, dimmed (a value shown as not established is not
    told so twice)."""
    if words and words.startswith(value.plain + ": "):
        words = words.removeprefix(value.plain + ": ")
    if words:
        value.append_text(safe(f"  ({words})", "dim"))
    return value


def _what_date(agreement: Agreement) -> str:
    return f": its date is {date_kind_words(agreement.date_kind)}" if agreement.date_kind else ""


def _detailvalue_of(agreement: Agreement, name: str, labels: Mapping[str, str], fields: Sequence[str]) -> Text | None:
    """How the ``show`` panel presents one field; None leaves the row out (nothing known)."""
    match name:
        case "name":
            return safe(agreement.name, "bold")
        case "signed":
            return _date(agreement.signed) or Text(f"not signed{_what_date(agreement)}", style="magenta")
        case "date":
            if agreement.date is None:
                return Text("not yet dated", style="magenta")
            what = [] if agreement.date_kind is DateKind.SIGNED else [date_kind_words(agreement.date_kind)]
            return Text(f"{agreement.date}  ({'; '.join([*what, f'{agreement.date.precision} precision'])})")
        case "date_kind":
            return None if "date" in fields else cell(name, value_of(agreement.date_kind))
        case "status_basis" | "legal_character_basis" if name.removesuffix("_basis") in fields:
            return None  # shown beside the value
        case "status":
            words = basis(agreement, name)
            latest = latest_source_date(agreement, name) if agreement.status_basis is StatusBasis.SOURCE else None
            return _with_basis(
                status_text(value_of(agreement.status)), f"{words}; latest dated source {latest}" if latest else words
            )
        case "legal_character":
            shown = cell(name, value_of(agreement.legal_character))
            return _with_basis(shown, basis(agreement, name))
        case "in_force" | "expires":
            return _date(getattr(agreement, name)) or Text(UNKNOWN, style="dim")
        case "binding":
            return _with_basis(binding_text(agreement.binding), "from the legal character")
        case "place":
            return safe(agreement.place) if agreement.place else Text(UNKNOWN, style="dim")
        case "aliases" | "parties":
            values = getattr(agreement, name)
            return safe(", ".join(values)) if values else None
        case "signatories":
            return _people(agreement) if agreement.signatories else Text(f"{UNKNOWN} none reported", style="dim")
        case "provisions":
            return Text("\n").join(safe(f"• {p}") for p in agreement.provisions) if agreement.provisions else None
        case "tags":
            return safe(", ".join(agreement.tags), "dim") if agreement.tags else None
        case "related":
            return _related(agreement, labels) if agreement.related else None
        case "notes":
            return safe(agreement.notes, "italic") if agreement.notes else None
    from ..core.codec import to_dict

    value = to_dict(agreement)[name]
    if value is None or value == []:
        return None
    return cell(name, value)


def _label(agreement: Agreement, name: str) -> str:
    """A row's label: the date is headed Signed only when it is a signing."""
    if name == "date" and agreement.date_kind is DateKind.SIGNED:
        return "Signed"
    return BY_NAME[name].label


def detail(agreement: Agreement, fields: Sequence[str], labels: Mapping[str, str], title: str) -> Group:
    """A panel with the chosen fields of one record (every field by default; unknown ones are left
    out), then its sources."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for name in fields:
        if name == "sources" or (name == "year" and {"date", "signed"} & set(fields)):  # the year is in the date
            continue
        if name == "signed" and "date" in fields:  # the date row is headed Signed when it is one
            continue
        value = _detailvalue_of(agreement, name, labels, fields)
        if value is not None:
            grid.add_row(_label(agreement, name), value)
    parts: list[RenderableType] = []
    if grid.row_count:
        from rich.panel import Panel

        parts.append(Panel(grid, title=safe(title, "bold"), title_align="left", box=box.ROUNDED))
    else:
        parts.append(safe(title, "bold"))
    if "sources" in fields:
        parts.append(_sources(agreement))
    return Group(*parts)


def details(
    agreements: Sequence[Agreement], fields: Sequence[str], labels: Mapping[str, str], titles: Sequence[str]
) -> Group:
    return Group(*(detail(a, fields, labels, t) for a, t in zip(agreements, titles, strict=True)))


def timeline_fields(groups: Sequence[tuple[int | None, Sequence[Mapping[str, Any]]]], fields: Sequence[str]) -> Table:
    """The timeline with chosen columns: a year heading row, then its records."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    _field_columns(table, fields)
    for year, rows in groups:
        table.add_row(year_heading(year), end_section=False)
        for row in rows:
            table.add_row(*(cell(name, row[name]) for name in fields))
    return table


def compare(
    console: Console, rows: Sequence[Mapping[str, Any]], ids: Sequence[str], fields: Sequence[str], differing: set[str]
) -> RenderableType:
    """Fields down, records across under their ids; each cell keeps the field's items one per line.
    Where the ids cannot stand side by side whole, each field lists the records under it instead."""
    table = Table(box=box.SIMPLE_HEAVY, show_lines=False, header_style="bold")
    table.add_column("", style="bold cyan", no_wrap=True, min_width=max(len(f"{name} *") for name in fields))
    for key in ids:
        table.add_column(safe(key), overflow="fold", min_width=max(cell_len(visible(key)), 20))
    for name in fields:
        table.add_row(
            _field_label(name, differing),
            *(cell(name, row[name]) for row in rows),
            style="on grey23" if name in differing else "",
        )
    table.caption = Text("* differs", style="dim")
    lines = Segment.split_lines(console.render(table, console.options))
    if max((Segment.get_line_length(line) for line in lines), default=0) > console.width:  # a column could not shrink
        return _compare_stacked(console, rows, ids, fields, differing)
    return table


def _field_label(name: str, differing: set[str]) -> Text:
    differs = name in differing
    return Text(name + (" *" if differs else ""), style="bold yellow" if differs else "bold cyan")


def _compare_stacked(
    console: Console, rows: Sequence[Mapping[str, Any]], ids: Sequence[str], fields: Sequence[str], differing: set[str]
) -> Text:
    parts = []
    for name in (f for f in fields if f != "id"):  # each line starts with the id
        lines = [[safe(key, "bold"), cell(name, row[name])] for key, row in zip(ids, rows, strict=True)]
        parts += [_field_label(name, differing), grids.grid(console, ["", ""], lines, 1, rule=False), Text()]
    return Text("\n").join([*parts, Text("* differs", style="dim")])


def groups_fields(grouped: Sequence[tuple[str, Sequence[Mapping[str, Any]]]], by: str, fields: Sequence[str]) -> Group:
    """Groups one under another, each a table of the chosen fields."""
    parts: list[RenderableType] = []
    for label, rows in grouped:
        parts += [safe(f"{by}: {label} ({len(rows)})", "bold underline"), records(rows, fields), Text("")]
    return Group(*parts)


def stats(numbers: Mapping[str, Any]) -> Group:
    """Counts as horizontal bar charts."""
    from ..core.stats import SECTIONS

    def chart(title: str, counts: Mapping[str, int]) -> Table:
        table = Table(
            title=title, title_justify="left", title_style="bold", box=None, show_header=False, pad_edge=False
        )
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        peak = max(counts.values(), default=0) or 1
        for label, count in _runs_of_none(counts) if title == SECTIONS["by_year"] else counts.items():
            bar = Text("█" * max(1, round(30 * count / peak)), style="cyan") if count else Text("none", style="dim")
            table.add_row(safe(label), str(count), bar)
        return table

    parts: list[RenderableType] = [
        Text(f"{numbers['total']} instruments ({numbers['undated']} not yet dated)", style="bold"),
        Text(""),
    ]
    for key, title in SECTIONS.items():
        parts += [chart(title, numbers[key]), Text("")]
        if key == "by_year":
            parts[-1] = Text("Years without a record are grouped into one row.\n", style="dim")
    return Group(*parts)


def _runs_of_none(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Years in order, each run of two or more years without a record as one row ("1950–1961")."""
    rows: list[tuple[str, int]] = []
    run: list[str] = []
    for label, count in [*counts.items(), ("", 1)]:
        if count == 0:
            run.append(label)
            continue
        if run:
            rows.append((f"{run[0]}–{run[-1]}" if len(run) > 1 else run[0], 0))
            run = []
        if label:
            rows.append((label, count))
    return rows


def relation_tree(
    agreements: Sequence[Agreement], shown: Sequence[str], root: str | None, depth: int = 1
) -> RenderableType:
    """Relations as trees. With ``root``: its relations followed outwards through the ``shown``
    records, and what relates to it; without: one tree per record that relates to others."""
    from rich.tree import Tree

    by_id = {a.id: a for a in agreements}
    visible_ids = set(shown)
    incoming: dict[str, list[tuple[str, str]]] = {}
    for a in agreements:
        for r in a.related:
            if a.id in visible_ids:
                incoming.setdefault(r.id, []).append((a.id, r.relation.value))

    def label(key: str) -> Text:
        agreement = by_id.get(key)
        if agreement is None:
            return safe(key)
        from ..core.graph import node_label

        return Text.assemble(safe(node_label(agreement), "bold"), Text(f" · {key}", style="dim"))

    expanded: set[str] = set()

    def branch(tree: Tree, key: str, level: int) -> None:
        expanded.add(key)
        for relation in by_id[key].related:
            child = tree.add(Text.assemble(Text(f"{relation.relation.value} → ", style="cyan"), label(relation.id)))
            target = relation.id
            if level < depth and target in visible_ids and target not in expanded and target in by_id:
                branch(child, target, level + 1)

    trees: list[RenderableType] = []
    for key in [root] if root else [a.id for a in agreements if a.id in visible_ids and a.related]:
        tree = Tree(label(key))
        branch(tree, key, 1)
        for source, relation in incoming.get(key, []) if root else []:
            tree.add(Text.assemble(Text(f"← {relation} ", style="magenta"), label(source)))
        trees.append(tree)
    return Group(*trees)


def url_text(url: str, indent: str = "") -> Text:
    """A URL kept whole on one line (never folded, so it can be copied) and a link on a terminal."""
    shown = visible(url, keep_layout=False)
    return Text(indent + shown, style=Style(underline=True, color="blue", link=shown), no_wrap=True, overflow="ignore")


def citations(agreement: Agreement, facts: Sequence[Any]) -> Group:
    """Each fact, then the sources that support it (title, publisher, date, quote, URL)."""
    parts: list[RenderableType] = [
        Text.assemble(safe(agreement.label, "bold"), Text(f" ({agreement.id})", style="dim")),
        Text(""),
    ]
    for fact in facts:
        heading = Table.grid(padding=(0, 2))
        heading.add_column(style="bold cyan", no_wrap=True)
        heading.add_column(ratio=1, overflow="fold")
        heading.add_row(BY_NAME[fact.field].label, cell(fact.field, fact.value))
        parts.append(heading)
        if fact.basis:
            parts.append(safe(f"  {fact.basis}", "dim"))
        elif not fact.sources:
            parts.append(Text("  no source in the record states this", style="magenta"))
        for source in fact.sources:
            lines = [source_title(source)]
            quote = source.quote_for(fact.cited)
            if quote:
                lines.append(safe(f"“{quote}”", "italic"))
            label = f"  [{agreement.sources.index(source) + 1}]"
            parts += [numbered(label, lines), url_text(source.url, "      ")]
        parts.append(Text(""))
    return Group(*parts)
