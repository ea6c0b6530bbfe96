"""JSON Schemas for editors (the YAML language server): the spec format, and any model such as theme files."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from briefgen.spec.model import BriefSpec

SPEC_ID = "urn:briefgen:schema:spec:1"
# What each allowed value means, for completion lists (the YAML language server shows enumDescriptions).
SCALES = {
    "thousand": "× 1,000",
    "lakh": "× 100,000",
    "million": "× 1,000,000",
    "crore": "× 10,000,000",
    "billion": "× 1,000,000,000",
    "trillion": "× 1,000,000,000,000",
}
ENUM_DESCRIPTIONS: dict[tuple[str, str], dict[str, str]] = {
    ("SourceSpec", "kind"): {
        "text": "Plain UTF-8 text; paragraphs separated by blank lines.",
        "markdown": "Markdown, read as rendered text.",
        "html": "A web page's visible text.",
        "pdf": "A PDF's text, page by page.",
        "docx": "A Word document's paragraphs and table cells.",
        "csv": "A CSV or TSV table: its cells, named by row and column labels or addresses ('C7').",
        "xlsx": "An Excel workbook: each sheet a table, each cell as Excel shows it ('Sheet1!C7').",
    },
    ("SourceSpec", "decimal"): {".": "12.5 and 1,234 (the default)", ",": "12,5 and 1.234"},
    ("FactSpec", "scale"): SCALES,
    ("TableBlockSpec", "scale"): SCALES,
    ("TableSpec", "scale"): SCALES,
    ("FactSpec", "qualifier"): {
        "over": "more than the figure ('over', 'exceeding', 'above')",
        "more than": "more than the figure",
        "at least": "the figure or more ('at least', '20+')",
        "nearly": "a little less ('nearly', 'almost')",
        "about": "approximately ('about', 'around', '~')",
        "up to": "the figure at most ('up to', 'as much as')",
        "less than": "below the figure ('less than', 'under', 'fewer than')",
    },
    ("ChartSpec", "kind"): {
        "column": "Vertical bars.",
        "bar": "Horizontal bars.",
        "line": "A line over categories.",
        "pie": "Shares of a whole.",
        "doughnut": "Shares of a whole, with a hole.",
        "slope": "Two points per line: before and after.",
        "combo": "Columns, and a line on a secondary axis.",
    },
    ("ChartSpec", "layout"): {
        "clustered": "Series side by side.",
        "stacked": "Series stacked.",
        "percent": "Series stacked as shares of 100%.",
        "range": "Floating bars from the low to the high end of range facts.",
    },
    ("SeriesSpec", "axis"): {
        "primary": "The left axis.",
        "secondary": "A combo chart's right axis, drawn as a line.",
    },
    ("SectionSpec", "slide"): {
        "auto": "Text and a chart, table or quote share a slide when both fit.",
        "chart-beside-text": "The first chart moves next to the text, to share its slide.",
        "chart-with-takeaway": "Each chart on a slide of its own, with its takeaway beside it.",
    },
    # Keys of the spec or theme file itself ('' is the top level).
    ("", "pdf_standard"): {
        "pdf/a-2b": "PDF/A-2b: the look preserved for archives.",
        "pdf/a-2u": "PDF/A-2u: and its text searchable (Unicode).",
        "pdf/a-2a": "PDF/A-2a: and tagged for accessibility.",
    },
    ("CitationsSpec", "style"): {"numeric": "[1, ¶ 4]", "author-date": "(Luo 2024, ¶ 4)"},
    ("CitationsSpec", "notes"): {
        "footnotes": "On the page that cites.",
        "endnotes": "In the references only.",
    },
}


def editor_schema(model: type[BaseModel], schema_id: str, title: str, description: str) -> dict[str, Any]:
    """`model`'s JSON Schema as an editor needs it: an $id, no `null` offered for optional keys (leave the key
    out instead), and each enum's values described where known."""
    schema = model.model_json_schema(mode="validation")
    schema.pop("title", None)
    schema.pop("description", None)
    _without_null(schema)
    for (name, prop), described in ENUM_DESCRIPTIONS.items():
        owner = schema.get("$defs", {}).get(name, {}) if name else schema
        node = owner.get("properties", {}).get(prop)
        if node is not None and "enum" in node:
            node["enumDescriptions"] = [described.get(v, "") for v in node["enum"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        "description": description,
        **schema,
    }


def spec_schema() -> dict[str, Any]:
    """The schema of a briefing spec, generated from the same models that validate it."""
    schema = editor_schema(
        BriefSpec,
        SPEC_ID,
        "briefgen briefing spec",
        "A briefing: sources, facts quoted from them, and sections. See docs/spec.md.",
    )
    # Row labels and headings are often years: `column: 2023` is read as the text '2023'.
    for key in ("row", "column", "table"):
        _numbers_as_text(schema["$defs"]["FactSpec"]["properties"][key])
    # A fact is one of five kinds: the editor flags 'source:' without 'quote:' or a cell, a formula with a
    # quote, a cell named both ways.
    cell_keys = [{"required": [k]} for k in ("row", "column", "cell", "table")]
    a_source = {"source": {"not": {"const": "estimate"}, "description": "The id of a source."}}
    schema["$defs"]["FactSpec"]["oneOf"] = [
        {
            "title": "A quoted fact",
            "required": ["source", "quote"],
            "properties": a_source,
            "not": {"anyOf": [{"required": ["formula"]}, *cell_keys]},
        },
        {
            "title": "A table's cell, by row and column",
            "required": ["source", "row", "column"],
            "properties": a_source,
            "not": {"anyOf": [{"required": ["formula"]}, {"required": ["quote"]}, {"required": ["cell"]}]},
        },
        {
            "title": "A spreadsheet's cell, by address",
            "required": ["source", "cell"],
            "properties": a_source,
            "not": {"anyOf": [{"required": [k]} for k in ("formula", "quote", "row", "column")]},
        },
        {
            "title": "A derived fact",
            "required": ["formula"],
            "not": {"anyOf": [{"required": ["source"]}, {"required": ["quote"]}, *cell_keys]},
        },
        {
            "title": "The author's estimate",
            "required": ["source", "value", "note"],
            "properties": {"source": {"const": "estimate", "description": "A figure no document states."}},
            "not": {"anyOf": [{"required": ["quote"]}, *cell_keys]},
        },
    ]
    return schema


def _numbers_as_text(node: Any) -> None:
    """Let every text of `node` be written as a number too (the model reads it as the text typed)."""
    if isinstance(node, dict):
        if node.get("type") == "string":
            node["type"] = ["string", "number"]
        for value in node.values():
            _numbers_as_text(value)
    elif isinstance(node, list):
        for value in node:
            _numbers_as_text(value)


def _without_null(node: Any) -> None:
    """Drop `null` from every anyOf (and the `null` defaults): an optional key is one you leave out."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options:
            kept = [o for o in options if o != {"type": "null"}]
            del node["anyOf"]
            if len(kept) == 1:
                node.update({k: v for k, v in kept[0].items() if k not in node})
            else:
                node["anyOf"] = kept
        if node.get("default", 0) is None:
            del node["default"]
        for value in node.values():
            _without_null(value)
    elif isinstance(node, list):
        for value in node:
            _without_null(value)
