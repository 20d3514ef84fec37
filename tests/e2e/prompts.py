"""Answering questionary prompts on a tmux screen: find the open question, pick a choice by its label."""

from __future__ import annotations

import re

from tests.e2e.tmux import BOXES, Terminal, squash

CHOICE = re.compile(r"^\s*(?:»\s*)?(\d)\) (.*?)\s*$")
POINTER = "»"
CONTINUED = re.compile(r"^ {5,}\S")  # deeper than any choice's own indent


def open_question(screen: str, question: str) -> list[str] | None:
    """The lines below `? question` when it is the last question on screen and still unanswered."""
    lines = screen.rstrip().splitlines()
    asked = [i for i, line in enumerate(lines) if line.startswith("? ")]
    if not asked or lines[asked[-1]].rstrip() != f"? {question}":
        return None
    below: list[str] = []
    for line in lines[asked[-1] + 1 :]:
        if not line.strip():
            continue
        if below and CONTINUED.match(line) and not CHOICE.match(line):
            below[-1] += " " + line.strip()  # a long choice folded onto the next line
        else:
            below.append(line)
    return below if any(POINTER in line for line in below) else None


def wait_question(term: Terminal, question: str) -> list[str]:
    """Wait for the question and its choices; return the choice lines."""
    term.wait_for(lambda screen: open_question(screen, question) is not None)
    found = open_question(term.screen(), question)
    assert found is not None
    return found


def wait_questions(term: Terminal, *questions: str) -> str:
    """Wait until one of `questions` is the open one; return it (for steps a flow may skip)."""
    term.wait_for(lambda screen: any(open_question(screen, q) is not None for q in questions))
    screen = term.screen()
    return next(q for q in questions if open_question(screen, q) is not None)


def choose(term: Terminal, question: str, label: str) -> None:
    """Answer `question` with the choice whose label starts like `label` (its shortcut digit, then Enter)."""
    lines = wait_question(term, question)
    start = squash(label)[:20]
    titles = [squash(line.replace(POINTER, " ")) for line in lines]
    target = next((i for i, title in enumerate(titles) if CHOICE.sub(r"\2", title).startswith(start)), None)
    assert target is not None, f"no choice like {label!r} under {question!r}:\n" + "\n".join(lines)
    match = CHOICE.match(lines[target])
    if match:  # a short list: its shortcut digit
        term.type(match.group(1))
    else:  # a long list: arrow keys from where the pointer is
        pointer = next(i for i, line in enumerate(lines) if POINTER in line)
        steps = target - pointer
        for _ in range(abs(steps)):
            term.send("Down" if steps > 0 else "Up")
        term.wait_for(lambda screen: POINTER in (open_question(screen, question) or [""] * (target + 1))[target])
    term.send("Enter")


def answer_text(term: Terminal, question: str, answer: str, nth: int = 1) -> None:
    """Type `answer` (maybe empty) into the `nth` asking of a text question, then Enter."""

    def asked(screen: str) -> bool:
        lines = screen.rstrip().splitlines()
        questions = [line for line in lines if line.startswith("? ")]
        return sum(q.startswith(f"? {question}") for q in questions) >= nth and questions[-1].startswith(f"? {question}")

    term.wait_for(asked)
    if answer:
        term.type(answer)
    term.send("Enter")


def unboxed(screen: str) -> str:
    """The screen with box drawing turned into spaces, whitespace normalized (for reading text inside panels)."""
    return squash(BOXES.sub(" ", screen))
