"""Pausing the cyclic garbage collector for one command: a concern of the shell alone.

The command line (``cli.commands.main``) pauses it once around each command; the functional core
never touches it, so ``assess()`` and the loaders stay pure and a script that uses the API
decides for itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block; restore it after. Nested uses are
    harmless.

    What it saves: a command builds a document, a questionnaire model, parse trees and result
    models, hundreds of thousands of objects of which almost none are garbage, so the collector
    runs full passes over everything built so far, again and again. Measured in CPU time of the
    work, collector running against paused, in fresh interpreters, interleaved, median of each
    round's ratio (``benchmarks/devices.py --runs 21``; docs/performance.md, "Devices that pay
    their way"): 1.32x for the bundled questionnaire with its seven examples scored, 1.24x for a
    workshop of 500 answers files; even for one load of a generated 200-question one. What is built is freed by reference counting
    anyway, and the collector runs again when the block ends. The longest command, the
    interactive ``assess``, builds little after the questionnaire, and its process ends with it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
