"""Settings for a process that runs one fazhi command (made by the command's entry, never on import)."""

from __future__ import annotations

import atexit
import gc
import os

_SETTLED = False
GC_THRESHOLD = (100_000, 50, 100)  # a command's cyclic-collector thresholds (why: settle)


def settle() -> None:
    """Make the command process's settings, once; the entry point calls this before click loads."""
    global _SETTLED
    if _SETTLED:
        return
    _SETTLED = True
    # Interpreter shutdown runs the cyclic garbage collector over every object still alive (~33,000
    # after a render: pydantic schemas, compiled templates): measured 44 ms of a kaifu render. Moving
    # them to the permanent generation first skips that work; atexit still runs every other handler
    # (registered later, so run earlier), and the OS frees the memory anyway.
    atexit.register(gc.freeze)
    # A command imports a few hundred modules (click's alone bring 60); the cyclic collector ran
    # dozens of times while they loaded: 2 % of a `fazhi check` (8.7 M of 455 M instructions). A
    # collection every 100,000 allocations instead of 700 still bounds a long batch's memory; the
    # objects fazhi makes are rarely cyclic anyway.
    gc.set_threshold(*GC_THRESHOLD)
    # fazhi uses no pydantic plugins; looking for them reads every installed package's entry points
    # (2.4 ms of each render). A user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
