"""Slow down password guessing: failed sign-ins are counted per address and per account.

Without this, 40 wrong passwords took 3.3 s. Now, within ``window`` seconds:

* one address may fail ``per_address`` times; then every sign-in from it waits (429, ``Retry-After``);
* one account may fail ``per_account`` times from browsers it has never signed in from; then only
  such browsers wait for that account.

An attacker could use the account limit to lock a real person out (fail five times on their name, from
anywhere); so a browser where the account has signed in before carries a signed *device cookie*
(the OWASP "device cookie" scheme), and it is counted on its own: the account's limit never applies to
it, only its own ``per_account`` failures do. A real user at their usual browser can always sign in; a
stranger's guesses at that account slow down everyone who is not.

The check comes before the password hash is computed, so a throttled attempt costs the server nothing.
Counters live in the web process and are forgotten at restart.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

DEVICE_COOKIE = "precedent_device"
DEVICE_MAX_AGE = 180 * 24 * 3600
#: Keys remembered at once; beyond this the oldest are forgotten (a flood of made-up names).
MAX_KEYS = 100_000


class SignInThrottled(Exception):
    """Sign-in attempts must wait; the message says why and ``retry_after`` how long (seconds)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


@dataclass(frozen=True)
class ThrottleLimits:
    """Failures allowed per ``window`` seconds."""

    per_address: int = 10
    per_account: int = 5
    window: float = 600.0


class SignInThrottle:
    """Failure counts of one web process; thread-safe."""

    def __init__(self, limits: ThrottleLimits | None = None) -> None:
        self.limits = limits or ThrottleLimits()
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.limits.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def _wait(self, times: deque[float], now: float) -> int:
        return math.ceil(times[0] + self.limits.window - now)

    def check(self, name: str, address: str, trusted_device: bool) -> None:
        """Raise ``SignInThrottled`` if an attempt for ``name`` from ``address`` must wait."""
        now = time.monotonic()
        limits = self.limits
        with self._lock:
            by_address = self._recent(f"address:{address}", now)
            if len(by_address) >= limits.per_address:
                wait = self._wait(by_address, now)
                raise SignInThrottled(
                    f"Too many failed sign-ins from your address: try again in {_minutes(wait)}.", wait
                )
            key = f"device:{name}" if trusted_device else f"account:{name}"
            by_account = self._recent(key, now)
            if len(by_account) >= limits.per_account:
                wait = self._wait(by_account, now)
                where = "from this browser" if trusted_device else "from browsers it has not been used in"
                raise SignInThrottled(
                    f"Too many failed sign-ins for this account {where}: try again in {_minutes(wait)}. "
                    "A browser where you have signed in before is not held back by others' attempts.",
                    wait,
                )

    def failed(self, name: str, address: str, trusted_device: bool) -> None:
        """Count one failed attempt against the address and the account (or the trusted device)."""
        now = time.monotonic()
        with self._lock:
            if len(self._failures) >= MAX_KEYS:
                for key in list(self._failures)[: MAX_KEYS // 10]:
                    del self._failures[key]
            for key in (f"address:{address}", f"device:{name}" if trusted_device else f"account:{name}"):
                self._failures.setdefault(key, deque()).append(now)


def _minutes(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"


def device_serializer(secret_key: str | bytes) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="precedent-device")


def trusted_device(serializer: URLSafeTimedSerializer, cookie: str | None, name: str) -> bool:
    """Whether ``cookie`` is a device cookie this server issued after ``name`` signed in."""
    if not cookie or not name:
        return False
    try:
        names = serializer.loads(cookie, max_age=DEVICE_MAX_AGE)
    except BadSignature:
        return False
    return isinstance(names, list) and name in names


def device_cookie(serializer: URLSafeTimedSerializer, cookie: str | None, name: str) -> str:
    """The device cookie after ``name`` signed in: the accounts it already held plus ``name`` (at most 5)."""
    names: list[str] = []
    if cookie:
        try:
            loaded = serializer.loads(cookie, max_age=DEVICE_MAX_AGE)
            names = [n for n in loaded if isinstance(n, str)] if isinstance(loaded, list) else []
        except BadSignature:
            names = []
    names = [n for n in names if n != name][-4:] + [name]
    return serializer.dumps(names)
