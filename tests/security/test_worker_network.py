"""Defence in depth: a query worker has no network, so a SERVICE that got past the checker reaches nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from archive.query_worker import close_pool, pool_for, run_in_worker
from archive.sandbox import network_namespace
from tests.security.live import ROOT, Browser, Listener, off_the_network

pytestmark = pytest.mark.slow  # live servers and processes; still run in CI

CONNECT = "import socket,sys; s=socket.socket(); s.settimeout(3); s.connect(('127.0.0.1', int(sys.argv[1])))"


@pytest.fixture()
def listener():
    target = Listener()
    yield target
    target.close()


def _store(security_data):
    return security_data / "levels" / "public" / "store"


def test_a_service_that_slips_past_the_checker_reaches_nothing(security_data, tmp_path, listener):
    store = tmp_path / "store"
    shutil.copytree(_store(security_data), store)
    text = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"  # straight to the worker
    try:
        with pytest.raises(Exception, match="(?i)unreachable|connect|network|dns|error"):
            run_in_worker(store, text, None, None, 10, 100, 0)
        silent = run_in_worker(store, text.replace("SERVICE", "SERVICE SILENT"), None, None, 10, 100, 0)
        assert silent.rows in ([], [()]) or len(silent.rows) <= 1
    finally:
        close_pool(store)
    assert listener.connections == 0


def test_a_worker_lives_in_its_own_network_namespace_where_connect_fails(security_data, tmp_path, listener):
    store = tmp_path / "store"
    shutil.copytree(_store(security_data), store)
    try:
        run_in_worker(store, "ASK { ?s ?p ?o }", None, None, 10, 10, 0)
        pids = pool_for(store, 0).pids()
        assert pids
        for pid in pids:
            assert off_the_network(pid, network_namespace()) not in (None, network_namespace())
        if shutil.which("nsenter") is None or os.geteuid() != 0:
            pytest.skip("entering the worker's namespace to try a connection needs nsenter and root")
        # a connection attempt made from inside the worker's namespace, to a socket that is listening
        attempt = subprocess.run(
            ["nsenter", f"--net=/proc/{pids[0]}/ns/net", sys.executable, "-c", CONNECT, str(listener.port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert attempt.returncode != 0 and "unreachable" in attempt.stderr.lower(), attempt.stderr
        control = subprocess.run([sys.executable, "-c", CONNECT, str(listener.port)], timeout=30)
        assert control.returncode == 0  # the same attempt from outside does connect
    finally:
        close_pool(store)


def test_the_live_servers_query_workers_have_no_network(server):
    assert Browser().sparql(server, "ASK { ?s ?p ?o }").status == 200
    workers = server.children()
    assert workers
    for pid in workers:
        server_namespace = network_namespace(server.process.pid)
        assert off_the_network(pid, server_namespace) != server_namespace


def test_without_root_a_worker_still_leaves_the_network_through_a_user_namespace(listener):
    """CI runs as root; a deployment may not: the unprivileged path must seal the worker off too."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to start a process as an unprivileged user")
    probe = (
        "import sys; sys.path.insert(0, sys.argv[2]); from archive.sandbox import leave_network; "
        "why = leave_network(); print(why or 'isolated', flush=True); " + CONNECT
    )
    attempt = subprocess.run(
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            sys.executable,
            "-c",
            probe,
            str(listener.port),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if "isolated" not in attempt.stdout:
        pytest.skip(f"this kernel allows no unprivileged user namespaces: {attempt.stdout.strip()}")
    assert attempt.returncode != 0 and "unreachable" in attempt.stderr.lower(), attempt.stderr
    assert listener.connections == 0


def test_where_no_namespace_can_be_made_the_worker_says_so_and_still_answers(security_data, tmp_path):
    """``unshare -U`` leaves the worker in a user namespace where it may make neither kind of namespace:
    the fallback path. The worker must log why it keeps the network, then serve queries as before."""
    import pickle
    import socket

    from archive.query_server import FRAME

    if shutil.which("unshare") is None:
        pytest.skip("needs util-linux unshare")
    store = tmp_path / "store"
    shutil.copytree(_store(security_data), store)
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    worker = subprocess.Popen(
        [
            "unshare",
            "-U",
            sys.executable,
            "-m",
            "archive.query_server",
            str(theirs.fileno()),
            str(store),
            "0",
        ],
        pass_fds=(theirs.fileno(),),
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    theirs.close()
    try:
        warning = worker.stderr.readline()
        if "keeps network access" not in warning:
            pytest.skip(f"unshare -U could not make the fallback case here: {warning.strip()!r}")
        assert "unshare(CLONE_NEWNET) failed" in warning and "SERVICE is still refused" in warning
        request = dict(
            text="ASK { ?s ?p ?o }",
            default_graph=None,
            named_graphs=None,
            max_rows=10,
            max_bytes=10_000,
            memory_mb=0,
            timeout=10,
        )
        payload = pickle.dumps(request)
        ours.settimeout(30)
        ours.sendall(FRAME.pack(len(payload)) + payload)
        size = FRAME.unpack(ours.recv(FRAME.size, socket.MSG_WAITALL))[0]
        answer = pickle.loads(ours.recv(size, socket.MSG_WAITALL))
        assert answer[0] == "boolean" and answer[2] is True
    finally:
        ours.close()
        worker.wait(10)
