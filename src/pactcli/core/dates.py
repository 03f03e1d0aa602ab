"""Dates known to the year, the month or the day (the model's one kind of date)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
