#!/usr/bin/env python3
"""Silver check of announced visits in press-conference transcripts, in the database.

    python bench/silver_announcements.py --database-url URL   # a database after `diplo load`
    python bench/silver_announcements.py --show 20            # also list up to 20 misses

The PRC Foreign Ministry's press conferences open with announcements: "At the invitation of X,
Y will pay an official visit to A, B and C from May 16 to 24", "Y will visit China from ...
to ...", "Y will travel to Z to attend ... on May 12". The silver answer is read from the page
text by a regular expression, independently of the pipeline: the announced person (the last
words of the name before "will"), the first announced day (its year from the page's <title>
date, bench/silver_press.py) and, for a visit, each destination named.

Printed: of the announcements, the share for which the database holds an event reported by
that page, of the visit or gathering family, starting on the announced day, with a person
participant whose name shares the announced person's last word. Visits are counted per
destination: one event each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from silver_press import silver_date  # noqa: E402

DEFAULT_DIR = HERE.parent.parent / "shared/bulk/fmprc-press-2018-2020"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_ANNOUNCEMENT = re.compile(
    r"At the invitation of [^.]{5,400}?,\s+(?P<who>[^.]{3,300}?)\s+will\s+"
    r"(?P<verb>pay\s+(?:an?\s+)?[\w -]{0,40}?visits?\s+to|visit|travel\s+to|attend)\s+"
    r"(?P<rest>[^.]{2,400}?)\b(?:from|on)\s+(?P<mon>" + _MONTH + r")\s+(?P<day>\d{1,2})\b"
)
_TAGS = re.compile(r"<[^>]+>")
_NAME_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]+")
_NOT_SURNAME = frozenset(
    [
        "China",
        "Chinese",
        "Republic",
        "Kingdom",
        "State",
        "Minister",
        "President",
        "Premier",
        "Affairs",
        "Foreign",
        "Council",
        "Councilor",
        "Vice",
        "Prime",
        "Secretary",
        "General",
        "Chairman",
        "Special",
        "Envoy",
        "Government",
        "Federal",
        "Democratic",
        "People's",
        "Islamic",
        "United",
        "States",
        "Union",
        "Committee",
        "Congress",
    ]
)


@dataclass(frozen=True)
class Announcement:
    page: str
    who: str  # the announced person's last name word
    day: dt.date
    destinations: tuple[str, ...]  # as named, for a visit; () for attending


def page_text(markup: str) -> str:
    body = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", markup)
    return " ".join(html.unescape(_TAGS.sub(" ", body)).split())


def _place_words() -> frozenset[str]:
    """Words of country names (seeds/countries.csv): never an announced person's name."""
    import csv

    words: set[str] = set()
    with (HERE.parent / "seeds" / "countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for col in ("name", "official_name", "common_name"):
                words.update(_NAME_WORD.findall(row[col] or ""))
    return frozenset(words)


_PLACES = _place_words()


def _last_name_word(part: str) -> str | None:
    words = [w for w in _NAME_WORD.findall(part) if w[0].isupper()]
    if not words:
        return None
    last = words[-1].removesuffix("'s").removesuffix("’s")
    return None if last in _NOT_SURNAME or last in _PLACES else last


def _surname(who: str) -> str | None:
    """The announced person's last name word: at the end ("US Secretary of State Mike
    Pompeo"), else before the first "of" ("Foreign Minister X of the Republic of Y"), else
    before the first comma ("X, Minister of Foreign Affairs of Y")."""
    for part in (who, re.split(r"\bof\b", who)[0], who.split(",")[0]):
        found = _last_name_word(part)
        if found:
            return found
    return None


def announcements(path: Path) -> list[Announcement]:
    markup = path.read_text(encoding="utf-8", errors="replace")
    dated = silver_date(markup)
    if dated is None:
        return []
    issued = dated[1]
    out = []
    for m in _ANNOUNCEMENT.finditer(page_text(markup)):
        who = _surname(m["who"])
        if who is None:
            continue
        month = dt.datetime.strptime(m["mon"], "%B").month
        try:
            options = [dt.date(issued.year + k, month, int(m["day"])) for k in (-1, 0, 1)]
        except ValueError:
            continue
        day = min(options, key=lambda d: abs((d - issued).days))
        dests: tuple[str, ...] = ()
        if "visit" in m["verb"] or m["verb"].startswith("travel"):
            rest = re.split(r"\bto attend\b|\bfor\b|\band attend\b", m["rest"])[0]
            dests = tuple(
                d.strip()
                for d in re.split(r",\s*(?:and\s+)?|\s+and\s+", rest)
                if d.strip() and d.strip()[0].isupper()
            )
        out.append(Announcement(path.name, who, day, dests or ("",)))
    return out


_FAMILIES = ("visit", "state_visit", "summit", "conference", "forum", "meeting", "other")


def measure(url: str, found: list[Announcement], show: int) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    query = text(
        "SELECT e.id, e.event_type, e.start_date, e.name,"
        " array_remove(array_agg(DISTINCT p.name), NULL) FROM events e"
        " JOIN event_reports r ON r.event_id = e.id JOIN documents d ON d.id = r.document_id"
        " LEFT JOIN event_participants ep ON ep.event_id = e.id"
        " LEFT JOIN participants p ON p.id = ep.participant_id AND p.kind = 'person'"
        " WHERE d.source_path LIKE :page GROUP BY e.id"
    )
    expected = hit = 0
    misses: list[str] = []
    with engine.connect() as conn:
        for a in found:
            rows = conn.execute(query, {"page": f"%/{a.page}"}).all()
            fits = [
                r
                for r in rows
                if r[1] in _FAMILIES
                and r[2] == a.day
                and any(a.who.casefold() in (n or "").casefold() for n in r[4])
            ]
            for dest in a.destinations:
                expected += 1
                words = [w for w in _NAME_WORD.findall(dest) if w not in ("The", "Republic")]
                ok = [r for r in fits if not words or any(w in r[3] for w in words)] or (
                    fits if len(a.destinations) == 1 else []
                )
                if ok:
                    hit += 1
                elif len(misses) < show:
                    misses.append(f"{a.page}: {a.who} {a.day} {dest!r}")
    engine.dispose()
    print(f"announcements: {len(found)}, expected events: {expected}")
    print(f"found in the database: {hit} ({hit / max(expected, 1):.3f})")
    for line in misses:
        print("  miss", line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--database-url", required=True, help="a database after `diplo load`")
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    if not args.directory.is_dir():
        print(f"error: no such directory: {args.directory}", file=sys.stderr)
        return 2
    found = [a for p in sorted(args.directory.glob("*.html")) for a in announcements(p)]
    measure(args.database_url, found, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
