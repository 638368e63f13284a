"""The shipped Superset dashboard (bi/superset) cannot mislead: each chart is rendered here
from its saved params into the SQL Superset runs, against a real database, and must count no
more documents or events than there are; a measure of a country pair is never added over
pairs; the board says how many events its monthly chart leaves out; a chart made by hand on a
new dataset starts from a column that puts nothing on a day it does not know.
(bench/bi-check renders the same bundle in a real Superset.)"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from bi_facts import document, event
from sqlalchemy import Engine, text

from etl.article import DecodedArticle
from etl.extract.extractor import extract
from etl.facts import EventParticipant
from etl.ingest.parse import parse
from etl.load import corpus, loader

BUNDLE = Path(__file__).resolve().parent.parent / "bi" / "superset"
GRAINS = {"P1D": "day", "P1W": "week", "P1M": "month", "P1Y": "year"}
RAW_DATES = {"start_date", "end_date", "published_on"}


def _yaml(kind: str) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text()) for p in sorted((BUNDLE / kind).rglob("*.yaml"))]


DATASETS = {d["uuid"]: d for d in _yaml("datasets")}
CHARTS = {c["slice_name"]: c for c in _yaml("charts")}
(BOARD,) = _yaml("dashboards")


def _view(chart: dict[str, Any]) -> str:
    return DATASETS[chart["dataset_uuid"]]["table_name"]


def _condition(f: dict[str, Any]) -> str:
    assert f["expressionType"] == "SIMPLE" and f["clause"] == "WHERE", f
    assert f["operator"] in ("IS NOT NULL", "IS NULL"), f  # what the bundle uses; extend here
    return f"{f['subject']} {f['operator']}"


def chart_sql(view: str, form: dict[str, Any]) -> str:
    """The query Superset runs for a chart of these params (the parts the bundle uses)."""
    where = [_condition(f) for f in form.get("adhoc_filters", [])]
    if form["viz_type"] == "table" and form.get("query_mode") == "raw":
        select, dims = list(form["all_columns"]), 0
    else:
        columns = []
        if form.get("x_axis"):
            x, grain = form["x_axis"], form.get("time_grain_sqla")
            columns.append(f"date_trunc('{GRAINS[grain]}', {x})::date AS {x}" if grain else x)
        columns += form.get("groupby", [])
        metrics = [f'{m["sqlExpression"]} AS "{m["label"]}"' for m in form["metrics"]]
        select, dims = columns + metrics, len(columns)
    query = f"SELECT {', '.join(select)} FROM analytics.{view}"
    if where:
        query += " WHERE " + " AND ".join(where)
    if dims:
        query += " GROUP BY " + ", ".join(str(i) for i in range(1, dims + 1))
    return query + f" LIMIT {form['row_limit']}"


def render(engine: Engine, view: str, form: dict[str, Any]) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(chart_sql(view, form)))]


SIX = ("CHN", "RUS", "KAZ", "IND", "BRA", "ZAF")
NAMES = {"CHN": "China", "RUS": "Russia", "KAZ": "Kazakhstan", "IND": "India",
         "BRA": "Brazil", "ZAF": "South Africa"}  # fmt: skip
COMMUNIQUE = (
    "The leaders of China, Russia, Kazakhstan, India, Brazil and South Africa met in one hall. "
    "Their joint statement listed every capital."
)
TALKS = "Kazakhstan and China held talks in May. The talks covered transit routes."
SIGNING = "China and Russia signed a grain accord that year. Officials called it a start."
UNDATED = "Russia and China kept in touch. Nobody said when they last met."


@pytest.fixture
def board_data(engine: Engine) -> Engine:
    """A communiqué naming six countries (15 pairs) with a six-state summit known to the day;
    talks known to the month; a signing known to the year; an event with no date."""
    countries = [(iso3, NAMES[iso3]) for iso3 in SIX]
    summit = event(
        COMMUNIQUE,
        "summit",
        dt.date(2024, 7, 3),
        "day",
        *(EventParticipant("attendee", country_iso3=c) for c in SIX),
    )
    talks = event(
        TALKS,
        "meeting",
        dt.date(2024, 5, 1),
        "month",
        EventParticipant("counterpart", country_iso3="KAZ"),
        EventParticipant("counterpart", country_iso3="CHN"),
    )
    signing = event(
        SIGNING,
        "signing",
        dt.date(2023, 1, 1),
        "year",
        EventParticipant("signatory", country_iso3="CHN"),
        EventParticipant("signatory", country_iso3="RUS"),
    )
    undated = dataclasses.replace(
        event(
            UNDATED,
            "other",
            dt.date(2000, 1, 1),
            "day",
            EventParticipant("participant", country_iso3="RUS"),
            EventParticipant("participant", country_iso3="CHN"),
        ),
        name="undated contact",
        start_date=None,
        date_precision=None,
    )
    docs = [
        document("communique.txt", COMMUNIQUE, dt.date(2024, 7, 4), {"countries": countries}, [summit]),
        document("talks.txt", TALKS, dt.date(2024, 5, 20),
                 {"countries": [("KAZ", "Kazakhstan"), ("CHN", "China")]}, [talks], "month"),
        document("signing.txt", SIGNING, dt.date(2023, 3, 2),
                 {"countries": [("CHN", "China"), ("RUS", "Russia")]}, [signing]),
        document("undated.txt", UNDATED, None,
                 {"countries": [("RUS", "Russia"), ("CHN", "China")]}, [undated]),
    ]  # fmt: skip
    for doc in docs:
        loader.write_document(engine, doc, "test")
    corpus.finish(engine)
    return engine


BOUNDED = ("documents", "events", "statements")


def _totals(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM documents) AS documents, count(*) AS events,"
                " count(*) FILTER (WHERE date_precision IN ('day', 'month')) AS to_the_month,"
                " count(start_date) AS dated, (SELECT count(*) FROM statements) AS statements"
                " FROM events"
            )
        )
        return dict(row.one()._mapping)


def test_no_shipped_chart_counts_more_documents_or_events_than_there_are(
    board_data: Engine,
) -> None:
    totals = _totals(board_data)
    assert (totals["documents"], totals["events"]) == (4, 4)
    for name, chart in CHARTS.items():
        form = chart["params"]
        for row in render(board_data, _view(chart), form):
            for m in form.get("metrics", []):
                label, value = m["label"], row[m["label"]]
                bound = next((b for b in BOUNDED if b.rstrip("s") in label), "")
                if bound:
                    # A measure added over pairs shows the communiqué as 15 documents.
                    assert value <= totals[bound], (name, label, row)


def test_a_pair_measure_is_shown_per_pair_never_added_over_pairs(board_data: Engine) -> None:
    on_pairs = {n: c for n, c in CHARTS.items() if _view(c) == "bilateral_engagements"}
    assert on_pairs
    for name, chart in on_pairs.items():
        form = chart["params"]
        assert "pair" in form["groupby"] and not form.get("stack"), name
        rows = render(board_data, "bilateral_engagements", form)
        keys = [tuple(r[c] for c in [form.get("x_axis"), "pair"] if c) for r in rows]
        assert len(keys) == len(set(keys)), name  # one value per pair (and year)
    pairs = render(
        board_data,
        "bilateral_engagements",
        CHARTS["Country pairs: events together and documents mentioning both"]["params"],
    )
    by_pair = {r["pair"]: (r["events together"], r["documents mentioning both"]) for r in pairs}
    assert len(by_pair) == 15  # the six countries of the communiqué, two by two
    assert by_pair["China – Kazakhstan"] == (2, 2)  # the summit and the talks
    assert by_pair["China – Russia"] == (3, 3)  # summit, signing, the undated contact
    assert by_pair["Brazil – South Africa"] == (1, 1)


def test_the_board_says_how_many_events_each_chart_counts(board_data: Engine) -> None:
    totals = _totals(board_data)
    monthly = CHARTS["Events per month by type (known to the month)"]["params"]
    yearly = CHARTS["Events per year by type (every dated event)"]["params"]
    assert (monthly["x_axis"], monthly["time_grain_sqla"]) == ("event_month", "P1M")
    assert (yearly["x_axis"], yearly["time_grain_sqla"]) == ("event_year", "P1Y")
    in_months = sum(r["events"] for r in render(board_data, "event_timeline", monthly))
    in_years = sum(r["events"] for r in render(board_data, "event_timeline", yearly))
    assert (in_months, in_years) == (totals["to_the_month"], totals["dated"]) == (2, 3)
    (line,) = render(
        board_data, "event_timeline", CHARTS["Events: how many each chart counts"]["params"]
    )
    assert list(line.values()) == [4, in_months, in_years, 1]


def _first_temporal_column(engine: Engine, view: str) -> str | None:
    """The column Superset makes a new dataset's default time column: its first DATE or
    TIMESTAMP (by position)."""
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = 'analytics' AND table_name = :v"
                " AND (data_type = 'date' OR data_type LIKE 'timestamp%')"
                " ORDER BY ordinal_position LIMIT 1"
            ),
            {"v": view},
        ).scalar()


def test_a_chart_made_by_hand_puts_nothing_on_a_day_it_does_not_know(board_data: Engine) -> None:
    defaults = {
        v: _first_temporal_column(board_data, v)
        for v in ("event_timeline", "event_participation", "documents")
    }
    assert defaults == {
        "event_timeline": "event_day",
        "event_participation": "event_day",
        "documents": "published_day",
    }
    with board_data.connect() as conn:
        views = conn.execute(
            text("SELECT table_name FROM information_schema.views WHERE table_schema = 'analytics'")
        ).scalars()
        assert not {_first_temporal_column(board_data, v) for v in views} & RAW_DATES
    # Superset's defaults: that column on the x axis, a day grain, COUNT(*).
    for grain in ("P1D", "P1M", "P1Y"):
        form = {"viz_type": "echarts_timeseries_bar", "x_axis": "event_day", "row_limit": 100,
                "time_grain_sqla": grain, "groupby": [],
                "metrics": [{"sqlExpression": "COUNT(*)", "label": "n"}]}  # fmt: skip
        rows = {r["event_day"]: r["n"] for r in render(board_data, "event_timeline", form)}
        # Only the summit is known to the day; the year-only signing is on no 1 January.
        assert {k: v for k, v in rows.items() if k} == {
            {"P1D": dt.date(2024, 7, 3), "P1M": dt.date(2024, 7, 1), "P1Y": dt.date(2024, 1, 1)}[
                grain
            ]: 1
        }
    shipped = {d["table_name"]: d["main_dttm_col"] for d in DATASETS.values()}
    assert shipped["event_timeline"] == "event_day"


def test_every_chart_has_a_query_context_for_the_chart_data_api() -> None:
    for name, chart in CHARTS.items():
        assert chart["query_context"], f"{name}: /api/v1/chart/<id>/data/ answers 400 without"
        context = json.loads(chart["query_context"])
        assert context["form_data"]["viz_type"] == chart["viz_type"] == chart["params"]["viz_type"]
        (query,) = context["queries"]
        assert query["row_limit"] == chart["params"]["row_limit"], name
        assert query["metrics"] == chart["params"].get("metrics", []), name


def test_tables_raise_no_false_row_limit_warning_and_show_dates_as_dates(
    board_data: Engine,
) -> None:
    for name, chart in CHARTS.items():
        form = chart["params"]
        if form["viz_type"] == "table":
            # Superset warns "row limit reached" when a table gets as many rows as its limit.
            assert len(render(board_data, _view(chart), form)) < form["row_limit"], name
    fresh = CHARTS["Data freshness"]["params"]
    config = fresh["column_config"]
    assert config["newest_published_on"]["d3TimeFormat"] == "%Y-%m-%d"  # a date, not 00:00:00
    # Short headings, so that the age column fits the tile.
    assert all(len(config[c]["customColumnName"]) <= 16 for c in fresh["all_columns"])


def test_legends_are_not_paged() -> None:
    placed = {
        v["meta"]["uuid"]: v["meta"]["width"]
        for v in BOARD["position"].values()
        if isinstance(v, dict) and v.get("type") == "CHART"
    }
    assert set(placed) == {c["uuid"] for c in CHARTS.values()}  # every chart on the board
    for name, chart in CHARTS.items():
        form = chart["params"]
        if form["viz_type"].startswith("echarts") and form.get("groupby"):
            assert form["show_legend"] and form["legendType"] == "plain", name
            if "event_type" in form["groupby"]:
                # 14 types fit in Superset's two lines of plain legend only at full width.
                assert placed[chart["uuid"]] == 12, name


# Our own readouts: one minister speaks twice, naming three countries in one statement.
SPOKEN = {
    "ports.txt": (
        "Port talks\n\n"
        "LIMA, June 3, 2024 -- Chilean Foreign Minister Lena Ortiz said Chile wants closer port"
        " cooperation with Peru, Bolivia and Ecuador. Ortiz said the talks would resume in"
        " August.\n"
    ),
    "rail.txt": (
        "Rail link\n\n"
        "QUITO, June 9, 2024 -- Ecuadorian Foreign Minister Pablo Vega said Ecuador backs a rail"
        " link to Peru.\n"
    ),
}


def test_the_statements_chart_counts_each_statement_once(engine: Engine) -> None:
    for i, (name, body) in enumerate(SPOKEN.items()):
        article = DecodedArticle(name, str(i) * 64, body)
        assert loader.write_document(engine, extract(parse(article)), "test") == "loaded"
    corpus.finish(engine)
    (name,) = [n for n, c in CHARTS.items() if _view(c) == "statements"]
    rows = render(engine, "statements", CHARTS[name]["params"])
    with engine.connect() as conn:
        expected = dict(
            conn.execute(
                text("SELECT speaker, count(*) FROM analytics.statements GROUP BY speaker")
            ).all()
        )
        named = conn.execute(
            text("SELECT max(array_length(string_to_array(country_codes, '; '), 1))"
                 " FROM analytics.statements")
        ).scalar()  # fmt: skip
    assert named >= 3  # a view with a row per country named would count it three times
    assert {r["speaker"]: r["statements"] for r in rows} == expected
    assert sum(expected.values()) == _totals(engine)["statements"] >= 3
