"""The spec stage: YAML with positions, the schema, inline markup and formulas, every error located."""
