"""Watch the corpus from a background thread, so changes made while a run is in progress are never missed.

``watchfiles.watch`` only sees events while its generator is being iterated;
iterating it in the main thread between runs would lose every file dropped
during a run. Here the watcher starts before the first run and queues each
change; ``next_change`` hands them out only after ``debounce`` ms without a
new one, so a file written in chunks, or a batch copied file by file, is one
run. watchfiles cannot name a path that is not UTF-8 and raises instead: the
watch is then restarted and the change reported without a name, so an odd
file name neither kills the watcher nor goes unnoticed.
"""
from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import watchfiles

from extractors.documents import printable_name

UNNAMED = "(a file whose name is not UTF-8)"


class CorpusWatcher:
    """A watchfiles watcher on a thread; ``next_change`` hands out file names changed since the last call."""

    def __init__(self, corpus_dir: Path, debounce_ms: int) -> None:
        self._changes: queue.Queue[set[str]] = queue.Queue()
        self._stop = threading.Event()
        self._quiet = debounce_ms / 1000
        self._thread = threading.Thread(target=self._watch, args=(corpus_dir,), daemon=True, name="corpus-watcher")

    def __enter__(self) -> CorpusWatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _watch(self, corpus_dir: Path) -> None:
        while not self._stop.is_set():
            try:
                for changes in watchfiles.watch(corpus_dir, debounce=50, stop_event=self._stop, raise_interrupt=False):
                    self._changes.put({printable_name(Path(path).name) for _, path in changes})
            except Exception:  # watchfiles' "Unable to decode path": start over, and say something changed
                self._changes.put({UNNAMED})
                time.sleep(0.05)

    def next_change(self, timeout: float | None = None, stop: threading.Event | None = None) -> set[str]:
        """Wait until something changed and then stayed quiet for the debounce time; return every name
        changed since the last call (changes queued during a run merge into one).

        Returns an empty set if ``timeout`` seconds pass, or ``stop`` is set, first; waits in short
        slices so Ctrl-C stays responsive.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        names: set[str] = set()
        while not names and (deadline is None or time.monotonic() < deadline) and not (stop and stop.is_set()):
            try:
                names |= self._changes.get(timeout=0.2)
            except queue.Empty:
                continue
        while names and not (stop and stop.is_set()):
            try:
                names |= self._changes.get(timeout=self._quiet)
            except queue.Empty:
                return names
        return names
