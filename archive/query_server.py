"""A tiny fork server for user queries: a clean single-threaded process that forks one child per query.

Why not ``multiprocessing``'s forkserver: every child it starts re-imports the parent's ``__main__``
module (the whole web application or CLI, measured at ~400 ms per query). This server is started once
with ``python -m archive.query_server``; it holds no store and no threads, so forking it is cheap and
safe. Protocol over a Unix socket: the client sends a pickled request plus the write end of a pipe;
the server forks a child that evaluates the query and writes the pickled answer into that pipe, and
replies with the child's pid so the client can kill it at its deadline.
"""

from __future__ import annotations

import os
import pickle
import signal
import socket
import struct
import sys

_HEADER = struct.Struct("!I")
MAX_REQUEST = 1 << 20


def _recv_exact(sock: socket.socket, size: int, fds: list[int]) -> bytes:
    data = b""
    while len(data) < size:
        chunk, ancillary_fds, _, _ = socket.recv_fds(sock, size - len(data), 4)
        fds.extend(ancillary_fds)
        if not chunk:
            raise EOFError
        data += chunk
    return data


def serve(sock: socket.socket) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    from archive.query_worker import evaluate

    while True:
        fds: list[int] = []
        try:
            (size,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size, fds))
            if size > MAX_REQUEST:
                return
            request = pickle.loads(_recv_exact(sock, size, fds))
        except EOFError:
            return  # the archive process went away
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            sock.sendall(_HEADER.pack(0))
            continue
        pid = os.fork()
        if pid == 0:
            sock.close()
            # a query that hits its memory cap aborts with a Rust backtrace; that is not news for the log
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            code = 0
            try:
                answer = evaluate(**request)
                with os.fdopen(fds[0], "wb") as out:
                    out.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
            except BaseException:
                code = 1
            os._exit(code)
        os.close(fds[0])
        sock.sendall(_HEADER.pack(pid))


def main() -> None:
    fd = int(sys.argv[1])
    serve(socket.socket(fileno=fd))


if __name__ == "__main__":
    main()
