#!/usr/bin/env python3
"""Twilio webhook acknowledgement time at a fixed rate (open loop: latency from each request's scheduled time).

Usage: python3 bench/twilio_webhook.py --url http://127.0.0.1:8080 --token TOKEN --public-url URL
           [--rate 50] [--duration 30] [--warmup 5] [--messages bench/chat-messages.txt]
Start the service with symptom.channels.twilio.auth-token=TOKEN and .public-url=URL. Each request is a new
message (its own MessageSid, one of 500 senders), signed as Twilio signs it; the answer is the TwiML reply.
Loads go to 127.0.0.1 only.
"""
import argparse
import base64
import hashlib
import hmac
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor


def sign(token, url, params):
    data = url + "".join(k + params[k] for k in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--token", required=True)
    ap.add_argument("--public-url", required=True)
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--messages", default="bench/chat-messages.txt")
    a = ap.parse_args()
    host = urllib.parse.urlparse(a.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback targets only")
    texts = [l.strip() for l in open(a.messages) if l.strip()]
    senders = ["+1555%07d" % random.randrange(10_000_000) for _ in range(500)]
    results = []  # (scheduled offset, latency s, status)
    lock = threading.Lock()

    def one(i, scheduled):
        params = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "ACbench", "From": senders[i % len(senders)],
                  "To": "+15550000000", "Body": texts[i % len(texts)], "NumMedia": "0"}
        req = urllib.request.Request(a.url + "/channels/twilio", data=urllib.parse.urlencode(params).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "X-Twilio-Signature": sign(a.token, a.public_url, params)})
        try:
            with urllib.request.urlopen(req, timeout=15) as r:
                r.read()
                status = r.status
        except urllib.error.HTTPError as e:
            status = e.code
        except Exception:
            status = -1
        with lock:
            results.append((scheduled - start, time.perf_counter() - scheduled, status))

    total = int(a.rate * (a.warmup + a.duration))
    pool = ThreadPoolExecutor(max_workers=200)
    start = time.perf_counter()
    for i in range(total):
        scheduled = start + i / a.rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        pool.submit(one, i, scheduled)
    pool.shutdown(wait=True)
    measured = sorted(lat for off, lat, st in results if off >= a.warmup)
    errors = sum(1 for off, lat, st in results if off >= a.warmup and st != 200)
    n = len(measured)
    pct = lambda p: measured[min(n - 1, int(p * n))] * 1000
    print(f"rate {a.rate:g}/s for {a.duration:g} s after {a.warmup:g} s warm-up: {n} requests, {errors} not 200")
    print(f"p50 {pct(0.50):.1f} ms  p90 {pct(0.90):.1f} ms  p99 {pct(0.99):.1f} ms  max {measured[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
