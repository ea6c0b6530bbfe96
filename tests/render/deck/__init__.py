"""Tests of the deck renderer."""
