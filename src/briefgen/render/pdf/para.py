"""Paragraphs whose markup is parsed once per PDF build, however many layout passes the build takes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from reportlab.platypus import Paragraph

Parsed = tuple[str, Any, Any, Any]  # text, fragments, style, bullet text, as reportlab's parser left them
# Keyed by the style object itself, which the key keeps alive: an id could be reused by a later style.
_PARSED: ContextVar[dict[tuple[str, Any, Any], Parsed] | None] = ContextVar("parsed", default=None)


@contextmanager
def parsing_once() -> Iterator[None]:
    """Within the block, a Para with the same text, style and bullet is parsed once: its fragments
    are shared, as reportlab's own multi-pass builds share a story's (layout only reads them)."""
    token = _PARSED.set({})
    try:
        yield
    finally:
        _PARSED.reset(token)


class Para(Paragraph):
    """A reportlab Paragraph that reuses the parse of an equal one made earlier in the same build."""

    def _setup(  # noqa: N803 - reportlab's names
        self, text: str, style: Any, bulletText: Any, frags: Any, cleaner: Callable[..., Any]
    ) -> None:
        parsed = _PARSED.get()
        if frags is not None or parsed is None or not isinstance(bulletText, (str, type(None))):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, style, bulletText)
        hit = parsed.get(key)
        if hit is None:
            super()._setup(text, style, bulletText, None, cleaner)
            done: Any = self
            parsed[key] = (done.text, done.frags, done.style, done.bulletText)
            return
        self.text, self.frags, self.style, self.bulletText = hit
        self.debug = 0
