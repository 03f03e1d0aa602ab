"""The record filters shared by list, timeline, search, stats and export, and their values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .vocabulary import Kind, Status

if TYPE_CHECKING:
    from .dates import PartialDate
    from .summary import Summary

#: The keyword filters of ``Filters.from_values`` (and of ``pactcli.load``).
FILTER_NAMES = ("since", "until", "binding", "kind", "status", "tag", "signatory", "party")


def closest(value: str, valid: Iterable[str], n: int = 3) -> list[str]:
    """The valid values most like ``value`` (any case), best first."""
    import difflib

    by_folded = {item.casefold(): item for item in valid}
    return [by_folded[m] for m in difflib.get_close_matches(value.casefold(), list(by_folded), n=n, cutoff=0.5)]


def unknown_value_message(option: str, value: str, valid: Sequence[str]) -> str:
    close = closest(value, valid)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown {option} {value!r}{hint}\nValid values: {', '.join(valid)}"


#: The ``--status`` value that selects records whose status is not established.
UNKNOWN_STATUS = "unknown"
#: Every value ``--status`` takes.
STATUS_CHOICES = (*(status.value for status in Status), UNKNOWN_STATUS)


def status_value(value: str) -> str:
    """A status filter value (a status, or ``unknown``); ValueError for anything else."""
    if value.casefold() == UNKNOWN_STATUS:
        return UNKNOWN_STATUS
    return Status(value.casefold()).value


def parse_binding(value: object) -> bool | None:
    """True, False or None (unknown) from the forms the API and the CLI accept."""
    from .fields import BINDING_WORDS

    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and value.casefold() in BINDING_WORDS:
        return {"binding": True, "non-binding": False, "unknown": None}[value.casefold()]
    raise ValueError(f"binding must be True, False, 'binding', 'non-binding' or 'unknown', not {value!r}")


class Filters(NamedTuple):
    """The record filters shared by list, timeline, search, stats and export: the one definition of
    what each filter selects (:meth:`accepts`). Empty means "any"."""

    since: PartialDate | None = None
    until: PartialDate | None = None
    bindings: tuple[bool | None, ...] = ()  # the binding values accepted: True, False, None (unknown)
    kinds: tuple[Kind, ...] = ()
    statuses: tuple[str, ...] = ()  # values of Status, or UNKNOWN_STATUS
    tags: tuple[str, ...] = ()
    signatory: str | None = None
    parties: tuple[str, ...] = ()

    @classmethod
    def from_values(cls, **values: Any) -> Filters:
        """Filters from plain values, as the Python API receives them.

        ``since``/``until``: a year (int or str) or a date string; ``binding``: True, False,
        ``"unknown"`` (or a list of them); ``kind``, ``status``, ``tag``, ``party``: a value or a
        list; ``signatory``: part of a name. An unknown keyword raises TypeError naming the valid
        ones; a bad value raises ValueError.
        """
        unknown = sorted(set(values) - set(FILTER_NAMES))
        if unknown:
            raise TypeError(f"unknown filter(s) {', '.join(unknown)}; valid filters: {', '.join(FILTER_NAMES)}")
        since, until, binding = values.get("since"), values.get("until"), values.get("binding")
        signatory = values.get("signatory")
        bindings = [] if binding is None else list(binding) if isinstance(binding, list | tuple | set) else [binding]
        return cls(
            since=None if since in (None, "") else _date(since),
            until=None if until in (None, "") else _date(until),
            bindings=tuple(parse_binding(value) for value in bindings),
            kinds=tuple(Kind(value) for value in _many(values.get("kind"))),
            statuses=tuple(status_value(value) for value in _many(values.get("status"))),
            tags=tuple(value.casefold() for value in _many(values.get("tag"))),
            signatory=signatory or None,
            parties=tuple(value.upper() for value in _many(values.get("party"))),
        )

    def accepts(self, agreement: Summary) -> bool:
        """Whether a record, given by its summary, passes every filter."""
        date = agreement.date
        if self.since is not None and (date is None or date.latest() < self.since.earliest()):
            return False
        if self.until is not None and (date is None or date.earliest() > self.until.latest()):
            return False
        if self.bindings and agreement.binding not in self.bindings:
            return False
        if self.kinds and agreement.kind not in self.kinds:
            return False
        if self.statuses and (agreement.status or UNKNOWN_STATUS) not in self.statuses:
            return False
        if self.tags and not set(self.tags) & set(agreement.tags):
            return False
        if self.parties and not set(self.parties) <= set(agreement.parties):
            return False
        if self.signatory is not None:
            wanted = self.signatory.casefold()
            if not any(wanted in name.casefold() for name in agreement.signatories):
                return False
        return True

    def describe(self) -> str:
        """The filters as the command-line options that set them, e.g. ``--since 2016 --kind framework``."""
        words: list[str] = []
        if self.since is not None:
            words += ["--since", str(self.since)]
        if self.until is not None:
            words += ["--until", str(self.until)]
        flags = {True: "--binding", False: "--non-binding", None: "--binding-unknown"}
        words += [flags[value] for value in self.bindings]
        words += [w for kind in self.kinds for w in ("--kind", kind.value)]
        words += [w for status in self.statuses for w in ("--status", status)]
        words += [w for tag in self.tags for w in ("--tag", tag)]
        if self.signatory is not None:
            words += ["--signatory", repr(self.signatory)]
        words += [w for party in self.parties for w in ("--party", party)]
        return " ".join(words)


def _date(value: object) -> PartialDate:
    from .dates import PartialDate  # only when a date filter is given: it builds a dataclass

    return PartialDate.parse(str(value))


def _many(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)
