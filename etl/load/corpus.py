"""The corpus pass: what is decided over all documents together, run at the end of every
command that writes documents (load, reextract, prune) after the last one is written.

Its steps run in order, each over what changed since it last ran, each committing whole
units of work, so a run killed midway leaves the rest for the next run's pass:

1. people: resolve a person named by surname alone to the one full name that fits, across
   documents (etl/load/people.py; it goes first because contacts are identified by
   their people: a report whose people it renames gets ``block = NULL`` so that step 2
   computes its block afresh and recomputes both blocks);
2. events: place the reports written since, and recompute the events of every changed
   block (etl/load/events.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from sqlalchemy import Engine

from etl.load import events, people

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CorpusPass:
    blocks: int  # event blocks recomputed
    reports: int  # reports in them
    events: int  # events they now hold
    seconds: float


def finish(engine: Engine) -> CorpusPass:
    """Run the corpus pass over whatever changed; cheap when nothing did."""
    started = time.perf_counter()
    # People first: a report whose people it renames is placed afresh by the events step.
    people.resolve(engine)
    placed = events.place(engine)
    seconds = time.perf_counter() - started
    if placed.blocks:
        log.info(
            "corpus pass: %d event blocks (%d reports, %d events) in %.2f s",
            placed.blocks,
            placed.reports,
            placed.events,
            seconds,
        )
    return CorpusPass(placed.blocks, placed.reports, placed.events, seconds)
