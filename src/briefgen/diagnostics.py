"""Diagnostics: problems in the user's input as values, with the spec position they point at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    """A position in a file the user wrote; line and column are 1-based (0 = unknown)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, how bad, a stable code, what is wrong and what to do."""

    severity: Severity
    code: str
    message: str
    location: Location
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}[{self.code}] {self.message}"
        return f"{text}\n    {self.hint}" if self.hint else text


class BriefgenError(Exception):
    """Raised by the Python API when the input has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity == "error" for d in diagnostics)


class RenderWarning(UserWarning):
    """What a renderer changed to keep the output readable (a text colour the contrast check replaced)."""
