"""`diplo report`: the numbers follow the filters, dates keep their precision, an empty
database gives a page that says so, and the page renders offline in a real browser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from etl.article import DecodedArticle
from etl.cli import app
from etl.extract.extractor import Extraction, Facts
from etl.facts import Entity, Event, EventParticipant, Mention
from etl.ingest.parse import parse
from etl.load import loader
from etl.load.corpus import finish as finish_corpus_pass
from etl.outputs import report
from etl.outputs.report import charts as report_charts
from etl.outputs.report import data as report_data
from etl.outputs.report import layout
from etl.outputs.report.data import EventMember, EventRow, ReportFilters
from models import EtlRun, RejectedInputRow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _mentions(body: str, word: str) -> tuple[Mention, ...]:
    return tuple(
        Mention(m.start(), m.end(), word) for m in re.finditer(rf"\b{re.escape(word)}\b", body)
    )


def _document(
    source: str,
    body: str,
    published: dt.date | None,
    countries: list[tuple[str, str]],
    people: list[tuple[str, str, str]],
    initiatives: list[tuple[str, str]],
    events: list[Event],
) -> Extraction:
    parsed = parse(DecodedArticle(source, uuid.uuid5(uuid.NAMESPACE_URL, body).hex * 2, body))
    parsed = dataclasses.replace(
        parsed, published_on=published, published_precision="day" if published else None
    )
    entities = [Entity("country", iso3, _mentions(body, word)) for iso3, word in countries]
    entities += [
        Entity("person", name, _mentions(body, word), country_iso3=iso3)
        for name, iso3, word in people
    ]
    entities += [Entity("initiative", name, _mentions(body, word)) for name, word in initiatives]
    return Extraction(parsed, Facts(tuple(entities), tuple(events)))


def _event(
    body: str,
    kind: str,
    name: str,
    day: dt.date,
    precision: str,
    people: list[tuple[str, str]],
    countries: list[str],
) -> Event:
    first = body[: body.index(".")]
    return Event(
        kind,  # type: ignore[arg-type]
        name,
        day,
        None,
        precision,  # type: ignore[arg-type]
        "Astana",
        "KAZ",
        tuple(EventParticipant("counterpart", n, "person", c) for n, c in people)
        + tuple(EventParticipant("participant", country_iso3=c) for c in countries),
        (Mention(0, len(first), first),),
    )


# Sentences written for these tests; not from any article.
A = "Alba Rivers met Bo Stone in Astana on Monday. Ruritania and Kazakhstan praised the Open Seas Plan."
B = "The Kazakhstan summit brought Ruritania and Russia together in 2024. The Open Seas Plan came up."
C = (
    "Undated note: Bo Stone spoke about Kazakhstan. Officials from several ministries then "
    "talked at length about trade, roads and the railway to the coast."
)
HOSTILE = "A </script><script>window.injected=1</script> meeting"


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    alba, bo = ("Alba Rivers", "CHN", "Alba"), ("Bo Stone", "KAZ", "Bo Stone")
    docs = [
        _document(
            "a.txt",
            A,
            dt.date(2024, 3, 5),
            [("CHN", "Ruritania"), ("KAZ", "Kazakhstan")],
            [alba, bo],
            [("Open Seas Plan", "Open Seas Plan")],
            [
                _event(
                    A,
                    "meeting",
                    HOSTILE,
                    dt.date(2024, 3, 4),
                    "day",
                    [("Alba Rivers", "CHN"), ("Bo Stone", "KAZ")],
                    ["CHN", "KAZ"],
                )
            ],
        ),
        _document(
            "b.txt",
            B,
            dt.date(2024, 6, 20),
            [("CHN", "Ruritania"), ("KAZ", "Kazakhstan"), ("RUS", "Russia")],
            [],
            [("Open Seas Plan", "Open Seas Plan")],
            [
                _event(
                    B, "summit", "Steppe Summit", dt.date(2024, 1, 1), "year", [], ["CHN", "RUS"]
                ),
                _event(
                    B, "visit", "Ruritanian visit", dt.date(2024, 5, 1), "month", [], ["CHN", "KAZ"]
                ),
            ],
        ),
        _document("c.txt", C, None, [("KAZ", "Kazakhstan")], [bo], [], []),
    ]
    for doc in docs:
        loader.write_document(engine, doc, "test")
    finish_corpus_pass(engine)
    with Session(engine) as session:
        run = EtlRun(command="load", status="succeeded", extractor_version="test", files_seen=5)
        session.add(run)
        session.flush()
        session.add_all(
            [
                RejectedInputRow(run_id=run.id, source="x.bin", reason="binary content (NUL)"),
                RejectedInputRow(run_id=run.id, source="y.txt", reason="not English (de)"),
                RejectedInputRow(run_id=run.id, source="z.txt", reason="not English (fr)"),
            ]
        )
        session.commit()
    return engine


def _names(data: report_data.ReportData) -> list[str]:
    return sorted(e.name for e in data.events)


def test_filters_select_events_as_diplo_events_does_and_documents_by_country_person_date(
    corpus: Engine,
) -> None:
    everything = report_data.read(corpus, ReportFilters())
    assert _names(everything) == sorted([HOSTILE, "Steppe Summit", "Ruritanian visit"])
    assert (everything.corpus.documents, everything.corpus.undated) == (3, 1)
    assert everything.corpus.rejected_by_reason == (("not English", 2), ("binary content", 1))
    by_country = report_data.read(corpus, ReportFilters(country="RUS"))
    assert _names(by_country) == ["Steppe Summit"]
    assert by_country.corpus.documents == 1  # only b.txt mentions Russia
    by_person = report_data.read(corpus, ReportFilters(person="bo stone"))
    assert _names(by_person) == [HOSTILE]
    assert by_person.corpus.documents == 2  # a.txt and the undated c.txt name him
    by_type = report_data.read(corpus, ReportFilters(event_type="visit"))
    assert _names(by_type) == ["Ruritanian visit"]
    dated = report_data.read(
        corpus, ReportFilters(since=dt.date(2024, 3, 1), until=dt.date(2024, 4, 30))
    )
    assert _names(dated) == [HOSTILE]
    assert dated.corpus.documents == 1
    people = {p.name: (p.events, p.documents) for p in everything.people}
    assert people == {"Alba Rivers": (1, 1), "Bo Stone": (1, 2)}
    countries = {c.iso3: (c.events, c.documents) for c in everything.countries}
    assert countries == {"CHN": (3, 2), "KAZ": (2, 3), "RUS": (1, 1)}
    assert [(i.name, i.documents) for i in everything.initiatives] == [("Open Seas Plan", 2)]


def _row(name: str, day: dt.date | None, precision: str | None, kind: str = "summit") -> EventRow:
    return EventRow(0, kind, name, day, None, precision, None, (), (), (), ())


def test_year_only_events_span_their_year_and_are_never_drawn_on_the_first_of_january() -> None:
    events = [
        _row("a", dt.date(2024, 1, 1), "year"),
        _row("b", dt.date(2024, 1, 1), "year"),
        _row("c", dt.date(2024, 1, 1), "day"),
        _row("d", dt.date(2024, 12, 1), "month"),
        _row("e", None, None),
    ]
    marks = report_charts.time_marks(events)
    assert [(m.precision, m.start, m.end, m.events) for m in marks] == [
        ("day", dt.date(2024, 1, 1), dt.date(2024, 1, 2), (2,)),
        ("month", dt.date(2024, 12, 1), dt.date(2025, 1, 1), (3,)),
        ("year", dt.date(2024, 1, 1), dt.date(2025, 1, 1), (0, 1)),
    ]
    figure, _ = report_charts.timeline_figure(marks, events, None, None)
    traces = {t.name: t for t in figure.data}
    # The only thing drawn as a point on 1 January is the event known to that very day.
    assert list(traces["known to the day"].x) == ["2024-01-01"]
    year = traces["known to the year"]
    assert year.type == "bar" and list(year.base) == ["2024-01-01"]
    assert year.x[0] > 350 * 24 * 3600 * 1000  # most of the year wide
    assert list(year.customdata) == [2]  # the mark holding both year-only events


def test_network_keeps_the_most_engaged_nodes_and_each_ones_strongest_link() -> None:
    # A hub in every event, and 300 countries in one event each with the hub and a neighbour.
    members = []
    for event in range(300):
        members += [
            EventMember(event, "c:HUB", "Hub", "country"),
            EventMember(event, f"c:{event:03d}", f"Country {event:03d}", "country"),
            EventMember(
                event, f"c:{(event + 1) % 300:03d}", f"Country {(event + 1) % 300:03d}", "country"
            ),
        ]
    members.append(EventMember(999, "c:LONE", "Lonely", "country"))
    graph = report_charts.engagement_graph(members, max_nodes=200, max_edges=250)
    assert len(graph.nodes) == 200 and graph.nodes[0].label == "Hub"
    assert graph.total_nodes == 301 and graph.unlinked == 1
    assert len(graph.edges) == 250
    linked = {i for a, b, _ in graph.edges for i in (a, b)}
    assert linked == set(range(200))  # nobody floats free
    assert all(w >= 1 for *_, w in graph.edges)
    spots = report_charts.label_spots([(0.0, 0.0), (0.05, 0.01), (0.5, 0.0), (0.0, 0.5)], 3)
    assert spots == {0, 2, 3}  # the second name would sit on the first


def test_link_widths_follow_where_the_weights_are_and_the_layout_is_stable() -> None:
    # Mostly single shared events and a few heavy pairs: bands cut at the quantiles.
    bands = report_charts.weight_classes([1] * 50 + [2] * 20 + [3] * 10 + [5, 8, 13, 20, 60])
    assert [(low, high) for low, high, _ in bands] == [(1, 1), (2, 2), (3, 5), (6, 60)]
    assert [w for *_, w in bands] == sorted(w for *_, w in bands)
    edges = [(0, i, 10.0) for i in range(1, 30)] + [(30, 31, 1.0)]
    first = layout.spring_layout(32, edges)
    assert first == layout.spring_layout(32, edges)  # the same picture on every run
    assert all(-1.15 <= v <= 1.15 for point in first for v in point)
    hub, pair = first[0], first[30]
    spokes = sum(abs(first[i][0] - hub[0]) + abs(first[i][1] - hub[1]) for i in range(1, 30))
    assert spokes / 29 < abs(pair[0] - hub[0]) + abs(pair[1] - hub[1])  # linked nodes sit closer


def _run(db_url: URL, *args: str) -> tuple[int, str]:
    url = db_url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["--database-url", url, *args])
    return result.exit_code, result.output


def test_empty_database_gives_a_page_that_says_so(
    empty_db_url: URL, db_url: URL, tmp_path: Path
) -> None:
    for url, words in ((empty_db_url, "no diplo tables yet"), (db_url, "holds no documents yet")):
        page = tmp_path / "empty.html"
        code, output = _run(url, "report", "--out", str(page))
        assert code == 0, output
        text = page.read_text(encoding="utf-8")
        assert words in text and "diplo load" in text
        assert "Plotly" not in text and len(text) < 20_000


def test_cli_rejects_bad_options_in_one_line(db_url: URL, tmp_path: Path) -> None:
    out = str(tmp_path / "r.html")
    assert _run(db_url, "report", "--out", out, "--type", "picnic")[0] == 2
    code, output = _run(db_url, "report", "--out", out, "--country", "Atlantis")
    assert code == 2 and "unknown country" in output
    code, output = _run(db_url, "report", "--out", str(tmp_path / "no" / "r.html"))
    assert code == 2 and "no such directory" in output
    assert not list(tmp_path.glob("*.html"))


def test_cli_writes_the_filtered_page_with_plotly_once(
    corpus: Engine, db_url: URL, tmp_path: Path
) -> None:
    page = tmp_path / "ru.html"
    code, output = _run(db_url, "report", "--out", str(page), "--country", "Russia")
    assert code == 0, output
    assert re.search(r"Wrote .*ru\.html \(\d+\.\d MB, 1 documents, 1 events, \d+ charts\)", output)
    text = page.read_text(encoding="utf-8")
    assert text.count("plotly.js v") == 1  # the library once, whatever the number of charts
    assert "Russia (RUS)" in text
    assert "</script><script>window.injected" not in text  # article text cannot end a script
    # A month as both bounds means the whole month, as for `diplo events`.
    code, output = _run(
        db_url, "report", "--out", str(page), "--since", "2024-03", "--until", "2024-03"
    )
    assert code == 0 and "1 documents, 1 events" in output, output
    assert "until <strong>2024-03-31</strong>" in page.read_text(encoding="utf-8")
    assert _run(db_url, "report", "--out", str(page), "--since", "2024-13")[0] == 2


# --- in a real browser ----------------------------------------------------------------------


@pytest.fixture
def browser() -> Iterator[object]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        # Belt and braces: a request that escaped the offline emulation would still fail.
        "--proxy-server=http://127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    yield driver
    driver.quit()


def _open(driver: object, page: Path) -> int:
    """Open ``page`` and wait until its script says every chart is drawn; the chart count."""
    driver.get(page.resolve().as_uri())  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = driver.execute_script(  # type: ignore[attr-defined]
            "return document.body.getAttribute('data-charts-rendered')"
        )
        if done is not None:
            return int(done)
        time.sleep(0.2)
    raise AssertionError("the charts were not drawn within 60 s")


def _requests(driver: object) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_page_renders_every_chart_offline_without_errors_or_requests(
    corpus: Engine, browser: object, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    result = report.build(corpus, page, ReportFilters(), network_people=True)
    figures = json.loads(
        re.search(
            r"<script id='report-data' type='application/json'>(.*?)</script>",
            page.read_text(),
            re.S,
        )
        .group(1)
        .replace("<\\/", "</")
    )["figures"]
    assert result.charts == len(figures) == 8
    assert _open(browser, page) == len(figures)
    drawn = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('div.chart')).map(e => "
        "[e.id, e.getAttribute('data-rendered') === 'true', !!e.querySelector('svg.main-svg'), "
        "(e._fullData || []).length])"
    )
    assert sorted(d[0] for d in drawn) == sorted(f"chart-{k}" for k in figures)
    assert all(rendered and svg and traces > 0 for _, rendered, svg, traces in drawn), drawn
    # Hover text comes from the page's own data, and a click lists the sources.
    hover = browser.execute_script(  # type: ignore[attr-defined]
        "return document.getElementById('chart-timeline')._fullData.map(t => t.hovertext)"
    )
    assert any("Steppe Summit" in text for texts in hover for text in texts)
    browser.execute_script("window.diploShowMark(0)")  # type: ignore[attr-defined]
    details = browser.find_element("id", "event-details").text  # type: ignore[attr-defined]
    assert HOSTILE in details and "Sources:" in details
    assert browser.execute_script("return window.injected") is None  # type: ignore[attr-defined]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == []
    assert [u for u in _requests(browser) if not u.startswith(("file:", "data:", "about:"))] == []


def test_page_fits_a_phone_screen(corpus: Engine, browser: object, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    report.build(corpus, page, ReportFilters())
    browser.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    assert _open(browser, page) > 0
    widths = browser.execute_script(  # type: ignore[attr-defined]
        "return [document.documentElement.scrollWidth, window.innerWidth, "
        "Math.max(...Array.from(document.querySelectorAll('div.chart')).map(e => e.getBoundingClientRect().right))]"
    )
    page_width, screen, rightmost_chart = widths
    assert page_width <= screen and rightmost_chart <= screen  # no sideways scrolling


def test_shared_corpus_page_builds(shared_corpus: Path, engine: Engine, tmp_path: Path) -> None:
    from etl import pipeline

    pipeline.load(engine, [str(shared_corpus)], pipeline.LoadOptions(workers=1))
    result = report.build(engine, tmp_path / "r.html", ReportFilters())
    assert result.documents > 0 and result.events > 0 and result.charts >= 6
