"""How long each kind of text in the log may be: one set of limits for saving and for importing.

Whatever a command saves, `import` takes back, so every export can be imported again.
"""

from __future__ import annotations

MAX_TEXT = 2000  # words, answers, check-in fields, each win (in characters)
MAX_NAME = 60  # a child's name
MAX_WINS = 20  # wins in one check-in


def clip(text: str | None) -> str | None:
    """Text cut to MAX_TEXT characters (for words kept only as context, where refusing would cost the moment)."""
    if text is None:
        return None
    text = text.strip()
    return text[:MAX_TEXT] or None
