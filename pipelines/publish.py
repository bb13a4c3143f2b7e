"""One writer at a time, and a read-only copy for readers.

DuckDB allows one process to write a database file, and a process reading it blocks writers. So:

* every write (an ingest run's load, ``remove-file``) holds an exclusive lock on
  ``<warehouse>.lock`` (``fcntl.flock``) while it has the warehouse open; a second writer waits for
  it, up to a time limit, and then refuses with a message naming the holder;
* after every successful write the closed, checkpointed warehouse file is copied to
  ``published/<name>`` beside it and renamed over the previous copy in one atomic step. BI tools
  and analysts open that copy read-only: a reader keeps the copy it opened (the old state) until
  it reconnects (the new state), and never sees a half-written one, nor blocks ingestion.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_WAIT_S = float(os.environ.get("PIPELINES_LOCK_WAIT", "300"))


class WarehouseBusy(RuntimeError):
    """Another writer holds the warehouse."""


def published_path(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.parent / "published" / warehouse.name


@contextlib.contextmanager
def writer_lock(
    warehouse: Path | str, wait_s: float = DEFAULT_WAIT_S, progress: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the warehouse's writer lock; wait up to ``wait_s`` seconds for another writer."""
    warehouse = Path(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with open(lock_path, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"the warehouse {warehouse} is being written by {holder}; waited {wait_s:g} s, "
                        "giving up (try again when it has finished)"
                    ) from None
                if progress and not told:
                    progress(f"waiting for the warehouse: it is being written by {holder}")
                    told = True
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"ingest pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(warehouse: Path | str) -> Path:
    """Copy the (closed) warehouse to its published place, atomically. Call with the lock held."""
    warehouse = Path(warehouse)
    target = published_path(warehouse)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(warehouse, staging)
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, target)
    return target
