"""Load a spec file into a `BriefSpec`, reporting every schema and cross-reference problem at once."""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefgen.diagnostics import Diagnostic, Location
from briefgen.spec.document import Document, Path_, load_yaml
from briefgen.spec.errors import breadcrumb, schema_diagnostics
from briefgen.spec.formula import FormulaError, names, parse
from briefgen.spec.inline import InlineError, Ref, Verbatim, literal_parts, parse_inline, shown, typed_numbers
from briefgen.spec.model import (
    ESTIMATE,
    KIND_BY_SUFFIX,
    KINDS,
    BriefSpec,
    ChartSpec,
    FactSpec,
    KeyNumbersSpec,
    SectionSpec,
    SourceSpec,
)
from briefgen.spec.params import KEY as PARAMS
from briefgen.spec.params import Params, describe, output_name, read_params, substitute
from briefgen.spec.paths import file_problem

ParamChoice = Mapping[str, "str | int | float | Sequence[str | int | float]"]


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with its file, folder and the positions of what the user wrote."""

    spec: BriefSpec
    doc: Document
    path: Path
    blocked: frozenset[str] = frozenset()  # sources refused (outside the spec's folder): never opened
    row: Mapping[str, str | int | float] | None = None  # the parameter row put into the spec's texts

    @property
    def name(self) -> str:
        """The output name: the spec file's stem, and the row's values for a spec with parameters."""
        return output_name(self.path.stem, self.row)

    def source_path(self, source_id: str) -> Path:
        """Absolute path of a source document."""
        return (self.path.parent / self.spec.sources[source_id].path).resolve()


def load_spec(
    path: Path, allow_outside: bool = False, params: ParamChoice | None = None
) -> tuple[LoadedSpec | None, list[Diagnostic]]:
    """Read, parse and validate a spec; None when it cannot go on to the sources stage. A spec with
    `params:` is loaded for the one row `params` chooses (name → value), its `${name}`s filled in."""
    doc, diags = read_document(path)
    if doc is None:
        return None, diags
    table, param_diags = read_params(doc, path, allow_outside)
    diags += param_diags
    row = None
    if table is not None or params is not None or param_diags:
        # Without its one row, the spec's `${name}`s mean nothing: the run stops at its parameters.
        row, choice_diags = _choose_row(table, params, doc)
        diags += choice_diags
        if row is None:
            return None, diags
        data, fill_diags = substitute(doc, row)
        diags += fill_diags
        doc = Document(doc.file, data, doc.values, doc.keys, doc.lines)
    data = {k: v for k, v in doc.data.items() if k != PARAMS}  # read above; not part of the brief
    try:
        spec = BriefSpec.model_validate(data)
    except ValidationError as e:
        diags += schema_diagnostics(e.errors(), doc)
        # Go on with the parts that are valid on their own, so one run reports every problem it can.
        spec = _salvage(data)
    refused = _check_source_paths(spec, path, doc, allow_outside)
    loaded = LoadedSpec(spec, doc, path, frozenset(refused), row)
    diags += _check_references(loaded) + list(refused.values())
    if not diags:
        loaded = replace(loaded, spec=_without_backticks(spec, data))
    return loaded, diags


def spec_params(path: Path, allow_outside: bool = False) -> tuple[Params | None, list[Diagnostic]]:
    """A spec's parameter rows (None when it declares none) and the problems with them or the file."""
    try:
        if file_problem(path, "spec") is None and b"params" not in path.read_bytes():
            return None, []  # no params: (the spec is read once, when it is built)
    except OSError:
        pass  # read_document says what is wrong with the file
    doc, diags = read_document(path)
    if doc is None:
        return None, diags
    table, param_diags = read_params(doc, path, allow_outside)
    return table, param_diags  # the rest of the file is checked with each row


def _choose_row(
    table: Params | None, params: ParamChoice | None, doc: Document
) -> tuple[dict[str, str | int | float] | None, list[Diagnostic]]:
    """The one row `params` names; an error when it names none or several, or the spec has no params."""
    where = doc.at((PARAMS,), key=True)
    if table is None:
        if params is None:
            return None, []  # the spec's params have errors, reported already
        return None, [
            Diagnostic(
                "error",
                "params-none",
                f"a parameter row was asked for ({describe(params)}), but the spec declares no params:",
                where,
                "build it without --param (params= in Python)",
            )
        ]
    if params is None:
        return None, [
            Diagnostic(
                "error",
                "params-row",
                f"the spec has parameters ({', '.join(table.names)}): choose a row",
                where,
                f"e.g. --param {table.names[0]}={table.rows[0][table.names[0]]} (params= in Python); "
                "`briefgen build` with no --param builds every row",
            )
        ]
    picked, problems = table.select(params)
    if len(picked) == 1:
        return dict(table.rows[picked[0]]), []
    if not problems:
        problems = [f"{describe(params)} matches {len(picked)} rows, not one: name more parameters"]
    return None, [Diagnostic("error", "params-row", p, where) for p in problems]


def read_document(path: Path) -> tuple[Document | None, list[Diagnostic]]:
    """The spec file's YAML as a mapping with positions, or None with why it cannot be read."""
    shown = display_path(path)
    problem = file_problem(path, "spec")
    if problem not in (None, "not found", "is a folder, not a file"):
        return None, [
            Diagnostic(
                "error",
                "too-large" if problem and "limit" in problem else "spec-unreadable",
                f"the spec {problem}",
                Location(shown),
                "name a .yaml spec file",
            )
        ]
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
    except IsADirectoryError:
        return None, [
            Diagnostic(
                "error",
                "spec-not-found",
                "is a folder, not a spec file",
                Location(shown),
                "name a .yaml spec file",
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
    doc, yaml_diags = load_yaml(text, shown)
    if doc.data is None and yaml_diags:
        return None, yaml_diags
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
    return doc, list(yaml_diags)  # duplicate keys: reported, and the rest is still checked


def _without_backticks(spec: BriefSpec, data: dict[str, Any]) -> BriefSpec:
    """The spec as readers see it: backticks around verbatim text in titles and labels dropped (texts that
    take `{fact}` references keep them until they are assembled)."""
    changed = copy.deepcopy(data)
    touched = False
    for path, text, refs_ok in _texts(spec):
        if not refs_ok and "`" in text:
            node: Any = changed
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = shown(text)
            touched = True
    return BriefSpec.model_validate(changed) if touched else spec


def _salvage(data: dict[str, Any]) -> BriefSpec:
    """The sources, facts and sections of an invalid spec that are valid on their own."""

    def valid(model: type[BaseModel], value: Any) -> Any:
        try:
            return model.model_validate(value)
        except ValidationError:
            return None

    def items(key: str, model: type[BaseModel]) -> dict[str, Any]:
        raw = data.get(key)
        found = {k: valid(model, v) for k, v in raw.items()} if isinstance(raw, dict) else {}
        return {k: v for k, v in found.items() if v is not None}

    raw = data.get("sections")
    raw_sections: list[Any] = raw if isinstance(raw, list) else []
    sections = [valid(SectionSpec, s) for s in raw_sections]
    return BriefSpec.model_construct(
        title=str(data.get("title") or ""),
        summary=str(data.get("summary") or "") if isinstance(data.get("summary"), str) else "",
        sources=items("sources", SourceSpec),
        facts=items("facts", FactSpec),
        key_numbers=valid(KeyNumbersSpec, data.get("key_numbers")) if data.get("key_numbers") else None,
        # Section errors are located by list index: keep all sections or none, so indexes stay true.
        sections=sections if all(sections) else [],
    )


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- references inside the file ----------------------------------------------------------------------


def _texts(spec: BriefSpec) -> Iterator[tuple[Path_, str, bool]]:
    """Every user text with its path, and whether it may hold `{fact}` references."""
    yield ("title",), spec.title, False
    yield ("subtitle",), spec.subtitle, False
    yield ("summary",), spec.summary, True
    for fid, fact in spec.facts.items():
        yield ("facts", fid, "label"), fact.label, False
    if spec.key_numbers:
        yield ("key_numbers", "title"), spec.key_numbers.title, False
        for i, item in enumerate(spec.key_numbers.items):
            if not isinstance(item, str):
                yield ("key_numbers", "items", i, "label"), item.label, False
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
        if sec.table:
            yield base + ("table", "title"), sec.table.title, False
            for j, column in enumerate(sec.table.columns):
                yield base + ("table", "columns", j), column, False
            for r, row in enumerate(sec.table.rows):
                for c, cell in enumerate(row):
                    yield base + ("table", "rows", r, c), cell, True
        for cpath, chart in _charts(sec, base):
            yield cpath + ("title",), chart.title, False
            yield cpath + ("subtitle",), chart.subtitle, False
            yield cpath + ("axis_title",), chart.axis_title, False
            for k, ser in enumerate(chart.series):
                yield cpath + ("series", k, "name"), ser.name, False
                for n, pt in enumerate(ser.data):
                    yield cpath + ("series", k, "data", n, "label"), pt.label, False
            for n, pt in enumerate(chart.data):
                yield cpath + ("data", n, "label"), pt.label, False
            yield cpath + ("secondary_axis_title",), chart.secondary_axis_title, False
            if chart.table:
                for n, column in enumerate(chart.table.columns):
                    yield cpath + ("table", "columns", n), column, False
                for n, cells in enumerate(chart.table.rows):
                    if cells and isinstance(cells[0], str):
                        yield cpath + ("table", "rows", n, 0), cells[0], False
            yield cpath + ("takeaway",), chart.takeaway, True
        if sec.quote:
            yield base + ("quote", "attribution"), sec.quote.attribution, False


def _charts(sec: Any, base: Path_) -> Iterator[tuple[Path_, ChartSpec]]:
    if sec.chart:
        yield base + ("chart",), sec.chart
    for k, c in enumerate(sec.charts):
        yield base + ("charts", k), c


def _fact_uses(spec: BriefSpec) -> Iterator[tuple[Path_, str]]:
    """Every place a fact id is named outside inline text."""
    if spec.key_numbers:
        for i, item in enumerate(spec.key_numbers.items):
            if isinstance(item, str):
                yield ("key_numbers", "items", i), item
            else:
                yield ("key_numbers", "items", i, "fact"), item.fact
                if item.change:
                    yield ("key_numbers", "items", i, "change"), item.change
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


def _check_references(ls: LoadedSpec) -> list[Diagnostic]:
    return list(_iter_reference_problems(ls))


def _raw_ids(doc: Document, key: str) -> set[str]:
    """Ids the user defined, valid or not: a reference to an invalid item is not 'unknown'."""
    raw = doc.data.get(key) if isinstance(doc.data, dict) else None
    return {str(k) for k in raw} if isinstance(raw, dict) else set()


def _iter_reference_problems(ls: LoadedSpec) -> Iterator[Diagnostic]:
    spec, doc = ls.spec, ls.doc
    facts = sorted(_raw_ids(doc, "facts"))
    sources = _raw_ids(doc, "sources")

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

    if ESTIMATE in sources:
        yield Diagnostic(
            "error",
            "reserved-id",
            f"'{ESTIMATE}' is reserved for figures no document states",
            doc.at(("sources", ESTIMATE), key=True),
            "give this source another id",
        )
    for fid, fact in spec.facts.items():
        if fact.formula is not None:
            try:
                used = names(parse(fact.formula))
            except FormulaError as e:
                yield Diagnostic(
                    "error",
                    "bad-formula",
                    f"formula of fact '{fid}': {e}",
                    doc.at(("facts", fid, "formula")),
                    "write fact ids, numbers, + - * / ( ) and round/min/max/abs",
                )
                continue
            for name in used:
                if name not in facts:
                    yield unknown_fact(("facts", fid, "formula"), name)
            continue
        if fact.source == ESTIMATE:
            continue
        if fact.source is not None and fact.source not in sources:
            close = difflib.get_close_matches(fact.source, sorted(sources), n=1, cutoff=0.6)
            yield Diagnostic(
                "error",
                "unknown-source",
                f"fact '{fid}' names unknown source '{fact.source}'",
                doc.at(("facts", fid, "source")),
                f"did you mean '{close[0]}'?" if close else f"sources: {', '.join(sorted(sources))}",
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
    for i, sec in enumerate(spec.sections):
        for cpath, chart in _charts(sec, ("sections", i)):
            if chart.table and chart.table.source not in sources:
                yield Diagnostic(
                    "error",
                    "unknown-source",
                    f"the table of chart '{chart.title}' names unknown source '{chart.table.source}'",
                    doc.at(cpath + ("table", "source")),
                    f"sources: {', '.join(sorted(sources))}",
                )
    for path, text, refs_ok in _texts(spec):
        try:
            parts = parse_inline(text) if refs_ok else literal_parts(text)
        except InlineError as e:
            yield Diagnostic("error", "bad-markup", f"{breadcrumb(path, doc.data)}: {e}", doc.at(path))
            continue
        offset = 0
        for part in parts:
            if isinstance(part, Ref):
                if part.fact_id not in facts:
                    yield unknown_fact(path, part.fact_id)
                continue
            if isinstance(part, Verbatim):
                found = text.find(f"`{part.text}`", offset)
                offset = found + len(part.text) + 2 if found >= 0 else offset
                continue
            found = text.find(part, offset)
            start = found if found >= 0 else offset  # '{{' in the text is '{' in the part
            for typed in typed_numbers(part):
                yield _unsourced(doc, path, text, start + typed.offset, typed.text, typed.bare, refs_ok)
            offset = start + len(part)
    for path, fact_id in _fact_uses(spec):
        if fact_id not in facts:
            yield unknown_fact(path, fact_id)


def _unsourced(
    doc: Document, path: Path_, text: str, at: int, number: str, bare: bool, refs_ok: bool
) -> Diagnostic:
    hint = (
        "every number must come from a fact: define one and write '{fact_id}' here"
        if refs_ok
        else "numbers here cannot cite a source: move the figure into the text as '{fact_id}'"
    )
    if bare:
        hint += f"; if it names something (a version, a model, a standard), write it in backticks: `{number}`"
    return Diagnostic(
        "error",
        "unsourced-number",
        f"{breadcrumb(path, doc.data)} states the number '{number}' by hand",
        doc.inside(path, text, at),
        hint,
    )


def _check_source_paths(
    spec: BriefSpec, path: Path, doc: Document, allow_outside: bool
) -> dict[str, Diagnostic]:
    """Sources that must not be opened, by id, with the reason."""
    folder = path.parent.resolve()
    refused: dict[str, Diagnostic] = {}
    for sid, src in spec.sources.items():
        target = (path.parent / src.path).resolve()
        where = doc.at(("sources", sid, "path"))
        if not allow_outside and not target.is_relative_to(folder):
            refused[sid] = Diagnostic(
                "error",
                "source-outside",
                f"source '{sid}' points outside the spec's folder: {src.path}",
                where,
                "copy the document next to the spec (e.g. into sources/), or allow it with "
                "--allow-outside-sources (allow_outside=True in Python)",
            )
        elif src.kind is None and target.suffix.lower() not in KIND_BY_SUFFIX:
            refused[sid] = Diagnostic(
                "error",
                "source-kind",
                f"source '{sid}': cannot tell the kind of '{src.path}'",
                where,
                f"add 'kind:' ({', '.join(KINDS)})",
            )
    return refused
