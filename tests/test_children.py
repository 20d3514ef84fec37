"""`helpcoach child`: add, list, default and remove (keeping or deleting entries)."""

from __future__ import annotations

import json

import pytest

from helpcoach.store.children import find_child
from tests.helpers import DOWN, ENTER, typed
from tests.logdata import add_checkin, add_moment, count, days_ago, open_test_log


def _children(run) -> list[dict[str, object]]:
    code, out, _ = run("child", "list", "--json")
    assert code == 0
    return list(json.loads(out))


def test_add_and_list(run) -> None:
    assert run("child", "add", "Ana", "--age", "5")[0] == 0
    code, out, _ = run("child", "add", "Ben")
    assert code == 0 and "Added Ben." in out
    children = _children(run)
    assert [(c["name"], c["age"], c["default"]) for c in children] == [("Ana", 5, True), ("Ben", None, False)]
    code, out, _ = run("child", "list")
    assert "Ana" in out and "Ben" in out


def test_list_with_no_children(run) -> None:
    code, out, err = run("child", "list")
    assert code == 0 and "No children yet." in out and "child add" in err


@pytest.mark.parametrize(("args", "expected"), [(["Ana", "--age", "30"], 2), (["  "], 2), (["A{child}"], 2)])
def test_bad_child_is_refused(run, args: list[str], expected: int) -> None:
    code, _, err = run("child", "add", *args)
    assert code == expected
    assert len(err.strip().splitlines()) == 1
    assert _children(run) == []


def test_a_name_twice_is_refused(run) -> None:
    run("child", "add", "Ana")
    code, _, err = run("child", "add", "ana")
    assert code == 1 and "already a child named" in err
    assert len(_children(run)) == 1


def test_default(run) -> None:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    code, out, _ = run("child", "default", "ben")
    assert code == 0 and "Ben is now the default" in out
    assert [c["name"] for c in _children(run) if c["default"]] == ["Ben"]
    code, _, err = run("child", "default", "Zoe")
    assert code == 2 and "Ana" in err and "Ben" in err


def test_with_several_children_the_default_one_gets_the_checkin(run) -> None:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    _, out, _ = run("checkin", "--rating", "4", "--json")
    assert json.loads(out)["child"] == "Ana"
    _code, out, _ = run("checkin", "--rating", "4", "--child", "Ben", "--json")
    assert json.loads(out)["child"] == "Ben"


def _seed_two_children(run) -> tuple[str, str]:
    run("child", "add", "Ana")
    run("child", "add", "Ben")
    conn = open_test_log()
    ana, ben = find_child(conn, "Ana"), find_child(conn, "Ben")
    assert ana and ben and ana.id and ben.id
    add_moment(conn, days_ago(1), child_id=ana.id)
    add_checkin(conn, days_ago(1), child_id=ana.id)
    add_checkin(conn, days_ago(2), child_id=ben.id)
    return ana.id, ben.id


def test_remove_keeping_entries(run) -> None:
    _ana_id, _ = _seed_two_children(run)
    code, out, _ = run("child", "remove", "Ana", "--yes", "--keep-entries")
    assert code == 0 and "kept" in out
    conn = open_test_log()
    assert count(conn, "moments") == 1 and count(conn, "checkins") == 2
    assert conn.execute("SELECT COUNT(*) FROM checkins WHERE child_id IS NULL").fetchone()[0] == 1
    assert [c["name"] for c in _children(run)] == ["Ben"]


def test_remove_deleting_only_that_childs_entries(run) -> None:
    _, ben_id = _seed_two_children(run)
    code, _, _ = run("child", "remove", "Ana", "--yes", "--delete-entries")
    assert code == 0
    conn = open_test_log()
    assert count(conn, "moments") == 0
    assert [r[0] for r in conn.execute("SELECT child_id FROM checkins")] == [ben_id]


@pytest.mark.parametrize("args", [[], ["--yes"], ["--delete-entries"]])
def test_remove_without_a_terminal_names_the_options(run, args: list[str]) -> None:
    _seed_two_children(run)
    code, _, err = run("child", "remove", "Ana", *args)
    assert code == 2
    assert "--yes" in err and "--delete-entries" in err and "--keep-entries" in err
    assert len(_children(run)) == 2


def test_remove_asks_and_confirms(run) -> None:
    _seed_two_children(run)
    with typed(DOWN, ENTER, "y"):  # "Delete them", then yes
        code, out, err = run("child", "remove", "Ana")
    assert code == 0, err
    assert "deleted" in out
    assert count(open_test_log(), "moments") == 0


def test_remove_declined_removes_nothing(run) -> None:
    _seed_two_children(run)
    with typed("n"):
        code, out, _ = run("child", "remove", "Ana", "--keep-entries")
    assert code == 0 and "Nothing was removed." in out
    assert len(_children(run)) == 2


def test_remove_unknown_child(run) -> None:
    run("child", "add", "Ana")
    code, _, err = run("child", "remove", "Zoe", "--yes", "--keep-entries")
    assert code == 2 and "Ana" in err
