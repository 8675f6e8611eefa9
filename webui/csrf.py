"""Cross-site request forgery protection: a per-session token that every state-changing form carries.

The SPARQL endpoint is exempt: it only reads, and the SPARQL Protocol has clients that post
queries without any form (SPARQLWrapper, rdflib), so there is nothing a forged request could change.
"""

from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
EXEMPT_ENDPOINTS = frozenset({"sparql.endpoint"})


def token() -> str:
    """The session's token, created on first use; templates put it in a hidden field."""
    value = session.get(FIELD)
    if not value:
        value = secrets.token_urlsafe(32)
        session[FIELD] = value
    return value


def protect() -> None:
    # the CLI's operations carry a bearer token and no cookie, so a forged cross-site request has no power
    if (
        request.method in ("GET", "HEAD", "OPTIONS")
        or request.endpoint in EXEMPT_ENDPOINTS
        or request.blueprint == "operations"
    ):
        return
    expected = session.get(FIELD)
    sent = request.form.get(FIELD) or request.headers.get(HEADER)
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        abort(400, "the form's security token is missing or out of date: reload the page and try again")
