"""The data model: frozen dataclasses (the enums live in :mod:`pactcli.vocabulary`). No I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .fields import lookup_key
from .vocabulary import UNSIGNED_STATUSES, Kind, RelationKind, Status

__all__ = [
    "UNSIGNED_STATUSES",
    "Agreement",
    "Dataset",
    "Kind",
    "PartialDate",
    "Relation",
    "RelationKind",
    "Signatory",
    "Source",
    "Status",
]

if TYPE_CHECKING:
    import datetime as _dt


_DATE_RE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        match = re.fullmatch(_DATE_RE, text)
        if match is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if year < 1:
            raise ValueError(f"{text!r} has no year 0")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None:
            assert month is not None
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            days_in_month = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
            if not 1 <= day <= days_in_month:
                raise ValueError(f"{text!r} is not a real date (that month has {days_in_month} days)")
        return cls(year, month, day)

    def _order(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        """Dates sort by what is known: 2016 before 2016-08 before 2016-08-29."""
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() < other._order()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() <= other._order()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() > other._order()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() >= other._order()

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def earliest(self) -> _dt.date:
        """The first day this date can mean."""
        import datetime as _dt

        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """The last day this date can mean."""
        import datetime as _dt

        if self.day is not None:
            return self.earliest()
        if self.month is None or self.month == 12:
            return _dt.date(self.year, 12, 31)
        following = _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str | None
    country: str


@dataclass(frozen=True)
class Relation:
    id: str
    relation: RelationKind


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None
    url: str
    date: PartialDate | None
    supports: tuple[str, ...] = ()  # the record's facts this source states (field names)
    quote: str | None = None  # a short verbatim excerpt that states them


@dataclass(frozen=True)
class Agreement:
    """One India–US defence instrument, as the dataset records it."""

    id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: Kind
    signed: PartialDate | None
    in_force: PartialDate | None
    expires: PartialDate | None
    place: str | None
    parties: tuple[str, ...]
    binding: bool | None
    status: Status
    signatories: tuple[Signatory, ...]
    summary: str
    provisions: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[Relation, ...]
    sources: tuple[Source, ...]
    notes: str | None

    @property
    def year(self) -> int | None:
        return self.signed.year if self.signed else None

    @property
    def label(self) -> str:
        """The short name people use: the acronym when there is one."""
        return self.acronym or self.name

    def lookup_keys(self) -> tuple[str, ...]:
        """Every case-folded key this record answers to: id, aliases, acronym and full name."""
        keys = [self.id, *self.aliases]
        if self.acronym:
            keys.append(self.acronym)
        return tuple(dict.fromkeys([*(key.casefold() for key in keys), lookup_key(self.name)]))


@dataclass(frozen=True)
class Dataset:
    """A loaded, validated dataset and where it came from."""

    path: str
    schema_version: int
    agreements: tuple[Agreement, ...]
