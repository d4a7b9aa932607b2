"""defspend from Python: NATO allies' defence spending and what burden-sharing
targets mean in money.

Every function runs the same code as the ``defspend`` command line (its own
argument parsing and commands, compiled into this module) and returns a
:class:`Result`: ``.frame`` is the tidy table the command writes with
``--format csv``, as a polars DataFrame (numbers to six decimals, estimate
flags as booleans), ``.sections`` the other tables by key, and ``.citation``,
``.notes``, ``.summary`` and ``.metadata`` (edition, year, price basis…) say
where every number comes from. Bad arguments raise :class:`Error`
(:class:`UsageError` or :class:`DataError`) with the command line's message,
its flags named as the function's parameters (``year=``; :func:`run` keeps
the flags it was given).

>>> import defspend
>>> r = defspend.shortfall(year=2024, edition="nato-2024")
>>> r.frame.filter(r.frame["status"] == "below")["name"].to_list()  # doctest: +SKIP
['Spain', 'Slovenia', 'Luxembourg', 'Belgium', 'Canada', 'Italy', 'Portugal', 'Croatia']
"""

from __future__ import annotations

import json
import keyword
import os
import re
import tempfile
from typing import Iterable, Optional, Sequence, Union

import polars as pl

from . import _native
from ._native import DataError, Error, UsageError

__all__ = [
    "Error",
    "UsageError",
    "DataError",
    "Result",
    "Chart",
    "shortfall",
    "compare",
    "burden",
    "scenario",
    "plans",
    "plans_record",
    "outlook",
    "decompose",
    "dispersion",
    "fiscal",
    "history",
    "crosscheck",
    "revisions",
    "economy",
    "editions",
    "allies",
    "chart",
    "run",
]

__version__ = _native.__version__

Names = Union[str, Iterable[str], None]


class Result:
    """A command's result: its tidy frame, other tables, sentences and sources."""

    def __init__(self, raw: "_native.RawReport", args: Sequence[str]):
        self.title: str = raw.title
        #: The tidy table: the command's ``--format csv`` output, typed.
        self.frame: pl.DataFrame = raw.frame
        #: The tables the command shows, by key (e.g. ``allies``, ``groups``).
        self.sections: dict = {key: frame for key, _, frame in raw.sections}
        #: Each section's title, by key.
        self.section_titles: dict = {key: title for key, title, _ in raw.sections}
        #: The sentences the command says before its tables.
        self.summary: list = list(raw.summary)
        self.notes: list = list(raw.notes)
        #: Where the numbers come from, one source a line.
        self.citation: str = raw.citation
        #: Edition, year, price basis, estimates, checksums of the files read.
        self.metadata: dict = json.loads(raw.metadata_json)
        #: The command line that gives the same output.
        self.args: list = ["defspend", *args]

    @property
    def groups(self) -> Optional[pl.DataFrame]:
        """The groups' table, where the command has one."""
        return self.sections.get("groups")

    def __repr__(self) -> str:
        lines = [self.title, *self.summary, "", repr(self.frame), "", self.citation]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        parts = [f"<h4>{escape(self.title)}</h4>"]
        parts += [f"<p>{escape(s)}</p>" for s in self.summary]
        parts.append(self.frame._repr_html_())
        parts.append(f"<p><small>{escape(self.citation)}</small></p>")
        return "\n".join(parts)


def _flag(name: str, value) -> list:
    """One option as the command line takes it (None: left out)."""
    if value is None or value is False:
        return []
    if value is True:
        return [name]
    if isinstance(value, (list, tuple, set)):
        return [name, ",".join(str(v) for v in value)]
    return [name, str(value)]


def _names(value: Names) -> Optional[list]:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def _opts(**flags) -> list:
    out = []
    for key, value in flags.items():
        if key.endswith("_"):
            key = key[:-1]
        out += _flag("--" + key.replace("_", "-"), value)
    return out


def run(*args: str) -> list:
    """Runs ``defspend ARGS`` in this process; returns its results (a chart
    returns none: it writes its file)."""
    argv = [str(a) for a in args]
    return [Result(r, argv) for r in _native.run(argv)]


# The command line's flags as this module's parameters, in messages: a
# function called with ``year=1990`` hears of ``year=``, not ``--year``.
_FLAG = re.compile(r"--([a-z][a-z0-9-]*)(:?)")
_PARAMETER = {"output": "path"}


def _parameter(flag: str) -> str:
    name = _PARAMETER.get(flag, flag.replace("-", "_"))
    return name + "_" if keyword.iskeyword(name) else name


def _pythonic(error: Error) -> Error:
    """The same error, its message naming parameters where it named flags."""
    # "--year: …" heads a message as "year: …"; "add --force" reads "force=".
    message = _FLAG.sub(
        lambda m: _parameter(m.group(1)) + (":" if m.group(2) else "="), str(error)
    )
    return type(error)(message)


def _run_typed(*args: str) -> list:
    """:func:`run` for the typed functions: their errors name parameters."""
    try:
        return run(*args)
    except Error as error:
        raise _pythonic(error) from None


def _one(args: list) -> Result:
    results = _run_typed(*args)
    if len(results) != 1:
        raise Error(f"defspend {' '.join(args)} gave {len(results)} results, not one")
    return results[0]


def shortfall(year: Optional[int] = None, edition: Optional[str] = None, target: float = 2.0,
              groups: Names = None) -> Result:
    """Who meets ``target`` % of GDP in ``year``, and what the others fall short by, in points and money."""
    return _one(["shortfall", *_opts(edition=edition, year=year, target=target, groups=_names(groups))])


def compare(targets: Sequence[float] = (2, 3, 3.5, 5), edition: Optional[str] = None,
            year: Optional[int] = None, groups: Names = None, per_capita: bool = False,
            economy: Optional[str] = None) -> Result:
    """Several targets side by side: each ally's gap to each."""
    return _one(["compare", *_opts(targets=list(targets), edition=edition, year=year,
                                   groups=_names(groups), per_capita=per_capita, economy=economy)])


def burden(edition: Optional[str] = None, year: Optional[int] = None, per_capita: bool = False,
           economy: Optional[str] = None) -> Result:
    """Each ally's share of allied spending against its share of allied GDP."""
    return _one(["burden", *_opts(edition=edition, year=year, per_capita=per_capita, economy=economy)])


def _scenario_file(spec: str, folder: str) -> str:
    """A shipped name or a path as given; TOML text written to ``scenario.toml``."""
    if "\n" in spec or "=" in spec:
        path = os.path.join(folder, "scenario.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(spec)
        return path
    return spec


def scenario(spec: str = "hague-2035", allies: Names = None, economy: Optional[str] = None,
             growth_threshold: Optional[float] = None) -> Result:
    """A scenario's path year by year: a shipped name (``hague-2035``), a
    file's path, or the TOML text of one (written to ``scenario.toml`` in a
    temporary folder, the name its errors give)."""
    with tempfile.TemporaryDirectory() as folder:
        file = _scenario_file(spec, folder)
        return _one(["scenario", "run", file, *_opts(growth_threshold=growth_threshold,
                                                     allies=_names(allies), economy=economy)])


def plans(scenario: Optional[str] = None, plans_vintage: Optional[str] = None, allies: Names = None,
          economy: Optional[str] = None) -> Result:
    """National plans against the scenario's path."""
    return _one(["plans", *_opts(scenario=scenario, plans_vintage=plans_vintage,
                                 allies=_names(allies), economy=economy)])


def plans_record(edition: Optional[str] = None) -> Result:
    """The plans' record: each vintage's milestones for years NATO has since
    published, and the alliance's pledges, delivered, short or ahead."""
    return _one(["plans", "record", *_opts(edition=edition)])


def outlook(draws: int = 10_000, seed: int = 2025, target: Optional[float] = None,
            by: Optional[int] = None, scenario: Optional[str] = None, edition: Optional[str] = None,
            from_: Optional[int] = None, economy: Optional[str] = None,
            plans_vintage: Optional[str] = None, model: Optional[str] = None,
            allies: Names = None, groups: Names = None, gdp_sd: Optional[float] = None,
            common: Optional[float] = None, spending_spread: Optional[float] = None,
            sensitivity: bool = False, shrink: Optional[float] = None,
            anchor: Optional[str] = None) -> Result:
    """The odds of reaching the target by the target year: the Monte Carlo outlook."""
    return _one(["outlook", *_opts(target=target, by=by, scenario=scenario, edition=edition,
                                   from_=from_, economy=economy, plans_vintage=plans_vintage,
                                   draws=draws, seed=seed, gdp_sd=gdp_sd, common=common,
                                   spending_spread=spending_spread, model=model,
                                   sensitivity=sensitivity, shrink=shrink, anchor=anchor,
                                   allies=_names(allies), groups=_names(groups))])


def decompose(start: Optional[int] = None, end: Optional[int] = None, edition: Optional[str] = None,
              groups: Names = None) -> Result:
    """Why shares moved between two years: a spending effect and a GDP effect."""
    return _one(["decompose", *_opts(from_=start, to=end, edition=edition, groups=_names(groups))])


def dispersion(edition: Optional[str] = None, groups: Names = None, source: Optional[str] = None) -> Result:
    """How far apart the European allies' shares are, year by year, by several measures."""
    return _one(["dispersion", *_opts(source=source, edition=edition, groups=_names(groups))])


def fiscal(scenario: Optional[str] = None, economy: Optional[str] = None, year: Optional[int] = None,
           allies: Names = None, groups: Names = None) -> Result:
    """What a scenario's path costs each treasury."""
    return _one(["fiscal", *_opts(scenario=scenario, economy=economy, year=year,
                                  allies=_names(allies), groups=_names(groups))])


def history(names: Names, source: str = "sipri", since: Optional[int] = None,
            measure: Optional[str] = None, edition: Optional[str] = None) -> Result:
    """Long series for countries and groups (SIPRI since 1949, or a NATO edition)."""
    return _one(["history", ",".join(_names(names) or []),
                 *_opts(source=source, since=since, measure=measure, edition=edition)])


def crosscheck(edition: Optional[str] = None, year: Optional[int] = None) -> Result:
    """NATO's shares against SIPRI's, ally by ally."""
    return _one(["crosscheck", *_opts(edition=edition, year=year)])


def revisions(from_edition: Optional[str] = None, to_edition: Optional[str] = None,
              measure: Optional[str] = None, allies: Names = None) -> Result:
    """How one edition revised another's figures."""
    return _one(["revisions", *_opts(from_edition=from_edition, to_edition=to_edition,
                                     measure=measure, allies=_names(allies))])


def economy(allies: Names = None, economy: Optional[str] = None, compare: Optional[str] = None,
            series: Names = None, years: Optional[str] = None) -> Result:
    """The economic outlook's series for allies (IMF World Economic Outlook)."""
    names = _names(allies)
    head = [",".join(names)] if names else []
    return _one(["economy", *head, *_opts(economy=economy, compare=compare,
                                          series=_names(series), years=years)])


def editions() -> Result:
    """The NATO editions, SIPRI releases, outlooks and plans defspend knows."""
    return _one(["editions"])


def allies() -> Result:
    """The 32 allies: codes, accession dates, regions, special cases."""
    return _one(["allies"])


class Chart:
    """A chart of the command line's ``chart`` command: ``.save(path)`` writes
    it (PNG or SVG by the extension); a notebook shows it inline."""

    def __init__(self, kind: str, options: list):
        self.kind = kind
        self.args = ["chart", kind, *options]
        self._svg: Optional[str] = None

    def save(self, path: Union[str, os.PathLike]) -> str:
        path = os.fspath(path)
        _run_typed(*self.args, "--output", path)
        return path

    def _bytes(self, extension: str) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            path = self.save(os.path.join(folder, f"{self.kind}.{extension}"))
            with open(path, "rb") as f:
                return f.read()

    def svg(self) -> str:
        # Drawn once: the same arguments give the same bytes.
        if self._svg is None:
            self._svg = self._bytes("svg").decode("utf-8")
        return self._svg

    def png(self) -> bytes:
        return self._bytes("png")

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"Chart({' '.join(self.args)})"


def chart(kind: str, year: Optional[int] = None, edition: Optional[str] = None, **options) -> Chart:
    """A chart: ``chart("shares", year=2026)``, ``chart("map", measure="fiscal")``.
    Options are the command line's (``targets``, ``allies``, ``groups``,
    ``from_``, ``countries``, ``draws``, ``seed``, ``model``, ``measure``,
    ``scenario``, ``economy``, ``backtest``, ``plans_vintage``, ``title``,
    ``width``, ``height``, ``scale``)."""
    for key in ("allies", "groups", "countries"):
        if key in options:
            options[key] = _names(options[key])
    if isinstance(options.get("targets"), (int, float)):
        options["targets"] = [options["targets"]]
    chart_ = Chart(kind, _opts(edition=edition, year=year, **options))
    # Drawn now, so that a bad option raises here and not when shown; the
    # drawing is kept for the notebook.
    chart_.svg()
    return chart_
