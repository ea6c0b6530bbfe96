"""Every source format: the visible text is read, quotes are found, and locators point at them."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import briefgen
from briefgen.facts.sources import read_source
from tests.support.readback import libreoffice_convert

HTML = """<!doctype html>
<html><head><title>Budget</title><style>p { color: red }</style>
<script>var total = "999 million";</script></head>
<body>
<nav><a href="/">Home</a> Budget 2025 has 77 pages</nav>
<header><h1>Town budget</h1></header>
<main>
<p>The council approved a budget of <em>€2.3&nbsp;million</em> for housing.</p>
<p>It will help more than 400 households &amp; families.</p>
<ul><li>Transport gets 12% of the total.</li></ul>
</main>
<footer>Contact us: 555 0100</footer>
</body></html>
"""

MARKDOWN = """# Town budget

The council approved a budget of **€2.3 million** for [housing](https://example.org).

- It will help *more than 400* households.
- Transport gets `12%` of the total.

| Item | Share |
| --- | --- |
| Parks | 7% of spending |
"""


def find(path: Path, kind: str, quote: str):
    return read_source(path, kind).find(quote)


def test_plain_text_paragraphs_and_lines(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Title line\n\nFirst paragraph, line one\ncontinues with 9.4 million units.\n\nLast: 12%.\n")
    loc = find(p, "text", "continues with 9.4 million units")
    assert (loc.paragraph, loc.line, loc.page) == (2, 4, None)
    assert (str(loc), loc.short()) == ("¶ 2, line 4", "¶ 2")  # a plain text's paragraph and line
    assert find(p, "text", "Last: 12%.").paragraph == 3


def test_markdown_is_read_as_rendered_text(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(MARKDOWN)
    assert find(p, "markdown", "approved a budget of €2.3 million for housing.").line == 3
    loc = find(p, "markdown", "It will help more than 400 households.")
    assert (str(loc), loc.short()) == ("§ Town budget, ¶ 2", "§ Town budget")  # under its heading
    assert find(p, "markdown", "Transport gets 12% of the total.") is not None
    assert find(p, "markdown", "7% of spending") is not None
    assert find(p, "markdown", "**€2.3 million**") is None  # markup is not text a reader sees


def test_html_keeps_visible_text_and_drops_scripts_styles_and_navigation(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(HTML)
    text = read_source(p, "html").text
    assert "approved a budget of €2.3\u00a0million for housing." in text
    assert "more than 400 households & families" in text
    for hidden in ("999 million", "77 pages", "color: red", "555 0100"):
        assert hidden not in text
    loc = find(p, "html", "approved a budget of €2.3 million for housing")
    assert (loc.line, str(loc), loc.short()) == (8, "§ Town budget, ¶ 1", "§ Town budget")


def reportlab_pdf(path: Path) -> None:
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.drawString(72, 780, "Annual report of the water board.")
    c.drawString(72, 760, "The board built pipes for domesti-")
    c.drawString(72, 745, "cally produced water and well-")
    c.drawString(72, 730, "known wells. The release fixes issue-")
    c.drawString(72, 715, "31337 and issue 42.")
    c.showPage()
    c.drawString(72, 780, "In 2023 the fund reached $2.3 million.")
    c.showPage()
    c.save()


def test_pdf_made_by_reportlab_pages_and_hyphenation(tmp_path):
    p = tmp_path / "report.pdf"
    reportlab_pdf(p)
    loc = find(p, "pdf", "In 2023 the fund reached $2.3 million.")
    assert (loc.page, str(loc), loc.short()) == (2, "p. 2, line 1", "p. 2")  # no paragraphs told apart
    assert find(p, "pdf", "pipes for domestically produced water").page == 1
    assert find(p, "pdf", "and well-known wells") is not None
    # A line that ends in a hyphen before a number is one word: 'issue-' then '31337'.
    assert find(p, "pdf", "The release fixes issue-31337 and issue 42.") is not None


def make_docx(path: Path) -> None:
    d = docx.Document()
    d.add_heading("Town budget", 1)
    d.add_paragraph("The council approved a budget of €2.3 million for housing.")
    d.add_paragraph("")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Item"
    table.cell(0, 1).text = "Share"
    table.cell(1, 0).text = "Transport"
    table.cell(1, 1).text = "Transport gets 12% of the total"
    d.add_paragraph("More than 400 households will benefit.")
    d.save(str(path))


def test_docx_paragraphs_and_table_cells(tmp_path):
    p = tmp_path / "budget.docx"
    make_docx(p)
    assert str(find(p, "docx", "approved a budget of €2.3 million")) == "§ Town budget, ¶ 1"
    assert str(find(p, "docx", "Transport gets 12% of the total")) == "§ Town budget, ¶ 5"
    assert str(find(p, "docx", "More than 400 households will benefit.")) == "§ Town budget, ¶ 6"


def test_pdf_made_by_libreoffice_from_docx(tmp_path):
    src = tmp_path / "budget.docx"
    make_docx(src)
    pdf = libreoffice_convert(src, tmp_path)
    for quote in (
        "approved a budget of €2.3 million for housing",
        "Transport gets 12% of the total",
        "More than 400 households will benefit.",
    ):
        loc = find(pdf, "pdf", quote)
        assert loc is not None and loc.page == 1, quote


@pytest.mark.parametrize("kind", ["text", "markdown", "html", "pdf", "docx"])
def test_facts_from_every_format_verify_with_locators(make_spec, tmp_path, kind):
    name = {
        "text": "doc.txt",
        "markdown": "doc.md",
        "html": "doc.html",
        "pdf": "doc.pdf",
        "docx": "doc.docx",
    }[kind]
    target = tmp_path / "sources" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    quote = "$2.3 million" if kind == "pdf" else "€2.3 million"
    if kind == "pdf":
        reportlab_pdf(target)
    elif kind == "docx":
        make_docx(target)
    else:
        target.write_text(
            {
                "text": "The council approved a budget of €2.3 million for housing.\n",
                "markdown": MARKDOWN,
                "html": HTML,
            }[kind]
        )
    spec = make_spec(f"""
        title: Formats
        sources:
          doc:
            path: sources/{name}
        facts:
          budget:
            source: doc
            quote: "{quote}"
        sections:
          - id: one
            title: One
            bullets: ["The budget is {{budget}}."]
        """)
    brief, diags = briefgen.check(spec)
    assert [str(d) for d in diags if d.severity == "error"] == []
    assert brief.sections[0].blocks[0].items[0].plain == f"The budget is {quote}."


def test_unreadable_source_is_reported_by_kind(make_spec, tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "fake.pdf").write_text("not a pdf")
    spec = make_spec("""
        title: T
        sources:
          doc: {path: sources/fake.pdf}
        facts:
          x: {source: doc, quote: "12%"}
        sections:
          - {id: one, title: One, bullets: ["{x}"]}
        """)
    _, diags = briefgen.check(spec)
    assert [d.code for d in diags] == ["source-unreadable"]
    assert "cannot read sources/fake.pdf as pdf: not a readable PDF" in diags[0].message


def test_locators_follow_the_headings_a_reader_sees(tmp_path):
    p = tmp_path / "notes.html"
    p.write_text(
        "<h1>Release 4.2</h1><p>Intro.</p><h2>Optimizations</h2><p>Decoding is faster.</p>"
        "<h3>Faster startup</h3><p>First.</p><p>Start-up takes 19.0 ms.</p>"
        "<h2>A very long heading that names everything this section covers</h2><p>Memory fell 20%.</p>",
        encoding="utf-8",
    )
    loc = find(p, "html", "Start-up takes 19.0 ms.")
    assert str(loc) == "§ Release 4.2 › Optimizations › Faster startup, ¶ 2"
    assert loc.short() == "§ Faster startup"
    loc = find(p, "html", "Memory fell 20%.")
    assert str(loc) == "§ Release 4.2 › A very long heading that names everything this section covers, ¶ 1"
    assert loc.short() == "§ A very long heading that names…"  # markers stay short


def test_a_pdf_page_is_located_by_its_line_where_the_text_tells_no_paragraphs(tmp_path):
    p = tmp_path / "paras.pdf"
    c = Canvas(str(p), pagesize=A4, invariant=1)
    for i, y in enumerate((780, 765, 735, 720, 690)):
        c.drawString(72, y, f"Sentence {i} of the page.")
    c.showPage()
    c.save()
    loc = find(p, "pdf", "Sentence 4 of the page.")
    # pypdf's text of a page has no blank lines, so a count of paragraphs would always say 1: the line does.
    assert (str(loc), loc.short()) == ("p. 1, line 5", "p. 1")


def test_several_pages_in_one_marker_are_sorted():
    from briefgen.brief.markers import make_marker

    marker = make_marker([(1, "p. 12"), (1, "p. 3"), (1, "p. 9")], [], "numeric")
    assert marker.text == "[1, pp. 3, 9, 12]"


def test_quotes_in_a_long_pdf_carry_their_page_and_line(tmp_path):
    """pdfium reads each page line by line, in reading order; a quote's locator is its page and the line it
    starts on, however far into the document it is."""
    p = tmp_path / "long.pdf"
    c = Canvas(str(p), pagesize=A4, invariant=1)
    for page in range(1, 61):
        for line in range(1, 41):
            c.drawString(72, 800 - 18 * line, f"Page {page} line {line} states {page * 1000 + line} units.")
        c.showPage()
    c.save()
    text = read_source(p, "pdf")
    for page, line in ((1, 1), (2, 40), (37, 12), (60, 40)):
        loc = text.find(f"Page {page} line {line} states {page * 1000 + line} units.")
        assert (str(loc), loc.short()) == (f"p. {page}, line {line}", f"p. {page}")
    # A quote across a line break is found on the page and line it starts.
    assert str(text.find("states 9039 units. Page 9 line 40")) == "p. 9, line 39"


def test_a_missing_quote_gets_the_passage_it_paraphrases_cut_at_word_boundaries(tmp_path):
    sentences = [
        "The district opened 14 schools in the spring.",
        "In the industrial belt, solar installations reached 13,551 by the end of the year.",
        "In the highland counties, the deficit fell to $414.8 million once the new rules applied.",
    ]
    p = tmp_path / "review.txt"
    p.write_text(" ".join(sentences * 3) + "\n\nA closing paragraph of no interest.\n", encoding="utf-8")
    text = read_source(p, "text")
    quote = "In the industrial belt, solar installations increased to 13,551 by the end of the year."
    assert text.find(quote) is None
    near = text.closest(quote)
    # The sentence as the document has it: not 'year. In the' (rapidfuzz's window is as long as the
    # quote, which is longer than the sentence), nor a word cut in two.
    assert near.text == sentences[1]
    assert (str(near.locator), f"{near.similarity:.0%}") == ("¶ 1, line 1", "95%")
    # A quote that leaves out the start or the end of its sentence is shown the whole words it overlaps.
    near = text.closest("opened 41 schools in the")
    assert near.text == "opened 14 schools in the"
    # A word the document has in place of the quote's stays in the passage, first or last: that is the
    # difference the author needs to see.
    assert text.closest("The county opened 14 schools in the spring.").text == sentences[0]
    assert text.closest(sentences[2].replace("applied", "began")).text == sentences[2]


def test_a_missing_quote_in_a_pdf_is_placed_on_its_page(tmp_path):
    p = tmp_path / "report.pdf"
    reportlab_pdf(p)
    near = read_source(p, "pdf").closest("In 2023 the fund reached $2.4 million.")
    assert (near.text, str(near.locator)) == ("In 2023 the fund reached $2.3 million.", "p. 2, line 1")
    near = read_source(p, "pdf").closest("pipes for domestically produced milk")
    assert near.text.startswith("pipes for domesti-") and near.locator.page == 1
