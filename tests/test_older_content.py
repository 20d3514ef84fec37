"""Checks on the bundled pack for ages 9 to 12 (content/older.yaml): the core pack's checks, and more.

The older pack reuses the core pack's states and adds the reasons that grow at
this age, so it is checked alone for its own rules and together with the core
pack for clashes and links.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import msgspec
import pytest
import yaml

from helpcoach.coach.ages import stated_ages
from helpcoach.coach.personalize import personalize
from helpcoach.packs.library import Library, LoadedPack, check_against, load_library
from helpcoach.packs.lint import babyish_words
from helpcoach.packs.schema import Pack
from tests.test_core_content import all_phrases as phrases
from tests.test_core_content import shingles, spoken_texts, words

CONTENT = Path(__file__).parent.parent / "content"
OLDER = CONTENT / "older.yaml"
CORE = CONTENT / "core.yaml"
SOURCES = Path(__file__).resolve().parents[2] / "shared" / "source-material"
ARTICLES = ("how-to-help-a-child-who-refuses-help.txt", "child-refuses-help-ages-5-6.txt")

CORE_STATES = {"stuck", "frustrated", "meltdown", "unsafe", "repeating", "asking"}
NO_REASON_STATES = {"meltdown", "unsafe", "asking"}
OWN_REASONS = {"autonomy", "friends", "privacy", "teacher", "comparing"}
STEP_IN = {"unsafe": "safety-now", "meltdown": "give-space-calm", "repeating": "fresh-angle", "asking": "help-their-way"}
# What the issue asks for, by strategy id.
ASKED_STRATEGIES = {
    "ideas-or-listen",  # ask "ideas, or just listen?"
    "side-by-side",  # talk side by side: in the car, walking, doing something together
    "help-privately-later",  # offer help privately, and later
    "message-check-in",  # check in by message
    "their-plan-first",  # solve it together, the child's plan first
    "trusted-adult",  # a trusted adult outside the family
    "been-there-peers",  # peers who have been through the same thing
    "choose-help-together",  # choosing a therapist and goals together
}
# Scenario topics the issue names, each with words one of the scenarios must use.
TOPICS = {
    "homework and projects": ("homework", "project", "essay", "division"),
    "sport": ("match", "swimming", "shot", "penalty"),
    "music practice": ("piano", "violin"),
    "a falling-out with a friend": ("fallen out",),
    "being left out": ("left out", "weren't invited", "nobody let them join"),
    "screens and games": ("screen", "video game", "controller", "phone"),
    "starting a new school": ("new school",),
}
FORBIDDEN_NAMES = ["Inara", "Magic Book", "Learning Voyage", "Ethan", "Sofia", "Raising Children Network", "Jones Smith"]
SHAMING = ["naughty", "big boy", "big girl", "or else", "because i said so", "you always", "you never", "baby", "stupid", "lazy"]
# Placement: lines for a meltdown ask nothing and talk no therapy; no line promises what may not hold.
THERAPY_WORDS = ("therapist", "therapy", "counsellor", "goals")
FALSE_REASSURANCE = ("nobody's checking", "nobody will notice", "no hurry", "no rush", "all the time you need", "it'll be fine")
SECRETS = ("our secret", "between us", "don't tell", "our little secret", "keep it secret")
LABELS = ("smart", "clever", "genius", "good boy", "good girl", "natural talent", "gifted")
VOCATIVE = re.compile(r"^\{child\}, |, \{child\}[.!?]( |$)")
SHINGLE = 8


@cache
def load_older() -> Pack:
    return msgspec.convert(yaml.safe_load(OLDER.read_text(encoding="utf-8")), Pack, strict=True)


@cache
def load_core() -> Pack:
    return msgspec.convert(yaml.safe_load(CORE.read_text(encoding="utf-8")), Pack, strict=True)


def prose_texts(pack: Pack) -> list[tuple[str, str]]:
    out = [("description", pack.description)]
    out += [(f"label {t.id}", t.label) for t in [*pack.states, *pack.reasons]]
    for s in pack.strategies:
        out += [(f"title {s.id}", s.title), (f"why {s.id}", s.why)]
        out += [(f"step {s.id}", step) for step in s.steps]
    out += spoken_texts(pack)
    out += [(f"scenario {sc.id}", sc.text) for sc in pack.scenarios]
    for sec in pack.support:
        out += [(f"support title {sec.id}", sec.title), (f"support {sec.id}", sec.body)]
    return out


def together() -> Library:
    """The core and older packs merged as helpcoach merges them (no user packs, no cache)."""
    return load_library(use_cache=False)


# --- structure -------------------------------------------------------------


def test_pack_validates_and_metadata() -> None:
    pack = load_older()
    assert (pack.id, pack.name, pack.version, pack.language) == ("older", "Older children pack", "1.0.0", "en")
    assert (pack.ages.min, pack.ages.max) == (9, 12)
    assert pack.description.strip()


def test_loads_beside_the_core_pack_without_clashes() -> None:
    library = together()
    assert library.broken == []
    assert [p.pack.id for p in library.packs] == ["core", "older"]
    assert all(p.bundled for p in library.packs)
    core = next(p for p in library.packs if p.pack.id == "core")
    alone = Library()
    alone.add(core)
    assert check_against(alone, LoadedPack(load_older(), OLDER, True)) == []


def test_reuses_the_core_states_and_adds_its_own_reasons() -> None:
    pack = load_older()
    assert pack.states == [], "states come from the core pack"
    assert {t.id for t in load_core().states} >= CORE_STATES
    assert {r.id for r in pack.reasons} == OWN_REASONS


def test_vocabulary_is_lowercase_sized_and_unambiguous_across_both_packs() -> None:
    # States and reasons are asked apart, so one word may name a state and a reason ("no idea": stuck, unsure).
    for kind in ("states", "reasons"):
        owner: dict[str, str] = {}
        for pack in (load_core(), load_older()):
            for term in getattr(pack, kind):
                for word in [term.id.replace("-", " "), *term.words]:
                    assert word == word.lower().strip(), (term.id, word)
                    assert owner.setdefault(word, term.id) == term.id, f"{word!r} is under both {owner[word]} and {term.id}"
    for term in load_older().reasons:
        assert 6 <= len(term.words) <= 15, term.id
    own = {w for w, t in owner.items() if t in OWN_REASONS}
    for a in own:
        for b, term_b in owner.items():
            if owner[a] != term_b:
                assert not re.search(rf"\b{re.escape(b)}\b", a), (a, b)
                assert not re.search(rf"\b{re.escape(a)}\b", b), (b, a)


def test_counts_the_issue_asks_for() -> None:
    pack = load_older()
    assert len(pack.strategies) >= 14
    assert sum(len(s.phrases) for s in pack.strategies) >= 90
    assert len(pack.celebrations) >= 20
    assert len(pack.scenarios) >= 25


def test_strategies_the_issue_names_are_there_and_sized() -> None:
    pack = load_older()
    ids = [s.id for s in pack.strategies]
    assert set(ids) >= ASKED_STRATEGIES, ASKED_STRATEGIES - set(ids)
    for s in pack.strategies:
        assert len(s.phrases) >= 5, s.id
        assert 1 <= len(s.steps) <= 3, s.id
        assert s.title.strip() and s.why.strip(), s.id
        assert s.audience == "child", s.id


def test_ids_unique_within_the_pack() -> None:
    pack = load_older()
    groups = {
        "strategy": [s.id for s in pack.strategies],
        "phrase": [p.id for _, p in phrases(pack)],
        "scenario": [sc.id for sc in pack.scenarios],
        "support": [sec.id for sec in pack.support],
        "reason": [r.id for r in pack.reasons],
    }
    for kind, ids in groups.items():
        dupes = [i for i, n in Counter(ids).items() if n > 1]
        assert not dupes, f"duplicate {kind} ids: {dupes}"


def test_strategy_links() -> None:
    pack = load_older()
    reasons = {r.id for r in [*load_core().reasons, *pack.reasons]}
    for s in pack.strategies:
        assert s.states and set(s.states) <= CORE_STATES, s.id
        assert set(s.reasons) <= reasons, s.id
        assert set(s.step_in_for) <= set(s.states), s.id
    for state in CORE_STATES:
        assert len([s for s in pack.strategies if state in s.states]) >= 2, state
    for reason in OWN_REASONS:
        assert len([s for s in pack.strategies if reason in s.reasons]) >= 2, reason


def test_step_in_strategies() -> None:
    pack = load_older()
    marked = {state: [s.id for s in pack.strategies if state in s.step_in_for] for state in STEP_IN}
    assert marked == {state: [sid] for state, sid in STEP_IN.items()}


def test_pushback_ladder() -> None:
    pack = load_older()
    assert pack.pushback == ["respect-autonomy", "help-privately-later", "give-space-calm"]


def test_age_variants_stay_inside_the_pack() -> None:
    tagged = [p for _, p in phrases(load_older()) if p.ages is not None]
    assert len(tagged) >= 10
    for p in tagged:
        assert (p.ages.min, p.ages.max) in {(9, 10), (11, 12)}, p.id


def test_child_placeholder_use() -> None:
    pack = load_older()
    all_phrases = [p for _, p in phrases(pack)]
    assert len([p for p in all_phrases if "{child}" in p.text]) * 3 >= len(all_phrases)
    for label, text in spoken_texts(pack):
        assert text.count("{child}") <= 1, label
        if "{child}" in text:
            assert VOCATIVE.search(text), f"{label}: {{child}} not a vocative: {text}"
        leftover = text.replace("{child}", "")
        assert "{" not in leftover and "}" not in leftover, f"{label}: {text}"


def test_celebrations() -> None:
    pack = load_older()
    per = Counter(c.occasion for c in pack.celebrations)
    for occasion in ("checkin", "practice", "child", "parent"):
        assert per[occasion] >= 5, occasion
    for c in pack.celebrations:
        if c.occasion != "child":
            assert "{child}" not in c.text, c.text


def test_scenarios() -> None:
    pack = load_older()
    by_id = {s.id: s for s in pack.strategies}
    asks = {t.id: t.ask_reason for t in load_core().states}
    reasons = {r.id for r in [*load_core().reasons, *pack.reasons]}
    for sc in pack.scenarios:
        assert sc.state in CORE_STATES, sc.id
        assert 2 <= len(sc.strategies) <= 3, sc.id
        for sid in sc.strategies:
            assert sid in by_id, (sc.id, sid)
            assert sc.state in by_id[sid].states, (sc.id, sid)
        if asks[sc.state]:
            assert sc.reason in reasons, sc.id
            assert any(sc.reason in by_id[s].reasons for s in sc.strategies), sc.id
        else:
            assert sc.reason is None, sc.id
        assert sc.ages is not None and 9 <= sc.ages.min <= sc.ages.max <= 12, sc.id
        assert stated_ages(sc.text) == [], f"{sc.id}: a scenario states no age, so it never disagrees with the child's"
    covered = {a for sc in pack.scenarios if sc.ages for a in range(sc.ages.min, sc.ages.max + 1)}
    assert covered == set(range(9, 13))
    state_count = Counter(sc.state for sc in pack.scenarios)
    reason_count = Counter(sc.reason for sc in pack.scenarios if sc.reason)
    for state in CORE_STATES:
        assert state_count[state] >= 2, state
    for reason in OWN_REASONS:
        assert reason_count[reason] >= 2, reason


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_scenarios_cover_school_and_friends(topic: str) -> None:
    texts = [" ".join(sc.text.lower().split()) for sc in load_older().scenarios]
    assert any(word in text for text in texts for word in TOPICS[topic]), topic


def test_support_sections() -> None:
    pack = load_older()
    sections = {sec.id: sec for sec in pack.support}
    assert set(sections) >= {
        "older-professional-help",
        "older-explaining-therapy",
        "older-choosing-together",
        "older-check-ins",
        "older-privacy-and-safety",
    }
    for sec in sections.values():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", sec.body.strip()) if s]
        assert 2 <= len(sentences) <= 5, sec.id
        assert not re.search(r"\d{3}[\s-]?\d{3,}", sec.body), sec.id
    assert "contacts:" in sections["older-professional-help"].body
    privacy = sections["older-privacy-and-safety"].body.lower()
    assert "never promise to keep a secret" in privacy and "urgent help" in privacy


# --- wording ---------------------------------------------------------------


@pytest.mark.parametrize("child", ["Leo", None])
def test_spoken_lines_render_cleanly(child: str | None) -> None:
    for label, text in spoken_texts(load_older()):
        out = personalize(text, child)
        assert "{" not in out and "}" not in out, f"{label}: {out!r}"
        assert "  " not in out, f"{label}: {out!r}"
        assert not re.search(r"\s[.,!?;:]", out), f"{label}: {out!r}"
        assert not re.search(r",\s*[.,!?;:]", out), f"{label}: {out!r}"
        assert out == out.strip() and not out.endswith(","), f"{label}: {out!r}"
        if child is None:
            assert out[0].isupper() or out[0].isdigit(), f"{label}: {out!r}"
            assert "sweetheart" not in out, f"{label}: {out!r}"


def test_phrases_are_short() -> None:
    for label, text in spoken_texts(load_older()):
        assert len(personalize(text, None).split()) <= 25, f"{label}: {text}"


def test_nothing_babyish() -> None:
    for label, text in prose_texts(load_older()):
        low = " " + " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("-", " "))) + " "
        for word in babyish_words():
            assert f" {' '.join(re.findall(r'[a-z0-9]+', word))} " not in low, f"{label}: {word!r}"


def test_no_shaming_words_or_labels() -> None:
    for label, text in prose_texts(load_older()):
        low = text.lower()
        for bad in (*SHAMING, *LABELS):
            assert not re.search(rf"\b{re.escape(bad)}\b", low), f"{label}: {bad!r}"


def test_placement_sense() -> None:
    pack = load_older()
    for strategy in pack.strategies:
        for phrase in strategy.phrases:
            low = phrase.text.lower()
            if "meltdown" in strategy.states:
                assert "?" not in phrase.text, f"{phrase.id}: no questions in a meltdown"
                assert not any(w in low for w in THERAPY_WORDS), f"{phrase.id}: no therapy talk in a meltdown"
            assert not any(w in low for w in FALSE_REASSURANCE), f"{phrase.id}: no false reassurance"
            assert not any(w in low for w in SECRETS), f"{phrase.id}: no secrets between adult and child"
    therapy = [s.id for s in pack.strategies if any(w in s.why.lower() for w in ("therapist", "therapy"))]
    for sid in therapy:
        strategy = next(s for s in pack.strategies if s.id == sid)
        assert set(strategy.states) <= {"stuck"}, f"{sid}: therapy talk only at a calm moment"


def test_no_near_duplicate_phrases_across_both_packs() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for pack in (load_core(), load_older()):
        for label, text in spoken_texts(pack):
            key = tuple(words(personalize(text, None)))
            assert key not in seen, f"{pack.id} {label} repeats {seen[key]}"
            seen[key] = f"{pack.id} {label}"


def test_project_validate_and_lint_are_clean() -> None:
    from helpcoach.packs.check import check_files
    from helpcoach.packs.lint import lint_file

    problems, _ = check_files([OLDER])
    assert not problems, "\n".join(str(p) for p in problems)
    warnings = lint_file(OLDER)
    assert not warnings, "\n".join(warnings)


def test_no_forbidden_names() -> None:
    raw = OLDER.read_text(encoding="utf-8").lower()
    for name in FORBIDDEN_NAMES:
        assert name.lower() not in raw, name


def test_own_words_not_copied_from_source() -> None:
    assert SOURCES.is_dir(), f"the source material must sit beside the project at {SOURCES}"
    source: set[tuple[str, ...]] = set()
    for name in ARTICLES:
        source |= shingles((SOURCES / name).read_text(encoding="utf-8"))
    copied = []
    for label, text in prose_texts(load_older()):
        shared = shingles(text.replace("{child}", " ")) & source
        if shared:
            copied.append(f"{label}: {text!r} shares {' '.join(sorted(shared)[0])!r}")
    assert not copied, "\n".join(copied)
