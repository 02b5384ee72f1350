#!/usr/bin/env python3
"""Webhook acknowledgement time under an open-loop load, signed as each platform signs.

Usage:
  python3 bench/webhook_load.py --url http://127.0.0.1:8080 --platform twilio --secret TOKEN \
      --public-url https://example.org/channels/twilio [--rate 50] [--duration 30] [--warmup 5]
  python3 bench/webhook_load.py --url http://127.0.0.1:8080 --platform whatsapp --secret APP_SECRET
  python3 bench/webhook_load.py --url http://127.0.0.1:8080 --platform slack --secret SIGNING_SECRET

Every request is a new delivery (its own MessageSid, wamid or event_id) from its own sender, with an everyday
message, signed the way the platform signs (see ../shared/docs/channels.md). Latency is measured from each
request's scheduled send time to the end of the response (open loop: a slow service does not slow the sender).
Prints p50/p90/p99/max of the requests after the warm-up, and the status codes. Loads go to 127.0.0.1 only.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import hmac
import json
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

MESSAGES = [
    "what helps a sore throat",
    "my lower back aches after gardening",
    "does a tens machine help back pain",
    "how long does shingles last",
    "what stretches help a stiff back",
]


def twilio(args, n):
    params = {"MessageSid": f"SMbench{n:010d}{int(time.time())}", "From": f"+1555{n:07d}", "To": "+15550000000",
              "Body": MESSAGES[n % len(MESSAGES)], "AccountSid": "ACbench"}
    data = args.public_url + "".join(k + params[k] for k in sorted(params))
    sig = base64.b64encode(hmac.new(args.secret.encode(), data.encode(), hashlib.sha1).digest()).decode()
    body = urllib.parse.urlencode(params).encode()
    return "/channels/twilio", body, {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig}


def whatsapp(args, n):
    payload = {"object": "whatsapp_business_account", "entry": [{"id": "bench", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550000000", "phone_number_id": "1"},
        "contacts": [{"profile": {"name": "Bench"}, "wa_id": f"1555{n:07d}"}],
        "messages": [{"from": f"1555{n:07d}", "id": f"wamid.bench{n:010d}{int(time.time())}", "timestamp": str(int(time.time())),
                      "type": "text", "text": {"body": MESSAGES[n % len(MESSAGES)]}}]}}]}]}
    body = json.dumps(payload).encode()
    sig = "sha256=" + hmac.new(args.secret.encode(), body, hashlib.sha256).hexdigest()
    return "/channels/whatsapp", body, {"Content-Type": "application/json", "X-Hub-Signature-256": sig}


def slack(args, n):
    payload = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": f"Ev{n:010d}{int(time.time())}",
               "event_time": int(time.time()), "event": {"type": "message", "channel": f"D{n:08d}", "user": f"U{n:08d}",
                                                         "text": MESSAGES[n % len(MESSAGES)], "ts": f"{time.time():.6f}"}}
    body = json.dumps(payload).encode()
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(args.secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return "/channels/slack/events", body, {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
                                            "X-Slack-Signature": sig}


def send(url, path, body, headers, timeout):
    req = urllib.request.Request(url + path, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception:  # timeout or refused connection
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--platform", choices=["twilio", "whatsapp", "slack"], required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--public-url", default="https://example.org/channels/twilio")
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--timeout", type=float, default=15)
    args = ap.parse_args()
    if not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("loads go to 127.0.0.1 only")
    build = {"twilio": twilio, "whatsapp": whatsapp, "slack": slack}[args.platform]
    total = int((args.warmup + args.duration) * args.rate)
    results = []
    lock = threading.Lock()
    start = time.perf_counter() + 0.5

    def one(n):
        scheduled = start + n / args.rate
        path, body, headers = build(args, n)
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        status = send(args.url, path, body, headers, args.timeout)
        ms = (time.perf_counter() - scheduled) * 1000
        with lock:
            results.append((n, status, ms))

    with concurrent.futures.ThreadPoolExecutor(max_workers=256) as pool:
        for n in range(total):
            pool.submit(one, n)
    measured = sorted(ms for n, status, ms in results if n >= args.warmup * args.rate)
    statuses = {}
    for _, status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1

    def pct(p):
        return measured[min(len(measured) - 1, int(p * len(measured)))]

    print(f"{args.platform}: {total} requests at {args.rate:g}/s ({args.warmup:g} s warm-up not counted), statuses {statuses}")
    print(f"acknowledgement ms: p50 {statistics.median(measured):.1f}  p90 {pct(0.90):.1f}  p99 {pct(0.99):.1f}  "
          f"max {measured[-1]:.1f}  (n={len(measured)}, from scheduled send time)")


if __name__ == "__main__":
    main()
