"""The controlled vocabularies: kinds, statuses, relations, and what ``compare --by`` groups by.

Kept apart from the dataclasses of :mod:`pactcli.model` so that parsing options and answering
from the index need not build them.
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


class Status(StrEnum):
    IN_FORCE = "in-force"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    CONCLUDED = "concluded"
    UNDER_NEGOTIATION = "under-negotiation"
    ANNOUNCED = "announced"


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


#: Statuses that allow an instrument to have no signing date yet.
UNSIGNED_STATUSES = frozenset({Status.UNDER_NEGOTIATION, Status.ANNOUNCED})
