"""Safe YAML loading with node positions: duplicate keys rejected, dates kept as written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from briefgen.diagnostics import Diagnostic, Location

Path_ = tuple[str | int, ...]

MAX_NODES = 200_000  # aliases can multiply a small file into a huge tree ("billion laughs")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_DEPTH = 64  # a spec is a few levels deep; far deeper is a mistake or an attack on the parser
# Characters XML cannot hold, and invisible control characters (DEL, C1) that no reader means to write.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings and reads only true/false as booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# libyaml composes the same nodes with the same positions, several times faster (PyYAML alone still works).
_Composer: type = getattr(yaml, "CSafeLoader", _Loader)
if _Composer is not _Loader:

    class _CLoader(_Composer):
        """The same rules, composed by libyaml."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _Composer = _CLoader


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


def clean_text(s: str) -> str:
    """Drop what XML cannot hold (PPTX and PDF writers choke on it) and invisible control characters."""
    return _BAD_XML.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass
class Document:
    """Loaded YAML data plus the position of every key and value, by path."""

    file: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the file's lines, to point inside a string

    def at(self, path: Path_, key: bool = False) -> Location:
        """Location of the value (or of its key) at `path`, else of the nearest ancestor."""
        p = tuple(path)
        while True:
            pos = (self.keys.get(p) if key else None) or self.values.get(p)
            if pos or not p:
                return Location(self.file, *(pos or (0, 0)))
            p = p[:-1]

    def inside(self, path: Path_, text: str, offset: int) -> Location:
        """The location of character `offset` of the string `text` at `path`, where the file shows it on
        one line as written (plain or quoted without escapes before it); else where the string starts."""
        where = self.at(path)
        if not 0 < where.line <= len(self.lines):
            return where
        line, start = self.lines[where.line - 1], where.col - 1
        if line[start : start + 1] in ("'", '"'):
            start += 1
        if line[start : start + offset] == text[:offset]:
            return Location(self.file, where.line, start + offset + 1)
        return where


def load_yaml(text: str, file: str) -> tuple[Document, list[Diagnostic]]:
    """Parse `text`; return the document and any problems (syntax, duplicate keys, too large)."""
    doc = Document(file, lines=text.split("\n"))
    diags: list[Diagnostic] = []
    for m in _CONTROL.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        diags.append(
            Diagnostic(
                "error",
                "control-character",
                f"the invisible control character U+{ord(m.group()):04X} is in the spec",
                Location(file, line, col),
                "remove it: it cannot be shown (it often comes with text pasted from another program)",
            )
        )
    text = _CONTROL.sub("", text)  # go on with the rest, so every other problem is reported too
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = " ".join(x for x in (e.context, e.problem) if x)
        diags.append(
            Diagnostic(
                "error",
                "yaml-syntax",
                f"YAML syntax error: {problem}",
                loc,
                "check indentation, colons and quotes on this line or the one before",
            )
        )
        return doc, diags
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        diags.append(Diagnostic("error", "yaml-syntax", f"YAML error: {e.reason}", Location(file, line, col)))
        return doc, diags
    except yaml.YAMLError as e:
        diags.append(Diagnostic("error", "yaml-syntax", f"YAML error: {e}", Location(file)))
        return doc, diags
    except RecursionError:
        diags.append(_too_deep(Location(file, *_deepest(text))))
        return doc, diags
    if root is None:
        return doc, diags
    constructor = _Loader("")
    budget = [MAX_NODES]

    active: set[int] = set()  # the nodes being converted: an alias to one of them is a loop

    def convert(node: yaml.Node, path: Path_) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooLarge(node)
        if len(path) > MAX_DEPTH:
            raise _TooDeep(node)
        if id(node) in active:
            raise _Loop(node)
        active.add(id(node))
        try:
            return _convert(node, path)
        finally:
            active.discard(id(node))

    def _convert(node: yaml.Node, path: Path_) -> Any:
        doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            diags.append(
                Diagnostic(
                    "error",
                    "yaml-tag",
                    f"unsupported YAML tag '{node.tag}'",
                    Location(file, *doc.values[path]),
                    "briefgen reads plain YAML only: remove the '!' tag",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                kloc = Location(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    diags.append(
                        Diagnostic(
                            "error",
                            "yaml-merge",
                            "merge keys ('<<') are not supported",
                            kloc,
                            "write the keys out in full: a spec should read the same to every YAML tool",
                        )
                    )
                    continue
                key = convert(key_node, path + ("<key>",)) if key_node.tag in _PLAIN_TAGS else None
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    diags.append(Diagnostic("error", "bad-key", "a key must be a plain word", kloc))
                    continue
                key = clean_text(key) if isinstance(key, str) else str(key)
                kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in out:
                    first = doc.keys[path + (key,)]
                    diags.append(
                        Diagnostic(
                            "error",
                            "duplicate-key",
                            f"duplicate key '{key}' (first defined at line {first[0]})",
                            Location(file, *kpos),
                            "YAML would silently keep only the last one: remove or rename one",
                        )
                    )
                    continue
                doc.keys[path + (key,)] = kpos
                out[key] = convert(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            value = constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as e:
            diags.append(
                Diagnostic(
                    "error",
                    "yaml-value",
                    f"cannot read value: {e}",
                    Location(file, *doc.values[path]),
                    "write a plain number or text",
                )
            )
            return None
        return clean_text(value) if isinstance(value, str) else value

    try:
        doc.data = convert(root, ())
    except _TooLarge as e:
        diags.append(
            Diagnostic(
                "error",
                "yaml-too-large",
                f"the document expands to over {MAX_NODES} nodes",
                _mark(file, e.node),
                "remove aliases that repeat large parts of the file",
            )
        )
    except _TooDeep as e:
        diags.append(_too_deep(_mark(file, e.node)))
    except _Loop as e:
        diags.append(
            Diagnostic(
                "error",
                "yaml-alias-loop",
                "an alias refers to the value that contains it",
                _mark(file, e.node),
                "an anchor (&name) cannot be used (*name) inside its own value",
            )
        )
    # A duplicate key leaves the data whole (the first value is kept), so the later stages can still
    # report everything else; any other problem leaves holes, and the run stops here.
    if any(d.code != "duplicate-key" for d in diags):
        doc.data = None
    return doc, diags


class _NodeError(Exception):
    def __init__(self, node: yaml.Node):
        super().__init__()
        self.node = node


class _TooLarge(_NodeError):
    pass


class _TooDeep(_NodeError):
    pass


class _Loop(_NodeError):
    pass


def _mark(file: str, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _too_deep(where: Location) -> Diagnostic:
    return Diagnostic(
        "error",
        "too-deep",
        f"the YAML is nested more than {MAX_DEPTH} levels deep",
        where,
        "a spec needs a few levels: flatten the lists and mappings here",
    )


def _deepest(text: str) -> tuple[int, int]:
    """Where flow brackets or indentation first go deeper than MAX_DEPTH (for a nesting PyYAML cannot
    parse), as line and column."""
    depth = 0
    for n, line in enumerate(text.splitlines(), 1):
        if len(line) - len(line.lstrip(" ")) > 2 * MAX_DEPTH:
            return n, 1
        for col, ch in enumerate(line, 1):
            depth += (ch in "[{") - (ch in "]}")
            if depth > MAX_DEPTH:
                return n, col
    return 1, 1
