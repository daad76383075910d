"""Signals while fazhi holds temporary files or a child process: unwind, don't vanish.

SIGTERM and SIGHUP would end the process on the spot, leaving a half-written `.tmp` beside the
output or LibreOffice running with its temporary folders. Inside `unwinding()` they raise
Interrupted instead, so `finally` blocks clean up; `held()` keeps SIGINT, SIGTERM and SIGHUP
pending for a few statements (while a file is created or a child starts) and lets them arrive
right after. Handlers a program installed itself are left alone; outside the main thread
nothing changes.
"""

from __future__ import annotations

import contextlib
import signal

from generator.errors import Interrupted

TERMINATING = ("SIGTERM", "SIGHUP")


@contextlib.contextmanager
def unwinding():
    """Inside, SIGTERM and SIGHUP raise Interrupted (exit 128 + signal in the CLI)."""
    installed = {}
    for name in TERMINATING:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            try:
                installed[number] = signal.signal(number, _interrupt)
            except ValueError:  # not the main thread: nothing changes
                break
    try:
        yield
    finally:
        for number, previous in installed.items():
            signal.signal(number, previous)


@contextlib.contextmanager
def held():
    """Hold SIGINT/SIGTERM/SIGHUP back for the duration (Unix); they arrive right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    names = ("SIGINT",) + TERMINATING
    blocked = {getattr(signal, n) for n in names if hasattr(signal, n)}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _interrupt(signum, frame) -> None:
    raise Interrupted(signum)
