#!/usr/bin/env python3
"""Chat latency along one long conversation: turn 1 against turn N.

Usage: python3 bench/turn_latency.py --url http://127.0.0.1:8080 [--turns 200] [--conversations 3]
Each conversation sends the same cycle of everyday messages (no red flag, so every turn is answered from the
corpus) and times each request. Prints the median of the first ten and of the last ten turns, over all
conversations, and their ratio (issue 8: within 20%). Loads go to 127.0.0.1 only.
"""
import argparse
import json
import statistics
import time
import urllib.request

MESSAGES = [
    "my lower back aches after gardening",
    "what stretches help a stiff back",
    "is a hot water bottle good for it",
    "should I keep walking",
    "how long does this usually last",
    "thanks, what about sleeping position",
    "does ibuprofen gel help",
    "ok and sitting at a desk",
]


def post(url, body):
    data = json.dumps(body).encode()
    req = urllib.request.Request(url + "/api/v1/chat", data=data, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as r:
        reply = json.loads(r.read())
    return (time.perf_counter() - start) * 1000, reply


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--turns", type=int, default=200)
    ap.add_argument("--conversations", type=int, default=3)
    a = ap.parse_args()
    if not a.url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("loads go to 127.0.0.1 only")
    first, last = [], []
    for c in range(a.conversations):
        cid = None
        times = []
        for t in range(a.turns):
            body = {"message": MESSAGES[t % len(MESSAGES)]}
            if cid:
                body["conversationId"] = cid
            ms, reply = post(a.url, body)
            cid = reply["conversationId"]
            times.append(ms)
        first += times[:10]
        last += times[-10:]
        print(f"conversation {c + 1}: turn 1-10 median {statistics.median(times[:10]):.1f} ms, "
              f"turn {a.turns - 9}-{a.turns} median {statistics.median(times[-10:]):.1f} ms")
    f, l = statistics.median(first), statistics.median(last)
    print(f"all: first ten {f:.1f} ms, last ten {l:.1f} ms, ratio {l / f:.2f}")


if __name__ == "__main__":
    main()
