"""briefgen: verified briefings, a PowerPoint deck and a PDF brief from one YAML spec."""

from .diagnostics import BriefgenError, Diagnostic, Location
from .model import Brief
from .pipeline import build, check, load

__version__ = "0.1.0"
__all__ = ["Brief", "BriefgenError", "Diagnostic", "Location", "build", "check", "load", "__version__"]
