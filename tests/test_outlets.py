"""The outlet catalogue: surface forms and web domains map to one name per outlet."""

from __future__ import annotations

import pytest

from etl.ingest.outlets import (
    canonical_outlet,
    is_domain,
    known_outlet,
    outlet_for_domain,
    outlet_for_url,
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("dw.com", "Deutsche Welle"),
        ("DW.COM", "Deutsche Welle"),
        ("www.dw.com", "Deutsche Welle"),
        ("in.reuters.com", "Reuters"),
        ("uk.reuters.com", "Reuters"),
        ("english.news.cn", "Xinhua"),
        ("reuters.com.example", None),  # a lookalike domain is not the outlet
        ("example.org", None),
        ("Reuters", None),  # a name, not a domain
    ],
)
def test_outlet_for_domain(host: str, expected: str | None) -> None:
    assert outlet_for_domain(host) == expected


def test_outlet_for_url() -> None:
    assert outlet_for_url("http://in.reuters.com/article/2014/12/30/some-story") == "Reuters"
    assert outlet_for_url("https://apnews.com/article/x") == "AP"
    assert outlet_for_url("https://www.example.org/a") is None
    assert outlet_for_url("not a url at all") is None


def test_site_names_become_outlet_names() -> None:
    assert canonical_outlet("DW.COM") == "Deutsche Welle"
    assert canonical_outlet("Examplenews.com") == "Examplenews.com"
    assert known_outlet("新华网") == "Xinhua"
    assert is_domain("fmprc.gov.cn")
    assert not is_domain("Foreign Office")
