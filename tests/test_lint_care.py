"""`packs lint` care checks: secrecy, labels, false reassurance, promises of time, therapy in a tough moment, babyish words."""

from __future__ import annotations

from pathlib import Path

from helpers import write

from helpcoach.packs.lint import care_words, lint_file

CARE = """\
id: care
name: Care problems
states:
  - id: frustrated
    label: Frustrated
    words: [frustrated]
  - id: calm
    label: Calm
    words: [calm]
placement:
  - tag: slow
    not_in: [hurry]
    why: Takes time.
  - tag: talk
    not_in: [frustrated]
    why: Not in the hard moment.
strategies:
  - id: fx-care
    title: Care
    why: To see the care checks at work.
    states: [frustrated]
    phrases:
      - id: fx-secret
        text: This stays between us, okay.
      - id: fx-label
        text: You did it. Good girl!
      - id: fx-false
        text: Have a go. Nobody's checking.
      - id: fx-time
        text: No rush, I'm here.
      - id: fx-time-ok
        text: Take your time, I'm here.
        tags: [slow]
      - id: fx-therapy
        text: A therapist's job is helping with big feelings.
      - id: fx-therapy-ok
        text: Some children see a therapist, and it helps them.
        tags: [talk]
      - id: fx-babyish
        text: Let your arms go floppy.
      - id: fx-babyish-ok
        text: Let your arms go floppy like noodles.
        ages: {min: 3, max: 6}
celebrations:
  - occasion: child
    text: You are so smart!
"""


def test_each_care_problem_is_flagged_once(tmp_path: Path, run) -> None:
    pack = write(tmp_path / "care.yaml", CARE)
    warnings = lint_file(pack)
    found = {w.split(": ", 1)[0].rsplit(":", 1)[1]: w.split(": ", 1)[1] for w in warnings}
    lines = CARE.splitlines()

    def line_of(phrase_id: str) -> str:
        return str(next(i for i, line in enumerate(lines, 1) if f"id: {phrase_id}" in line) + 1)

    assert "between us" in found[line_of("fx-secret")] and "secret" in found[line_of("fx-secret")]
    assert "'good girl' labels the child" in found[line_of("fx-label")]
    assert "reassures falsely" in found[line_of("fx-false")]
    assert "'no rush' promises time" in found[line_of("fx-time")]
    assert "'therapist' is therapy talk" in found[line_of("fx-therapy")] and "(frustrated)" in found[line_of("fx-therapy")]
    assert "too young for 7- and 8-year-olds" in found[line_of("fx-babyish")]
    assert "'smart' labels the child" in " ".join(warnings)
    for fine in ("fx-time-ok", "fx-therapy-ok", "fx-babyish-ok"):
        assert line_of(fine) not in found, (fine, warnings)
    assert len(warnings) == 7, "\n".join(warnings)
    code, out, err = run("packs", "lint", str(pack))
    assert (code, out) == (1, "") and len(err.splitlines()) == 7


def test_a_user_pack_extending_core_gets_the_secrecy_check(tmp_path: Path) -> None:
    text = "id: ext\nname: Ext\nextend:\n  - strategy: stay-present\n    phrases:\n"
    pack = write(tmp_path / "ext.yaml", text + "      - id: ext-1\n        text: It's our little secret.\n")
    (warning,) = lint_file(pack)
    assert "'our little secret'" in warning and ":7:" in warning


def test_the_word_lists_are_data() -> None:
    words = care_words()
    assert {"secrecy", "label", "false", "time", "therapy", "tough", "babyish"} <= set(words)
    assert "between us" in words["secrecy"] and "good learner" in words["label"] and "no hurry" in words["time"]
    assert set(words["tough"]) == {"frustrated", "stuck", "repeating", "meltdown"}
