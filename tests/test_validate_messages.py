"""Every message `packs validate` can give for a value, pinned word for word, with where it points.

The messages are the user interface of the pack format: a parent who writes a pack reads them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
import pytest

from helpcoach.errors import PackError
from helpcoach.packs.document import Document
from helpcoach.packs.schema import Config, Pack
from helpcoach.packs.validate import dotted, problems_in, to_struct

OK = {"id": "x", "name": "n"}


def messages(data: Any, kind: Any = Pack, written: dict[Any, str] | None = None) -> list[str]:
    with pytest.raises(PackError) as caught:
        to_struct(Document("t.yaml", data, {(): (1, 1)}, written or {}), kind)
    return [p.message for p in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({**OK, "name": 5}, 'name: expected a string, got a whole number: quote it ("5")'),
        ({**OK, "name": 1.5}, 'name: expected a string, got a number: quote it ("1.5")'),
        ({**OK, "name": True}, 'name: expected a string, got a boolean: quote it ("yes")'),
        ({**OK, "name": False}, 'name: expected a string, got a boolean: quote it ("no")'),
        ({**OK, "name": None}, "name: expected a string, got nothing"),
        (
            {**OK, "id": "Bad_Id"},
            "id: 'Bad_Id' must use only lowercase letters, digits and dashes, starting with a letter or digit",
        ),
        ({**OK, "name": ""}, "name: must not be empty"),
        ({**OK, "name": "a" * 2001}, "name: is too long (at most 2000 characters)"),
        (
            {**OK, "celebrations": [{"text": "t", "occasion": "bogus"}]},
            "celebrations[0].occasion: 'bogus' is not allowed here: use one of checkin, practice, child, parent",
        ),
        ({**OK, "ages": {"min": -1}}, "ages.min: must be at least 0 (got -1)"),
        ({**OK, "ages": {"max": 19}}, "ages.max: must be at most 18 (got 19)"),
        ({**OK, "ages": 5}, "ages: expected a mapping, got a whole number"),
        ({**OK, "strategies": "nope"}, "strategies: expected a list, got a string"),
        ({**OK, "states": [["a"]]}, "states[0]: expected a mapping, got a list"),
        ({**OK, "pushback": ["ok", 7]}, 'pushback[1]: expected a string, got a whole number: quote it ("7")'),
        (
            {**OK, "scenarios": [{"id": "s", "text": "t", "state": "a", "strategies": [], "reason": 5}]},
            'scenarios[0].reason: expected a string, got a whole number: quote it ("5")',
        ),
        ({**OK, "strategis": []}, "strategis: unknown key 'strategis': did you mean 'strategies'?"),
        (
            {**OK, "zzz": []},
            "zzz: unknown key 'zzz': known keys are id, name, version, language, ages, description, states, reasons, "
            "strategies, pushback, placement, hurry, extend, celebrations, scenarios, support, urgent",
        ),
        ({"name": "n"}, "top level: missing required key 'id'"),
    ],
)
def test_one_problem_one_message(data: dict[str, Any], expected: str) -> None:
    assert messages(data) == [expected]


def test_every_problem_of_a_pack_in_one_run_in_file_order() -> None:
    data = {**OK, "strategies": [{"id": "a"}, {"id": "b", "title": "t", "why": "w", "phrases": [{"id": "p"}]}]}
    marks = {(): (1, 1), ("strategies", 0): (3, 5), ("strategies", 1, "phrases", 0): (9, 9)}
    with pytest.raises(PackError) as caught:
        to_struct(Document("t.yaml", data, marks), Pack)
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:3:5: strategies[0]: missing required key 'title'",
        "t.yaml:3:5: strategies[0]: missing required key 'why'",
        "t.yaml:9:9: strategies[1].phrases[0]: missing required key 'text'",
    ]


def test_the_walk_finds_each_problem_that_msgspec_alone_would_stop_before() -> None:
    """Strict types and the constraints inside Annotated are checked field by field, not only the first problem."""
    data = {"id": "Bad_Id", "name": 5, "ages": {"min": "5", "max": 19}, "states": [{"id": "s", "label": ""}]}
    assert messages(data) == [
        "id: 'Bad_Id' must use only lowercase letters, digits and dashes, starting with a letter or digit",
        'name: expected a string, got a whole number: quote it ("5")',
        "ages.min: expected a whole number, got a string",
        "ages.max: must be at most 18 (got 19)",
        "states[0].label: must not be empty",
    ]


def test_a_number_written_as_text_is_not_taken_as_a_number() -> None:
    assert messages({**OK, "ages": {"min": "5"}}) == ["ages.min: expected a whole number, got a string"]


def test_the_quote_hint_shows_the_value_as_it_was_typed() -> None:
    assert messages({**OK, "version": 1.1}, written={("version",): "1.10"}) == [
        'version: expected a string, got a number: quote it ("1.10")'
    ]


def test_config_messages() -> None:
    assert messages({"disable": 5, "remind": "yes", "child": 5}, Config) == [
        "disable: expected a list, got a whole number",
        "remind: expected a boolean, got a string",
        'child: expected a string, got a whole number: quote it ("5")',
    ]


class Inner(msgspec.Struct, forbid_unknown_fields=True):
    need: int


class Even(msgspec.Struct, forbid_unknown_fields=True):
    value: int = 0

    def __post_init__(self) -> None:
        if self.value % 2:
            raise ValueError("The value must be even")


class Odd(msgspec.Struct, forbid_unknown_fields=True):
    """Shapes the pack format does not use today, so the fallback paths of the walk are pinned too."""

    pair: tuple[int, int] = (0, 0)
    limits: dict[str, int] = {}
    named: dict[str, Inner] = {}
    either: int | str = 0
    when: date | None = None
    even: Even | None = None
    capped: Annotated[list[Inner], msgspec.Meta(max_length=3)] = []

    def __post_init__(self) -> None:
        if self.pair[0] > self.pair[1]:
            raise ValueError("The first number must not be larger")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"pair": [1, "x"]}, "pair[1]: expected a whole number, got a string"),  # msgspec's own path, read back
        ({"pair": [1, 2, 3]}, "pair: expected `array` of length 2, got 3"),
        ({"limits": {"a": "b"}}, "limits: expected a whole number, got a string"),
        ({"named": {"a": {}}}, "named: missing required key 'need'"),
        ({"either": 1.5}, "either: expected a whole number or a string, got a number"),
        ({"either": date(2026, 3, 1)}, "either: expected a whole number or a string, got date"),  # a name we do not have
        ({"when": 5}, "when: expected date, got a whole number"),
        ({"pair": [3, 1]}, "top level: the first number must not be larger"),  # no field is wrong: msgspec's finding
    ],
)
def test_the_walk_falls_back_on_msgspec_for_other_shapes(data: dict[str, Any], expected: str) -> None:
    assert messages(data, Odd) == [expected]


def test_msgspec_s_own_finding_points_at_the_field_it_names() -> None:
    """A nested check the walk cannot see: the message and the position come from msgspec's path."""
    marks = {(): (1, 1), ("even",): (4, 3)}
    with pytest.raises(PackError) as caught:
        to_struct(Document("t.yaml", {"even": {"value": 3}}, marks), Odd)
    assert [str(p) for p in caught.value.problems] == ["t.yaml:4:3: even: the value must be even"]


def test_every_item_of_a_constrained_or_optional_container_is_walked() -> None:
    """Annotated[list[...]] and `X | None` are unwrapped, so each broken item has its own problem."""
    assert messages({"capped": [{}, {}]}, Odd) == [
        "capped[0]: missing required key 'need'",
        "capped[1]: missing required key 'need'",
    ]
    scenario = {"id": "s", "text": "t", "state": "a", "strategies": [], "ages": {"min": -1, "max": 19}}
    assert messages({**OK, "scenarios": [scenario]}) == [
        "scenarios[0].ages.min: must be at least 0 (got -1)",
        "scenarios[0].ages.max: must be at most 18 (got 19)",
    ]


def test_a_missing_key_with_no_path_is_at_the_top_level() -> None:
    assert messages({"a": {}}, dict[str, Inner]) == ["top level: missing required key 'need'"]


def test_a_valid_value_has_no_problems() -> None:
    doc = Document("t.yaml", dict(OK))
    assert problems_in(doc, doc.data, Pack, ()) == []
    assert to_struct(doc, Pack).id == "x"


@pytest.mark.parametrize(
    ("where", "text"),
    [((), ""), (("name",), "name"), (("strategies", 2, "text"), "strategies[2].text"), ((0, "a"), "[0].a")],
)
def test_dotted(where: tuple[Any, ...], text: str) -> None:
    assert dotted(where) == text


def test_a_missing_key_inside_a_mapping_points_at_the_mapping() -> None:
    with pytest.raises(PackError) as caught:
        to_struct(Document("t.yaml", {"named": {"a": {}}}, {(): (1, 1), ("named",): (7, 2)}), Odd)
    assert [str(p) for p in caught.value.problems] == ["t.yaml:7:2: named: missing required key 'need'"]
