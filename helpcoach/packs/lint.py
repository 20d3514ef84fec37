"""`packs lint`: read a pack for tone, not structure."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from pathlib import Path

from helpcoach.errors import PackError
from helpcoach.packs.document import Document
from helpcoach.packs.loader import load_file
from helpcoach.packs.schema import Ages, Pack, Phrase, Rule, Strategy
from helpcoach.packs.validate import to_struct

MAX_WORDS = 25
NEAR_REPEAT = 0.9
NEAR_WINDOW = 12  # neighbours in length order compared with each phrase


OLDER_FROM = 9  # packs for this age and over are also read for babyish words


def _word_list(name: str) -> tuple[str, ...]:
    text = resources.files("helpcoach.packs").joinpath(name).read_text(encoding="utf-8")
    return tuple(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def tone_words() -> tuple[str, ...]:
    """The flagged words, from the package's data file."""
    return _word_list("tone_words.txt")


@cache
def babyish_words() -> tuple[str, ...]:
    """Words that talk down to a child of 9 or over, from the package's data file."""
    return _word_list("babyish_words.txt")


def babyish_problems(text: str) -> list[str]:
    """The babyish words in one line, as lint messages."""
    joined = " " + " ".join(_words(text)) + " "
    return [
        f"'{word}' talks down to a child of {OLDER_FROM} or over: say it as you would to a young person"
        for word in babyish_words()
        if f" {' '.join(_words(word))} " in joined
    ]


@cache
def care_words() -> dict[str, tuple[str, ...]]:
    """The care checks' word lists by section ([secrecy], [label], [time], [therapy], [tough], [babyish])."""
    text = resources.files("helpcoach.packs").joinpath("care_words.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line.lower())
    return {name: tuple(words) for name, words in sections.items()}


CARE_MESSAGES = {
    "secrecy": "'{word}' asks a child to keep a secret with an adult: say it openly, or leave it out",
    "label": "'{word}' labels the child: praise what they did instead",
    "false": "'{word}' reassures falsely: a child who catches one untrue line stops trusting the rest",
    "time": "'{word}' promises time: add `tags: [promises-time]` (or `not_in: [hurry]`) so a hurried parent never sees it",
    "therapy": "'{word}' is therapy talk that `now` could offer in a tough moment ({where}): tag it `therapy` or keep it out",
    "babyish": "'{word}' is too young for 7- and 8-year-olds: give the line ages that stop at 6",
}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9{}']+", text.lower().replace("\u2019", "'"))


def tone_problems(text: str) -> list[str]:
    """What reads badly in one line a parent would say: length, flagged words, a doubled placeholder."""
    found = []
    count = len(_words(text))
    if count > MAX_WORDS:
        found.append(f"{count} words; keep phrases to {MAX_WORDS} or fewer")
    joined = " " + " ".join(_words(text)) + " "
    for word in tone_words():
        if f" {' '.join(_words(word))} " in joined:
            found.append(f"'{word}' can shame, threaten or label a child: say what you see and how you'll help instead")
    if text.count("{child}") > 1:
        found.append("{child} appears twice: use the name once")
    return found


def _has(text: str, word: str) -> bool:
    """True when `word` is in `text` as whole words ("therapist's" holds "therapist")."""
    joined = " " + " ".join(_words(text)) + " "
    owned = " " + " ".join(w.removesuffix("'s") for w in _words(text)) + " "
    needle = f" {' '.join(_words(word))} "
    return needle in joined or needle in owned


def kept_out_of(rules: list[Rule], strategy: Strategy, phrase: Phrase) -> set[str]:
    """Every condition (state id or `hurry`) in which `now` never offers this phrase."""
    tags = {*strategy.tags, *phrase.tags}
    out = {*strategy.not_in, *phrase.not_in}
    for rule in rules:
        if rule.tag in tags:
            out |= set(rule.not_in)
    return out


def care_problems(rules: list[Rule], strategy: Strategy | None, phrase: Phrase | None, text: str) -> list[str]:
    """The care checks for one line: secrecy, labels, promises of time, therapy in a tough moment, babyish words.

    `strategy` and `phrase` are None for a celebration (which `now` never offers).
    """
    words = care_words()
    found = [
        CARE_MESSAGES[kind].format(word=w) for kind in ("secrecy", "label", "false") for w in words.get(kind, ()) if _has(text, w)
    ]
    if strategy is None or phrase is None:
        return found
    out = kept_out_of(rules, strategy, phrase)
    offered = set() if strategy.audience == "parent" else {*strategy.states, *strategy.step_in_for} - out
    found += [CARE_MESSAGES["time"].format(word=w) for w in words.get("time", ()) if _has(text, w) and "hurry" not in out]
    tough = sorted(offered & set(words.get("tough", ())))
    if tough:
        found += [
            CARE_MESSAGES["therapy"].format(word=w, where=", ".join(tough)) for w in words.get("therapy", ()) if _has(text, w)
        ]
    reaches_seven = phrase.ages is None or phrase.ages.max >= 7
    if reaches_seven:
        found += [CARE_MESSAGES["babyish"].format(word=w) for w in words.get("babyish", ()) if _has(text, w)]
    return found


def _bundled_rules(pack: Pack) -> list[Rule]:
    """Placement rules of the bundled packs, so a user pack's tags mean what they mean at run time."""
    from helpcoach import paths
    from helpcoach.packs.library import read_pack

    rules: list[Rule] = []
    for path in sorted(paths.bundled_packs_dir().glob("*.yaml")):
        try:
            other = read_pack(path, bundled=True).pack
        except PackError:
            continue
        if other.id != pack.id:
            rules += other.placement
    return rules


def lint_document(doc: Document, pack: Pack) -> list[str]:
    """Tone and care warnings as 'PATH:LINE: message'."""
    warnings: list[tuple[int, str]] = []
    rules = [*pack.placement, *_bundled_rules(pack)]
    for i, strategy in enumerate(pack.strategies):
        for j, phrase in enumerate(strategy.phrases):
            line = doc.locate(("strategies", i, "phrases", j, "text"))[0]
            warnings += [(line, message) for message in care_problems(rules, strategy, phrase, phrase.text)]
    for i, ext in enumerate(pack.extend):
        for j, phrase in enumerate(ext.phrases):
            line = doc.locate(("extend", i, "phrases", j, "text"))[0]
            warnings += [(line, message) for message in care_problems(rules, None, None, phrase.text)]
    for i, celebration in enumerate(pack.celebrations):
        line = doc.locate(("celebrations", i, "text"))[0]
        warnings += [(line, message) for message in care_problems(rules, None, None, celebration.text)]
    lines: list[tuple[tuple[str | int, ...], str]] = []
    for i, strategy in enumerate(pack.strategies):
        lines += [(("strategies", i, "phrases", j, "text"), p.text) for j, p in enumerate(strategy.phrases)]
    for i, ext in enumerate(pack.extend):
        lines += [(("extend", i, "phrases", j, "text"), p.text) for j, p in enumerate(ext.phrases)]
    phrase_count = len(lines)
    lines += [(("celebrations", i, "text"), c.text) for i, c in enumerate(pack.celebrations)]
    older = pack.ages.min >= OLDER_FROM
    for where, text in lines:
        line = doc.locate(where)[0]
        warnings += [(line, message) for message in tone_problems(text)]
        if older:
            warnings += [(line, message) for message in babyish_problems(text)]
    warnings += _near_repeats(doc, lines[:phrase_count])
    warnings += _ages_outside(doc, pack)
    return [f"{doc.source}:{line}: {message}" for line, message in sorted(warnings)]


def _ages_outside(doc: Document, pack: Pack) -> list[tuple[int, str]]:
    """Each phrase or scenario whose own `ages` reach outside the pack's `ages`."""
    whole = pack.ages
    found: list[tuple[int, str]] = []
    items: list[tuple[tuple[str | int, ...], Ages | None]] = []
    for i, strategy in enumerate(pack.strategies):
        items += [(("strategies", i, "phrases", j, "ages"), p.ages) for j, p in enumerate(strategy.phrases)]
    for i, ext in enumerate(pack.extend):
        items += [(("extend", i, "phrases", j, "ages"), p.ages) for j, p in enumerate(ext.phrases)]
    items += [(("scenarios", i, "ages"), s.ages) for i, s in enumerate(pack.scenarios)]
    for where, ages in items:
        if ages is not None and (ages.min < whole.min or ages.max > whole.max):
            message = (
                f"ages {ages.min}-{ages.max} fall outside the pack's ages {whole.min}-{whole.max}: "
                "the pack is chosen by its own ages, so narrow these or widen the pack's `ages`"
            )
            found.append((doc.locate(where)[0], message))
    return found


def _near_repeats(doc: Document, phrases: list[tuple[tuple[str | int, ...], str]]) -> list[tuple[int, str]]:
    """Each phrase that repeats an earlier one (nearly) word for word, reported once.

    Exact repeats are found across the whole file; near repeats among phrases of
    similar length, at most NEAR_WINDOW apart in length order, so a pack of
    thousands of phrases stays quick.
    """
    found: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    normal = [" ".join(_words(text.replace("{child}", ""))) for _, text in phrases]
    by_length = sorted(range(len(phrases)), key=lambda i: (len(normal[i]), i))
    reported: set[int] = set()
    for i, text in enumerate(normal):
        line = doc.locate(phrases[i][0])[0]
        if text in first_line:
            found.append((line, f"repeats the phrase on line {first_line[text]} nearly word for word"))
            reported.add(i)
        else:
            first_line[text] = line
    for rank, a in enumerate(by_length):
        for b in by_length[rank + 1 : rank + 1 + NEAR_WINDOW]:
            later, earlier = max(a, b), min(a, b)
            if later in reported or normal[a] == normal[b]:
                continue
            matcher = SequenceMatcher(None, normal[earlier], normal[later])
            if (
                matcher.real_quick_ratio() >= NEAR_REPEAT
                and matcher.quick_ratio() >= NEAR_REPEAT
                and matcher.ratio() >= NEAR_REPEAT
            ):
                first = doc.locate(phrases[earlier][0])[0]
                found.append((doc.locate(phrases[later][0])[0], f"repeats the phrase on line {first} nearly word for word"))
                reported.add(later)
    return found


def lint_file(path: Path) -> list[str]:
    """Tone warnings for one pack file (a file that does not load reports why)."""
    try:
        doc = load_file(path)
        pack = to_struct(doc, Pack)
    except PackError as exc:
        return [f"{p.source}:{p.line}: {p.message}" for p in exc.problems]
    return lint_document(doc, pack)
