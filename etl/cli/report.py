"""`diplo report`: the HTML report, filtered as `diplo events` is."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.cli.shared import (
    CountryOption,
    PersonOption,
    SinceOption,
    TypeOption,
    UntilOption,
    country_filter,
    event_filters,
    handles_errors,
    out,
    state,
)
from etl.errors import ConfigError
from etl.outputs import report as html_report
from etl.outputs.report.data import ReportFilters


@handles_errors
def report(
    out_path: Annotated[
        Path, typer.Option("--out", "-o", dir_okay=False, help="The HTML file to write.")
    ],
    country: CountryOption = None,
    person: PersonOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    network_people: Annotated[
        bool,
        typer.Option("--network-people", help="Draw people, not only countries, in the network."),
    ] = False,
) -> None:
    """Write a self-contained HTML report (charts and tables, no network needed to open it).

    Filters work as in `diplo events`: events match all of them; documents match the
    country, person and publication dates.
    """
    first, last = event_filters(event_type, since, until)
    if not out_path.parent.is_dir():
        raise ConfigError(f"no such directory: {out_path.parent}")
    engine = state.engine()
    iso3 = country_filter(engine, country) if country else None
    labels = {
        name: value
        for name, value in (
            ("country", f"{country} ({iso3})" if country else None),
            ("person", person),
            ("type", event_type),
            ("since", first.isoformat() if first else None),
            ("until", last.isoformat() if last else None),
        )
        if value
    }
    filters = ReportFilters(
        country=iso3,
        person=person,
        event_type=event_type,
        since=first,
        until=last,
    )
    result = html_report.build(
        engine,
        out_path,
        filters,
        filter_labels=labels,
        network_people=network_people,
        source=engine.url.database or "",
    )
    out.print(
        f"Wrote {result.path} ({result.size_bytes / 1e6:.1f} MB, {result.documents:,} documents, "
        f"{result.events:,} events, {result.charts} charts) in {result.seconds:.1f} s",
        markup=False,
    )
