"""Header extraction from the first lines of an article."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.ingest.bylines import (
    clean_author,
    parse_agency_line,
    parse_author_in_place,
    parse_byline,
)
from etl.ingest.datelines import place_case, split_dateline
from etl.ingest.issuers import (
    masthead_outlet,
    outlet_from_note,
    parse_publisher_statement,
    trailing_credit,
)
from etl.ingest.metadata import split_header
from etl.ingest.names import looks_like_person
from etl.ingest.outlets import canonical_outlet, find_outlet, known_outlet
from etl.ingest.published import parse_meta_line
from etl.ingest.titles import is_title_like

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


def test_dateline_keeps_its_date() -> None:
    assert split_dateline("Lima, Nov. 14 (Xinhua) -- Leaders arrived for APEC.").date == "Nov. 14"
    assert split_dateline("KAZAN -- Leaders gathered on Tuesday for the summit.").date is None


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


# --------------------------------------------------------------------------------------------
# Messy pages: menus, metadata lines, mastheads, publisher statements


@pytest.mark.parametrize(
    ("line", "published", "outlet", "authors"),
    [
        ("Xinhua) 08:08, April 16, 2025", dt.date(2025, 4, 16), "Xinhua", []),
        ("October 28, 2023, 9:47 AM ET", dt.date(2023, 10, 28), None, []),
        ("12 Mar, 2022 | Source:Xinhua | Hits:5120", dt.date(2022, 3, 12), "Xinhua", []),
        ("From:新华网 | Date Add in:2023-05-02 09:10:00", dt.date(2023, 5, 2), "Xinhua", []),
        ("Updated: May 2, 2021 Source: example.gov.xy", dt.date(2021, 5, 2), "example.gov.xy", []),
        ("Maria Santos • 3 June 2022 10:15", dt.date(2022, 6, 3), None, ["Maria Santos"]),
        ("02.05.2021 - Press release", dt.date(2021, 5, 2), None, []),
        ("Published : Jan. 4, 2024 - 10:05", dt.date(2024, 1, 4), None, []),
        ("Friday, May 3, 2019, 4:10 p.m. Geneva, Switzerland", dt.date(2019, 5, 3), None, []),
        (
            "May 5, 2022 at 2:30 pm | Published in: Asia, Europe & Russia, News",
            dt.date(2022, 5, 5),
            None,
            [],
        ),
        ("08:15 GMT 04.02.2024 (Updated: 09:00 GMT 04.02.2024)", dt.date(2024, 2, 4), None, []),
        (
            "Source: Ministry of Fisheries The Republic of Examplia | 2023-02-01",
            dt.date(2023, 2, 1),
            "Ministry of Fisheries",
            [],
        ),
    ],
)
def test_metadata_lines(
    line: str, published: dt.date, outlet: str | None, authors: list[str]
) -> None:
    meta = parse_meta_line(line)
    assert meta is not None
    assert meta.published == (published, "day")
    assert (meta.outlet, meta.authors) == (outlet, authors)


@pytest.mark.parametrize(
    "line",
    [
        "On 5 May 2024 the two sides signed a ferry agreement.",
        "5 May 2024, the two sides signed a ferry agreement in the capital.",
        "Leaders to meet on May 5, 2024",
        "Ministers sign ferry accord [May 2024]",
        BODY,
    ],
)
def test_sentences_and_headlines_with_dates_are_not_metadata_lines(line: str) -> None:
    assert parse_meta_line(line) is None


def test_publisher_statements() -> None:
    assert parse_publisher_statement(
        "The press release issued by the Ministry of Ports on 4 May 2023."
    ) == ("Ministry of Ports", (dt.date(2023, 5, 4), "day"))
    assert parse_publisher_statement(
        "Example Office published this content on March 2, 2024, and is solely responsible."
    ) == ("Example Office", (dt.date(2024, 3, 2), "day"))
    assert parse_publisher_statement("The statement was read out on Monday.") is None


def test_masthead_lines() -> None:
    assert masthead_outlet("Ministry of Foreign Affairs") == "Ministry of Foreign Affairs"
    assert masthead_outlet("U.S. Department of Commerce") == "U.S. Department of Commerce"
    assert masthead_outlet("Federal Foreign Office") == "Federal Foreign Office"
    assert masthead_outlet("Examplenews.com") == "Examplenews.com"
    assert masthead_outlet("https://www.dw.com/en/some-story/a-1") == "Deutsche Welle"
    assert masthead_outlet("The Ministry") is None  # a menu item
    assert masthead_outlet("Office of the Spokesperson") is None  # a desk
    assert masthead_outlet("Ministers pledge aid for flood relief") is None


def test_trailing_agency_credit() -> None:
    assert trailing_credit("Both leaders will meet again in May. - Bernama") == "Bernama"
    assert trailing_credit("The talks ended late. —AFP") == "AFP"
    assert trailing_credit("Talks - a first since 2019 - ended.") is None
    assert trailing_credit("He met Example Person - the envoy") is None


@pytest.mark.parametrize(
    ("author", "outlet", "expected"),
    [
        ("Deutsche Welle (www.dw.com)", "Deutsche Welle", None),
        ("Ana Ruiz and Tom Baker, CNN", "CNN", "Ana Ruiz and Tom Baker"),
        ("Ana Ruiz, Example Herald", "Example Herald", "Ana Ruiz"),
        ("Reuters", None, None),
        ("Ana Ruiz", "CNN", "Ana Ruiz"),
        (None, "CNN", None),
        ("Office of the Spokesperson", None, None),
        ("U.S. Department of Commerce", None, None),
        ("Ana Ruiz, Department Spokesperson", None, "Ana Ruiz"),
        (
            "Ana Ruiz, Minister of Ports, Tom Baker, Examplian Ferry Minister",
            None,
            "Ana Ruiz and Tom Baker",
        ),
        ("Mohammed bin Rashid Al Example", None, "Mohammed bin Rashid Al Example"),
    ],
)
def test_outlets_are_never_authors(
    author: str | None, outlet: str | None, expected: str | None
) -> None:
    assert clean_author(author, outlet) == expected


def test_menus_before_the_headline() -> None:
    lines = [
        "Skip to content",
        "Latest News",
        "• Home",
        "• Regional Cooperation and Trade Week",
        "• Publicity Week of Ferry Safety",
        "Ministers pledge aid for flood relief",
        "From:Example Daily | Date Add in:2024-03-08 11:26:00",
        BODY,
    ]
    header, rest = split_header(lines)
    assert header.title == "Ministers pledge aid for flood relief"
    assert header.published == (dt.date(2024, 3, 8), "day")
    assert header.outlet == "Example Daily"
    assert rest == [BODY]


def test_ranked_list_before_the_headline_and_glued_byline() -> None:
    lines = [
        "Most Popular",
        "-",
        "1",
        "Ferry services resume after storm",
        "-",
        "2",
        "Court rules on fishing quota dispute",
        "Ministers pledge aid for flood reliefBy Yonhap",
        "Published : Nov. 6, 2023 - 09:34",
        BODY,
    ]
    header, rest = split_header(lines)
    assert header.title == "Ministers pledge aid for flood relief"
    assert header.outlet == "Yonhap"
    assert header.published == (dt.date(2023, 11, 6), "day")
    assert rest[-1] == BODY


def test_masthead_date_then_headline() -> None:
    lines = [
        "U.S. Department of Commerce",
        "10/22/2024 | Press release | Distributed by Example Wire on 10/22/2024 09:31",
        "Secretary's Call with the Trade Minister of Examplia",
        BODY,
    ]
    header, _ = split_header(lines)
    assert header.outlet == "U.S. Department of Commerce"
    assert header.published == (dt.date(2024, 10, 22), "day")
    assert header.title == "Secretary's Call with the Trade Minister of Examplia"


def test_masthead_name_lines_are_not_the_headline() -> None:
    lines = [
        "Ministry of Foreign Affairs",
        "The Republic of Examplia",
        "Minister Ruiz Chairs the Meeting of the Group of Friends of Ferries",
        "Updated: September 1, 2022 22:40",
        BODY,
    ]
    header, _ = split_header(lines)
    assert header.title == "Minister Ruiz Chairs the Meeting of the Group of Friends of Ferries"
    assert header.outlet == "Ministry of Foreign Affairs"
    assert header.published == (dt.date(2022, 9, 1), "day")


def test_tag_line_between_headline_and_byline() -> None:
    lines = [
        "English",
        "Illustration (Photo:Example.id)",
        "Foreign Minister to Visit Fiji, Samoa",
        "English Pacific Fiji Samoa climate finance",
        "Maria Santos • 3 June 2022 10:15",
        BODY,
    ]
    header, _ = split_header(lines)
    assert header.title == "Foreign Minister to Visit Fiji, Samoa"
    assert (header.author, header.outlet) == ("Maria Santos", None)
    assert header.published == (dt.date(2022, 6, 3), "day")


def test_listing_page_has_no_title_but_a_publisher() -> None:
    lines = [
        "Tag: Ministry of Ports",
        "• PRESS RELEASE : Ports minister meets Examplian counterpart [May 2023]",
        "PRESS RELEASE : Ports minister meets Examplian counterpart [May 2023]",
        "The press release issued by the Ministry of Ports on 4 May 2023.",
        BODY,
    ]
    header, rest = split_header(lines)
    assert header.title is None
    assert header.outlet == "Ministry of Ports"
    assert header.published == (dt.date(2023, 5, 4), "day")
    assert rest[-1] == BODY


def test_site_name_line_and_headline_repeated() -> None:
    lines = [
        "Headlines",
        "FULL TEXT: Chair's statement of the ferry summit",
        "Examplenews.com",
        "FULL TEXT: Chair's statement of the ferry summit",
        "LIMA, Peru — Leaders of the region agreed on Saturday to expand ferry links.",
    ]
    header, rest = split_header(lines)
    assert header.title == "FULL TEXT: Chair's statement of the ferry summit"
    assert header.outlet == "Examplenews.com"
    assert rest[0].startswith("Leaders of the region")


def test_byline_over_several_lines() -> None:
    header, rest = split_header(
        ["Ministers pledge aid for flood relief", "By", "John Smith", "and Jane Doe", BODY]
    )
    assert header.author == "John Smith and Jane Doe"
    assert rest == [BODY]
    header, _ = split_header(
        ["Ministers pledge aid for flood relief", "By Ana Ruiz", "and Tom Baker", BODY]
    )
    assert header.author == "Ana Ruiz and Tom Baker"


def test_agency_between_dashes_and_signature_at_the_end() -> None:
    dateline = split_dateline("LIMA, Peru — (AP) — Leaders wrapped up the summit on Saturday.")
    assert dateline is not None
    assert (dateline.place, dateline.outlet) == ("Lima, Peru", "AP")
    assert split_dateline("KAZAN -- (Photo) -- Leaders gathered on Tuesday.") is None
    header, _ = split_header([BODY, "The delegation returns on Friday. - Bernama"])
    assert header.outlet == "Bernama"


def test_day_first_dated_dateline_and_dashed_dates() -> None:
    dateline = split_dateline("ABU DHABI, 3rd January, 2024 (WAM) -- The two sides signed a deal.")
    assert dateline is not None
    assert (dateline.place, dateline.outlet) == ("Abu Dhabi", "WAM")
    assert dateline.published == (dt.date(2024, 1, 3), "day")
    header, _ = split_header(
        ["Ministers pledge aid for flood relief", "CGTN | Updated 12:05, 03-Jan-2024", BODY]
    )
    assert (header.outlet, header.published) == ("CGTN", (dt.date(2024, 1, 3), "day"))


def test_statement_title_names_its_issuer() -> None:
    lines = ["Federal Ports Office on the joint call of the three ferry ministers", BODY]
    header, _ = split_header(lines)
    assert header.outlet == "Federal Ports Office"
    header, _ = split_header(["Statement by the Ministry of Ports on the strike", BODY])
    assert header.outlet == "Ministry of Ports"
    header, _ = split_header(["Ministers agree on ferry links", BODY])
    assert header.outlet is None
    header, _ = split_header(["Office of the Spokesperson on the ferry strike", BODY])
    assert header.outlet is None


def test_bracketed_country_and_shared_agency_datelines() -> None:
    dateline = split_dateline("New Delhi [India], June 27 (ANI/WAM): The two ministers met.")
    assert dateline is not None
    assert (dateline.place, dateline.outlet) == ("New Delhi, India", "ANI")
    assert dateline.rest == "The two ministers met."


def test_page_title_with_glued_site_suffix_and_prose_with_slashes() -> None:
    lines = [
        "Ministers pledge aid for flood relief-Xinhua",
        "Ministers pledge aid for flood relief",
        "Source: Xinhua",
        "2022-12-12 19:15:00",
        "HARBOUR CITY, (Example Wire / Pacific Notes / WAM) The ferry ministers of the two island"
        " states met on Monday and agreed on a timetable.",
    ]
    header, rest = split_header(lines)
    assert header.title == "Ministers pledge aid for flood relief"
    assert (header.outlet, header.published) == ("Xinhua", (dt.date(2022, 12, 12), "day"))
    assert rest[-1] == lines[-1]  # a sentence is never a menu, whatever its slashes


def test_promotion_above_the_headline_and_credit_under_it() -> None:
    lines = [
        "Exclusive: These readers are making a difference. And you can, too",
        "Nation & World News",
        "Ferry ministers meet in Lima ahead of the regional summit",
        "By ANA RUIZ – Associated Press",
        "WASHINGTON (AP) — The ferry ministers of the region met on Monday in Lima.",
    ]
    header, _ = split_header(lines)
    assert header.title == "Ferry ministers meet in Lima ahead of the regional summit"
    assert (header.author, header.outlet) == ("Ana Ruiz", "AP")


def test_spokesperson_desk_and_institution_under_the_headline() -> None:
    lines = [
        "Deputy Secretary's Meeting with the Ferry Minister of Examplia",
        "By Office of the Spokesperson",
        "U.S. Department of Commerce",
        BODY,
    ]
    header, rest = split_header(lines)
    assert header.title == "Deputy Secretary's Meeting with the Ferry Minister of Examplia"
    assert (header.author, header.outlet) == (None, "U.S. Department of Commerce")
    assert rest == [BODY]


def test_date_line_closing_the_story() -> None:
    header, _ = split_header(["Ferry ministers meet in Lima", BODY, "- 14 November 2024, 04:46"])
    assert header.published == (dt.date(2024, 11, 14), "day")
    header, _ = split_header(["Ferry ministers meet in Lima", BODY, "He left on 14 November 2024."])
    assert header.published is None


def test_speech_opening_is_not_a_title() -> None:
    lines = ["Mr. President,", "Your Excellencies, ladies and gentlemen,", BODY]
    header, rest = split_header(lines)
    assert header.title is None
    assert rest[-1] == BODY


def test_byline_fields_after_a_bar_are_not_authors() -> None:
    byline = parse_byline("Written by Ana Ruiz | New Delhi | Updated: June 5, 2022 13:12 IST")
    assert byline is not None
    assert (byline.authors, byline.dateline) == (["Ana Ruiz"], "New Delhi")
    assert byline.published == (dt.date(2022, 6, 5), "day")
    shared = parse_byline("By Ana Ruiz, Tom Baker | Reuters")
    assert shared is not None
    assert (shared.authors, shared.outlet) == (["Ana Ruiz", "Tom Baker"], "Reuters")


def test_name_line_over_a_date_is_a_byline() -> None:
    header, rest = split_header(["Ferry ministers meet in Lima", "Ana Ruiz", "June 5, 2022", BODY])
    assert (header.title, header.author) == ("Ferry ministers meet in Lima", "Ana Ruiz")
    assert rest == [BODY]
    header, _ = split_header(
        ["Ferry ministers meet in Lima", "Ana Ruiz, Staff Writer", "June 5, 2022", BODY]
    )
    assert header.author == "Ana Ruiz"
    header, _ = split_header(["Ferry ministers meet in Lima", "Tom Baker", BODY])
    assert header.author is None  # a name with no credit after it is not known to be a byline
