"""Running loads on a schedule in the foreground, for users without cron or systemd timers."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable

from etl.errors import ConfigError

_INTERVAL = re.compile(r"(\d+)\s*([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> dt.timedelta:
    """ "90s", "15m", "1h", "1h30m", "1d" -> a positive timedelta."""
    compact = text.strip().lower().replace(" ", "")
    parts = _INTERVAL.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise ConfigError(f"cannot read interval {text!r}: use forms like 30s, 15m, 1h, 1h30m, 1d")
    seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ConfigError("the interval must be longer than zero")
    return dt.timedelta(seconds=seconds)


def next_run(now: dt.datetime, *, every: dt.timedelta | None, cron: str | None) -> dt.datetime:
    if cron is not None:
        from croniter import croniter

        if not croniter.is_valid(cron):
            raise ConfigError(f"not a valid cron expression: {cron!r}")
        return croniter(cron, now).get_next(dt.datetime)
    assert every is not None
    return now + every


def run_forever(
    run_once: Callable[[], None],
    *,
    every: dt.timedelta | None = None,
    cron: str | None = None,
    max_runs: int | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    sleep: Callable[[float], None] = time.sleep,
    on_wait: Callable[[dt.datetime], None] | None = None,
) -> int:
    """Call ``run_once`` on the schedule until ``max_runs`` (or forever).

    With ``every``, the first run starts now and each next one that long after the previous
    one started (a run that overruns is followed straight away, never overlapped); with
    ``cron``, every run, the first included, starts at the next time the expression names (as
    cron itself would). Returns the number of runs.
    """
    if (every is None) == (cron is None):
        raise ConfigError("give exactly one of --every or --cron")

    def wait_until(due: dt.datetime) -> None:
        if on_wait:
            on_wait(due)
        delay = (due - now()).total_seconds()
        if delay > 0:
            sleep(delay)

    if cron is not None:
        wait_until(next_run(now(), every=None, cron=cron))  # also validates the expression
    runs = 0
    while True:
        started = now()
        run_once()
        runs += 1
        if max_runs is not None and runs >= max_runs:
            return runs
        wait_until(next_run(started if every else now(), every=every, cron=cron))
