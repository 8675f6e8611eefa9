"""Fair use of the SPARQL endpoint: per-client budgets of query time and concurrency, and a server-wide cap.

Like the public SPARQL services (Wikidata's query service gives each client 60 s of query time per
minute and a handful of parallel queries), every client — the signed-in account, else the address
(IPv6 by its /64, which one subscriber usually holds whole) — has:

* a budget of query time: a bucket of ``seconds`` that refills at ``seconds`` per ``window``; each query
  costs the time it took; a client whose bucket is empty gets 429 with ``Retry-After`` until it refills;
* a number of queries it may have running at once (``concurrency``); one more gets 429 at once.

And the whole server lets at most ``slots`` SPARQL requests hold a web thread at a time; one more gets
503 with ``Retry-After`` at once instead of queueing for a query worker. So user SPARQL can never take
every thread of the web server: pages, search and ``/healthz`` (which do not use the query workers)
always find one free. Measured before this existed: 40 parallel expensive queries from one anonymous
client made every page take ~47 s.

Counters live in the web process (one ``precedent serve``); a deployment with several processes gives
each its own.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

#: Clients remembered at once; the longest-idle ones are forgotten first (their buckets were full).
MAX_CLIENTS = 100_000


class OverBudget(Exception):
    """A query this client (429) or this server (503) may not start now; ``retry_after`` in seconds."""

    def __init__(self, message: str, retry_after: int, status: int = 429) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)
        self.status = status


@dataclass
class _Client:
    balance: float
    updated: float
    running: int = 0


@dataclass(frozen=True)
class Limits:
    """The fair-use settings (see the README's configuration table)."""

    seconds: float = 30.0
    window: float = 60.0
    concurrency: int = 1
    slots: int = 4


class FairUse:
    """The budgets of every client of one web process; thread-safe."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._clients: dict[str, _Client] = {}
        self._lock = threading.Lock()
        self._in_flight = 0

    def _client(self, key: str, now: float) -> _Client:
        client = self._clients.pop(key, None)  # re-inserted last: the dict stays in order of use
        if client is None:
            client = _Client(balance=self.limits.seconds, updated=now)
            if len(self._clients) >= MAX_CLIENTS:
                idle = next((k for k, c in self._clients.items() if c.running == 0), None)
                if idle is not None:
                    del self._clients[idle]
        rate = self.limits.seconds / self.limits.window
        client.balance = min(self.limits.seconds, client.balance + (now - client.updated) * rate)
        client.updated = now
        self._clients[key] = client
        return client

    @contextmanager
    def admit(self, key: str) -> Iterator[None]:
        """Run the body as one query of client ``key``, or raise ``OverBudget`` saying when to retry."""
        limits = self.limits
        with self._lock:
            now = time.monotonic()
            client = self._client(key, now)
            if client.running >= limits.concurrency:
                raise OverBudget(
                    f"you already have {client.running} quer{'y' if client.running == 1 else 'ies'} running; "
                    f"each client may run {limits.concurrency} at a time: wait for it to finish",
                    retry_after=1,
                )
            if client.balance <= 0:
                wait = math.ceil(-client.balance / (limits.seconds / limits.window)) + 1
                raise OverBudget(
                    f"your queries used their {limits.seconds:g} s of query time per {limits.window:g} s; "
                    f"try again in {wait} s (narrow the queries or add a LIMIT to use less)",
                    retry_after=wait,
                )
            if self._in_flight >= limits.slots:
                raise OverBudget(
                    f"the server is running as many SPARQL queries as it may ({limits.slots}); "
                    "try again in a moment",
                    retry_after=2,
                    status=503,
                )
            client.running += 1
            self._in_flight += 1
        started = time.monotonic()
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                client = self._client(key, time.monotonic())
                client.running -= 1
                client.balance -= time.monotonic() - started


def client_key(account_name: str | None, address: str | None) -> str:
    """Who a request counts against: ``account:NAME``, else ``address:IP`` (IPv6 by its /64 network)."""
    if account_name:
        return f"account:{account_name}"
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return f"address:{address}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"address:{ip.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"address:{ip}"
