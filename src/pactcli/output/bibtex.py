"""BibTeX: one ``@misc`` entry per source, safe for BibTeX, biber and pybtex.

BibTeX counts braces even after a backslash, so text from the data never carries a raw brace:
special characters become LaTeX commands. A ``url`` is read verbatim, so characters that could
break the entry there are percent-encoded instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.model import Agreement, Source
from ..core.provenance import citation_key, shown_quotes
from ..core.sanitize import one_line
from .text import source_note

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "#": r"\#",
    "&": r"\&",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_URL = {ord(c): f"%{ord(c):02X}" for c in '{}\\" '}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def latex(text: str) -> str:
    """Text for a braced BibTeX field: LaTeX specials as commands, one line, unsafe characters visible."""
    return "".join(_LATEX.get(char, char) for char in one_line(text))


def protected(text: str) -> str:
    """A title with each word that holds a capital in braces, so that styles which lower the case
    of titles keep ``LEMOA``, ``India`` and ``U.S.`` as written."""
    return " ".join(f"{{{word}}}" if any(c.isupper() for c in word) else word for word in latex(text).split(" "))


def entry(agreement: Agreement, source: Source, field: str | None = None) -> str:
    fields = [("title", protected(source.title))]
    if source.publisher:
        fields.append(("publisher", latex(source.publisher)))
    if source.date:
        fields.append(("date", str(source.date)))
        fields.append(("year", str(source.date.year)))
        if source.date.month:
            fields.append(("month", MONTHS[source.date.month - 1]))
    fields.append(("url", one_line(source.url).translate(_URL)))
    fields.append(("note", latex(source_note(agreement, source))))
    quotes = shown_quotes(source, field)
    if quotes:
        fields.append(("addendum", latex("; ".join(f"{fact}: “{text}”" for fact, text in quotes))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation_key(agreement, source)},\n{body}\n}}\n"


def render(agreement: Agreement, sources: Sequence[Source], field: str | None = None) -> str:
    return "\n".join(entry(agreement, source, field) for source in sources)
