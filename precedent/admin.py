"""``precedent user`` and ``precedent review``: accounts, and the editors' review of proposed facts."""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO

import click

from archive import Archive, ArchiveConfig, ReviewItem
from archive.accounts import AccountError, Accounts


def _archive(ctx: click.Context) -> Archive:
    from .cli import _open  # the command group imports this module, so not at the top

    return _open(ctx)


def _accounts(ctx: click.Context) -> Accounts:
    from .cli import _config

    config: ArchiveConfig = _config(ctx.find_root().obj["data"])
    return Accounts(config.data_dir / "ledger.sqlite", config.levels)


@click.group()
def user() -> None:
    """Accounts: readers, editors and admins, each with an access level."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reader", "editor", "admin"]), default="reader", show_default=True)
@click.option(
    "--level", default=None, help="Highest access level the account may read (default: the lowest)."
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input instead of asking."
)
@click.pass_context
def user_add(ctx: click.Context, name: str, role: str, level: str | None, password_stdin: bool) -> None:
    """Create an account (or change its password, role and level)."""
    accounts = _accounts(ctx)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    try:
        account = accounts.add_user(
            name, password, role=role, level=level or (accounts.levels or ("public",))[0]
        )
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{account.name}: {account.role} at {account.level}")


@user.command("list")
@click.pass_context
def user_list(ctx: click.Context) -> None:
    """List the accounts."""
    for account in _accounts(ctx).all():
        click.echo(f"{account.name:<24} {account.role:<8} {account.level}")


@user.command("remove")
@click.argument("name")
@click.pass_context
def user_remove(ctx: click.Context, name: str) -> None:
    """Delete an account."""
    if not _accounts(ctx).remove(name):
        raise click.ClickException(f"no account named {name!r}")
    click.echo(f"removed {name}")


@click.group()
def review() -> None:
    """Facts a heuristic reader proposed with low confidence: list, then accept, correct or reject each."""


@review.command("list")
@click.option("--level", default=None, help="Only documents at this access level.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def review_list(ctx: click.Context, level: str | None, as_json: bool) -> None:
    """The pending proposals, with the passage each came from (from the running server, if any)."""
    from .cli import _server

    server = _server(ctx)
    if server is not None:
        answer = server.call_json("GET", "/operations/review", query=[("level", level or "")])
        items = [ReviewItem(**row) for row in answer] if isinstance(answer, list) else []
    else:
        archive = _archive(ctx)
        try:
            items = archive.review.pending(level)
        finally:
            archive.close()
    if as_json:
        click.echo(json.dumps([item.__dict__ for item in items], indent=2, ensure_ascii=False))
        return
    for item in items:
        click.echo(f"{item.key[:12]}  {item.identifier}  confidence {item.confidence:.2f}  rule {item.rule}")
        click.echo(f"    proposed: {item.summary}")
        click.echo(f"    passage:  {item.passage_text[:300]}")
    click.echo(f"({len(items)} pending)")


def _decide(ctx: click.Context, key: str, action: str, user_name: str, corrected: str | None = None) -> None:
    from .cli import _server

    server = _server(ctx)
    if server is not None:
        body = {"key": key, "action": action, "user": user_name, "corrected": corrected}
        answer = server.call_json("POST", "/operations/review", body)
        if not isinstance(answer, dict):
            raise click.ClickException("the server gave no answer to the review decision")
        click.echo(f"{action}ed {str(answer.get('key', ''))[:12]} of {answer.get('identifier', '')}")
        return
    archive = _archive(ctx)
    try:
        matches = [item for item in archive.review.pending() if item.key.startswith(key)]
        if len(matches) != 1:
            raise click.ClickException(
                f"{len(matches)} pending proposals start with {key!r}; give more of the key"
            )
        identifier = archive.review.decide(matches[0].key, action, user_name, corrected_triples=corrected)
        with archive.writer(user_name) as writer:
            writer.refresh_review(identifier)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    finally:
        archive.close()
    click.echo(f"{action}ed {matches[0].key[:12]} of {identifier}")


_USER = click.option(
    "--user", "user_name", default=lambda: os.environ.get("USER", "cli"), help="Recorded as the reviewer."
)


@review.command("accept")
@click.argument("key")
@_USER
@click.pass_context
def review_accept(ctx: click.Context, key: str, user_name: str) -> None:
    """Accept a proposal (KEY or a unique prefix): its facts join the document's graph."""
    _decide(ctx, key, "accept", user_name)


@review.command("reject")
@click.argument("key")
@_USER
@click.pass_context
def review_reject(ctx: click.Context, key: str, user_name: str) -> None:
    """Reject a proposal: its facts never enter the archive."""
    _decide(ctx, key, "reject", user_name)


@review.command("correct")
@click.argument("key")
@click.argument("triples_file", type=click.File("r"))
@_USER
@click.pass_context
def review_correct(ctx: click.Context, key: str, triples_file: TextIO, user_name: str) -> None:
    """Replace a proposal's facts by the N-Triples in TRIPLES_FILE ('-' for standard input)."""
    _decide(ctx, key, "correct", user_name, corrected=triples_file.read())
