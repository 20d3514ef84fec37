"""The export file format (version 1), declared once with msgspec so import can validate it whole."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from helpcoach.store.limits import MAX_NAME, MAX_TEXT, MAX_WINS

FORMAT = "helpcoach-log"
VERSION = 1

Uuid = Annotated[str, msgspec.Meta(min_length=36, max_length=36)]
Stamp = Annotated[str, msgspec.Meta(min_length=10, max_length=40)]
Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME)]


class _Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class ChildRecord(_Strict, kw_only=True):
    """A child as exported; entries refer to it by name."""

    id: Uuid
    created_at: Stamp
    name: Name
    age: Annotated[int, msgspec.Meta(ge=0, le=18)] | None = None
    default: bool = False


class _Entry(_Strict, tag_field="kind", kw_only=True):
    id: Uuid
    created_at: Stamp
    child: Name | None = None


class MomentRecord(_Entry, tag="moment", kw_only=True):
    """A tough moment."""

    state: Id
    strategy_id: Id
    phrase_id: Id
    reason: Id | None = None
    words: Text | None = None
    outcome: Literal["helped", "little", "not", "skipped"] | None = None
    outcome_at: Stamp | None = None
    followed_up: bool = False


class CheckinRecord(_Entry, tag="checkin", kw_only=True):
    """A weekly check-in."""

    rating: Annotated[int, msgspec.Meta(ge=1, le=5)]
    wins: Annotated[list[Text], msgspec.Meta(max_length=MAX_WINS)] = []
    helped: Text | None = None
    hard: Text | None = None
    child_said: Text | None = None
    focus: Id | None = None
    note: Text | None = None


class PracticeRecord(_Entry, tag="practice", kw_only=True):
    """A practice review."""

    scenario_id: Id
    mode: Literal["say", "choose"]
    rating: Literal["again", "hard", "good", "easy"]
    box: Annotated[int, msgspec.Meta(ge=0, le=100)]
    due_at: Stamp
    answer: Text | None = None


class FavoriteRecord(_Entry, tag="favorite", kw_only=True):
    """A favourite phrase."""

    phrase_id: Id


Record = MomentRecord | CheckinRecord | PracticeRecord | FavoriteRecord


class LogDocument(_Strict, kw_only=True):
    """A whole export."""

    format: Literal["helpcoach-log"]
    version: Literal[1]
    children: list[ChildRecord] = []
    entries: list[Record] = []


class Header(msgspec.Struct):
    """Just enough to tell whether a file is an export at all."""

    format: str | None = None
    version: object = None


def parse_stamp(text: str) -> datetime | None:
    """A time with its UTC offset, or None when `text` is not one."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def is_uuid(text: str) -> bool:
    """True for a canonical UUID."""
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False
