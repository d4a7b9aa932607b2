"""defspend from Python: NATO allies' defence spending and what burden-sharing
targets mean in money.

Every function asks defspend's library (compiled into this module) the
typed question the command line asks, with the same code and defaults, and
returns a :class:`Result`: ``.frame`` is the tidy table the command writes with
``--format csv``, as a polars DataFrame (numbers to six decimals, estimate
flags as booleans), ``.sections`` the other tables by key, and ``.citation``,
``.notes``, ``.summary`` and ``.metadata`` (edition, year, price basis…) say
where every number comes from; ``.args`` is the command line that gives the
same output. Bad arguments raise :class:`Error` (:class:`UsageError` or
:class:`DataError`) with the command line's message, naming the function's
parameters (``year:``, ``start:``) where the command line names its flags;
:func:`run` takes the command line's arguments and keeps its flags.

>>> import defspend
>>> r = defspend.shortfall(year=2024, edition="nato-2024")
>>> r.frame.filter(r.frame["status"] == "below")["name"].to_list()  # doctest: +SKIP
['Spain', 'Slovenia', 'Luxembourg', 'Belgium', 'Canada', 'Italy', 'Portugal', 'Croatia']
"""

from __future__ import annotations

import json
import os
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
    "definitions",
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


def _request(command: str, cli: list, renames: Optional[dict] = None, head: Sequence[str] = (),
             **params) -> Result:
    """The library's typed request for ``command``, answered without a command
    line in between: the parameters given (None left out, so that the
    library's own defaults apply). ``cli`` heads the command line that gives
    the same output (:attr:`Result.args`; default: the command), its options
    the parameters not in ``head`` (those ``cli`` holds); ``renames`` maps a field of the request to the
    function's parameter where they differ, for the error messages."""
    given = {k.rstrip("_"): v for k, v in params.items() if v is not None}
    spelled = {"output": "path", "from": "from_", **(renames or {})}
    raw = _native.call(command, json.dumps(given), spelled)
    options = _opts(**{k: v for k, v in given.items() if k not in head})
    return Result(raw, [*(cli or [command]), *options])


def _scenario_file(spec: str, folder: str) -> str:
    """A shipped name or a path as given; TOML text written to ``scenario.toml``."""
    if "\n" in spec or "=" in spec:
        path = os.path.join(folder, "scenario.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(spec)
        return path
    return spec


def shortfall(year: Optional[int] = None, edition: Optional[str] = None,
              target: Optional[float] = None, groups: Names = None,
              prices: Optional[str] = None, currency: Optional[str] = None) -> Result:
    """Who meets ``target`` % of GDP in ``year`` (default: NATO's guideline),
    and what the others fall short by, in points and money (``prices="ppp"``:
    at GDP-based PPP; ``currency="national"``: in each ally's own currency)."""
    return _request("shortfall", [], edition=edition, year=year, target=target,
                    groups=_names(groups), prices=prices, currency=currency)


def compare(targets: Optional[Sequence[float]] = None, edition: Optional[str] = None,
            year: Optional[int] = None, groups: Names = None, per_capita: Optional[bool] = None,
            economy: Optional[str] = None, prices: Optional[str] = None,
            currency: Optional[str] = None) -> Result:
    """Several targets side by side (default: 2, 3, 3.5 and 5%): each ally's gap to each.
    ``prices="ppp"``: money at GDP-based PPP, with Europe against Russia and China
    at market rates, PPP and defence-weighted."""
    return _request("compare", [], targets=None if targets is None else [float(t) for t in targets],
                    edition=edition, year=year, groups=_names(groups), per_capita=per_capita,
                    economy=economy, prices=prices, currency=currency)


def definitions(allies: Names = None, years: Optional[str] = None,
                edition: Optional[str] = None) -> Result:
    """NATO's, SIPRI's (where installed) and Eurostat's measures of defence for
    each ally-year (``years`` as ``"2021-2025"``), the gaps and the breaks."""
    return _request("definitions", [], allies=_names(allies), years=years, edition=edition)


def burden(edition: Optional[str] = None, year: Optional[int] = None,
           per_capita: Optional[bool] = None, economy: Optional[str] = None,
           prices: Optional[str] = None) -> Result:
    """Each ally's share of allied spending against its share of allied GDP
    (``prices="ppp"``: at GDP-based PPP)."""
    return _request("burden", [], edition=edition, year=year, per_capita=per_capita,
                    economy=economy, prices=prices)


def scenario(spec: str = "hague-2035", allies: Names = None, economy: Optional[str] = None,
             growth_threshold: Optional[float] = None, target: Optional[float] = None,
             by: Optional[int] = None, path: Optional[str] = None,
             ally_target: Optional[dict] = None) -> Result:
    """A scenario run: each ally's path to the target. ``spec`` is a shipped
    scenario's name, a scenario file's path, or the TOML text of one (written
    to ``scenario.toml`` in a temporary folder, the name its errors give).
    ``target``, ``by`` and ``path`` replace the scenario's target (its core
    target), target year and path shape; ``ally_target`` gives allies their
    own targets, e.g. ``{"Spain": 2.1}``."""
    own = None if ally_target is None else [f"{a}={t}" for a, t in ally_target.items()]
    with tempfile.TemporaryDirectory() as folder:
        file = _scenario_file(spec, folder)
        return _request("scenario", ["scenario", "run", file], {"scenario": "spec"},
                        head=["scenario"], scenario=file, growth_threshold=growth_threshold,
                        allies=_names(allies), economy=economy, target=target, by=by,
                        path=path, ally_target=own)


def plans(scenario: Optional[str] = None, plans_vintage: Optional[str] = None, allies: Names = None,
          economy: Optional[str] = None) -> Result:
    """National plans against the scenario's required path."""
    return _request("plans", [], scenario=scenario, plans_vintage=plans_vintage,
                    allies=_names(allies), economy=economy)


def plans_record(edition: Optional[str] = None) -> Result:
    """Each plan, pledge and declaration against what the allies then spent as
    published, and the alliance's pledges, delivered, short or ahead."""
    return _request("plans-record", ["plans", "record"], edition=edition)


def plans_changes(scenario: Optional[str] = None, from_vintage: Optional[str] = None,
                  to_vintage: Optional[str] = None, economy: Optional[str] = None) -> Result:
    """What changed between two vintages of the national plans (default: the
    latest and the one before), each set against the scenario's path."""
    return _request("plans-changes", ["plans", "changes"], scenario=scenario,
                    from_vintage=from_vintage, to_vintage=to_vintage, economy=economy)


def ally(ally: str, edition: Optional[str] = None, economy: Optional[str] = None,
         currency: Optional[str] = None) -> Result:
    """One ally (a name, NATO or ISO code) across all years of an edition,
    with its spending per person (``currency="national"``: its money in its
    own currency, NATO's Table 1)."""
    return _request("ally", ["ally", ally], head=["ally"], ally=ally, edition=edition,
                    economy=economy, currency=currency)


def personnel(year: Optional[int] = None, edition: Optional[str] = None,
              since: Optional[int] = None, groups: Names = None) -> Result:
    """Military personnel, spending per soldier and equipment spending per
    soldier (NATO's Tables 7, 2 and 8a), by ally and group, against ``since``."""
    return _request("personnel", [], edition=edition, year=year, since=since,
                    groups=_names(groups))


def scenarios() -> Result:
    """The shipped scenarios, each with its target, year and source."""
    return _request("scenario-list", ["scenario", "list"])


def outlook(draws: Optional[int] = None, seed: Optional[int] = None, target: Optional[float] = None,
            by: Optional[int] = None, scenario: Optional[str] = None, edition: Optional[str] = None,
            from_: Optional[int] = None, economy: Optional[str] = None,
            plans_vintage: Optional[str] = None, model: Optional[str] = None,
            allies: Names = None, groups: Names = None, gdp_sd: Optional[float] = None,
            common: Optional[float] = None, spending_spread: Optional[float] = None,
            sensitivity: Optional[bool] = None, shrink: Optional[float] = None,
            anchor: Optional[str] = None) -> Result:
    """The odds of reaching the target by its year: a Monte Carlo outlook
    (the library's defaults: 10,000 draws, seed 2025, The Hague's scenario)."""
    return _request("outlook", [], target=target, by=by, scenario=scenario, edition=edition,
                    from_=from_, economy=economy, plans_vintage=plans_vintage, draws=draws,
                    seed=seed, gdp_sd=gdp_sd, common=common, spending_spread=spending_spread,
                    model=model, sensitivity=sensitivity, shrink=shrink, anchor=anchor,
                    allies=_names(allies), groups=_names(groups))


def decompose(start: Optional[int] = None, end: Optional[int] = None, edition: Optional[str] = None,
              groups: Names = None) -> Result:
    """Why shares moved between ``start`` and ``end``: spending effect against GDP effect."""
    return _request("decompose", [], {"from": "start", "to": "end"}, from_=start, to=end,
                    edition=edition, groups=_names(groups))


def dispersion(edition: Optional[str] = None, groups: Names = None, source: Optional[str] = None) -> Result:
    """How far apart the European allies' shares are, year by year."""
    return _request("dispersion", [], source=source, edition=edition, groups=_names(groups))


def fiscal(scenario: Optional[str] = None, economy: Optional[str] = None, year: Optional[int] = None,
           allies: Names = None, groups: Names = None) -> Result:
    """What the scenario's path costs each treasury, % of revenue and of spending."""
    return _request("fiscal", [], scenario=scenario, economy=economy, year=year,
                    allies=_names(allies), groups=_names(groups))


def history(names: Names, source: Optional[str] = None, since: Optional[int] = None,
            measure: Optional[str] = None, edition: Optional[str] = None) -> Result:
    """Long series for countries and groups (SIPRI since 1949 by default, or
    a NATO edition)."""
    listed = _names(names) or []
    return _request("history", ["history", ",".join(listed)], head=["names"], names=listed,
                    source=source, since=since, measure=measure, edition=edition)


def crosscheck(edition: Optional[str] = None, year: Optional[int] = None) -> Result:
    """NATO's and SIPRI's share of GDP side by side for one year."""
    return _request("crosscheck", [], edition=edition, year=year)


def revisions(from_edition: Optional[str] = None, to_edition: Optional[str] = None,
              measure: Optional[str] = None, allies: Names = None) -> Result:
    """How one edition revised another's figures."""
    return _request("revisions", [], from_edition=from_edition, to_edition=to_edition,
                    measure=measure, allies=_names(allies))


def _years(years: Optional[str]) -> Optional[list]:
    """``"2024-2031"`` (or one year) as the first and last year."""
    if years is None:
        return None
    first, _, last = str(years).partition("-")
    try:
        return [int(first), int(last or first)]
    except ValueError:
        raise UsageError(f"years: '{years}' is not a year or a range of years (2024-2030)") from None


def economy(allies: Names = None, economy: Optional[str] = None, compare: Optional[str] = None,
            series: Names = None, years: Optional[str] = None) -> Result:
    """The economic outlook's series for allies (IMF World Economic Outlook)."""
    names = _names(allies)
    cli = ["economy", *([",".join(names)] if names else []), *(["--years", years] if years else [])]
    return _request("economy", cli, head=["allies", "years"], allies=names, economy=economy,
                    compare=compare, series=_names(series), years=_years(years))


def editions() -> Result:
    """The NATO editions defspend carries, with their provenance."""
    return _request("editions", [])


def allies() -> Result:
    """The allies, their codes and accession dates."""
    return _request("allies", [])


class Chart:
    """A chart, drawn by the library's chart request (the command line's
    ``chart`` draws the same bytes): ``.save(path)`` writes it (PNG or SVG by
    the extension); a notebook shows it inline. :attr:`args` is the command
    line that draws it."""

    def __init__(self, kind: str, request: dict, args: list):
        self.kind = kind
        self._request = request
        self.args = args
        self._drawn: dict = {}

    def _draw(self, format: str) -> bytes:
        # Drawn once per format: the same request gives the same bytes.
        if format not in self._drawn:
            params = json.dumps({**self._request, "format": format})
            self._drawn[format] = _native.chart(params, _CHART_NAMES)
        return self._drawn[format]

    def save(self, path: Union[str, os.PathLike]) -> str:
        path = os.fspath(path)
        format = os.path.splitext(path)[1].lower().lstrip(".")
        if format not in ("png", "svg"):
            raise UsageError(f"path: {path}: the chart format comes from the extension: .png or .svg")
        data = self._draw(format)
        # Written beside the file and moved into place: never half a file.
        folder = os.path.dirname(os.path.abspath(path))
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as f:
            f.write(data)
        os.replace(f.name, path)
        return path

    def svg(self) -> str:
        return self._draw("svg").decode("utf-8")

    def png(self) -> bytes:
        return self._draw("png")

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"Chart({' '.join(self.args)})"


# The request's fields as :func:`chart` names them, for the messages.
_CHART_NAMES = {"from": "from_", "output": "path"}
_CHART_SIZE = ("width", "height", "scale")


def chart(kind: str, year: Optional[int] = None, edition: Optional[str] = None, **options) -> Chart:
    """A chart: ``chart("shares", year=2026)``, ``chart("map", measure="fiscal")``.
    Options are those the kind takes (``defspend chart KIND --help``:
    ``targets``, ``by``, ``allies``, ``groups``, ``from_``, ``countries``, ``draws``,
    ``seed``, ``model``, ``measure``, ``scenario``, ``economy``, ``backtest``,
    ``plans_vintage``, ``prices`` (``"ppp"``: rivals, gaps), ``title``), and
    ``width``, ``height``, ``scale``. ``year`` and ``edition`` are refused by
    the kinds that do not draw from them, as on the command line (``year`` of
    ``fiscal`` is a year of its path; ``edition`` of ``odds`` and ``fan`` the
    outlook's origin)."""
    for key in ("allies", "groups", "countries"):
        if key in options:
            options[key] = _names(options[key])
    if isinstance(options.get("targets"), (int, float)):
        options["targets"] = [options["targets"]]
    given = {k.rstrip("_"): v for k, v in options.items() if v is not None}
    request = {
        "kind": kind,
        "edition": edition,
        "year": year,
        "options": {k: v for k, v in given.items() if k not in _CHART_SIZE},
        **{k: v for k, v in given.items() if k in _CHART_SIZE},
    }
    chart_ = Chart(kind, request, ["chart", kind, *_opts(edition=edition, year=year, **options)])
    # Drawn now, so that a bad option raises here and not when shown; the
    # drawing is kept for the notebook.
    chart_.svg()
    return chart_
