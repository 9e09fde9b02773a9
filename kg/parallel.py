"""Ways to run per-document extraction: in this process, in a process pool, on a Dask cluster.

Each engine is a function `map(func, items) -> iterator of results, in input order`, so
the pipeline does not care where the work runs and outputs are identical whatever runs it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], list[T]], Iterator[R]]


def serial_map(func: Callable[[T], R], items: list[T]) -> Iterator[R]:
    """Run in this process, one item after the other."""
    return map(func, items)


def default_workers() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_map(workers: int) -> Mapper:
    """A mapper over a pool of `workers` processes (serial for one worker or one item)."""

    def run(func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        if workers <= 1 or len(items) <= 1:
            yield from map(func, items)
            return
        chunk = max(1, min(64, len(items) // (workers * 8)))  # big enough to amortise pickling
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(func, items, chunksize=chunk)

    return run


def dask_map(scheduler: str) -> Mapper:
    """A mapper over a dask.distributed cluster at `scheduler` (e.g. tcp://10.0.0.5:8786)."""

    def run(func: Callable[[T], R], items: list[T]) -> Iterator[R]:
        try:
            from dask.distributed import Client
        except ImportError as err:  # an optional extra: say how to get it
            raise RuntimeError("the dask engine needs `pip install 'kg[dask]'`") from err
        with Client(scheduler) as client:
            futures = client.map(func, items, pure=False)
            yield from client.gather(futures)

    return run

