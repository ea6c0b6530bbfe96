"""`params:` rows and `${name}`: what a spec's parameters give, and every mistake in them located."""

from __future__ import annotations

import pytest

import briefgen
from briefgen.spec.params import output_name, slug
from tests.support.minimal import SOURCE, SPEC

COUNTRIES = SPEC.replace(
    "title: Test brief", 'title: "Brief for ${country}"\nparams:\n  country: [India, Chad]', 1
).replace("title: First section", "title: First section on ${country}")


def errors(spec, **params) -> list[str]:
    brief, diags = briefgen.check(spec, params=params or None)
    assert brief is None
    return [str(d) for d in diags if d.severity == "error"]


def test_each_row_fills_in_its_values_and_names_its_outputs(make_spec):
    spec = make_spec(COUNTRIES, {"sources/doc.txt": SOURCE})
    assert briefgen.param_rows(spec) == [{"country": "India"}, {"country": "Chad"}]
    brief = briefgen.load(spec, params={"country": "Chad"})
    assert brief.title == "Brief for Chad"
    assert brief.sections[0].title == "First section on Chad"
    assert brief.name == "brief-Chad"


def test_a_spec_without_params_has_no_rows_and_keeps_its_dollar_braces(make_spec):
    spec = make_spec(
        SPEC.replace("title: First section", "title: First section ${as written}"),
        {"sources/doc.txt": SOURCE},
    )
    assert briefgen.param_rows(spec) == []
    assert briefgen.load(spec).sections[0].title == "First section ${as written}"


def test_several_names_give_every_combination_and_rows_may_be_written_out(make_spec):
    spec = make_spec(
        COUNTRIES.replace("country: [India, Chad]", "country: [India, Chad]\n  year: [2023, 2024]"),
        {"sources/doc.txt": SOURCE},
    )
    assert briefgen.param_rows(spec) == [
        {"country": "India", "year": 2023},
        {"country": "India", "year": 2024},
        {"country": "Chad", "year": 2023},
        {"country": "Chad", "year": 2024},
    ]
    rows = make_spec(
        COUNTRIES.replace(
            "  country: [India, Chad]",
            "  - {country: India, city: Mumbai}\n  - {country: Canada, city: Toronto}",
        ),
        {"sources/doc.txt": SOURCE},
        name="rows.yaml",
    )
    assert briefgen.param_rows(rows) == [
        {"country": "India", "city": "Mumbai"},
        {"country": "Canada", "city": "Toronto"},
    ]
    assert briefgen.load(rows, params={"city": "Toronto"}).name == "rows-Canada-Toronto"


def test_values_reach_source_paths_quotes_and_keep_a_number_a_number(make_spec):
    spec = make_spec(
        SPEC.replace("title: Test brief", "title: Test brief\nparams:\n  doc: [doc]\n  nev: [9.4]", 1)
        .replace("path: sources/doc.txt", "path: sources/${doc}.txt")
        .replace("exceeding 9.4 million", "exceeding ${nev} million")
        .replace("value: 9.4", "value: ${nev}"),
        {"sources/doc.txt": SOURCE},
    )
    brief = briefgen.load(spec, params={"doc": "doc"})
    assert brief.name == "brief-doc-9-4"
    assert any(
        f.quote == "production and sales volumes exceeding 9.4 million units each" for f in brief.facts
    )


def test_unknown_names_and_a_literal_dollar_brace(make_spec):
    spec = make_spec(
        COUNTRIES.replace("title: First section on ${country}", "title: On ${contry} and $${kept}"),
        {"sources/doc.txt": SOURCE},
    )
    assert errors(spec, country="India") == [
        f"{spec}:24:15: error[unknown-param] section 'one' › title names unknown parameter 'contry'\n"
        "    the parameters are: country"
    ]
    fixed = spec.read_text().replace("${contry}", "${country}")
    spec.write_text(fixed)
    assert briefgen.load(spec, params={"country": "India"}).sections[0].title == "On India and ${kept}"


def test_a_spec_with_params_needs_its_row_and_a_row_must_exist(make_spec):
    spec = make_spec(COUNTRIES, {"sources/doc.txt": SOURCE})
    assert errors(spec) == [
        f"{spec}:2:1: error[params-row] the spec has parameters (country): choose a row\n"
        "    e.g. --param country=India (params= in Python); "
        "`briefgen build` with no --param builds every row"
    ]
    assert errors(spec, country="Peru") == [
        f"{spec}:2:1: error[params-row] no row has country=Peru (its values: India, Chad)"
    ]
    assert errors(spec, region="Asia") == [
        f"{spec}:2:1: error[params-row] the spec has no parameter 'region' (its parameters: country)"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("params:\n  country: []", ["3:12: error[params-empty] parameter 'country' has no values"]),
        (
            "params:\n  country: [India, [a]]",
            ["3:20: error[params-value] a value of parameter 'country' is not a text or a number"],
        ),
        (
            "params:\n  2nd: [a]\n  ok: []",
            [
                "3:3: error[params-name] '2nd' is not a parameter name",
                "4:7: error[params-empty] parameter 'ok' has no values",
            ],
        ),
        (
            "params:\n  country: [India, india]",
            [
                "3:20: error[params-same-output] the rows country=India and country=india "
                "both write brief-india.*"
            ],
        ),
        (
            "params:\n  country: ['..', '/']",
            [
                "3:13: error[params-name-empty] the row country=.. gives no output name",
                "3:19: error[params-name-empty] the row country=/ gives no output name",
            ],
        ),
        ("params: India", ["2:9: error[params-shape] params must be a mapping of names to lists of values"]),
        (
            "params:\n  - {country: India}\n  - {city: Pune}",
            ["4:5: error[params-row-names] params › row 2 names city, the first row country"],
        ),
    ],
)
def test_inline_params_mistakes_are_located_all_at_once(make_spec, params, expected):
    spec = make_spec(
        SPEC.replace("title: Test brief", f"title: Test brief\n{params}", 1), {"sources/doc.txt": SOURCE}
    )
    with pytest.raises(briefgen.BriefgenError) as e:
        briefgen.param_rows(spec)
    got = [str(d).split("\n")[0] for d in e.value.diagnostics]
    assert len(got) == len(expected), got
    for line, want in zip(got, expected, strict=True):
        assert line.startswith(f"{spec}:{want}"), (line, want)


def params_from(make_spec, csv_text: str | None, extra: str = "", name: str = "countries.csv"):
    files = {"sources/doc.txt": SOURCE}
    if csv_text is not None:
        files[f"data/{name}"] = csv_text
    return make_spec(
        COUNTRIES.replace("  country: [India, Chad]", f"  from: data/countries.csv{extra}"), files
    )


def test_rows_from_a_csv_file_beside_the_spec(make_spec):
    spec = params_from(
        make_spec, "country,region\nIndia,Asia\nChad,Africa\nChina,Asia\n", "\n  where: {region: Asia}"
    )
    assert briefgen.param_rows(spec) == [
        {"country": "India", "region": "Asia"},
        {"country": "China", "region": "Asia"},
    ]
    assert briefgen.load(spec, params={"country": "China"}).title == "Brief for China"


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        (None, ["{spec}:3:9: error[params-file] params file data/countries.csv not found"]),
        ("", ["data/countries.csv: error[params-empty] params file is empty"]),
        ("country\n", ["data/countries.csv:1: error[params-empty] params file has a header but no rows"]),
        (
            "country,country,GDP 2023\nIndia,x,y\nChad\n",
            [
                "data/countries.csv:1: error[params-duplicate] the header names 'country' twice "
                "(columns 1 and 2)",
                "data/countries.csv:1: error[params-name] column 3 of the header, 'GDP 2023', "
                "is not a parameter name",
                "data/countries.csv:3: error[params-row] the row has 1 cell(s), the header 3",
            ],
        ),
        (
            b"country\nC\xf4te\n",
            ["{spec}:3:9: error[params-file] params file data/countries.csv is not UTF-8 text"],
        ),
    ],
)
def test_csv_mistakes_are_reported_at_once_never_a_traceback(
    make_spec, tmp_path, monkeypatch, csv_text, expected
):
    monkeypatch.chdir(tmp_path)
    spec = params_from(make_spec, csv_text if isinstance(csv_text, str) or csv_text is None else "")
    if isinstance(csv_text, bytes):
        (tmp_path / "data" / "countries.csv").write_bytes(csv_text)
    with pytest.raises(briefgen.BriefgenError) as e:
        briefgen.param_rows(spec)
    got = [str(d).split("\n")[0] for d in e.value.diagnostics]
    assert got == [x.format(spec="brief.yaml") for x in expected]
    assert errors(spec, country="India")[0].split("\n")[0] == got[0]  # the build says the same


def test_a_csv_outside_the_spec_folder_is_refused(make_spec, tmp_path):
    (tmp_path.parent / "outside.csv").write_text("country\nIndia\n")
    spec = make_spec(
        COUNTRIES.replace("  country: [India, Chad]", "  from: ../outside.csv"), {"sources/doc.txt": SOURCE}
    )
    with pytest.raises(
        briefgen.BriefgenError, match=r"brief.yaml:3:9: error\[params-outside\] params › from points outside"
    ):
        briefgen.param_rows(spec)
    assert briefgen.param_rows(spec, allow_outside=True) == [{"country": "India"}]


def test_where_names_a_column_the_file_has(make_spec):
    spec = params_from(make_spec, "country\nIndia\n", "\n  where: {region: Asia}")
    with pytest.raises(
        briefgen.BriefgenError, match=r"4:11: error\[params-where\] params › where names 'region'"
    ):
        briefgen.param_rows(spec)


def test_output_names_are_safe_and_deterministic():
    assert slug("São Paulo") == "São-Paulo"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("a/b\\c:d") == "a-b-c-d"
    assert slug("x" * 100) == "x" * 60
    assert output_name("brief", {"country": "Côte d'Ivoire", "year": 2024}) == "brief-Côte-d-Ivoire-2024"
    assert output_name("brief", None) == "brief"
