"""The commented starter pack written by `helpcoach packs new`."""

from __future__ import annotations

STARTER = """\
# yaml-language-server: $schema=./helpcoach-pack.schema.json
# A helpcoach content pack. Check it with:  helpcoach packs validate {path}
# Tone check:                               helpcoach packs lint {path}
# The format and a style guide: content/README.md in the helpcoach source.

id: {id}
name: "{name}"
version: "1.0.0"
language: en
ages: {{min: 3, max: 8}}
description: "My own phrases and ideas."

# Add phrases to a bundled strategy by its id (see `helpcoach packs show core`).
extend:
  - strategy: acknowledge-independence
    phrases:
      - id: {id}-own-1
        text: "{{child}}, you really want to do this your way. I'm right here."

# Or write a whole strategy of your own.
strategies:
  - id: {id}-hum-together
    title: Hum a calm tune together
    why: A shared tune slows both of you down without a single instruction.
    states: [frustrated, stuck]
    reasons: [fear, unsure]
    steps:
      - Sit beside them and hum something they know, softly.
      - When their shoulders drop, ask if they want to try again.
    phrases:
      - id: {id}-hum-1
        text: "Let's hum our tune while you think, {{child}}."
      - id: {id}-hum-2
        text: Hum with me, then we can look again.
        ages: {{min: 3, max: 5}}

celebrations:
  - text: "You kept going even when it was tricky, {{child}}!"
    occasion: child
"""


def starter_pack(pack_id: str, path: str) -> str:
    """The starter pack text for `pack_id`, valid as written."""
    name = pack_id.replace("-", " ").capitalize()
    from helpcoach.safe_text import strip

    # A path can hold anything a file name may; in a YAML comment a control character would break the file.
    return STARTER.format(id=pack_id, name=name, path=strip(path).replace("\n", " "))
