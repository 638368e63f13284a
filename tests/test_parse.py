"""The parse stage end to end, on small hand-written articles."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.article import DecodedArticle, ParsedDocument, RawInput, SourceMeta
from etl.errors import RejectedInput
from etl.ingest.decode import decode
from etl.ingest.parse import parse

ARTICLE = """Home > World > Asia
Envoys from Hanoi and Vientiane agree to expand rail links

March 3, 2024
Updated 2024/03/04 at 7:05 AM
5 Min Read

By Nguyen Thi Lan, Example Times

Share
Facebook Twitter WhatsApp

Two prime ministers meet in Vientiane, March 2, 2024. [Photo/Agencies]

HANOI | VNA | Vietnam and Laos agreed on Saturday to expand rail links between the two  countries.

The agreement was signed by Mr. Pham and H.E. Mr. Sone in the presence of  U.S. observers. Both sides called it historic.

NEXT STEPS

Work will start in 2025, officials said.

Comments
"""


def article(text: str, meta: SourceMeta | None = None) -> DecodedArticle:
    return DecodedArticle("test.txt", "0" * 64, text, meta or SourceMeta())


def test_full_article() -> None:
    doc = parse(article(ARTICLE))
    assert doc.title == "Envoys from Hanoi and Vientiane agree to expand rail links"
    assert (doc.published_on, doc.published_precision) == (dt.date(2024, 3, 3), "day")
    assert (doc.author, doc.outlet, doc.dateline) == ("Nguyen Thi Lan", "Example Times", "Hanoi")
    assert doc.language == "en"
    assert doc.captions == (
        "Two prime ministers meet in Vientiane, March 2, 2024. [Photo/Agencies]",
    )
    assert doc.body == (
        "Vietnam and Laos agreed on Saturday to expand rail links between the two countries.\n\n"
        "The agreement was signed by Mr. Pham and H.E. Mr. Sone in the presence of U.S. observers."
        " Both sides called it historic.\n\n"
        "NEXT STEPS\n\n"
        "Work will start in 2025, officials said."
    )
    assert [doc.body[s.start : s.end] for s in doc.sentences][1:3] == [
        "The agreement was signed by Mr. Pham and H.E. Mr. Sone in the presence of U.S. observers.",
        "Both sides called it historic.",
    ]
    assert len(doc.paragraphs) == 4
    for boilerplate in ("Min Read", "Updated", "Share", "Facebook", "Comments", "HANOI", "By "):
        assert boilerplate not in doc.body


def test_container_metadata_wins() -> None:
    meta = SourceMeta(
        title="Official headline",
        url=" https://example.org/a ",
        published="2024-03-05T10:00:00Z",
        outlet="Associated Press",
        author="Jane Roe",
    )
    doc = parse(article(ARTICLE, meta))
    assert (doc.title, doc.url, doc.outlet, doc.author) == (
        "Official headline",
        "https://example.org/a",
        "AP",
        "Jane Roe",
    )
    assert doc.published_on == dt.date(2024, 3, 5)


def test_unparseable_container_date_is_ignored() -> None:
    doc = parse(article(ARTICLE, SourceMeta(published="sometime last spring")))
    assert doc.published_on == dt.date(2024, 3, 3)


def test_short_english_article_is_accepted() -> None:
    doc = parse(article("Japan and Chile signed a trade pact on Monday. It takes effect in May."))
    assert doc.language == "en"
    assert doc.title is None
    assert len(doc.sentences) == 2


def test_editor_note_is_not_body() -> None:
    text = "Editor's note: Example TV presents a series on trade.\n\nThe ministers met in Lima on Friday."
    doc = parse(article(text))
    assert doc.outlet == "Example TV"
    assert doc.body == "The ministers met in Lima on Friday."


def test_rejects_non_english() -> None:
    text = (
        "Le ministre des Affaires étrangères a rencontré son homologue à Pékin pour discuter de la "
        "coopération entre les deux pays."
    )
    with pytest.raises(RejectedInput, match=r"not English \(detected: fr\)"):
        parse(article(text))


def test_page_in_another_script_is_rejected_for_its_language() -> None:
    # Lines without spaces read as boilerplate to the English line rules; the reason given
    # must still be the language, which a user can act on.
    text = (
        "问：两国外长今天在北京举行会谈，双方讨论了经贸合作。\n\n"
        "答：我们欢迎双方继续加强沟通，推动两国关系健康稳定发展，共同维护地区和平。"
    )
    with pytest.raises(RejectedInput, match=r"not English \(detected: zh\)"):
        parse(article(text))


@pytest.mark.parametrize("text", ["", "   \n\n", "Share\nFacebook Twitter\n5 Min Read\nComments"])
def test_rejects_empty_body(text: str) -> None:
    with pytest.raises(RejectedInput, match="no article text"):
        parse(article(text))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [
                    "By Ann Lee, Reuters",
                    "January 2, 2024",
                    "Share",
                    "BEIJING | Xinhua | The talks went on.",
                    "The ministers met on Friday and agreed on a plan for the region.",
                    "Caption here. [Photo/Xinhua]",
                    "date 2024-01-01 ",
                ]
            ),
        ),
        max_size=12,
    )
)
def test_parse_never_fails_unexpectedly(lines: list[str]) -> None:
    try:
        doc = parse(article("\n".join(lines)))
    except RejectedInput:
        return
    assert doc.body == doc.body.strip()
    assert all(line == line.strip() and line for line in doc.body.split("\n\n"))
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= len(doc.body)
    if doc.published_on is not None:
        assert doc.published_precision in {"day", "month", "year"}


SITE_PAGE = """<html><head>
<title>Ferry deal signed between two island states | DW | 19.01.2020</title>
<meta property="og:site_name" content="DW.COM">
<meta name="author" content="Deutsche Welle (www.dw.com)">
<link rel="canonical" href="https://www.dw.com/en/ferry-deal/a-1">
</head><body><article><h1>Ferry deal signed between two island states</h1>
<p>The two governments signed an agreement on Saturday to run a weekly ferry between their
capitals, officials said after a ceremony attended by both foreign ministers.</p>
<p>The service is expected to start next year and to carry both passengers and freight.</p>
</article></body></html>"""

TRANSCRIPT_PAGE = """<html><head>
<title>Spokesperson Ana Ruiz's Regular Press Conference on March 24, 2020</title></head>
<body><div class="content"><h1>Spokesperson Ana Ruiz's Regular Press Conference on March 24,
2020</h1><p>Ana Ruiz: Good afternoon. The foreign minister will visit two neighbouring countries
next week to discuss trade, ferry links and fisheries with his counterparts there.</p>
<p>Question: Could you give us more details about the programme of the visit on March 12?</p>
<p>Ana Ruiz: We will release information in due course. Please check our website.</p>
</div></body></html>"""


def _html(text: str) -> ParsedDocument:
    data = text.encode()
    raw = RawInput("page.html", data, hashlib.sha256(data).hexdigest(), "html")
    return parse(decode(raw))


def test_html_site_metadata_is_normalised() -> None:
    doc = _html(SITE_PAGE)
    assert doc.title == "Ferry deal signed between two island states"
    assert doc.outlet == "Deutsche Welle"
    assert doc.author is None  # the outlet named as author is not an author
    assert (doc.published_on, doc.published_precision) == (dt.date(2020, 1, 19), "day")


def test_undated_transcript_is_dated_by_its_title() -> None:
    doc = _html(TRANSCRIPT_PAGE)
    assert (doc.published_on, doc.published_precision) == (dt.date(2020, 3, 24), "day")


def test_text_header_title_dates_a_transcript() -> None:
    text = (
        "Spokesperson Ana Ruiz's Remarks on August 6, 2019\n\n"
        "Question: The minister said on Monday that the ferry talks would resume. Any comment?\n"
    )
    doc = parse(DecodedArticle("remarks.txt", "0" * 64, text))
    assert doc.published_on == dt.date(2019, 8, 6)
    body = "The leaders will discuss ferry links and fisheries, officials said on Monday.\n"
    headline = parse(DecodedArticle("h.txt", "0" * 64, f"Leaders to meet on May 5, 2024\n\n{body}"))
    assert headline.title == "Leaders to meet on May 5, 2024"
    assert headline.published_on is None  # announcing an event does not date the page
