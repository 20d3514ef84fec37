"""`packs validate` on the words: a word that can never match, and a word two states share.

A word can never match when it has no letters, when its own `not_words` cover
it, or when the parent typing exactly that word would be answered by another
entry that triage asks first (an urgent kind before `unsafe`, `unsafe` before
the rest). A word two states (or urgent kinds) share makes the answer depend on
pack order, so each word belongs to one.
"""

from __future__ import annotations

from collections.abc import Iterator

from helpcoach.coach.stem import stemmer
from helpcoach.coach.triage import compile_vocabulary, read
from helpcoach.coach.vocabulary import GAP, Pattern, Text, pattern
from helpcoach.errors import Problem
from helpcoach.packs.document import Document
from helpcoach.packs.library import Library, LoadedPack


def _words(loaded: LoadedPack) -> Iterator[tuple[tuple[str | int, ...], str, str, list[str], list[str]]]:
    """(where, owner kind, owner id, words, not_words) of every state, urgent kind and step-in response."""
    pack = loaded.pack
    for i, term in enumerate(pack.states):
        yield ("states", i, "words"), "state", term.id, term.words, term.not_words
    for i, strategy in enumerate(pack.strategies):
        if strategy.words:
            for state in strategy.step_in_for:
                yield ("strategies", i, "words"), "state", state, strategy.words, strategy.not_words
    for i, kind in enumerate(pack.urgent.kinds if pack.urgent else []):
        yield ("urgent", "kinds", i, "words"), "urgent kind", kind.id, kind.words, kind.not_words


def _typed(pat: Pattern) -> str:
    """What a parent might type for this entry: its words, with one word where a gap is."""
    return " ".join("and" if w == GAP else w for w in pat.words)


def vocabulary_problems(library: Library) -> list[Problem]:
    """Every word in the loaded packs that can never match, or that another state already has."""
    vocabulary = compile_vocabulary(library.states, {}, library.urgent, library.step_ins(), library.language)
    stem = stemmer(library.language)
    owners: dict[tuple[str, ...], tuple[str, str, str]] = {}
    problems: list[Problem] = []
    for loaded in library.packs:
        doc = loaded.doc or Document(str(loaded.source), {})
        for where, kind, owner, words, not_words in _words(loaded):
            blocked = [pattern(w) for w in not_words]
            for j, word in enumerate(words):
                at = (*where, j)
                pat = pattern(word)
                if not pat.words:
                    problems.append(doc.problem(at, f"'{word}' can never match: it has no letters"))
                    continue
                text = Text(_typed(pat), stem, vocabulary.known)
                if blocked and text.find(pat, text.covered(blocked)) is None:
                    problems.append(doc.problem(at, f"'{word}' can never match: this {kind}'s not_words cover it"))
                    continue
                key = tuple(stem(w) for w in pat.words)
                first = owners.setdefault(key, (kind, owner, word))
                if first[:2] != (kind, owner):
                    problems.append(
                        doc.problem(
                            at, f"'{word}' is also a word of {first[0]} '{first[1]}' ('{first[2]}'): a word belongs to one"
                        )
                    )
                    continue
                found = read(_typed(pat), vocabulary)
                winner = (found.urgent_kind if kind == "urgent kind" else found.state) if found else None
                if found is not None and winner != owner:
                    other = f"urgent kind '{found.urgent_kind}'" if found.urgent else f"state '{found.state}'"
                    problems.append(doc.problem(at, f"'{word}' can never pick {kind} '{owner}': {other} matches it first"))
    return problems
