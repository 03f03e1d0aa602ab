"""The controlled vocabularies of a record and what ``compare --by`` groups by (string enums).

Kept apart from the dataclasses of :mod:`.model` so that parsing options and answering from the
index need not build them. What each value means is data/README.md's to say; the rules that
derive values from others are in :mod:`.rules`.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    TREATY = "treaty"
    AGREEMENT = "agreement"
    ARRANGEMENT = "arrangement"
    MEMORANDUM_OF_AGREEMENT = "memorandum-of-agreement"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum-of-understanding"
    MEMORANDUM_OF_INTENT = "memorandum-of-intent"
    FRAMEWORK = "framework"
    JOINT_STATEMENT = "joint-statement"
    ROADMAP = "roadmap"
    INITIATIVE = "initiative"
    DESIGNATION = "designation"
    DIALOGUE = "dialogue"


class DateKind(StrEnum):
    """Which event a record's date is."""

    SIGNED = "signed"
    EXCHANGED = "exchanged"  # an exchange of notes, completed by the last note
    AGREED = "agreed"  # agreed at a meeting, where no signing is reported
    ISSUED = "issued"  # a statement, declaration or roadmap made public without signatures
    ANNOUNCED = "announced"
    DESIGNATED = "designated"
    ESTABLISHED = "established"  # a body set up, where its first meeting is not known
    FIRST_MEETING = "first-meeting"
    EFFECTIVE = "effective"  # took effect, where the signing date is not known


class LegalCharacter(StrEnum):
    """What an instrument is in law."""

    INTERNATIONAL_AGREEMENT = "international-agreement"
    CONTRACT_OF_SALE = "contract-of-sale"  # a government-to-government sale (a Foreign Military Sales letter)
    COMMERCIAL_CONTRACT = "commercial-contract"  # a contract between a government and a company
    NON_BINDING_ARRANGEMENT = "non-binding-arrangement"
    POLITICAL_DECLARATION = "political-declaration"
    FORUM = "forum"  # a dialogue, working group or initiative
    UNILATERAL_ACT = "unilateral-act"  # one government's decision about the other (a designation)


class CharacterBasis(StrEnum):
    """On what a legal character rests."""

    LISTING = "listing"  # Treaties in Force, TIAS, a treaty series or a Case Act report lists it
    TEXT = "text"  # the instrument's own text
    STATEMENT = "statement"  # an official statement of its legal character
    CATEGORY = "category"  # an official statement about instruments of its category, which a source places it in
    RULE = "rule"  # the rule for instruments of its kind (rules.CHARACTER_BY_KIND, rules.CHARACTER_BY_TAG)
    NOT_ESTABLISHED = "not-established"


class Status(StrEnum):
    IN_FORCE = "in-force"
    ACTIVE = "active"  # a forum or initiative that still meets or runs
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    CONCLUDED = "concluded"
    UNDER_NEGOTIATION = "under-negotiation"
    ANNOUNCED = "announced"


class StatusBasis(StrEnum):
    """On what a status rests: a source, one of the rules of :mod:`.rules`, or nothing yet."""

    SOURCE = "source"
    TERM_ENDED = "term-ended"
    SUCCESSOR = "successor"
    ONE_OFF_ACT = "one-off-act"
    NOT_ESTABLISHED = "not-established"


class SourceKind(StrEnum):
    """Who published a source."""

    OFFICIAL = "official"  # a government, TIAS/TIF, FRUS, a treaty series, a parliamentary record
    MIRROR = "mirror"  # a copy of an official document published elsewhere
    COMPANY = "company"  # a company's own statement about a contract it is party to
    PRESS = "press"
    ANALYSIS = "analysis"  # research institutes, academic and reference works


class RelationKind(StrEnum):
    RENEWS = "renews"
    SUPERSEDES = "supersedes"
    IMPLEMENTS = "implements"
    BUILDS_ON = "builds-on"
    COMPLEMENTS = "complements"
    PART_OF = "part-of"


class GroupKey(StrEnum):
    """What ``compare --by`` can group by."""

    BINDING = "binding"
    KIND = "kind"
    STATUS = "status"
    DECADE = "decade"
    SIGNATORY = "signatory"


#: Statuses that allow an instrument to have no date yet.
UNSIGNED_STATUSES = frozenset({Status.UNDER_NEGOTIATION, Status.ANNOUNCED})


#: How the longest kinds are written when a table is short of room; ``--kind`` takes these too.
SHORT_KINDS = {
    "memorandum-of-understanding": "MoU",
    "memorandum-of-agreement": "MoA",
    "memorandum-of-intent": "MoI",
    "joint-statement": "statement",
}


def value_of(member: StrEnum | None) -> str | None:
    """A vocabulary value as its text, ``None`` kept."""
    return None if member is None else member.value
