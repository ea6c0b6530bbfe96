"""Inline markup for user text in the PDF: escaped runs, bold fact values, linked citation markers."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from briefgen.brief.model import Brief, FactValue, Marker, RichText, Text
from briefgen.render.pdf.notes import cite_tag
from briefgen.render.typeset import keep_tail, keep_tail_text
from briefgen.theme.model import Theme

_STOPS = tuple(".;:!?")  # sentence ends an author-date citation moves in front of


class Inline:
    """Markup for user text: escaped runs, bold fact values, linked superscript citation markers."""

    def __init__(self, brief: Brief, theme: Theme) -> None:
        self.fact = theme.color("fact-value")
        self.cite = theme.color("citation-marker")
        self.refs = {r.number for r in brief.references}

    def text(self, s: str) -> str:
        return escape(s).replace("\n", "<br/>")

    def para(self, s: str) -> str:
        """A whole paragraph of plain text: escaped, its last word kept with the one before."""
        return self.text(keep_tail_text(s))

    def marker(self, m: Marker, alone: bool = False) -> str:
        """The marker as markup: each source in it links to its reference entry (only entries that exist:
        a dangling link would abort the whole build at save time). `alone`: a marker standing by itself
        (a table cell), in the line's size rather than raised after text."""
        if not m.marks:
            return ""
        parts = [
            f'<a href="#ref-{mk.number}" color="#{self.cite}">{_tie(mk.text)}</a>'
            if mk.number in self.refs
            else _tie(mk.text)
            for mk in m.marks
        ]
        # Invisible: tells the writer which page the marker lands on, for that page's footnotes.
        tag = cite_tag(n for n in m.numbers if n in self.refs)
        text = f"[{'; '.join(parts)}]" if m.style == "numeric" else f"({'; '.join(parts)})"
        if alone:
            return f'<font color="#{self.cite}">{tag}{text}</font>'
        if m.style == "numeric":
            return f'<super><font color="#{self.cite}">{tag}{text}</font></super>'
        return f' <font color="#{self.cite}">{tag}{text}</font>'

    def rich(self, rt: RichText, keep_last: bool = True) -> str:
        """Markup for rich text; `keep_last`: its last word stays with the one before (not in a table's
        narrow columns, where the pair could be wider than the column)."""
        rt = keep_tail(rt) if keep_last else rt
        parts = []
        for run in rt.runs:
            if isinstance(run, FactValue):
                parts.append(f'<font color="#{self.fact}"><b>{self.text(run.text)}</b></font>')
            else:
                parts.append(self.text(run.text))
        marker = self.marker(rt.marker)
        end = rt.runs[-1].text.rstrip() if rt.runs and isinstance(rt.runs[-1], Text) else ""
        if marker and rt.marker.style == "author-date" and end[-1:] in _STOPS and end[-2:-1] != ".":
            # An author-date citation goes inside the sentence: '… in 2023 (Luo 2024, ¶ 9).'
            parts[-1] = self.text(end[:-1].rstrip())
            return "".join(parts) + marker + self.text(end[-1])
        return "".join(parts) + marker


def _tie(mark: str) -> str:
    """A mark as markup whose number and locator never part at a line end: '1, ¶ 4', 'Luo 2024, p. 3'
    (only the words of a long author-date name may wrap)."""
    return escape(re.sub(r"(?<=[,¶.]) (?=[¶p\d])", "\u00a0", mark))
