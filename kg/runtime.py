"""How a corpus run uses the interpreter.

Extraction, linking and graph building make no reference cycles (`tests/test_scale.py`
checks: not one cyclic object over the seed corpus), so everything they free, reference
counting frees at once. The cyclic collector would still walk every live object, again
and again, as results grow: about a quarter of a run's time on 1,000 articles. It is
paused for the run and restored after, whatever it was.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (reference counting still frees)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
