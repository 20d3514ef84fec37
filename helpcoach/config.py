"""The optional config.yaml, validated with the same machinery as packs."""

from __future__ import annotations

from helpcoach import paths
from helpcoach.errors import PackError
from helpcoach.packs.schema import Config


def load_config() -> Config:
    """The config, or defaults when there is no file; PackError when it is broken."""
    path = paths.config_file()
    if not path.is_file():
        return Config()
    from helpcoach.packs.loader import parse, read_text
    from helpcoach.packs.validate import to_struct

    text = read_text(path, advice="the config holds a few settings: keep your phrases in packs")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return Config()  # an empty or all-comment config is just the defaults
    return to_struct(parse(text, str(path)), Config)


def load_config_or_default() -> tuple[Config, PackError | None]:
    """The config and None, or defaults and the problem (so a broken config never stops help)."""
    try:
        return load_config(), None
    except PackError as exc:
        return Config(), exc
