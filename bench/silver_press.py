#!/usr/bin/env python3
"""Silver check of publication dates on press-conference transcripts, without a database.

    python bench/silver_press.py                              # ../shared/bulk/fmprc-press-2018-2020
    python bench/silver_press.py DIR --show 20                # list up to 20 misses

The PRC Foreign Ministry's transcript pages carry no date element, but every <title> reads
"Foreign Ministry Spokesperson X's Regular Press Conference on <Month D, YYYY>". That date is
the page's publication date, so it is a silver answer: this script reads it straight from the
markup (independently of the pipeline) and prints how many press-conference pages get exactly
that ``published_on`` from decode + parse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import re
import sys
from pathlib import Path

from etl.article import RawInput
from etl.errors import RejectedInput
from etl.ingest.decode import decode
from etl.ingest.parse import parse

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared/bulk/fmprc-press-2018-2020"
_TITLE = re.compile(r"<title[^>]*>(?P<title>.*?)</title>", re.IGNORECASE | re.DOTALL)
# "Regular Press Conference on March 24, 2020", "Daily Briefing Online on February 3, 2020",
# "Remarks on August 5, 2019" (and the site's typo "June11, 2018").
_RECORD = re.compile(
    r"(?P<kind>Press Conference|Briefing(?: Online)?|Remarks) on "
    r"(?P<month>[A-Z][a-z]+)\.? ?(?P<day>\d{1,2}), (?P<year>\d{4})\s*$"
)
_NO_YEAR = re.compile(
    r"(?:Press Conference|Briefing(?: Online)?|Remarks) on [A-Z][a-z]+\.? ?\d{1,2}\s*$"
)


def title_text(markup: str) -> str:
    title = _TITLE.search(markup)
    return " ".join(html.unescape(title["title"]).split()) if title else ""


def silver_date(markup: str) -> tuple[str, dt.date] | None:
    """("Press Conference" | "Briefing" | "Remarks", the date) from the page's <title>, or None."""
    text = title_text(markup)
    match = _RECORD.search(text)
    if not match:
        return None
    stamp = f"{match['month']} {match['day']} {match['year']}"
    try:
        return match["kind"], dt.datetime.strptime(stamp, "%B %d %Y").date()
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--show", type=int, default=10, help="misses to list (default 10)")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"error: no such directory: {args.directory}", file=sys.stderr)
        return 2

    pages = sorted(args.directory.glob("*.html"))
    counts: dict[str, list[int]] = {}  # kind -> [pages, dated, matching]
    misses: list[str] = []
    no_year = 0  # "... Press Conference on September 10": no full date to check against
    for path in pages:
        data = path.read_bytes()
        markup = data.decode("utf-8", errors="replace")
        silver = silver_date(markup)
        if silver is None:
            no_year += _NO_YEAR.search(title_text(markup)) is not None
            continue
        kind, expected = silver
        row = counts.setdefault(kind, [0, 0, 0])
        row[0] += 1
        raw = RawInput(path.name, data, hashlib.sha256(data).hexdigest(), "html")
        try:
            doc = parse(decode(raw))
        except RejectedInput as exc:
            misses.append(f"{path.name}: rejected ({exc})")
            continue
        row[1] += doc.published_on is not None
        if doc.published_on == expected and doc.published_precision == "day":
            row[2] += 1
        else:
            misses.append(f"{path.name}: expected {expected}, got {doc.published_on}")

    print(f"pages in folder: {len(pages)}")
    print(f"{'title names a':<22} {'pages':>6} {'dated':>6} {'= title date':>13}")
    for kind, (total, dated, matched) in sorted(counts.items()):
        share = matched / total if total else 0.0
        print(f"{kind:<22} {total:>6} {dated:>6} {matched:>6} ({share:.1%})")
    print(f"{'(title has no year)':<22} {no_year:>6}  not scored")
    for line in misses[: args.show]:
        print(f"  miss  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
