"""The random source behind the choices of `now` and practice: fresh every run, or fixed for tests.

HELPCOACH_SEED is honoured only when HELPCOACH_TEST is set too, so a stray variable can never make
a parent's phrases repeat; it exists so tests can assert the exact phrase chosen.
"""

from __future__ import annotations

import os
import random


def random_source() -> random.Random:
    """A fresh random source; seeded from HELPCOACH_SEED under HELPCOACH_TEST."""
    seed = os.environ.get("HELPCOACH_SEED") if os.environ.get("HELPCOACH_TEST") else None
    return random.Random(seed) if seed else random.Random()
