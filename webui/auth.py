"""Signing in and out, and the level every request reads at.

Anonymous visitors read at the lowest level; a signed-in person reads at their account's level.
The session holds only the account name; role and level are read from the ledger on every request,
so demoting an account takes effect at once. Failed sign-ins are throttled per address and per account
(``webui.sign_in_throttle``) before any password hash is computed.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from archive.accounts import Account, Accounts
from archive.contracts import ReadView

from .sign_in_throttle import (
    DEVICE_COOKIE,
    DEVICE_MAX_AGE,
    SignInThrottle,
    SignInThrottled,
    device_cookie,
    device_serializer,
    trusted_device,
)

log = logging.getLogger(__name__)
blueprint = Blueprint("auth", __name__)


def accounts() -> Accounts | None:
    return current_app.extensions.get("precedent.accounts")


def load_account() -> None:
    g.account = None
    name = session.get("account")
    store = accounts()
    if name and store is not None:
        g.account = store.get(name)
        if g.account is None:
            session.clear()


def current_level() -> str:
    levels = current_app.config["LEVELS"]
    account: Account | None = g.get("account")
    if account is not None and account.level in levels:
        return account.level
    return levels[0]


def visible_levels() -> tuple[str, ...]:
    """The levels at or below the current user's: the only ones a response may mention."""
    levels = tuple(current_app.config["LEVELS"])
    return levels[: levels.index(current_level()) + 1]


def current_view() -> ReadView:
    """The archive ``View`` for the person asking: the one door to the data."""
    view: ReadView = current_app.extensions["precedent.archive"].view(current_level())
    return view


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Send anonymous visitors to the sign-in page; refuse (403) accounts without one of ``roles``."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            account: Account | None = g.get("account")
            if account is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if account.role not in roles:
                abort(403, f"this page needs the role {' or '.join(roles)}; your account is a {account.role}")
            return view(*args, **kwargs)

        return wrapped

    return decorate


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect after sign-in would help phishing.
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return url_for("search.home")
    return target


@blueprint.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    error = None
    status = 200
    headers: dict[str, str] = {}
    if request.method == "POST":
        store = accounts()
        name = request.form.get("name", "").strip()[:64]
        password = request.form.get("password", "")
        address = request.remote_addr or "unknown"
        throttle: SignInThrottle = current_app.extensions["precedent.sign_in_throttle"]
        serializer = device_serializer(current_app.secret_key or "")
        device = request.cookies.get(DEVICE_COOKIE)
        trusted = trusted_device(serializer, device, name)
        try:
            throttle.check(name, address, trusted)
        except SignInThrottled as held:
            log.warning("sign-in for %r from %s held back: %s", name, address, held)
            error, status = str(held), 429
            headers["Retry-After"] = str(held.retry_after)
            return (
                render_template("login.html", error=error, next=request.values.get("next", "")),
                status,
                headers,
            )
        account = store.verify(name, password) if store is not None and name and password else None
        if account is None:
            throttle.failed(name, address, trusted)
            error = "That name and password do not match an account."
            status = 401
            log.info("failed sign-in for %r from %s", name, address)
        else:
            session.clear()
            session["account"] = account.name
            session.permanent = True
            flash(f"Signed in as {account.name} ({account.role}, reads at {account.level}).")
            response = redirect(_safe_next(request.form.get("next")))
            response.set_cookie(
                DEVICE_COOKIE,
                device_cookie(serializer, device, account.name),
                max_age=DEVICE_MAX_AGE,
                httponly=True,
                secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
                samesite="Lax",
            )
            return response
    return render_template("login.html", error=error, next=request.values.get("next", "")), status


@blueprint.route("/logout", methods=["POST"])
def logout():  # type: ignore[no-untyped-def]
    session.clear()
    flash("Signed out.")
    return redirect(url_for("search.home"))
