"""`helpcoach phrases`: browse and search, favourites, adding to mine.yaml, and the card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcoach.packs.library import load_library
from helpcoach.store import db
from helpcoach.store.checkins import CheckinAnswers, save_checkin
from tests.helpers import write

ACCENTED = """\
id: family
name: Family words
extend:
  - strategy: celebrate-effort
    phrases:
      - id: family-1
        text: "Très bien, {child}! Tu as essayé."
"""


def phrases_json(run, *args: str) -> list[dict[str, object]]:
    code, out, err = run("phrases", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_browse_groups_by_strategy_with_why_and_personalizes(run) -> None:
    assert run("child", "add", "Sam", "--age", "5")[0] == 0
    code, out, _ = run("phrases", "--strategy", "smaller-steps")
    assert code == 0
    assert "Break it into small steps" in out and "steps-1" in out
    assert "A big task can feel like a wall" in out
    assert "partner-1" not in out
    rows = phrases_json(run)
    assert {r["strategy"] for r in rows} >= {"smaller-steps", "stay-present"}
    assert all(set(r) == {"id", "strategy", "text", "favorite", "pack"} for r in rows)
    assert not any("{child}" in str(r["text"]) for r in rows)
    assert any("Sam" in str(r["text"]) for r in rows)


def test_plain_mode_has_one_idea_per_line(run) -> None:
    code, out, _ = run("phrases", "--strategy", "smaller-steps", "--plain")
    assert code == 0
    assert out.startswith("Strategy: Break it into small steps (smaller-steps)")
    assert "\nWhy: " in out and "\nPhrase: " in out
    assert "★" not in out and "─" not in out


def test_search_ignores_case_and_accents_and_covers_title_and_words(run, user_packs: Path) -> None:
    write(user_packs / "family.yaml", ACCENTED)
    assert [r["id"] for r in phrases_json(run, "--search", "TRES BIEN")] == ["family-1"]
    assert [r["id"] for r in phrases_json(run, "--search", "essaye")] == ["family-1"]
    by_title = phrases_json(run, "--search", "BREAK it into")
    assert len(by_title) == len(load_library().strategies["smaller-steps"].phrases)
    assert {r["strategy"] for r in by_title} == {"smaller-steps"}
    # "sobbing" is only a vocabulary word (of the meltdown state), never in a phrase or a title
    by_word = phrases_json(run, "--search", "sobbing")
    library = load_library()
    meltdown = {s.id for s in library.strategies.values() if "meltdown" in s.states or "meltdown" in s.step_in_for}
    assert by_word and {r["strategy"] for r in by_word} <= meltdown
    code, out, err = run("phrases", "--search", "zzzqqq")
    assert code == 0 and "No phrases matching 'zzzqqq'" in out and "helpcoach phrases" in err
    assert phrases_json(run, "--search", "zzzqqq") == []


def test_unknown_strategy_exits_2_listing_the_valid_ones(run) -> None:
    code, out, err = run("phrases", "--strategy", "nope")
    assert code == 2 and out == ""
    assert "unknown strategy 'nope'" in err and "smaller-steps" in err and "stay-present" in err


def test_fav_and_unfav_round_trip(run) -> None:
    code, out, _ = run("phrases", "fav", "steps-4")
    assert code == 0 and "steps-4 is now a favourite" in out
    assert run("phrases", "fav", "steps-4")[1].strip() == "steps-4 is already a favourite."
    rows = phrases_json(run, "--strategy", "smaller-steps")
    assert rows[0]["id"] == "steps-4" and rows[0]["favorite"] is True
    assert [r["favorite"] for r in rows].count(True) == 1
    assert [r["id"] for r in phrases_json(run, "--favorites")] == ["steps-4"]
    code, out, _ = run("phrases", "--strategy", "smaller-steps")
    assert "★ " in out
    assert run("phrases", "unfav", "steps-4")[1].strip() == "steps-4 is no longer a favourite."
    assert phrases_json(run, "--favorites") == []
    code, out, _ = run("phrases", "--favorites")
    assert code == 0 and "No phrases among your favourites." in out


@pytest.mark.parametrize("command", ["fav", "unfav"])
def test_unknown_phrase_id_exits_2(run, command: str) -> None:
    code, _, err = run("phrases", command, "steps-99")
    assert code == 2
    assert "unknown phrase id 'steps-99'" in err and "did you mean" in err


def mine(user_packs: Path) -> Path:
    return user_packs / "mine.yaml"


def test_add_creates_mine_yaml_and_the_phrase_shows_everywhere(run, isolated: dict[str, Path]) -> None:
    code, out, err = run("phrases", "add", "  You can do the next bit, {child}.  ", "--strategy", "smaller-steps")
    assert code == 0, err
    assert "Added mine-1 to Break it into small steps." in out
    path = isolated["config"] / "packs" / "mine.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# My own phrases") and "id: mine\n" in text
    assert run("packs", "validate", str(path))[0] == 0
    code, out, err = run("phrases", "add", "Shall we look together?", "--strategy", "partner-not-rescue")
    assert code == 0 and "mine-2" in out
    assert run("phrases", "add", "One more small bit.", "--strategy", "smaller-steps")[0] == 0
    rows = {r["id"]: r for r in phrases_json(run, "--strategy", "smaller-steps")}
    assert rows["mine-1"] == {
        "id": "mine-1",
        "strategy": "smaller-steps",
        "text": "You can do the next bit.",
        "favorite": False,
        "pack": "mine",
    }
    assert "mine-3" in rows
    # in the library `now` chooses from: the strategy holds the new phrases
    library = load_library()
    assert {"mine-1", "mine-3"} <= {p.id for p in library.strategies["smaller-steps"].phrases}
    assert library.phrase("mine-2")[1].id == "partner-not-rescue"  # type: ignore[index]
    # the two smaller-steps phrases share one extend entry
    assert load_library().packs[-1].pack.extend[0].strategy == "smaller-steps"
    assert len(load_library().packs[-1].pack.extend) == 2
    assert run("phrases", "fav", "mine-3")[0] == 0


HAND_WRITTEN = """\
# Grandma's words, written by hand.
id: mine
name: Our words   # keep this comment
extend:
  # effort first
  - strategy: celebrate-effort
    phrases:
      - id: mine-7
        text: "You kept at it!"
        ages: {min: 3, max: 5}
      # a note after the last phrase

  - phrases:
      - id: own-1
        text: Take a breath with me.
    strategy: stay-present

celebrations:
  - text: "Well done, {child}."
    occasion: child
"""


def test_add_keeps_comments_and_entries_and_appends_under_the_strategy(run, user_packs: Path) -> None:
    write(mine(user_packs), HAND_WRITTEN)
    assert run("phrases", "add", 'You said "again" and tried again.', "--strategy", "celebrate-effort")[0] == 0
    assert run("phrases", "add", "I'm staying right here.", "--strategy", "stay-present")[0] == 0
    assert run("phrases", "add", "Let's do one bit.", "--strategy", "smaller-steps")[0] == 0
    text = mine(user_packs).read_text(encoding="utf-8")
    for line in HAND_WRITTEN.splitlines():
        assert line in text.splitlines()
    assert text.index("mine-7") < text.index("mine-8") < text.index("# a note after the last phrase")
    assert text.index("own-1") < text.index("mine-9") < text.index("strategy: stay-present")
    assert text.index("mine-10") < text.index("celebrations:")
    pack = next(p.pack for p in load_library().packs if p.pack.id == "mine")
    extend = {e.strategy: [p.id for p in e.phrases] for e in pack.extend}
    assert extend == {"celebrate-effort": ["mine-7", "mine-8"], "stay-present": ["own-1", "mine-9"], "smaller-steps": ["mine-10"]}
    assert pack.extend[0].phrases[1].text == 'You said "again" and tried again.'


def test_add_beside_a_flow_style_entry_and_with_windows_line_ends(run, user_packs: Path) -> None:
    flow = "  - {strategy: stay-present, phrases: [{id: own-1, text: Hi}]}\n"
    write(mine(user_packs), "id: mine\nname: Mine\nextend:\n" + flow)
    assert run("phrases", "add", "Hi there.", "--strategy", "stay-present")[0] == 0
    assert flow in mine(user_packs).read_text(encoding="utf-8")
    pack = next(p.pack for p in load_library().packs if p.pack.id == "mine")
    assert [[p.id for p in e.phrases] for e in pack.extend] == [["own-1"], ["mine-1"]]
    mine(user_packs).write_bytes(b"id: mine\r\nname: Mine\r\n")
    assert run("phrases", "add", "Hello.", "--strategy", "stay-present")[0] == 0
    raw = mine(user_packs).read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert "Hello." in {r["text"] for r in phrases_json(run, "--strategy", "stay-present")}


@pytest.mark.parametrize(
    ("text", "strategy", "message"),
    [
        ("   ", "smaller-steps", "the phrase is empty"),
        ("Well done, {kid}.", "smaller-steps", "unknown placeholder '{kid}'"),
        ("Stray { brace", "smaller-steps", "stray"),
        ("Hello.", "no-such-strategy", "unknown strategy 'no-such-strategy'"),
        ("x" * 2001, "smaller-steps", "too long"),
    ],
)
def test_a_failing_add_leaves_mine_yaml_byte_for_byte(run, user_packs: Path, text: str, strategy: str, message: str) -> None:
    write(mine(user_packs), HAND_WRITTEN)
    before = mine(user_packs).read_bytes()
    code, out, err = run("phrases", "add", text, "--strategy", strategy)
    assert code == 1 and out == ""
    assert message in err
    assert mine(user_packs).read_bytes() == before
    assert sorted(p.name for p in user_packs.iterdir()) == ["mine.yaml"]  # no temporary file left


def test_a_failing_add_creates_no_file(run, user_packs: Path) -> None:
    code, _, err = run("phrases", "add", "Hi {name}", "--strategy", "smaller-steps")
    assert code == 1 and "nothing was written" in err
    assert not mine(user_packs).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id: mine\nname: Mine\nextend: []\n", "not a plain block list"),
        ("id: mine\nname: [broken\n", "YAML syntax error"),
        ("id: mine\nname: Mine\nextend: [{strategy: stay-present, phrases: [{id: a-1, text: Hi}]}]\n", "not a plain block list"),
        ("id: mine\nname: Mine\nextend:\n", "fix"),
    ],
)
def test_add_refuses_a_layout_it_cannot_edit_safely(run, user_packs: Path, content: str, message: str) -> None:
    write(mine(user_packs), content)
    before = mine(user_packs).read_bytes()
    code, _, err = run("phrases", "add", "Hello.", "--strategy", "stay-present")
    assert code == 1 and message in err
    assert mine(user_packs).read_bytes() == before


def test_add_needs_the_strategy_option(run) -> None:
    code, _, err = run("phrases", "add", "Hello.")
    assert code == 2 and "--strategy" in err


def test_card_puts_favourites_first_then_the_focus_then_the_rest(run, isolated: dict[str, Path]) -> None:
    assert run("child", "add", "Sam", "--age", "4")[0] == 0
    assert run("phrases", "fav", "steps-2")[0] == 0
    conn = db.open_log()
    sam = conn.execute("SELECT id FROM children").fetchone()[0]
    save_checkin(conn, sam, CheckinAnswers(rating=4, focus="ease-fear"))
    conn.close()
    code, out, err = run("phrases", "card", "--strategy", "stay-present", "--strategy", "smaller-steps")
    assert code == 0, err
    assert out.startswith("# Our words for Sam")
    library = load_library()
    titles = [library.strategies[s].title for s in ("ease-fear", "stay-present", "smaller-steps")]
    order = [
        out.index("## Favourites"),
        out.index(f"## This week's focus: {titles[0]}"),
        out.index(f"## {titles[1]}"),
        out.index(f"## {titles[2]}"),
    ]
    assert order == sorted(order)
    favourite = library.phrases["steps-2"][0].text
    assert out.count(favourite) == 1 and out.index(favourite) < order[1]
    assert "{child}" not in out

    target = isolated["data"].parent / "grandma.txt"
    code, out, _ = run("phrases", "card", "-o", str(target))
    assert code == 0 and "Wrote" in out
    sheet = target.read_text(encoding="utf-8")
    assert sheet.startswith("Our words for Sam\n=================\n") and "#" not in sheet
    assert "This week's focus: " + titles[0] in sheet
    code, _, err = run("phrases", "card", "-o", str(target))
    assert code == 1 and "already exists" in err and target.read_text(encoding="utf-8") == sheet
    assert run("phrases", "card", "-o", str(target), "--force", "--strategy", "stories")[0] == 0
    assert library.strategies["stories"].title in target.read_text(encoding="utf-8")


def test_card_with_nothing_chosen_and_bad_options(run, isolated: dict[str, Path]) -> None:
    code, out, _ = run("phrases", "card")
    assert code == 0 and out.startswith("# Our words\n") and out.count("\n## ") >= 1
    code, _, err = run("phrases", "card", "-o", str(isolated["data"].parent / "card.pdf"))
    assert code == 2 and ".md" in err
    code, _, err = run("phrases", "card", "--strategy", "nope")
    assert code == 2 and "unknown strategy 'nope'" in err


def test_practice_without_a_terminal_exits_2_and_says_so(run) -> None:
    code, out, err = run("phrases", "practice")
    assert code == 2 and out == ""
    assert "terminal" in err
    code, _, err = run("phrases", "practice", "--mode", "sing")
    assert code == 2 and "say, choose" in err


def test_search_prefers_the_words_of_phrases_and_titles_over_the_vocabulary(run):
    code, out, err = run("phrases", "--search", "first bit", "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found and all("first" in p["text"].lower() and "bit" in p["text"].lower() for p in found)
    code, out, _ = run("phrases", "--search", "sobbing", "--json")  # only a word for a moment: the vocabulary answers
    assert code == 0 and json.loads(out)
