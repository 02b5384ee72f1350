#!/usr/bin/env python3
"""Chat latency along one long conversation: turn 1 against turn N.

Usage: python3 bench/turn_latency.py --url http://127.0.0.1:8080 [--turns 200] [--conversations 3]
Each conversation sends the same cycle of everyday messages (no red flag: each turn is an interview question or
an answer from the corpus) and times each request. Prints the median of the first ten and of the last ten turns, over all
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
    ap.add_argument("--from", dest="start", type=int, default=1,
                    help="first turn of the early window (the opening turns are interview questions, which do no retrieval; "
                         "--from 11 compares answered turns with answered turns)")
    a = ap.parse_args()
    if not a.url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("loads go to 127.0.0.1 only")
    first, last = [], []
    s0 = a.start - 1
    for c in range(a.conversations):
        cid = None
        times = []
        kinds = []
        for t in range(a.turns):
            body = {"message": MESSAGES[t % len(MESSAGES)]}
            if cid:
                body["conversationId"] = cid
            ms, reply = post(a.url, body)
            cid = reply["conversationId"]
            times.append(ms)
            kinds.append("q" if reply.get("followUps") else "a")
        if c > 0 or a.conversations == 1:  # the first conversation after a start is JIT-cold: shown, not pooled
            first += times[s0:s0 + 10]
            last += times[-10:]
        early, late = kinds[s0:s0 + 10], kinds[-10:]
        print(f"conversation {c + 1}{' (cold, not pooled)' if c == 0 and a.conversations > 1 else ''}: "
              f"turn {a.start}-{a.start + 9} median {statistics.median(times[s0:s0 + 10]):.1f} ms "
              f"({early.count('q')} questions, {early.count('a')} answers), "
              f"turn {a.turns - 9}-{a.turns} median {statistics.median(times[-10:]):.1f} ms "
              f"({late.count('q')} questions, {late.count('a')} answers)")
    f, l = statistics.median(first), statistics.median(last)
    print(f"pooled: turns {a.start}-{a.start + 9} {f:.1f} ms, last ten {l:.1f} ms, ratio {l / f:.2f}")


if __name__ == "__main__":
    main()
