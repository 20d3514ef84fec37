#!/usr/bin/env python3
"""Mutation testing, run by hand (never in CI): mutmut over helpcoach/coach/, helpcoach/store/ and
helpcoach/packs/validate.py, killed by the in-process tests.

The end-to-end tests (tests/e2e/) and the tests that run the installed script or a fresh Python
(`subprocess`) import the unmutated package, so they never see a mutant: they are left out, and
mutmut only runs, for each mutant, the tests that call the function it changed.

It works on a throwaway copy of the checkout (the tracked files plus uncommitted ones), so the
repository gets no mutants/ folder and no [tool.mutmut] section. Needs `pip install -e '.[mutation]'`.

    python tests/mutation/run.py                      # everything (slow: hours on 2 cores)
    python tests/mutation/run.py --only validate      # one part: coach, store or validate
    python tests/mutation/run.py --only store --max-children 2
    python tests/mutation/run.py --only store --select 'helpcoach.store.stats.*'   # one module
    python tests/mutation/run.py --again                  # the survivors again, with today's tests
    python tests/mutation/run.py --report             # the score and the survivors of the last run

The score printed is killed / (killed + survived + timeouts); mutants no test reaches ("no tests")
are listed separately, since no in-process test can kill them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PARTS = {
    "coach": ["helpcoach/coach/*"],
    "store": ["helpcoach/store/*"],
    "validate": ["helpcoach/packs/validate.py"],
}
# In-process tests only; see the module docstring.
LEFT_OUT = [
    "tests/e2e",
    "tests/bench",
    "tests/mutation",
    "tests/test_install.py",  # builds a wheel and runs the installed script
    "tests/test_fuzz_cli.py",  # hypothesis over every command: hours under mutmut, and its mutants die in the unit tests
    "tests/test_architecture.py",  # reads the source text, which mutmut rewrites
]


def copy_checkout(work: Path) -> None:
    """The tracked and the new (not ignored) files of the checkout, into `work`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def configure(work: Path, parts: list[str]) -> None:
    only = [pattern for part in parts for pattern in PARTS[part]]
    section = {
        "source_paths": ["helpcoach/"],
        "only_mutate": only,
        "also_copy": ["content/"],
        "pytest_add_cli_args_test_selection": ["tests/", *(f"--ignore={p}" for p in LEFT_OUT)],
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-p", "no:xdist"],
    }
    lines = ["", "[tool.mutmut]", *(f"{key} = {json.dumps(value)}" for key, value in section.items())]
    with open(work / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def statuses_of(work: Path) -> dict[str, str]:
    """Each mutant's status from the last run in `work`."""
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=True
    )
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status
    return found


def survivors(work: Path) -> list[str]:
    again = ("survived", "timeout", "suspicious", "no tests")
    return sorted(name for name, status in statuses_of(work).items() if status in again)


def refresh_tests(work: Path) -> None:
    """Today's checkout (tests and code) into the copy, and forget which tests reach which function so mutmut
    maps them again (it mutates changed source files anew)."""
    section = (work / "pyproject.toml").read_text(encoding="utf-8").partition("\n[tool.mutmut]")[2]
    for target in (work / "tests", work / "mutants" / "tests"):
        shutil.rmtree(target, ignore_errors=True)
    copy_checkout(work)
    with open(work / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[tool.mutmut]" + section)
    shutil.copytree(REPO / "tests", work / "mutants" / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)


DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
found = {}
for name in sys.argv[1:]:
    try:
        found[name] = get_diff_for_mutant(name)
    except Exception:  # a mutant mutmut cannot show: judged by hand
        found[name] = ""
print(json.dumps(found))
"""
SQL_WORDS = "SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|ORDER BY|GROUP BY|AND|LIMIT|JOIN|PRAGMA|CREATE|VALUES"
SQL = re.compile(rf"\b({SQL_WORDS})\b|row\[|encoding=")
# Arguments whose removal (or, for n, any value) changes nothing, judged by hand: pattern -> why.
EQUIVALENT = {
    r"strict=True": "msgspec.convert is strict by default",
    r"cutoff=0\.6": "0.6 is difflib's default cutoff",
    r"\bn=\d+": "only the best close match is used, and every n returns it first",
}


def diffs(work: Path, names: list[str]) -> dict[str, str]:
    """mutmut's diff of each mutant (one Python for all of them)."""
    found: dict[str, str] = {}
    for start in range(0, len(names), 200):
        done = subprocess.run(
            [sys.executable, "-c", DIFFS, *names[start : start + 200]], cwd=work, capture_output=True, text=True, check=True
        )
        found.update(json.loads(done.stdout))
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(",,", ",").replace(",)", ")")


def _only_identifiers_changed(old: str, new: str) -> bool:
    """Every string literal that differs is a snake_case name, as the log's tables, columns and indexes are."""
    before, after = re.findall(r'"([^"]*)"', old), re.findall(r'"([^"]*)"', new)
    changed = [a for a, b in zip(before, after, strict=False) if a != b]
    return len(before) == len(after) and bool(changed) and all(re.fullmatch(r"[a-z_]+", a) for a in changed)


def equivalence(name: str, diff: str) -> str | None:
    """Why a surviving mutant cannot change behaviour, or None when it might."""
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    if len(removed) != 1 or len(added) != 1:
        return None
    old, new = removed[0], added[0]
    if old.lower() == new.lower() and SQL.search(old):
        return "only the case changed, in SQL, a sqlite3.Row key or a codec name (all ignore case)"
    if name.startswith("helpcoach.store.") and old.lower() == new.lower() and _only_identifiers_changed(old, new):
        return "only the case of a table, column or index name changed (SQLite ignores it)"
    if "cast(" in old and re.sub(r"cast\([^,]*,", "cast(,", old) == re.sub(r"cast\([^,]*,", "cast(,", new):
        return "typing.cast ignores its type at run time"
    for pattern, why in EQUIVALENT.items():
        if re.search(pattern, old) and _squash(re.sub(pattern, "", old)) == _squash(re.sub(pattern, "", new)):
            return why
    return None


def report(work: Path) -> int:
    """Print the score and every surviving mutant; 0 when at least 90% of the reachable mutants were killed."""
    statuses = statuses_of(work)
    counts = Counter(statuses.values())
    survivors = sorted(n for n, s in statuses.items() if s == "survived")
    why = {name: equivalence(name, diff) for name, diff in diffs(work, survivors).items()}
    equivalent = sorted(n for n in survivors if why.get(n))
    reached = counts["killed"] + counts["survived"] + counts["timeout"] + counts["suspicious"]
    score = counts["killed"] / reached if reached else 0.0
    real = reached - len(equivalent)
    real_score = counts["killed"] / real if real else 0.0
    print(f"mutants: {dict(sorted(counts.items()))}")
    print(f"score: {counts['killed']} killed of {reached} reached = {score:.1%}")
    print(f"score without the {len(equivalent)} equivalent survivors: {counts['killed']} of {real} = {real_score:.1%}")
    print(f"\nequivalent survivors ({len(equivalent)}):")
    print("\n".join(f"  {n}: {why[n]}" for n in equivalent))
    for status in ("survived", "no tests", "timeout", "suspicious"):
        names = sorted(n for n, s in statuses.items() if s == status and n not in equivalent)
        if names:
            print(f"\n{status} ({len(names)}):")
            print("\n".join(f"  {n}" for n in names))
    print(f"\nSee one: (cd {work} && {Path(sys.executable).name} -m mutmut show NAME)")
    return 0 if real_score >= 0.9 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=sorted(PARTS), help="mutate only this part (repeatable)")
    parser.add_argument("--max-children", type=int, default=2, help="parallel mutants (default 2)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "helpcoach-mutation")
    parser.add_argument("--report", action="store_true", help="only print the results of the last run in --work")
    parser.add_argument("--again", action="store_true", help="re-run the survivors of the last run in --work with today's tests")
    parser.add_argument("--select", action="append", default=[], help="only mutants matching this glob (repeatable)")
    parser.add_argument("names", nargs="*", help="mutant names or globs to (re)run, in the existing --work copy")
    args = parser.parse_args()
    work: Path = args.work
    if args.report:
        return report(work)
    if args.again:
        args.names = survivors(work)
        refresh_tests(work)
    elif not args.names:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        copy_checkout(work)
        configure(work, args.only or sorted(PARTS))
        shared = REPO.parent / "shared"  # the tests find the source material beside the project; mutmut runs in work/mutants
        if shared.exists():
            (work / "shared").symlink_to(shared.resolve())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "HELPCOACH_UPDATE_GOLDEN")}
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.max_children), *args.names, *args.select]
    print(f"mutmut in {work}: {' '.join(command[1:])}", flush=True)
    subprocess.run(command, cwd=work, env=env, check=False)
    return report(work)


if __name__ == "__main__":
    sys.exit(main())
