"""Time `briefgen check` on a long PDF source: a spec of 1,000 facts quoting a 500-page PDF.

Run: PYTHONPATH=src .venv/bin/python bench/bench_check.py [--pages 500] [--facts 1000] [--repeat 3]
     [--keep DIR]

Everything is generated at run time into a temporary folder (deterministic: the same bytes every run): a PDF
of prose with figures written by reportlab, and a spec whose facts quote its sentences. Each timing runs in a
fresh Python process, so nothing is shared but briefgen's page-text cache on disk:

- check, cold: `briefgen.check(spec)` with an empty cache folder (BRIEFGEN_CACHE_DIR), the import of
  briefgen.pipeline excluded;
- check, warm: the same again, the cache filled by the cold run;
- CLI, warm: the wall time of `briefgen check SPEC` (Python start-up and imports included);
- one missing quote: find + closest passage for a quote that is not in the source, the source already read
  (what one more wrong quote costs a check), and the message it gives.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REGIONS = [
    "the northern district", "the coastal province", "the capital region", "the river valley",
    "the eastern corridor", "the highland counties", "the southern delta", "the western plains",
    "the metropolitan area", "the border towns", "the lake district", "the industrial belt",
]  # fmt: skip
SUBJECTS = [
    ("households connected to the grid", "count"), ("small firms registered", "count"),
    ("kilometres of road resurfaced", "count"), ("hospital beds", "count"), ("teachers hired", "count"),
    ("apprenticeships", "count"), ("housing permits", "count"), ("solar installations", "count"),
    ("the unemployment rate", "percent"), ("the share of exports", "percent"), ("inflation", "percent"),
    ("the vacancy rate", "percent"), ("the savings rate", "percent"), ("public investment", "money"),
    ("the water budget", "money"), ("the deficit", "money"), ("tourism receipts", "money"),
    ("farm income", "money"), ("the transport subsidy", "money"), ("research spending", "money"),
]  # fmt: skip
VERBS = ["reached", "rose to", "fell to", "stood at", "came to", "climbed to", "eased to", "totalled"]
WHEN = [
    "by the end of the year", "over the spring", "during the winter months", "in the last quarter",
    "after the reform took effect", "before the election", "across the period under review",
    "according to the ministry", "as the survey found", "once the new rules applied",
]  # fmt: skip
FILLER = [
    "The council published its figures after a long consultation with local employers.",
    "Officials attributed the change to better weather and a steadier supply of materials.",
    "Several observers cautioned that the data remain provisional and may be revised.",
    "The report notes that rural areas continue to lag behind the larger towns.",
    "Critics argued that the programme had favoured established firms over newcomers.",
    "A review of the method is planned, and the ministry has asked for comments.",
    "Local newspapers reported long queues at the offices that handle applications.",
    "The committee recommended that the scheme be extended with closer monitoring.",
    "Independent auditors confirmed the accounts without reservation.",
    "Planners expect the trend to continue while borrowing costs stay where they are.",
]  # fmt: skip


def figure(rng: random.Random, kind: str) -> str:
    if kind == "percent":
        return f"{rng.randint(1, 60)}.{rng.randint(0, 9)}%"
    if kind == "money":
        return f"${rng.randint(2, 950)}.{rng.randint(1, 9)} million"
    return f"{rng.randint(12, 98)},{rng.randint(100, 999)}"


def claim(rng: random.Random) -> str:
    subject, kind = rng.choice(SUBJECTS)
    text = f"In {rng.choice(REGIONS)}, {subject} {rng.choice(VERBS)} {figure(rng, kind)} {rng.choice(WHEN)}."
    return text[0].upper() + text[1:]


def document(pages: int, seed: int = 17) -> list[list[list[str]]]:
    """Pages of paragraphs of sentences: each paragraph mixes claims (one figure each) and prose."""
    rng = random.Random(seed)
    doc = []
    for _ in range(pages):
        page = []
        for _ in range(7):
            page.append([claim(rng) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(5)])
        doc.append(page)
    return doc


def write_pdf(doc: list[list[list[str]]], path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4, invariant=1)
    for number, page in enumerate(doc, 1):
        c.setFont("Helvetica", 8)
        c.drawString(72, 800, "Regional Economic Review")
        c.setFont("Helvetica", 10)
        y = 770.0
        for paragraph in page:
            for line in textwrap.wrap(" ".join(paragraph), 92):
                c.drawString(72, y, line)
                y -= 13
            y -= 9
        c.setFont("Helvetica", 8)
        c.drawString(290, 40, str(number))
        c.showPage()
    c.save()


def write_spec(
    doc: list[list[list[str]]], facts: int, folder: Path, missing: bool = False
) -> tuple[Path, str]:
    """A spec of `facts` facts quoting sentences spread over the document; with `missing`, one quote (the
    middle one, returned) says 'increased to' where the source has another verb, as a paraphrase would."""
    claims = [s for page in doc for paragraph in page for s in paragraph if s not in FILLER]
    step = max(1, len(claims) // facts)
    chosen = list(dict.fromkeys(claims[::step]))[:facts]
    wrong = ""
    lines = ["title: Regional review", "sources:", "  report:", "    path: sources/report.pdf", "facts:"]
    for i, quote in enumerate(chosen):
        if missing and i == len(chosen) // 2:
            verb = next(v for v in VERBS if f" {v} " in quote)
            quote = wrong = quote.replace(f" {verb} ", " increased to ", 1)
        lines += [f"  f{i}:", "    source: report", f"    quote: {json.dumps(quote)}"]
    lines += ["sections:", "  - id: one", "    title: Figures", "    bullets:"]
    lines += [f'      - "Figure {{f{i}}}."' for i in range(min(20, len(chosen)))]
    spec = folder / ("missing.yaml" if missing else "review.yaml")
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec, wrong


TIME_CHECK = """
import sys, time
t0 = time.perf_counter()
import briefgen.pipeline  # what check() needs (briefgen itself loads it on first use)
t1 = time.perf_counter()
brief, diags = briefgen.pipeline.check(sys.argv[1])
t2 = time.perf_counter()
errors = [str(d) for d in diags if d.severity == "error"]
print(repr((t1 - t0, t2 - t1, len(errors), errors[:1])))
"""

CLI = "import sys; from briefgen.cli import main; sys.argv[0] = 'briefgen'; main()"

TIME_MISSING = """
import sys, time
from pathlib import Path
from briefgen.facts.sources import read_source
text = read_source(Path(sys.argv[1]), "pdf")
text.find("warm up the views")
quote = sys.argv[2]
times = []
for _ in range(5):
    t0 = time.perf_counter()
    found = text.find(quote)
    near = text.closest(quote)
    times.append(time.perf_counter() - t0)
print(repr((min(times), found is None, near.similarity, str(near.locator), near.text, len(text.text))))
"""


def run(code: str, *args: str, env: dict[str, str]) -> tuple:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return eval(out.stdout.strip().splitlines()[-1])  # noqa: S307 - our own child's repr of numbers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--facts", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each warm timing (the median is shown)")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = ap.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    doc = document(args.pages)
    pdf = folder / "sources" / "report.pdf"
    t = time.perf_counter()
    write_pdf(doc, pdf)
    spec, _ = write_spec(doc, args.facts, folder)
    missing_spec, quote = write_spec(doc, args.facts, folder, missing=True)
    took = time.perf_counter() - t
    print(f"generated {args.pages} pages ({pdf.stat().st_size / 1e6:.1f} MB) in {took:.1f} s")

    cache = folder / "cache"
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache)}
    rows: list[tuple[str, str]] = []
    try:
        shutil.rmtree(cache, ignore_errors=True)
        imp, cold, errors, first = run(TIME_CHECK, str(spec), env=env)
        if errors:
            print(f"unexpected errors ({errors}): {first}")
        rows.append(("import briefgen.pipeline", f"{imp:.2f} s"))
        rows.append((f"check, {args.facts} facts, cold (cache empty)", f"{cold:.2f} s"))
        warm = [run(TIME_CHECK, str(spec), env=env)[1] for _ in range(args.repeat)]
        rows.append((f"check, {args.facts} facts, warm", f"{statistics.median(warm):.2f} s"))
        wall = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", CLI, "check", str(spec), "-o", str(folder / "out")],
                env=env,
                capture_output=True,
                check=False,
            )
            wall.append(time.perf_counter() - t)
        rows.append(("briefgen check (CLI wall time), warm", f"{statistics.median(wall):.2f} s"))
        _, with_missing, errors, first = run(TIME_CHECK, str(missing_spec), env=env)
        rows.append((f"check, {args.facts} facts, one quote missing, warm", f"{with_missing:.2f} s"))
        secs, not_found, similarity, where, text, size = run(TIME_MISSING, str(pdf), quote, env=env)
        rows.append(("one missing quote: find + closest passage", f"{secs * 1000:.1f} ms"))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"\n{args.pages}-page PDF, {size:,} characters of text; {sys.executable}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value:>9}")
    print(f"\nmissing quote:   {quote}")
    print(f"not found: {not_found}; closest ({similarity:.0%} similar), {where}: {text}")
    if first:
        print(f"the check says:  {first[0]}")


if __name__ == "__main__":
    main()
