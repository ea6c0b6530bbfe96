"""Citation marker text, the same in every output."""

from __future__ import annotations


def marker(citations: tuple[int, ...] | list[int]) -> str:
    """'[1]', '[1, 3]' or '' for no citations."""
    if not citations:
        return ""
    return "[" + ", ".join(str(n) for n in citations) + "]"
