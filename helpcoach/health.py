"""`helpcoach doctor`'s findings, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from helpcoach import paths
from helpcoach.errors import PackError
from helpcoach.finding import Finding
from helpcoach.store.health import log_findings

__all__ = ["Checkup", "Finding", "checkup", "log_findings"]


@dataclass
class Checkup:
    """Everything doctor reports."""

    paths: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every finding is fine."""
        return all(f.ok for f in self.findings)


def checkup() -> Checkup:
    """Check the config, every pack file and the log."""
    from helpcoach.config import load_config
    from helpcoach.packs.check import installed_pack_paths
    from helpcoach.packs.library import load_library

    report = Checkup(
        paths=[
            ("config file", str(paths.config_file())),
            ("user packs", str(paths.user_packs_dir())),
            ("bundled packs", str(paths.bundled_packs_dir())),
            ("data dir", str(paths.data_dir())),
        ]
    )
    config_path = paths.config_file()
    disabled: list[str] = []
    if config_path.is_file():
        try:
            disabled = load_config().disable
            report.findings.append(Finding("config", True, "valid"))
        except PackError as exc:
            report.findings.append(Finding("config", False, str(exc.problems[0])))
    else:
        report.findings.append(Finding("config", True, "none (defaults in use)"))
    library = load_library(disabled)
    broken = {p.problems[0].source: p.problems[0] for p in library.broken}
    folder = broken.get(str(paths.user_packs_dir()))
    if folder is not None:
        report.findings.append(Finding("user packs", False, folder.message))
    for path in installed_pack_paths():
        problem = broken.get(str(path))
        if problem is not None:
            report.findings.append(Finding(f"pack {path.name}", False, str(problem)))
            continue
        loaded = next((p for p in library.packs if p.source == path), None)
        detail = f"valid ({loaded.pack.id} {loaded.pack.version})" if loaded else "valid (disabled in config)"
        report.findings.append(Finding(f"pack {path.name}", True, detail))
    report.findings += log_findings()
    return report
