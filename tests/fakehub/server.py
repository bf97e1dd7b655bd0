"""A stdlib HTTP server on 127.0.0.1 that speaks the routes the real clients use.

Hub: `GET /api/{models,datasets}/{id}[/revision/{rev}]`, `HEAD`/`GET
/[datasets/]{id}/resolve/{rev}/{file}`, and the listings `GET /api/{models,datasets}` (`author`,
`search`, `expand`, `limit`; paged through an absolute `Link: <...>; rel="next"` as the Hub does,
with an offset `cursor` where the Hub's is opaque). OpenML: `GET /api/v1/xml/data/{id}`, `evaluation/list/function/{f}/...` and
`user/list/user_id/...` (each served whole from `data/openml/`) and `flow/{id}`.
Repositories are described by files under `data/` (see data/README.md), including faults:
status codes with Retry-After, stalls, and gated repositories. Every request is logged in
`FakeHub.requests`, so tests can count what the clients really sent.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

DATA = Path(__file__).parent / "data"
OML_NS = 'xmlns:oml="http://openml.org/openml"'


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Repo:
    kind: str  # "models" or "datasets"
    repo_id: str
    spec: dict[str, Any]
    root: Path

    def commit_for(self, revision: str) -> str | None:
        branches: dict[str, str] = self.spec["branches"]
        if revision in branches:
            return branches[revision]
        return revision if revision in branches.values() else None

    def summary(self, sha: str) -> dict[str, Any]:
        """What the Hub says of the repository at commit `sha`, files aside."""
        return {
            "id": self.repo_id,
            "author": self.repo_id.split("/")[0],
            "sha": sha,
            "lastModified": self.spec["commits"][sha]["lastModified"],
            "private": False,
            "gated": self.spec.get("gated", False),
            **self.spec.get("info", {}),
        }

    def files(self, sha: str) -> dict[str, Any]:
        commit: dict[str, Any] = self.spec["commits"][sha]
        return commit["files"]


@dataclass
class FakeHub:
    data: Path = DATA
    requests: list[tuple[str, str]] = field(default_factory=list)
    # The bearer tokens the clients sent, by path, so tests can check a token was used.
    tokens: list[tuple[str, str]] = field(default_factory=list)
    # Seconds added to every response (benchmarks model a remote server with it).
    latency: float = 0.0
    # Items per listing page (tests lower it to exercise paging).
    page_size: int = 1000
    # Status of every listing response when set (to test what callers do when listing fails).
    listing_fault: int | None = None
    _fault_counts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def repo(self, kind: str, repo_id: str) -> Repo | None:
        root = self.data / kind / repo_id
        spec = root / "repo.json"
        if ".." in repo_id or not spec.is_file():
            return None
        return Repo(kind, repo_id, json.loads(spec.read_text()), root)

    def repos(self, kind: str) -> list[Repo]:
        """Every repository of a kind, in id order."""
        specs = sorted((self.data / kind).glob("*/*/repo.json"))
        found = (self.repo(kind, f"{p.parent.parent.name}/{p.parent.name}") for p in specs)
        return [r for r in found if r is not None]

    def take_fault(self, key: str, fault: dict[str, Any]) -> bool:
        """True while the fault should still fire (`times` absent: always)."""
        with self._lock:
            seen = self._fault_counts.get(key, 0)
            self._fault_counts[key] = seen + 1
        return "times" not in fault or seen < int(fault["times"])

    def count(self, method: str | None = None, contains: str = "") -> int:
        return sum((method is None or m == method) and contains in p for m, p in self.requests)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle's algorithm on, the client's delayed ACK
    # would hold the body back ~40 ms and every response would be that much slower than asked.
    disable_nagle_algorithm = True
    hub: FakeHub

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def _send(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        head: bool = False,
        ctype: str = "application/json",
    ) -> None:
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.endswith("xml"):
            body = gzip.compress(body)
            headers = {**(headers or {}), "Content-Encoding": "gzip"}
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            # The client may have given up first (timeout tests): nothing to report then.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def _error(
        self, status: int, code: str, head: bool, extra: dict[str, str] | None = None
    ) -> None:
        body = json.dumps({"error": code}).encode()
        self._send(status, body, {"X-Error-Code": code, **(extra or {})}, head)

    def _route(self, head: bool) -> None:
        raw_path = urlsplit(self.path).path
        self.hub.requests.append((self.command, raw_path))
        if self.hub.latency:
            time.sleep(self.hub.latency)
        authorization = self.headers.get("Authorization", "")
        if authorization.startswith("Bearer "):
            self.hub.tokens.append((raw_path, authorization.removeprefix("Bearer ")))
        parts = [p for p in raw_path.split("/") if p]
        if parts[:3] == ["api", "v1", "xml"]:
            return self._openml(parts[3:], head)
        if parts[:1] == ["api"] and len(parts) >= 3 and parts[1] in ("models", "datasets"):
            return self._info(parts[1], parts[2:], head)
        if len(parts) == 2 and parts[0] == "api" and parts[1] in ("models", "datasets"):
            return self._listing(parts[1], parse_qs(urlsplit(self.path).query), head)
        kind = "models"
        if parts[:1] == ["datasets"]:
            kind, parts = "datasets", parts[1:]
        if len(parts) >= 5 and parts[2] == "resolve":
            return self._resolve(
                kind, "/".join(parts[:2]), unquote(parts[3]), unquote("/".join(parts[4:])), head
            )
        self._error(404, "EntryNotFound", head)

    def _fault(self, repo: Repo, where: str, head: bool) -> bool:
        fault = repo.spec.get("fault")
        if not fault or fault.get("on", "info") != where:
            return False
        if not self.hub.take_fault(f"{repo.repo_id}:{where}", fault):
            return False
        if fault["kind"] == "stall":
            time.sleep(float(fault["seconds"]))
            return False
        if fault["kind"] == "gated":
            self._error(401, "GatedRepo", head)
            return True
        headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else {}
        self._send(int(fault["status"]), b'{"error": "injected fault"}', headers, head)
        return True

    def _info(self, kind: str, rest: list[str], head: bool) -> None:
        revision = "main"
        if len(rest) >= 4 and rest[2] == "revision":
            revision = unquote("/".join(rest[3:]))
        repo = self.hub.repo(kind, "/".join(rest[:2]))
        if repo is None:
            return self._error(404, "RepoNotFound", head)
        if self._fault(repo, "info", head):
            return None
        sha = repo.commit_for(revision)
        if sha is None:
            return self._error(404, "RevisionNotFound", head)
        siblings = []
        for name, entry in sorted(repo.files(sha).items()):
            if isinstance(entry, str):
                data = (repo.root / entry).read_bytes()
                siblings.append(
                    {"rfilename": name, "size": len(data), "blobId": git_blob_sha(data)}
                )
            else:
                lfs = {"size": entry["size"], "sha256": entry["sha256"], "pointerSize": 134}
                siblings.append(
                    {"rfilename": name, "size": entry["size"], "blobId": "0" * 40, "lfs": lfs}
                )
        body = {**repo.summary(sha), "siblings": siblings}
        self._send(200, json.dumps(body).encode(), head=head)

    def _listing(self, kind: str, query: dict[str, list[str]], head: bool) -> None:
        if self.hub.listing_fault is not None:
            return self._error(self.hub.listing_fault, "InjectedFault", head)
        author = query.get("author", [None])[0]
        search = query.get("search", [""])[0].lower()
        expand = query.get("expand", [])
        offset = int(query.get("cursor", ["0"])[0])
        size = min(self.hub.page_size, int(query.get("limit", [str(self.hub.page_size)])[0]))
        matching = [
            r
            for r in self.hub.repos(kind)
            if (author is None or r.repo_id.split("/")[0] == author) and search in r.repo_id.lower()
        ]
        items = []
        for repo in matching[offset : offset + size]:
            full = {
                "_id": hashlib.sha1(repo.repo_id.encode()).hexdigest()[:24],
                **repo.summary(repo.spec["branches"]["main"]),
            }
            # With expand the Hub returns only the asked-for keys (plus the ids).
            keep = {"_id", "id", *expand} if expand else {"_id", "id", "private", "tags"}
            items.append({k: v for k, v in full.items() if k in keep})
        headers = {}
        if offset + size < len(matching):
            following = {k: v for k, v in query.items() if k != "cursor"}
            following["cursor"] = [str(offset + size)]
            url = f"http://{self.headers['Host']}/api/{kind}?{urlencode(following, doseq=True)}"
            headers["Link"] = f'<{url}>; rel="next"'
        self._send(200, json.dumps(items).encode(), headers, head)

    def _resolve(self, kind: str, repo_id: str, revision: str, filename: str, head: bool) -> None:
        repo = self.hub.repo(kind, repo_id)
        if repo is None:
            return self._error(404, "RepoNotFound", head)
        if self._fault(repo, "resolve", head):
            return None
        sha = repo.commit_for(revision)
        if sha is None:
            return self._error(404, "RevisionNotFound", head)
        entry = repo.files(sha).get(filename)
        if not isinstance(entry, str):
            return self._error(404, "EntryNotFound", head, {"X-Repo-Commit": sha})
        data = (repo.root / entry).read_bytes()
        headers = {"X-Repo-Commit": sha, "ETag": f'"{git_blob_sha(data)}"'}
        self._send(200, data, headers, head, ctype="text/plain; charset=utf-8")

    def _openml(self, rest: list[str], head: bool) -> None:
        if rest[:3] == ["evaluation", "list", "function"] and len(rest) >= 4:
            return self._oml_listing(f"evaluations-{rest[3]}.xml", head)
        if rest[:3] == ["user", "list", "user_id"]:
            return self._oml_listing("users.xml", head)
        if len(rest) == 3 and rest[:2] == ["data", "qualities"]:
            return self._oml_listing(f"qualities-{rest[2]}.xml", head)
        if len(rest) == 2 and rest[0] == "flow":
            flow = self.hub.data / "openml" / f"flow-{rest[1]}.xml"
            if flow.is_file():
                return self._send(200, flow.read_bytes(), head=head, ctype="application/xml")
            return self._oml_error("181", "Unknown flow", head)
        if len(rest) == 2 and rest[0] == "data":
            folder = self.hub.data / "openml"
            fault_file = folder / f"{rest[1]}.fault.json"
            if fault_file.is_file():
                fault = json.loads(fault_file.read_text())
                if self.hub.take_fault(f"openml:{rest[1]}", fault):
                    if fault["kind"] == "stall":
                        time.sleep(float(fault["seconds"]))
                    else:
                        return self._send(
                            int(fault["status"]),
                            b"Service Unavailable",
                            head=head,
                            ctype="text/plain",
                        )
            description = folder / f"{rest[1]}.xml"
            if description.is_file():
                return self._send(200, description.read_bytes(), head=head, ctype="application/xml")
            private = (folder / "private.txt").read_text().split()
            code, message = (
                ("112", "Private dataset") if rest[1] in private else ("111", "Unknown dataset")
            )
            return self._oml_error(code, message, head)
        return self._oml_error("370", "Unknown call", head)

    def _oml_listing(self, name: str, head: bool) -> None:
        """A whole listing from one file (shorter than the client's page: no second page)."""
        listing = self.hub.data / "openml" / name
        if not listing.is_file():
            return self._oml_error("372", "No results", head)
        return self._send(200, listing.read_bytes(), head=head, ctype="application/xml")

    def _oml_error(self, code: str, message: str, head: bool) -> None:
        body = (
            f"<oml:error {OML_NS}><oml:code>{code}</oml:code>"
            f"<oml:message>{message}</oml:message></oml:error>"
        ).encode()
        self._send(412, body, head=head, ctype="application/xml")


class RunningHub:
    """A FakeHub served from a background thread; `url` is its base address."""

    def __init__(self, hub: FakeHub | None = None, port: int = 0) -> None:
        self.hub = hub or FakeHub()
        handler = type("Handler", (_Handler,), {"hub": self.hub})
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> RunningHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with RunningHub(port=args.port) as running:
        print(f"serving on {running.url}", flush=True)
        running.thread.join()


if __name__ == "__main__":
    main()
