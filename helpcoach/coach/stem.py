"""The stemmer edge: one language's Snowball stemmer, loaded on first use.

snowballstemmer's package `__init__` imports all of its 30-odd languages (about
20 ms). A parent in a hurry needs only one, so this module loads that language's
module alone, under a private package name that points at snowballstemmer's
folder, and never runs the package's `__init__`.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Callable
from functools import cache

_PRIVATE = "helpcoach._snowball"
# ISO 639-1 codes of the packs to snowballstemmer's module names.
LANGUAGES = {"en": "english", "es": "spanish", "fr": "french", "de": "german", "it": "italian", "pt": "portuguese", "nl": "dutch"}


def _private_package() -> str | None:
    if _PRIVATE in sys.modules:
        return _PRIVATE
    spec = importlib.util.find_spec("snowballstemmer")  # finds the folder without running its __init__
    if spec is None or not spec.submodule_search_locations:
        return None
    package = types.ModuleType(_PRIVATE)
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules[_PRIVATE] = package
    return _PRIVATE


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """A function from a lowercase word to its stem; the word itself for a language with no stemmer."""
    name = LANGUAGES.get(language.split("-")[0].lower())
    package = _private_package() if name else None
    if name is None or package is None:
        return lambda word: word
    module = importlib.import_module(f"{package}.{name}_stemmer")
    algorithm = getattr(module, f"{name.capitalize()}Stemmer")()
    return cache(algorithm.stemWord)
