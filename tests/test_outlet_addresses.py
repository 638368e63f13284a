"""A publisher known by its address: a record's URL names the outlet, a credit in the text wins,
and a government or agency named in an article's text is not taken for its publisher."""

from __future__ import annotations

import datetime as dt

from etl.article import DecodedArticle, RawInput, SourceMeta
from etl.ingest.decode import decode
from etl.ingest.issuers import self_described_outlet, trailing_credit
from etl.ingest.metadata import split_header
from etl.ingest.outlets import canonical_outlet, find_outlet, linked_outlet, outlet_for_url
from etl.ingest.parse import parse
from etl.outputs.evaluate import score_document

_BODY = (
    "The Secretary met the Foreign Minister of Chile in Washington on Tuesday to discuss "
    "trade, climate and the security of the region. They agreed to meet again next year "
    "and to ask their officials to prepare a plan for closer ties between the two states."
)


def _parsed(text: str, **meta: str):  # type: ignore[no-untyped-def]
    return parse(DecodedArticle("record.jsonl#L1", "0" * 64, text, meta=SourceMeta(**meta)))


def test_a_record_address_names_its_publisher() -> None:
    doc = _parsed(_BODY, title="Readout", url="https://www.state.gov/readout-of-a-meeting/")
    assert doc.outlet == "U.S. Department of State"


def test_a_subdomain_belongs_to_the_ministry_and_a_longer_domain_wins() -> None:
    assert (
        outlet_for_url("http://www.fmprc.gov.cn/mfa_eng/xwfw_665399/")
        == "Ministry of Foreign Affairs of the People's Republic of China"
    )
    assert outlet_for_url("https://news.un.org/en/story/1") == "UN News"
    assert outlet_for_url("https://www.un.org/sg/en/content") == "United Nations"


def test_a_credit_in_the_text_wins_over_the_address() -> None:
    text = "By Ana Ruiz\n\nMADRID (Reuters) - " + _BODY
    doc = _parsed(text, title="Readout", url="https://www.state.gov/a-reposted-story/")
    assert doc.outlet == "Reuters"


def test_an_address_of_no_known_publisher_gives_no_outlet() -> None:
    doc = _parsed(_BODY, title="Readout", url="https://example.org/a-page/")
    assert doc.outlet is None


def test_a_government_named_in_the_text_is_not_its_publisher() -> None:
    # An agency row is found anywhere in a text; an address-only row never is.
    assert find_outlet("The White House said on Monday that the talks went well.") is None
    assert find_outlet("Officials told Reuters the talks went well.") == "Reuters"


def test_evaluate_takes_an_outlet_under_its_domain_as_the_same_outlet() -> None:
    assert canonical_outlet("state.gov") == "U.S. Department of State"
    pred = {"metadata": {"outlet": "U.S. Department of State"}}
    gold = {"metadata": {"outlet": "state.gov"}}
    assert score_document(pred, gold)["outlet"].tp == 1


def _page(links: list[str]) -> bytes:
    anchors = "".join(f'<li><a href="{u}">Section {i}</a></li>' for i, u in enumerate(links))
    return (
        "<html><head><title>Remarks on trade</title></head><body>"
        f"<ul>{anchors}</ul><h1>Remarks on trade</h1><p>{_BODY}</p></body></html>"
    ).encode()


def _decoded(html: bytes):  # type: ignore[no-untyped-def]
    return decode(RawInput("page.html", html, "0" * 64, "html"))


def test_a_saved_page_whose_links_point_home_names_its_site() -> None:
    home = [f"https://www.fmprc.gov.cn/eng/page{i}.html" for i in range(6)]
    doc = parse(_decoded(_page([*home, "https://example.org/elsewhere"])))
    assert doc.outlet == "Ministry of Foreign Affairs of the People's Republic of China"


def test_a_few_links_or_links_to_many_sites_name_no_site() -> None:
    assert linked_outlet(["https://www.state.gov/a", "https://www.state.gov/b"]) is None
    mixed = ["https://www.state.gov/a", *(f"https://site{i}.example.org/" for i in range(5))]
    assert linked_outlet(mixed) is None
    assert parse(_decoded(_page(mixed))).outlet is None


def _dated_page(times: str) -> bytes:
    return f"<html><body><h1>Remarks on trade</h1>{times}<p>{_BODY}</p></body></html>".encode()


def test_a_broken_time_value_falls_back_to_the_printed_date() -> None:
    page = _dated_page(
        '<p>Published <time datetime="2019-00-14T10:00Z">Monday, Jan. 14 2019</time></p>'
    )
    assert parse(_decoded(page)).published_on == dt.date(2019, 1, 14)


def test_an_updated_stamp_is_not_the_publication_date() -> None:
    page = _dated_page(
        '<time class="updated" datetime="2019-02-01T10:00Z">Feb. 1</time>'
        '<time datetime="2019-01-14T10:00Z">Jan. 14</time>'
    )
    assert parse(_decoded(page)).published_on == dt.date(2019, 1, 14)


def test_a_byline_printed_name_by_name_under_its_linked_copy_reads_once() -> None:
    lines = [
        "Ministers agree on a plan for the river ports",
        "By",
        "Ana Ruiz",
        "Ana Ruiz and",
        "The Associated Press",
        "The Associated Press",
        "Down Arrow Button Icon",
        "March 3, 2024, 9:15 AM ET",
        "Ministers of the two states agreed on Friday on a plan to share the costs of the ports.",
    ]
    header, rest = split_header(lines)
    assert (header.author, header.outlet) == ("Ana Ruiz", "AP")
    assert header.published == (dt.date(2024, 3, 3), "day")
    assert rest[-1] == lines[-1]


def test_an_agency_in_parentheses_after_the_last_paragraph_is_the_outlet() -> None:
    doc = _parsed(_BODY + "\n\nThe two sides will meet again in May. (AP)", title="Talks")
    assert doc.outlet == "AP"
    assert trailing_credit("The meeting was held in the capital (Geneva).") is None


def test_a_publisher_describing_its_own_piece_is_the_outlet() -> None:
    doc = _parsed("CGTN published an article on the ports plan of the two states.\n\n" + _BODY)
    assert doc.outlet == "CGTN"
    assert self_described_outlet("Ana Ruiz published an article on the plan.") is None
