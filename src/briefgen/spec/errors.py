"""Schema errors in the user's words: where, which key or item (by id), what is wrong, what to do."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from briefgen.diagnostics import Diagnostic
from briefgen.spec.document import Document, Path_
from briefgen.spec.model import BriefSpec


def schema_diagnostics(errors: list[Any], doc: Document) -> list[Diagnostic]:
    """One diagnostic per schema error; a misspelt key is one mistake, not also a missing key."""
    misspelt = set()
    for err in errors:
        loc = _data_loc(err)
        if err["type"] == "extra_forbidden":
            allowed = _allowed_keys(loc[:-1], doc.data)
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            misspelt |= {loc[:-1] + (close[0],)} if close else set()
    return [
        schema_diagnostic(err, doc)
        for err in errors
        if not (err["type"] == "missing" and _data_loc(err) in misspelt)
    ]


UNION_TAGS = {"<number>", "<range>"}  # spec.model's tags for a value's two forms: not keys the user wrote


def _data_loc(err: Any) -> Path_:
    """Where the error is in the spec's data: without pydantic's '[key]' and union tags ('<range>')."""
    return tuple(x for x in err["loc"] if x != "[key]" and x not in UNION_TAGS)


def schema_diagnostic(err: Any, doc: Document) -> Diagnostic:
    loc: Path_ = _data_loc(err)
    where = breadcrumb(loc, doc.data)
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1], doc.data)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return Diagnostic(
            "error",
            "unknown-key",
            f"unknown key '{key}' in {breadcrumb(loc[:-1], doc.data)}",
            doc.at(loc, key=True),
            hint,
        )
    if kind == "missing":
        return Diagnostic(
            "error", "missing-key", f"{where} is required", doc.at(loc[:-1]), f"add '{loc[-1]}:' here"
        )
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        got = err.get("input")
        close = difflib.get_close_matches(
            str(got), [x.strip(" '") for x in expected.replace(" or ", ",").split(",")], n=1, cutoff=0.6
        )
        hint = f"did you mean '{close[0]}'? " if close else ""
        return Diagnostic(
            "error",
            "bad-value",
            f"{where}: '{got}' is not allowed",
            doc.at(loc),
            f"{hint}allowed values: {expected}",
        )
    if kind == "string_pattern_mismatch":
        return Diagnostic(
            "error",
            "bad-id",
            f"{where}: '{err.get('input')}' is not a valid id",
            doc.at(loc, key=True),
            "an id starts with a letter and has only letters, digits, '_' and '-'",
        )
    if kind == "value_error":
        return Diagnostic(
            "error", "bad-value", f"{where}: {err['msg'].removeprefix('Value error, ')}", doc.at(loc)
        )
    if kind in ("string_too_long", "too_long") and isinstance(err.get("input"), str):
        limit = err.get("ctx", {}).get("max_length", 0)
        return Diagnostic(
            "error",
            "too-long",
            f"{where}: is {len(str(err.get('input', '')))} characters, over the limit of {limit}",
            doc.at(loc),
            "shorten it: text this long cannot be laid out on a slide or a page",
        )
    if kind == "too_long" and isinstance(err.get("input"), list):
        limit = err.get("ctx", {}).get("max_length", 0)
        return Diagnostic(
            "error",
            "too-long",
            f"{where}: has {len(err['input'])} items, over the limit of {limit}",
            doc.at(loc),
            "keep the rows a reader needs and cite the source for the rest",
        )
    got = _kind_of(err.get("input"))
    message, hint = _PLAIN_MESSAGES.get(kind, (err["msg"][0].lower() + err["msg"][1:], ""))
    return Diagnostic("error", "wrong-type", f"{where}: {message.format(got=got)}", doc.at(loc), hint)


# Pydantic's wording names Python types; say what the user wrote and what the spec wants instead.
_PLAIN_MESSAGES = {
    "float_parsing": (
        "expected a number, got {got}",
        "write a plain number such as 9.4 (the scale goes in 'scale:')",
    ),
    "float_type": ("expected a number, got {got}", "write a plain number such as 9.4"),
    "finite_number": ("expected a finite number", "write the number the quote states"),
    "string_type": (
        "expected text, got {got}",
        "write text, in quotes if it contains ': ' or starts with a symbol",
    ),
    "string_too_short": ("is empty", "write the text, or remove the key"),
    "list_type": ("expected a list, got {got}", "write a list, one '- item' per line"),
    "dict_type": (
        "expected a mapping of keys, got {got}",
        "check the indentation: the keys of one item line up",
    ),
    "model_type": (
        "expected a mapping of keys, got {got}",
        "check the indentation: the keys of one item line up",
    ),
    "model_attributes_type": ("expected a mapping of keys, got {got}", "check the indentation"),
    "too_short": ("needs at least one item", "add one"),
}


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    text = str(value)
    return f"the text '{text[:40]}{'…' if len(text) > 40 else ''}'"


def breadcrumb(loc: Path_, data: Any) -> str:
    """A readable path that names list items by their id: section 'outlook' › chart › data item 2."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            parent = str(loc[i - 1]) if i else "item"
            if i and isinstance(loc[i - 1], int):  # a list inside a list: a table row's cells
                parts.append(f"cell {key + 1}")
                node = item
                continue
            noun = {
                "rows": "row",
                "columns": "column",
                "sections": "section",
                "charts": "chart",
                "series": "series",
                "items": "item",
                "bullets": "bullet",
                "prose": "paragraph",
                "data": "data point",
            }.get(parent, "")
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label = f"{noun or parent} '{item['id']}'"
            else:
                label = f"{noun or parent + ' item'} {key + 1}"
            if parts and parts[-1] == parent:
                parts[-1] = label
            else:
                parts.append(label)
        elif i and loc[i - 1] in ("sources", "facts"):
            parts[-1] = f"{'source' if loc[i - 1] == 'sources' else 'fact'} '{key}'"
        else:
            parts.append(str(key))
        node = (
            node.get(key)
            if isinstance(node, dict)
            else (node[key] if isinstance(node, list) and isinstance(key, int) and key < len(node) else None)
        )
    return " › ".join(parts) if parts else "the spec"


def _allowed_keys(loc: Path_, data: Any) -> list[str]:
    """Field names of the model found at `loc`, walking the schema from BriefSpec."""
    model: Any = BriefSpec
    for key in loc:
        model = _unwrap(model)
        if isinstance(model, type) and issubclass(model, BaseModel) and isinstance(key, str):
            field = model.model_fields.get(key)
            model = field.annotation if field else None
        elif typing.get_origin(model) in (list, dict):
            model = typing.get_args(model)[-1]
        else:
            return []
    model = _unwrap(model)
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _unwrap(t: Any) -> Any:
    """The model inside Optional/Union/Annotated, when there is exactly one."""
    while True:
        origin = typing.get_origin(t)
        if origin is typing.Annotated:
            t = typing.get_args(t)[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in typing.get_args(t) if isinstance(a, type) and issubclass(a, BaseModel)]
            lists = [a for a in typing.get_args(t) if typing.get_origin(a) in (list, dict)]
            t = models[0] if models else (lists[0] if lists else t)
            if not models and not lists:
                return t
        else:
            return t
