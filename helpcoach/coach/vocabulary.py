"""Matching a parent's words against a pack's vocabulary, the way parents write.

- Word forms: both sides are stemmed with the pack language's Snowball stemmer,
  so "hit", "hits" and "hitting" meet. Irregular forms (threw, bit) are listed
  in the pack.
- Words in between: `...` in a vocabulary entry stands for up to five words,
  so "throw ... at" matches "threw the scissors at me".
- Typos: a typed word of six letters or more may be one edit (a letter wrong,
  missing, extra or swapped) away from a vocabulary word with the same first
  letter, unless the typed word is itself a word of the vocabulary.
- Idioms: a term's `not_words` are found first, and the words they cover never
  count for that term ("dying to" never says "die").
- Contractions and a few spellings are made one form first ("im", "i am" and
  "i'm"; "gonna" and "going to").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

GAP = "..."
MAX_GAP = 5
TYPO_MIN_LETTERS = 6

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ONE_FORM = {
    "im": "i'm",
    "ive": "i've",
    "ill": "i'll",
    "id": "i'd",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "cannot": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
    "youre": "you're",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
}
_TWO_AS_ONE = {
    ("i", "am"): "i'm",
    ("he", "is"): "he's",
    ("she", "is"): "she's",
    ("can", "not"): "can't",
    ("do", "not"): "don't",
    ("does", "not"): "doesn't",
    ("did", "not"): "didn't",
    ("will", "not"): "won't",
    ("is", "not"): "isn't",
}
_ONE_AS_TWO = {"gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to")}

Stem = Callable[[str], str]


def normalize(text: str) -> str:
    """Lowercase, accents removed, curly apostrophes straightened, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def words_of(text: str) -> list[str]:
    """The words of a text, in one form each (hyphens and punctuation split words; apostrophes stay)."""
    plain = text.isascii() and text.islower() and "`" not in text  # most vocabulary: nothing to normalize
    raw = _WORD.findall(text if plain else normalize(text))
    out: list[str] = []
    i = 0
    while i < len(raw):
        pair = (raw[i], raw[i + 1]) if i + 1 < len(raw) else ("", "")
        if pair in _TWO_AS_ONE:
            out.append(_TWO_AS_ONE[pair])
            i += 2
            continue
        word = raw[i]
        if word in _ONE_AS_TWO:
            out.extend(_ONE_AS_TWO[word])
        else:
            out.append(_ONE_FORM.get(word, word))
        i += 1
    return out


@dataclass(frozen=True)
class Pattern:
    """One vocabulary entry as written in the pack, and its words (GAP for `...`)."""

    source: str
    words: tuple[str, ...]

    @property
    def weight(self) -> int:
        """How specific the entry is: the longer, the more it says."""
        return sum(len(w) + 1 for w in self.words if w != GAP)


_PLAIN_ENTRY = re.compile(r"[a-z' ]+")
_CHANGED = {*_ONE_FORM, *_ONE_AS_TWO}


def pattern(entry: str) -> Pattern:
    """A vocabulary entry ready to match."""
    if _PLAIN_ENTRY.fullmatch(entry):  # most of a pack: lowercase words and spaces, already in one form
        words = entry.split()
        paired = any(pair in _TWO_AS_ONE for pair in pairwise(words))
        if not paired and not _CHANGED.intersection(words) and all(w.strip("'") == w for w in words):
            return Pattern(entry, tuple(words))
    pieces: list[str] = []
    for chunk in re.split(r"(\.\.\.|\u2026)", entry):
        if chunk in (GAP, "\u2026"):
            pieces.append(GAP)
        else:
            pieces.extend(words_of(chunk))
    while pieces and pieces[0] == GAP:
        pieces.pop(0)
    while pieces and pieces[-1] == GAP:
        pieces.pop()
    return Pattern(entry, tuple(pieces))


class Text:
    """A parent's words, ready to be matched: words, their stems (computed on demand), and the known words."""

    def __init__(self, text: str, stem: Stem, known: frozenset[str] = frozenset()) -> None:
        self.words = words_of(text)
        self.stem = stem
        self.stems = [stem(w) for w in self.words]
        self.starts = {w[:2] for w in self.words}
        self.initials = {w[:1] for w in self.words}  # every way a word can match keeps its first letter
        self.known = known

    def fits(self, word: str, at: int) -> bool:
        """Whether the pattern word `word` matches the text's word at position `at`."""
        typed = self.words[at]
        if word == typed:
            return True
        if word[:2] in self.starts and self.stem(word) == self.stems[at]:
            return True
        return (
            len(typed) >= TYPO_MIN_LETTERS
            and word[0] == typed[0]
            and typed not in self.known
            and self.stems[at] not in self.known
            and one_edit_apart(word, typed)
        )

    def find(self, pat: Pattern, blocked: frozenset[int] = frozenset()) -> tuple[int, int] | None:
        """The first (start, end) span where the pattern matches, skipping blocked words; None if nowhere."""
        if not pat.words or pat.words[0][:1] not in self.initials:
            return None
        for start in range(len(self.words)):
            end = self._match_from(pat.words, 0, start, blocked)
            if end is not None:
                return start, end
        return None

    def _match_from(self, words: Sequence[str], k: int, at: int, blocked: frozenset[int]) -> int | None:
        if k == len(words):
            return at
        if words[k] == GAP:
            for skip in range(MAX_GAP + 1):
                end = self._match_from(words, k + 1, at + skip, blocked)
                if end is not None:
                    return end
            return None
        if at >= len(self.words) or at in blocked or not self.fits(words[k], at):
            return None
        return self._match_from(words, k + 1, at + 1, blocked)

    def covered(self, patterns: Iterable[Pattern]) -> frozenset[int]:
        """Every position any of the patterns covers (for not_words)."""
        spots: set[int] = set()
        for pat in patterns:
            if not pat.words or pat.words[0][:1] not in self.initials:
                continue
            for start in range(len(self.words)):
                end = self._match_from(pat.words, 0, start, frozenset()) if pat.words else None
                if end is not None:
                    spots.update(range(start, end))
        return frozenset(spots)


def one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by exactly one letter changed, added, removed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@dataclass(frozen=True)
class Hit:
    """The entry that matched, and how specific it is."""

    source: str
    weight: int


def best_hit(text: Text, words: Sequence[Pattern], not_words: Sequence[Pattern] = ()) -> Hit | None:
    """The most specific entry of `words` found in the text outside what `not_words` cover."""
    blocked = text.covered(not_words) if not_words else frozenset()
    best: Hit | None = None
    for pat in words:
        if best is not None and pat.weight <= best.weight:
            continue
        if text.find(pat, blocked) is not None:
            best = Hit(pat.source, pat.weight)
    return best


def known_words(patterns: Iterable[Pattern]) -> frozenset[str]:
    """Every word of the vocabulary as written: a typed word (or its stem) that is one of these is never a typo."""
    return frozenset(word for pat in patterns for word in pat.words if word != GAP)
