"""A small pack of our own for the `now` tests, so they never depend on the core pack's wording."""

from __future__ import annotations

from pathlib import Path

NOW_PACK = """\
id: nowtest
name: Now test pack
states:
  - id: upset
    label: Upset and refusing help
    words: [upset, won't let me]
  - id: danger
    label: Could get hurt
    ask_reason: false
    words: [knife, climbing]
reasons:
  - id: shy
    label: Shy
    words: [shy]
  - id: unsure
    label: Not sure
strategies:
  - id: wait
    title: Wait a moment
    why: Waiting gives them room. More words here.
    states: [upset]
    reasons: [shy, unsure]
    steps: [Sit beside them., Wait quietly., Smile.]
    phrases:
      - id: w1
        text: "Take your time, {child}."
      - id: w2
        text: I'm right here.
  - id: team
    title: Team up
    why: Partners help.
    states: [upset]
    steps: [Offer once.]
    phrases:
      - id: t1
        text: Shall we team up?
      - id: t2
        text: You lead, I follow.
  - id: guard
    title: Make it safe first
    why: Safety first, talk after.
    states: [danger]
    step_in_for: [danger]
    steps: [Step in calmly., Few words.]
    phrases:
      - id: g1
        text: "Stop, {child}. I'll keep you safe."
  - id: choice
    title: Offer a choice
    why: A choice gives back control.
    states: [upset]
    steps: [Offer two choices.]
    phrases:
      - id: c1
        text: This way or that way?
pushback: [choice, team]
"""


def install_now_pack(config_dir: Path, extra_config: str = "") -> None:
    """Write the pack into the user packs dir and disable the core pack."""
    (config_dir / "packs").mkdir(parents=True, exist_ok=True)
    (config_dir / "packs" / "nowtest.yaml").write_text(NOW_PACK, encoding="utf-8")
    (config_dir / "config.yaml").write_text("disable: [core]\n" + extra_config, encoding="utf-8")
