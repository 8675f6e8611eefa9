"""A bounded load generator for the web UI: N client threads on 127.0.0.1, a hard time and request limit.

Each thread keeps one keep-alive connection and sends its next request as soon as the last one is
answered (a closed loop), so the figure is the throughput the server sustains for N users who never
think. The generator runs on the same two cores as the server; its own CPU use is part of the figure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .figures import percentile
from .server import LOOPBACK, Client

#: Builds the i-th request of one client: (method, path, body, headers).
RequestMaker = Callable[[int], tuple[str, str, bytes | None, dict[str, str]]]


@dataclass
class LoadResult:
    """What the server did under load."""

    clients: int
    seconds: float
    requests: int
    errors: int
    latencies_ms: list[float] = field(default_factory=list)
    first_error: str = ""

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def latency(self, fraction: float) -> float:
        return percentile(self.latencies_ms, fraction) if self.latencies_ms else float("nan")


def run_load(
    port: int,
    make_request: RequestMaker,
    *,
    clients: int = 32,
    seconds: float = 30.0,
    max_requests: int = 200_000,
    host: str = LOOPBACK,
) -> LoadResult:
    """Drive the server at ``127.0.0.1:port`` with ``clients`` threads for ``seconds`` or ``max_requests``."""
    if host != LOOPBACK:
        raise ValueError("the load generator only targets 127.0.0.1")
    lock = threading.Lock()
    budget = [max_requests]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    first_error: list[str] = []
    start_gate = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client_loop(number: int) -> None:
        client = Client(port, timeout=10.0)
        start_gate.wait()
        sequence = number
        while time.perf_counter() < deadline[0]:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            method, path, body, headers = make_request(sequence)
            sequence += clients
            try:
                response = client.request(method, path, body, headers)
                if response.status != 200:
                    errors[number] += 1
                    if not first_error:
                        first_error.append(f"{method} {path[:80]} → {response.status}")
                else:
                    latencies[number].append(response.seconds * 1000)
            except OSError as error:
                errors[number] += 1
                if not first_error:
                    first_error.append(f"{method} {path[:80]} → {error}")
        client.close()

    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline[0] = started + seconds
    start_gate.wait()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.perf_counter() - started
    merged = [value for values in latencies for value in values]
    return LoadResult(
        clients,
        elapsed,
        len(merged) + sum(errors),
        sum(errors),
        merged,
        first_error[0] if first_error else "",
    )
