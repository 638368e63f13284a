"""Recognising non-body lines one at a time."""

from __future__ import annotations

import pytest

from etl.ingest.boilerplate import (
    classify_line,
    editor_note,
    is_breadcrumb,
    is_caption,
    is_widget,
    source_credit,
)


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Share this story",
        "Share on WhatsApp",
        "Facebook Twitter LinkedIn Email",
        "Twitter | Facebook | Telegram",
        "Comments",
        "12 Comments",
        "Leave a comment",
        "3 Min Read",
        "10 min read",
        "Print",
        "Follow us on Telegram",
        "Advertisement",
        "Also Read: Seoul and Tokyo resume shuttle diplomacy",
        "Tags: ASEAN, diplomacy",
        "© 2024 Example Media Group. All rights reserved.",
        "<Print This Page>",
        "Your email address will not be published. Required fields are marked *",
        "For more news, please visit our website and follow our channels",
        "Share - WeChat",
        "Editor: Li Hua",
        "___",
        "* * *",
        "Reporting by Jane Roe; Editing by John Doe",
        "Associated Press writer Sam Poe contributed to this report.",
    ],
)
def test_widgets(line: str) -> None:
    assert is_widget(line)
    assert classify_line(line) == "widget"


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in Asia rose on Monday after the talks ended without a deal.",
        "Print media in the region covered the summit extensively.",
        "Comments by the minister drew a sharp response from Tokyo.",
        "Follow-up talks are planned for next month.",
    ],
)
def test_prose_is_not_widget(line: str) -> None:
    assert not is_widget(line)
    assert classify_line(line) == "body"


@pytest.mark.parametrize(
    "line",
    [
        "Home > World > Asia",
        "Home / Diplomacy",
        "Home » News",
        "Home World Leaders gather in Lima for the APEC summit",
    ],
)
def test_breadcrumbs(line: str) -> None:
    assert is_breadcrumb(line)


def test_home_in_prose_is_not_breadcrumb() -> None:
    assert not is_breadcrumb("Home Affairs Minister Amit Shah met the delegation.")
    assert not is_breadcrumb("Home to 20 million people, the city hosted the forum.")


@pytest.mark.parametrize(
    "line",
    [
        "Leaders pose for a group photo in Astana, Kazakhstan, July 4, 2024. [Xinhua/Zhang San]",
        "Delegates arrive at the venue. [Photo/Agencies]",
        "The two ministers shake hands before talks in Ankara. (AP Photo/Jane Roe)",
        "The two ministers shake hands before talks in Ankara. (AP Photo)",
        "The foreign minister speaks in Geneva. | Photo Credit: Reuters",
        "Photo: The summit venue in Kazan",
        "File photo of the Great Hall of the People",
        "This photo taken on May 3 shows the harbour of Gwadar.",
        "Visitors tour the expo on Sunday. The picture shows a robot arm. Reporter Wang Lu/Photograph",
        "The delegations meet in Hanoi (Xinhua/Li Hua)",
    ],
)
def test_captions(line: str) -> None:
    assert is_caption(line)
    assert classify_line(line) == "caption"


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the talks (held behind closed doors) were useful.",
        "Xinhua reported that the two sides signed five agreements.",
        "He showed reporters a photo of the signing ceremony.",
    ],
)
def test_prose_is_not_caption(line: str) -> None:
    assert not is_caption(line)


def test_editor_note() -> None:
    assert editor_note("Editor’s note: Example TV presents a series on trade.") == (
        "Example TV presents a series on trade."
    )
    assert (
        editor_note("(Editor's Note: The author is a researcher.)") == "The author is a researcher."
    )
    assert editor_note("The editor noted the change.") is None
    assert classify_line("Editors' note: This story has been updated.") == "editor_note"


def test_source_credit() -> None:
    assert source_credit("Source: Kyodo") == "Kyodo"
    assert source_credit("Sources said the deal was close.") is None
    assert classify_line("Source: Xinhua") == "source"


def test_page_furniture_of_news_sites_is_not_body() -> None:
    from etl.ingest.boilerplate import classify_line

    for line in (
        "Loading weather data ...",
        "Loading map data…",
        "(Additional reporting by Ana Ruiz and Li Wei in MADRID; Editing by Tom Holt)",
        "Ministers met in Lima to talk about ports and shipping costs. Full Article",
    ):
        assert classify_line(line) == "widget", line
    assert classify_line("Loading of the cargo resumed on Monday after the strike ended.") == "body"


def test_a_list_of_other_stories_goes_with_its_heading() -> None:
    from etl.ingest.parse import split_body

    lines = [
        "The talks ended on Friday with a plan for a second round.",
        "Trending On Meridian",
        "Markets",
        "World News",
        "Officials said the next round would be held in Lima in the spring.",
    ]
    body, _ = split_body(lines)
    assert body == [lines[0], lines[4]]
    # Without the heading, a short line is the article's own (a subheading).
    assert split_body(["Markets", lines[0]])[0] == ["Markets", lines[0]]
