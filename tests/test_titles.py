"""Headlines versus page furniture, site suffixes, and dates named by transcript titles."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.ingest.titles import (
    headline_rank,
    is_list_item,
    is_navigation,
    is_salutation,
    strip_site_suffix,
    title_record_date,
)


@pytest.mark.parametrize(
    "line",
    [
        "• Home",
        "• Regional Cooperation and Trade Week",
        "Skip to content",
        "Skip to main navigation",
        "Latest News",
        "Hot News",
        "Most Read Stories",
        "Trending Now",
        "Press Releases",
        "World",
        "1",
        "Arabic / French / English",
        "Edition: UK | US | Asia",
        "International EditionEUROPE Deutsch Español",
        "HomeNews and EventsStatements by the Minister",
        "Photo of the signing ceremony",
        "Video: leaders arrive in Lima",
        "3. Ministers pledge aid for flood relief",
    ],
)
def test_navigation_is_not_a_headline(line: str) -> None:
    assert is_navigation(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ministers pledge aid for flood relief",
        "Envoys meet in Geneva; agree on prisoner swap",
        "Why the McDonald report on PowerPoint decks matters",
        "PRESS RELEASE : Ministers sign ferry accord [May 2024]",
        "10 things to know about the Lima summit",
    ],
)
def test_headlines_are_not_navigation(line: str) -> None:
    assert not is_navigation(line)


def test_numbered_list_items() -> None:
    assert is_list_item("Ferry services resume after storm", "4")
    assert is_list_item("Ferry services resume after storm", "4.")
    assert not is_list_item("Ferry services resume after storm", "Home")
    assert not is_list_item("Ferry services resume after storm", None)


def test_headline_rank_prefers_phrases_to_names_and_tag_lists() -> None:
    assert headline_rank("Foreign minister to visit Fiji and Samoa") == 0
    assert headline_rank("Republic of Examplia") == 1  # a name, not a statement
    assert headline_rank("Pacific Fiji Samoa climate finance") == 1  # a tag list


@pytest.mark.parametrize(
    ("title", "site", "h1", "expected"),
    [
        (
            "Ferry deal signed | DW | 19.01.2020",
            "DW.COM",
            None,
            ("Ferry deal signed", "2020-01-19"),
        ),
        ("Ferry deal signed - Xinhua", None, None, ("Ferry deal signed", None)),
        ("Ferry deal signed | Reuters", None, None, ("Ferry deal signed", None)),
        ("Ferry deal signed | Example Herald", "Example Herald", None, ("Ferry deal signed", None)),
        (
            "Ferry deal signed - Pacific Notes",
            None,
            "Ferry deal signed",
            ("Ferry deal signed", None),
        ),
        ("Kyiv - Moscow talks resume", None, None, ("Kyiv - Moscow talks resume", None)),
    ],
)
def test_strip_site_suffix(
    title: str, site: str | None, h1: str | None, expected: tuple[str, str | None]
) -> None:
    headline, date = strip_site_suffix(title, site, h1)
    assert (headline, date[0].isoformat() if date else None) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Spokesperson Ana Ruiz's Regular Press Conference on October 25, 2018",
            dt.date(2018, 10, 25),
        ),
        ("Spokesperson Li Ming's Daily Briefing Online on February 3, 2020", dt.date(2020, 2, 3)),
        ("Spokesperson Li Ming's Remarks on 6 August 2019", dt.date(2019, 8, 6)),
        ("Press Briefing by the Minister on March 4, 2021.", dt.date(2021, 3, 4)),
        ("Regular Press Conference on June11, 2018", dt.date(2018, 6, 11)),
        # Not a record of a dated occasion, or no full date at its end:
        ("Leaders to meet on May 5, 2024", None),
        ("Remarks on the trade talks", None),
        ("Regular Press Conference on September 10", None),
        ("Press conference on May 5, 2024 postponed", None),
    ],
)
def test_title_record_date(title: str, expected: dt.date | None) -> None:
    found = title_record_date(title)
    assert (found[0] if found else None) == expected


def test_glued_site_suffix() -> None:
    assert strip_site_suffix("Ministers pledge aid for flood relief-Xinhua")[0] == (
        "Ministers pledge aid for flood relief"
    )
    assert strip_site_suffix("Talks on India-Pakistan ties")[0] == "Talks on India-Pakistan ties"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Your Excellency, Madam President of the General Assembly,", True),
        ("Mr. President, distinguished delegates", True),
        ("In the name of God, the Most Gracious", True),
        ("On behalf of the Government of Examplia, I congratulate you", True),
        ("I congratulate Her Excellency on assuming the presidency", True),
        ("Thank you, Chair.", True),
        ("President meets envoys of the General Assembly", False),
        ("Ferry ministers thank Examplia for its help", False),
    ],
)
def test_speech_salutations(line: str, expected: bool) -> None:
    assert is_salutation(line) is expected
