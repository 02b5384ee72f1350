"""Chat load under one fault at a time (issue 12, "Load and faults"), against one packaged service on 127.0.0.1.

An open-loop stream of chat turns (each a new conversation, about 1 in 5 a red flag) runs for --duration seconds; at
--at seconds the fault is applied; /q/health/ready is polled every 0.5 s. Faults:

  pg-restart  PostgreSQL is restarted (pg_ctlcluster ... restart). Checks: readiness drops and returns, every red flag
              EMERGENCY, no 5xx; then, with psql, which 200 replies have their conversation stored. With --slack-port
              a Slack event is also sent every second and each one acknowledged 200 must get exactly one reply posted.
  model       the service's OpenAI-compatible model endpoint (--model-port), by --model-mode: refused (nothing
              listens), 500 (every answer), slow (answers after 10.5 s). Checks: no errors, red flags EMERGENCY; latency.
  index       <data-dir>/index is deleted while serving. Reports what chat, search and readiness do.
  search      (after a restart) checks that <data-dir>/index is back and search finds passages.

    python3 bench/faults.py --base http://127.0.0.1:18301 --fault pg-restart --schema S [--slack-port 18309 ...]

Standard library only; it talks to 127.0.0.1 only; every loop is bounded in time. Exit status 1 when a check fails.
"""
import argparse
import concurrent.futures
import glob
import hashlib
import hmac
import http.server
import json
import os
import random
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request

from two_instances import SlackStandIn  # the stand-in Slack Web API: records each (path, body) posted

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUESTIONS = ["what are the symptoms of shingles?", "does a TENS machine help back pain?", "how long does a cold last?",
             "what helps hay fever?", "is it safe to take ibuprofen with paracetamol?", "what causes heartburn?",
             "how do I treat a mild sunburn?", "when should I see a doctor about a cough?", "what is tinnitus?",
             "how can I sleep better?", "what are the signs of dehydration?", "how do I look after a sprained ankle?"]


def messages():
    """The dev sets' single-message texts: the EMERGENCY ones (red flags) and the others."""
    red, other = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "guardrails/evaluation/dev/*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                row = json.loads(line)
                if isinstance(row.get("text"), str) and len(row["text"]) < 1500:
                    (red if row.get("level") == "EMERGENCY" else other).append(row["text"])
    return red, other


def post(url, body, timeout=40, headers=None):
    """(status, parsed JSON or None, seconds)."""
    start = time.monotonic()
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Accept": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    except Exception as e:  # refused, reset, timed out: no status
        return f"error:{type(e).__name__}", None, time.monotonic() - start
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    return status, data, time.monotonic() - start


def ready(base):
    try:
        with urllib.request.urlopen(base + "/q/health/ready", timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


class Readiness:
    """Polls readiness every 0.5 s; keeps the changes as (time, UP/DOWN)."""

    def __init__(self, base, t0):
        self.changes, self.stop = [], threading.Event()
        def run():
            last = None
            while not self.stop.is_set():
                now = "UP" if ready(base) else "DOWN"
                if now != last:
                    self.changes.append((time.monotonic() - t0, now))
                    last = now
                self.stop.wait(0.5)
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def down_windows(self, end):
        out, start = [], None
        for t, state in self.changes:
            if state == "DOWN" and start is None:
                start = t
            elif state == "UP" and start is not None:
                out.append((start, t))
                start = None
        if start is not None:
            out.append((start, end))
        return out


def load(base, red, other, duration, rate, t0, on_tick=None, workers=200):
    """Open-loop chat turns at `rate` per second for `duration` s; each a new conversation. Returns the records."""
    records, lock = [], threading.Lock()
    rnd = random.Random(12)

    def one(sent, text, is_red):
        status, data, took = post(base + "/api/v1/chat", {"message": text})
        level = ((data or {}).get("triage") or {}).get("level")
        with lock:
            records.append({"sent": sent, "done": sent + took, "took": took, "status": status, "red": is_red,
                            "level": level, "cid": (data or {}).get("conversationId"),
                            "mode": (data or {}).get("answerMode"),
                            "cited": bool((data or {}).get("citations"))})

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        n = 0
        while True:
            due = n / rate
            if due >= duration:
                break
            wait = t0 + due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if on_tick:
                on_tick(due)
            is_red = n % 5 == 0
            text = rnd.choice(red) if is_red else rnd.choice(other if rnd.random() < 0.5 else QUESTIONS)
            pool.submit(one, time.monotonic() - t0, text, is_red)
            n += 1
    return records


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(records, label):
    statuses = {}
    for r in records:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    reds = [r for r in records if r["red"]]
    missed = [r for r in reds if r["level"] != "EMERGENCY"]
    took = [r["took"] for r in records]
    bad = sum(c for s, c in statuses.items() if not (isinstance(s, int) and s < 500))
    print(f"{label}: {len(records)} turns, statuses {dict(sorted(statuses.items(), key=str))}, 5xx or no answer {bad}; "
          f"red flags {len(reds)}, not EMERGENCY {len(missed)}; latency p50 {pct(took, 50):.3f} s, "
          f"p99 {pct(took, 99):.3f} s, max {max(took, default=0):.3f} s")
    return bad, missed


def calibrate(base, red, sample_size=100):
    """The red-flag texts this service routes EMERGENCY when healthy (triage recall is not the subject here)."""
    sample = random.Random(7).sample(red, min(sample_size, len(red)))

    def routed(text):
        status, data, _ = post(base + "/api/v1/chat", {"message": text})
        return status == 200 and ((data or {}).get("triage") or {}).get("level") == "EMERGENCY"

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        kept = [t for t, yes in zip(sample, pool.map(routed, sample)) if yes]
    print(f"red flags: {len(kept)} of {len(sample)} dev EMERGENCY texts (a sample of {len(red)}) are EMERGENCY on the "
          f"healthy service; those are sent")
    return kept


def psql(sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-At", "-c", sql],
                          capture_output=True, text=True, timeout=60).stdout.strip()


def stored_ids(schema, ids):
    found = set()
    ids = list(ids)
    for i in range(0, len(ids), 500):
        chunk = ",".join("'" + c.replace("'", "") + "'" for c in ids[i:i + 500])
        out = psql(f'select id from "{schema}".conversation where id in ({chunk})')
        found.update(line for line in out.splitlines() if line)
    return found


# --- Slack events ----------------------------------------------------------------------------------

def slack_event(base, secret, n, text):
    channel = f"DF{int(time.time())}{n:04d}"
    body = json.dumps({"type": "event_callback", "team_id": "T0F", "api_app_id": "A0F", "event_id": f"Ev{channel}",
                       "event_time": int(time.time()),
                       "authorizations": [{"team_id": "T0F", "user_id": "UBOTF", "is_bot": True}],
                       "event": {"type": "message", "channel": channel, "channel_type": "im", "user": f"U{channel}",
                                 "text": text, "ts": f"{int(time.time())}.{n:06d}"}})
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    req = urllib.request.Request(base + "/channels/slack/events", data=body.encode(), method="POST",
                                 headers={"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
                                          "X-Slack-Signature": sig})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return channel, r.status
    except urllib.error.HTTPError as e:
        return channel, e.code
    except Exception as e:
        return channel, f"error:{type(e).__name__}"


# --- model stand-in ---------------------------------------------------------------------------------------------

class ModelStandIn(http.server.ThreadingHTTPServer):
    """An OpenAI-compatible chat endpoint that answers 500, or a valid answer after `delay` seconds."""
    daemon_threads = True

    def __init__(self, port):
        self.mode, self.calls, outer = "500", 0, self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.calls += 1
                if outer.mode == "500":
                    body, status = b'{"error":{"message":"stand-in failure"}}', 500
                else:
                    time.sleep(10.5)
                    body, status = json.dumps({"id": "x", "object": "chat.completion", "created": int(time.time()),
                                               "model": "stand-in", "choices": [{"index": 0, "finish_reason": "stop",
                                               "message": {"role": "assistant", "content": "A late answer."}}],
                                               "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode(), 200
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the service gave up first

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", port), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


# --- the faults ---------------------------------------------------------------------------------------------------

def pg_restart(args, red, other):
    ok = True
    t0 = time.monotonic()
    readiness = Readiness(args.base, t0)
    stand_in = SlackStandIn(args.slack_port) if args.slack_port else None
    events, fault = [], {}

    def apply():
        fault["start"] = time.monotonic() - t0
        ver = os.listdir("/etc/postgresql")[0]
        r = subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", ver, "main", "stop", "-m", "fast"],
                           capture_output=True, text=True, timeout=60)
        fault["stopped"] = time.monotonic() - t0
        time.sleep(5)
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", ver, "main", "start"],
                       capture_output=True, text=True, timeout=60)
        fault["started"] = time.monotonic() - t0
        fault["stop_rc"] = r.returncode

    def tick(due):
        if due >= args.at and "thread" not in fault:
            fault["thread"] = threading.Thread(target=apply, daemon=True)
            fault["thread"].start()
        if stand_in and round(due * args.rate) % round(args.rate) == 0:  # one Slack event a second
            n = len(events)
            def send(n=n, sent=due):
                channel, status = slack_event(args.base, args.slack_secret, n, QUESTIONS[n % len(QUESTIONS)])
                events.append({"n": n, "sent": sent, "channel": channel, "status": status})
            threading.Thread(target=send, daemon=True).start()

    records = load(args.base, red, other, args.duration, args.rate, t0, tick)
    fault["thread"].join(60)
    end = time.monotonic() - t0
    time.sleep(3)
    readiness.stop.set()
    print(f"PostgreSQL stopped at {fault['start']:.1f} s (down by {fault['stopped']:.1f} s), started at {fault['started']:.1f} s")
    print("readiness: " + ", ".join(f"{s} at {t:.1f} s" for t, s in readiness.changes))
    windows = readiness.down_windows(end)
    came_back = bool(readiness.changes) and readiness.changes[-1][1] == "UP"
    if not windows or not came_back:
        print("FAILED: readiness did not drop and come back")
        ok = False
    bad, missed = summary(records, "all turns")
    ok = ok and bad == 0 and not missed
    lo, hi = fault["start"], max([w[1] for w in windows] + [fault["started"]])
    during = [r for r in records if lo <= r["sent"] <= hi]
    summary(during, f"turns sent from the stop ({lo:.1f} s) to readiness back ({hi:.1f} s)")
    for r in missed:
        print(f"  red flag not EMERGENCY: sent at {r['sent']:.1f} s, status {r['status']}, level {r['level']}")
    # acknowledged turns: a 200 with a conversation id; is the conversation stored?
    time.sleep(5)  # a routed turn's record is written after its reply
    answered = [r for r in records if r["status"] == 200 and r["cid"]]
    stored = stored_ids(args.schema, {r["cid"] for r in answered})
    lost = [r for r in answered if r["cid"] not in stored]
    lost_in = [r for r in lost if lo <= r["sent"] <= hi + 5]
    print(f"acknowledged turns (200): {len(answered)}; conversation not stored: {len(lost)} "
          f"({len(lost_in)} of them sent between {lo:.1f} s and {hi + 5:.1f} s; red flags among them "
          f"{sum(r['red'] for r in lost)})")
    if lost:
        print(f"  not stored, sent between {min(r['sent'] for r in lost):.1f} s and {max(r['sent'] for r in lost):.1f} s")
    if stand_in:
        acked = [e for e in events if e["status"] == 200]

        def replies():
            posted = {}
            for path, body in list(stand_in.posts):
                if path.endswith("/chat.postMessage"):
                    for e in events:
                        if e["channel"] in body:
                            posted[e["channel"]] = posted.get(e["channel"], 0) + 1
            return posted

        last = max((e["sent"] for e in events), default=0)
        while time.monotonic() - t0 < last + 60 and any(e["channel"] not in replies() for e in acked):
            time.sleep(1)  # each acknowledged event has 60 s for its reply
        time.sleep(3)  # and a late second reply would show here
        posted = replies()
        statuses = {}
        for e in events:
            statuses[e["status"]] = statuses.get(e["status"], 0) + 1
        wrong = [e for e in acked if posted.get(e["channel"], 0) != 1]
        in_window = [e for e in acked if lo <= e["sent"] <= hi]
        print(f"Slack events: {len(events)} sent, statuses {statuses}; acknowledged 200 during the outage window "
              f"{len(in_window)}; acknowledged events without exactly one reply: {len(wrong)}")
        for e in wrong:
            print(f"  event sent at {e['sent']:.1f} s: {posted.get(e['channel'], 0)} replies")
        ok = ok and not wrong
    return ok


def model(args, red, other):
    """One mode of the model endpoint on a service just started (so its model circuit starts closed)."""
    stand_in = None if args.model_mode == "refused" else ModelStandIn(args.model_port)
    if stand_in:
        stand_in.mode = args.model_mode
    t0 = time.monotonic()
    readiness = Readiness(args.base, t0)
    records = load(args.base, red, other, args.duration, args.rate, t0)
    readiness.stop.set()
    bad, missed = summary(records, f"model {args.model_mode}")
    cited = [r["took"] for r in records if r["cited"]]
    modes = {}
    for r in records:
        modes[r["mode"]] = modes.get(r["mode"], 0) + 1
    print(f"  turns with a cited answer (the ones a model would phrase): {len(cited)}, latency p50 {pct(cited, 50):.3f} s, "
          f"p99 {pct(cited, 99):.3f} s, max {max(cited, default=0):.3f} s; answer modes {modes}; "
          f"requests that reached the stand-in {stand_in.calls if stand_in else 0}")
    try:
        with urllib.request.urlopen(args.base + "/q/metrics", timeout=10) as r:
            lines = [l for l in r.read().decode().splitlines() if l.startswith("symptom_model_fallbacks")]
        print("  " + "; ".join(lines))
    except Exception as e:
        print(f"  /q/metrics not read ({type(e).__name__})")
    print("  readiness: " + ", ".join(f"{s} at {t:.1f} s" for t, s in readiness.changes))
    return bad == 0 and not missed


def search_hits(base, q="shingles rash"):
    status, data, took = post(base + "/api/v1/search", {"q": q, "limit": 3})
    return status, len((data or {}).get("results") or []), took


def index(args, red, other):
    t0 = time.monotonic()
    readiness = Readiness(args.base, t0)
    folder = os.path.join(args.data_dir, "index")
    probes, done = [], {}

    def tick(due):
        if due >= args.at and "at" not in done:
            done["at"] = time.monotonic() - t0
            done["existed"] = os.path.isdir(folder)
            shutil.rmtree(folder, ignore_errors=True)
        if round(due * args.rate) % round(args.rate) == 0:  # a search a second
            def probe(sent=due):
                probes.append((sent, *search_hits(args.base)))
            threading.Thread(target=probe, daemon=True).start()

    records = load(args.base, red, other, args.duration, args.rate, t0, tick)
    time.sleep(2)
    readiness.stop.set()
    print(f"index folder {folder} (existed: {done.get('existed')}) deleted at {done['at']:.1f} s; "
          f"there again at the end: {os.path.isdir(folder)}")
    print("readiness: " + ", ".join(f"{s} at {t:.1f} s" for t, s in readiness.changes))
    before = [r for r in records if r["sent"] < done["at"]]
    after = [r for r in records if r["sent"] >= done["at"]]
    bad1, missed1 = summary(before, "turns before the deletion")
    bad2, missed2 = summary(after, "turns after the deletion")
    for label, part in (("before", [p for p in probes if p[0] < done["at"]]), ("after", [p for p in probes if p[0] >= done["at"]])):
        statuses = {}
        for p in part:
            statuses[p[1]] = statuses.get(p[1], 0) + 1
        print(f"searches {label} the deletion: {len(part)}, statuses {statuses}, with results {sum(p[2] > 0 for p in part)}")
    for label, part in (("before", before), ("after", after)):
        modes = {}
        for r in part:
            modes[r["mode"]] = modes.get(r["mode"], 0) + 1
        print(f"answer modes {label} the deletion: {modes}; turns with a cited answer {sum(r['cited'] for r in part)}")
    return bad1 + bad2 == 0 and not missed1 and not missed2


def search_back(args):
    folder = os.path.join(args.data_dir, "index")
    status, hits, took = search_hits(args.base)
    files = len(os.listdir(folder)) if os.path.isdir(folder) else 0
    ok = status == 200 and hits > 0 and files > 0
    print(f"after a restart: index folder there {os.path.isdir(folder)} ({files} files); search status {status}, "
          f"{hits} results in {took:.2f} s" + ("" if ok else " (FAILED)"))
    return ok


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True)
    p.add_argument("--fault", required=True, choices=["pg-restart", "model", "index", "search"])
    p.add_argument("--schema")
    p.add_argument("--data-dir")
    p.add_argument("--duration", type=float, default=75)
    p.add_argument("--at", type=float, default=20)
    p.add_argument("--rate", type=float, default=10)
    p.add_argument("--slack-port", type=int)
    p.add_argument("--slack-secret")
    p.add_argument("--model-port", type=int)
    p.add_argument("--model-mode", choices=["refused", "500", "slow"], default="refused")
    args = p.parse_args(argv)
    args.base = args.base.rstrip("/")
    if not args.base.startswith("http://127.0.0.1:"):
        p.error("--base must be on 127.0.0.1")
    if args.fault == "search":
        ok = search_back(args)
    else:
        red, other = messages()
        red = calibrate(args.base, red)
        ok = {"pg-restart": pg_restart, "model": model, "index": index}[args.fault](args, red, other)
    print(f"fault {args.fault}: " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
