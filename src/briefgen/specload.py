"""Load a spec file into a `BriefSpec`, reporting every schema and cross-reference problem at once."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Location
from .inline import InlineError, Ref, parse_inline, typed_number
from .spec import BriefSpec, ChartSpec
from .yamlload import Document, Path_, load_yaml

SOURCE_KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with its file, folder and the positions of what the user wrote."""

    spec: BriefSpec
    doc: Document
    path: Path

    @property
    def name(self) -> str:
        """The output name: the spec file's stem."""
        return self.path.stem

    def source_path(self, source_id: str) -> Path:
        """Absolute path of a source document."""
        return (self.path.parent / self.spec.sources[source_id].path).resolve()


def load_spec(path: Path, allow_outside: bool = False) -> tuple[LoadedSpec | None, list[Diagnostic]]:
    """Read, parse and validate a spec; None when it cannot go on to the sources stage."""
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [
            Diagnostic(
                "error",
                "spec-not-found",
                "spec file not found",
                Location(shown),
                "check the path; `briefgen build` with no argument builds every spec in specs/",
            )
        ]
    except (OSError, UnicodeDecodeError) as e:
        return None, [
            Diagnostic(
                "error",
                "spec-unreadable",
                f"cannot read spec: {e}",
                Location(shown),
                "save the spec as UTF-8 text",
            )
        ]
    doc, diags = load_yaml(text, shown)
    if diags:
        return None, diags
    if not isinstance(doc.data, dict):
        return None, [
            Diagnostic(
                "error",
                "spec-not-mapping",
                "a spec must be a mapping of keys (title:, sources:, facts:, sections: …)",
                doc.at(()),
                "see docs/spec.md for a minimal spec",
            )
        ]
    try:
        spec = BriefSpec.model_validate(doc.data)
    except ValidationError as e:
        return None, [_schema_diagnostic(err, doc) for err in e.errors()]
    loaded = LoadedSpec(spec, doc, path)
    path_diags = list(_check_source_paths(loaded, allow_outside))
    diags = list(_check_references(loaded)) + path_diags
    # With broken references the later stages can still check the facts (and report their problems in
    # the same run); with a source path refused, no source may be opened.
    return (None if path_diags else loaded), diags


def _shown(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- schema errors ---------------------------------------------------------------------------------


def _schema_diagnostic(err: Any, doc: Document) -> Diagnostic:
    loc: Path_ = tuple(x for x in err["loc"] if x != "[key]")
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
    message = err["msg"][0].lower() + err["msg"][1:]
    return Diagnostic("error", "wrong-type", f"{where}: {message}", doc.at(loc), _type_hint(kind))


def _type_hint(kind: str) -> str:
    return {
        "float_parsing": "write a plain number such as 9.4 (the scale goes in 'scale:')",
        "float_type": "write a plain number such as 9.4",
        "string_type": "write text, in quotes if it contains ': ' or starts with a symbol",
        "list_type": "write a list, one '- item' per line",
        "dict_type": "write a mapping of 'key: value' lines",
        "model_type": "write a mapping of 'key: value' lines",
        "too_short": "add at least one item",
    }.get(kind, "")


def breadcrumb(loc: Path_, data: Any) -> str:
    """A readable path that names list items by their id: section 'outlook' › chart › data item 2."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            parent = str(loc[i - 1]) if i else "item"
            noun = {
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


# --- references inside the file ----------------------------------------------------------------------


def _texts(spec: BriefSpec) -> Iterator[tuple[Path_, str, bool]]:
    """Every user text with its path, and whether it may hold `{fact}` references."""
    yield ("title",), spec.title, False
    yield ("subtitle",), spec.subtitle, False
    yield ("summary",), spec.summary, True
    for i, sec in enumerate(spec.sections):
        base: Path_ = ("sections", i)
        yield base + ("title",), sec.title, False
        if isinstance(sec.prose, str):
            yield base + ("prose",), sec.prose, True
        else:
            for j, p in enumerate(sec.prose):
                yield base + ("prose", j), p, True
        for j, b in enumerate(sec.bullets):
            yield base + ("bullets", j), b, True
        for cpath, chart in _charts(sec, base):
            yield cpath + ("title",), chart.title, False
            yield cpath + ("subtitle",), chart.subtitle, False
            yield cpath + ("axis_title",), chart.axis_title, False
            for s, ser in enumerate(chart.series):
                yield cpath + ("series", s, "name"), ser.name, False
            yield cpath + ("takeaway",), chart.takeaway, True


def _charts(sec: Any, base: Path_) -> Iterator[tuple[Path_, ChartSpec]]:
    if sec.chart:
        yield base + ("chart",), sec.chart
    for k, c in enumerate(sec.charts):
        yield base + ("charts", k), c


def _fact_uses(spec: BriefSpec) -> Iterator[tuple[Path_, str]]:
    """Every place a fact id is named outside inline text."""
    if spec.key_numbers:
        for i, item in enumerate(spec.key_numbers.items):
            yield (
                (("key_numbers", "items", i), item)
                if isinstance(item, str)
                else (("key_numbers", "items", i, "fact"), item.fact)
            )
    for i, sec in enumerate(spec.sections):
        for cpath, chart in _charts(sec, ("sections", i)):
            if chart.series:
                for s, ser in enumerate(chart.series):
                    for p, pt in enumerate(ser.data):
                        yield cpath + ("series", s, "data", p, "fact"), pt.fact
            else:
                for p, pt in enumerate(chart.data):
                    yield cpath + ("data", p, "fact"), pt.fact
        if sec.quote:
            yield ("sections", i, "quote", "fact"), sec.quote.fact


def _check_references(ls: LoadedSpec) -> Iterator[Diagnostic]:
    spec, doc = ls.spec, ls.doc
    facts = list(spec.facts)

    def unknown_fact(path: Path_, fact_id: str) -> Diagnostic:
        close = difflib.get_close_matches(fact_id, facts, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "define it under 'facts:'"
        return Diagnostic(
            "error",
            "unknown-fact",
            f"{breadcrumb(path, doc.data)} names unknown fact '{fact_id}'",
            doc.at(path),
            hint,
        )

    for fid, fact in spec.facts.items():
        if fact.source not in spec.sources:
            close = difflib.get_close_matches(fact.source, list(spec.sources), n=1, cutoff=0.6)
            yield Diagnostic(
                "error",
                "unknown-source",
                f"fact '{fid}' names unknown source '{fact.source}'",
                doc.at(("facts", fid, "source")),
                f"did you mean '{close[0]}'?" if close else f"sources: {', '.join(spec.sources)}",
            )
    seen: dict[str, int] = {}
    for i, sec in enumerate(spec.sections):
        if sec.id in seen:
            yield Diagnostic(
                "error",
                "duplicate-id",
                f"section id '{sec.id}' is used twice",
                doc.at(("sections", i, "id")),
                f"first used by section {seen[sec.id] + 1}: rename one",
            )
        seen.setdefault(sec.id, i)
    for path, text, refs_ok in _texts(spec):
        try:
            parts = parse_inline(text) if refs_ok else [text]
        except InlineError as e:
            yield Diagnostic("error", "bad-markup", f"{breadcrumb(path, doc.data)}: {e}", doc.at(path))
            continue
        for part in parts:
            if isinstance(part, Ref):
                if part.fact_id not in spec.facts:
                    yield unknown_fact(path, part.fact_id)
            elif number := typed_number(part):
                yield Diagnostic(
                    "error",
                    "unsourced-number",
                    f"{breadcrumb(path, doc.data)} states the number '{number}' by hand",
                    doc.at(path),
                    "every number must come from a fact: define one and write '{fact_id}' here"
                    if refs_ok
                    else "numbers here cannot cite a source: move the figure into the text as '{fact_id}'",
                )
    for path, fact_id in _fact_uses(spec):
        if fact_id not in spec.facts:
            yield unknown_fact(path, fact_id)


def _check_source_paths(ls: LoadedSpec, allow_outside: bool) -> Iterator[Diagnostic]:
    folder = ls.path.parent.resolve()
    for sid, src in ls.spec.sources.items():
        target = ls.source_path(sid)
        where = ls.doc.at(("sources", sid, "path"))
        if not allow_outside and not target.is_relative_to(folder):
            yield Diagnostic(
                "error",
                "source-outside",
                f"source '{sid}' points outside the spec's folder: {src.path}",
                where,
                "copy the document next to the spec (e.g. into sources/), or allow it with "
                "--allow-outside-sources",
            )
        elif src.kind is None and target.suffix.lower() not in SOURCE_KINDS:
            yield Diagnostic(
                "error",
                "source-kind",
                f"source '{sid}': cannot tell the kind of '{src.path}'",
                where,
                f"add 'kind:' ({', '.join(sorted(set(SOURCE_KINDS.values())))})",
            )
