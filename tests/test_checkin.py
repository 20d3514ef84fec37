"""`helpcoach checkin`: options, answers files, real prompts, Ctrl-C, and the reminder."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from helpcoach import paths
from helpcoach.cli import reminder
from helpcoach.cli.reminder import REMINDER, after_command
from helpcoach.packs.library import load_library
from helpcoach.store.moments import get_moment, record_outcome
from tests.helpers import CTRL_C, ENTER, typed, write
from tests.logdata import NOW, add_checkin, add_moment, count, days_ago, open_test_log


def _checkins() -> list[dict[str, object]]:
    if not paths.db_file().exists():
        return []
    return [dict(r) for r in open_test_log().execute("SELECT * FROM checkins")]


def test_options_save_one_checkin_and_json_prints_it(run) -> None:
    code, out, err = run(
        "checkin",
        "--rating",
        "4",
        "--win",
        "asked for help",
        "--win",
        "tried again",
        "--helped",
        "waiting",
        "--hard",
        "mornings",
        "--child-said",
        "I did it",
        "--focus",
        "smaller-steps",
        "--note",
        "fewer words",
        "--json",
    )
    assert code == 0, err
    entry = json.loads(out)
    assert entry["kind"] == "checkin" and entry["rating"] == 4
    assert entry["wins"] == ["asked for help", "tried again"]
    assert entry["focus"] == "smaller-steps" and entry["child_said"] == "I did it"
    saved = _checkins()
    assert len(saved) == 1 and saved[0]["id"] == entry["id"]


def test_options_end_with_a_celebration_and_the_focus(run) -> None:
    code, out, _ = run("checkin", "--rating", "3", "--focus", "stay-present")
    assert code == 0
    assert "Check-in saved." in out
    assert f"Your focus for next week: {load_library().strategies['stay-present'].title}" in out
    assert len(out.strip().splitlines()) >= 3  # saved, a celebration, the focus


@pytest.mark.parametrize("args", [["--rating", "7"], ["--rating", "0"], ["--rating", "3", "--focus", "no-such"]])
def test_bad_values_exit_2_and_save_nothing(run, args: list[str]) -> None:
    code, out, err = run("checkin", *args)
    assert code == 2
    assert out == ""
    assert _checkins() == []
    assert "--rating" in err or "--focus" in err


def test_no_terminal_and_no_rating_names_the_options(run) -> None:
    code, _, err = run("checkin")
    assert code == 2
    for option in ("--rating", "--win", "--focus", "--answers"):
        assert option in err
    assert _checkins() == []


def test_other_options_without_rating_exit_2(run) -> None:
    code, _, err = run("checkin", "--win", "shoes")
    assert code == 2 and "--rating" in err
    assert _checkins() == []


def test_answers_from_a_yaml_file(run, tmp_path: Path) -> None:
    answers = write(tmp_path / "week.yaml", "rating: 5\nwins:\n  - zipped her coat\nfocus: celebrate-effort\n")
    code, out, _ = run("checkin", "--answers", str(answers), "--json")
    assert code == 0
    entry = json.loads(out)
    assert (entry["rating"], entry["wins"], entry["focus"]) == (5, ["zipped her coat"], "celebrate-effort")


def test_answers_from_json_on_stdin(run, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.dumps({"rating": 2, "hard": "bedtime", "wins": []}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, _ = run("checkin", "--answers", "-", "--json")
    assert code == 0
    assert json.loads(out)["hard"] == "bedtime"


def test_options_override_the_answers_file(run, tmp_path: Path) -> None:
    answers = write(tmp_path / "week.json", '{"rating": 5, "note": "from file"}')
    code, out, _ = run("checkin", "--answers", str(answers), "--rating", "1", "--json")
    assert code == 0
    entry = json.loads(out)
    assert (entry["rating"], entry["note"]) == (1, "from file")


@pytest.mark.parametrize("text", ["rating: 9\n", "rating: 3\nmood: great\n", "rating: [1\n", "rating: three\n"])
def test_a_bad_answers_file_exits_2_and_saves_nothing(run, tmp_path: Path, text: str) -> None:
    answers = write(tmp_path / "week.yaml", text)
    code, _, err = run("checkin", "--answers", str(answers))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert _checkins() == []


def test_a_checkin_through_real_prompts(run) -> None:
    run("child", "add", "Ana")
    # rating (its number key: 2), two wins then an empty line, helped, hard, child said, focus (default), note
    wins = ("put on shoes", ENTER, "asked me", ENTER, ENTER)
    with typed("2", ENTER, *wins, "counting", ENTER, ENTER, "I can do it", ENTER, ENTER, "less talk", ENTER):
        code, out, err = run("checkin")
    assert code == 0, err
    assert "Your week so far" in out and "Check-in saved." in out
    (saved,) = _checkins()
    assert saved["rating"] == 2
    assert json.loads(str(saved["wins"])) == ["put on shoes", "asked me"]
    assert (saved["helped"], saved["hard"], saved["child_said"], saved["note"]) == ("counting", None, "I can do it", "less talk")
    assert saved["focus"] == "acknowledge-independence"  # the first strategy is the default focus


def test_the_previous_focus_is_the_default(run) -> None:
    assert run("checkin", "--rating", "4", "--focus", "stories")[0] == 0
    with typed(ENTER, ENTER, ENTER * 3, ENTER, ENTER):
        code, _, err = run("checkin")
    assert code == 0, err
    assert [c["focus"] for c in _checkins()].count("stories") == 2


def test_ctrl_c_mid_flow_saves_nothing(run) -> None:
    with typed(ENTER, "a win", ENTER, CTRL_C):
        code, _, err = run("checkin")
    assert code == 130
    assert "nothing was saved" in err.lower()
    assert _checkins() == []


def test_a_skipped_moment_is_followed_up_once(run) -> None:
    conn = open_test_log()
    moment_id = add_moment(conn, days_ago(1))
    record_outcome(conn, moment_id, "skipped")
    with typed("1", ENTER, ENTER, ENTER, ENTER * 3, ENTER, ENTER):  # "It helped", then the usual questions
        code, _, err = run("checkin")
    assert code == 0, err
    moment = get_moment(open_test_log(), moment_id)
    assert moment is not None and moment.outcome == "helped"
    # Asked once only: the next check-in goes straight to the rating.
    with typed("1", ENTER, ENTER, ENTER * 3, ENTER, ENTER):
        assert run("checkin")[0] == 0
    assert sorted(c["rating"] for c in _checkins()) == [1, 3]


# The reminder ----------------------------------------------------------------------------


def _reminded(capsys: pytest.CaptureFixture[str], args: list[str], days_later: float) -> bool:
    after_command(args, now=NOW + timedelta(days=days_later))
    captured = capsys.readouterr()
    assert captured.out == ""
    return REMINDER in captured.err


def test_no_log_no_reminder_and_no_file_created(capsys: pytest.CaptureFixture[str]) -> None:
    assert not _reminded(capsys, ["history"], 30)
    assert not paths.db_file().exists()


def test_reminder_after_seven_days(capsys: pytest.CaptureFixture[str]) -> None:
    add_checkin(open_test_log(), NOW)
    assert not _reminded(capsys, ["history"], 6.9)
    assert _reminded(capsys, ["history"], 7)
    assert not _reminded(capsys, ["history", "--json"], 8)
    assert not _reminded(capsys, ["checkin", "--rating", "3"], 8)


def test_reminder_when_moments_but_never_a_checkin(capsys: pytest.CaptureFixture[str]) -> None:
    conn = open_test_log()
    assert not _reminded(capsys, ["stats"], 0)
    add_moment(conn, NOW)
    assert _reminded(capsys, ["stats"], 0)


def test_reminder_off_in_config(capsys: pytest.CaptureFixture[str]) -> None:
    add_moment(open_test_log(), NOW)
    write(paths.config_file(), "remind: false\n")
    assert not _reminded(capsys, ["stats"], 10)


@pytest.mark.parametrize("damage", ["not an sqlite file", "newer schema", "damaged pages"])
def test_reminder_never_fails_the_command(run, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """A log the reminder cannot read leaves a command that never touches the log exactly as it was."""
    path = paths.db_file()
    if damage == "not an sqlite file":
        write(path, "not a database")
    else:
        conn = open_test_log()
        add_moment(conn, NOW)  # a moment and no check-in: with a readable log, the reminder would show
        conn.execute("PRAGMA user_version = 99" if damage == "newer schema" else "PRAGMA writable_schema = ON")
        if damage == "damaged pages":
            conn.execute("UPDATE sqlite_master SET sql = 'garbage' WHERE name = 'checkins'")
        conn.close()
    asked: list[bool] = []
    real = reminder.reminder_due

    def spy(now: datetime | None = None) -> bool:
        asked.append(real(now))
        return asked[-1]

    monkeypatch.setattr(reminder, "reminder_due", spy)
    code, out, err = run("packs", "list")
    assert asked == [False], "the reminder ran, read nothing and stayed quiet"
    assert code == 0, err
    assert err == "" and "core" in out


def test_reminder_shows_after_a_command_that_never_touches_the_log(run) -> None:
    """The control for the test above: the same command with a readable log and a check-in due."""
    add_moment(open_test_log(), NOW)
    code, _, err = run("packs", "list")
    assert code == 0
    assert err.count(REMINDER) == 1


def test_reminder_is_one_line_on_stderr_through_the_entry_point(run) -> None:
    add_moment(open_test_log(), days_ago(0))
    code, out, err = run("history", "--limit", "1")
    assert code == 0
    assert REMINDER not in out
    assert err.count(REMINDER) == 1
    assert count(open_test_log(), "checkins") == 0


def test_an_answers_file_can_name_the_child(run, tmp_path: Path) -> None:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    answers = write(tmp_path / "week.yaml", "rating: 4\nchild: Ben\n")
    code, out, err = run("checkin", "--answers", str(answers), "--json")
    assert code == 0, err
    assert json.loads(out)["child"] == "Ben"


def test_with_two_children_and_no_default_the_prompts_ask_which(run) -> None:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    conn = open_test_log()
    conn.execute("UPDATE children SET is_default = 0")
    conn.close()
    with typed("2", ENTER, "4", ENTER, ENTER, ENTER * 3, ENTER, ENTER):  # Ben; rating 4; no wins; ...; focus; note
        code, _, err = run("checkin")
    assert code == 0, err
    (saved,) = _checkins()
    assert saved["rating"] == 4
    code, out, _ = run("history", "--kind", "checkin", "--json")
    assert json.loads(out)[0]["child"] == "Ben"
