"""Which reports are one occurrence: event identity across documents.

Every report falls in a *block*, the reports that could be one occurrence with it: its type
family and who took part (contacts, visits) or what it is called (everything else); all
gatherings share one block, since one gathering goes by several names. Within a block the
dates decide, over all its reports at once:

* reports with different day-precise dates are different occurrences, except that a report
  dated inside a visit's or a gathering's own range ("from June 14 to 16") is that one;
* a report known only to the month, then one known only to the year, then an undated one
  joins the one occurrence of its block in that period (for the undated: at any time) when
  there is exactly one, and otherwise stays apart, with the others of its block and period;
* gatherings of one day (or range) under different names are one when one name says all
  the other says (``gathering_names``).

``clusters`` is a pure function of a block's reports, so the events do not depend on the
order documents were loaded in, and recomputing a block gives the same events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from etl.facts import TYPE_FAMILY
from etl.load.aggregate import ParticipantRow, Report
from etl.load.names import Core, core, edition, name_signature, plain, says_less

# A range longer than this is no occurrence's own (a season, a misread year): it dates its
# report but does not absorb the reports of other days.
_LONGEST_RANGE = dt.timedelta(days=31)


def _who(participants: Iterable[ParticipantRow], family: str) -> str:
    """Who took part, as a signature: the people when two or more are named; otherwise the
    one person with the organizations and states on the other side (a call of the Secretary
    with "Israel" is not his call with "Qatar")."""
    rows = list(participants)
    people = {plain(n) for _, n, k, _ in rows if k == "person" and n}
    if family == "visit":
        # A trip is who travelled, whomever each article says they met there.
        guests = {plain(n) for r, n, k, _ in rows if k == "person" and n and r == "guest"}
        people = guests or people
        if not people:
            people = {c for r, n, _, c in rows if not n and c and r == "guest"}
        return "+".join(sorted(people))
    if len(people) >= 2:
        return "+".join(sorted(people))
    own = {c for _, n, k, c in rows if k == "person" and n and c}
    others = {plain(n) for _, n, k, _ in rows if k == "organization" and n}
    others |= {c for _, n, _, c in rows if not n and c and c not in own}
    return "+".join(sorted(people) + sorted(others))


def block_of(
    event_type: str,
    name: str,
    participants: Iterable[ParticipantRow],
    location_country_iso3: str | None,
) -> str:
    """The block of a report: the reports that may be one occurrence with it."""
    family = TYPE_FAMILY[event_type]
    if family == "gathering":
        return "gathering"
    who = _who(participants, family) if family in ("contact", "visit") else ""
    if family == "visit" and who:
        # A visit is also where it went: the same leader's trips differ by destination.
        who += f"@{location_country_iso3 or '-'}"
    return f"{family}|{who or name_signature(name)}"


def _group(block: str, report: Report) -> str:
    """Reports whose dates alone decide whether they are one occurrence: the block, or for
    gatherings the block and the core of the name (a name without one, "the Summit", keeps
    its own words, marked "~": it is placed by ``_across_names`` only)."""
    if block != "gathering":
        return block
    words = core(report.name).key
    return f"{block}|{words}" if words else f"{block}|~{name_signature(report.name)}"


@dataclass(slots=True)
class _Cluster:
    group: str
    anchor: str  # the occurrence's date as far as known: YYYY-MM-DD, YYYY-MM, YYYY or -
    first: dt.date | None  # the span of days it may have taken place on
    last: dt.date | None
    reports: list[Report]
    edition: int | None = None  # "the 16th ...": the edition its reports name, if one

    @property
    def key(self) -> str:
        return f"{self.group}|{self.anchor}" + (f"#{self.edition}" if self.edition else "")

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return (
            self.first is not None
            and self.last is not None
            and (self.first <= last and first <= self.last)
        )

    def fits(self, edition: int | None) -> bool:
        return edition is None or self.edition is None or edition == self.edition


# Occurrences that last days: a visit or a gathering has a range of its own. A call or a
# meeting takes place on one day; a range given to one is another clause's (the trip during
# which it took place), and a report of another day within it is another occurrence.
_LASTING = frozenset({"visit", "gathering"})


def _reach(report: Report, lasting: bool) -> dt.date:
    start, end = report.start_date, report.end_date
    assert start is not None
    if lasting and end is not None and start <= end <= start + _LONGEST_RANGE:
        return end
    return start


def _month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    return first, after - dt.timedelta(days=1)


def _year_span(day: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _edition(group: str, report: Report) -> int | None:
    return edition(report.name) if group.startswith("gathering|") else None


def _by_editions(group: str, run: list[Report], lasting: bool) -> list[_Cluster]:
    """Reports of overlapping days, one occurrence unless they name different editions:
    then one per edition, and those naming none join the one edition, if one."""
    editions = sorted({e for r in run if (e := _edition(group, r)) is not None})
    parts: dict[int | None, list[Report]] = {}
    for r in run:
        e = _edition(group, r)
        parts.setdefault(editions[0] if e is None and len(editions) == 1 else e, []).append(r)
    out = []
    for e, reports in parts.items():
        first = min(r.start_date for r in reports if r.start_date)
        last = max(_reach(r, lasting) for r in reports)
        out.append(_Cluster(group, first.isoformat(), first, last, reports, e))
    return sorted(out, key=lambda c: c.key)


def _by_dates(group: str, reports: Sequence[Report]) -> list[_Cluster]:
    """The occurrences of one group, told apart by date (the module docstring's rules)."""
    order = sorted(reports, key=lambda r: (r.start_date or dt.date.min, r.document_sha256, r.id))
    lasting = group.split("|", 1)[0] in _LASTING
    runs: list[tuple[dt.date, list[Report]]] = []
    for r in order:
        if r.date_precision != "day" or r.start_date is None:
            continue
        if runs and r.start_date <= runs[-1][0]:
            runs[-1][1].append(r)
            runs[-1] = (max(runs[-1][0], _reach(r, lasting)), runs[-1][1])
        else:
            runs.append((_reach(r, lasting), [r]))
    clusters = [c for _, run in runs for c in _by_editions(group, run, lasting)]
    for precision, span, anchor in (
        ("month", _month_span, lambda d: d.strftime("%Y-%m")),
        ("year", _year_span, lambda d: str(d.year)),
    ):
        coarse: dict[tuple[str, int | None], _Cluster] = {}
        wanted = [r for r in order if r.date_precision == precision and r.start_date]
        for r, home in _homes(group, clusters, wanted, span):
            if home is not None:
                home.reports.append(r)
                continue
            assert r.start_date is not None
            first, last = span(r.start_date)
            key = (anchor(r.start_date), _edition(group, r))
            if key not in coarse:
                coarse[key] = _Cluster(group, key[0], first, last, [], key[1])
            coarse[key].reports.append(r)
        clusters += sorted(coarse.values(), key=lambda c: c.key)
    undated: dict[int | None, _Cluster] = {}
    wanted = [r for r in order if r.start_date is None or r.date_precision is None]
    # The block's one occurrence (of its edition), when it has one, is what an undated
    # report tells of (a transcript's "the summit", with no date of its own).
    for r, home in _homes(group, clusters, wanted, None):
        if home is not None:
            home.reports.append(r)
            continue
        e = _edition(group, r)
        if e not in undated:
            undated[e] = _Cluster(group, "-", None, None, [], e)
        undated[e].reports.append(r)
    return clusters + sorted(undated.values(), key=lambda c: c.key)


def _homes(
    group: str,
    clusters: list[_Cluster],
    reports: list[Report],
    span: Callable[[dt.date], tuple[dt.date, dt.date]] | None,
) -> list[tuple[Report, _Cluster | None]]:
    """The occurrence each less precise report belongs to: the one of its period (``span``
    of its date; any time when None) that fits its edition, when exactly one does; None
    otherwise. An occurrence of no named edition takes the reports of one edition, but not
    those of two (it cannot be both the 6th and the 7th)."""
    found: list[tuple[Report, int | None, _Cluster | None]] = []
    for r in reports:
        e = _edition(group, r)
        if span is None:
            candidates = [c for c in clusters if c.first is not None and c.fits(e)]
        else:
            assert r.start_date is not None
            first, last = span(r.start_date)
            candidates = [c for c in clusters if c.overlaps(first, last) and c.fits(e)]
        found.append((r, e, candidates[0] if len(candidates) == 1 else None))
    claims: dict[int, set[int]] = {}
    for _, e, home in found:
        if home is not None and home.edition is None and e is not None:
            claims.setdefault(id(home), set()).add(e)
    out = []
    for r, e, home in found:
        if home is not None and e is not None and len(claims.get(id(home), ())) > 1:
            home = None
        out.append((r, home))
    for c in clusters:
        if c.edition is None and len(claims.get(id(c), ())) == 1:
            c.edition = next(iter(claims[id(c)]))
    return out


def _core_of(c: _Cluster) -> Core:
    return core(c.reports[0].name) if "|~" not in c.group else Core(frozenset(), frozenset())


def _shares_evidence(a: _Cluster, b: _Cluster) -> bool:
    """A place or a person that both clusters' reports name (a state takes part in too
    many gatherings of one day to tell them apart)."""

    def evidence(c: _Cluster) -> set[str]:
        found = {f"@{r.location_name}" for r in c.reports if r.location_name}
        found |= {f"@{r.location_country_iso3}" for r in c.reports if r.location_country_iso3}
        found |= {p[1] for r in c.reports for p in r.participants if p[2] == "person" and p[1]}
        return found

    return bool(evidence(a) & evidence(b))


def _may_name(c: _Cluster, mine: Core, other: _Cluster) -> bool:
    """Whether ``c``'s name may be a shorter name of ``other`` (equal cores are one group)."""
    theirs = _core_of(other)
    if mine.words:
        return says_less(mine, theirs)
    return bool(theirs.words) and _shares_evidence(c, other)


def _across_names(found: list[_Cluster]) -> list[_Cluster]:
    """Gatherings of overlapping days under different names made one where one name says
    less than exactly one other (``says_less``); a name with no core of its own ("the
    Forum") joins the one gathering of its days that shares a place or a participant."""
    days = sorted(
        (c for c in found if c.first is not None and len(c.anchor) == 10),
        key=lambda c: (-len(_core_of(c).words), c.key),
    )
    root = {c.key: c.key for c in found}

    def find(key: str) -> str:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    for c in days:
        mine = _core_of(c)
        assert c.first is not None and c.last is not None
        candidates = {
            find(o.key)
            for o in days
            if o is not c
            and o.overlaps(c.first, c.last)
            and o.fits(c.edition)
            and _may_name(c, mine, o)
        }
        candidates.discard(find(c.key))
        if len(candidates) == 1:
            other = candidates.pop()
            first, second = sorted((find(c.key), other))
            root[second] = first
    merged: dict[str, _Cluster] = {}
    for c in sorted(found, key=lambda c: c.key):
        head = find(c.key)
        if head not in merged:
            merged[head] = _Cluster(c.group, c.anchor, c.first, c.last, list(c.reports), c.edition)
            continue
        m = merged[head]
        m.reports += c.reports
        m.edition = m.edition or c.edition
        m.first = min(d for d in (m.first, c.first) if d is not None)
        m.last = max(d for d in (m.last, c.last) if d is not None)
    return list(merged.values())


def clusters(block: str, reports: Sequence[Report]) -> dict[str, list[Report]]:
    """The block's reports grouped into occurrences, by event key."""
    groups: dict[str, list[Report]] = {}
    for r in reports:
        groups.setdefault(_group(block, r), []).append(r)
    found = [c for g in sorted(groups) for c in _by_dates(g, groups[g])]
    if block == "gathering":
        found = _across_names(found)
    return {c.key: c.reports for c in found}
