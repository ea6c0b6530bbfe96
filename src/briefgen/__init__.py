"""briefgen: verified briefings, a PowerPoint deck and a PDF brief from one YAML spec."""

from briefgen.brief.model import Brief
from briefgen.diagnostics import BriefgenError, Diagnostic, Location
from briefgen.pipeline import audit, build, check, load
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
    "check",
    "load",
    "__version__",
]
