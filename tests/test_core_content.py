"""Checks on the bundled English core pack (content/core.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import msgspec
import pytest
import yaml

from helpcoach.coach.personalize import personalize
from helpcoach.packs.check import check_files
from helpcoach.packs.library import Library, read_pack
from helpcoach.packs.lint import lint_file
from helpcoach.packs.schema import Pack
from helpcoach.packs.vocabulary_check import vocabulary_problems

CORE = Path(__file__).parent.parent / "content" / "core.yaml"
SOURCES = Path(__file__).resolve().parents[2] / "shared" / "source-material"
ARTICLES = (
    "how-to-help-a-child-who-refuses-help.txt",
    "child-refuses-help-ages-5-6.txt",
)


@cache
def load_core() -> Pack:
    """Load and validate the core pack (swap for the hardened loader later)."""
    data = yaml.safe_load(CORE.read_text(encoding="utf-8"))
    return msgspec.convert(data, Pack, strict=True)


# --- helpers ---------------------------------------------------------------

STRATEGY_IDS = [
    "acknowledge-independence",
    "partner-not-rescue",
    "asking-is-strength",
    "smaller-steps",
    "celebrate-effort",
    "stay-present",
    "active-listening",
    "ease-fear",
    "private-space",
    "child-in-charge",
    "calm-together",
    "wonder-aloud",
    "say-yes",
    "safety-first",
    "steady-routines",
    "calming-games",
    "trusted-helpers",
    "stories",
    "child-has-a-say",
    "kind-to-yourself",
    "keep-moving",
    "say-less",
    "homework-calm",
    "kind-self-talk",
    "hidden-mistakes",
    "choices-and-play",
    "after-hurting",
    "step-away",
    "repair-after",
    "meltdown-few-words",
    "kind-limit",
    "same-page",
    "drop-off",
    "safe-others",
    "safe-road",
    "safe-sharp",
    "safe-height",
    "safe-self-injury",
]
STATE_IDS = {"stuck", "frustrated", "meltdown", "unsafe", "repeating", "asking", "urgent"}
URGENT_KINDS = ["medical", "self-harm", "disclosure", "parent"]
REASON_IDS = {"fear", "embarrassed", "independence", "unsure"}
NO_REASON_STATES = {"meltdown", "unsafe", "asking", "urgent"}
FORBIDDEN_NAMES = [
    "Inara",
    "Magic Book",
    "Book of Inara",
    "Learning Voyage",
    "Ethan",
    "Sofia",
    "Raising Children Network",
    "Jones Smith",
    "Lego",
]
SHAMING = [
    "naughty",
    "big boy",
    "big girl",
    "or else",
    "because i said so",
    "you always",
    "you never",
    "baby",
    "silly you",
    "stupid",
    "lazy",
]
VOCATIVE = re.compile(r"^\{child\}, |, \{child\}[.!?]( |$)")
SHINGLE = 8


def words(text: str) -> list[str]:
    """Lowercase words with punctuation stripped (apostrophes join, others split)."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def all_phrases(pack: Pack):
    for strategy in pack.strategies:
        for phrase in strategy.phrases:
            yield strategy, phrase


def spoken_texts(pack: Pack) -> list[tuple[str, str]]:
    """Every phrase and celebration line, as (label, text)."""
    out = [(f"phrase {p.id}", p.text) for _, p in all_phrases(pack)]
    out += [(f"celebration {c.occasion}", c.text) for c in pack.celebrations]
    return out


def prose_texts(pack: Pack) -> list[tuple[str, str]]:
    """Every piece of running text written for a reader, as (label, text)."""
    out = [("description", pack.description)]
    for term in [*pack.states, *pack.reasons]:
        out.append((f"label {term.id}", term.label))
    for s in pack.strategies:
        out.append((f"title {s.id}", s.title))
        out.append((f"why {s.id}", s.why))
        out += [(f"step {s.id}", step) for step in s.steps]
    out += spoken_texts(pack)
    out += [(f"scenario {sc.id}", sc.text) for sc in pack.scenarios]
    for sec in pack.support:
        out.append((f"support title {sec.id}", sec.title))
        out.append((f"support {sec.id}", sec.body))
    return out


# --- structure -------------------------------------------------------------


def test_pack_validates_and_metadata():
    pack = load_core()
    assert pack.id == "core"
    assert pack.name == "Core coaching pack"
    assert pack.version == "2.0.0"
    assert pack.language == "en"
    assert (pack.ages.min, pack.ages.max) == (3, 8)
    assert pack.description.strip()


def test_fixed_state_and_reason_ids():
    pack = load_core()
    assert {s.id for s in pack.states} == STATE_IDS
    assert {r.id for r in pack.reasons} == REASON_IDS
    for state in pack.states:
        assert state.ask_reason == (state.id not in NO_REASON_STATES), state.id


def test_vocabulary_is_lowercase_sized_and_unambiguous():
    pack = load_core()
    for term in [*pack.states, *pack.reasons]:
        if term.id == "urgent":
            assert not term.words, "the urgent state's words live with each kind"
            continue
        assert 6 <= len(term.words) <= 80, term.id
        for word in [*term.words, *term.not_words]:
            assert word == word.lower().strip(), (term.id, word)
    library = Library()
    library.add(read_pack(CORE, bundled=True))
    assert vocabulary_problems(library) == [], "every word matches and belongs to one state (packs validate)"


def test_urgent_guidance_has_every_kind_in_safety_order():
    pack = load_core()
    assert pack.urgent is not None
    assert [k.id for k in pack.urgent.kinds] == URGENT_KINDS
    for kind in pack.urgent.kinds:
        assert 3 <= len(kind.steps) <= 5 and kind.say and len(kind.words) >= 10, kind.id
        assert all(len(line.split()) <= 25 for line in [*kind.steps, *kind.say]), kind.id
    disclosure = next(k for k in pack.urgent.kinds if k.id == "disclosure")
    assert any("secret" in step for step in disclosure.steps) and "not your fault" in disclosure.say[0]


def test_strategies_present_and_sized():
    pack = load_core()
    ids = [s.id for s in pack.strategies]
    assert len(ids) >= 26
    assert set(ids) <= set(STRATEGY_IDS)
    assert set(ids) == set(STRATEGY_IDS), set(STRATEGY_IDS) - set(ids)
    for s in pack.strategies:
        assert len(s.phrases) >= 6, s.id
        assert 1 <= len(s.steps) <= 3, s.id
        assert s.title.strip() and s.why.strip(), s.id
    assert sum(len(s.phrases) for s in pack.strategies) >= 180


def test_ids_unique():
    pack = load_core()
    groups = {
        "term": [t.id for t in [*pack.states, *pack.reasons]],
        "strategy": [s.id for s in pack.strategies],
        "phrase": [p.id for _, p in all_phrases(pack)],
        "scenario": [sc.id for sc in pack.scenarios],
        "support": [sec.id for sec in pack.support],
    }
    for kind, ids in groups.items():
        dupes = [i for i, n in Counter(ids).items() if n > 1]
        assert not dupes, f"duplicate {kind} ids: {dupes}"


def test_strategy_links():
    pack = load_core()
    states = {s.id for s in pack.states}
    reasons = {r.id for r in pack.reasons}
    for s in pack.strategies:
        assert set(s.states) <= states, s.id
        assert set(s.reasons) <= reasons, s.id
        assert set(s.step_in_for) <= states, s.id
        assert s.states, s.id
    for term_id in states - {"urgent"}:  # the urgent state has fixed guidance, never strategies
        fits = [s.id for s in pack.strategies if term_id in s.states]
        assert len(fits) >= 2, term_id
    for term_id in reasons:
        fits = [s.id for s in pack.strategies if term_id in s.reasons]
        assert len(fits) >= 2, term_id


def test_step_in_strategies():
    by_id = {s.id: s for s in load_core().strategies}
    assert any("unsafe" in s.step_in_for for s in by_id.values())
    assert by_id["safety-first"].step_in_for == ["unsafe"]
    assert by_id["calm-together"].step_in_for == ["meltdown"]
    assert by_id["wonder-aloud"].step_in_for == ["repeating"]
    assert by_id["say-yes"].step_in_for == ["asking"]


def test_pushback_ladder():
    pack = load_core()
    assert pack.pushback == ["child-in-charge", "stay-present", "calm-together"]


AGE_BANDS = {(3, 4), (5, 6), (7, 8), (3, 6), (5, 8)}  # the real bands 3-4, 5-6, 7-8, or two neighbours


def test_age_variants():
    pack = load_core()
    tagged = [p for _, p in all_phrases(pack) if p.ages is not None]
    assert len(tagged) >= 60
    for p in tagged:
        assert (p.ages.min, p.ages.max) in AGE_BANDS, p.id
    for band in [(3, 4), (5, 6), (7, 8)]:
        assert any(p.ages.min <= band[0] and band[1] <= p.ages.max for p in tagged), band
    for band in [(3, 4), (7, 8)]:
        assert sum(1 for p in tagged if (p.ages.min, p.ages.max) == band) >= 10, band


def test_child_placeholder_use():
    pack = load_core()
    phrases = [p for _, p in all_phrases(pack)]
    with_name = [p for p in phrases if "{child}" in p.text]
    assert len(with_name) * 4 >= len(phrases)
    for label, text in spoken_texts(pack):
        assert text.count("{child}") <= 1, label
        if "{child}" in text:
            assert VOCATIVE.search(text), f"{label}: {{child}} not a vocative: {text}"
        leftover = re.sub(r"\{child\}", "", text)
        assert "{" not in leftover and "}" not in leftover, f"{label}: {text}"


def test_celebrations():
    pack = load_core()
    assert len(pack.celebrations) >= 40
    per = Counter(c.occasion for c in pack.celebrations)
    for occasion in ("checkin", "practice", "child", "parent"):
        assert per[occasion] >= 5, occasion
    for c in pack.celebrations:
        if c.occasion != "child":
            assert "{child}" not in c.text, c.text


def test_scenarios():
    pack = load_core()
    by_id = {s.id: s for s in pack.strategies}
    states = {s.id: s for s in pack.states}
    reasons = {r.id for r in pack.reasons}
    assert len(pack.scenarios) >= 45
    for sc in pack.scenarios:
        assert sc.state in states, sc.id
        assert 2 <= len(sc.strategies) <= 3, sc.id
        for sid in sc.strategies:
            assert sid in by_id, (sc.id, sid)
            assert sc.state in by_id[sid].states, (sc.id, sid)
        if states[sc.state].ask_reason:
            assert sc.reason in reasons, sc.id
            assert any(sc.reason in by_id[s].reasons for s in sc.strategies), sc.id
        else:
            assert sc.reason is None, sc.id
        assert sc.ages is not None, sc.id
        assert 3 <= sc.ages.min <= sc.ages.max <= 8, sc.id
        assert (sc.ages.min, sc.ages.max) in AGE_BANDS, sc.id
    covered_ages = {a for sc in pack.scenarios for a in range(sc.ages.min, sc.ages.max + 1)}
    assert covered_ages == set(range(3, 9))
    state_count = Counter(sc.state for sc in pack.scenarios)
    reason_count = Counter(sc.reason for sc in pack.scenarios if sc.reason)
    for state in STATE_IDS - {"urgent"}:  # an urgent moment is not something to rehearse a phrase for
        assert state_count[state] >= 2, state
    for reason in REASON_IDS:
        assert reason_count[reason] >= 2, reason


def test_support_sections():
    pack = load_core()
    sections = {sec.id: sec for sec in pack.support}
    assert set(sections) >= {
        "not-for-emergencies",
        "school-first",
        "after-a-session",
        "professional-help",
        "explaining-therapy",
        "choosing-together",
        "check-ins",
    }
    for sec in sections.values():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", sec.body.strip()) if s]
        assert 2 <= len(sentences) <= 5, sec.id
        assert not re.search(r"\d{3}[\s-]?\d{3,}", sec.body), sec.id
    assert "contacts:" in sections["professional-help"].body


# --- wording ---------------------------------------------------------------


@pytest.mark.parametrize("child", ["Mia", None])
def test_spoken_lines_render_cleanly(child):
    pack = load_core()
    for label, text in spoken_texts(pack):
        out = personalize(text, child)
        assert "{" not in out and "}" not in out, f"{label}: {out!r}"
        assert "  " not in out, f"{label}: {out!r}"
        assert not re.search(r"\s[.,!?;:]", out), f"{label}: {out!r}"
        assert not re.search(r",\s*[.,!?;:]", out), f"{label}: {out!r}"
        assert not out.rstrip().endswith(","), f"{label}: {out!r}"
        assert out == out.strip(), f"{label}: {out!r}"
        if child is None:
            assert out[0].isupper() or out[0].isdigit(), f"{label}: {out!r}"
            assert "sweetheart" not in out, f"{label}: {out!r}"
        else:
            assert child in out or "{child}" not in text, f"{label}: {out!r}"


def test_phrases_are_short():
    pack = load_core()
    for label, text in spoken_texts(pack):
        assert len(personalize(text, None).split()) <= 25, f"{label}: {text}"


def test_no_shaming_words():
    pack = load_core()
    for label, text in prose_texts(pack):
        low = text.lower()
        for bad in SHAMING:
            assert not re.search(rf"\b{re.escape(bad)}\b", low), f"{label}: {bad!r}"


def test_no_near_duplicate_phrases():
    pack = load_core()
    seen: dict[tuple[str, ...], str] = {}
    for label, text in spoken_texts(pack):
        key = tuple(words(personalize(text, None)))
        assert key not in seen, f"{label} repeats {seen[key]}"
        seen[key] = label


def test_project_validate_and_lint_are_clean():
    """The project's own `packs validate` and `packs lint` checks accept the pack."""
    problems, _ = check_files([CORE])
    assert not problems, "\n".join(str(p) for p in problems)
    warnings = lint_file(CORE)
    assert not warnings, "\n".join(warnings)


def test_no_forbidden_names():
    raw = CORE.read_text(encoding="utf-8").lower()
    for name in FORBIDDEN_NAMES:
        assert name.lower() not in raw, name


def test_own_words_not_copied_from_source():
    assert SOURCES.is_dir(), f"the source material must sit beside the project at {SOURCES}"
    source = set()
    for name in ARTICLES:
        source |= shingles((SOURCES / name).read_text(encoding="utf-8"))
    copied = []
    for label, text in prose_texts(load_core()):
        shared = shingles(text.replace("{child}", " ")) & source
        if shared:
            run = " ".join(sorted(shared)[0])
            copied.append(f"{label}: {text!r} shares {run!r}")
    assert not copied, "\n".join(copied)


# --- core pack 2.0: retired lines, ages, support -------------------------------

RETIRED = [
    "nobody's checking",
    "stays between us",
    "between us",
    "our secret",
    "it helps me every time",
    "today i asked a friend",
    "i couldn't fix the tap",
    "pick anyone you like",
    "ten whole minutes",
    "like you did with your puzzle",
    "i'll do the looking",
    "too big right now",
    "brain gets stronger",
    "brain grows",
    "good learners",
    "good learner",
    "smart",
    "good boy",
    "good girl",
    "what love looks like",
    "tidy-up time",
    "we have lots of time",
]
NUMBER_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def test_no_line_contains_a_retired_phrase():
    pack = load_core()
    found = []
    for label, text in prose_texts(pack):
        low = " ".join(words(text))
        for phrase in RETIRED:
            if re.search(rf"\b{re.escape(' '.join(words(phrase)))}\b", low):
                found.append(f"{label}: {phrase!r} in {text!r}")
    assert not found, "\n".join(found)


def test_scenario_text_agrees_with_its_ages():
    """A scenario never calls the child 'your four-year-old' when it is for ages 3 to 5."""
    for sc in load_core().scenarios:
        for word, n in NUMBER_WORDS.items():
            for found in re.findall(rf"\b({word}|{n})[- ]year[- ]old\b", sc.text.lower()):
                assert sc.ages.min == sc.ages.max == n, (sc.id, found, sc.ages)


def test_scenarios_cover_the_new_topics():
    pack = load_core()
    used = Counter(s for sc in pack.scenarios for s in sc.strategies)
    for strategy in STRATEGY_IDS:
        if strategy != "kind-to-yourself":
            assert used[strategy] >= 1, f"no scenario rehearses {strategy}"
    texts = " ".join(sc.text.lower() for sc in pack.scenarios)
    for topic in ("late", "bus", "homework", "hits", "bites", "kicks", "rubbish at maths", "nursery door", "school gate"):
        assert topic in texts, topic
    assert sum(1 for sc in pack.scenarios if sc.state == "unsafe" and "after-hurting" in sc.strategies) >= 3
    assert sum(1 for sc in pack.scenarios if "keep-moving" in sc.strategies) >= 3


def test_placement_rules_in_the_core_pack():
    pack = load_core()
    rules = {r.tag: set(r.not_in) for r in pack.placement}
    assert rules["therapy"] >= {"frustrated", "stuck", "repeating", "meltdown"}
    assert rules["question"] >= {"meltdown"} and rules["solve"] >= {"meltdown"}
    assert rules["promises-safety"] >= {"unsafe"}
    assert rules["promises-time"] == {"hurry"}
    assert rules["let-struggle"] >= {"meltdown"}
    assert rules["after"] >= {"meltdown", "unsafe"}
    by_id = {s.id: s for s in pack.strategies}
    assert "therapy" in by_id["child-has-a-say"].tags
    assert by_id["keep-moving"].hurry == "lead"
    assert pack.hurry is not None and {"late", "have to leave", "school run", "bus"} <= set(pack.hurry.words)
    for _, phrase in all_phrases(pack):
        if phrase.text.rstrip().endswith("?") and "?" in phrase.text:
            strategy = next(s for s in pack.strategies if phrase in s.phrases)
            tags = {*phrase.tags, *strategy.tags}
            assert tags & {"question", "later", "therapy", "after"} or "meltdown" not in strategy.states, phrase.id


def test_support_names_the_school_the_signs_and_the_urgent_guidance():
    sections = {sec.id: sec.body for sec in load_core().support}
    assert "not for emergencies" in " ".join(sec.title for sec in load_core().support)
    assert "helpcoach support --urgent" in " ".join(sections["not-for-emergencies"].split())
    assert "teacher" in sections["school-first"]
    signs = sections["professional-help"]
    for sign in (
        "loses skills",
        "one area only",
        "eyesight and hearing",
        "everywhere",
        "sleeps or eats",
        "refuses to go to school",
    ):
        assert sign in " ".join(signs.split()), sign
    assert "never diagnoses" in signs
    assert "quiz" in sections["after-a-session"]
