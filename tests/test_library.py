"""All packs merged into one library: extending, disabling, skipping broken packs, lookups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpcoach.errors import PackError
from helpcoach.packs.library import Library, load_library, read_pack
from tests.helpers import GARDEN, write

EXTEND_CORE = """\
id: family
name: Family phrases
extend:
  - strategy: smaller-steps
    phrases:
      - id: family-tiny-step
        text: "Just the first bit, {child}."
"""


def garden(tmp_path: Path) -> Library:
    library = Library()
    library.add(read_pack(write(tmp_path / "garden.yaml", GARDEN)))
    return library


def test_lookups_by_state_reason_and_occasion(tmp_path: Path) -> None:
    library = garden(tmp_path)
    assert [s.id for s in library.strategies_for("fx-stuck")] == ["fx-wait", "fx-hold"]
    assert [s.id for s in library.strategies_for("fx-upset")] == ["fx-hold"]
    # A reason narrows to strategies that name it or name no reason at all.
    assert [s.id for s in library.strategies_for("fx-stuck", "fx-shy")] == ["fx-wait", "fx-hold"]
    assert library.strategies_for("no-such-state") == []
    step_in = library.step_in_for("fx-upset")
    assert step_in is not None and step_in.id == "fx-hold"
    assert library.step_in_for("fx-stuck") is None
    assert [c.text for c in library.celebrations_for("child")] == ["You kept trying!"]
    assert [c.text for c in library.celebrations_for("parent")] == ["You stayed calm today."]
    assert library.celebrations_for("practice") == []
    found = library.phrase("fx-wait-1")
    assert found is not None and (found[0].text, found[1].id) == ("Take your time, {child}.", "fx-wait")
    assert library.phrase("nope") is None
    assert set(library.states) == {"fx-stuck", "fx-upset"}
    assert library.states["fx-upset"].ask_reason is False
    assert library.scenarios["fx-puzzle"].strategies == ["fx-wait"]


def test_core_pack_lookups() -> None:
    library = load_library()
    assert [p.pack.id for p in library.packs] == ["core", "older"]
    assert library.broken == []
    safety = library.step_in_for("unsafe")
    assert safety is not None and safety.id == "safety-first"
    calm = library.step_in_for("meltdown")
    assert calm is not None and calm.id == "calm-together"
    assert library.strategies_for("stuck")
    assert all("stuck" in s.states for s in library.strategies_for("stuck", "fear"))
    assert {c.occasion for c in library.celebrations} == {"checkin", "practice", "child", "parent"}
    assert library.pushback == ["child-in-charge", "stay-present", "calm-together"]


def test_user_pack_extends_a_core_strategy(user_packs: Path) -> None:
    write(user_packs / "family.yaml", EXTEND_CORE)
    core_only = read_pack(load_library().packs[0].source, bundled=True)
    library = load_library()
    assert library.broken == []
    assert [p.pack.id for p in library.packs] == ["core", "older", "family"]
    phrases = [p.id for p in library.strategies["smaller-steps"].phrases]
    core_phrases = [p.id for s in core_only.pack.strategies if s.id == "smaller-steps" for p in s.phrases]
    assert phrases == [*core_phrases, "family-tiny-step"]
    found = library.phrase("family-tiny-step")
    assert found is not None and found[1].id == "smaller-steps"
    assert library.phrase_pack["family-tiny-step"] == "family"


def test_disabled_bundled_pack(isolated: dict[str, Path], run) -> None:
    write(isolated["config"] / "config.yaml", "disable: [core]\n")
    code, out, err = run("packs", "list", "--json")
    assert (code, json.loads(out), err) == (0, [], "")
    assert load_library(["core"]).packs == []


def test_disable_applies_only_to_bundled_packs(user_packs: Path) -> None:
    write(user_packs / "garden.yaml", GARDEN)
    library = load_library(["garden"])
    assert [p.pack.id for p in library.packs] == ["core", "older", "garden"]


def test_broken_user_pack_is_skipped_with_one_warning(user_packs: Path, run) -> None:
    broken = write(user_packs / "broken.yaml", "id: broken\nname: Broken\nstrategies: [oops\n")
    write(user_packs / "garden.yaml", GARDEN)
    code, out, err = run("packs", "list", "--json")
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["core", "older", "garden"]
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("helpcoach: warning: pack skipped: ")
    assert f"{broken}:4:" in lines[0]
    # Other commands keep working too.
    code, out, err = run("packs", "show", "garden", "--json")
    assert code == 0 and json.loads(out)["id"] == "garden"
    assert err.count(str(broken)) == 1


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            "id: other\nname: Other\nstrategies:\n  - id: fx-wait\n    title: T\n    why: W\n",
            "strategy id 'fx-wait' is already used",
        ),
        ("id: garden\nname: Same id\n", "a pack with id 'garden' is already loaded"),
        (
            "id: other\nname: Other\nstrategies:\n  - id: fx-new\n    title: T\n    why: W\n"
            "    phrases:\n      - id: fx-hold-1\n        text: Again.\n",
            "phrase id 'fx-hold-1' is already used",
        ),
        ("id: other\nname: Other\nstates:\n  - id: fx-stuck\n    label: Again\n", "state id 'fx-stuck' is already used"),
        ("id: other\nname: Other\nstrategies:\n  - id: smaller-steps\n    title: T\n    why: W\n", "strategy id 'smaller-steps'"),
    ],
    ids=["strategy", "pack", "phrase", "state", "core-strategy"],
)
def test_duplicate_ids_across_packs(user_packs: Path, second: str, message: str) -> None:
    write(user_packs / "a-garden.yaml", GARDEN)
    other = write(user_packs / "b-other.yaml", second)
    library = load_library()
    assert [p.pack.id for p in library.packs] == ["core", "older", "garden"]
    (error,) = library.broken
    assert error.problems[0].source == str(other)
    assert message in str(error)


def test_a_clashing_pack_merges_nothing(tmp_path: Path) -> None:
    library = garden(tmp_path)
    clash = write(tmp_path / "clash.yaml", GARDEN.replace("id: garden", "id: clash").replace("id: fx-wait\n", "id: fx-new\n"))
    with pytest.raises(PackError):
        library.add(read_pack(clash))
    assert "fx-new" not in library.strategies
    assert [p.pack.id for p in library.packs] == ["garden"]


@pytest.mark.parametrize("text", ["Well done {child} for trying.", "{child} and me."])
def test_child_must_be_a_form_of_address(user_packs, run, text):
    pack = write(
        user_packs / "mine.yaml",
        f'id: mine\nname: Mine\nextend:\n  - strategy: smaller-steps\n    phrases:\n      - id: mine-1\n        text: "{text}"\n',
    )
    code, _, err = run("packs", "validate", str(pack))
    assert code == 1
    assert f"{pack}:7:" in err and "to open a sentence" in err
