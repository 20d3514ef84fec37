"""Rendering `helpcoach doctor`."""

from __future__ import annotations

from helpcoach.health import Checkup
from helpcoach.ui import console


def show_checkup(report: Checkup) -> None:
    """Paths first, then one line per finding with ok / problem."""
    out = console.out()
    plain = console.is_plain()
    out.print("Paths", markup=False, style=None if plain else "bold")
    for label, path in report.paths:
        out.print(f"  {label}: {path}", markup=False, soft_wrap=True)
    out.print("Checks", markup=False, style=None if plain else "bold")
    for finding in report.findings:
        mark = "ok" if finding.ok else "PROBLEM"
        style = None if plain else ("green" if finding.ok else "bold red")
        out.print(f"  {mark}: {finding.label}: {finding.detail}", markup=False, style=style, soft_wrap=True)
    out.print("All is well." if report.ok else "Something needs attention (see PROBLEM above).", markup=False)
