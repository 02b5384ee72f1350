#!/usr/bin/env python3
"""Two instances on one database: a release published on one is served by the other within a deadline.

Run against two running instances of the service that share one PostgreSQL database (``.ci/run`` starts them):
it logs in to the console of instance A as the bootstrap admin, starts a draft, changes the greeting and adds a
corpus document, publishes it, and times how long instance B takes to answer "hello" with the new release
(``contentRelease`` of the reply and the new wording) and to find the document by search. Then it rolls back on B
and times A (the release, and the document gone). Exit status 1 when either switch takes longer than the deadline.

    python3 bench/two_instances.py --a http://127.0.0.1:18201 --b http://127.0.0.1:18202 --password ... [--deadline 5]

Standard library only; it talks to 127.0.0.1 only.
"""
import argparse
import http.cookiejar
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

API = "/api/v1/admin/content"


class Console:
    """A console session on one instance: its cookies and CSRF token."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        form = urllib.parse.urlencode({"j_username": username, "j_password": password}).encode()
        self.opener.open(urllib.request.Request(self.base + "/console/j_security_check", data=form, method="POST"), timeout=30)
        me = self.call("GET", API + "/me")
        self.csrf = me["csrfToken"]

    def call(self, method: str, path: str, body=None, content_type="application/json", timeout=600):
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        if method != "GET" and getattr(self, "csrf", None):
            headers["X-CSRF-Token"] = self.csrf
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                raw = r.read()
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path} on {self.base}: {e.code} {e.read().decode(errors='replace')[:500]}")
        return json.loads(raw) if raw else None


def hello(base: str) -> dict:
    req = urllib.request.Request(base.rstrip("/") + "/api/v1/chat", data=json.dumps({"message": "hello"}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def wait_for(base: str, release: int, wording: str, deadline: float) -> float:
    """Seconds until the instance answers with this release (and, when given, this wording); inf past the deadline."""
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        reply = hello(base)
        if reply.get("contentRelease") == release and (wording is None or wording in reply.get("reply", "")):
            return time.monotonic() - start
        time.sleep(0.1)
    return float("inf")


DOC_ID = "two-instance-check-trochanteric-bursitis"
DOC = f"""---
id: {DOC_ID}
title: Trochanteric bursitis (two-instance check)
source: "bench/two_instances.py"
url: ""
status: approved
topics: [trochanteric bursitis]
---

## What it is

Trochanteric bursitis is irritation of the small fluid sac over the bony point on the outside of the hip.
"""


def found(base: str, query: str) -> bool:
    req = urllib.request.Request(base.rstrip("/") + "/api/v1/search", data=json.dumps({"q": query}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return any(hit.get("documentId") == DOC_ID for hit in json.loads(r.read()).get("results", []))


def wait_search(base: str, present: bool, deadline: float) -> float:
    """Seconds until the instance's search finds (or no longer finds) the check's document; inf past the deadline."""
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        if found(base, "trochanteric bursitis fluid sac") == present:
            return time.monotonic() - start
        time.sleep(0.2)
    return float("inf")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--a", required=True)
    p.add_argument("--b", required=True)
    p.add_argument("--username", default="admin")
    p.add_argument("--password", required=True)
    p.add_argument("--deadline", type=float, default=5.0)
    p.add_argument("--corpus-deadline", type=float, default=60.0,
                   help="seconds for a published corpus document to be found (and gone after the rollback) on the other instance")
    args = p.parse_args(argv)

    a = Console(args.a, args.username, args.password)
    before = a.call("GET", API + "/releases")["published"]["release"]
    draft = a.call("POST", API + "/drafts", {"note": "two-instance check"})["draft"]["id"]
    wording = f"Hello from the two-instance check {int(time.time())}. Tell me what is bothering you."
    a.call("PUT", f"{API}/drafts/{draft}/files/prompts/reply/greeting.txt", wording, content_type="text/plain")
    a.call("PUT", f"{API}/drafts/{draft}/files/corpus/{DOC_ID}.md", DOC, content_type="text/plain")
    t0 = time.monotonic()
    published = a.call("POST", f"{API}/drafts/{draft}/publish")
    gate = time.monotonic() - t0
    if not published.get("published"):
        print(f"publish refused: {published.get('refusals')}")
        return 1
    release = published["release"]
    on_b = wait_for(args.b, release, wording, args.deadline)
    print(f"release {release} published on A (gate {gate:.1f} s); served by B after {on_b:.2f} s")
    doc_on_b = wait_search(args.b, True, args.corpus_deadline)
    print(f"its new corpus document found by B's search after {doc_on_b:.2f} s")

    b = Console(args.b, args.username, args.password)
    rolled = b.call("POST", f"{API}/releases/{before}/rollback")
    if not rolled.get("published"):
        print(f"rollback refused: {rolled.get('refusals')}")
        return 1
    on_a = wait_for(args.a, before, None, args.deadline)
    print(f"release {before} put back on B; served by A after {on_a:.2f} s")
    doc_gone_a = wait_search(args.a, False, args.corpus_deadline)
    print(f"the document retired: gone from A's search after {doc_gone_a:.2f} s")
    ok = on_b <= args.deadline and on_a <= args.deadline and doc_on_b <= args.corpus_deadline and doc_gone_a <= args.corpus_deadline
    print("two instances: " + ("OK" if ok else f"FAILED (deadline {args.deadline} s)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
