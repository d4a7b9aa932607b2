"""The Python module against the command line: for every function, the frame is
the CLI's ``--format csv`` output for the same arguments (every column,
numbers to 1e-9, flags, row order); bad arguments raise defspend.Error with
the CLI's message, and the module prints nothing.

The CLI is ``$DEFSPEND_BIN``, else the repository's debug or release build.
Figures asserted below come from NATO's tables, named where they appear.
"""

from __future__ import annotations

import io
import os
import pathlib
import re
import subprocess

import polars as pl

import pytest

import defspend

ROOT = pathlib.Path(__file__).resolve().parents[2]


def cli_binary() -> str:
    if os.environ.get("DEFSPEND_BIN"):
        return os.environ["DEFSPEND_BIN"]
    for profile in ("debug", "release"):
        path = ROOT / "target" / profile / "defspend"
        if path.exists():
            return str(path)
    pytest.skip("no defspend binary: build it with cargo build, or set DEFSPEND_BIN")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([cli_binary(), *args], capture_output=True, text=True)


def cli_csv(*args: str) -> str:
    done = cli(*args, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_same_as_csv(frame: pl.DataFrame, text: str) -> None:
    """Every column, in order; numbers to 1e-9, flags, text, nulls; row order."""
    expected = pl.read_csv(io.StringIO(text), infer_schema=False)
    assert frame.columns == expected.columns
    assert frame.height == expected.height
    for name in frame.columns:
        got, want = frame[name], expected[name]
        dtype = got.dtype
        for i, (g, w) in enumerate(zip(got.to_list(), want.to_list())):
            where = f"{name} row {i}"
            if w is None or w == "":
                assert g is None, f"{where}: {g!r} where the CSV is empty"
            elif dtype == pl.Float64:
                assert g is not None and abs(g - float(w)) <= 1e-9, f"{where}: {g} != {w}"
            elif dtype == pl.Int64:
                assert g == int(w), f"{where}: {g} != {w}"
            elif dtype == pl.Boolean:
                assert g == (w == "true"), f"{where}: {g} != {w}"
                assert w in ("true", "false")
            else:
                assert g == w, f"{where}: {g!r} != {w!r}"


# Each function and the command line that gives the same output.
CASES = [
    (lambda: defspend.shortfall(year=2024, edition="nato-2024"),
     ["shortfall", "--year", "2024", "--edition", "nato-2024"]),
    (lambda: defspend.shortfall(), ["shortfall"]),
    (lambda: defspend.shortfall(target=3.5, groups=["eastern-flank", "big-four"]),
     ["shortfall", "--target", "3.5", "--groups", "eastern-flank,big-four"]),
    (lambda: defspend.compare(targets=[2, 3, 3.5, 5]), ["compare", "--targets", "2,3,3.5,5"]),
    (lambda: defspend.compare(edition="nato-2024", per_capita=True),
     ["compare", "--edition", "nato-2024", "--per-capita"]),
    (lambda: defspend.burden(), ["burden"]),
    (lambda: defspend.scenario("hague-2035"), ["scenario", "run", "hague-2035"]),
    (lambda: defspend.scenario("hague-2035-imf", allies=["Italy"]),
     ["scenario", "run", "hague-2035-imf", "--allies", "Italy"]),
    (lambda: defspend.plans(), ["plans"]),
    (lambda: defspend.plans_record(), ["plans", "record"]),
    (lambda: defspend.outlook(draws=2000, seed=7), ["outlook", "--draws", "2000", "--seed", "7"]),
    (lambda: defspend.decompose(2021, 2024, edition="nato-2024"),
     ["decompose", "--from", "2021", "--to", "2024", "--edition", "nato-2024"]),
    (lambda: defspend.dispersion(edition="nato-2024"), ["dispersion", "--edition", "nato-2024"]),
    (lambda: defspend.fiscal(allies=["Italy", "Spain"]), ["fiscal", "--allies", "Italy,Spain"]),
    (lambda: defspend.history(["Italy", "us"], source="nato", edition="nato-2024"),
     ["history", "Italy,us", "--source", "nato", "--edition", "nato-2024"]),
    (lambda: defspend.revisions(), ["revisions"]),
    (lambda: defspend.economy(["Italy", "Poland"], years="2024-2031"),
     ["economy", "Italy,Poland", "--years", "2024-2031"]),
    (lambda: defspend.editions(), ["editions"]),
    (lambda: defspend.allies(), ["allies"]),
]


@pytest.mark.parametrize("call,args", CASES, ids=[" ".join(a) for _, a in CASES])
def test_the_frame_is_the_command_lines_csv(call, args):
    result = call()
    assert_same_as_csv(result.frame, cli_csv(*args))
    assert result.citation
    assert result.args[1] == args[0]
    # The command line a result says it equals gives the same output.
    assert_same_as_csv(result.frame, cli_csv(*result.args[1:]))


SIPRI_CASES = [
    (lambda: defspend.history(["Russia", "China", "europe-canada"], since=2010),
     ["history", "Russia,China,europe-canada", "--since", "2010"]),
    (lambda: defspend.crosscheck(edition="nato-2024"), ["crosscheck", "--edition", "nato-2024"]),
    (lambda: defspend.dispersion(source="sipri"), ["dispersion", "--source", "sipri"]),
]


@pytest.mark.parametrize("call,args", SIPRI_CASES, ids=[" ".join(a) for _, a in SIPRI_CASES])
def test_sipri_frames_are_the_command_lines_csv(call, args):
    if cli("sources").returncode != 0 or "not installed" in cli("history", "Russia").stderr:
        if os.environ.get("DEFSPEND_SHARED_REQUIRED"):
            pytest.fail("SIPRI's database is not installed in DEFSPEND_DATA_HOME")
        pytest.skip("SIPRI's database is not installed")
    assert_same_as_csv(call().frame, cli_csv(*args))


def test_types_flags_and_sources():
    r = defspend.shortfall(year=2024, edition="nato-2024")
    # NATO, Defence Expenditure of NATO Countries (2014-2024), Table 3: Poland
    # 4.12% of GDP in 2024e, Spain 1.28%; 2024 is an estimate year.
    poland = r.frame.filter(pl.col("code") == "PL")
    assert poland["share_of_gdp"].dtype == pl.Float64
    assert abs(poland["share_of_gdp"][0] - 4.12) < 0.005
    assert poland["estimate"].dtype == pl.Boolean and poland["estimate"][0] is True
    spain = r.frame.filter(pl.col("code") == "ES")
    assert abs(spain["share_of_gdp"][0] - 1.28) < 0.005
    assert r.metadata["edition"] == "nato-2024"
    assert "NATO" in r.citation
    assert r.groups is not None and "Europe and Canada" in r.groups["group"].to_list()
    assert "Poland" in repr(r) or "shortfall" in repr(r).lower() or r.title in repr(r)
    assert "<table" in r._repr_html_()


@pytest.mark.parametrize(
    "call,args",
    [
        (lambda: defspend.shortfall(edition="nato-1999"), ["shortfall", "--edition", "nato-1999"]),
        (lambda: defspend.shortfall(year=1990, edition="nato-2024"),
         ["shortfall", "--year", "1990", "--edition", "nato-2024"]),
        (lambda: defspend.scenario("hague-2035-imf", allies=["Atlantis"]),
         ["scenario", "run", "hague-2035-imf", "--allies", "Atlantis"]),
        (lambda: defspend.fiscal(scenario="hague-2035"), ["fiscal", "--scenario", "hague-2035"]),
        (lambda: defspend.chart("shares", measure="share"),
         ["chart", "shares", "--measure", "share", "--output", "x.png"]),
    ],
)
def test_bad_arguments_raise_the_command_lines_message(call, args, capfd):
    """The command line's message, with its flags named as the function's
    parameters (``--year`` is ``year=``, or ``year:`` where it heads the
    message; ``--from`` is ``from_``, ``--output`` ``path``): a Python caller
    never sees a flag."""
    with pytest.raises(defspend.Error) as raised:
        call()
    done = cli(*args)
    assert done.returncode != 0
    assert done.stderr.startswith("defspend: ")
    said = done.stderr.strip()[len("defspend: "):]
    names = {"output": "path", "from": "from_"}

    def parameter(m):
        name = names.get(m.group(1), m.group(1).replace("-", "_"))
        return name + (":" if m.group(2) else "=")

    said = re.sub(r"--([a-z][a-z0-9-]*)(:?)", parameter, said)
    assert str(raised.value) == said
    assert "--" not in str(raised.value)
    out, err = capfd.readouterr()
    assert out == "" and err == "", "the module printed something"


def test_usage_and_data_errors_are_told_apart(tmp_path):
    with pytest.raises(defspend.UsageError):
        defspend.shortfall(edition="nato-1999")
    text = (ROOT / "scenarios" / "hague-2035.toml").read_text().replace("target_year = 2035", "target_year = 1900")
    with pytest.raises(defspend.DataError) as raised:
        defspend.scenario(text)
    path = tmp_path / "scenario.toml"
    path.write_text(text)
    done = cli("scenario", "run", str(path))
    assert str(raised.value).split(": ", 1)[1] == done.stderr.strip().split(": ", 2)[2]
    assert issubclass(defspend.UsageError, defspend.Error)
    assert issubclass(defspend.DataError, defspend.Error)


def test_scenario_text_runs_as_its_file_would(tmp_path):
    text = (ROOT / "scenarios" / "three-percent.toml").read_text()
    path = tmp_path / "three.toml"
    path.write_text(text)
    assert_same_as_csv(defspend.scenario(text).frame, cli_csv("scenario", "run", str(path)))


def test_a_scenario_changed_for_a_run_is_the_command_line_s():
    got = defspend.scenario("hague-2035", target=3, by=2030, path="constant-growth",
                            ally_target={"Spain": 2.1, "IT": 2.5})
    assert_same_as_csv(got.frame, cli_csv("scenario", "run", "hague-2035", "--target", "3",
                                          "--by", "2030", "--path", "constant-growth",
                                          "--ally-target", "Spain=2.1,IT=2.5"))
    with pytest.raises(defspend.UsageError, match="path: 'zigzag' is not a path shape"):
        defspend.scenario("hague-2035", path="zigzag")


def test_a_chart_saves_and_shows_inline(tmp_path):
    c = defspend.chart("shares", year=2024, edition="nato-2024")
    svg = c._repr_svg_()
    assert svg.startswith("<svg") and "Allies" in svg or "share" in svg.lower()
    png = c._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    path = c.save(tmp_path / "shares.png")
    assert pathlib.Path(path).read_bytes() == png
    done = cli("chart", "shares", "--year", "2024", "--edition", "nato-2024", "--output",
               str(tmp_path / "cli.svg"))
    assert done.returncode == 0
    assert (tmp_path / "cli.svg").read_text() == svg
    # Options as the command line takes them: one target or several, names.
    one = defspend.chart("shares", targets=3.5, edition="nato-2024")
    assert one.args[-2:] == ["--targets", "3.5"]
    trend = defspend.chart("trend", allies=["Italy", "Spain"], targets=[2, 3.5])
    assert "--allies" in trend.args and "Italy,Spain" in trend.args and "2,3.5" in trend.args


def test_malformed_scenario_text_raises_the_message_its_file_gives(tmp_path, capfd):
    text = 'name = "x"\ntarget = [oops\n'
    with pytest.raises(defspend.DataError) as raised:
        defspend.scenario(text)
    path = tmp_path / "scenario.toml"
    path.write_text(text)
    done = cli("scenario", "run", str(path))
    assert done.returncode == 1
    # The same place and problem; only the temporary folder differs.
    ours = str(raised.value)
    theirs = done.stderr.strip()[len("defspend: "):]
    assert ours.endswith("scenario.toml:2:15: unclosed array, expected `]`"), ours
    assert ours.split("scenario.toml")[1] == theirs.split("scenario.toml")[1]
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_run_with_output_writes_the_file_as_the_command_line_does(tmp_path):
    """run(..., "--output", PATH) returned the report without writing PATH."""
    path = tmp_path / "shortfall.csv"
    results = defspend.run("shortfall", "--format", "csv", "--output", str(path))
    assert path.exists()
    assert path.read_text() == cli_csv("shortfall")
    assert len(results) == 1 and results[0].frame.height > 0


@pytest.mark.parametrize(
    "call,head",
    [
        (lambda: defspend.decompose(start=1800, edition="nato-2024"), "start: "),
        (lambda: defspend.decompose(start=2024, end=2021, edition="nato-2024"), "start: "),
        (lambda: defspend.outlook(draws=10**9), "draws: "),
        (lambda: defspend.outlook(common=2), "common: "),
        (lambda: defspend.shortfall(target=-1), "target: "),
        (lambda: defspend.compare(targets=[2, 2]), "targets: "),
        (lambda: defspend.shortfall(year="x"), "year: "),
        (lambda: defspend.scenario("no-such-scenario"), "spec: unknown scenario"),
        (lambda: defspend.plans(plans_vintage="1999"), "plans_vintage: "),
    ],
)
def test_typed_requests_name_the_functions_parameters(call, head, capfd):
    """The library checks what the command line's parser would have, and
    says which of the function's parameters is at fault."""
    with pytest.raises(defspend.UsageError) as raised:
        call()
    message = str(raised.value)
    assert message.startswith(head), message
    assert "--" not in message, message
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_notes_name_parameters_not_flags():
    r = defspend.outlook(draws=200)
    text = " ".join([*r.notes, *r.summary, *r.sections["parameters"]["source"].to_list()])
    assert "sensitivity=" in text and "draws=" in text, text[:400]
    assert "--" not in text


def test_a_chart_is_asked_of_the_library_and_its_errors_name_parameters(tmp_path):
    """A chart is the library's request, not a command line: each bad value
    raises naming the function's parameter, and nothing is written."""
    for call, head in [
        (lambda: defspend.chart("pie"), "KIND:"),
        (lambda: defspend.chart("odds", draws=10**9), "draws:"),
        (lambda: defspend.chart("shares", width=20), "width:"),
        (lambda: defspend.chart("decompose", from_=2014, draws=5), "draws:"),
        (lambda: defspend.chart("map", measure="colour"), "measure:"),
    ]:
        with pytest.raises(defspend.UsageError) as raised:
            call()
        assert str(raised.value).startswith(head), str(raised.value)
        assert "--" not in str(raised.value)
    c = defspend.chart("decompose", from_=2014, edition="nato-2024")
    assert c.args[-2:] == ["--from", "2014"]
    with pytest.raises(defspend.UsageError):
        c.save(tmp_path / "decompose.pdf")
    assert list(tmp_path.iterdir()) == []


def test_one_ally_plans_changes_and_the_shipped_scenarios_as_the_command_line():
    # NATO, Defence Expenditure of NATO Countries (2014-2024), Table 3: Italy
    # 1.49% of GDP in 2024e.
    italy = defspend.ally("Italy", edition="nato-2024")
    assert_same_as_csv(italy.frame, cli_csv("ally", "Italy", "--edition", "nato-2024"))
    assert italy.args == ["defspend", "ally", "Italy", "--edition", "nato-2024"]
    share = italy.frame.filter(pl.col("year") == 2024)["share_of_gdp"][0]
    assert abs(share - 1.49) < 0.005
    changes = defspend.plans_changes()
    assert_same_as_csv(changes.frame, cli_csv("plans", "changes"))
    listed = defspend.scenarios()
    assert_same_as_csv(listed.frame, cli_csv("scenario", "list"))
    assert "hague-2035" in listed.frame[listed.frame.columns[0]].to_list()
    with pytest.raises(defspend.UsageError) as raised:
        defspend.plans_changes(from_vintage="1999")
    assert str(raised.value).startswith("from_vintage:"), str(raised.value)


def test_personnel_as_the_command_line():
    # NATO, Defence Expenditure of NATO Countries (2014-2026), Table 7: Italy
    # 168.9 thousand military personnel in 2024.
    r = defspend.personnel(year=2024)
    assert_same_as_csv(r.frame, cli_csv("personnel", "--year", "2024"))
    italy = r.frame.filter((pl.col("kind") == "ally") & (pl.col("code") == "IT"))
    assert italy["personnel_k"][0] == 168.9
    with pytest.raises(defspend.UsageError) as raised:
        defspend.personnel(year=2020, since=2020)
    assert str(raised.value).startswith("since:"), str(raised.value)


def test_definitions_as_the_command_line():
    # NATO, Defence Expenditure of NATO Countries (2014-2026), Table 3:
    # Germany 2.00% in 2024; Eurostat gov_ev: 1.4%.
    r = defspend.definitions(allies=["Germany", "Italy"], years="2021-2025")
    assert_same_as_csv(r.frame, cli_csv("definitions", "--allies", "Germany,Italy",
                                        "--years", "2021-2025"))
    germany = r.frame.filter((pl.col("code") == "DE") & (pl.col("year") == "2024"))
    assert germany["eurostat_pct_gdp"][0] == 1.4
    with pytest.raises(defspend.UsageError) as raised:
        defspend.definitions(years="2025-2021")
    assert str(raised.value).startswith("years:"), str(raised.value)


def test_burden_at_ppp_as_the_command_line():
    r = defspend.burden(year=2024, prices="ppp")
    assert_same_as_csv(r.frame, cli_csv("burden", "--year", "2024", "--prices", "ppp"))
    with pytest.raises(defspend.UsageError) as raised:
        defspend.burden(prices="ppp", per_capita=True)
    assert str(raised.value).startswith("per_capita:"), str(raised.value)


def test_ally_in_national_currency_as_the_command_line():
    # NATO, Defence Expenditure of NATO Countries (2014-2026), Table 1: Italy
    # EUR 33,402 million in 2024.
    r = defspend.ally("Italy", currency="national")
    assert_same_as_csv(r.frame, cli_csv("ally", "Italy", "--currency", "national"))
    italy = r.frame.filter(pl.col("year") == 2024)
    assert italy["defence_national_current_m"][0] == 33402
