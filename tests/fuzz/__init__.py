"""Fuzz tests: generated and mutated specs never end in an exception or a hang."""
