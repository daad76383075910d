"""Walk folders for drafts or specs, and run a function over them in worker processes.

Workers get chunks of paths and return only small results (summary rows, findings, output
paths): no document crosses a process boundary, and only a bounded number of chunks is in
flight, so checking 500 drafts never holds 500 documents in memory.
"""

from __future__ import annotations

import itertools
import os
import signal
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from generator.errors import FazhiError, Problem
from generator.safe_io import resolved

T = TypeVar("T")

# What a folder walk picks up. .doc/.wps/.pdf are not readable drafts, but a supervising office
# wants to see that a district sent one: the row says so (the reader's message) instead of silence.
DRAFT_SUFFIXES = (".docx", ".txt", ".text", ".yaml", ".yml", ".doc", ".wps", ".rtf", ".pdf", ".ofd")
SPEC_SUFFIXES = (".yaml", ".yml")
# Below this many items a worker pool costs more than it saves.
MIN_PARALLEL = 4


def collect(paths: Iterable[str | Path], suffixes: Sequence[str] = DRAFT_SUFFIXES) -> list[Path]:
    """The files named, and every file under a named folder with one of `suffixes`, in order.

    A file named explicitly is kept whatever its suffix (the reader says why it cannot be read),
    and so is a folder holding nothing to read;
    in folders, hidden files and Word's lock files (~$…) are skipped; duplicates are dropped.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                f
                for f in path.rglob("*")
                if f.suffix.lower() in suffixes and f.is_file() and not _skipped(f.relative_to(path))
            )
            found = found or [path]  # an empty folder is reported as such, not skipped in silence
        else:
            found = [path]
        for file in found:
            key = resolved(file)
            if key not in seen:
                seen.add(key)
                out.append(file)
    return out


def _skipped(relative: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in relative.parts)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def chunk_size(count: int, jobs: int) -> int:
    """About eight chunks per worker (even load, frequent progress), at most 32 items each."""
    return max(1, min(32, -(-count // (jobs * 8))))


def run(
    func: Callable[..., list[T]],
    items: Sequence,
    args: tuple = (),
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int | None = None,
) -> Iterator[tuple[int, T]]:
    """(index, result) for each item, as chunks finish; `func(chunk_items, *args)` returns one
    result per item. `progress(n)` is called with the number of items just finished."""
    jobs = jobs or default_jobs()
    if jobs == 1 or len(items) < MIN_PARALLEL:
        for index, item in enumerate(items):
            (result,) = func([item], *args)
            if progress:
                progress(1)
            yield index, result
        return
    size = chunk or chunk_size(len(items), jobs)
    chunks = ((start, items[start : start + size]) for start in range(0, len(items), size))
    yield from _pooled(func, chunks, args, min(jobs, -(-len(items) // size)), progress)


def _pooled(func, chunks: Iterator[tuple[int, Sequence]], args: tuple, jobs: int, progress) -> Iterator:
    """Keep at most two chunks per worker in flight; yield results as their chunk completes."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool  # imported here: one draft needs no pool

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupt)
    pending: dict = {}
    try:
        for start, part in itertools.islice(chunks, jobs * 2):
            pending[pool.submit(func, part, *args)] = start
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                start = pending.pop(future)
                results = future.result()
                if progress:
                    progress(len(results))
                yield from enumerate(results, start)
                for nxt, part in itertools.islice(chunks, 1):
                    pending[pool.submit(func, part, *args)] = nxt
    except BrokenProcessPool:
        raise FazhiError(Problem("并行处理的子进程意外退出（内存不足？）：请用 --jobs 1 重试")) from None
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
