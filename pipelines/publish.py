"""One writer at a time, and a read-only copy for readers.

DuckDB allows one process to write a database file, and a process reading it blocks writers. So:

* every write (an ingest run's load, ``remove-file``) holds an exclusive lock on
  ``<warehouse>.lock`` (``fcntl.flock``) while it has the warehouse open; a second writer waits for
  it, up to a time limit, and then refuses with a message naming the holder;
* after every successful write the closed warehouse is copied to ``published/<name>`` beside it
  and renamed over the previous copy in one atomic step. BI tools and analysts open that copy
  read-only: a reader keeps the copy it opened (the old state) until it reconnects (the new
  state), and never sees a half-written one, nor blocks ingestion.
* The copy is written in DuckDB's storage format v1.0.0 (``PUBLISHED_STORAGE_VERSION``), which
  every DuckDB client from 1.0 on reads (DBeaver, Superset and BI tools bundle 1.x drivers); the
  warehouse itself is in the format of the DuckDB the pipeline runs on.
* A write that fails (a full disk, an I/O error) raises :class:`StorageError` with one line naming
  the path, the free space and the space needed; no temporary file is left behind. A load that
  committed but could not be published leaves ``<warehouse>.unpublished``, and the next run
  publishes first.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb

DEFAULT_WAIT_S = float(os.environ.get("PIPELINES_LOCK_WAIT", "300"))
# The storage format of the published copy: readable by DuckDB 1.0 and every later client.
PUBLISHED_STORAGE_VERSION = "v1.0.0"
_MIB = 1024 * 1024


class WarehouseBusy(RuntimeError):
    """Another writer holds the warehouse."""


class StorageError(RuntimeError):
    """A file could not be written (a full disk, an I/O error). The message is one line for a
    person: what could not be written, why, the free space and the space needed, what to do."""


def published_path(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.parent / "published" / warehouse.name


def lock_path(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock")


def unpublished_marker(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".unpublished")


def _size(n: float) -> str:
    return f"{n / _MIB:.1f} MiB"


def _free_bytes(path: Path) -> int | None:
    for folder in (path, *path.parents):
        if folder.exists():
            try:
                return shutil.disk_usage(folder).free
            except OSError:
                return None
    return None


def storage_error(
    path: Path | str, exc: BaseException, action: str, needed_bytes: int | None = None, after: str = ""
) -> StorageError:
    """A StorageError for a failed write of ``path`` while trying to ``action``. A full disk is
    told by the error number (OSError) or, for DuckDB's errors, by the free space left being less
    than the write needs; never by the text of the error."""
    path = Path(path)
    free = _free_bytes(path.parent)
    needed = max(needed_bytes or 0, _MIB)
    full = (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)) or (
        free is not None and free < needed
    )
    if full:
        cause = f"no space left on its disk ({_size(free or 0)} free; about {_size(needed)} needed)"
    elif isinstance(exc, OSError) and exc.errno:
        cause = f"{os.strerror(exc.errno)} ({errno.errorcode.get(exc.errno, exc.errno)})"
    else:
        text = " ".join(str(exc).split())
        cause = f"{type(exc).__name__}: {text[:160]}"
    return StorageError(f"cannot {action} ({path}): {cause}. {after}".strip())


@contextlib.contextmanager
def writer_lock(
    warehouse: Path | str, wait_s: float = DEFAULT_WAIT_S, progress: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the warehouse's writer lock; wait up to ``wait_s`` seconds for another writer."""
    warehouse = Path(warehouse)
    try:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path(warehouse), "a+", encoding="utf-8")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise storage_error(lock_path(warehouse), exc, "create the writer lock") from None
    with handle:
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
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"ingest pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
            handle.flush()
        except OSError:
            pass  # the lock is held; only the holder's name could not be written (a full disk)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
                handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def mark_unpublished(warehouse: Path | str) -> None:
    """Note, before a write, that the published copy is about to be older than the warehouse."""
    marker = unpublished_marker(warehouse)
    try:
        marker.touch()
    except OSError as exc:
        raise storage_error(marker, exc, "start writing the warehouse", after="Nothing was changed.") from None


def needs_publishing(warehouse: Path | str) -> bool:
    """Whether the published copy is missing or older than the warehouse."""
    return unpublished_marker(warehouse).exists() or not published_path(warehouse).exists()


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def publish(warehouse: Path | str) -> Path:
    """Write the (closed) warehouse to its published place in storage format
    PUBLISHED_STORAGE_VERSION, atomically. Call with the lock held. On failure no temporary file
    is left and a StorageError says why; the previous copy stays."""
    warehouse = Path(warehouse)
    target = published_path(warehouse)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    leftovers = (staging, staging.with_name(staging.name + ".wal"))
    after = (
        "The load itself is committed; readers keep the previous copy, and the next run publishes once there is room."
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove(*leftovers)
        conn = duckdb.connect()
        try:
            conn.execute("attach $path as source (read_only)", {"path": str(warehouse)})
            conn.execute(
                "attach $path as published (storage_version $version)",
                {"path": str(staging), "version": PUBLISHED_STORAGE_VERSION},
            )
            conn.execute("copy from database source to published")
            conn.execute("detach published")
            conn.execute("detach source")
        finally:
            conn.close()
        with open(staging, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, target)
    except (duckdb.Error, OSError) as exc:
        _remove(*leftovers)
        size = warehouse.stat().st_size if warehouse.exists() else None
        raise storage_error(target, exc, "write the read-only copy", size, after) from None
    _remove(unpublished_marker(warehouse))
    return target
