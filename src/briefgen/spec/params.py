"""Parameters: a spec's `params:` rows (inline or from a CSV beside it) and `${name}` put into its strings."""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.diagnostics import Diagnostic, Location
from briefgen.spec.document import Document, Path_
from briefgen.spec.errors import breadcrumb
from briefgen.spec.model import ParamValue as Value
from briefgen.spec.paths import file_problem

KEY = "params"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# `$${` is a literal `${`; `${name}` a parameter; `${` without its `}` a mistake.
_REF = re.compile(r"\$\$\{|\$\{([^}\n]*)(\})?")
MAX_ROWS = 10_000  # a brief per row: far more than anyone builds, far fewer than a build can be asked for
MAX_SLUG = 60  # characters a value gives an output name

Row = dict[str, Value]


@dataclass(frozen=True)
class Params:
    """A spec's parameter names and its rows, in order; each row's location for messages."""

    names: tuple[str, ...]
    rows: tuple[Row, ...]
    places: tuple[Location, ...]
    file: Path | None = None  # the CSV file the rows come from

    def select(self, wanted: Mapping[str, Value | Sequence[Value]]) -> tuple[list[int], list[str]]:
        """The rows whose values match `wanted` (name → value or values; names are and-ed, values or-ed),
        and the problems with `wanted` (an unknown name, a value no row has)."""
        problems = []
        want = {k: [str(x) for x in (v if isinstance(v, (list, tuple)) else [v])] for k, v in wanted.items()}
        for name, values in want.items():
            if name not in self.names:
                problems.append(
                    f"the spec has no parameter '{name}' (its parameters: {', '.join(self.names)})"
                )
                continue
            have = list(dict.fromkeys(str(r[name]) for r in self.rows))
            for v in values:
                if v not in have:
                    shown = ", ".join(have[:20]) + (", …" if len(have) > 20 else "")
                    problems.append(f"no row has {name}={v} (its values: {shown})")
        if problems:
            return [], problems
        return [i for i, r in enumerate(self.rows) if all(str(r[k]) in v for k, v in want.items())], []


def describe(row: Mapping[str, Any]) -> str:
    """'country=India, year=2024'."""
    return ", ".join(f"{k}={v}" for k, v in row.items())


def slug(value: Value) -> str:
    """A parameter value made safe in a file name: letters, digits and '_' kept (any script), every other
    run of characters one '-', no '-' at either end, at most MAX_SLUG characters; '' when nothing is left."""
    text = re.sub(r"[\W]+", "-", unicodedata.normalize("NFKC", str(value)))
    return text.strip("-_")[:MAX_SLUG].strip("-_")


def output_name(stem: str, row: Mapping[str, Value] | None) -> str:
    """`<spec>-<value>[-<value>…]`: the outputs' name for a row (the spec's stem for no row)."""
    parts = [s for s in (slug(v) for v in (row or {}).values()) if s]
    return "-".join([stem, *parts])


# --- reading `params:` ---------------------------------------------------------------------------------


def read_params(
    doc: Document, spec_path: Path, allow_outside: bool = False
) -> tuple[Params | None, list[Diagnostic]]:
    """The spec's parameters (None when it declares none, or they have errors) and every problem found."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if KEY not in data:
        return None, []
    raw = data[KEY]
    diags: list[Diagnostic] = []
    if isinstance(raw, dict) and "from" in raw:
        found = _from_file(raw, doc, spec_path, allow_outside, diags)
    elif isinstance(raw, dict):
        found = _inline_lists(raw, doc, diags)
    elif isinstance(raw, list):
        found = _inline_rows(raw, doc, diags)
    else:
        diags.append(
            _error(
                "params-shape",
                "params must be a mapping of names to lists of values, a list of rows, or {from: file.csv}",
                doc.at((KEY,)),
                "e.g. params: {country: [India, China]}; docs/spec.md#parameters has every form",
            )
        )
        found = None
    if found is None or diags:
        return None, diags
    names, rows, places = found
    if len(rows) > MAX_ROWS:
        return None, [
            _error(
                "params-too-many",
                f"params give {len(rows):,} rows, over the limit of {MAX_ROWS:,} briefs",
                doc.at((KEY,)),
                "split the rows over several specs or files",
            )
        ]
    given = raw.get("from") if isinstance(raw, dict) else None
    params = Params(tuple(names), tuple(rows), tuple(places), spec_path.parent / given if given else None)
    return (None, diags) if (diags := _name_clashes(params, spec_path.stem)) else (params, [])


def _inline_lists(raw: dict[str, Any], doc: Document, diags: list[Diagnostic]) -> Any:
    """`country: [India, China]`: a brief per value; several names give every combination, in order."""
    if not raw:
        diags.append(_empty_params(doc))
        return None
    values: dict[str, list[Value]] = {}
    for name, given in raw.items():
        path: Path_ = (KEY, name)
        _check_name(name, doc.at(path, key=True), diags)
        items = given if isinstance(given, list) else [given]
        if not items:
            diags.append(
                _error(
                    "params-empty",
                    f"parameter '{name}' has no values",
                    doc.at(path),
                    "give it a list of values, e.g. [India, China], or remove it",
                )
            )
        for i, item in enumerate(items):
            _check_value(item, name, doc.at(path + (i,) if isinstance(given, list) else path), diags)
        values[str(name)] = items
    names = list(values)
    indexes = list(itertools.product(*(range(len(v)) for v in values.values())))
    rows = [{n: values[n][i] for n, i in zip(names, combo, strict=True)} for combo in indexes]
    # A row is located at its value of the last name (where a single list names it).
    last = names[-1] if names else ""
    places = [
        doc.at((KEY, last, combo[-1]) if isinstance(raw[last], list) else (KEY, last)) for combo in indexes
    ]
    return names, rows, places


def _inline_rows(raw: list[Any], doc: Document, diags: list[Diagnostic]) -> Any:
    """`- {country: India, city: Mumbai}`: a brief per row, the rows as written."""
    if not raw:
        diags.append(_empty_params(doc))
        return None
    names: list[str] = []
    rows: list[Row] = []
    for i, item in enumerate(raw):
        where = doc.at((KEY, i))
        if not isinstance(item, dict) or not item:
            diags.append(
                _error("params-shape", f"params › row {i + 1} is not a mapping of names to values", where)
            )
            continue
        for name, value in item.items():
            _check_name(name, doc.at((KEY, i, name), key=True), diags)
            _check_value(value, name, doc.at((KEY, i, name)), diags)
        if not names:
            names = list(item)
        elif list(item) != names:
            diags.append(
                _error(
                    "params-row-names",
                    f"params › row {i + 1} names {', '.join(map(str, item))}, the first row "
                    f"{', '.join(names)}",
                    where,
                    "give every row the same names, in the same order",
                )
            )
        rows.append(dict(item))
    return names, rows, [doc.at((KEY, i)) for i in range(len(raw))]


def _from_file(
    raw: dict[str, Any], doc: Document, spec_path: Path, allow_outside: bool, diags: list[Diagnostic]
) -> Any:
    """`from: countries.csv`: a brief per row of the file, its header row naming the parameters."""
    for key in raw:
        if key not in ("from", "where"):
            diags.append(
                _error(
                    "unknown-key",
                    f"unknown key '{key}' in params",
                    doc.at((KEY, key), key=True),
                    "params from a file take 'from:' and 'where:'",
                )
            )
    given, where_at = raw["from"], doc.at((KEY, "from"))
    if not isinstance(given, str) or not given.strip():
        diags.append(_error("params-file", "params › from must name a CSV file", where_at))
        return None
    path = spec_path.parent / given
    if not allow_outside and not path.resolve().is_relative_to(spec_path.parent.resolve()):
        diags.append(
            _error(
                "params-outside",
                f"params › from points outside the spec's folder: {given}",
                where_at,
                "copy the file next to the spec, or allow it with --allow-outside-sources "
                "(allow_outside=True in Python)",
            )
        )
        return None
    problem = file_problem(path, "params")
    text = None
    if problem is None:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problem = "is not UTF-8 text"
        except OSError as e:
            problem = f"cannot be read ({e.strerror or e})"
    if text is None:
        diags.append(
            _error(
                "params-file",
                f"params file {given} {problem}",
                where_at,
                "name a UTF-8 CSV file (header row of names, a row per brief), relative to the spec's folder",
            )
        )
        return None
    names, rows, places = _csv_rows(text, Location(_shown(path)), diags)
    if names is None:
        return None
    where = raw.get("where")
    if where is None:
        return names, rows, places
    if not isinstance(where, dict):
        diags.append(
            _error("params-shape", "params › where must map column names to values", doc.at((KEY, "where")))
        )
        return None
    for column, wanted in where.items():
        at = doc.at((KEY, "where", column), key=True)
        if column not in names:
            diags.append(
                _error(
                    "params-where",
                    f"params › where names '{column}', not a column of {given}",
                    at,
                    f"its columns: {', '.join(names)}",
                )
            )
            continue
        allowed = {str(w) for w in (wanted if isinstance(wanted, list) else [wanted])}
        keep = [i for i, r in enumerate(rows) if str(r[column]) in allowed]
        rows, places = [rows[i] for i in keep], [places[i] for i in keep]
    if not rows and not diags:
        diags.append(
            _error(
                "params-empty",
                f"no row of {given} matches params › where",
                doc.at((KEY, "where")),
                "check the values: they must equal a cell as written",
            )
        )
    return names, rows, places


def _csv_rows(text: str, file: Location, diags: list[Diagnostic]) -> tuple[Any, list[Row], list[Location]]:
    """The header's names, the rows and the line of each; problems reported at the file's lines."""
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        diags.append(_error("params-file", f"params file is not valid CSV: {e}", file))
        return None, [], []
    numbered = [
        (n, r) for n, r in zip(_record_lines(text), records, strict=True) if any(c.strip() for c in r)
    ]
    if not numbered:
        diags.append(
            _error(
                "params-empty",
                "params file is empty",
                file,
                "write a header row of names, then a row per brief",
            )
        )
        return None, [], []
    header_line, header = numbered[0]
    names = [h.strip() for h in header]
    before = len(diags)
    for col, name in enumerate(names, 1):
        at = Location(file.file, header_line)
        if not NAME.fullmatch(name):
            diags.append(
                _error(
                    "params-name",
                    f"column {col} of the header, '{name}', is not a parameter name",
                    at,
                    "names are letters, digits and '_', not starting with a digit (they are written ${name})",
                )
            )
        elif names.index(name) != col - 1:
            diags.append(
                _error(
                    "params-duplicate",
                    f"the header names '{name}' twice (columns {names.index(name) + 1} and {col})",
                    at,
                    "rename one",
                )
            )
    if len(numbered) == 1:
        diags.append(
            _error(
                "params-empty",
                "params file has a header but no rows",
                Location(file.file, header_line),
                "add a row per brief",
            )
        )
    rows: list[Row] = []
    places: list[Location] = []
    for line, record in numbered[1:]:
        if len(record) != len(names):
            diags.append(
                _error(
                    "params-row",
                    f"the row has {len(record)} cell(s), the header {len(names)}",
                    Location(file.file, line),
                    "give each row one cell per column (quote cells that hold a comma)",
                )
            )
            continue
        rows.append(dict(zip(names, [cell.strip() for cell in record], strict=True)))
        places.append(Location(file.file, line))
    return (None if len(diags) > before else names), rows, places


def _record_lines(text: str) -> list[int]:
    """The line each CSV record starts on (a quoted cell may span lines)."""
    starts, reader = [], csv.reader(io.StringIO(text, newline=""))
    line = 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts


def _name_clashes(params: Params, stem: str) -> list[Diagnostic]:
    """Rows that would write the same files (names compared as a case-insensitive file system would)."""
    diags = []
    seen: dict[str, int] = {}
    for i, row in enumerate(params.rows):
        name = output_name(stem, row)
        if name == stem:
            diags.append(
                _error(
                    "params-name-empty",
                    f"the row {describe(row)} gives no output name: its values have no letter or digit",
                    params.places[i],
                    "give each row a value with letters or digits",
                )
            )
            continue
        first = seen.setdefault(name.casefold(), i)
        if first != i:
            diags.append(
                _error(
                    "params-same-output",
                    f"the rows {describe(params.rows[first])} and {describe(row)} both write {name}.*",
                    params.places[i],
                    "make the values differ in their letters or digits (other characters become '-')",
                )
            )
    return diags


def _check_name(name: Any, where: Location, diags: list[Diagnostic]) -> None:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        diags.append(
            _error(
                "params-name",
                f"'{name}' is not a parameter name",
                where,
                "names are letters, digits and '_', not starting with a digit (they are written ${name})",
            )
        )


def _check_value(value: Any, name: Any, where: Location, diags: list[Diagnostic]) -> None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        diags.append(
            _error(
                "params-value",
                f"a value of parameter '{name}' is not a text or a number",
                where,
                "write each value as plain text or a number",
            )
        )


def _empty_params(doc: Document) -> Diagnostic:
    return _error(
        "params-empty", "params has no rows", doc.at((KEY,)), "give a parameter its values, or remove params:"
    )


def _error(code: str, message: str, where: Location, hint: str = "") -> Diagnostic:
    return Diagnostic("error", code, message, where, hint)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --- `${name}` ------------------------------------------------------------------------------------------


def substitute(doc: Document, row: Mapping[str, Value]) -> tuple[Any, list[Diagnostic]]:
    """The document's data with `${name}` replaced by the row's value in every string (keys and `params:`
    itself excepted), `$${` by `${`; an unknown or malformed reference is an error at its column. A string
    that is one reference alone takes the value as written (a number stays a number)."""
    diags: list[Diagnostic] = []

    def walk(value: Any, path: Path_) -> Any:
        if isinstance(value, dict):
            return {k: (v if path == () and k == KEY else walk(v, path + (k,))) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str) and "${" in value:
            return _fill(value, path)
        return value

    def _fill(text: str, path: Path_) -> Any:
        out, last = [], 0
        for m in _REF.finditer(text):
            out.append(text[last : m.start()])
            last = m.end()
            if m.group(0) == "$${":
                out.append("${")
                continue
            name = m.group(1)
            if m.group(2) is None:
                diags.append(
                    _error(
                        "params-syntax",
                        f"'${{' without its closing '}}' in {breadcrumb(path, doc.data)}",
                        doc.inside(path, text, m.start()),
                        "write ${name} for a parameter, or $${ for a literal '${'",
                    )
                )
                out.append(m.group(0))
            elif name not in row:
                known = ", ".join(row) or "none"
                hint = f"the parameters are: {known}"
                if not NAME.fullmatch(name):
                    hint += "; for a literal '${', write '$${'"
                diags.append(
                    _error(
                        "unknown-param",
                        f"{breadcrumb(path, doc.data)} names unknown parameter '{name}'",
                        doc.inside(path, text, m.start()),
                        hint,
                    )
                )
                out.append(m.group(0))
            elif m.span() == (0, len(text)):
                return row[name]
            else:
                out.append(str(row[name]))
        out.append(text[last:])
        return "".join(out)

    return walk(doc.data, ()), diags
