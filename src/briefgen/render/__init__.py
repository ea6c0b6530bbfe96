"""Renderers: turn a Brief into a deck or a PDF."""
