"""Precedent's web UI: a Flask application factory over one opened ``archive.Archive``.

Every page reads through ``archive.view(level)`` for the level of the person asking (anonymous
visitors read at the lowest level), so nothing above a user's clearance can reach a response.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from flask import Flask, g, jsonify, render_template, request
from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from archive import Archive
from archive.accounts import Accounts
from ontology import DEFAULT_BASE_IRI, IriMinter

from . import auth, csrf
from .fair_use import FairUse, Limits
from .search import DEFAULT_PER_PAGE
from .sign_in_throttle import SignInThrottle, ThrottleLimits

log = logging.getLogger(__name__)
_NOT_MARK = re.compile(r"<(?!/?mark>)")

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "precedent_session",
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    "SEARCH_PER_PAGE": DEFAULT_PER_PAGE,
    "TESTING": False,
    "DEVELOPMENT": False,
}
#: Fair-use settings (``webui.fair_use``): app config key → (environment variable, type).
FAIR_USE_SETTINGS = {
    "SPARQL_CLIENT_SECONDS": ("PRECEDENT_CLIENT_QUERY_SECONDS", float, "seconds"),
    "SPARQL_CLIENT_WINDOW": ("PRECEDENT_CLIENT_QUERY_WINDOW", float, "window"),
    "SPARQL_CLIENT_QUERIES": ("PRECEDENT_CLIENT_QUERIES", int, "concurrency"),
    "SPARQL_SLOTS": ("PRECEDENT_SPARQL_SLOTS", int, "slots"),
}
#: Shortest secret key accepted (bytes): the key signs sessions and device cookies, so a short one can be
#: guessed offline from any cookie; 32 random bytes cannot. Test apps (``TESTING``) are exempt.
MIN_SECRET_KEY_BYTES = 32


def create_app(archive: Archive, config: dict[str, Any] | None = None) -> Flask:
    """Build the web UI for ``archive``; ``config`` overrides the defaults and the environment.

    Raises ``RuntimeError`` when no secret key is configured outside testing and development, or one
    shorter than ``MIN_SECRET_KEY_BYTES`` outside testing: a guessable key would let anyone forge a
    session and read at another person's level.
    """
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("PRECEDENT_SECRET_KEY")
    if not app.config["SECRET_KEY"]:
        if not (app.config["TESTING"] or app.config["DEVELOPMENT"]):
            raise RuntimeError("set PRECEDENT_SECRET_KEY (a long random string) to run the web UI")
        app.config["SECRET_KEY"] = os.urandom(32).hex()
    key = app.config["SECRET_KEY"]
    length = len(key.encode("utf-8") if isinstance(key, str) else key)
    if length < MIN_SECRET_KEY_BYTES and not app.config["TESTING"]:
        raise RuntimeError(
            f"PRECEDENT_SECRET_KEY is {length} bytes long; use at least {MIN_SECRET_KEY_BYTES} random "
            "bytes, e.g. the output of: python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    # Cookies only over HTTPS, except in tests and local development over plain HTTP.
    if "SESSION_COOKIE_SECURE" not in (config or {}):
        app.config["SESSION_COOKIE_SECURE"] = not (app.config["TESTING"] or app.config["DEVELOPMENT"])

    archive_config = getattr(archive, "config", None)
    base = app.config.get("BASE_IRI") or getattr(archive_config, "base_iri", None) or DEFAULT_BASE_IRI
    app.config["BASE_IRI"] = base
    app.config.setdefault("LEVELS", tuple(getattr(archive_config, "levels", ("public",))))
    app.extensions["precedent.archive"] = archive
    app.extensions["precedent.minter"] = IriMinter(base)
    ledger = app.config.get("LEDGER_PATH")
    if ledger is None and archive_config is not None and getattr(archive_config, "data_dir", None):
        ledger = archive_config.data_dir / "ledger.sqlite"
    app.extensions["precedent.accounts"] = (
        Accounts(ledger, app.config["LEVELS"]) if ledger is not None else None
    )
    app.extensions["precedent.fair_use"] = FairUse(_fair_use_limits(app.config))
    app.extensions["precedent.sign_in_throttle"] = SignInThrottle(
        ThrottleLimits(
            per_address=int(app.config.get("SIGN_IN_FAILURES_PER_ADDRESS", 10)),
            per_account=int(app.config.get("SIGN_IN_FAILURES_PER_ACCOUNT", 5)),
            window=float(app.config.get("SIGN_IN_WINDOW", 600)),
        )
    )

    from . import briefing, entities, feeds, health, ontology_page, operations, review, search, sparql, upload

    app.register_blueprint(auth.blueprint)
    app.register_blueprint(search.blueprint)
    app.register_blueprint(entities.blueprint)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(ontology_page.blueprint)
    app.register_blueprint(upload.blueprint)
    app.register_blueprint(review.blueprint)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(briefing.blueprint)
    app.register_blueprint(feeds.blueprint)
    app.register_blueprint(operations.blueprint)

    from .vocabulary import curie

    # Compiled templates are kept between server starts (Jinja's per-user folder under the system's
    # temporary directory, mode 0700, keyed by each template's name and source checksum): compiling
    # them made the first request for each kind of page after a start 40-700 ms slower than the next.
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache()
    app.jinja_env.filters["curie"] = curie
    app.jinja_env.filters["snippet"] = safe_snippet
    app.jinja_env.filters["amount"] = amount
    # Globals (not context processors) so that imported macros see them too.
    app.jinja_env.globals.update(entity_path=entity_path, csrf_token=csrf.token)
    app.before_request(auth.load_account)
    app.before_request(csrf.protect)
    app.after_request(_security_headers)
    app.context_processor(_template_globals)
    app.register_error_handler(HTTPException, _http_error)
    return app


def _fair_use_limits(config: dict[str, Any]) -> Limits:
    values: dict[str, Any] = {}
    for key, (variable, kind, field) in FAIR_USE_SETTINGS.items():
        raw = config.get(key, os.environ.get(variable))
        if raw is None:
            continue
        try:
            values[field] = kind(raw)
        except ValueError:
            raise RuntimeError(f"{variable}={raw!r} is not a number") from None
        if values[field] <= 0:
            raise RuntimeError(f"{variable} must be positive, got {raw!r}")
    return Limits(**values)


def _template_globals() -> dict[str, Any]:
    return {
        "account": g.get("account"),
        "level": auth.current_level(),
    }


def amount(value: object) -> str:
    """A money amount with thousands separators (``4500000`` → ``4,500,000``)."""
    try:
        number = float(str(value))
    except ValueError:
        return str(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


def safe_snippet(html: str) -> Markup:
    """The index's snippet (already escaped, matches in ``<mark>``), with any other tag neutralised."""
    return Markup(_NOT_MARK.sub("&lt;", html or ""))


def entity_path(iri: str) -> str | None:
    """The local page of an IRI minted under our base (or a glossary topic), else ``None``."""
    from flask import current_app

    from ontology import GLOSSARY

    text = str(iri)
    if text.startswith(str(GLOSSARY)):
        slug = text[len(str(GLOSSARY)) :]
        return f"/id/topic/{slug}" if slug and "/" not in slug else None
    split = current_app.extensions["precedent.minter"].split(text)
    return f"/id/{split[0]}/{split[1]}" if split else None


def _security_headers(response):  # type: ignore[no-untyped-def]
    # Every page depends on who asks (their level), so nothing may be cached by shared caches.
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["Vary"] = "Accept, Cookie"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    )
    return response


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.path.startswith("/api/") or best == "application/json"


def _http_error(error: HTTPException):  # type: ignore[no-untyped-def]
    if wants_json() or request.path in ("/healthz", "/sparql"):
        response = jsonify({"error": error.name, "status": error.code, "message": error.description})
        response.status_code = error.code or 500
        return response
    return render_template("error.html", error=error), error.code or 500
