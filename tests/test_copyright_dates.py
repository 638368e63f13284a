"""A site's copyright year is not a page's publication date.

When a page's markup states no date, the HTML extractor falls back to a year it finds in the
text and reports it as 1 January of that year, at day precision. On a ministry site whose
footer reads "Copyright © 2014" every undated transcript became a text of 2014-01-01.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from etl.article import RawInput
from etl.ingest.decode import decode
from etl.ingest.parse import parse

_PARAGRAPHS = "\n".join(
    f"<p>Q: What is the ministry's comment on the talks, point {i}? A: We have noted the reports "
    "and we hope all sides keep in touch, resolve their differences through dialogue and "
    "consultation, and jointly uphold peace and stability in the region.</p>"
    for i in range(6)
)


def _page(title: str, footer: str, head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        f"<div class='content'><h1>{title}</h1>{_PARAGRAPHS}</div>"
        f"<div class='footer'><p>{footer}</p></div></body></html>"
    )


def _parsed(html: str):
    data = html.encode()
    return parse(decode(RawInput("page.html", data, hashlib.sha256(data).hexdigest(), "html")))


def test_a_copyright_year_does_not_date_an_undated_page() -> None:
    doc = _parsed(
        _page(
            "Spokesperson's Regular Press Conference on September 20",
            "Copyright © 2014, Ministry of Foreign Affairs. All rights reserved.",
        )
    )
    assert doc.published_on != dt.date(2014, 1, 1)
    assert doc.published_on is None


def test_a_range_of_copyright_years_does_not_date_it_either() -> None:
    doc = _parsed(_page("Remarks at the Forum", "© 2009-2021 The Example Gazette"))
    assert doc.published_on is None


def test_a_stated_date_still_dates_the_page() -> None:
    doc = _parsed(
        _page(
            "Remarks at the Forum",
            "Copyright © 2014, Ministry of Foreign Affairs.",
            head="<meta property='article:published_time' content='2019-03-05T08:00:00Z'>",
        )
    )
    assert (doc.published_on, doc.published_precision) == (dt.date(2019, 3, 5), "day")
