"""Tests that run briefgen's outputs in the tools an editor uses."""
