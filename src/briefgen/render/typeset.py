"""Typesetting both renderers share: no paragraph ends on a lone word, no value parts from its unit, no
key-number grid leaves an orphan tile."""

from __future__ import annotations

import re
from dataclasses import replace

from briefgen.brief.model import RichText

NBSP = "\u00a0"
MIN_WORDS = 5  # shorter texts (labels, table cells) keep every break: narrow columns need them
MAX_TAIL = 24  # characters the last two words may take together and still be glued


def _tail_space(text: str) -> int:
    """The index of the space before the text's last word, if it should be a no-break one; else -1."""
    if len(text.split()) < MIN_WORDS:
        return -1
    end = len(text.rstrip())
    last = text.rfind(" ", 0, end)
    before = text.rfind(" ", 0, last)
    return last if last > 0 and end - before - 1 <= MAX_TAIL else -1


def keep_tail_text(text: str) -> str:
    """Plain text with a no-break space before its last word (see keep_tail)."""
    i = _tail_space(text)
    return text if i < 0 else text[:i] + NBSP + text[i + 1 :]


def keep_tail(rt: RichText) -> RichText:
    """The text with a no-break space before its last word, so that the word (and the citation marker
    after it) goes to the next line with the word before it: 'of six.[1, ¶ 27]', never 'six.[1, ¶ 27]'
    alone. Unchanged when the text is short or its last two words are long."""
    last = _tail_space(rt.plain)
    if last < 0:
        return rt
    runs, start = list(rt.runs), 0
    for i, run in enumerate(runs):
        if start <= last < start + len(run.text):
            k = last - start
            runs[i] = replace(run, text=run.text[:k] + NBSP + run.text[k + 1 :])
            break
        start += len(run.text)
    return replace(rt, runs=tuple(runs))


def glued(value: str) -> str:
    """A figure with its number and unit joined by no-break spaces: '128\u00a0bytes', 'over
    9.4\u00a0million\u00a0units' (the words before the number may still wrap)."""
    m = re.search(r"\d", value)
    return value if m is None else value[: m.start()] + value[m.start() :].replace(" ", NBSP)


def balanced(n: int, most: int) -> tuple[int, ...]:
    """Tiles per row, as even as they go with at most `most` a row: 5 → (3, 2), 7 → (4, 3), 8 → (4, 4)."""
    rows = -(-n // most)
    base, extra = divmod(n, rows)
    return tuple(base + 1 if i < extra else base for i in range(rows))
