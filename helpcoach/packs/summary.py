"""Plain-data views of packs for `packs list`, `packs show` and `packs schema`."""

from __future__ import annotations

from typing import Any

from helpcoach.packs.library import LoadedPack


def _about(loaded: LoadedPack) -> dict[str, Any]:
    pack = loaded.pack
    return {
        "id": pack.id,
        "name": pack.name,
        "version": pack.version,
        "language": pack.language,
        "source": str(loaded.source),
        "ages": {"min": pack.ages.min, "max": pack.ages.max},
    }


def pack_summary(loaded: LoadedPack) -> dict[str, Any]:
    """One row of `packs list --json`."""
    pack = loaded.pack
    return {
        **_about(loaded),
        "strategies": len(pack.strategies),
        "phrases": sum(len(s.phrases) for s in pack.strategies) + sum(len(e.phrases) for e in pack.extend),
        "celebrations": len(pack.celebrations),
        "scenarios": len(pack.scenarios),
    }


def pack_detail(loaded: LoadedPack) -> dict[str, Any]:
    """`packs show --json`: the pack as loaded."""
    pack = loaded.pack
    return {
        **_about(loaded),
        "ages": {"min": pack.ages.min, "max": pack.ages.max},
        "description": pack.description,
        "strategies": [
            {
                "id": s.id,
                "title": s.title,
                "why": s.why,
                "steps": list(s.steps),
                "phrases": [{"id": p.id, "text": p.text} for p in s.phrases],
            }
            for s in pack.strategies
        ],
        "extend": [{"strategy": e.strategy, "phrases": [{"id": p.id, "text": p.text} for p in e.phrases]} for e in pack.extend],
        "celebrations": [{"text": c.text, "occasion": c.occasion} for c in pack.celebrations],
        "scenarios": [{"id": s.id, "text": s.text} for s in pack.scenarios],
    }


def json_schema() -> dict[str, Any]:
    """The pack format as JSON Schema (draft 2020-12)."""
    import msgspec

    from helpcoach.packs.schema import Pack

    schema = msgspec.json.schema(Pack)
    defs = schema.get("$defs", {})
    # Put the pack's own properties at the root (not behind a $ref) so every editor completes them.
    root = defs.pop("Pack", schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "helpcoach content pack", **root, "$defs": defs}
