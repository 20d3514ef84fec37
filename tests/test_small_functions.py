"""Small functions of the coach and the store pinned to exact values (each found by mutation testing)."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from pathlib import Path

import pytest

from helpcoach.coach.schedule import CardState
from helpcoach.coach.triage import normalize
from helpcoach.errors import HelpcoachError, UsageError
from helpcoach.store import db, moments
from helpcoach.store.checkins import (
    Checkin,
    CheckinAnswers,
    Summary,
    last_checkin,
    save_checkin,
    summary_since_last,
    validate_answers,
)
from helpcoach.store.children import add_child, set_default
from helpcoach.store.exchange import import_document, read_document
from helpcoach.store.history import history
from helpcoach.store.practice import Review, save_review
from helpcoach.store.stats import checkin_streak, compute_stats, wilson_lower_bound
from tests.logdata import NOW, add_checkin, add_moment, open_test_log

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
BAD_ID = "not-a-uuid-but-36-characters-long-xx"
FIRST = "1e000000-0000-4000-8000-000000000001"  # the seed's first entry
NOT_A_TIME = "is not an ISO 8601 time with its UTC offset"


@pytest.mark.parametrize(
    ("helped", "tried", "bound"),
    [(9, 10, 0.595844), (1, 1, 0.206543), (5, 5, 0.565509), (50, 100, 0.403830), (0, 0, 0.0)],
)
def test_wilson_lower_bound_exact(helped: int, tried: int, bound: float) -> None:
    """The 95% Wilson score interval's lower end (z = 1.96), as in any table of it."""
    assert wilson_lower_bound(helped, tried) == pytest.approx(bound, abs=1e-6)


def test_wilson_lower_bound_of_nothing_helped_is_zero_not_below() -> None:
    bound = wilson_lower_bound(0, 5)
    assert bound == 0.0 and math.copysign(1, round(bound, 4)) == 1, "never -0.0 in stats --json"


def test_set_default_returns_the_child_as_it_is() -> None:
    conn = open_test_log()
    add_child(conn, "Ana", 4)
    add_child(conn, "Ben", 7)
    ben = set_default(conn, "ben")
    assert (ben.name, ben.age, ben.is_default) == ("Ben", 7, True)
    rows = dict(conn.execute("SELECT name, is_default FROM children").fetchall())
    assert rows == {"Ana": 0, "Ben": 1}


@pytest.mark.parametrize(
    ("typed", "normal"),
    [("Don\u2019t", "don't"), ("\u2018no\u2019", "'no'"), ("WON\u2019T  let   me", "won't let me")],
)
def test_normalize_curly_quotes_case_and_spaces(typed: str, normal: str) -> None:
    assert normalize(typed) == normal


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("entries", 4, "rating", "4"), "in.json: entry 5: Expected `int`, got `str` (rating); nothing was imported"),
        (("entries", 4, "wins", ["ok", 5]), "in.json: entry 5: Expected `str`, got `int` (wins[1]); nothing was imported"),
        (("entries", 0, "kind", "bogus"), "in.json: entry 1: Invalid value 'bogus' (kind); nothing was imported"),
        (("children", 0, "age", "x"), "in.json: child 1: Expected `int | null`, got `str` (age); nothing was imported"),
    ],
)
def test_an_import_names_the_entry_and_the_field(change: tuple[str, int, str, object], message: str) -> None:
    document = json.loads((GOLDEN / "seed.json").read_text(encoding="utf-8"))
    part, index, field, value = change
    document[part][index][field] = value
    with pytest.raises(HelpcoachError) as caught:
        read_document(json.dumps(document).encode(), "in.json")
    assert str(caught.value) == message


def test_stats_and_streak_for_one_child_and_only_up_to_now() -> None:
    conn = open_test_log()
    ana, ben = add_child(conn, "Ana", 4), add_child(conn, "Ben", 7)
    add_moment(conn, NOW - timedelta(days=1), child_id=ana.id, outcome="helped")
    add_moment(conn, NOW - timedelta(days=1), child_id=ben.id, outcome="not")
    add_moment(conn, NOW + timedelta(days=1), child_id=ana.id)  # after `now`: not counted
    add_checkin(conn, NOW - timedelta(days=1), child_id=ana.id)
    add_checkin(conn, NOW - timedelta(days=8), child_id=ben.id)
    add_checkin(conn, NOW + timedelta(hours=1), child_id=ben.id)  # after `now`: not counted
    for child, count, helped, streak in ((ana, 1, 1, 1), (ben, 1, 0, 1), (None, 2, 1, 2)):
        stats = compute_stats(conn, child.id if child else None, weeks=2, now=NOW)
        assert (stats.weeks[-1].moments, stats.weeks[-1].went_well, stats.streak) == (count, helped, streak)
        assert [(s.strategy_id, s.helped, s.tried) for s in stats.strategies] == [("smaller-steps", helped, count)]
    assert checkin_streak(conn, ben.id, NOW) == 1


def test_a_moment_reads_back_field_for_field_and_its_outcome_counts() -> None:
    conn = open_test_log()
    ana = add_child(conn, "Ana", 4)
    moment_id = moments.add_moment(
        conn, child_id=ana.id, state="stuck", reason="fear", strategy_id="wait", phrase_id="w1", words="shoes", now=NOW
    )
    assert moments.get_moment(conn, moment_id) == moments.Moment(
        moment_id, "2025-06-15T12:00:00.000+00:00", ana.id, "stuck", "fear", "wait", "w1", None
    )
    assert moments.latest_open_moment(conn, ana.id) == moments.get_moment(conn, moment_id)
    after = moments.record_outcome(conn, moment_id, "little", now=NOW)
    assert (after.id, after.outcome, after.child_id) == (moment_id, "little", ana.id)
    assert moments.phrase_outcomes(conn, ana.id) == {"w1": (0, 1, 0)}
    moments.record_outcome(conn, moment_id, "helped", now=NOW)  # a change of mind moves the count
    assert moments.phrase_outcomes(conn, ana.id) == {"w1": (1, 0, 0)}
    assert moments.latest_open_moment(conn, ana.id) is None


def test_an_outcome_for_a_moment_that_is_not_there() -> None:
    with pytest.raises(HelpcoachError, match=r"^there is no moment nope in the log$"):
        moments.record_outcome(open_test_log(), "nope", "helped")


def test_the_last_checkin_reads_back_field_for_field() -> None:
    conn = open_test_log()
    ana, ben = add_child(conn, "Ana", 4), add_child(conn, "Ben", 7)
    answers = CheckinAnswers(
        rating=3, wins=["shoes", "coat"], helped="counting", hard="mornings", child_said="me!", focus="wait", note="n"
    )
    saved = save_checkin(conn, ana.id, answers, now=NOW)
    save_checkin(conn, ben.id, CheckinAnswers(rating=5), now=NOW - timedelta(days=1))
    assert last_checkin(conn, ana.id) == saved
    assert saved == Checkin(
        saved.id, "2025-06-15T12:00:00.000+00:00", ana.id, 3, ["shoes", "coat"], "counting", "mornings", "me!", "wait", "n"
    )
    last_ben = last_checkin(conn, ben.id)
    assert last_ben is not None and last_ben.rating == 5
    assert last_checkin(conn, None) == saved


def test_the_summary_since_the_last_checkin_for_one_child_and_for_all() -> None:
    conn = open_test_log()
    ana, ben = add_child(conn, "Ana", 4), add_child(conn, "Ben", 7)
    before = NOW - timedelta(days=3)
    save_checkin(conn, ana.id, CheckinAnswers(rating=4), now=before)
    for hours, child, strategy, outcome in [
        (-100, ana, "wait", "helped"),  # before Ana's check-in: not in her summary
        (1, ana, "wait", "helped"),
        (2, ana, "team", "helped"),
        (3, ana, "team", "helped"),
        (4, ana, "team", None),
        (5, ben, "wait", "not"),
    ]:
        add_moment(conn, before + timedelta(hours=hours), child_id=child.id, strategy=strategy, outcome=outcome)
    state = CardState(1, NOW)
    save_review(conn, Review("s", "say", None, "good", state, ana.id), now=before + timedelta(hours=6))
    assert summary_since_last(conn, ana.id, NOW) == Summary(
        since=db.stamp(before),
        moments=4,
        outcomes={"helped": 3, "unanswered": 1},
        best_strategy="team",
        best_strategy_helped=2,
        practice=1,
    )
    # Ben has no check-in yet: the last 7 days before now.
    assert summary_since_last(conn, ben.id, NOW) == Summary(
        since=None, moments=1, outcomes={"not": 1}, best_strategy=None, best_strategy_helped=0, practice=0
    )
    everyone = summary_since_last(conn, None, NOW)
    assert (everyone.since, everyone.moments, everyone.best_strategy, everyone.practice) == (db.stamp(before), 5, "team", 1)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (CheckinAnswers(rating=6), "rating 6 is out of range: give --rating a whole number from 1 to 5"),
        (CheckinAnswers(rating=0), "rating 0 is out of range: give --rating a whole number from 1 to 5"),
        (CheckinAnswers(rating=True), "rating True is out of range: give --rating a whole number from 1 to 5"),
        (CheckinAnswers(rating=3, focus="nope"), "unknown strategy 'nope' for --focus: use one of wait, team"),
        (CheckinAnswers(rating=3, wins=["w"] * 21), "21 wins given; keep it to 20 at most"),
        (CheckinAnswers(rating=3, wins=["x" * 2001]), "a win is 2001 characters; keep it to 2000 at most"),
        (CheckinAnswers(rating=3, helped="x" * 2001), "what helped is 2001 characters; keep it to 2000 at most"),
        (CheckinAnswers(rating=3, hard="x" * 2001), "what was hard is 2001 characters; keep it to 2000 at most"),
        (CheckinAnswers(rating=3, child_said="x" * 2001), "what your child said is 2001 characters; keep it to 2000 at most"),
        (CheckinAnswers(rating=3, note="x" * 2001), "the note is 2001 characters; keep it to 2000 at most"),
    ],
)
def test_checkin_answers_that_are_refused_say_which_and_why(answers: CheckinAnswers, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        validate_answers(answers, ["wait", "team"])
    assert str(caught.value) == message


def test_checkin_answers_are_tidied() -> None:
    answers = CheckinAnswers(rating=5, wins=[" a ", "", "b"] + ["w"] * 18, helped=" x ", hard="  ", child_said=None, focus="team")
    tidy = validate_answers(answers, ["wait", "team"])
    assert tidy == CheckinAnswers(rating=5, wins=["a", "b", *["w"] * 18], helped="x", hard=None, child_said=None, focus="team")
    assert validate_answers(CheckinAnswers(rating=1, helped="x" * 2000), []).helped == "x" * 2000


@pytest.mark.parametrize(
    ("part", "index", "field", "value", "message"),
    [
        (
            "children",
            1,
            "id",
            BAD_ID,
            f"child 2: id '{BAD_ID}' is not a UUID",
        ),
        (
            "children",
            0,
            "created_at",
            "yesterday!",
            "child 1: created_at 'yesterday!' is not an ISO 8601 time with its UTC offset",
        ),
        (
            "entries",
            2,
            "id",
            BAD_ID,
            f"entry 3: id '{BAD_ID}' is not a UUID",
        ),
        (
            "entries",
            1,
            "id",
            "1e000000-0000-4000-8000-000000000001",
            "entry 2: id 1e000000-0000-4000-8000-000000000001 appears twice in the file",
        ),
        (
            "entries",
            3,
            "created_at",
            "2026-03-04 16:45",
            "entry 4: created_at '2026-03-04 16:45' is not an ISO 8601 time with its UTC offset",
        ),
        (
            "entries",
            0,
            "outcome_at",
            "2026-03-02",
            "entry 1: outcome_at '2026-03-02' is not an ISO 8601 time with its UTC offset",
        ),
        ("entries", 6, "due_at", "soon-ish!!", f"entry 7: due_at 'soon-ish!!' {NOT_A_TIME}"),
        ("entries", 8, "child", "Zoe", "entry 9: child 'Zoe' is not in the file's children list"),
    ],
)
def test_an_import_that_does_not_hold_together_names_the_entry(
    part: str, index: int, field: str, value: str, message: str
) -> None:
    document = json.loads((GOLDEN / "seed.json").read_text(encoding="utf-8"))
    document[part][index][field] = value
    with pytest.raises(HelpcoachError) as caught:
        read_document(json.dumps(document).encode(), "in.json")
    assert str(caught.value) == f"in.json: {message}; nothing was imported"


def test_stats_round_the_rating_and_rank_ties_by_tries_then_id() -> None:
    conn = open_test_log()
    for rating in (1, 1, 2):
        add_checkin(conn, NOW - timedelta(days=1), rating=rating)
    for strategy, outcomes in (("b-two", ["not", "not"]), ("a-two", ["not", "not"]), ("c-one", ["not"])):
        for outcome in outcomes:
            add_moment(conn, NOW - timedelta(days=1), strategy=strategy, outcome=outcome)
    stats = compute_stats(conn, None, weeks=1, now=NOW)
    assert stats.weeks[-1].rating == 1.33
    assert [(s.strategy_id, s.tried, s.lower_bound) for s in stats.strategies] == [
        ("a-two", 2, 0.0),
        ("b-two", 2, 0.0),
        ("c-one", 1, 0.0),
    ]
    helped = compute_stats(conn, None, weeks=1, now=NOW)
    add_moment(conn, NOW - timedelta(days=1), strategy="d-won", outcome="helped")
    helped = compute_stats(conn, None, weeks=1, now=NOW)
    assert (helped.strategies[0].strategy_id, helped.strategies[0].lower_bound) == ("d-won", 0.2065)


def test_history_gives_followed_up_as_a_boolean_and_twenty_by_default() -> None:
    conn = open_test_log()
    first = add_moment(conn, NOW - timedelta(days=1), outcome="helped")
    for hours in range(25):
        add_checkin(conn, NOW - timedelta(hours=hours))
    moments.mark_followed_up(conn, first)
    assert len(history(conn)) == 20
    (moment,) = history(conn, kinds=("moment",))
    assert moment["followed_up"] is True and moment["id"] == first


def test_an_import_stores_times_in_utc_and_keeps_names_and_defaults_straight() -> None:
    conn = open_test_log()
    mine = add_child(conn, "Mia", 6)
    set_default(conn, "Mia")
    document = json.loads((GOLDEN / "seed.json").read_text(encoding="utf-8"))
    document["entries"][0]["created_at"] = "2026-03-02T09:15:00+01:00"
    document["children"][1]["id"] = mine.id  # Ben's id is taken by Mia here: Ben gets a new one
    result = import_document(conn, read_document(json.dumps(document).encode(), "in.json"))
    assert (result.added, result.skipped) == (len(document["entries"]), 0)
    children = {r["name"]: (r["id"], r["is_default"]) for r in conn.execute("SELECT * FROM children")}
    assert children["Mia"] == (mine.id, 1), "the log's own default stays the default"
    assert children["Ana"] == ("0a1b2c3d-0000-4000-8000-000000000001", 0)
    assert children["Ben"][0] not in (mine.id, "0a1b2c3d-0000-4000-8000-000000000002")
    first = conn.execute("SELECT created_at FROM moments WHERE id = ?", (FIRST,)).fetchone()[0]
    assert first == "2026-03-02T08:15:00.000+00:00"
    again = import_document(conn, read_document(json.dumps(document).encode(), "in.json"))
    assert (again.added, again.skipped) == (0, len(document["entries"]))


def test_an_import_into_a_log_without_a_default_takes_the_file_s_default() -> None:
    conn = open_test_log()
    import_document(conn, read_document((GOLDEN / "seed.json").read_bytes(), "seed.json"))
    defaults = [r[0] for r in conn.execute("SELECT name FROM children WHERE is_default = 1")]
    assert defaults == ["Ana"]


@pytest.mark.parametrize(
    ("name", "age", "message"),
    [
        ("   ", None, "a child's name cannot be blank"),
        ("x" * 61, None, "a child's name must be at most 60 characters, without { or }"),
        ("Mia {child}", None, "a child's name must be at most 60 characters, without { or }"),
        ("Mia}", None, "a child's name must be at most 60 characters, without { or }"),
        ("Mia", 19, "age 19 is out of range: give an age from 0 to 18"),
        ("Mia", -1, "age -1 is out of range: give an age from 0 to 18"),
    ],
)
def test_a_child_that_is_refused_says_why(name: str, age: int | None, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        add_child(open_test_log(), name, age)
    assert str(caught.value) == message


def test_a_child_at_the_limits_is_taken_and_the_first_is_the_default() -> None:
    conn = open_test_log()
    first = add_child(conn, "  Mia   Rose ", 0)
    second = add_child(conn, "x" * 60, 18)
    assert (first.name, first.age, first.is_default) == ("Mia Rose", 0, True)
    assert (second.name, second.age, second.is_default) == ("x" * 60, 18, False)
    with pytest.raises(HelpcoachError, match=r"^there is already a child named Mia Rose: see `helpcoach child list`$"):
        add_child(conn, "mia rose")
