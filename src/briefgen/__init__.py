"""briefgen: verified briefings, a PowerPoint deck and a PDF brief from one YAML spec."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefgen.brief.model import Brief
    from briefgen.diagnostics import BriefgenError, Diagnostic, Location
    from briefgen.jobs import build_many
    from briefgen.pipeline import audit, build, check, load, param_rows
    from briefgen.spec.paths import LIMITS

__version__ = "0.1.0"
__all__ = [
    "LIMITS",
    "Brief",
    "BriefgenError",
    "Diagnostic",
    "Location",
    "audit",
    "build",
    "build_many",
    "check",
    "load",
    "param_rows",
    "__version__",
]

# Imported when first used, so that `briefgen --help` (which needs only __version__) does not load the
# pipeline: `briefgen.check` and `from briefgen import check` work as before.
_FROM = {
    "LIMITS": "briefgen.spec.paths",
    "Brief": "briefgen.brief.model",
    "BriefgenError": "briefgen.diagnostics",
    "Diagnostic": "briefgen.diagnostics",
    "Location": "briefgen.diagnostics",
    "audit": "briefgen.pipeline",
    "build": "briefgen.pipeline",
    "build_many": "briefgen.jobs",
    "param_rows": "briefgen.pipeline",
    "check": "briefgen.pipeline",
    "load": "briefgen.pipeline",
}


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(_FROM[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
