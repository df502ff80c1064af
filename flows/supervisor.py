"""Documents extracted in supervised worker processes: one that overruns its time or memory is killed, not
waited for; a worker that dies is replaced and its document tried once more.

Workers are forked from a fork server whose pipeline is already built (``flows.preloaded``), so a
replacement costs milliseconds, and forking never happens from the flow's own process, which runs
Prefect's threads. Each worker takes one document at a time over a pipe; the supervising thread
polls for its answer and meanwhile watches the clock, the worker's resident memory and the stop
event that Ctrl-C and SIGTERM set. Workers die with the process that started them, however it dies:
the fork server exits when its parent does, and each worker asks the kernel for SIGKILL when the
fork server goes (``PR_SET_PDEATHSIG``).
"""
from __future__ import annotations

import queue
import resource
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import current_process, get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Iterator

from extractors.sources.pdf_ocr import on_page_start
from flows.lifeline import end_with_parent
from flows.workers import Outcome, extract_one, hash_or_none

STOP = threading.Event()  # set by the command line on Ctrl-C or SIGTERM: stop handing out documents, kill those in hand
POLL_SECONDS = 0.1
OCR_PAGE = "ocr-page"  # a worker's word that it starts OCR on a page: the document's time limit grows by ocr_page_seconds


@dataclass(frozen=True)
class Limits:
    """Per-document limits: wall-clock seconds (and more for each page OCR reads) and resident memory of the
    worker, in MB."""

    seconds: float = 300.0
    memory_mb: int = 6144
    ocr_page_seconds: float = 60.0


def _context():
    context = get_context("forkserver")
    context.set_forkserver_preload(["flows.preloaded"])
    return context


def _cap_address_space(memory_mb: int) -> None:
    """A hard backstop under the supervisor's resident-memory check, for allocations faster than its polling."""
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            mapped = int(stream.read().split()[0]) * resource.getpagesize()
    except OSError:
        return
    cap = mapped + 2 * memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def serve(connection: Connection, memory_mb: int) -> None:
    """A worker's life: extract each (path, corpus, documents folder) it is sent until told to stop."""
    end_with_parent(signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the supervisor decides
    _cap_address_space(memory_mb)
    on_page_start(lambda: connection.send(OCR_PAGE))
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        connection.send(extract_one(*task))


@contextmanager
def _children_allowed() -> Iterator[None]:
    """Dask runs its workers as daemonic processes, which multiprocessing forbids to have children. Our
    workers are ended by the kernel with their parent (``end_with_parent``), which is what that rule
    protects, so the flag is lifted while one starts."""
    config = current_process()._config
    daemonic = config.get("daemon")
    config["daemon"] = False
    try:
        yield
    finally:
        config["daemon"] = daemonic


def resident_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as stream:
            return int(stream.read().split()[1]) * resource.getpagesize() / 2**20
    except (OSError, IndexError, ValueError):
        return None


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"killed by {name}" + (", perhaps by the system's out-of-memory killer" if name == "SIGKILL" else "")
    return f"exit status {exitcode}"


class DocumentWorker:
    """One supervised worker process, started on first use and replaced whenever it had to be killed."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._process = None
        self._connection: Connection | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        context = _context()
        ours, theirs = context.Pipe()
        self._process = context.Process(target=serve, args=(theirs, self.limits.memory_mb), daemon=True,
                                        name="claims-worker")
        with _children_allowed():
            self._process.start()
        theirs.close()
        self._connection = ours

    def extract(self, path: Path, corpus_dir: Path, documents_dir: Path, name: str) -> Outcome | None:
        """The document's outcome, or None if the run was stopped while it was being extracted."""
        for attempt in (1, 2):
            self.start()
            try:
                self._connection.send((path, corpus_dir, documents_dir))
            except OSError:
                pass  # it died before it could listen: _await sees that
            verdict, detail = self._await()
            if verdict == "done":
                if detail.error == "out of memory":
                    self.kill()  # a MemoryError can leave a process half-working: the next document gets a fresh one
                return detail
            if verdict == "stopped" or STOP.is_set():
                return None
            if verdict == "died" and attempt == 1:
                continue  # the worker, not necessarily the document: once more in a fresh one
            if verdict == "died":
                detail = f"worker process died twice on this document ({detail})"
            return Outcome(name, False, detail, hash_or_none(path))
        raise AssertionError("unreachable")

    def _await(self) -> tuple[str, Outcome | str | None]:
        """("done", outcome), ("stopped", None), ("died", how) or ("limit", which limit was passed)."""
        started = time.monotonic()
        allowed = self.limits.seconds
        while True:
            try:
                if self._connection.poll(POLL_SECONDS):
                    message = self._connection.recv()
                    if message != OCR_PAGE:
                        return "done", message
                    allowed += self.limits.ocr_page_seconds
                    continue
            except (EOFError, OSError):
                pass
            if not self._process.is_alive():
                self._process.join()
                how = _death(self._process.exitcode)
                self._process = None
                return "died", how
            if STOP.is_set():
                self.kill()
                return "stopped", None
            if time.monotonic() - started > allowed:
                self.kill()
                return "limit", f"timed out after {allowed:g} s"
            used = resident_mb(self._process.pid)
            if used is not None and used > self.limits.memory_mb:
                self.kill()
                return "limit", f"out of memory: over the {self.limits.memory_mb} MB per-document limit"

    def kill(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._process = None


class WorkerPool:
    """Supervised workers for the batches that run at once: a batch borrows one for its documents."""

    def __init__(self, size: int, limits: Limits) -> None:
        self._idle: queue.Queue[DocumentWorker] = queue.Queue()
        self._all = [DocumentWorker(limits) for _ in range(max(1, size))]
        for worker in self._all:
            self._idle.put(worker)

    def warm(self) -> None:
        """Start every worker now (the fork server builds the pipeline once, in the background of the caller)."""
        for worker in self._all:
            worker.start()

    def extract(self, paths: list[Path], corpus_dir: Path, documents_dir: Path, names: list[str]) -> list[Outcome]:
        """Outcomes of the documents extracted before the run was stopped (all of them if it was not)."""
        worker = self._idle.get()
        try:
            outcomes = []
            for path, name in zip(paths, names):
                if STOP.is_set():
                    break
                outcome = worker.extract(path, corpus_dir, documents_dir, name)
                if outcome is None:
                    break
                outcomes.append(outcome)
            return outcomes
        finally:
            self._idle.put(worker)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block runs, Ctrl-C and SIGTERM set ``STOP`` instead of raising: no new documents, those
    in hand killed, and the caller records what was done. A second signal leaves at once. Prefect installs
    its own SIGTERM handler for a flow run, so the flow calls this inside; the previous handlers return after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame) -> None:
        if STOP.is_set():
            raise KeyboardInterrupt
        STOP.set()
        print("stopping: recording what was done (Ctrl-C again to leave at once)", file=sys.stderr)

    previous = {number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


_shared: dict[tuple[int, Limits], WorkerPool] = {}
_shared_lock = threading.Lock()


def shared_pool(size: int, limits: Limits) -> WorkerPool:
    """This process's pool for ``size`` workers under ``limits``: made once, reused by later runs and tasks."""
    with _shared_lock:
        key = (size, limits)
        if key not in _shared:
            _shared[key] = WorkerPool(size, limits)
        return _shared[key]

