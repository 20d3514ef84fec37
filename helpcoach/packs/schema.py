"""The content-pack format, declared once with msgspec.

Every struct forbids unknown fields so a typo is an error with a suggestion.
`helpcoach packs schema` exports these types as JSON Schema.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

Id = Annotated[
    str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64, description="lowercase letters, digits and dashes")
]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
Age = Annotated[int, msgspec.Meta(ge=0, le=18)]
Occasion = Literal["checkin", "practice", "child", "parent"]
Audience = Literal["child", "parent"]


class Base(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, omit_defaults=True):
    """Shared settings: unknown keys are errors."""


class Ages(Base):
    """An inclusive age range in years."""

    min: Age = 3
    max: Age = 8


class Term(Base):
    """A state of the child or a reason behind refusing, with words a parent might type."""

    id: Id
    label: Text
    words: list[Text] = []
    not_words: list[Text] = []  # idioms and look-alikes that never count as this term ("dying to", "threw a tantrum")
    ask_reason: bool = True


class Phrase(Base):
    """Something the parent says to the child; may use {child}."""

    id: Id
    text: Text
    ages: Ages | None = None
    tags: list[Id] = []  # what kind of line it is (question, therapy, promises-time...): the pack's `placement` rules apply
    not_in: list[Id] = []  # states (or `hurry`) where `now` never offers this line


class Strategy(Base):
    """One way to respond, with why it helps, what to do and what to say."""

    id: Id
    title: Text
    why: Text
    states: list[Id] = []
    reasons: list[Id] = []
    steps: list[Text] = []
    phrases: list[Phrase] = []
    step_in_for: list[Id] = []
    words: list[Text] = []  # for a step-in response: the words that pick it over the state's other step-in responses
    not_words: list[Text] = []
    audience: Audience = "child"  # "parent": lines the parent says to themselves, never offered as words for the child
    tags: list[Id] = []  # tags every phrase of the strategy carries
    not_in: list[Id] = []  # states (or `hurry`) where `now` never offers this strategy
    hurry: Literal["lead", "fits"] = "fits"  # "lead": offered first (after any step-in) when the parent is in a hurry


class Rule(Base):
    """Where lines with a tag never appear in `now`: a placement rule any pack can state."""

    tag: Id
    not_in: list[Id]  # state ids, or `hurry` for a parent with no time to wait
    why: Text


class Hurry(Base):
    """How a parent says there is no time to wait: a label for the question, words to match."""

    label: Text
    words: list[Text] = []


class Extension(Base):
    """Phrases added to a strategy of another pack, by its id."""

    strategy: Id
    phrases: list[Phrase] = []


class Celebration(Base):
    """A line to celebrate effort, fitted to an occasion."""

    text: Text
    occasion: Occasion


class Scenario(Base):
    """A situation to rehearse, with the strategies that fit it."""

    id: Id
    text: Text
    state: Id
    strategies: list[Id]
    reason: Id | None = None
    ages: Ages | None = None


class Support(Base):
    """A short guidance section shown by `helpcoach support`."""

    id: Id
    title: Text
    body: Text


UrgentKindId = Literal["self-harm", "disclosure", "medical", "parent"]


class UrgentKind(Base):
    """One kind of moment that is not a coaching moment: fixed guidance, never ranked or learned."""

    id: UrgentKindId
    title: Text
    label: Text  # the choice offered when the parent picks from a list
    steps: Annotated[list[Text], msgspec.Meta(min_length=3, max_length=5)]
    words: list[Text] = []
    not_words: list[Text] = []
    say: list[Text] = []  # fixed words to say, the first one shown as the phrase


class Urgent(Base):
    """The urgent route: only a bundled pack may carry it; kinds are matched in this order."""

    kinds: list[UrgentKind]


class Pack(Base):
    """One YAML file of coaching content."""

    id: Id
    name: Text
    version: Text = "1.0.0"
    language: Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2}(-[A-Za-z0-9]+)?$")] = "en"
    ages: Ages = msgspec.field(default_factory=Ages)
    description: str = ""
    states: list[Term] = []
    reasons: list[Term] = []
    strategies: list[Strategy] = []
    pushback: list[Id] = []
    placement: list[Rule] = []
    hurry: Hurry | None = None
    extend: list[Extension] = []
    celebrations: list[Celebration] = []
    scenarios: list[Scenario] = []
    support: list[Support] = []
    urgent: Urgent | None = None


class Contact(Base):
    """Someone the user can reach for support."""

    name: Text
    how: Text


class Config(Base):
    """The optional config.yaml."""

    child: str | None = None
    disable: list[Id] = []
    remind: bool = True
    log_moments: bool = True
    plain: bool = False
    contacts: list[Contact] = []
    region: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z]{2}$", description="a two-letter country code")] | None = None
    emergency_number: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2,8}$", description="digits only")] | None = None
