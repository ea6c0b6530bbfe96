"""A small valid spec and source for tests that change one thing at a time."""

SOURCE = (
    "Statistics reveal that in 2023, China dominated the global NEV market with production and sales "
    "volumes exceeding 9.4 million units each, representing over 60% of the world’s total.\n\n"
    "In 2023, China’s R&D investment reached $469.01 billion, accounting for 2.64% of its GDP.\n"
)

SPEC = """
title: Test brief
sources:
  doc:
    path: sources/doc.txt
    author: Jane Author
    title: A document
    date: "2024"
facts:
  nev:
    source: doc
    quote: "production and sales volumes exceeding 9.4 million units each"
    value: 9.4
    scale: million
    unit: units
  rd:
    source: doc
    quote: "China’s R&D investment reached $469.01 billion"
    value: 469.01
    unit: USD
sections:
  - id: one
    title: First section
    bullets:
      - "China made {nev} in 2023."
      - "R&D reached {rd}."
"""
