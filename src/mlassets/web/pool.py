"""A few open catalogs shared by the web server's worker threads, one request at a time each.

Opening a catalog costs a connection (and, for PostgreSQL, a login), so the server keeps up to
`size` open and lends one to each request, on a worker thread: the catalog calls block, and the
event loop must not. A SQLite connection is opened with `any_thread`, which is safe because the
pool never lends one catalog to two threads at once.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from mlassets.catalog import Catalog

T = TypeVar("T")


class CatalogPool:
    def __init__(self, target: Path | str, size: int = 8) -> None:
        self.target = target
        self.size = size
        self._idle: queue.SimpleQueue[Catalog] = queue.SimpleQueue()
        self._opened: list[Catalog] = []
        self._lock = threading.Lock()
        self._limiter: CapacityLimiter | None = None

    def location(self) -> str:
        return self.call(lambda catalog: catalog.location)

    def _borrow(self) -> Catalog:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:  # the limiter keeps the number of borrowers at `size` or fewer
            catalog = Catalog.open(self.target, any_thread=True)
            self._opened.append(catalog)
            return catalog

    def call(self, job: Callable[[Catalog], T]) -> T:
        """Run `job` with a catalog on this thread (blocking)."""
        catalog = self._borrow()
        try:
            return job(catalog)
        finally:
            self._idle.put(catalog)

    async def run(self, job: Callable[[Catalog], T]) -> T:
        """Run `job` with a catalog on a worker thread; at most `size` at once."""
        if self._limiter is None:  # created inside the event loop that uses it
            self._limiter = CapacityLimiter(self.size)
        return await anyio.to_thread.run_sync(self.call, job, limiter=self._limiter)

    def close(self) -> None:
        with self._lock:
            for catalog in self._opened:
                catalog.close()
            self._opened.clear()
