"""Pausing the cyclic garbage collector while large structures are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large structure is built.

    Building a document, a questionnaire model or thousands of parse trees allocates hundreds of
    thousands of objects and frees almost none, which makes the collector run full passes over
    everything built so far, again and again: 13-16% of the time of loading and scoring a
    generated questionnaire (``benchmarks/scale.py --gc-comparison``). Those objects are freed
    by reference counting anyway; the collector runs again when the block ends. Nested uses are
    harmless.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
