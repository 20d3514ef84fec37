"""One thing `helpcoach doctor` checked, as plain data.

Its own module so that both `helpcoach.health` (the checkup) and `helpcoach.store.health`
(the log's part of it) import it, and neither imports the other's caller.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Finding:
    """One thing checked: a label, whether it is fine, and a short detail."""

    label: str
    ok: bool
    detail: str
