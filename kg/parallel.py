"""Ways to run per-document extraction: in this process, in a process pool, on a Dask cluster.

Each engine is a function `map(func, items) -> iterator of results, in input order`, so
the pipeline does not care where the work runs and outputs are identical whatever runs it.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Iterable[T]], Iterator[R]]


class Future(Protocol):
    """What `ordered_results` needs of a submitted task (a dask or concurrent.futures future)."""

    def result(self): ...


def serial_map(func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """Run in this process, one item after the other (items are read as they are needed)."""
    return map(func, items)


def default_workers() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_map(workers: int) -> Mapper:
    """A mapper over a pool of `workers` processes (serial for one worker).

    Items are read as the pool needs them: at most a few per worker are in flight or
    waiting to be taken, so a corpus streams through the pool as it does through one process.
    """

    def run(func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if workers <= 1:
            yield from map(func, items)
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            window = workers * TASKS_PER_THREAD * 4  # a document's task is small: keep every worker fed
            yield from ordered_results(lambda item: pool.submit(func, item), items, window)

    return run


def dask_map(scheduler: str) -> Mapper:
    """A mapper over a dask.distributed cluster at `scheduler` (e.g. tcp://10.0.0.5:8786)."""

    def run(func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        try:
            from dask.distributed import Client
        except ImportError as err:  # an optional extra: say how to get it
            raise RuntimeError("the dask engine needs `pip install 'kg[dask]'`") from err
        with Client(scheduler) as client:
            window = max(MIN_WINDOW, TASKS_PER_THREAD * sum(client.nthreads().values()))
            yield from ordered_results(lambda item: client.submit(func, item, pure=False), items, window)

    return run


MIN_WINDOW = 64  # tasks in flight on a small cluster
TASKS_PER_THREAD = 4  # enough queued work that no worker waits for the next task


def ordered_results(submit: Callable[[T], Future], items: Iterable[T], window: int) -> Iterator[R]:
    """Results of `submit(item)` for each item, in input order, with at most `window` tasks in flight.

    Results come out as soon as those before them are done (a progress bar moves), and
    a result is dropped by the time `window` more tasks are submitted, so memory stays
    bounded whatever the corpus size; a slow task holds back at most `window` others.
    """
    remaining = iter(items)
    in_flight: deque[Future] = deque(submit(item) for item in itertools.islice(remaining, window))
    while in_flight:
        done = in_flight.popleft().result()
        for item in itertools.islice(remaining, 1):
            in_flight.append(submit(item))
        yield done
