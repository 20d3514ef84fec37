"""All loaded packs merged into one library the rest of the program asks.

Bundled packs load first, then user packs in name order. A pack whose ids clash
with or refer past what is already loaded is left out whole, with its problems
kept for a warning, so one broken file never stops helpcoach from helping.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from helpcoach import paths
from helpcoach.bounded import read_bounded
from helpcoach.errors import PackError, Problem
from helpcoach.packs.document import MAX_BYTES, Document
from helpcoach.packs.schema import Celebration, Pack, Phrase, Rule, Scenario, Strategy, Support, Term, Urgent

if TYPE_CHECKING:
    from helpcoach.packs.cache import PackCache

URGENT_STATE = "urgent"
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ALLOWED_PLACEHOLDERS = {"child"}
# {child} as a form of address: opening a sentence ("{child}, ...") or closing a clause (", {child}." / "!" / "?").
_OPENS = r"(?:^|(?<=[.!?] ))\{child\}, "
_CLOSES = r", \{child\}(?=[.!?,;:]|$)"
_VOCATIVE = re.compile(rf"{_OPENS}|{_CLOSES}")
HURRY = "hurry"  # the one condition besides the states that placement rules can name


@dataclass
class LoadedPack:
    """One valid pack and where it came from."""

    pack: Pack
    source: Path
    bundled: bool
    doc: Document | None = None


@dataclass
class Library:
    """The merged content of every valid pack."""

    packs: list[LoadedPack] = field(default_factory=list)
    broken: list[PackError] = field(default_factory=list)
    states: dict[str, Term] = field(default_factory=dict)
    reasons: dict[str, Term] = field(default_factory=dict)
    strategies: dict[str, Strategy] = field(default_factory=dict)
    strategy_pack: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, tuple[Phrase, str]] = field(default_factory=dict)
    phrase_pack: dict[str, str] = field(default_factory=dict)
    celebrations: list[Celebration] = field(default_factory=list)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    support: list[Support] = field(default_factory=list)
    pushback: list[str] = field(default_factory=list)
    urgent: Urgent | None = None  # only ever from a bundled pack
    language: str = "en"  # the first bundled pack's: the stemmer and the urgent guidance follow it

    def step_ins(self) -> list[Strategy]:
        """Every step-in response, in pack order."""
        return [s for s in self.strategies.values() if s.step_in_for]

    def urgent_title(self, strategy_id: str) -> str | None:
        """The title logged urgent moments show ("urgent-medical" -> "A medical emergency"), or None."""
        if self.urgent is None or not strategy_id.startswith(f"{URGENT_STATE}"):
            return None
        if strategy_id == URGENT_STATE:
            term = self.states.get(URGENT_STATE)
            return term.label if term else None
        kind = strategy_id.removeprefix(f"{URGENT_STATE}-")
        return next((k.title for k in self.urgent.kinds if k.id == kind), None)

    placement: list[Rule] = field(default_factory=list)
    hurry_label: str | None = None
    hurry_words: list[str] = field(default_factory=list)

    def strategies_for(self, state: str, reason: str | None = None) -> list[Strategy]:
        """Strategies that fit a state (and, when given, a reason), in pack order."""
        fits = [s for s in self.strategies.values() if state in s.states]
        if reason:
            fits = [s for s in fits if not s.reasons or reason in s.reasons] or fits
        return fits

    def step_in_for(self, state: str, picked: str | None = None) -> Strategy | None:
        """The step-in response for `state`: the one the parent's words picked, else the first with no words of its own."""
        fits = [s for s in self.strategies.values() if state in s.step_in_for]
        chosen = next((s for s in fits if s.id == picked), None)
        return chosen or next((s for s in fits if not s.words), fits[0] if fits else None)

    def celebrations_for(self, occasion: str) -> list[Celebration]:
        """Celebration lines for one occasion."""
        return [c for c in self.celebrations if c.occasion == occasion]

    def phrase(self, phrase_id: str) -> tuple[Phrase, Strategy] | None:
        """A phrase and its strategy by phrase id."""
        found = self.phrases.get(phrase_id)
        return (found[0], self.strategies[found[1]]) if found else None

    def add(self, loaded: LoadedPack) -> None:
        """Merge a pack; raise PackError (and merge nothing) if it clashes or refers past the library."""
        problems = check_against(self, loaded)
        if problems:
            raise PackError(problems)
        pack = loaded.pack
        self.keep_urgent(loaded, with_state=False)  # the state comes in pack order below
        for term in pack.states:
            self.states[term.id] = term
        for term in pack.reasons:
            self.reasons[term.id] = term
        for strategy in pack.strategies:
            self.strategies[strategy.id] = strategy
            self.strategy_pack[strategy.id] = pack.id
            for phrase in strategy.phrases:
                self.phrases[phrase.id] = (phrase, strategy.id)
                self.phrase_pack[phrase.id] = pack.id
        for ext in pack.extend:
            base = self.strategies[ext.strategy]
            self.strategies[ext.strategy] = msgspec.structs.replace(base, phrases=[*base.phrases, *ext.phrases])
            for phrase in ext.phrases:
                self.phrases[phrase.id] = (phrase, ext.strategy)
                self.phrase_pack[phrase.id] = pack.id
        self.celebrations += pack.celebrations
        for scenario in pack.scenarios:
            self.scenarios[scenario.id] = scenario
        self.support += pack.support
        self.pushback = self.pushback or list(pack.pushback)
        self.placement += pack.placement
        if pack.hurry is not None:
            self.hurry_label = self.hurry_label or pack.hurry.label
            self.hurry_words += [w for w in pack.hurry.words if w not in self.hurry_words]
        self.packs.append(loaded)

    def keep_urgent(self, loaded: LoadedPack, with_state: bool = True) -> None:
        """Take the urgent route from the first bundled pack that has it (even one the user disabled)."""
        pack = loaded.pack
        if not loaded.bundled or self.urgent is not None or pack.urgent is None:
            return
        self.urgent, self.language = pack.urgent, pack.language
        urgent_state = next((t for t in pack.states if t.id == URGENT_STATE), None)
        if with_state and urgent_state is not None:
            self.states.setdefault(URGENT_STATE, urgent_state)


def check_against(library: Library, loaded: LoadedPack) -> list[Problem]:
    """Problems of a pack given what the library already holds: clashes, unknown ids, placeholders."""
    pack, doc = loaded.pack, loaded.doc or Document(str(loaded.source), {})
    problems: list[Problem] = []

    def flag(where: tuple[str | int, ...], message: str) -> None:
        problems.append(doc.problem(where, message))

    if any(p.pack.id == pack.id for p in library.packs):
        flag(("id",), f"a pack with id '{pack.id}' is already loaded: choose another id")
    if pack.urgent is not None and not loaded.bundled:
        flag(("urgent",), "only a bundled pack may carry urgent guidance: remove the 'urgent' section")
    states = set(library.states) | {t.id for t in pack.states}
    reasons = set(library.reasons) | {t.id for t in pack.reasons}
    strategies = set(library.strategies) | {s.id for s in pack.strategies}
    seen: dict[str, str] = {}

    def unique(kind: str, item_id: str, taken: Iterable[str], where: tuple[str | int, ...]) -> None:
        key = f"{kind}:{item_id}"
        if item_id in taken or key in seen:
            flag(where, f"{kind} id '{item_id}' is already used: ids must be unique")
        seen[key] = item_id

    def known(kind: str, item_id: str | None, pool: set[str], where: tuple[str | int, ...]) -> None:
        if item_id is not None and item_id not in pool:
            flag(where, f"unknown {kind} '{item_id}': known ones are {', '.join(sorted(pool)) or 'none'}")

    def placeholders(text: str, where: tuple[str | int, ...]) -> None:
        for name in _PLACEHOLDER.findall(text):
            if name not in ALLOWED_PLACEHOLDERS:
                flag(where, f"unknown placeholder '{{{name}}}': only {{child}} is allowed")
        if _PLACEHOLDER.sub("", text).count("{") or _PLACEHOLDER.sub("", text).count("}"):
            flag(where, "a stray '{' or '}': write {child} exactly, or leave braces out")
        elif "{child}" in _VOCATIVE.sub("", text):
            flag(
                where,
                "use {child} once, to open a sentence ('{child}, look') or to close one (', {child}.'), "
                "so the phrase still reads well when no name is set",
            )

    conditions = states | {HURRY}
    tags = {rule.tag for rule in [*library.placement, *pack.placement]}
    for i, rule in enumerate(pack.placement):
        for j, condition in enumerate(rule.not_in):
            known("state (or 'hurry')", condition, conditions, ("placement", i, "not_in", j))

    def placed(item: Phrase | Strategy, where: tuple[str | int, ...]) -> None:
        for j, condition in enumerate(item.not_in):
            known("state (or 'hurry')", condition, conditions, (*where, "not_in", j))
        for j, tag in enumerate(item.tags):
            known("tag (declare it under placement:)", tag, tags, (*where, "tags", j))

    for i, term in enumerate(pack.states):
        if term.id == URGENT_STATE and library.urgent is not None and library.states.get(URGENT_STATE) is term:
            continue  # kept from a disabled bundled pack: the same term, not a clash
        unique("state", term.id, library.states, ("states", i, "id"))
    for i, term in enumerate(pack.reasons):
        unique("reason", term.id, library.reasons, ("reasons", i, "id"))

    def check_phrases(phrases: list[Phrase], where: tuple[str | int, ...]) -> None:
        for k, phrase in enumerate(phrases):
            unique("phrase", phrase.id, library.phrases, (*where, k, "id"))
            placeholders(phrase.text, (*where, k, "text"))
            placed(phrase, (*where, k))

    for i, strategy in enumerate(pack.strategies):
        unique("strategy", strategy.id, library.strategies, ("strategies", i, "id"))
        for j, state in enumerate(strategy.states):
            known("state", state, states, ("strategies", i, "states", j))
        for j, state in enumerate(strategy.step_in_for):
            known("state", state, states, ("strategies", i, "step_in_for", j))
        for j, reason in enumerate(strategy.reasons):
            known("reason", reason, reasons, ("strategies", i, "reasons", j))
        placed(strategy, ("strategies", i))
        check_phrases(strategy.phrases, ("strategies", i, "phrases"))
    for i, ext in enumerate(pack.extend):
        known("strategy", ext.strategy, strategies, ("extend", i, "strategy"))
        check_phrases(ext.phrases, ("extend", i, "phrases"))
    for i, strategy_id in enumerate(pack.pushback):
        known("strategy", strategy_id, strategies, ("pushback", i))
    for i, celebration in enumerate(pack.celebrations):
        placeholders(celebration.text, ("celebrations", i, "text"))
    for i, scenario in enumerate(pack.scenarios):
        unique("scenario", scenario.id, library.scenarios, ("scenarios", i, "id"))
        known("state", scenario.state, states, ("scenarios", i, "state"))
        known("reason", scenario.reason, reasons, ("scenarios", i, "reason"))
        for j, strategy_id in enumerate(scenario.strategies):
            known("strategy", strategy_id, strategies, ("scenarios", i, "strategies", j))
    for i, section in enumerate(pack.support):
        unique("support", section.id, [s.id for s in library.support], ("support", i, "id"))
    return problems


def read_pack(path: Path, bundled: bool = False) -> LoadedPack:
    """Load and validate one pack file (structure only), or raise PackError."""
    from helpcoach.packs.loader import load_file
    from helpcoach.packs.validate import to_struct

    doc = load_file(path)
    return LoadedPack(to_struct(doc, Pack), path, bundled, doc)


def pack_files() -> list[tuple[Path, bool]]:
    """Every pack file to load, bundled first, as (path, bundled)."""
    bundled = [(p, True) for p in sorted(paths.bundled_packs_dir().glob("*.yaml"))]
    user_dir = paths.user_packs_dir()
    user = [(p, False) for p in sorted(user_dir.glob("*.yaml"))] if user_dir.is_dir() else []
    return bundled + user


def packs_folder_problem() -> PackError | None:
    """Why the user packs folder cannot be read (a file in its place, no permission), or None; never silent."""
    folder = paths.user_packs_dir()
    try:
        if not folder.exists():
            return None
        if not folder.is_dir():
            message = "is a file, not a folder, so none of your packs are loaded: move it aside"
        else:
            with os.scandir(folder):
                return None
    except OSError as exc:
        message = f"cannot be read ({exc.strerror or exc}), so none of your packs are loaded: fix its permissions"
    return PackError([Problem(str(folder), 1, 1, f"the packs folder {message}")])


def load_library(disabled: Iterable[str] = (), use_cache: bool = True) -> Library:
    """Load every pack; broken ones (and an unreadable packs folder) are recorded in `library.broken`, not raised."""
    from helpcoach.packs.cache import PackCache

    library = Library()
    folder_problem = packs_folder_problem()
    if folder_problem is not None:
        library.broken.append(folder_problem)
    off = set(disabled)
    cache = PackCache() if use_cache else None
    turned_off = False
    for path, bundled in pack_files():
        try:
            loaded = _read_cached(path, bundled, cache)
            if bundled and loaded.pack.id in off:
                library.keep_urgent(loaded)  # the urgent route cannot be switched off
                turned_off = True
                continue
            if loaded.doc is None and check_against(library, loaded):
                loaded = read_pack(path, bundled)  # parse again so the problems carry line numbers
            library.add(loaded)
        except PackError as exc:
            if not (bundled and turned_off):  # a bundled pack built on a disabled one (older on core) goes quietly
                library.broken.append(exc)
    if cache is not None:
        cache.save()
    return library


def _read_cached(path: Path, bundled: bool, cache: PackCache | None) -> LoadedPack:
    if cache is None:
        return read_pack(path, bundled)
    try:
        raw = read_bounded(path, MAX_BYTES)
        if len(raw) > MAX_BYTES:
            return read_pack(path, bundled)  # reports the size properly
        key = cache.key(raw)
    except OSError:
        return read_pack(path, bundled)  # reports the unreadable file properly
    pack = cache.get(key)
    if pack is not None:
        return LoadedPack(pack, path, bundled)
    loaded = read_pack(path, bundled)
    cache.put(key, loaded.pack)
    return loaded
