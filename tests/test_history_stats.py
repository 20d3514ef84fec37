"""history, stats and report: order, filters, weekly numbers, ranking, charts and the query plans."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from helpcoach.store.db import stamp, utc_now
from helpcoach.store.history import history
from helpcoach.store.stats import checkin_streak, compute_stats, wilson_lower_bound
from tests.logdata import NOW, add_checkin, add_moment, days_ago, open_test_log


def _recent(days: float):
    return utc_now() - timedelta(days=days)


def test_history_newest_first_with_kind_fields(run) -> None:
    conn = open_test_log()
    add_moment(conn, _recent(3), outcome="helped")
    add_checkin(conn, _recent(1), rating=5, wins=["shoes"])
    add_moment(conn, _recent(2))
    code, out, _ = run("history", "--json")
    assert code == 0
    entries = json.loads(out)
    assert [e["kind"] for e in entries] == ["checkin", "moment", "moment"]
    assert [e["created_at"] for e in entries] == sorted((e["created_at"] for e in entries), reverse=True)
    for entry in entries:
        assert {"id", "kind", "created_at", "child"} <= set(entry)
    assert entries[0]["wins"] == ["shoes"] and entries[0]["rating"] == 5
    assert entries[2]["outcome"] == "helped" and entries[2]["strategy_id"] == "smaller-steps"


def test_history_limit_kind_and_dates(run) -> None:
    conn = open_test_log()
    for day in range(30):
        add_moment(conn, _recent(day))
    add_checkin(conn, _recent(40))
    _, out, _ = run("history", "--json")
    assert len(json.loads(out)) == 20
    _, out, _ = run("history", "--json", "--limit", "3", "--kind", "checkin")
    assert [e["kind"] for e in json.loads(out)] == ["checkin"]
    since = (utc_now() - timedelta(days=5)).astimezone().date().isoformat()
    _, out, _ = run("history", "--json", "--since", since, "--limit", "100")
    assert 4 <= len(json.loads(out)) <= 7
    until = (utc_now() - timedelta(days=35)).astimezone().date().isoformat()
    _code, out, _ = run("history", "--json", "--until", until)
    assert [e["kind"] for e in json.loads(out)] == ["checkin"]


def test_history_child_filter(run) -> None:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    _, out, _ = run("checkin", "--rating", "3", "--child", "Ben")
    run("checkin", "--rating", "4", "--child", "Ana")
    _code, out, _ = run("history", "--json", "--child", "Ben")
    assert [(e["child"], e["rating"]) for e in json.loads(out)] == [("Ben", 3)]


@pytest.mark.parametrize(
    "args",
    [["--since", "2025-02-30"], ["--until", "yesterday"], ["--since", "2025-1-5"], ["--kind", "moments"], ["--limit", "0"]],
)
def test_history_bad_options_exit_2(run, args: list[str]) -> None:
    code, out, err = run("history", *args)
    assert code == 2
    assert out == "" and len(err.strip().splitlines()) == 1


def test_history_table_and_plain(run) -> None:
    add_checkin(open_test_log(), _recent(1), rating=4, focus="stories")
    _, out, _ = run("history")
    assert "check-in" in out and "felt 4/5" in out
    _code, out, _ = run("history", "--plain")
    assert "kind: check-in" in out
    assert not any(ch in out for ch in "─│┌")


def test_history_empty(run) -> None:
    code, out, _ = run("history")
    assert code == 0 and "Nothing in the log" in out


def test_history_branches_use_indexes() -> None:
    conn = open_test_log()
    for args in ({}, {"child_id": "x"}, {"since": stamp(NOW), "until": stamp(NOW)}):
        entries = history(conn, **args)  # type: ignore[arg-type]
        assert entries == []
    plan = " ".join(
        str(tuple(r))
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM moments WHERE child_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 5",
            ("x", stamp(NOW)),
        )
    )
    assert "moments_by_child" in plan and "TEMP B-TREE" not in plan


def test_wilson_ranks_many_tries_above_one_lucky_try() -> None:
    assert wilson_lower_bound(9, 10) > wilson_lower_bound(1, 1)
    assert wilson_lower_bound(0, 0) == 0.0
    assert 0 < wilson_lower_bound(1, 2) < 0.5


def test_stats_per_week_ranking_and_streak() -> None:
    conn = open_test_log()
    for i in range(10):
        add_moment(conn, days_ago(1), strategy="smaller-steps", outcome="helped" if i < 9 else "not")
    add_moment(conn, days_ago(2), strategy="stories", outcome="helped")
    add_moment(conn, days_ago(9), strategy="stories", outcome="skipped")
    add_moment(conn, days_ago(100), strategy="stories", outcome="helped")  # outside the window
    for week in range(4):
        add_checkin(conn, days_ago(week * 7 + 1), rating=2 + week % 3)
    stats = compute_stats(conn, None, weeks=8, now=NOW)
    assert len(stats.weeks) == 8
    this_week, last_week = stats.weeks[-1], stats.weeks[-2]
    assert (this_week.moments, this_week.rated, this_week.went_well) == (11, 11, 10)
    assert (last_week.moments, last_week.rated) == (1, 0) and last_week.share_well is None
    assert this_week.rating == 2 and this_week.checkins == 1
    assert [(s.strategy_id, s.helped, s.tried) for s in stats.strategies] == [("smaller-steps", 9, 10), ("stories", 1, 1)]
    assert stats.streak == 4
    assert sum(w.moments for w in stats.weeks) == 12


def test_streak_allows_this_week_to_be_pending_and_stops_at_a_gap() -> None:
    conn = open_test_log()
    assert checkin_streak(conn, None, NOW) == 0
    add_checkin(conn, days_ago(8))
    add_checkin(conn, days_ago(15))
    add_checkin(conn, days_ago(16))
    add_checkin(conn, days_ago(40))
    assert checkin_streak(conn, None, NOW) == 2


def test_stats_command_json_and_charts(run) -> None:
    conn = open_test_log()
    add_moment(conn, _recent(1), outcome="helped")
    add_checkin(conn, _recent(1), rating=4)
    code, out, _ = run("stats", "--json", "--weeks", "4")
    data = json.loads(out)
    assert len(data["weeks"]) == 4 and data["weeks"][-1]["moments"] == 1 and data["weeks"][-1]["share_well"] == 1.0
    assert data["checkin_streak_weeks"] == 1
    assert data["strategies"][0]["helped"] == 1
    code, out, _ = run("stats", "--weeks", "4")
    assert code == 0 and "1 of 1 helped" in out and "█" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = run("stats", "--weeks", "4", "--plain")
    assert "█" not in out and "▁" not in out and "1 of 1 helped" in out


@pytest.mark.parametrize("weeks", ["0", "200", "x"])
def test_stats_bad_weeks(run, weeks: str) -> None:
    assert run("stats", "--weeks", weeks)[0] == 2


def test_report_html_and_markdown(run, tmp_path: Path) -> None:
    conn = open_test_log()
    add_moment(conn, _recent(1), outcome="helped")
    run("checkin", "--rating", "4", "--win", "<b>zipped</b> the coat", "--focus", "stories", "--helped", "counting")
    html = tmp_path / "r.html"
    code, out, _ = run("report", "-o", str(html))
    assert code == 0 and str(html) in out
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<style>" in page
    assert "&lt;b&gt;zipped&lt;/b&gt;" in page and "<b>zipped" not in page
    assert "http://" not in page and "https://" not in page and "<script" not in page and "<link" not in page
    md = tmp_path / "r.md"
    assert run("report", "-o", str(md), "--weeks", "2")[0] == 0
    text = md.read_text()
    assert text.startswith("# helpcoach report") and "- &lt;b&gt;zipped&lt;/b&gt; the coat" in text and "- counting" in text


def test_report_needs_a_known_suffix(run, tmp_path: Path) -> None:
    code, _, err = run("report", "-o", str(tmp_path / "r.pdf"))
    assert code == 2 and ".html or .md" in err
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("command", [["report"], ["export", "--format", "md"]])
def test_an_existing_file_is_replaced_only_with_force(run, tmp_path, command):
    target = tmp_path / "mine.md"
    target.write_text("notes I care about\n")
    code, _, err = run(*command, "-o", str(target))
    assert code == 1 and "--force" in err
    assert target.read_text() == "notes I care about\n"
    code, _, err = run(*command, "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text() != "notes I care about\n"
