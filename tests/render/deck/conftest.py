"""Deck renderer fixtures: each test module gives `deck_bytes`; this reads them back."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation


@pytest.fixture(scope="module")
def prs(deck_bytes: bytes):
    return Presentation(io.BytesIO(deck_bytes))  # strict parser: malformed XML raises here
