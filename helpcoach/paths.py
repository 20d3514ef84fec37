"""Where files live: platformdirs, overridden by HELPCOACH_CONFIG_DIR / HELPCOACH_DATA_DIR.

Resolved at call time so tests (and users) can point them anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "helpcoach"


def config_dir() -> Path:
    """The config dir: config.yaml and packs/."""
    override = os.environ.get("HELPCOACH_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def data_dir() -> Path:
    """The data dir: the log, helpcoach.db."""
    override = os.environ.get("HELPCOACH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def config_file() -> Path:
    """The optional config file."""
    return config_dir() / "config.yaml"


def user_packs_dir() -> Path:
    """Packs the user writes."""
    return config_dir() / "packs"


def db_file() -> Path:
    """The log."""
    return data_dir() / "helpcoach.db"


def bundled_packs_dir() -> Path:
    """The packs shipped with helpcoach (inside the wheel, or content/ in a checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "content"
    if installed.is_dir():
        return installed
    return here.parent / "content"


def cache_dir() -> Path:
    """Rebuildable files (compiled packs): HELPCOACH_CACHE_DIR, else beside an overridden data dir, else the platform's."""
    override = os.environ.get("HELPCOACH_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    if os.environ.get("HELPCOACH_DATA_DIR"):
        return data_dir() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP, appauthor=False)
