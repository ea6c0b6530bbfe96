"""Text measurement: a paragraph's words measured once per deck, never with another deck's fonts."""

from __future__ import annotations

from pathlib import Path

from briefgen.render.deck.measure import Span, line_words, measuring, widest_word
from briefgen.theme.model import font_path

REGULAR = Path(font_path("regular"))
BOLD = Path(font_path("bold"))
SPANS = (Span("Output rose 12.5"), Span("[1]", "regular", 0.6), Span(" in 2024 across\u00a0all regions"))


def test_widths_inside_a_deck_equal_the_uncached_ones() -> None:
    plain = [widest_word(SPANS, s) for s in (10, 14, 20.5)], line_words(SPANS, 90, 14)
    with measuring({"body": {"regular": REGULAR}}):
        for _ in range(2):  # the second pass reads the cache
            assert ([widest_word(SPANS, s) for s in (10, 14, 20.5)], line_words(SPANS, 90, 14)) == plain


def test_a_later_deck_measures_with_its_own_fonts() -> None:
    with measuring({"body": {"regular": REGULAR}}):
        regular = widest_word(SPANS, 14)
    with measuring({"body": {"regular": BOLD}}):  # a template whose body face is wider
        bold = widest_word(SPANS, 14)
    assert bold > regular * 1.02
    with measuring({"body": {"regular": REGULAR}}):
        assert widest_word(SPANS, 14) == regular
