"""Hostile text, tried on purpose: escape sequences, OSC titles and links, bidi overrides, invisible
characters, spreadsheet formulas, Markdown and HTML, and 1 MB lines.

Two walls are tested apart:
- the way in: options, answers files, import, `phrases add`, packs, config and prompts refuse the
  characters of helpcoach.safe_text with a located, one-line error;
- the way out: text planted behind the first wall (in the log, as an older helpcoach could have
  stored it, and in the compiled pack cache) never reaches stdout, stderr or a file we write as ESC,
  BEL, a C1 control or a bidi control; CSV cells never start a formula; Markdown never forges
  structure.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from helpcoach import safe_text
from helpcoach.errors import UsageError
from helpcoach.markdown import inline
from helpcoach.packs.cache import PackCache
from helpcoach.packs.schema import Pack
from helpcoach.store import db
from helpcoach.store.exchange import FORMULA_START, csv_cell
from tests.cli_commands import leaves
from tests.conftest import write
from tests.test_fuzz_cli import run_quietly

PIECES = [
    "\x1b[31mred\x1b[0m",
    "\x1b]0;pwned\x07",
    "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\",
    "\x1b[?1049h",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\x9d0;title\x9c",
    "\x07",
    "\x08\x08",
    "\x00",
    "\x85",
    "\r",
    "\x7f",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200e",
    "\u061c",
    "\ufeff",
    "\u2028",
    "\U000e0041",
    '=HYPERLINK("http://example.invalid","x")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\t=1",
    "\n## 2020-01-01\n\n- 00:00 UTC: forged entry",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "# heading",
    "1. list",
    "`code`",
    "*bold*",
    "Mia",
    "shoes",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u00e9",
]
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=6).map("".join)
HOSTILE = "".join(PIECES)
ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e")
EXAMPLES = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))


def clean_output(text: str, where: str) -> None:
    """No ESC, no BEL, nothing of the forbidden set: the test's own oracle, then the policy's."""
    assert "\x1b" not in text and "\x07" not in text, f"{where}: an escape or BEL got out: {text[:300]!r}"
    index = safe_text.first_forbidden(text)
    assert index is None, f"{where}: {text[max(0, index - 40) : index + 40]!r}"


# --- the policy ----------------------------------------------------------------------------------------

_VISIBLE_FORMAT = {0x200C, 0x200D, *range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD}


def test_the_table_covers_every_control_and_invisible_format_character() -> None:
    for code in range(0x110000):
        char = chr(code)
        category = unicodedata.category(char)
        forbidden = safe_text.first_forbidden(char) == 0
        if char in "\n\t":
            assert not forbidden
        elif category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and code not in _VISIBLE_FORMAT):
            assert forbidden, f"U+{code:04X} ({category}) gets through"
        elif category != "Cn":  # unassigned here may be a format control in a newer Unicode: either way is fine
            assert not forbidden, f"U+{code:04X} ({category}) is refused but is ordinary text"


def test_emoji_sequences_and_persian_spelling_stay() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert safe_text.is_clean(family) and safe_text.is_clean(persian)
    assert safe_text.strip(f"{family} {persian}") == f"{family} {persian}"


@given(text=st.text())
def test_strip_leaves_clean_text_and_only_removes(text: str) -> None:
    stripped = safe_text.strip(text)
    assert safe_text.is_clean(stripped)
    assert safe_text.strip(stripped) == stripped
    assert (safe_text.first_forbidden(text) is None) == (stripped == text)


@given(text=st.text())
def test_json_escaping_is_lossless_and_leaves_nothing_raw(text: str) -> None:
    document = json.dumps({"t": text}, ensure_ascii=False)
    escaped = safe_text.escape_json(document)
    assert safe_text.is_clean(escaped)
    assert json.loads(escaped) == {"t": text}


def test_refusal_names_the_character_and_its_place() -> None:
    assert safe_text.refusal("ok\x1b[31m") == "contains the control character U+001B (ESC) at character 3: remove it"
    assert "bidi control U+202E (right-to-left override) at character 1" in str(safe_text.refusal("\u202eabc"))
    assert safe_text.refusal("plain words") is None


# --- the first wall: every way in ------------------------------------------------------------------------


def _value_options() -> list[tuple[list[str], str]]:
    """(command path, option) for every option of every command that takes a value."""
    found = []
    for command in leaves():
        for option in command.options:
            if not option.is_flag and "--help" not in option.opts:
                found.append((list(command.path), option.opts[0]))
    return found


VALUE_OPTIONS = _value_options()


@pytest.mark.parametrize(("path", "option"), VALUE_OPTIONS, ids=[f"{' '.join(p)} {o}" for p, o in VALUE_OPTIONS])
@pytest.mark.parametrize("bad", ["a\x1b]0;x\x07", "a\u202eb", "a\x85b"], ids=["OSC", "bidi", "C1"])
def test_every_option_refuses_control_characters(run, isolated, path: list[str], option: str, bad: str) -> None:
    code, out, err = run(*path, option, bad)
    assert code == 2, (code, out, err)
    assert err.startswith(f"helpcoach: the value of {option} contains "), err
    assert len(err.strip().splitlines()) == 1
    clean_output(out + err, "the refusal")
    assert not (isolated["data"] / "helpcoach.db").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["now", "--quick", "shoes \x1b[2J"],
        ["child", "add", "Mia\u2066"],
        ["phrases", "add", "Well done\x07", "--strategy", "stay-present"],
        ["checkin", "--rating=4", "--win=tied\x1b]8;;file:///etc/passwd\x1b\\"],
        ["history", "--child=\u200bMia"],
    ],
    ids=["now words", "child name", "phrases add", "--win=", "--child="],
)
def test_arguments_are_refused_before_anything_is_written(run, isolated, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert re.match(r"helpcoach: (the value of --\w[\w-]*|argument \d+) contains ", err), err
    clean_output(out + err, "the refusal")
    assert not (isolated["data"] / "helpcoach.db").exists()


def test_phrases_add_refuses_control_characters_itself(isolated) -> None:
    from helpcoach.packs.library import load_library
    from helpcoach.packs.mine import add_phrase, mine_path

    with pytest.raises(UsageError, match="U\\+001B"):
        add_phrase("hello \x1b[31m", "stay-present", load_library())
    assert not mine_path().exists()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('rating: 4\nwins:\n  - fine\n  - "tied \\e[31m"\n', ":4:5:"),
        ('{"rating": 4, "note": "a\\u202eb"}', ":1:23:"),
        ("rating: 4\nhelped: reading \u2066together\n", ":2:9:"),
    ],
    ids=["YAML escape", "JSON escape", "raw bidi"],
)
def test_answers_files_refuse_with_a_located_line(run, isolated, tmp_path: Path, text: str, where: str) -> None:
    path = write(tmp_path / "answers.yaml", text)
    code, out, err = run("checkin", "--answers", str(path))
    assert code == 2, err
    assert f"{path}{where}" in err and len(err.strip().splitlines()) == 1, err
    clean_output(out + err, "answers refusal")
    assert not (isolated["data"] / "helpcoach.db").exists()


def test_an_answers_file_saved_on_windows_is_read(run, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"rating: 4\r\nwins:\r\n  - tied the shoes\r\n")
    code, out, err = run("checkin", "--answers", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["wins"] == ["tied the shoes"]


def test_a_crlf_escape_in_a_json_answers_file_is_a_newline(run, tmp_path: Path) -> None:
    path = write(tmp_path / "answers.json", '{"rating": 4, "note": "one\\r\\ntwo"}')
    code, out, err = run("checkin", "--answers", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["note"] == "one\ntwo"


@pytest.mark.parametrize("field", ["words", "wins", "helped", "hard", "child_said", "note", "answer", "child", "child name"])
def test_import_refuses_control_characters_in_every_text(run, tmp_path: Path, field: str) -> None:
    bad = "fine \x1b]0;title\x07"
    child = {"id": "6f1c3b7e-0000-4000-8000-0000000000c1", "created_at": "2025-01-01T00:00:00+00:00", "name": "Mia"}
    entry: dict[str, object] = {"id": "6f1c3b7e-0000-4000-8000-000000000001", "created_at": "2025-01-01T00:00:00+00:00"}
    if field in ("words",):
        entry.update(kind="moment", state="frustrated", strategy_id="stay-present", phrase_id="stay-1", words=bad)
    elif field == "answer":
        entry.update(kind="practice", scenario_id="s", mode="say", rating="good", box=1, due_at="2025-01-02T00:00:00+00:00")
        entry["answer"] = bad
    else:
        entry.update(kind="checkin", rating=3)
        if field == "wins":
            entry["wins"] = ["ok", bad]
        elif field == "child":
            entry["child"] = "Mia\u202e"
        elif field == "child name":
            child["name"] = "Mia\x9b"
        else:
            entry[field] = bad
    document = {"format": "helpcoach-log", "version": 1, "children": [child], "entries": [entry]}
    path = write(tmp_path / "in.json", json.dumps(document))
    code, out, err = run("import", str(path))
    assert code == 1
    assert "nothing was imported" in err and "contains " in err and len(err.strip().splitlines()) == 1, err
    clean_output(out + err, "import refusal")
    code, out, _ = run("export")
    assert json.loads(out)["entries"] == []


def test_import_turns_crlf_into_lf(run, tmp_path: Path) -> None:
    entry = {"kind": "checkin", "id": "6f1c3b7e-0000-4000-8000-000000000001", "created_at": "2025-01-01T00:00:00+00:00"}
    entry.update(rating=3, note="line one\r\nline two")
    path = write(tmp_path / "in.json", json.dumps({"format": "helpcoach-log", "version": 1, "entries": [entry]}))
    assert run("import", str(path))[0] == 0
    assert json.loads(run("export")[1])["entries"][0]["note"] == "line one\nline two"


def test_a_pack_with_an_escape_is_skipped_with_its_place(run, user_packs: Path) -> None:
    write(
        user_packs / "evil.yaml",
        'id: evil\nname: Evil\nstrategies:\n  - id: evil-s\n    title: "Calm \\e]0;pwned\\a"\n'
        "    why: Because.\n    states: [frustrated]\n",
    )
    code, out, err = run("phrases", "--strategy", "stay-present")
    assert code == 0
    assert f"pack skipped: {user_packs / 'evil.yaml'}:5:12: this value contains the control character U+001B" in err
    clean_output(out + err, "phrases")
    code, out, err = run("packs", "validate")
    assert code == 1 and "evil.yaml:5:12:" in err
    code, out, _ = run("doctor")
    assert code == 1 and "PROBLEM: pack evil.yaml" in out


def test_a_config_contact_with_a_bidi_override_is_refused(run, isolated) -> None:
    write(isolated["config"] / "config.yaml", "contacts:\n  - name: Dr \u202eLee\n    how: the clinic\n")
    code, out, err = run("support")
    assert code == 0
    assert "config ignored:" in err and "config.yaml:2:11:" in err and "U+202E" in err
    clean_output(out + err, "support")


def test_a_typed_control_character_keeps_the_prompt_open() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from helpcoach.ui import prompts

    assert prompts._typed("fine") is True
    assert "U+202E" in str(prompts._typed("a\u202eb"))
    with create_pipe_input() as inp, prompts.use_io(inp, DummyOutput()):
        inp.send_text("ab\u202e\r")  # refused: the prompt stays open
        inp.send_text("\x7f\x7f\x7fok\r")  # three backspaces, then clean words
        assert prompts.text("A small win?") == "ok"


# --- the second wall: every printing command, with hostile text planted behind the first -----------------

EVIL_PACK = "id: evil\nname: Evil pack\nstrategies:\n  - id: evil-s\n    title: Placeholder\n    why: Because.\n"


@contextlib.contextmanager
def family(folder: Path, text: str) -> Iterator[Path]:
    """A config and log under `folder` full of `text` (the log as an older helpcoach could have stored it,
    the pack as a tampered cache holds it), with a config folder whose very name is hostile."""
    config, data = folder / "config\x1b]0;dir\x07\u202e", folder / "data"
    saved = {k: os.environ.get(k) for k in ("HELPCOACH_CONFIG_DIR", "HELPCOACH_DATA_DIR")}
    cwd = os.getcwd()
    os.environ["HELPCOACH_CONFIG_DIR"], os.environ["HELPCOACH_DATA_DIR"] = str(config), str(data)
    os.chdir(folder)
    try:
        _plant_log(text)
        _plant_pack(config / "packs" / "evil.yaml", text)
        yield folder
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _plant_log(text: str) -> None:
    conn = db.connect()
    now = db.utc_now()
    at = db.stamp(now - timedelta(days=1))
    child = db.new_id()
    short = text[:50]
    with db.transaction(conn):
        conn.execute("INSERT INTO children VALUES (?, ?, ?, 5, 1)", (child, at, f"Mia {short}"))
        conn.execute("INSERT INTO children VALUES (?, ?, ?, 6, 0)", (db.new_id(), at, f"Sam {short}"))
        for strategy, phrase, outcome in (
            ("stay-present", "evil-1", None),
            (text, text, "helped"),
            ("evil-s", "evil-1", "helped"),
        ):
            conn.execute(
                "INSERT INTO moments (id, created_at, child_id, state, reason, strategy_id, phrase_id, words, outcome)"
                " VALUES (?, ?, ?, 'frustrated', ?, ?, ?, ?, ?)",
                (db.new_id(), at, child, text, strategy, phrase, text, outcome),
            )
        conn.execute(
            "INSERT INTO checkins (id, created_at, child_id, rating, wins, helped, hard, child_said, focus, note)"
            " VALUES (?, ?, ?, 4, ?, ?, ?, ?, ?, ?)",
            (db.new_id(), at, child, json.dumps([text, f"x{text}"], ensure_ascii=False), text, text, text, "evil-s", text),
        )
        conn.execute(
            "INSERT INTO practice VALUES (?, ?, ?, ?, 'say', ?, 'good', 1, ?)",
            (db.new_id(), at, child, text, text, db.stamp(now - timedelta(hours=1))),
        )
        conn.execute("INSERT INTO favorites VALUES (?, ?, ?, 'evil-1')", (db.new_id(), at, child))
    conn.close()


def _plant_pack(path: Path, text: str) -> None:
    """A clean pack file whose compiled form in the cache carries `text` everywhere a pack has text."""
    write(path, EVIL_PACK)
    words = (text.replace("{", "(").replace("}", ")") or "x")[:2000]
    data = {
        "id": "evil",
        "name": words,
        "version": words,
        "description": words,
        "strategies": [
            {
                "id": "evil-s",
                "title": words,
                "why": words,
                "states": ["frustrated"],
                "steps": [words],
                "phrases": [{"id": "evil-1", "text": words}],
            }
        ],
        "celebrations": [{"text": words, "occasion": "checkin"}, {"text": words, "occasion": "practice"}],
        "scenarios": [{"id": "evil-sc", "text": words, "state": "frustrated", "strategies": ["evil-s"]}],
        "support": [{"id": "evil-help", "title": words, "body": words}],
    }
    cache = PackCache()
    cache.put(PackCache.key(path.read_bytes()), msgspec.convert(data, Pack))
    cache.save()


PRINTING = [
    ["now", "--quick", "frustrated"],
    ["now", "--quick", "--why", "--state", "frustrated"],
    ["now", "--quick", "--json", "frustrated"],
    ["now", "--went", "helped"],
    ["checkin", "--rating", "3", "--focus", "evil-s"],
    ["checkin", "--rating", "3", "--json"],
    ["history"],
    ["history", "--json"],
    ["history", "--kind", "practice"],
    ["history", "--child", "Nobody"],
    ["stats"],
    ["stats", "--json"],
    ["report", "-o", "r.md"],
    ["report", "-o", "r.html"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "md"],
    ["export", "--format", "csv", "-o", "x.csv"],
    ["import", "nothing-here.json"],
    ["child", "list"],
    ["child", "list", "--json"],
    ["child", "add", "Noor"],
    ["child", "default", "Nobody"],
    ["child", "remove", "Nobody", "--yes", "--keep-entries"],
    ["phrases"],
    ["phrases", "--json"],
    ["phrases", "--strategy", "evil-s"],
    ["phrases", "--favorites", "--plain"],
    ["phrases", "--search", "zzz-nothing"],
    ["phrases", "card", "--strategy", "evil-s"],
    ["phrases", "card", "--strategy", "evil-s", "-o", "c.md"],
    ["phrases", "card", "--strategy", "evil-s", "-o", "c.txt"],
    ["phrases", "practice"],
    ["phrases", "fav", "evil-1"],
    ["phrases", "unfav", "evil-1"],
    ["phrases", "add", "Take your time.", "--strategy", "evil-s"],
    ["packs", "list"],
    ["packs", "show", "evil"],
    ["packs", "show", "evil", "--json"],
    ["packs", "validate"],
    ["packs", "lint"],
    ["packs", "new", "fresh"],
    ["packs", "schema"],
    ["support"],
    ["support", "--json"],
    ["doctor"],
    ["doctor", "--plain"],
]


# The ones that answer with an error on purpose (which must be as clean as any other output).
REFUSING = {"history --child Nobody", "import nothing-here.json", "child default Nobody", "phrases practice"}
REFUSING |= {"child remove Nobody --yes --keep-entries"}


def test_the_printing_list_covers_every_command() -> None:
    named = {" ".join(argv[: len(c.path)]) for argv in PRINTING for c in leaves() if argv[: len(c.path)] == list(c.path)}
    assert named >= {c.name for c in leaves()}, {c.name for c in leaves()} - named


def _check_files(folder: Path, where: str) -> None:
    for path in folder.iterdir():
        if path.is_file():
            text = path.read_bytes().decode("utf-8")
            clean_output(text, f"{where}: {path.name}")
            if path.suffix == ".csv":
                assert_no_formula(text)


def assert_no_formula(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"a formula cell got out: {cell[:80]!r}"


@pytest.mark.parametrize("argv", PRINTING, ids=[" ".join(a) for a in PRINTING])
def test_no_escape_reaches_any_output(tmp_path_factory: pytest.TempPathFactory, argv: list[str]) -> None:
    @EXAMPLES
    @given(text=hostile)
    def attempt(text: str) -> None:
        with family(tmp_path_factory.mktemp("hostile"), text) as folder:
            code, out, err = run_quietly(*argv)
            assert "Traceback" not in err and "unexpected error" not in err, err
            assert (code != 0) == (" ".join(argv) in REFUSING), (code, err)
            clean_output(out, f"{argv} stdout")
            clean_output(err, f"{argv} stderr")
            _check_files(folder, str(argv))
            if argv[:1] == ["export"] and "csv" in argv and "-o" not in argv:
                assert_no_formula(out)

    attempt()


LEAVES = leaves()


@pytest.mark.parametrize("command", LEAVES, ids=[c.name for c in LEAVES])
def test_hostile_option_values_never_reach_the_output(tmp_path_factory: pytest.TempPathFactory, command) -> None:
    options = [o.opts[0] for o in command.options if not o.is_flag and "--help" not in o.opts]

    @EXAMPLES
    @given(text=hostile, pick=st.integers(0, 50), as_argument=st.booleans())
    def attempt(text: str, pick: int, as_argument: bool) -> None:
        with family(tmp_path_factory.mktemp("options"), "calm words"):
            given_as = [text] if as_argument or not options else [options[pick % len(options)], text]
            code, out, err = run_quietly(*command.path, *given_as)
            assert "Traceback" not in err and "unexpected error" not in err, err
            clean_output(out + err, f"{command.name} {given_as!r}")
            if not safe_text.is_clean(text):
                assert code == 2 and "contains " in err and len(err.strip().splitlines()) == 1, err

    attempt()


def test_a_one_megabyte_line_goes_through_every_reader(tmp_path_factory: pytest.TempPathFactory) -> None:
    line = ("\x1b[31m" + "a" * 1000 + "\u202e") * 1000  # a little over 1 MB, escapes all along
    with family(tmp_path_factory.mktemp("huge"), line) as folder:
        for argv in (["history", "--kind", "practice"], ["export", "--format", "md"], ["export", "--format", "csv"]):
            code, out, err = run_quietly(*argv)
            assert code == 0, err
            clean_output(out + err, str(argv))
        assert run_quietly("report", "-o", "r.md")[0] == 0
        _check_files(folder, "report")


def test_a_one_megabyte_search_is_refused_not_ground_through(run) -> None:
    code, out, err = run("phrases", "--search", "shoes " * 200_000)
    assert code == 2 and "--search is 1,200,000 characters" in err and out == ""


# --- files for other programs -----------------------------------------------------------------------------


@given(text=hostile)
def test_csv_cells_never_start_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert isinstance(cell, str)
    assert not cell.startswith(FORMULA_START)
    assert safe_text.is_clean(cell)
    if safe_text.strip(text).startswith(FORMULA_START):
        assert cell == "'" + safe_text.strip(text)


@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'])
def test_csv_export_quotes_each_formula(run, formula: str) -> None:
    conn = db.connect()
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO checkins (id, created_at, rating, wins, note) VALUES (?, ?, 3, '[]', ?)",
            (db.new_id(), db.stamp(), formula),
        )
    conn.close()
    code, out, _ = run("export", "--format", "csv")
    assert code == 0
    note = next(csv.DictReader(io.StringIO(out)))["note"]
    assert note == "'" + formula.lstrip("\r")


def test_json_export_keeps_planted_text_whole_as_escapes(tmp_path_factory: pytest.TempPathFactory) -> None:
    with family(tmp_path_factory.mktemp("json"), HOSTILE):
        code, out, _ = run_quietly("export")
    assert code == 0
    clean_output(out, "export json")
    notes = [e["note"] for e in json.loads(out)["entries"] if e["kind"] == "checkin"]
    assert notes == [HOSTILE]


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


@given(text=hostile)
@settings(max_examples=50, deadline=None)
def test_inline_markdown_is_one_paragraph_of_plain_text(text: str) -> None:
    html = _html(f"- {inline(text)}")
    assert html.count("<li>") == 1 and "<h" not in html and "<script" not in html and "<a " not in html
    assert "<code>" not in html and "<em>" not in html and "<strong>" not in html and "<ol" not in html
    assert html.count("<ul>") == 1 and "<blockquote>" not in html


def test_a_win_cannot_forge_a_journal_entry(tmp_path_factory: pytest.TempPathFactory) -> None:
    forged = "fine\n\n## 2020-01-01\n\n- 00:00 UTC: check-in, the week felt 5/5 <script>x</script> [a](javascript:b)"
    with family(tmp_path_factory.mktemp("md"), forged):
        code, out, _ = run_quietly("export", "--format", "md")
        assert code == 0
        html = _html(out)
        assert html.count("<h2>") == 1, html  # the one real day
        assert "<script" not in html and "javascript:" not in re.sub(r"[^<]*", "", html) and 'href="javascript' not in html
        assert run_quietly("report", "-o", "r.md")[0] == 0
        report = _html(Path("r.md").read_text(encoding="utf-8"))
        assert report.count("<h1>") == 1 and report.count("<h2>") == 4, report
        assert "<script" not in report and "<a " not in report


# --- migration 2 -------------------------------------------------------------------------------------------


C1, C2, C3 = (f"6f1c3b7e-0000-4000-8000-0000000000c{n}" for n in (1, 2, 3))


def test_the_migration_cleans_text_stored_before_so_the_export_imports_again(run, isolated, tmp_path: Path) -> None:
    path = isolated["data"] / "helpcoach.db"
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    db.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    rows = [
        (C1, "Mia", 1),
        (C2, "Mia\x1b[31m", 0),  # the same name once cleaned: it gets a number
        (C3, "\u202e", 0),  # nothing left: a placeholder name
    ]
    for child_id, name, default in rows:
        conn.execute("INSERT INTO children VALUES (?, '2025-01-01T00:00:00.000+00:00', ?, 5, ?)", (child_id, name, default))
    conn.execute(
        "INSERT INTO moments (id, created_at, child_id, state, strategy_id, phrase_id, words)"
        " VALUES ('6f1c3b7e-0000-4000-8000-000000000001', '2025-01-01T00:00:00.000+00:00', ?, 'stuck', 's', 'p', ?)",
        (
            C2,
            "shoes\x1b]0;t\x07",
        ),
    )
    conn.execute(
        "INSERT INTO checkins (id, created_at, child_id, rating, wins, helped, note)"
        " VALUES ('6f1c3b7e-0000-4000-8000-000000000002', '2025-01-01T00:00:00.000+00:00', ?, 3, ?, ?, ?)",
        (C1, json.dumps(["ok\x1b", "\u200b", "fine\r\nline"]), "\x07", "a\u2066b"),
    )
    conn.execute(
        "INSERT INTO practice VALUES ('6f1c3b7e-0000-4000-8000-000000000003', '2025-01-01T00:00:00.000+00:00', NULL,"
        " 'sc', 'say', ?, 'good', 1, '2025-01-02T00:00:00.000+00:00')",
        ("I said\x9b",),
    )
    conn.close()
    code, out, err = run("export")
    assert code == 0, err
    assert path.with_name("helpcoach.db.before-v2").exists()
    document = json.loads(out)
    clean_output(out, "migrated export")
    assert sorted(c["name"] for c in document["children"]) == ["Child", "Mia", "Mia 2"]
    by_kind = {e["kind"]: e for e in document["entries"]}
    assert by_kind["moment"]["words"] == "shoes" and by_kind["moment"]["child"] == "Mia 2"
    assert by_kind["checkin"]["wins"] == ["ok", "fine\nline"]
    assert by_kind["checkin"]["helped"] is None and by_kind["checkin"]["note"] == "ab"
    assert by_kind["practice"]["answer"] == "I said"
    exported = write(tmp_path / "log.json", out)
    os.environ["HELPCOACH_DATA_DIR"] = str(tmp_path / "fresh")
    code, out, err = run("import", str(exported))
    assert code == 0, err
    assert "3 added" in out
