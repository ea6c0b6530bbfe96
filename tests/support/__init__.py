"""Helpers shared by the tests: hand-built briefs, a minimal spec, reading outputs back, paths."""
