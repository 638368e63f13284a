"""The seed catalogue of organizations (``seeds/organizations.csv``) matched in a body.

Both the organization and the initiative finders need it: an initiative inside an
organization's name ("Bay of Bengal Initiative for ...") is not an initiative of its own.
"""

from __future__ import annotations

import functools

from etl.extract.gazetteer import Gazetteer, Match, Token, tokenize
from etl.extract.reference import KnownOrganization, organizations

# Double quotation marks are skipped when matching so that '“Friends for Peace” group' still
# matches the alias "Friends for Peace group" (single ones double as apostrophes: "China's").
_QUOTES = frozenset('"“”„«»')


@functools.cache
def organization_catalogue() -> tuple[Gazetteer, dict[str, KnownOrganization]]:
    by_name = {org.name: org for org in organizations()}
    gaz = Gazetteer()
    for org in organizations():
        for alias in {org.name, *org.aliases}:
            gaz.add(alias, org.name)
    return gaz, by_name


def match_tokens(body: str) -> list[Token]:
    """Word tokens of ``body`` without quotation marks (see ``_QUOTES``)."""
    return [t for t in tokenize(body) if t.text not in _QUOTES]


def known_matches(body: str) -> list[Match]:
    """Every seed-catalogue match in ``body`` (the initiative finder uses it to keep out of
    organization names such as "Bay of Bengal Initiative for ...")."""
    gaz, _ = organization_catalogue()
    return gaz.find(body, match_tokens(body))
