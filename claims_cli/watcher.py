"""Watch the corpus from a background thread, so changes made while a run is in progress are never missed.

``watchfiles.watch`` only sees events while its generator is being iterated;
iterating it in the main thread between runs would lose every file dropped
during a run. Here the watcher starts before the first run and queues each
debounced batch; the caller drains the queue after each run.
"""
from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import watchfiles


class CorpusWatcher:
    """A watchfiles watcher on a thread; ``next_change`` hands out file names changed since the last call."""

    def __init__(self, corpus_dir: Path, debounce_ms: int) -> None:
        self._changes: queue.Queue[set[str]] = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(corpus_dir, debounce_ms), daemon=True,
                                        name="corpus-watcher")

    def __enter__(self) -> CorpusWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _watch(self, corpus_dir: Path, debounce_ms: int) -> None:
        for changes in watchfiles.watch(corpus_dir, debounce=debounce_ms, stop_event=self._stop, raise_interrupt=False):
            self._changes.put({Path(path).name for _, path in changes})

    def next_change(self, timeout: float | None = None) -> set[str]:
        """Wait until something changed, then return every name changed since (batches queued during a run merge).

        Returns an empty set if ``timeout`` seconds pass first; waits in short
        slices so Ctrl-C stays responsive.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        names: set[str] = set()
        while not names and (deadline is None or time.monotonic() < deadline):
            try:
                names |= self._changes.get(timeout=0.5)
            except queue.Empty:
                continue
        while True:
            try:
                names |= self._changes.get_nowait()
            except queue.Empty:
                return names
