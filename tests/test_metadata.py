"""Header extraction from the first lines of an article."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.ingest.metadata import (
    canonical_outlet,
    find_outlet,
    is_title_like,
    known_outlet,
    looks_like_person,
    outlet_from_note,
    parse_agency_line,
    parse_author_in_place,
    parse_byline,
    place_case,
    split_dateline,
    split_header,
)

BODY = "The two foreign ministers met in Geneva on Monday to discuss the ceasefire."


def test_outlet_aliases_are_canonical() -> None:
    assert known_outlet("Associated Press") == "AP"
    assert known_outlet("people’s daily") == "People's Daily"
    assert known_outlet("The Straits Times") == "The Straits Times"
    assert known_outlet("Straits Times") == "The Straits Times"
    assert known_outlet("Ministry of Foreign Affairs") is None
    assert canonical_outlet("Kyodo News") == "Kyodo"
    assert canonical_outlet("Example Herald’s Weekly") == "Example Herald's Weekly"
    assert find_outlet("a report carried by Yonhap News Agency on Friday") == "Yonhap"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Maria Santos", True),
        ("Li Xiao-ming", True),
        ("Ana de la Cruz", True),
        ("George W. Bush", True),
        ("Dr. Amina Yusuf", True),
        ("Reuters", False),
        ("Staff Reporter", False),
        ("Daily Mirror", False),
        ("the end of 2024", False),
    ],
)
def test_looks_like_person(name: str, expected: bool) -> None:
    assert looks_like_person(name) is expected


def test_byline_author_and_outlet() -> None:
    byline = parse_byline("By Chen Mei, China Daily")
    assert byline is not None
    assert byline.authors == ["Chen Mei"]
    assert byline.outlet == "China Daily"


def test_byline_single_token_is_an_outlet() -> None:
    byline = parse_byline("by NewsNow")
    assert byline is not None
    assert (byline.authors, byline.outlet) == ([], "NewsNow")


def test_byline_agency_with_date() -> None:
    byline = parse_byline("By Reuters Published Date - 08:10 AM, Wed - 3 May 23")
    assert byline is not None
    assert byline.outlet == "Reuters"
    assert byline.authors == []
    assert byline.published == (dt.date(2023, 5, 3), "day")


def test_byline_author_in_place_and_desk() -> None:
    byline = parse_byline("By Tom Baker in Nairobi")
    assert byline is not None
    assert (byline.authors, byline.dateline) == (["Tom Baker"], "Nairobi")
    desk = parse_byline("By Staff Reporter, Example Times")
    assert desk is not None
    assert (desk.authors, desk.outlet) == ([], "Example Times")
    two = parse_byline("By Sara Lee and Omar Haddad")
    assert two is not None
    assert two.authors == ["Sara Lee", "Omar Haddad"]


@pytest.mark.parametrize(
    "line", ["By the end of 2024, trade had doubled.", "By then the talks had collapsed", "By"]
)
def test_by_in_prose_is_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_agency_lines() -> None:
    assert parse_agency_line("IANS New Delhi") == ("IANS", "New Delhi", None)
    assert parse_agency_line("AFP | Paris") == ("AFP", "Paris", None)
    assert parse_agency_line("Reuters") == ("Reuters", None, None)
    assert parse_agency_line("Kyodo, 21 May 2023") == ("Kyodo", None, (dt.date(2023, 5, 21), "day"))
    assert parse_agency_line("Reuters reported the deal on Friday.") is None


def test_author_in_place() -> None:
    assert parse_author_in_place("Kwame Mensah in ACCRA, Ghana") == ("Kwame Mensah", "Accra, Ghana")
    assert parse_author_in_place("Xi Jinping in Moscow") is None  # a headline, not a byline


@pytest.mark.parametrize(
    ("line", "place", "outlet", "rest"),
    [
        (
            "HANOI | VNA | Vietnam and Laos agreed to deepen ties.",
            "Hanoi",
            "Vietnam News Agency",
            "Vietnam",
        ),
        ("KAZAN -- Leaders gathered on Tuesday for the summit.", "Kazan", None, "Leaders"),
        ("NEW DELHI – India and Japan held talks.", "New Delhi", None, "India"),
        ("WASHINGTON (AP) — The envoy arrived on Monday.", "Washington", "AP", "The"),
        ("GENEVA, June 3 (Reuters) - Diplomats met again.", "Geneva", "Reuters", "Diplomats"),
        ("Lima, Nov. 14 (Xinhua) -- Leaders arrived for APEC.", "Lima", "Xinhua", "Leaders"),
        ("Nairobi: Kenya and Ethiopia signed a deal on Friday.", "Nairobi", None, "Kenya"),
    ],
)
def test_datelines(line: str, place: str, outlet: str | None, rest: str) -> None:
    dateline = split_dateline(line)
    assert dateline is not None
    assert (dateline.place, dateline.outlet) == (place, outlet)
    assert dateline.rest.startswith(rest)


@pytest.mark.parametrize(
    "line",
    [
        "Note: The figures were revised on Monday.",
        "UN - a body of 193 members - voted.",
        "The minister - who arrived late - spoke.",
        "EXCLUSIVE - The ministers will meet in May.",
    ],
)
def test_not_datelines(line: str) -> None:
    assert split_dateline(line) is None


def test_place_case() -> None:
    assert place_case("XI'AN") == "Xi'an"
    assert place_case("ST PETERSBURG, Russia") == "St Petersburg, Russia"
    assert place_case("Beijing") == "Beijing"
    assert place_case("BEIJING/TOKYO") == "Beijing/Tokyo"


def test_title_like() -> None:
    assert is_title_like("Leaders vow closer ties at Lima summit")
    assert is_title_like("What next for the Iran deal?")
    assert not is_title_like(BODY)
    assert not is_title_like("Talks")
    assert not is_title_like("The following are the main points:")


def test_outlet_from_editor_note() -> None:
    assert outlet_from_note("Example TV presents a series on trade.") == "Example TV"
    assert outlet_from_note("CGTN presents a series on diplomacy.") == "CGTN"
    note = "The author is a researcher. The views do not necessarily reflect those of Global Times."
    assert outlet_from_note(note) == "Global Times"


def test_header_with_title_date_widget_and_byline() -> None:
    lines = [
        "Leaders vow closer ties at Lima summit",
        "November 15, 2024",
        "Updated 2024/11/16 at 9:00 AM",
        "4 Min Read",
        "By Maria Santos, Xinhua",
        BODY,
        "Second paragraph.",
    ]
    header, rest = split_header(lines)
    assert header.title == "Leaders vow closer ties at Lima summit"
    assert header.published == (dt.date(2024, 11, 15), "day")
    assert (header.outlet, header.author) == ("Xinhua", "Maria Santos")
    assert rest == ["4 Min Read", BODY, "Second paragraph."]  # widgets are left for the filter


def test_update_date_used_when_alone() -> None:
    header, _ = split_header(["Title of the story here", "Updated: March 3, 2022", BODY])
    assert header.published == (dt.date(2022, 3, 3), "day")


def test_store_header_followed_by_title_and_standfirst() -> None:
    lines = [
        "date 2023-06-01 Envoys meet in Geneva; agree on prisoner swap",
        "The talks were the first in a year and ended with a joint statement",
        "IANS Geneva",
        "June 1, 2023 10:02 IST",
        BODY,
    ]
    header, rest = split_header(lines)
    assert header.title == "Envoys meet in Geneva; agree on prisoner swap"
    assert header.published == (dt.date(2023, 6, 1), "day")
    assert (header.outlet, header.dateline, header.author) == ("IANS", "Geneva", None)
    assert rest == [BODY]


def test_store_header_followed_by_body_with_dateline() -> None:
    header, rest = split_header([f"date 2024-03-05 HANOI | VNA | {BODY}", "More text."])
    assert header.title is None
    assert header.published == (dt.date(2024, 3, 5), "day")
    assert (header.outlet, header.dateline) == ("Vietnam News Agency", "Hanoi")
    assert rest == [BODY, "More text."]


def test_breadcrumb_and_repeated_title() -> None:
    lines = [
        "Home World Why the Lima summit matters",
        "Why the Lima summit matters",
        "Why the Lima summit matters",
        "by NewsNow",
        BODY,
    ]
    header, rest = split_header(lines)
    assert header.title == "Why the Lima summit matters"
    assert (header.outlet, header.author) == ("NewsNow", None)
    assert rest == ["Home World Why the Lima summit matters", BODY]


def test_long_first_line_is_body_not_title() -> None:
    header, rest = split_header([BODY, "Another paragraph of text."])
    assert header.title is None
    assert rest[0] == BODY


def test_caption_agency_is_not_the_outlet() -> None:
    lines = [
        "Leaders vow closer ties at Lima summit",
        "Leaders pose in Lima, Nov 15, 2024. [Xinhua/Zhang San]",
        BODY,
    ]
    header, _ = split_header(lines)
    assert header.outlet is None
    assert header.published is None


def test_editor_note_gives_outlet_and_no_title() -> None:
    lines = ["Editor's note: Example TV presents a series on trade policy.", BODY]
    header, rest = split_header(lines)
    assert (header.title, header.outlet) == (None, "Example TV")
    assert rest == lines


def test_title_implied_year_is_not_a_date() -> None:
    header, _ = split_header(["China sets out diplomatic goals for the year 2025", BODY])
    assert header.published is None


def test_more_byline_and_agency_shapes() -> None:
    pipes = parse_byline("By Chen Mei | China Daily | Updated: 2024-01-09 07:12")
    assert pipes is not None
    assert (pipes.authors, pipes.outlet) == (["Chen Mei"], "China Daily")
    assert pipes.published == (dt.date(2024, 1, 9), "day")
    caps = parse_byline("BY SEAN O'BRIEN, Senior Correspondent")
    assert caps is not None
    assert caps.authors == ["Sean O'Brien"]
    assert parse_agency_line("Xinhua | Updated: 2024-01-09 10:00") == (
        "Xinhua",
        None,
        (dt.date(2024, 1, 9), "day"),
    )


def test_posted_on_date_by_author() -> None:
    header, rest = split_header(
        ["Ministers meet in Lima", "Posted on May 2, 2024 by Ana Ruiz", BODY]
    )
    assert header.published == (dt.date(2024, 5, 2), "day")
    assert header.author == "Ana Ruiz"
    assert rest == [BODY]


def test_agency_only_and_colon_datelines() -> None:
    cnn = split_dateline("(CNN) — The envoy arrived in Kyiv on Monday.")
    assert cnn is not None
    assert (cnn.place, cnn.outlet) == (None, "CNN")
    pti = split_dateline("New Delhi, Jan 9 (PTI) India and Japan held talks on Tuesday.")
    assert pti is not None
    assert (pti.place, pti.outlet) == ("New Delhi", "PTI")
    assert split_dateline("Wang Yi: China ready to work with the US") is None  # a headline


def test_disclaimer_names_outlet() -> None:
    lines = [BODY, "The views don't necessarily reflect those of Example Daily."]
    header, _ = split_header(lines)
    assert header.outlet == "Example Daily"


def test_desk_credit_and_place_line() -> None:
    lines = [
        "India and Japan hold maritime dialogue",
        "Special Correspondent",
        "NEW DELHI",
        "10 November 2023 18:02 IST",
        "Updated - 10 November 2023 22:15 IST",
        BODY,
    ]
    header, rest = split_header(lines)
    assert (header.author, header.outlet, header.dateline) == (None, None, "New Delhi")
    assert header.published == (dt.date(2023, 11, 10), "day")
    assert rest == [BODY]
