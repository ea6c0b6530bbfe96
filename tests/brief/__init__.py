"""Tests of the brief stage."""
