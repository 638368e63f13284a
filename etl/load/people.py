"""The people step of the corpus pass: a person stored under a surname alone ("Di Maio",
"Gantz") is the one full-name person of the corpus whose name ends in it and whose office or
country fits; then the two are one row. Two full names that fit leave the surname apart.

A document resolves its own surnames when it names the full name too (etl/extract/people.py);
this step does it across documents, after every document of the run is written.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import Connection, Engine, text

from etl.extract.person_lexicon import PARTICLES, fold, offices_agree

log = logging.getLogger(__name__)

_PEOPLE = text("SELECT id, name, title, country_iso3 FROM participants WHERE kind = 'person'")


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", fold(name)) if w and w not in PARTICLES]


def _fits(short: tuple[str | None, str | None], full: tuple[str | None, str | None]) -> bool:
    """Same office, or (without an office to compare) the same country."""
    (s_title, s_country), (f_title, f_country) = short, full
    if s_title and f_title:
        return offices_agree(s_title, f_title) and (
            not (s_country and f_country) or s_country == f_country
        )
    return bool(s_country and f_country and s_country == f_country)


def targets(conn: Connection) -> dict[int, int]:
    """Surname person id -> the one full-name person id it resolves to."""
    rows = conn.execute(_PEOPLE).all()
    by_surname: dict[str, list[tuple[int, tuple[str | None, str | None]]]] = {}
    shorts = []
    for pid, name, title, country in rows:
        words = _words(name)
        if len(words) == 1:
            shorts.append((pid, words[0], (title, country)))
        elif len(words) >= 2:
            by_surname.setdefault(words[-1], []).append((pid, (title, country)))
    found = {}
    for pid, surname, facts in shorts:
        fitting = sorted(f for f, full in by_surname.get(surname, ()) if _fits(facts, full))
        if len(fitting) == 1:
            found[pid] = fitting[0]
    return found


_MERGE = [
    "INSERT INTO document_participants (document_id, participant_id, mentions)"
    " SELECT document_id, :full, mentions FROM document_participants WHERE participant_id = :short"
    " ON CONFLICT (document_id, participant_id) DO UPDATE"
    " SET mentions = document_participants.mentions + excluded.mentions",
    "UPDATE entity_mentions SET participant_id = :full WHERE participant_id = :short",
    "INSERT INTO participant_aliases (participant_id, alias)"
    " SELECT :full, alias FROM participant_aliases WHERE participant_id = :short"
    " ON CONFLICT DO NOTHING",
    # The reports name the person anew; their blocks are computed afresh by the events step.
    "UPDATE event_reports r SET block = NULL, participants = ("
    "  SELECT jsonb_agg(CASE WHEN p->>'kind' = 'person' AND p->>'name' = :short_name"
    "    THEN jsonb_set(p, '{name}', to_jsonb(CAST(:full_name AS text))) ELSE p END)"
    "  FROM jsonb_array_elements(r.participants) p)"
    " WHERE r.participants @> jsonb_build_array(jsonb_build_object('kind', 'person', 'name',"
    " CAST(:short_name AS text)))",
    "UPDATE participants f SET title = coalesce(f.title, s.title),"
    " country_iso3 = coalesce(f.country_iso3, s.country_iso3)"
    " FROM participants s WHERE f.id = :full AND s.id = :short",
    # Before the delete, whose cascade would take the surname's statements with it.
    "UPDATE statements SET speaker_participant_id = :full WHERE speaker_participant_id = :short",
    "DELETE FROM participants WHERE id = :short",
]


def resolve(engine: Engine) -> int:
    """Merge every surname person into the one full name that fits; returns how many."""
    with engine.begin() as conn:
        found = targets(conn)
        if not found:
            return 0
        names = dict(
            conn.execute(
                text("SELECT id, name FROM participants WHERE id = ANY(:ids)"),
                {"ids": sorted(set(found) | set(found.values()))},
            ).all()
        )
        for short, full in sorted(found.items()):
            params = {
                "short": short,
                "full": full,
                "short_name": names[short],
                "full_name": names[full],
            }
            for sql in _MERGE:
                conn.execute(text(sql), params)
    log.info("corpus pass: %d surnames resolved to full names", len(found))
    return len(found)
