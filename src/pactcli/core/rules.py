"""The rules that derive one value of a record from others, each written once.

``binding`` follows from the legal character by :data:`BINDING`; a status may rest on one of
:data:`STATUS_RULES` instead of a source. The words here are the ones data/README.md, ``--help``
and ``pactcli cite`` show.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from .vocabulary import CharacterBasis, Kind, LegalCharacter, Status, StatusBasis

if TYPE_CHECKING:
    from .dates import PartialDate

#: Whether an instrument of each legal character creates legal obligations between the governments.
BINDING: dict[LegalCharacter, bool] = {
    LegalCharacter.INTERNATIONAL_AGREEMENT: True,
    LegalCharacter.CONTRACT_OF_SALE: True,
    LegalCharacter.COMMERCIAL_CONTRACT: False,
    LegalCharacter.NON_BINDING_ARRANGEMENT: False,
    LegalCharacter.POLITICAL_DECLARATION: False,
    LegalCharacter.FORUM: False,
    LegalCharacter.UNILATERAL_ACT: False,
}

BINDING_RULE = (
    "binding means the instrument creates legal obligations between the two governments. It follows "
    "from the legal character alone: an international agreement or a government-to-government "
    "contract of sale is binding; a contract with a company, a non-binding arrangement, a political "
    "declaration, a forum or a unilateral act is not; where the legal character is not established, "
    "binding is unknown."
)


#: The legal character of every instrument of a kind, whatever else is known of it.
CHARACTER_BY_KIND: dict[Kind, LegalCharacter] = {
    Kind.DIALOGUE: LegalCharacter.FORUM,
    Kind.INITIATIVE: LegalCharacter.FORUM,
    Kind.JOINT_STATEMENT: LegalCharacter.POLITICAL_DECLARATION,
    Kind.FRAMEWORK: LegalCharacter.POLITICAL_DECLARATION,
    Kind.ROADMAP: LegalCharacter.POLITICAL_DECLARATION,
    Kind.MEMORANDUM_OF_INTENT: LegalCharacter.POLITICAL_DECLARATION,
    Kind.DESIGNATION: LegalCharacter.UNILATERAL_ACT,
}
#: The legal character of every instrument with a tag: how a purchase was made.
CHARACTER_BY_TAG: dict[str, LegalCharacter] = {
    "foreign-military-sales": LegalCharacter.CONTRACT_OF_SALE,
    "direct-commercial-sale": LegalCharacter.COMMERCIAL_CONTRACT,
    "ship-repair": LegalCharacter.COMMERCIAL_CONTRACT,
}


def character_rules(kind: Kind | None, tags: tuple[str, ...]) -> dict[str, LegalCharacter]:
    """The rules that cover an instrument of this kind with these tags, each named ("kind
    'dialogue'", "tag 'ship-repair'") with the legal character it gives."""
    found = {f"kind {kind.value!r}": CHARACTER_BY_KIND[kind]} if kind in CHARACTER_BY_KIND else {}
    return found | {f"tag {tag!r}": CHARACTER_BY_TAG[tag] for tag in tags if tag in CHARACTER_BY_TAG}


def character_problem(
    kind: Kind | None, tags: tuple[str, ...], character: LegalCharacter | None, basis: CharacterBasis
) -> str | None:
    """Why a record's legal character disagrees with the rules for its kind and tags (which apply
    to every instrument they cover, whatever the basis); None when it agrees."""
    ruled = character_rules(kind, tags)
    if len(set(ruled.values())) > 1:
        return "the rules disagree: " + ", ".join(f"{rule} gives {value.value}" for rule, value in ruled.items())
    if ruled:
        (rule, expected), *_ = ruled.items()
        if character is not expected:
            return f"the rule for {rule} gives {expected.value}"
    elif basis is CharacterBasis.RULE:
        return "no rule covers its kind and tags; give a listing, text, statement or category basis"
    return None


def binding(character: LegalCharacter | None) -> bool | None:
    """:data:`BINDING` for a legal character; None (unknown) when it is not established."""
    return None if character is None else BINDING[character]


#: Characters whose instruments are complete once made, when they state no term.
ONE_OFF_CHARACTERS = frozenset(
    {LegalCharacter.CONTRACT_OF_SALE, LegalCharacter.UNILATERAL_ACT, LegalCharacter.POLITICAL_DECLARATION}
)

#: The status each rule derives, and the rule in words.
STATUS_RULES: dict[StatusBasis, tuple[Status, str]] = {
    StatusBasis.TERM_ENDED: (Status.EXPIRED, "its stated term ran out on the date in expires"),
    StatusBasis.SUCCESSOR: (Status.SUPERSEDED, "a later record in the dataset renews or supersedes it"),
    StatusBasis.ONE_OFF_ACT: (
        Status.CONCLUDED,
        "a contract of sale, a unilateral act or a political declaration that states no term is complete once made",
    ),
}


def rule_problem(
    basis: StatusBasis,
    status: Status | None,
    character: LegalCharacter | None,
    expires: PartialDate | None,
    today: _dt.date,
) -> str | None:
    """Why a record's own facts do not bear out a status rule (the successor rule, which needs the
    other records, is checked across the dataset); None when they do."""
    derived, words = STATUS_RULES[basis]
    if status is not derived:
        return f"the rule {basis.value!r} gives {derived.value!r}, not {status.value if status else 'no status'!r}"
    if basis is StatusBasis.TERM_ENDED and (expires is None or expires.latest() >= today):
        return "the rule 'term-ended' needs an expires date that has passed"
    if basis is StatusBasis.ONE_OFF_ACT and (character not in ONE_OFF_CHARACTERS or expires is not None):
        return f"the rule 'one-off-act' applies only where {words}"
    return None
