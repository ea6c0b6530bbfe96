"""`briefgen init`: a new spec that builds as it is: its sources, suggested facts, a section of each kind."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from briefgen.facts.sources import read_source
from briefgen.facts.suggest import Suggestion, suggest_facts
from briefgen.numbers.reader import stated_numbers
from briefgen.spec.model import KIND_BY_SUFFIX
from briefgen.spec.schema import spec_schema

SAMPLE_SOURCE = (
    "Replace this file with a document you cite.\n\n"
    "The town council approved a housing budget of €2.3 million in 2025, and said more than 400 households "
    "would benefit.\n\nTransport received 12% of the total budget.\n"
)
SCHEMA_FILE = "briefgen.schema.json"
FACTS_PER_SOURCE = 2  # a starter: enough to show each kind of section, all of them used


def write_starter(name: str, sources: list[Path], folder: Path) -> list[Path]:
    """Write `folder/<name>.yaml` (and copy the sources next to it); returns the files written, spec first."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        raise ValueError(f"NAME must start with a letter: {name!r}")
    spec_path = folder / f"{slug}.yaml"
    if spec_path.exists():
        raise FileExistsError(0, "exists", str(spec_path))
    for src in sources:
        if src.suffix.lower() not in KIND_BY_SUFFIX:
            raise ValueError(f"{src}: unknown kind of document (known endings: {', '.join(KIND_BY_SUFFIX)})")
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    copies: list[Path] = []
    if not sources:
        sample = folder / "sources" / f"{slug}-notes.txt"
        if not sample.exists():
            sample.write_text(SAMPLE_SOURCE, encoding="utf-8")
            written.append(sample)
        copies.append(sample)
    for src in sources:
        target = folder / "sources" / src.name
        if src.resolve() != target.resolve():
            if target.exists() and target.read_bytes() != src.read_bytes():
                target = target.with_name(f"{target.stem}-{slug}{target.suffix}")
            shutil.copyfile(src, target)
            written.append(target)
        copies.append(target)
    spec_path.write_text(_spec_text(slug, copies, folder), encoding="utf-8")
    # The spec's first line names this file: editors complete keys and flag mistakes from the first minute.
    schema = folder / SCHEMA_FILE
    text = json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"
    if not schema.exists() or schema.read_text(encoding="utf-8") != text:
        schema.write_text(text, encoding="utf-8")
        written.append(schema)
    return [spec_path, *written]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _title(slug: str) -> str:
    # Numbers typed in titles must come from facts; keep only words and years.
    words = [w for w in slug.split("-") if not re.search(r"\d", w) or re.fullmatch(r"(19|20)\d\d", w)]
    return " ".join(words).capitalize() or "New brief"


def _source_id(path: Path, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", path.stem.lower()).strip("_")
    base = re.sub(r"\d+", "", base).strip("_") or "source"
    base = base if base[0].isalpha() else f"doc_{base}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}_{chr(96 + n)}", n + 1
    taken.add(ident)
    return ident


def _spec_text(slug: str, sources: list[Path], folder: Path) -> str:
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"title: {_q(_title(slug))}",
        'subtitle: "A briefing built with briefgen"',
        'author: ""',
        'date: ""',
        "",
        "sources:",
    ]
    facts: list[tuple[str, Suggestion]] = []
    quotes: list[tuple[str, str, str]] = []
    taken: set[str] = set()
    for path in sources:
        sid = _source_id(path, taken)
        rel = path.relative_to(folder).as_posix()
        lines += [
            f"  {sid}:",
            f"    path: {_q(rel)}",
            f"    title: {_q(path.stem.replace('-', ' ').title())}",
            f"    label: {_q(sid.replace('_', ' ').title())}",
        ]
        text = read_source(path, KIND_BY_SUFFIX[path.suffix.lower()])
        facts += [(sid, s) for s in suggest_facts(text, sid)[:FACTS_PER_SOURCE]]
        sentence = _plain_sentence(text.text)
        if sentence and not quotes:
            quotes.append((sid, f"{sid}_in_their_words", sentence))
    lines += ["", "facts:"]
    ids: list[str] = []
    for sid, s in facts:
        fid = s.id if s.id not in ids else f"{s.id}_{sid}"
        ids.append(fid)
        lines += [
            f"  {fid}:  # {s.locator}",
            f"    source: {sid}",
            f"    quote: {_q(s.quote)}",
            f"    value: {s.value:g}",
        ]
        lines += [f"    scale: {s.scale}"] * bool(s.scale) + [f"    unit: {_q(s.unit)}"] * bool(s.unit)
        lines += [f"    label: {_q(_label(s))}"]
    for sid, fid, sentence in quotes:
        lines += [f"  {fid}:", f"    source: {sid}", f"    quote: {_q(sentence)}"]
    lines += [""] + _sections(ids, facts, quotes)
    return "\n".join(lines) + "\n"


def _label(s: Suggestion) -> str:
    """What a suggested figure measures, for key numbers: the words before it in its quote."""
    hit = next((n for n in stated_numbers(s.quote) if n.value == s.value), None)
    before = s.quote[: hit.start] if hit else s.quote
    words = [
        w
        for w in re.findall(r"(?<![\w'’-])[^\W\d_][^\W\d_’'-]+(?:[’'-][^\W\d_]+)*(?![\w'’-])", before)
        if w.lower() not in _QUALIFIER_WORDS
    ]
    label = " ".join(words[-6:]) or s.unit or "Figure"
    return label[0].upper() + label[1:]


_QUALIFIER_WORDS = {"over", "more", "than", "nearly", "about", "almost", "exceeding", "exceeded", "surpassed"}


def _plain_sentence(text: str) -> str:
    """A sentence without digits, for the pull quote."""
    for m in re.finditer(r"(?:^|(?<=[.!?] ))[A-Z][^.!?\n]{20,200}[.!?](?= |$)", text, re.MULTILINE):
        sentence = m.group(0).strip()
        if not re.search(r"\d", sentence):
            return sentence
    return ""


def _sections(
    ids: list[str], facts: list[tuple[str, Suggestion]], quotes: list[tuple[str, str, str]]
) -> list[str]:
    out = []
    if ids:
        out += [
            "key_numbers:",
            '  title: "Key numbers"',
            "  items:",
            *[f"    - {fid}" for fid in ids[:3]],
            "",
        ]
    out += ["sections:", "  - id: overview", '    title: "Overview"']
    if ids:
        out += [
            f"    prose: {_q('The main figure: {' + ids[0] + '}. Replace this paragraph with your reading.')}"
        ]
    elif quotes:  # a document that states no figure: the overview cites its words
        out += [f"    prose: {_q('In its own words: {' + quotes[0][1] + '}')}"]
    else:
        out += ['    prose: "Say what this brief is about."']
    if ids:
        out += ["  - id: findings", '    title: "Findings"', "    bullets:"]
        out += [f"      - {_q('The source states {' + fid + '}.')}" for fid in ids]
        first = facts[0][1]
        same = [
            (fid, s)
            for fid, (_, s) in zip(ids, facts, strict=True)
            if (s.unit, s.scale) == (first.unit, first.scale)
        ]
        out += [
            "  - id: in-numbers",
            '    title: "In numbers"',
            "    chart:",
            "      kind: bar",
            f"      title: {_q('Figures stated in the sources')}",
            "      data:",
        ]
        for i, (fid, s) in enumerate(same[:4]):
            label = re.sub(r"\d", "", s.unit).strip().capitalize() or "Figure"
            out += [f"        - label: {_q(f'{label} ({chr(65 + i)})')}", f"          fact: {fid}"]
        out += [f"      takeaway: {_q('Say what the chart shows: {' + same[0][0] + '}.')}"]
    if ids:
        out += [
            "  - id: at-a-glance",
            '    title: "At a glance"',
            "    table:",
            '      title: "Figures"',
            "      columns: [Source, Figure]",
            "      rows:",
        ]
        out += [
            f"        - [{_q(sid.replace('_', ' ').title())}, {_q('{' + fid + '}')}]"
            for fid, (sid, _) in zip(ids, facts, strict=True)
        ]
    if quotes:
        out += [
            "  - id: in-their-words",
            '    title: "In their words"',
            "    quote:",
            f"      fact: {quotes[0][1]}",
        ]
    return out
