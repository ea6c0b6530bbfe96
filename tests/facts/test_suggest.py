"""`briefgen suggest`: the numeric claims of a document as facts that pass briefgen's own checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import briefgen
from briefgen.facts.readers import ReadError
from briefgen.facts.sources import read_source
from briefgen.facts.suggest import Suggestion, render_suggestions, suggest_facts, suggestions_yaml
from tests.support.paths import ROOT

SOURCES = ROOT / "specs" / "sources"
MUMBAI = SOURCES / "mumbai-consul-general-nqpf-2024.txt"
TORONTO = SOURCES / "luo-weidong-toronto-nqpf-2024.txt"

# Written by reading the documents: (value, scale, what it counts).
CLAIMS = {
    MUMBAI: [
        (1500, None, "automotive OEMs and parts manufacturers at the 2024 Beijing auto show (over)"),
        (278, None, "new EV models shown"),
        (9.4, "million", "NEVs produced and sold in 2023 (exceeding)"),
        (9, None, "consecutive years at the top of the NEV market"),
        (60, None, "% of the world's NEV total (over)"),
        (50, None, "% of total auto sales in April (surpassed)"),
        (469.01, "billion", "USD of R&D investment in 2023"),
        (2.64, None, "% of GDP spent on R&D"),
        (1, None, "rank in R&D personnel, publications and patent applications"),
        (29, None, "Global Innovation Index rank, 2011"),
        (12, None, "Global Innovation Index rank, 2023"),
        (80, None, "% of the world's population in developing countries (nearly)"),
        (160, None, "countries and regions with S&T cooperation (more than)"),
        (114, None, "inter-governmental agreements"),
        (53, None, "Belt and Road joint laboratories"),
        (3500, None, "young scientists supported (more than)"),
        (15000, None, "scientists trained (more than)"),
        (8, None, "technology transfer platforms"),
    ],
    TORONTO: [
        (1, None, "rank in six GII indicators"),
        (6, None, "specific indicators in which China ranks first"),
        (30, None, "% increase in 'new trio' exports, 2023"),
        (1, "trillion", "yuan of 'new trio' exports (exceeded)"),
    ],
}
ID = re.compile(r"[a-z][a-z0-9_]*")


def suggestions(path: Path) -> list[Suggestion]:
    return suggest_facts(read_source(path, "text"), "doc")


def claims_found(found: list[Suggestion], claims: list) -> tuple[int, list[Suggestion]]:
    """Hand-listed claims a suggestion has (same value and scale, one each), and the other suggestions."""
    rest = list(found)
    hits = 0
    for value, scale, _ in claims:
        match = next((s for s in rest if abs(s.value - value) < 1e-9 and s.scale == scale), None)
        if match is not None:
            rest.remove(match)
            hits += 1
    return hits, rest


@pytest.mark.parametrize("path", [MUMBAI, TORONTO], ids=["mumbai", "toronto"])
def test_recall_and_precision_on_the_seed_documents(path: Path):
    found = suggestions(path)
    claims = CLAIMS[path]
    hits, extra = claims_found(found, claims)
    years = [s for s in extra if s.value.is_integer() and 1800 <= s.value <= 2100 and s.unit != "rank"]
    recall, precision = hits / len(claims), hits / max(1, len(found))
    print(
        f"\n{path.name}: {len(claims)} claims listed by hand, {len(found)} suggested; "
        f"recall {recall:.2f} ({hits}/{len(claims)}), precision {precision:.2f}, "
        f"years {len(years)}, other extras {[s.quote for s in extra if s not in years]}"
    )
    assert recall >= 0.9
    assert not years


@pytest.mark.parametrize("path", [MUMBAI, TORONTO], ids=["mumbai", "toronto"])
def test_every_suggestion_passes_briefgen_check(tmp_path: Path, path: Path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / path.name).write_bytes(path.read_bytes())
    facts = render_suggestions(path, source_id="doc")
    assert facts.count("\n  ") >= len(CLAIMS[path])
    spec = tmp_path / "brief.yaml"
    spec.write_text(
        f"title: Suggested facts\nsources:\n  doc:\n    path: sources/{path.name}\n    author: A. Author\n"
        f'    title: A document\n    date: "2024"\n{facts}'
        "sections:\n  - id: one\n    title: One\n    prose: Nothing cited.\n",
        encoding="utf-8",
    )
    brief, diags = briefgen.check(spec)
    assert [str(d) for d in diags if d.severity == "error"] == [] and brief is not None


@pytest.mark.parametrize("path", [MUMBAI, TORONTO], ids=["mumbai", "toronto"])
def test_yaml_parses_with_unique_ids_quotes_in_the_text_and_locators(path: Path):
    found = suggestions(path)
    text = " ".join(read_source(path, "text").text.split())
    out = suggestions_yaml(found, "doc")
    facts = yaml.safe_load(out)["facts"]
    assert len(facts) == len(found) == len({s.id for s in found})
    for ident, fact in facts.items():
        assert ID.fullmatch(ident), ident
        assert fact["quote"] in text
        assert 5 <= len(fact["quote"].split()) <= 25, fact["quote"]
        assert isinstance(fact["value"], (int, float)) and fact["source"] == "doc"
    assert re.search(r"^  [a-z0-9_]+:  # ¶ \d+, line \d+$", out, re.MULTILINE)


def test_locator_comment_names_paragraph_and_line():
    found = suggestions(TORONTO)
    exports = next(s for s in found if s.value == 30)
    assert (exports.locator.paragraph, exports.locator.line) == (9, 17)
    assert "  increase_pct_30:  # ¶ 9, line 17\n" in suggestions_yaml(found, "toronto")


def suggest_text(tmp_path: Path, text: str) -> dict[str, dict]:
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    return yaml.safe_load(render_suggestions(doc))["facts"] or {}


def by_value(facts: dict[str, dict]) -> dict[float, dict]:
    return {f["value"]: f for f in facts.values()}


def test_qualifiers_are_read_from_the_quote(tmp_path: Path):
    facts = by_value(
        suggest_text(
            tmp_path,
            "More than 2,000 firms took part; nearly 45% of households own a car. "
            "Approximately 1.2 million people moved, and tickets cost up to $1,000 per person.",
        )
    )
    assert facts[2000] == {
        "source": "doc",
        "quote": "More than 2,000 firms took part",
        "value": 2000,
        "unit": "firms",
        "qualifier": "more than",
    }
    assert (facts[45]["unit"], facts[45]["qualifier"]) == ("%", "nearly")
    assert (facts[1.2]["scale"], facts[1.2]["unit"], facts[1.2]["qualifier"]) == (
        "million",
        "people",
        "about",
    )
    assert (facts[1000]["unit"], facts[1000]["qualifier"]) == ("USD", "up to")


def test_currencies_percent_forms_and_ordinals(tmp_path: Path):
    facts = suggest_text(
        tmp_path,
        "Revenue reached €12.5 billion in 2022, up from £3 million in 2019. Exports rose by a "
        "30-percent margin. The country ranked 3rd out of 120 economies in 2020, while its neighbour "
        "came in 45th.",
    )
    got = {(f["value"], f.get("scale"), f.get("unit")) for f in facts.values()}
    assert got == {
        (12.5, "billion", "EUR"),
        (3, "million", "GBP"),
        (30, None, "%"),
        (3, None, "rank"),
        (120, None, "economies"),
        (45, None, "rank"),
    }
    assert "revenue_eur_12_5_billion" in facts and "margin_pct_30" in facts


def test_years_dates_model_numbers_names_and_idioms_are_not_claims(tmp_path: Path):
    facts = suggest_text(
        tmp_path,
        "The Xiaomi SU7 uses 5G networks, and the C919 jet flew on 1 May 2023 under Article 5. "
        "In 2011 it was one of the largest markets; China’s Two Sessions met, and the two sessions "
        "ended. Over the past ten years it stayed a zero-sum, two-way game, as in the first two revolutions.",
    )
    assert facts == {}


def test_rank_words_and_number_words_count(tmp_path: Path):
    facts = suggest_text(
        tmp_path,
        "The index ranked it 29th in 2011. It ranks first in six specific indicators, and exports "
        "exceeded one trillion yuan for nine consecutive years.",
    )
    got = {(f["value"], f.get("scale"), f.get("unit"), f.get("qualifier")) for f in facts.values()}
    assert got == {
        (29, None, "rank", None),
        (1, None, "rank", None),
        (6, None, "specific indicators", None),
        (1, "trillion", "yuan", "over"),
        (9, None, "consecutive years", None),
    }


def test_long_sentences_are_cut_to_at_most_25_words_around_the_number(tmp_path: Path):
    sentence = (
        "The plan, which " + "was discussed at great length by many delegations " * 3 + "over several "
        "sessions and in many capitals, finally listed 17 sectors that were agreed by governments after "
        "long negotiations that lasted for many years in total and were welcomed by observers everywhere."
    )
    (fact,) = suggest_text(tmp_path, sentence).values()
    assert fact["value"] == 17 and "listed 17 sectors" in fact["quote"]
    assert len(fact["quote"].split()) <= 25 and fact["quote"] in sentence


def test_yaml_quoting_survives_typographic_quotes_dollars_and_colons(tmp_path: Path):
    text = "He said: “the ‘Green Deal’ costs $1,000 per person # really” — and 50% agree: yes."
    facts = suggest_text(tmp_path, text)
    assert all(f["quote"] in text for f in facts.values())
    assert {f["value"] for f in facts.values()} == {1000, 50}


def test_ids_stay_unique_and_valid(tmp_path: Path):
    facts = suggest_text(tmp_path, "It has 12 units in Ontario. It has 12 units in Manitoba.")
    assert list(facts) == ["units_12", "units_12_2"]
    loc = suggestions(MUMBAI)[0].locator
    again = suggestions_yaml([Suggestion("9 lives!", "q", 9, None, "", None, loc)] * 2, "doc")
    assert list(yaml.safe_load(again)["facts"]) == ["n_9_lives", "n_9_lives_2"]


def test_render_suggestions_names_the_source_and_rejects_unknown_endings(tmp_path: Path):
    out = render_suggestions(TORONTO)
    assert 'source: "luo_weidong_toronto_nqpf_2024"' in out and out.startswith("# 4 numeric claim(s)")
    doc = tmp_path / "2024 report.rtf"
    doc.write_text("It has 12 units here.", encoding="utf-8")
    with pytest.raises(ReadError, match="give the kind"):
        render_suggestions(doc)
    assert 'source: "doc_2024_report"' in render_suggestions(doc, kind="text")
    empty = tmp_path / "empty.md"
    empty.write_text("# Nothing\n\nNo figures at all.\n", encoding="utf-8")
    assert yaml.safe_load(render_suggestions(empty)) == {"facts": {}}
