from __future__ import annotations

import datetime as dt

from sqlalchemy import CHAR, CheckConstraint, DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK, CreatedAt

RUN_STATUSES = ("running", "succeeded", "partial", "failed")
# Operational bookkeeping lives in its own schema, out of the BI tools' table lists; the
# read-only role reads it only when granted explicitly (`diplo db grant-readonly --with-ops`).
OPS = "ops"


class EtlRun(Base):
    """One invocation of a loading command, with its counts and outcome."""

    __tablename__ = "etl_runs"
    __table_args__ = (
        CheckConstraint("status IN ('running', 'succeeded', 'partial', 'failed')", name="status"),
        {"comment": "Log of load runs: when, what happened, counts and errors.", "schema": OPS},
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Run id.")
    command: Mapped[str] = mapped_column(Text, comment="The command that ran, e.g. load.")
    started_at: Mapped[CreatedAt] = mapped_column(comment="When the run started.")
    finished_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the run ended; null while running or if it died."
    )
    status: Mapped[str] = mapped_column(
        Text,
        default="running",
        comment="running, succeeded, partial (some inputs rejected) or failed.",
    )
    files_seen: Mapped[int] = mapped_column(Integer, default=0, comment="Inputs considered.")
    loaded: Mapped[int] = mapped_column(Integer, default=0, comment="New documents written.")
    replaced: Mapped[int] = mapped_column(
        Integer, default=0, comment="Documents rewritten because their file changed."
    )
    unchanged: Mapped[int] = mapped_column(
        Integer, default=0, comment="Inputs skipped because their content is already loaded."
    )
    rejected: Mapped[int] = mapped_column(Integer, default=0, comment="Inputs rejected.")
    error: Mapped[str | None] = mapped_column(Text, comment="Why a failed run failed.")
    extractor_version: Mapped[str] = mapped_column(Text, comment="Extractor version used.")


class RejectedInputRow(Base):
    """An input that could not become a document, and why."""

    __tablename__ = "rejected_inputs"
    __table_args__ = {"comment": "Inputs rejected by a run, with the reason.", "schema": OPS}

    id: Mapped[BigIntPK] = mapped_column(comment="Rejection id.")
    run_id: Mapped[int] = mapped_column(
        ForeignKey(f"{OPS}.etl_runs.id", ondelete="CASCADE"), index=True, comment="The run."
    )
    source: Mapped[str] = mapped_column(Text, comment="Path or URI of the input.")
    reason: Mapped[str] = mapped_column(Text, comment="Why it was rejected.")
    content_sha256: Mapped[str | None] = mapped_column(
        CHAR(64), comment="SHA-256 of the input bytes, when they could be read."
    )
    rejected_at: Mapped[CreatedAt] = mapped_column(comment="When.")


class EventBlockDirty(Base):
    """A block of event reports whose events must be recomputed (etl/load/events.py)."""

    __tablename__ = "event_blocks_dirty"
    __table_args__ = {
        "comment": "Blocks of event reports changed since their events were last computed; the end of each run recomputes them (a killed run's blocks wait here for the next).",
        "schema": OPS,
    }

    block: Mapped[str] = mapped_column(Text, primary_key=True, comment="event_reports.block.")
    marked_at: Mapped[CreatedAt] = mapped_column(comment="When it was first marked.")
