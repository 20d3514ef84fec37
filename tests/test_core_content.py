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
from helpcoach.packs.lint import lint_file
from helpcoach.packs.schema import Pack

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
]
STATE_IDS = {"stuck", "frustrated", "meltdown", "unsafe", "repeating", "asking"}
REASON_IDS = {"fear", "embarrassed", "independence", "unsure"}
NO_REASON_STATES = {"meltdown", "unsafe", "asking"}
FORBIDDEN_NAMES = [
    "Inara",
    "Magic Book",
    "Book of Inara",
    "Learning Voyage",
    "Ethan",
    "Sofia",
    "Raising Children Network",
    "Jones Smith",
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
    assert pack.version == "1.0.0"
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
    owner: dict[str, str] = {}
    for term in [*pack.states, *pack.reasons]:
        assert 6 <= len(term.words) <= 15, term.id
        for word in term.words:
            assert word == word.lower().strip(), (term.id, word)
            assert owner.setdefault(word, term.id) == term.id, f"{word!r} is under both {owner[word]} and {term.id}"
    # No word of one term may contain a word of another term.
    for a, term_a in owner.items():
        for b, term_b in owner.items():
            if term_a != term_b:
                assert not re.search(rf"\b{re.escape(b)}\b", a), (a, b)


def test_strategies_present_and_sized():
    pack = load_core()
    ids = [s.id for s in pack.strategies]
    assert len(ids) >= 18
    assert set(ids) <= set(STRATEGY_IDS)
    assert set(ids) == set(STRATEGY_IDS), set(STRATEGY_IDS) - set(ids)
    for s in pack.strategies:
        minimum = 6 if s.id in STRATEGY_IDS[:5] else 3
        assert len(s.phrases) >= minimum, s.id
        assert 1 <= len(s.steps) <= 3, s.id
        assert s.title.strip() and s.why.strip(), s.id
    assert sum(len(s.phrases) for s in pack.strategies) >= 90


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
    for term_id in states:
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


def test_age_variants():
    pack = load_core()
    tagged = [p for _, p in all_phrases(pack) if p.ages is not None]
    assert len(tagged) >= 10
    for p in tagged:
        assert (p.ages.min, p.ages.max) in {(3, 5), (6, 8)}, p.id


def test_child_placeholder_use():
    pack = load_core()
    phrases = [p for _, p in all_phrases(pack)]
    with_name = [p for p in phrases if "{child}" in p.text]
    assert len(with_name) * 3 >= len(phrases)
    for label, text in spoken_texts(pack):
        assert text.count("{child}") <= 1, label
        if "{child}" in text:
            assert VOCATIVE.search(text), f"{label}: {{child}} not a vocative: {text}"
        leftover = re.sub(r"\{child\}", "", text)
        assert "{" not in leftover and "}" not in leftover, f"{label}: {text}"


def test_celebrations():
    pack = load_core()
    assert len(pack.celebrations) >= 25
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
    assert len(pack.scenarios) >= 24
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
    covered_ages = {a for sc in pack.scenarios for a in range(sc.ages.min, sc.ages.max + 1)}
    assert covered_ages == set(range(3, 9))
    state_count = Counter(sc.state for sc in pack.scenarios)
    reason_count = Counter(sc.reason for sc in pack.scenarios if sc.reason)
    for state in STATE_IDS:
        assert state_count[state] >= 2, state
    for reason in REASON_IDS:
        assert reason_count[reason] >= 2, reason


def test_support_sections():
    pack = load_core()
    sections = {sec.id: sec for sec in pack.support}
    assert set(sections) >= {
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
