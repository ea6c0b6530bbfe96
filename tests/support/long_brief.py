"""A generated brief of N sections mixing every block kind in varying amounts, for the layout audit."""

from __future__ import annotations

import random

from briefgen.brief.model import (
    Brief,
    Bullets,
    KeyNumber,
    KeyNumbers,
    Prose,
    Quote,
    Reference,
    RichText,
    Section,
    Table,
    Text,
)
from tests.support.briefs import cite, rt
from tests.support.charts import GALLERY

TEXT = (
    "the release adds support for incremental builds across every platform and reduces memory use "
    "when large documents are parsed while keeping the public interface stable for existing users "
    "who depend on the older configuration format and its defaults"
)
WORDS = TEXT.split(" ")
FIGURES = (
    "over 9.4 million units",
    "up to 34%",
    "128 bytes",
    "1.3x",
    "$469.01 billion",
    "12th",
    "2.64%",
    "two",
)
LABELS = (
    "Units sold, 2023",
    "Share of builds that were incremental",
    "Largest header",
    "Speed-up",
    "R&D, 2023",
)


def _sentence(r: random.Random, words: int) -> RichText:
    start = r.randrange(len(WORDS))
    text = " ".join(WORDS[(start + i) % len(WORDS)] for i in range(words))
    n = r.randrange(100)
    return rt(text[0].upper() + text[1:] + " by ", (f"f{n}", f"{n}%", 1), ".")


def _section(r: random.Random, i: int) -> Section:
    blocks: list = []
    shape = i % 9
    bullets = Bullets(tuple(_sentence(r, r.randrange(6, 30)) for _ in range(r.randrange(1, 7))))
    if shape in (0, 1, 2, 5, 7):
        blocks.append(bullets)
    if shape in (3, 8):
        blocks.append(Prose(_sentence(r, r.randrange(20, 90))))
    if shape in (1, 4, 8):
        blocks.append(GALLERY[i % len(GALLERY)])
    if shape in (2, 3):
        rows = tuple(
            (RichText((Text(f"Item {k}"),)), _sentence(r, r.randrange(2, 8)), RichText((Text(str(k * 7)),)))
            for k in range(r.choice((3, 5, 12, 24)))
        )
        blocks.append(Table(f"Table {i}", ("Item", "What changed", "Count"), rows, "Source: notes [1]", (1,)))
    if shape == 5:
        blocks.append(Quote(" ".join(WORDS[: r.randrange(8, 30)]), "A maintainer, in the notes", cite(1)))
    if shape == 6:
        n = i % 8 + 1
        items = tuple(KeyNumber(f"k{i}_{k}", FIGURES[k % 8], LABELS[k % 5], cite(1)) for k in range(n))
        blocks.append(KeyNumbers("Figures", items, "Source: notes [1]"))
    if shape == 7 and r.random() < 0.5:
        blocks.append(Quote(" ".join(WORDS[:12]), "A user", cite(1)))
    return Section(
        id=f"s{i}",
        title=f"Section {i}: " + " ".join(WORDS[i % 20 : i % 20 + r.randrange(1, 6)]),
        blocks=tuple(blocks),
    )


def long_brief(n: int = 100, seed: int = 7) -> Brief:
    """A brief of `n` sections: bullets alone and with charts, tables short and long, prose, quotes, key
    numbers of 1–8 figures; the same `seed` gives the same brief."""
    r = random.Random(seed)
    return Brief(
        name=f"long-{n}",
        title=f"Release notes digest: {n} sections",
        summary=rt("What changed, section by section."),
        sections=tuple(_section(r, i) for i in range(1, n + 1)),
        references=(Reference(1, "notes", "Project maintainers. Release notes, 2024.", "Notes (2024)", ""),),
    )
