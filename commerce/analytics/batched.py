"""Counts kept in memory inside requests and written to the database in batches, outside them.

A storefront GET never writes (on SQLite a write per view serialises every shopper behind the
single writer). A ``BatchBuffer`` subclass says what a batch holds (``new_batch``: anything
with ``merge`` and a truth value) and how it is written (``write``); this class keeps it
thread-safe, flushes it from a daemon thread every ``WINKELIER_VIEW_COUNT_FLUSH_SECONDS``
(0: only when flushed explicitly, as tests do), at normal process exit, and starts empty in a
forked worker. A flush that fails puts its batch back and logs a warning: a locked or
unreachable database delays counts instead of losing them. What is lost: at most one interval
of a process killed hard - analytics, never money or stock.
"""

import atexit
import logging
import os
import threading
from abc import ABC, abstractmethod

from django.conf import settings
from django.db import connection

logger = logging.getLogger("commerce.batched")

DEFAULT_FLUSH_SECONDS = 30


class BatchBuffer(ABC):
    name = "counts"

    def __init__(self):
        self._reset()
        atexit.register(self.flush)
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._lock = threading.Lock()
        self._pending = self.new_batch()
        self._flusher = None
        self._stop = threading.Event()

    @abstractmethod
    def new_batch(self):
        """An empty batch."""

    @abstractmethod
    def write(self, batch) -> int:
        """Write one batch (in one transaction); return how many counts were written."""

    def update(self, change):
        """Apply ``change(pending_batch)`` under the lock (inside requests: memory only)."""
        with self._lock:
            change(self._pending)
        self._ensure_flusher()

    def pending(self):
        """A copy of what is waiting to be written (for tests and the operator)."""
        with self._lock:
            copy = self.new_batch()
            copy.merge(self._pending)
            return copy

    def discard(self):
        """Forget everything pending (tests only)."""
        with self._lock:
            self._pending = self.new_batch()

    def flush(self) -> int:
        with self._lock:
            batch, self._pending = self._pending, self.new_batch()
        if not batch:
            return 0
        try:
            return self.write(batch)
        except Exception:  # a locked or unreachable database: keep the counts, never drop them
            logger.warning("%s not written yet; kept for the next flush", self.name, exc_info=True)
            with self._lock:
                self._pending.merge(batch)
            return 0

    def _ensure_flusher(self):
        if self._flusher is not None:
            return
        interval = getattr(settings, "WINKELIER_VIEW_COUNT_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)
        if not interval:
            return
        with self._lock:
            if self._flusher is not None:
                return
            self._flusher = threading.Thread(
                target=self._run, args=(interval,), name=f"{self.name}-flusher", daemon=True
            )
            self._flusher.start()

    def _run(self, interval):
        while not self._stop.wait(interval):
            try:
                self.flush()
            except Exception:  # never let the flusher thread die
                logger.exception("%s: flush failed", self.name)
            finally:
                connection.close()
