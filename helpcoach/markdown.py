"""User text made safe inside a Markdown document we write (`export --format md`, `report -o x.md`, the phrase card).

Newlines are folded, so a win cannot forge a heading or a whole journal entry;
HTML is escaped, so `<script>` and `<javascript:...>` stay text; Markdown's own
marks are backslash-escaped, so `[x](javascript:...)`, emphasis and code spans
stay text too. Forbidden characters go first (see helpcoach.safe_text).
"""

from __future__ import annotations

import re
from html import escape

from helpcoach.safe_text import strip

_INLINE = re.compile(r"[\\`*_\[\]()!|~{}$]")  # marks that work anywhere in a line
_LEADING = re.compile(r"^(?:(\d+)([.)])|[#+\-=>])")  # marks that only work where a line or list item starts


def _lead(match: re.Match[str]) -> str:
    if match.group(1):  # "1." or "1)" would start an ordered list
        return f"{match.group(1)}\\{match.group(2)}"
    return "\\" + match.group()


def inline(text: str) -> str:
    """`text` as one line of literal Markdown text."""
    folded = " ".join(strip(text).split())
    escaped = _INLINE.sub(lambda m: "\\" + m.group(), escape(folded, quote=False))
    return _LEADING.sub(_lead, escaped, count=1)
