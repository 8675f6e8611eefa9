"""Take a worker process off the network: a fresh, empty network namespace, entered before any work.

A query worker evaluates user SPARQL; if a ``SERVICE`` ever slipped past the checker, the engine would
make an HTTP request from the worker. In a network namespace of its own the worker has no interface but
a loopback that is down, so every ``connect`` fails at once ("Network is unreachable") and nothing on
this machine or beyond can be reached, the archive's own remote store included.

As root, ``unshare(CLONE_NEWNET)`` suffices. Without root, a user namespace first
(``CLONE_NEWUSER | CLONE_NEWNET``) gives the capability inside it, where the kernel allows unprivileged
user namespaces; that must happen while the process has a single thread, so it is the first thing a
worker does. Where neither works (a container without the capability, a kernel without namespaces) the
worker carries on, and says so on stderr: the checker still refuses ``SERVICE``, but the second wall is
missing and the log says which.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def _unshare(flags: int) -> int:
    """0 on success, else the errno of ``unshare(2)``."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    if libc.unshare(ctypes.c_int(flags)) == 0:
        return 0
    return ctypes.get_errno()


def leave_network() -> str | None:
    """Enter a new, empty network namespace; ``None`` when done, else why it could not be done."""
    if not hasattr(os, "unshare") and not os.path.exists("/proc/self/ns/net"):
        return "this system has no network namespaces"
    try:
        errno = _unshare(CLONE_NEWNET)
        if errno == 0:
            return None
        errno_user = _unshare(CLONE_NEWUSER | CLONE_NEWNET)
        if errno_user == 0:
            return None
    except (OSError, AttributeError) as exc:  # no libc or no unshare symbol
        return f"unshare is not available ({exc})"
    return (
        f"unshare(CLONE_NEWNET) failed ({os.strerror(errno)}) and so did "
        f"unshare(CLONE_NEWUSER|CLONE_NEWNET) ({os.strerror(errno_user)})"
    )


def network_namespace(pid: int | str = "self") -> str | None:
    """The network namespace of process ``pid`` (e.g. ``net:[4026531840]``), or ``None`` if unknown."""
    try:
        return os.readlink(f"/proc/{pid}/ns/net")
    except OSError:
        return None
