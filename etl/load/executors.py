"""Where extraction runs: in this process, in a pool of local processes, or on a Dask cluster.

All three have one interface, ``imap(fn, items)``: results come back in submission order, so
the loader writes documents in the same order (and gives them the same ids) whichever
executor did the work. At most a small window of items is in flight, so memory stays flat
however large the corpus.
"""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from etl import logs
from etl.errors import ConfigError
from etl.logs import LogLevels

T = TypeVar("T")

# Inputs per task: enough for nlp.pipe to batch, few enough to keep workers evenly busy.
BATCH_SIZE = 8


def chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


class Executor(Protocol):
    def imap(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


class InProcess:
    """No parallelism: the simplest and, for a handful of files, the fastest."""

    def imap(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return map(fn, items)

    def close(self) -> None:
        pass


def _warm_up(levels: LogLevels | None = None) -> None:
    # Load the statistical model once per worker, before the first document arrives.
    from etl.extract.nlp import load_nlp

    if levels is not None:
        # Spawned workers start with Python's defaults, which print every library warning.
        logs.configure(levels)
    load_nlp()


class _Windowed:
    """Ordered map over futures with a bounded number in flight."""

    window: int

    def _submit(self, fn: Callable[[Any], Any], item: Any) -> Any:
        raise NotImplementedError

    @staticmethod
    def _result(future: Any) -> Any:
        return future.result()

    def imap(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        pending: collections.deque[Any] = collections.deque()
        for item in items:
            pending.append(self._submit(fn, item))
            if len(pending) >= self.window:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())


class LocalProcesses(_Windowed):
    """A pool of worker processes on this machine, started on first use.

    Starting workers costs a model load each, so a run with only a few batches (a cron run
    that finds three new files) is processed here instead.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = workers * 4
        self._pool: Any = None

    def imap(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        stream = iter(items)
        head = list(itertools.islice(stream, 2 * self.workers))
        if len(head) < 2 * self.workers:
            return map(fn, head)
        return super().imap(fn, itertools.chain(head, stream))

    def _submit(self, fn: Callable[[Any], Any], item: Any) -> Any:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the parent holds database connections and threads.
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
                initargs=(logs.current(),),
            )
        return self._pool.submit(fn, item)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskCluster(_Windowed):
    """Workers of a Dask distributed cluster (``tcp://scheduler:8786``)."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ConfigError("--scheduler needs Dask: pip install 'dask[distributed]'") from exc
        try:
            self._client = Client(address, timeout="10s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self._client.run(_warm_up)
        workers = len(self._client.scheduler_info().get("workers", {})) or 1
        self.window = workers * 4

    def _submit(self, fn: Callable[[Any], Any], item: Any) -> Any:
        # pure=False: two identical inputs are still two tasks (their sources differ anyway).
        return self._client.submit(fn, item, pure=False)

    def close(self) -> None:
        self._client.close()


def make_executor(workers: int | None = None, scheduler: str | None = None) -> Executor:
    """``scheduler`` wins; otherwise ``workers`` local processes (default: all cores)."""
    if scheduler:
        return DaskCluster(scheduler)
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise ConfigError("--workers must be at least 1")
    return InProcess() if count == 1 else LocalProcesses(count)
