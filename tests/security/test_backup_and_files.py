"""Backups are whole (accounts, review decisions) and private; the data directory is private whatever
the umask; a short secret key is refused."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest_web import PASSWORD, RESTRICTED_DECISION, SECRET_WORD
from tests.security.live import REVIEWED_RATIONALE, ROOT, SECRET_KEY, Browser, ServeProcess, copy_data

pytestmark = pytest.mark.slow  # live servers and processes; still run in CI


def _cli(
    *args: str, umask: int = 0o022, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "precedent", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), "PRECEDENT_SECRET_KEY": SECRET_KEY, **(env or {})},
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        preexec_fn=lambda: os.umask(umask),
    )


def _open_to_others(root) -> list[str]:
    loose = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if not path.is_symlink() and mode & 0o077:
            loose.append(f"{path.relative_to(root.parent)} {oct(mode)}")
    return loose


def test_dump_and_restore_keep_accounts_and_review_decisions_and_sign_in_works(security_data, tmp_path):
    from archive.ledger import Ledger

    source = copy_data(security_data, tmp_path / "source")
    dump = tmp_path / "backup" / "archive.nq"
    dump.parent.mkdir()
    done = _cli("--data", str(source), "dump", str(dump))
    assert done.returncode == 0, done.stderr
    assert "accounts (password hashes only)" in done.stdout and "not in the dump" in done.stdout
    assert "original source files" in done.stdout
    for path in (dump, dump.with_name("archive.nq.ledger.json")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    sidecar = json.loads(dump.with_name("archive.nq.ledger.json").read_text())
    assert {a["name"] for a in sidecar["accounts"]} == {"rita", "ed", "ivy"}
    assert all(a["password_hash"].startswith("scrypt$") for a in sidecar["accounts"])
    assert PASSWORD not in dump.with_name("archive.nq.ledger.json").read_text()
    assert sidecar["not_kept"]

    restored = tmp_path / "restored"
    done = _cli("--data", str(restored), "restore", str(dump))
    assert done.returncode == 0, done.stderr
    before, after = Ledger(source / "ledger.sqlite"), Ledger(restored / "ledger.sqlite")
    review = after.export()["review"]
    assert review == before.export()["review"]
    assert [(r["key"], r["status"], r["decided_by"]) for r in review] == [("rev-1", "accepted", "ed")]
    assert _open_to_others(restored) == []

    site = ServeProcess(restored)
    try:
        reader = Browser()
        assert reader.sign_in(site, "rita", PASSWORD).status == 302
        page = reader.get(site, "/id/decision/" + RESTRICTED_DECISION.replace("/", "~"))
        assert page.status == 200 and SECRET_WORD in page.text
        assert Browser().sign_in(site, "rita", "not her password").status == 401
        accepted = Browser().sparql(site, f'ASK {{ ?d ?p "{REVIEWED_RATIONALE}" }}')
        assert accepted.status == 200 and b"true" in accepted.body  # the accepted fact is back in the store
    finally:
        site.stop()


def test_the_data_directory_is_private_whatever_the_umask(tmp_path):
    data = tmp_path / "data"
    sample = ROOT / "samples"
    done = _cli("--data", str(data), "ingest", str(next(sample.glob("*.md"))), umask=0o000)
    assert done.returncode == 0, done.stderr
    done = _cli(
        "--data", str(data), "user", "add", "ana", "--password-stdin", umask=0o000, stdin="long enough pass\n"
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert _open_to_others(data) == []


def test_an_existing_world_readable_data_directory_is_closed_on_open(security_data, tmp_path):
    data = copy_data(security_data, tmp_path / "data")
    data.chmod(0o755)
    (data / "ledger.sqlite").chmod(0o644)
    done = _cli("--data", str(data), "check")
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "ledger.sqlite").stat().st_mode) == 0o600, done.stderr


def test_a_short_secret_key_is_refused_by_serve_and_demo(security_data, tmp_path):
    data = copy_data(security_data, tmp_path / "data")
    for command in (["serve", "--port", "1"], ["demo", "--port", "1"]):
        done = _cli("--data", str(data), *command, env={"PRECEDENT_SECRET_KEY": "x" * 31})
        assert done.returncode != 0
        assert "PRECEDENT_SECRET_KEY is 31 bytes long; use at least 32" in done.stderr, done.stderr
