"""Processes that must not outlive their parent: the kernel signals them when it dies, however it dies.

Kept free of heavy imports: the command line calls it for the temporary Prefect
server before anything else is loaded.
"""
from __future__ import annotations

import ctypes
import signal

PR_SET_PDEATHSIG = 1


def end_with_parent(signal_number: int = signal.SIGKILL) -> None:
    """Ask the kernel (Linux ``PR_SET_PDEATHSIG``) to send this process ``signal_number`` when its parent exits.
    Elsewhere this does nothing; ``atexit`` handlers then cover only a normal exit."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal_number)
    except (OSError, AttributeError):
        pass
