"""What goes into the log can come out and go back in: dates kept to 1970-2100, the same text limits when
saving as when importing, one rule for children's names, ids compared without regard to case, and an id
held with other content reported as a conflict."""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
import uuid
from pathlib import Path
from typing import Any

import pytest

from helpcoach import paths
from helpcoach.coach.schedule import CardState
from helpcoach.store import db
from helpcoach.store.children import name_key
from helpcoach.store.limits import MAX_NAME, MAX_TEXT, MAX_WINS
from helpcoach.store.practice import Review, save_review
from helpcoach.times import EARLIEST


def _uuid(n: int) -> str:
    return str(uuid.UUID(int=n, version=4))


def _export(tmp_path: Path, entries: list[dict[str, Any]], children: list[dict[str, Any]] | None = None) -> str:
    path = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps({"format": "helpcoach-log", "version": 1, "children": children or [], "entries": entries}))
    return str(path)


def _moment(n: int, created_at: str = "2025-03-01T10:00:00.000+00:00", **more: Any) -> dict[str, Any]:
    return {
        "kind": "moment",
        "id": _uuid(n),
        "created_at": created_at,
        "state": "stuck",
        "strategy_id": "steps",
        "phrase_id": "steps-1",
        **more,
    }


def _count(table: str) -> int:
    conn = db.connect()
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


# ---- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        (_moment(2, "9999-12-30T00:00:00+00:00"), "entry 2: created_at '9999-12-30"),
        (_moment(2, outcome="helped", outcome_at="0001-01-01T00:00:00+00:00"), "entry 2: outcome_at '0001-01-01"),
        (_moment(2, "1969-12-31T23:59:59+00:00"), "entry 2"),
        (
            {
                **_moment(2),
                "kind": "practice",
                "scenario_id": "s",
                "mode": "say",
                "rating": "good",
                "box": 1,
                "due_at": "2101-01-01T00:00:00+00:00",
            }
            | {"state": None},
            "entry 2",
        ),
    ],
)
def test_import_refuses_dates_outside_1970_to_2100_naming_the_entry(
    run, tmp_path: Path, entry: dict[str, Any], named: str
) -> None:
    entry = {k: v for k, v in entry.items() if v is not None}
    if entry["kind"] == "practice":
        for key in ("strategy_id", "phrase_id"):
            entry.pop(key)
    code, _out, err = run("import", _export(tmp_path, [_moment(1), entry]))
    assert code == 1
    assert named in err and "outside 1970 to 2100" in err and "nothing was imported" in err
    assert not paths.db_file().exists() or _count("moments") == 0


def test_import_refuses_a_child_created_outside_the_span(run, tmp_path: Path) -> None:
    child = {"id": _uuid(9), "created_at": "0001-01-01T00:00:00+00:00", "name": "Mia"}
    code, _out, err = run("import", _export(tmp_path, [], [child]))
    assert code == 1 and "child 1" in err and "outside 1970 to 2100" in err


def test_the_last_day_of_2100_and_the_first_of_1970_are_accepted(run, tmp_path: Path) -> None:
    entries = [_moment(1, "1970-01-01T00:00:00+00:00"), _moment(2, "2100-12-31T23:59:59+00:00")]
    code, out, err = run("import", _export(tmp_path, entries))
    assert code == 0, err
    assert out.startswith("2 added")


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "--since", "0001-01-01"],
        ["history", "--until", "9999-12-31"],
        ["history", "--since", "1969-12-31"],
        ["export", "--since", "2101-01-01"],
    ],
)
def test_since_and_until_out_of_range_are_usage_errors(run, argv: list[str]) -> None:
    code, _out, err = run(*argv)
    assert code == 2, err
    assert "out of range" in err and "1970 to 2100" in err and "Traceback" not in err


@pytest.fixture
def western_time(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_extreme_dates_already_stored_never_break_a_command(run, western_time: None, tmp_path: Path) -> None:
    """As an older helpcoach could import them: no command may overflow on them."""
    db.connect().close()
    conn = sqlite3.connect(paths.db_file())
    conn.execute("INSERT INTO checkins (id, created_at, rating) VALUES (?, '9999-12-30T00:00:00.000+00:00', 3)", (_uuid(1),))
    conn.execute(
        "INSERT INTO moments (id, created_at, state, strategy_id, phrase_id) VALUES (?, ?, 'stuck', 'steps', 'steps-1')",
        (_uuid(2), "0001-01-01T00:00:00.000+00:00"),
    )
    conn.execute(
        "INSERT INTO practice (id, created_at, scenario_id, mode, rating, box, due_at)"
        " VALUES (?, '0001-01-01T00:00:00.000+00:00', 'shoes', 'say', 'good', 1, '9999-12-31T23:59:59.999+00:00')",
        (_uuid(3),),
    )
    conn.commit()
    conn.close()
    for argv in (
        ["history"],
        ["stats"],
        ["now", "--quick", "shoes"],
        ["now", "--went", "helped"],
        ["export", "--format", "md"],
        ["export", "--format", "csv"],
        ["report", "-o", str(tmp_path / "week.html")],
        ["child", "list"],
        ["checkin", "--rating", "3"],
        ["phrases"],
    ):
        code, _out, err = run(*argv)
        assert code == 0, (argv, err)
        assert "OverflowError" not in err and "unexpected" not in err


def test_the_reminder_adds_a_week_to_a_far_date_without_overflow() -> None:
    from helpcoach.store.checkins import checkin_due

    conn = db.connect()
    conn.execute("INSERT INTO checkins (id, created_at, rating) VALUES (?, '9999-12-30T00:00:00.000+00:00', 3)", (_uuid(1),))
    assert checkin_due(conn, None) is False
    conn.close()
    assert EARLIEST.year == 1970


# ---- text limits and a full round trip ------------------------------------------------------------


def test_a_log_written_with_maximal_inputs_exports_and_imports_again(run, tmp_path: Path, monkeypatch) -> None:
    name = "N" * MAX_NAME
    long = "w" * MAX_TEXT
    assert run("child", "add", name, "--age", "18")[0] == 0
    code, _out, err = run("now", "--quick", "x" * (MAX_TEXT * 3))
    assert code == 0, err
    wins = [f"{i}" + "v" * (MAX_TEXT - 2) for i in range(MAX_WINS)]
    win_args = [arg for win in wins for arg in ("--win", win)]
    fields = ["--helped", long, "--hard", long, "--child-said", long, "--note", long, "--focus", "smaller-steps"]
    code, _out, err = run("checkin", "--rating", "5", *win_args, *fields)
    assert code == 0, err
    code, _out, err = run("checkin", "--rating", "5", "--note", long + "w")
    assert code == 2 and f"keep it to {MAX_TEXT} at most" in err
    assert run("phrases", "fav", "steps-1")[0] == 0
    conn = db.connect()
    child_id = conn.execute("SELECT id FROM children").fetchone()[0]
    save_review(conn, Review("shoes", "say", "a" * (MAX_TEXT * 2), "good", CardState(1, db.utc_now()), child_id))
    conn.close()
    first = tmp_path / "first.json"
    assert run("export", "--format", "json", "-o", str(first))[0] == 0
    document = json.loads(first.read_text())
    assert {e["kind"] for e in document["entries"]} == {"moment", "checkin", "practice", "favorite"}
    assert max(len(e.get("words") or "") for e in document["entries"]) == MAX_TEXT
    assert max(len(e.get("answer") or "") for e in document["entries"]) == MAX_TEXT

    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(tmp_path / "fresh"))
    code, out, err = run("import", str(first))
    assert code == 0, err
    assert out.startswith(f"{len(document['entries'])} added, 0 skipped")
    second = tmp_path / "second.json"
    assert run("export", "--format", "json", "-o", str(second))[0] == 0
    assert json.loads(second.read_text()) == document
    code, out, err = run("import", str(first))
    assert out.startswith(f"0 added, {len(document['entries'])} skipped") and "conflict" not in err


# ---- identity --------------------------------------------------------------------------------------


def test_ids_are_compared_without_regard_to_case(run, tmp_path: Path) -> None:
    assert run("import", _export(tmp_path, [_moment(1)]))[0] == 0
    upper = _moment(1)
    upper["id"] = upper["id"].upper()
    code, out, err = run("import", _export(tmp_path, [upper]))
    assert code == 0, err
    assert out.startswith("0 added, 1 skipped")
    assert _count("moments") == 1
    code, _out, err = run("import", _export(tmp_path, [_moment(5), {**_moment(5), "id": _uuid(5).upper()}]))
    assert code == 1 and "entry 2" in err and "appears twice" in err


@pytest.mark.parametrize("blank", ["", " ", "\u3000\t"])
def test_a_blank_child_name_is_refused(run, tmp_path: Path, blank: str) -> None:
    child = {"id": _uuid(9), "created_at": "2025-01-01T00:00:00+00:00", "name": blank}
    code, _out, err = run("import", _export(tmp_path, [], [child]))
    assert code == 1 and "child 1" in err
    assert not paths.db_file().exists() or _count("children") == 0


def test_one_rule_for_names() -> None:
    decomposed = unicodedata.normalize("NFD", "Élodie")
    assert name_key("élodie") == name_key("Élodie") == name_key(decomposed) == name_key(" ÉLODIE ")
    assert name_key("Straße") == name_key("STRASSE") == name_key("strasse")
    assert name_key("Ana  Lu") == name_key("ana lu")
    assert name_key("Ana") != name_key("Anna")


def test_names_are_compared_the_same_way_everywhere(run, tmp_path: Path) -> None:
    assert run("child", "add", "élodie")[0] == 0
    code, _out, err = run("child", "add", "ÉLODIE")
    assert code == 1 and "already a child named élodie" in err
    assert run("child", "add", "Straße")[0] == 0
    code, _out, err = run("child", "add", "STRASSE")
    assert code == 1 and "Straße" in err
    code, _out, err = run("checkin", "--rating", "3", "--child", "strasse")
    assert code == 0, err
    child = {"id": _uuid(9), "created_at": "2025-01-01T00:00:00+00:00", "name": unicodedata.normalize("NFD", "Élodie")}
    entry = {**_moment(1), "child": "ÉLODIE"}
    code, _out, err = run("import", _export(tmp_path, [entry], [child]))
    assert code == 0, err
    conn = db.connect()
    assert conn.execute("SELECT COUNT(*) FROM children").fetchone()[0] == 2
    row = conn.execute("SELECT c.name FROM moments AS m JOIN children AS c ON c.id = m.child_id").fetchone()
    conn.close()
    assert row[0] == "élodie"


def test_the_same_id_with_other_content_is_a_conflict_not_skipped(run, tmp_path: Path) -> None:
    assert run("import", _export(tmp_path, [_moment(1), _moment(2)]))[0] == 0
    changed = {**_moment(1), "words": "something else"}
    code, out, err = run("import", _export(tmp_path, [changed, _moment(2), _moment(3)]))
    assert code == 0, err
    assert out.startswith("1 added, 1 skipped")
    assert "1 conflict" in err and _uuid(1) in err and "kept its own version" in err
    conn = db.connect()
    assert conn.execute("SELECT words FROM moments WHERE id = ?", (_uuid(1),)).fetchone()[0] is None
    conn.close()
