"""The JSON Schema of the spec format, for editors (the YAML language server) and CI."""

from __future__ import annotations

from typing import Any

from briefgen.spec.model import BriefSpec


def spec_schema() -> dict[str, Any]:
    """The schema of a briefing spec, generated from the same models that validate it."""
    schema = BriefSpec.model_json_schema(mode="validation")
    schema.pop("title", None)
    schema.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefgen briefing spec",
        "description": "A briefing: sources, facts quoted from them, and sections. See docs/spec.md.",
        **schema,
    }
