"""The one character policy for text that comes in and goes out.

Forbidden everywhere: C0 control characters other than newline and tab (with
DEL), every C1 control, the bidi controls (U+061C, U+200E/F, U+202A-202E,
U+2066-2069), the line and paragraph separators, and the other invisible
format characters (zero-width space, word joiner, soft hyphen, BOM, tag
characters and the like), plus lone surrogates, which are not text at all.
The zero-width joiner and non-joiner stay: emoji sequences need the joiner,
and Persian and Indic spelling needs both.

`first_forbidden` finds the first one, for a refusal that says where;
`strip` removes them all, as the second wall on the way out.
"""

from __future__ import annotations

import re

# The table, once. Visible format characters (the Arabic number signs U+0600-0605 and kin) are allowed.
_FORBIDDEN = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
    "\u00ad\u061c\u180e"  # soft hyphen, Arabic letter mark, Mongolian vowel separator
    "\u200b\u200e\u200f"  # zero-width space, left-to-right and right-to-left marks
    "\u2028-\u202e"  # line and paragraph separators, bidi embeddings and overrides
    "\u2060-\u2064\u2066-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated format controls
    "\ufeff\ufff9-\ufffb"  # zero-width no-break space (BOM), interlinear annotations
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"  # hieroglyph, shorthand, music format controls
    "\U000e0001\U000e0020-\U000e007f"  # tag characters (invisible text smuggled after an emoji)
    "\ud800-\udfff"  # lone surrogates: bytes that were not UTF-8
    "]"
)
# Whole escape sequences go at once, so "\x1b[31m" leaves nothing behind rather than "[31m":
# CSI (ESC [ or U+009B) to its final byte; OSC, DCS, SOS, PM and APC to their terminator (or the end, as a
# terminal would swallow them); any other two-character escape.
_SEQUENCE = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?|\x1b[ -~]"
)
_C0_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}


def first_forbidden(text: str) -> int | None:
    """The index of the first forbidden character in `text`, or None when it is clean."""
    found = _FORBIDDEN.search(text)
    return found.start() if found else None


def strip(text: str) -> str:
    """`text` without any forbidden character (and without what an escape sequence would have swallowed)."""
    if _FORBIDDEN.search(text) is None:
        return text
    return _FORBIDDEN.sub("", _SEQUENCE.sub("", text))


def is_clean(text: str) -> bool:
    """True when `text` holds no forbidden character."""
    return _FORBIDDEN.search(text) is None


def describe(char: str) -> str:
    """A forbidden character in words: 'the control character U+001B (ESC)'."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "a byte that is not UTF-8 text"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        name = _C0_NAMES.get(code)
        return f"the control character U+{code:04X}" + (f" ({name})" if name else "")
    import unicodedata

    name = unicodedata.name(char, "").lower()
    bidi = code in (0x61C, 0x200E, 0x200F) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069
    kind = "the bidi control" if bidi else "the invisible character"
    return f"{kind} U+{code:04X}" + (f" ({name})" if name else "")


def refusal(text: str) -> str | None:
    """Why `text` is refused ('contains ... at character N: remove it'), or None when it is clean."""
    index = first_forbidden(text)
    if index is None:
        return None
    return f"contains {describe(text[index])} at character {index + 1}: remove it"


def unix_newlines(text: str) -> str:
    """CRLF (a file saved on Windows) as LF, so its CRs are not refused."""
    return text.replace("\r\n", "\n")


def escape_json(text: str) -> str:
    """JSON text with every forbidden character written as a \\u escape: still lossless, nothing raw."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code > 0xFFFF:
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return _FORBIDDEN.sub(escape, text)
