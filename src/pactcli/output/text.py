"""How a field's value becomes text: lines for a person, and a lossless CSV cell.

A field's type in the field table (:mod:`pactcli.core.fields`) decides the form, so every text
renderer shows a value the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.fields import BY_NAME, FieldType, binding_word

if TYPE_CHECKING:
    from ..core.model import Agreement, Source


def _person(value: dict[str, Any]) -> str:
    extra = ", ".join(part for part in (value.get("title"), value.get("country")) if part)
    return f"{value['name']} ({extra})" if extra else str(value["name"])


def source_note(agreement: Agreement, source: Source) -> str:
    """What a citation says of a source beyond its title: the record, the source's kind (and what a
    mirror copies) and the facts it supports."""
    kind = f"a copy of {source.mirror_of}" if source.mirror_of else f"{source.kind.value} source"
    note = f"Cited by pactcli for {agreement.label} ({agreement.id}); {kind}"
    return note + ("; supports " + ", ".join(source.supports) if source.supports else "")


def _source(value: dict[str, Any]) -> str:
    return f"{value['title']} <{value['url']}>"


def item_text(name: str, item: Any) -> str:
    """One element of a list field as text for a person."""
    kind = BY_NAME[name].type if name in BY_NAME else None
    if kind is FieldType.SIGNATORIES:
        return _person(item)
    if kind is FieldType.RELATIONS:
        return f"{item['relation']} {item['id']}"
    if kind is FieldType.SOURCES:
        return _source(item)
    return str(item)


#: How a field that is not established reads, where an empty value would look like nothing to say.
NOT_ESTABLISHED = "not-established"
_NULL_WORDS = {"status": NOT_ESTABLISHED, "legal_character": NOT_ESTABLISHED}


def items(name: str, value: Any) -> list[str]:
    """A field's value as lines of text for a person: one per list element, else one (or none if unknown).

    Also takes the extra columns some views add (``group``, ``count``): their values as they are.
    """
    if name in BY_NAME and BY_NAME[name].type is FieldType.BOOL:
        return [binding_word(value)]
    if value is None:
        return [_NULL_WORDS[name]] if name in _NULL_WORDS else []
    if isinstance(value, list):
        return [item_text(name, item) for item in value]
    return [str(value)]


def text(name: str, value: Any, separator: str = "; ") -> str:
    """A field's value as one string for a person (list elements joined; never split again)."""
    return separator.join(items(name, value))


def csv_cell(name: str, value: Any) -> str:
    """A field's value as a lossless CSV cell: lists and objects as a JSON array, ``true``/``false``,
    empty for null. The caller makes text cells safe; JSON cells come out safe (escaped as JSON)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        import json

        from ..core.sanitize import json_escapes

        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(json_escapes())
    return str(value)
