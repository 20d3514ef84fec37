"""`helpcoach export` pinned byte for byte: JSON as written (key order included), CSV header and rows, Markdown.

The log is seeded by importing tests/golden/export/seed.json (fixed ids and times, every kind of entry, every
field with its own value), and the Markdown names ids from tests/golden/export/pack.yaml, not the core pack.
When export changes on purpose: HELPCOACH_UPDATE_GOLDEN=1 python -m pytest tests/test_export_golden.py,
then review the diff of tests/golden/export/ like code.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import assert_golden, write

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
SEED = GOLDEN / "seed.json"


@pytest.fixture
def seeded(run, isolated: dict[str, Path]) -> None:
    write(isolated["config"] / "packs" / "golden.yaml", (GOLDEN / "pack.yaml").read_text(encoding="utf-8"))
    write(isolated["config"] / "config.yaml", "disable: [core]\n")
    code, out, err = run("import", str(SEED))
    entries = len(json.loads(SEED.read_text(encoding="utf-8"))["entries"])
    assert (code, out.split(",")[0]) == (0, f"{entries} added"), err


@pytest.mark.parametrize(
    ("argv", "golden"),
    [
        (["--format", "json"], "export.json"),
        (["--format", "csv"], "export.csv"),
        (["--format", "md"], "export.md"),
        (["--format", "csv", "--child", "Ben"], "export-ben.csv"),
        (["--format", "md", "--since", "2026-03-08"], "export-since.md"),
    ],
    ids=["json", "csv", "md", "csv-one-child", "md-since"],
)
def test_export_matches_its_golden_file(run, seeded: None, argv: list[str], golden: str) -> None:
    code, out, err = run("export", *argv)
    assert code == 0, err
    assert err == ""
    assert_golden(GOLDEN / golden, out)


def test_the_golden_json_is_the_seed_read_back(run, seeded: None) -> None:
    """Every seeded value comes back, in the field it went in (export is lossless)."""
    exported = json.loads((GOLDEN / "export.json").read_text(encoding="utf-8"))
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    assert exported["children"] == seed["children"]
    assert [{k: e[k] for k in s} for e, s in zip(exported["entries"], seed["entries"], strict=True)] == seed["entries"]


def test_the_golden_csv_has_one_row_per_entry_under_its_header(run, seeded: None) -> None:
    rows = list(csv.DictReader(io.StringIO((GOLDEN / "export.csv").read_text(encoding="utf-8"))))
    seed = json.loads(SEED.read_text(encoding="utf-8"))["entries"]
    assert [r["id"] for r in rows] == [e["id"] for e in seed]
    checkin = next(r for r in rows if r["id"] == "2c000000-0000-4000-8000-000000000001")
    assert (checkin["helped"], checkin["hard"]) == ("counting to three together", "mornings before school")


def test_the_output_file_holds_the_same_text(run, seeded: None, tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    code, _, err = run("export", "--format", "csv", "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == (GOLDEN / "export.csv").read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_difference_fails_with_the_diff_and_the_update_switch_rewrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    golden = write(tmp_path / "g.txt", "one\ntwo\n")
    monkeypatch.delenv("HELPCOACH_UPDATE_GOLDEN", raising=False)
    with pytest.raises(AssertionError, match=r"(?s)HELPCOACH_UPDATE_GOLDEN=1.*-two\n\+three"):
        assert_golden(golden, "one\nthree\n")
    assert golden.read_text() == "one\ntwo\n"
    monkeypatch.setenv("HELPCOACH_UPDATE_GOLDEN", "1")
    assert_golden(golden, "one\nthree\n")
    assert golden.read_text() == "one\nthree\n"
