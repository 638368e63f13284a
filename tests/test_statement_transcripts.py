"""Transcripts whose questions are labelled by the asker's outlet and whose answers by the
spokesperson's name, and a page of one answer (GUIDELINES.md: a transcript turn is a
statement, questions are not). Every sentence is our own."""

from __future__ import annotations

import datetime as dt

from etl.extract.extractor import extract_facts
from etl.facts import Statement

PUBLISHED = dt.date(2023, 6, 14)
TITLE = "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on June 13, 2023"


def statements(text: str, title: str | None = TITLE) -> list[Statement]:
    facts = extract_facts(text, published_on=PUBLISHED, published_precision="day", title=title)
    for s in facts.statements:
        assert text[s.start : s.end] == s.content
    return list(facts.statements)


OUTLET_LABELLED = (
    "Mao Ning: The ferry line between the two ports will reopen on Monday.\n\n"
    "Harbour Daily: The mayor of Lima said yesterday that the port deal is stalled. Do you "
    "have any comment?\n\n"
    "Mao Ning: The port deal is going well. Both sides are satisfied with its progress.\n\n"
    "Coastal Radio: A follow-up. Will the minister visit the port next month?\n\n"
    "Mao Ning: We will release information in due course."
)


def test_an_outlet_labelled_question_is_no_statement_and_no_part_of_the_answer_before_it() -> None:
    found = statements(OUTLET_LABELLED)
    assert [(s.speaker, s.mode) for s in found] == [("Mao Ning", "direct")] * 3
    assert found[0].content == "The ferry line between the two ports will reopen on Monday."
    assert found[1].content == (
        "The port deal is going well. Both sides are satisfied with its progress."
    )
    # Nothing the question reports ("the mayor of Lima said ...") is a statement.
    assert not any("stalled" in s.content or "next month" in s.content for s in found)


def test_an_unknown_label_that_asks_nothing_is_not_made_a_question() -> None:
    # A label of nobody known stays text unless its turn asks something.
    text = (
        "SECRETARY BLINKEN: The talks went well and will resume soon.\n\n"
        "Note: The remarks were delivered in a hall near the harbour.\n\n"
        "SECRETARY BLINKEN: Thank you all for coming this morning."
    )
    found = statements(text, title="Secretary Antony Blinken at a Press Availability")
    assert [s.speaker for s in found] == ["Antony Blinken", "Antony Blinken"]
    assert "delivered in a hall" in found[0].content


def test_a_page_of_one_answer_is_the_titled_spokespersons_statement() -> None:
    found = statements(
        "A: The joint drill is a routine exchange between the two navies. I'd refer you to "
        "the defense ministry for the details, which it will give this afternoon."
    )
    assert [(s.speaker, s.mode) for s in found] == [("Mao Ning", "direct")]
    assert found[0].content.startswith("The joint drill is a routine exchange")


def test_expressed_concern_about_a_topic_gives_the_topic_as_content() -> None:
    found = statements(
        "Secretary of State Antony Blinken spoke today with Minister Ana Ruiz. Secretary Blinken "
        "also expressed concern with the situation the valley's farmers are enduring and "
        "reiterated the United States' support for rebuilding the valley's roads.",
        title="Secretary Blinken's Call with Minister Ruiz",
    )
    assert [(s.speaker, s.cue, s.content) for s in found] == [
        (
            "Antony Blinken",
            "expressed concern",
            "with the situation the valley's farmers are enduring",
        ),
        (
            "Antony Blinken",
            "reiterated",
            "the United States' support for rebuilding the valley's roads",
        ),
    ]
