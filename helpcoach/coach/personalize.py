"""Fill the {child} placeholder, or drop it gracefully when no name is known."""

from __future__ import annotations

import re

_VOCATIVE_AFTER = re.compile(r",\s*\{child\}(?=\s*[.!?,;:]|\s*$)")
_VOCATIVE_BEFORE = re.compile(r"(^|(?<=[.!?]\s))\{child\},\s*")


def personalize(text: str, child: str | None) -> str:
    """Return `text` with {child} replaced by the name, or removed so it reads naturally."""
    if child:
        return text.replace("{child}", child.strip())
    text = _VOCATIVE_AFTER.sub("", text)
    text = _VOCATIVE_BEFORE.sub(lambda m: m.group(1) + "\x00", text)
    text = re.sub(r"\x00(\w)", lambda m: m.group(1).upper(), text).replace("\x00", "")
    # Any other use (mid-sentence) falls back to a neutral word.
    text = text.replace("{child}", "sweetheart")
    return re.sub(r"  +", " ", text).strip()
