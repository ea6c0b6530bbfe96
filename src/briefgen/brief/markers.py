"""Citation markers and source lines, written once for every output: '[1, ¶ 4]', '(Luo 2024, p. 3)'."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from briefgen.brief.model import CitationStyle, Mark, Marker, Reference

ESTIMATE_NOTE = "author’s estimate"
DERIVED_NOTE = "† calculated from cited figures"


def make_marker(cites: Iterable[tuple[int, str]], refs: Sequence[Reference], style: CitationStyle) -> Marker:
    """A marker for (reference number, locator) pairs: one mark per source, its locators merged."""
    by_source: dict[int, list[str]] = {}
    for number, locator in cites:
        found = by_source.setdefault(number, [])
        if locator and locator not in found:
            found.append(locator)
    marks = []
    for number in sorted(by_source):
        name = str(number) if style == "numeric" else refs[number - 1].author_date
        where = _locators(by_source[number])
        marks.append(Mark(number, f"{name}, {where}" if where else name))
    return Marker(tuple(marks), style)


def _locators(locs: list[str]) -> str:
    """'¶ 4' and '¶ 7' → '¶¶ 4, 7'; 'p. 3' and 'p. 5' → 'pp. 3, 5'; mixed ones are listed as they are."""
    if len(locs) < 2:
        return locs[0] if locs else ""
    for one, many in (("¶ ", "¶¶ "), ("p. ", "pp. ")):
        if all(loc.startswith(one) and loc.count(" ") == 1 for loc in locs):
            numbers = [loc[len(one) :] for loc in locs]
            return many + ", ".join(
                sorted(numbers, key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0, n))
            )
    return ", ".join(locs)


def source_line(
    refs: Sequence[Reference], numbers: Iterable[int], style: CitationStyle, kinds: Collection[str] = ()
) -> str:
    """'Sources: Consul General in Mumbai (2024) [1]; Luo (2024) [2]' for the given reference numbers;
    `kinds` of the facts shown add 'author’s estimate' and '† calculated from cited figures'."""
    items = [
        f"{refs[n - 1].short} [{n}]" if style == "numeric" else refs[n - 1].short
        for n in sorted(set(numbers))
    ]
    if "estimate" in kinds:
        items.append(ESTIMATE_NOTE)
    if "derived" in kinds:
        items.append(DERIVED_NOTE)
    if not items:
        return ""
    return f"{'Sources' if len(items) > 1 else 'Source'}: {'; '.join(items)}"
