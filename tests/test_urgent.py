"""The urgent route: fixed guidance with the emergency number first, logged but never rated or learned."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from helpcoach.emergency import emergency_number, locale_region, numbers
from helpcoach.errors import UsageError
from helpcoach.packs.library import load_library
from helpcoach.packs.schema import Config
from helpcoach.store.db import connect
from helpcoach.store.moments import add_moment, record_outcome
from tests.conftest import write

KINDS = {
    "self-harm": ("she says she wants to die", "Your child talks of dying or of hurting themselves", "Ask plainly"),
    "disclosure": (
        "told me someone touched her",
        "Your child tells you someone hurt or touched them",
        "Never promise to keep it secret",
    ),
    "medical": ("he swallowed a battery", "A medical emergency", "don't make them sick"),
    "parent": ("I'm about to lose it", "You are afraid you might hurt your child", "Step away"),
}


@pytest.fixture
def in_britain(isolated: dict[str, Path]) -> Path:
    return write(isolated["config"] / "config.yaml", "region: GB\ncontacts:\n  - name: Dr Rao\n    how: 01234 567890\n")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_shows_its_own_guidance_after_the_number(run, in_britain: Path, kind: str) -> None:
    words, title, step = KINDS[kind]
    code, out, err = run("now", "--quick", "--plain", words)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "If anyone is hurt or in danger, call your emergency number now: 999"
    assert title in out and step in out
    assert out.index(title) < out.index("Say:") < out.index("Dr Rao: 01234 567890") < out.index("helpcoach support")
    for other, (_, other_title, _) in KINDS.items():
        assert other == kind or other_title not in out
    assert "How did it go" not in out + err and "--went" not in err


@pytest.mark.parametrize("kind", list(KINDS))
def test_json_contract_for_an_urgent_moment(run, in_britain: Path, kind: str) -> None:
    code, out, _ = run("now", "--json", KINDS[kind][0])
    assert code == 0
    doc = json.loads(out)
    assert doc["state"] == "urgent" and doc["step_in"] is True and doc["matched"] is True
    assert doc["urgent"]["kind"] == kind and doc["urgent"]["call"] == "999"
    assert isinstance(doc["urgent"]["steps"], list) and 3 <= len(doc["urgent"]["steps"]) <= 5
    assert set(doc["strategy"]) == {"id", "title"} and set(doc["phrase"]) == {"id", "text"}
    assert doc["moment_id"] and doc["reason"] is None


def test_urgent_words_win_over_state_and_a_danger_word(run, in_britain: Path) -> None:
    code, out, _ = run("now", "--json", "--state", "stuck", "he hit his head and now he's being sick")
    assert code == 0 and json.loads(out)["urgent"]["kind"] == "medical"


def test_the_moment_is_logged_as_urgent_and_never_rated(run, isolated: dict[str, Path]) -> None:
    code, out, _ = run("now", "--json", "she wants to die")
    moment_id = json.loads(out)["moment_id"]
    conn = connect(isolated["data"] / "helpcoach.db")
    row = conn.execute("SELECT state, strategy_id, outcome, words FROM moments WHERE id = ?", (moment_id,)).fetchone()
    assert tuple(row) == ("urgent", "urgent-self-harm", None, "she wants to die")
    with pytest.raises(UsageError, match="never rated"):
        record_outcome(conn, moment_id, "helped")
    conn.close()
    code, _, err = run("now", "--went", "helped")
    assert code == 1 and "no moment is waiting" in err


def test_went_skips_an_urgent_moment_and_learning_never_counts_it(run, isolated: dict[str, Path]) -> None:
    run("now", "--quick", "--no-log", "stuck on a sum")
    run("now", "--json", "he swallowed a magnet")
    conn = connect(isolated["data"] / "helpcoach.db")
    assert conn.execute("SELECT COUNT(*) FROM phrase_outcomes").fetchone()[0] == 0
    conn.close()


def test_no_log_saves_nothing_even_when_urgent(run, isolated: dict[str, Path]) -> None:
    code, out, _ = run("now", "--json", "--no-log", "he's choking")
    assert code == 0 and json.loads(out)["moment_id"] is None
    assert not (isolated["data"] / "helpcoach.db").exists()


def test_state_urgent_with_no_words_shows_every_kind(run, in_britain: Path) -> None:
    code, out, _ = run("now", "--quick", "--plain", "--state", "urgent")
    assert code == 0 and out.splitlines()[0].endswith("999")
    assert all(title in out for _, title, _ in KINDS.values())
    code, out, _ = run("now", "--json", "--state", "urgent")
    doc = json.loads(out)
    assert doc["urgent"]["kind"] is None and [k["kind"] for k in doc["urgent"]["kinds"]] == [
        "medical",
        "self-harm",
        "disclosure",
        "parent",
    ]


def test_unknown_region_names_the_usual_numbers(run, isolated: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    code, out, _ = run("now", "--quick", "--plain", "he swallowed a battery")
    assert code == 0
    assert "your local emergency number (112 in most of Europe, 911 in North America, 999 in the UK, 000 in Australia)" in out
    assert "Set region:" in out


def test_region_from_the_locale_says_it_is_a_guess(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    code, out, _ = run("now", "--quick", "--plain", "he swallowed a battery")
    assert code == 0 and "call your emergency number now: 911" in out
    assert "guessed from your locale LANG=en_US.UTF-8" in out and "Set region: in config.yaml" in out


def test_emergency_number_in_config_wins(run, isolated: dict[str, Path]) -> None:
    write(isolated["config"] / "config.yaml", "region: GB\nemergency_number: '112'\n")
    code, out, _ = run("now", "--quick", "--plain", "she passed out")
    assert code == 0
    assert out.splitlines()[0].endswith("now: 112") and "guessed" not in out


@pytest.mark.parametrize(
    ("config", "environ", "call", "source"),
    [
        (Config(region="nz"), {}, "111", "config region"),
        (Config(region="AU"), {"LANG": "en_GB.UTF-8"}, "000", "config region"),
        (Config(), {"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "112", "locale LC_ALL=de_DE.UTF-8"),
        (Config(), {"LANG": "C.UTF-8"}, None, "unknown"),
        (Config(), {"LANG": "en_IN"}, "112", "locale LANG=en_IN"),
        (Config(region="XX"), {}, None, "config region"),
        (Config(emergency_number="999", region="ES"), {}, "999", "config number"),
    ],
)
def test_where_the_number_comes_from(config: Config, environ: dict[str, str], call: str | None, source: str) -> None:
    found = emergency_number(config, environ)
    assert (found.call, found.source) == (call, source)


def test_the_number_table_has_the_figures_the_issue_names() -> None:
    table = numbers()
    assert {k: table[k] for k in ("US", "CA", "GB", "AU", "NZ", "IN", "DE", "FR", "IE")} == {
        "US": "911",
        "CA": "911",
        "GB": "999",
        "AU": "000",
        "NZ": "111",
        "IN": "112",
        "DE": "112",
        "FR": "112",
        "IE": "112",
    }
    assert locale_region({"LANG": "POSIX"}) is None


def test_a_bad_region_in_config_is_a_located_problem(run, isolated: dict[str, Path]) -> None:
    write(isolated["config"] / "config.yaml", "region: Britain\n")
    code, _, err = run("packs", "validate")
    assert code == 1 and "config.yaml:1:" in err and "two-letter country code" in err


def test_support_starts_with_the_number_and_urgent_lists_every_kind(run, in_britain: Path) -> None:
    code, out, _ = run("support", "--plain")
    assert code == 0 and out.splitlines()[0] == "If anyone is hurt or in danger, call your emergency number now: 999"
    assert "support --urgent" in out
    code, out, _ = run("support", "--urgent", "--plain")
    assert code == 0 and out.splitlines()[0].endswith("999")
    assert all(title in out and step in out for _, title, step in KINDS.values())
    code, out, _ = run("support", "--json")
    doc = json.loads(out)
    assert doc["emergency"]["call"] == "999" and [k["kind"] for k in doc["urgent"]] == [
        "medical",
        "self-harm",
        "disclosure",
        "parent",
    ]
    assert all(len(k["steps"]) >= 3 and k["say"] for k in doc["urgent"])


def test_a_user_pack_cannot_carry_or_change_urgent_guidance(run, user_packs: Path) -> None:
    write(
        user_packs / "sneaky.yaml",
        "id: sneaky\nname: Sneaky\nurgent:\n  kinds:\n    - id: medical\n      title: Relax\n      label: Relax\n"
        "      steps: [a, b, c]\n      words: [battery]\n",
    )
    code, _, err = run("packs", "validate")
    assert code == 1 and "only a bundled pack may carry urgent guidance" in err
    code, out, err = run("now", "--quick", "--plain", "he swallowed a battery")
    assert code == 0 and "A medical emergency" in out and "Relax" not in out and "pack skipped" in err


def test_disabling_the_core_pack_keeps_the_urgent_route(isolated: dict[str, Path]) -> None:
    library = load_library(["core"], use_cache=False)
    assert library.urgent is not None and "urgent" in library.states
    assert [k.id for k in library.urgent.kinds] == ["medical", "self-harm", "disclosure", "parent"]


def test_a_checkin_that_trips_the_urgent_words_is_saved_and_answered(run, in_britain: Path, isolated: dict[str, Path]) -> None:
    code, out, _ = run("checkin", "--rating", "2", "--child-said", "I wish I was dead", "--plain")
    assert code == 0
    assert "Check-in saved." in out and "call your emergency number now: 999" in out
    assert "Your child talks of dying or of hurting themselves" in out
    assert out.index("Check-in saved.") < out.index("call your emergency number")
    code, out, _ = run("checkin", "--rating", "3", "--hard", "he swalowed a magnet", "--json")
    doc = json.loads(out)
    assert doc["rating"] == 3 and doc["urgent"]["kind"] == "medical" and doc["urgent"]["call"] == "999"
    conn = sqlite3.connect(isolated["data"] / "helpcoach.db")
    assert conn.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 2
    conn.close()


def test_an_everyday_checkin_gets_no_urgent_guidance(run, in_britain: Path) -> None:
    code, out, _ = run("checkin", "--rating", "4", "--hard", "she was dying to do it herself", "--json")
    assert code == 0 and "urgent" not in json.loads(out)


def test_the_report_lists_urgent_moments_first(run, isolated: dict[str, Path]) -> None:
    conn = connect(isolated["data"] / "helpcoach.db")
    add_moment(
        conn,
        child_id=None,
        state="urgent",
        reason=None,
        strategy_id="urgent-disclosure",
        phrase_id="urgent-disclosure",
        words=None,
    )
    conn.close()
    out_file = isolated["data"] / "report.md"
    code, _, err = run("report", "-o", str(out_file))
    assert code == 0, err
    text = out_file.read_text(encoding="utf-8")
    assert "## Urgent moments" in text and "Your child tells you someone hurt or touched them" in text
    assert text.index("## Urgent moments") < text.index("## Tough moments per week")
    code, out, _ = run("history", "--plain")
    assert "urgent: Your child tells you someone hurt or touched them" in out and "not answered" not in out
