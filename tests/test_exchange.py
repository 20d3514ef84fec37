"""Export and import: lossless round trip (property test), merging by id, bad files change nothing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpcoach.safe_text import strip
from helpcoach.store import db
from helpcoach.store.exchange import export_document, import_document, read_document
from helpcoach.store.moments import phrase_outcomes
from tests.helpers import write
from tests.logdata import add_checkin, add_moment, count, days_ago, open_test_log

times = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)).map(db.stamp)
ids = st.uuids().map(str)
# Any text the way in accepts: control characters and their kin are refused at import (tests/test_hostile_input.py).
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).map(strip)
maybe = st.none() | texts.filter(bool)
slug = st.sampled_from(["smaller-steps", "stories", "stay-present", "a1"])

moment = st.fixed_dictionaries(
    {
        "kind": st.just("moment"),
        "id": ids,
        "created_at": times,
        "state": slug,
        "reason": st.none() | slug,
        "strategy_id": slug,
        "phrase_id": slug,
        "words": maybe,
        "outcome": st.sampled_from([None, "helped", "little", "not", "skipped"]),
        "outcome_at": st.none() | times,
        "followed_up": st.booleans(),
    }
)
checkin = st.fixed_dictionaries(
    {
        "kind": st.just("checkin"),
        "id": ids,
        "created_at": times,
        "rating": st.integers(1, 5),
        "wins": st.lists(texts, max_size=3),
        "helped": maybe,
        "hard": maybe,
        "child_said": maybe,
        "focus": st.none() | slug,
        "note": maybe,
    }
)
practice = st.fixed_dictionaries(
    {
        "kind": st.just("practice"),
        "id": ids,
        "created_at": times,
        "scenario_id": slug,
        "mode": st.sampled_from(["say", "choose"]),
        "answer": maybe,
        "rating": st.sampled_from(["again", "hard", "good", "easy"]),
        "box": st.integers(0, 5),
        "due_at": times,
    }
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    names = draw(st.lists(st.sampled_from(["Ana", "Ben", "Zoë"]), unique=True, max_size=2))
    children = [
        {"id": draw(ids), "created_at": draw(times), "name": n, "age": draw(st.none() | st.integers(0, 18)), "default": i == 0}
        for i, n in enumerate(names)
    ]
    children.sort(key=lambda c: (c["created_at"], c["id"]))
    entries = draw(st.lists(st.one_of(moment, checkin, practice), max_size=12, unique_by=lambda e: e["id"]))
    for entry in entries:
        entry["child"] = draw(st.sampled_from([None, *names]))
    entries.sort(key=lambda e: (e["created_at"], e["id"]))
    return {"format": "helpcoach-log", "version": 1, "children": children, "entries": entries}


def _fresh(tmp_path: Path) -> db.sqlite3.Connection:
    path = tmp_path / f"{uuid.uuid4()}.db"
    return db.connect(path)


def _normal(document: dict[str, object]) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_export_import_export_is_the_same_document(tmp_path: Path, document: dict[str, object]) -> None:
    raw = json.dumps(document).encode()
    conn = _fresh(tmp_path)
    result = import_document(conn, read_document(raw, "test"))
    assert result.added == len(document["entries"])  # type: ignore[arg-type]
    assert _normal(export_document(conn)) == _normal(document)
    again = import_document(conn, read_document(raw, "test"))
    assert (again.added, again.skipped) == (0, len(document["entries"]))  # type: ignore[arg-type]
    conn.close()


def _seed() -> None:
    conn = open_test_log()
    add_moment(conn, days_ago(3), outcome="helped")
    add_moment(conn, days_ago(2), outcome="little")
    add_checkin(conn, days_ago(1), rating=4, wins=["shoes"], focus="stories")


def test_cli_round_trip_and_importing_twice_adds_nothing(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _seed()
    export = tmp_path / "log.json"
    assert run("export", "-o", str(export))[0] == 0
    first = json.loads(export.read_text())
    assert first["format"] == "helpcoach-log" and first["version"] == 1 and len(first["entries"]) == 3
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(tmp_path / "other"))
    code, out, _ = run("import", str(export))
    assert code == 0 and "3 added, 0 skipped" in out
    code, out, _ = run("import", str(export))
    assert "0 added, 3 skipped" in out
    assert json.loads(run("export")[1]) == first
    conn = open_test_log()
    assert phrase_outcomes(conn, None) == {"smaller-steps-1": (1, 1, 0)}  # rebuilt for the imported moments


def test_merging_two_caregivers_logs(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("child", "add", "Ana")
    run("checkin", "--rating", "4")
    mine = tmp_path / "mine.json"
    run("export", "-o", str(mine))
    monkeypatch.setenv("HELPCOACH_DATA_DIR", str(tmp_path / "partner"))
    run("child", "add", "ana")  # the same child, another id
    run("checkin", "--rating", "2")
    _code, out, _ = run("import", str(mine))
    assert "1 added, 0 skipped" in out
    entries = json.loads(run("history", "--json")[1])
    assert sorted(e["rating"] for e in entries) == [2, 4] and {e["child"] for e in entries} == {"ana"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["entries"][1].update(rating=9), "entry 2"),
        (lambda d: d["entries"][2].update(created_at="yesterday"), "entry 3"),
        (lambda d: d["entries"][0].update(id=d["entries"][2]["id"]), "entry 3"),
        (lambda d: d["entries"][1].update(mood="fine"), "entry 2"),
        (lambda d: d["entries"][0].update(kind="dream"), "entry 1"),
        (lambda d: d["entries"][2].update(child="Nobody"), "entry 3"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(format="jrnl"), "not a helpcoach export"),
    ],
)
def test_a_bad_file_names_the_entry_and_changes_nothing(run, tmp_path: Path, change, message: str) -> None:
    _seed()
    document = json.loads(run("export")[1])
    document["entries"].append({**document["entries"][2], "id": str(uuid.uuid4()), "child": None})
    change(document)
    bad = write(tmp_path / "bad.json", json.dumps(document))
    before = db.connect().execute("SELECT COUNT(*) FROM moments").fetchone()[0], paths_bytes()
    code, _out, err = run("import", str(bad))
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert (db.connect().execute("SELECT COUNT(*) FROM moments").fetchone()[0], paths_bytes()) == before


def paths_bytes() -> int:
    conn = open_test_log()
    return count(conn, "moments") + count(conn, "checkins") + count(conn, "children")


@pytest.mark.parametrize("raw", [b"", b"{", b"[1, 2]", b"\xff\xfe", b'{"format": "helpcoach-log"}'])
def test_not_an_export(run, tmp_path: Path, raw: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(raw)
    code, _, err = run("import", str(bad))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_import_missing_file(run, tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "nope.json"))
    assert code == 1, err
    assert err.startswith("helpcoach: error: cannot read ") and "nope.json" in err


def test_csv_and_markdown(run) -> None:
    _seed()
    _, out, _ = run("export", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("id,kind,created_at,child,state") and len(lines) == 4
    assert '"[""shoes""]"' in out
    _code, out, _ = run("export", "--format", "md")
    assert out.startswith("# helpcoach journal") and "win: shoes" in out and "## " in out
    assert run("export", "--format", "xml")[0] == 2


def test_export_since_and_child(run) -> None:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    run("checkin", "--rating", "3", "--child", "Ben")
    add_checkin(open_test_log(), datetime(2020, 1, 1, tzinfo=UTC))
    document = json.loads(run("export", "--since", "2024-01-01")[1])
    assert len(document["entries"]) == 1
    document = json.loads(run("export", "--child", "Ana")[1])
    assert document["entries"] == [] and [c["name"] for c in document["children"]] == ["Ana"]


def test_the_markdown_journal_uses_words_not_ids(run):
    assert run("checkin", "--rating", "4", "--win", "zipped the coat", "--focus", "smaller-steps")[0] == 0
    code, out, err = run("export", "--format", "md")
    assert code == 0, err
    assert "Break it into small steps" in out and "smaller-steps" not in out
    assert "win: zipped the coat" in out
