"""Known news outlets: their canonical names, the surface forms text uses, and their domains.

The catalogue is ``seeds/outlets.csv`` (name, aliases, domains, in_text) so that users can add
their own outlets. Governments and agencies publish too (state.gov, fmprc.gov.cn): their rows
say ``in_text`` = ``no``, because a text that names the White House or the UN is about them,
not published by them, so such an outlet is known by its address alone. Text names an outlet in many ways ("Associated Press", "AP", "新华网"), and HTML
pages describe their site in still others ("DW.COM", "@ReutersIndia", a page address on
``in.reuters.com``); everything here maps those forms to one name per outlet.
"""

from __future__ import annotations

import collections
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
OUTLETS_CSV = SEEDS_DIR / "outlets.csv"

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "“": '"', "”": '"'})

# "philstar.com", "www.dw.com", "fmprc.gov.cn": a host name written as a site's name.
_DOMAIN = re.compile(r"^(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}$")


def _key(name: str) -> str:
    """Lookup key for outlet names: straight apostrophes, no leading "The", case-folded."""
    text = " ".join(name.translate(APOSTROPHES).split()).casefold()
    return text.removeprefix("the ")


@dataclass(frozen=True, slots=True)
class _Outlets:
    by_key: dict[str, str]
    by_domain: dict[str, str]
    pattern: re.Pattern[str]  # any alias as a whole word, case-sensitive


@cache
def _outlets() -> _Outlets:
    by_key: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    aliases: set[str] = set()
    with OUTLETS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            names = {name, *(a.strip() for a in (row.get("aliases") or "").split("|"))}
            in_text = (row.get("in_text") or "yes").strip().lower() != "no"
            for alias in filter(None, names):
                by_key.setdefault(_key(alias), name)
                if in_text:
                    aliases.add(alias.translate(APOSTROPHES))
            for domain in (row.get("domains") or "").split("|"):
                if domain.strip():
                    by_domain.setdefault(domain.strip().lower().removeprefix("www."), name)
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return _Outlets(by_key, by_domain, re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])"))


def outlet_pattern() -> re.Pattern[str]:
    """Any known alias as a whole word (case-sensitive, straight apostrophes)."""
    return _outlets().pattern


def known_outlet(name: str) -> str | None:
    """The canonical name of a known outlet given any of its surface forms, else None."""
    return _outlets().by_key.get(_key(name))


def canonical_outlet(name: str) -> str:
    """A known outlet's canonical name; otherwise the name itself with straight apostrophes."""
    cleaned = " ".join(name.translate(APOSTROPHES).split())
    return known_outlet(cleaned) or outlet_for_domain(cleaned) or cleaned


def find_outlet(text: str) -> str | None:
    """The first known outlet named anywhere in ``text`` (case-sensitive, whole words)."""
    match = _outlets().pattern.search(text.translate(APOSTROPHES))
    return known_outlet(match.group()) if match else None


def is_domain(text: str) -> bool:
    """True for a bare host name ("Philstar.com", "fmprc.gov.cn"), which sites use as a name."""
    return bool(_DOMAIN.match(text.strip().lower()))


def outlet_for_domain(host: str) -> str | None:
    """The outlet owning ``host`` or any domain it is a subdomain of ("in.reuters.com")."""
    host = host.strip().lower().rstrip(".")
    if not is_domain(host):
        return None
    labels = host.removeprefix("www.").split(".")
    by_domain = _outlets().by_domain
    for start in range(len(labels) - 1):
        outlet = by_domain.get(".".join(labels[start:]))
        if outlet:
            return outlet
    return None


def outlet_for_url(url: str) -> str | None:
    """The outlet whose domain serves ``url`` ("https://www.dw.com/en/..." -> Deutsche Welle)."""
    text = url.strip()
    if "://" not in text:
        text = f"//{text}"
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return outlet_for_domain(host) if host else None


# A site's own navigation links its pages by absolute address; a page that links a few times
# at most says nothing about where it lives.
_MIN_LINKS = 5


def linked_outlet(urls: Sequence[str]) -> str | None:
    """The known outlet that at least half of a page's absolute links belong to, if any."""
    if len(urls) < _MIN_LINKS:
        return None
    owners = collections.Counter(filter(None, (outlet_for_url(u) for u in urls)))
    if not owners:
        return None
    outlet, count = owners.most_common(1)[0]
    return outlet if 2 * count >= len(urls) else None
