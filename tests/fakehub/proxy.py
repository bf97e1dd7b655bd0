"""A fault-injecting loopback reverse proxy in front of the fake hub.

Requests pass through to the upstream server unless a `Fault` matches them (a regular expression
on `METHOD path`). A fault fires on chosen requests: all of them, or every `every`-th one, and at
most `times` times. What it does:

- `status`: answer with that HTTP status (503, 429, ...) and an `X-Error-Code`, never forwarding;
- `reset`: close the connection without a word (the client sees a reset or an empty reply);
- `truncate`: forward, then send the headers and only the first half of the body, and close;
- `stall`: wait `seconds` before forwarding (a timeout test sets a shorter `--timeout`).

Nothing here knows mlassets: the proxy speaks HTTP, and tests point `HF_ENDPOINT` and the OpenML
server at it instead of the hub.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


@dataclass
class Fault:
    route: str  # a regular expression searched in "METHOD /path"
    kind: str  # status, reset, truncate or stall
    status: int = 503
    seconds: float = 0.0
    every: int = 1  # fire on every `every`-th matching request (1: all of them)
    times: int | None = None  # stop after firing this often
    retry_after: str | None = "0"  # keeps the clients' own retries fast
    seen: int = 0
    fired: int = 0

    def fires(self, request: str) -> bool:
        if not re.search(self.route, request):
            return False
        self.seen += 1
        if self.seen % self.every != 0 or (self.times is not None and self.fired >= self.times):
            return False
        self.fired += 1
        return True


@dataclass
class FaultProxy:
    upstream: str
    faults: list[Fault] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def pick(self, request: str) -> Fault | None:
        with self._lock:
            self.log.append(request)
            return next((f for f in self.faults if f.fires(request)), None)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    proxy: FaultProxy

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle(head=False)

    def do_HEAD(self) -> None:
        self._handle(head=True)

    def _handle(self, head: bool) -> None:
        fault = self.proxy.pick(f"{self.command} {urlsplit(self.path).path}")
        if fault is not None and fault.kind == "reset":
            # SO_LINGER 0: close() sends RST instead of FIN, as a crashed peer would.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if fault is not None and fault.kind == "status":
            body = b'{"error": "injected by the fault proxy"}'
            headers = {"X-Error-Code": "InjectedFault"}
            if fault.retry_after is not None:
                headers["Retry-After"] = fault.retry_after
            return self._reply(fault.status, headers, body, head, len(body))
        if fault is not None and fault.kind == "stall":
            time.sleep(fault.seconds)
        status, headers, body, length = self._forward()
        if fault is not None and fault.kind == "truncate":
            body = body[: len(body) // 2]
            self.close_connection = True
        self._reply(status, headers, body, head, length)

    def _forward(self) -> tuple[int, dict[str, str], bytes, int]:
        target = urlsplit(self.proxy.upstream)
        connection = http.client.HTTPConnection(target.hostname or "", target.port, timeout=30)
        try:
            wanted = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            connection.request(self.command, self.path, headers=wanted)
            response = connection.getresponse()
            body = response.read()
            headers = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP}
            # A HEAD has no body, but its Content-Length is the size of the GET's: pass it on.
            length = int(response.getheader("Content-Length") or len(body))
            return response.status, headers, body, length
        finally:
            connection.close()

    def _reply(
        self, status: int, headers: dict[str, str], body: bytes, head: bool, length: int
    ) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if not head:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


class RunningProxy:
    """A FaultProxy served from a background thread; `url` is its base address."""

    def __init__(self, upstream: str, faults: list[Fault] | None = None) -> None:
        self.proxy = FaultProxy(upstream, list(faults or []))
        handler = type("Handler", (_Handler,), {"proxy": self.proxy})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> RunningProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
