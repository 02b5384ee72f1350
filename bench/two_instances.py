#!/usr/bin/env python3
"""Two instances on one database: a release published on one is served by the other within a deadline.

Run against two running instances of the service that share one PostgreSQL database (``.ci/run`` starts them):
it logs in to the console of instance A as the bootstrap admin, starts a draft, changes the greeting and adds a
corpus document, publishes it, and times how long instance B takes to answer "hello" with the new release
(``contentRelease`` of the reply and the new wording) and to find the document by search. Then it rolls back on B
and times A (the release, and the document gone from both instances' search). Also: a conversation started on A
continues on B and back (its interview goes on from the step the other instance left it at), and a Slack event
delivered to both instances (as Slack's retries can land) is answered once: with ``--slack-port`` and
``--slack-secret``, the script serves a stand-in Slack Web API on 127.0.0.1 that both instances send to, and counts
the replies. Exit status 1 when a switch takes longer than the deadline or a check fails.

    python3 bench/two_instances.py --a http://127.0.0.1:18201 --b http://127.0.0.1:18202 --password ... [--deadline 5]
        [--slack-port 18209 --slack-secret ...]

Standard library only; it talks to 127.0.0.1 only.
"""
import argparse
import hashlib
import hmac
import http.cookiejar
import http.server
import threading
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


def chat(base: str, message: str, conversation=None) -> dict:
    body = {"message": message}
    if conversation:
        body["conversationId"] = conversation
    req = urllib.request.Request(base.rstrip("/") + "/api/v1/chat", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def conversation_moves(a: str, b: str) -> bool:
    """A conversation's interview started on A goes on at B, then at A again: each instance reads the other's turn."""
    first = chat(a, "my back hurts")
    cid, step = first["conversationId"], (first.get("interview") or {}).get("step")
    second = chat(b, "no", cid)
    third = chat(a, "no", cid)
    steps = [step, (second.get("interview") or {}).get("step"), (third.get("interview") or {}).get("step")]
    same = {first["conversationId"], second["conversationId"], third["conversationId"]} == {cid}
    flows = {(r.get("interview") or {}).get("flow") for r in (first, second, third)}
    ok = same and flows == {"low-back-pain"} and steps == [1, 2, 3]
    print(f"a conversation started on A went on at B and back at A: interview steps {steps}, flows {sorted(map(str, flows))}"
          + ("" if ok else " (FAILED: expected one conversation, low-back-pain, steps [1, 2, 3])"))
    return ok


class SlackStandIn(http.server.ThreadingHTTPServer):
    """Slack's Web API as both instances call it: chat.postMessage, recorded."""

    def __init__(self, port: int):
        self.posts = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.posts.append((self.path, body.decode(errors="replace")))
                reply = json.dumps({"ok": True, "channel": "D0TWO", "ts": f"{time.time():.6f}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", port), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


def slack_post(base: str, secret: str, body: str) -> int:
    ts = str(int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    req = urllib.request.Request(base.rstrip("/") + "/channels/slack/events", data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
                                          "X-Slack-Signature": signature})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def webhook_once(a: str, b: str, secret: str, stand_in: SlackStandIn, wait: float) -> bool:
    """One Slack event delivered to both instances at once: both acknowledge it, one reply is posted."""
    channel = f"D{int(time.time() * 1000) % 10**9}"
    event = json.dumps({"type": "event_callback", "team_id": "T0TWO", "api_app_id": "A0TWO",
                        "event_id": f"Ev{channel}", "event_time": int(time.time()),
                        "authorizations": [{"team_id": "T0TWO", "user_id": "UBOTTWO", "is_bot": True}],
                        "event": {"type": "message", "channel": channel, "channel_type": "im", "user": "U0TWO",
                                  "text": "does a TENS machine help back pain?", "ts": f"{int(time.time())}.000100"}})
    statuses = []
    threads = [threading.Thread(target=lambda base=base: statuses.append(slack_post(base, secret, event))) for base in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    deadline = time.monotonic() + wait
    replies = []
    while time.monotonic() < deadline:
        replies = [p for p in stand_in.posts if p[0].endswith("/chat.postMessage") and channel in p[1]]
        if len(replies) > 1:
            break
        time.sleep(0.2)
    ok = sorted(statuses) == [200, 200] and len(replies) == 1
    print(f"one Slack event delivered to both instances: acknowledged {sorted(statuses)}, replies posted {len(replies)} "
          f"in {wait:.0f} s" + ("" if ok else " (FAILED: expected [200, 200] and 1 reply)"))
    return ok


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--a", required=True)
    p.add_argument("--b", required=True)
    p.add_argument("--username", default="admin")
    p.add_argument("--password", required=True)
    p.add_argument("--deadline", type=float, default=5.0)
    p.add_argument("--corpus-deadline", type=float, default=60.0,
                   help="seconds for a published corpus document to be found (and gone after the rollback) on the other instance")
    p.add_argument("--slack-port", type=int, help="serve the stand-in Slack Web API here (both instances send to it)")
    p.add_argument("--slack-secret", help="the Slack signing secret both instances are configured with")
    args = p.parse_args(argv)
    stand_in = SlackStandIn(args.slack_port) if args.slack_port else None

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
    doc_gone_b = wait_search(args.b, False, args.corpus_deadline)
    print(f"the document retired: gone from A's search after {doc_gone_a:.2f} s, and from B's")
    ok = on_b <= args.deadline and on_a <= args.deadline and doc_on_b <= args.corpus_deadline \
        and doc_gone_a <= args.corpus_deadline and doc_gone_b <= args.corpus_deadline
    ok = conversation_moves(args.a, args.b) and ok
    if stand_in is not None:
        ok = webhook_once(args.a, args.b, args.slack_secret, stand_in, 10.0) and ok
    print("two instances: " + ("OK" if ok else f"FAILED (deadline {args.deadline} s)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
