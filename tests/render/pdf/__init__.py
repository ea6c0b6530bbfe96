"""Tests of the PDF renderer."""
