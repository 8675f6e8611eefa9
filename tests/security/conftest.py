"""One archive (the sample minutes plus a restricted document and three accounts) for the whole suite,
and a live ``precedent serve`` over a copy of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest_web import PASSWORD, RESTRICTED_MINUTES, SAMPLES, build_archive
from tests.security.live import ServeProcess, copy_data

ACCOUNTS = (("rita", "reader", "restricted"), ("ed", "editor", "internal"), ("ivy", "reader", "internal"))


@pytest.fixture(scope="session")
def security_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed archive directory (so a server process can open it), with accounts."""
    from archive.accounts import Accounts

    if not list(SAMPLES.glob("*.md")):
        pytest.skip("the sample minutes (samples/*.md) are not there")
    root = tmp_path_factory.mktemp("security-archive")
    archive = build_archive(root / "data", {"restricted.md": RESTRICTED_MINUTES})
    accounts = Accounts(root / "data" / "ledger.sqlite", archive.config.levels)
    for name, role, level in ACCOUNTS:
        accounts.add_user(name, PASSWORD, role, level)
    archive.close()
    return root / "data"


@pytest.fixture(scope="session")
def server(security_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """``precedent serve`` with the default limits."""
    data = copy_data(security_data, tmp_path_factory.mktemp("serve") / "data")
    process = ServeProcess(data)
    yield process
    process.stop()
