#!/usr/bin/env python3
"""Issue 8: one large JSON Lines file imported as a stream.

Writes a JSON Lines file of --records approved records (default 18,000) under /tmp, starts the packaged service
with only that file as an extra corpus path, in a fresh data folder, and every --every seconds samples:
readiness (files, the file's documents done of its total, rate, seconds left, passages embedded), the documents
committed in the database (admin status), the process's RSS and the Java heap in use after a full collection
(asked for with jcmd GC.run at each sample, read from the service's own GC log). After --minutes it kills the service with SIGKILL, as a crash would; with --restart-minutes
it starts the service again on the same data folder and follows how the import picks up where it stopped (documents
committed before the kill are found unchanged, not embedded again).

    mvn -B -q package -DskipTests
    python3 bench/streamed_import.py --minutes 4 --restart-minutes 2

--jar runs another build (an older commit's, for comparison). Only the process this script starts is killed.
Standard library only.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

ADMIN_TOKEN = "bench"
PARTS = ["knee", "ankle", "lower back", "shoulder", "wrist", "hip", "neck", "elbow", "heel", "calf"]
COMPLAINTS = ["a dull ache", "stiffness in the morning", "swelling after exercise", "a sharp pain on twisting",
              "tenderness to the touch", "pain that wakes people at night", "clicking without pain", "a burning feeling"]
ADVICE = ["Rest from the activity that brings it on usually helps within two weeks.",
          "A cold pack wrapped in a towel for fifteen minutes can ease swelling in the first two days.",
          "Gentle movement is better than bed rest for most people.",
          "Simple exercises that strengthen the muscles around the joint reduce the chance it comes back.",
          "Supportive shoes and a gradual return to sport are sensible.",
          "A physiotherapist can show exercises that suit the stage of recovery.",
          "Most cases settle without scans or injections.",
          "Keeping a short diary of what makes it better or worse helps when talking to a clinician."]
WARN = ["See a doctor urgently if there is numbness, weakness, fever or the limb looks deformed.",
        "Get help the same day if the pain follows a fall and the joint cannot take weight.",
        "Pain with a high temperature and a hot, red joint needs prompt assessment."]


def record(n, rng):
    part = rng.choice(PARTS)
    body = [f"Note {n} describes {rng.choice(COMPLAINTS)} in the {part}.",
            f"It is common in adults who are active, and in people whose work puts repeated load on the {part}."]
    body += rng.sample(ADVICE, rng.randint(3, 6))
    body.append(rng.choice(WARN))
    body.append(f"This is record {n} of a generated test corpus; reference {rng.randrange(10**9):09d}.")
    return {"id": f"bench-{n:05d}", "title": f"{part.capitalize()} note {n}", "text": " ".join(body),
            "url": f"https://example.org/bench/{n}", "source": "generated", "status": "approved"}


def write_corpus(path, count):
    rng = random.Random(8)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps(record(n, rng)) + "\n")


def get_json(url, token=None):
    req = urllib.request.Request(url, headers={"X-Admin-Token": token} if token else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:  # readiness answers 503 while importing, with the same body
        return json.load(e)
    except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
        return None


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


FULL_GC = re.compile(r"Pause Full .*?(\d+)M->(\d+)M\((\d+)M\)")


def live_heap(pid, gc_log):
    """Heap in use after a full collection asked for now (jcmd GC.run), in MiB: what the service really holds."""
    subprocess.run(["jcmd", str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    last = None
    try:
        with open(gc_log) as f:
            for line in f:
                m = FULL_GC.search(line)
                if m:
                    last = int(m.group(2))
    except OSError:
        pass
    return last


def port_in_use(port):
    import socket
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def start(args, phase):
    if port_in_use(args.port):
        sys.exit(f"port {args.port} is already taken by another process: choose another with --port")
    log = open(f"{args.data}.{phase}.log", "w")
    gc_log = f"{args.data}.{phase}.gc.log"
    env = dict(os.environ, SYMPTOM_DATA_DIR=args.data, QUARKUS_HTTP_PORT=str(args.port),
               SYMPTOM_CORPUS_PATHS=args.file, SYMPTOM_ADMIN_TOKEN=ADMIN_TOKEN)
    cmd = ["java", f"-Xlog:gc:file={gc_log}", "-jar", args.jar]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=args.cwd)
    return proc, gc_log


def follow(args, proc, gc_log, phase, seconds):
    base = f"http://127.0.0.1:{args.port}"
    t0 = time.time()
    rows = []
    print(f"\n== {phase}: pid {proc.pid}, following for {seconds:.0f} s ==")
    print("   t  files  in-file          /s   left  stored  embedded  RSS MiB  live MiB  load")
    while time.time() - t0 < seconds:
        time.sleep(args.every)
        if proc.poll() is not None:
            print(f"the service stopped by itself (exit {proc.returncode}); see {args.data}.{phase}.log")
            break
        health = get_json(base + "/q/health/ready") or {}
        corpus = next((c.get("data", {}) for c in health.get("checks", []) if c.get("name") == "corpus"), {})
        status = get_json(base + "/api/v1/admin/corpus/status", ADMIN_TOKEN) or {}
        stored = sum((status.get("documents") or {}).values()) if status else None
        heap = live_heap(proc.pid, gc_log)
        row = {"t": round(time.time() - t0), "files": corpus.get("importFiles"),
               "inFile": corpus.get("importFileDocuments"), "rate": corpus.get("importFileDocumentsPerSecond"),
               "left": corpus.get("importSecondsLeft"), "stored": stored,
               "embedded": corpus.get("importPassagesEmbedded"), "rss": rss_mib(proc.pid), "heap": heap,
               "state": corpus.get("state"), "load": os.getloadavg()[0]}
        rows.append(row)
        print(f"{row['t']:4d}  {row['files'] or '-':>5}  {row['inFile'] or '-':>14}  {row['rate'] or '-':>6}  "
              f"{row['left'] if row['left'] is not None else '-':>5}  {row['stored'] if stored is not None else '-':>6}  "
              f"{row['embedded'] if row['embedded'] is not None else '-':>8}  "
              f"{row['rss'] or 0:7.0f}  {row['heap'] if heap is not None else '-':>8}  {row['load']:4.1f}", flush=True)
        if row["state"] == "ready":
            break
    return rows


def kill(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def summary(phase, rows, records):
    done = [r for r in rows if r["stored"] is not None]
    if not done:
        print(f"{phase}: no samples")
        return
    first, last = done[0], done[-1]
    rss = [r["rss"] for r in rows if r["rss"]]
    heaps = [r["heap"] for r in rows if r["heap"] is not None]
    span = last["t"] - first["t"]
    rate = (last["stored"] - first["stored"]) / span if span > 0 else 0
    print(f"{phase}: {last['stored']} of {records} documents committed after {last['t']} s "
          f"({rate:.1f} documents/s between the first and last sample); passages embedded {last['embedded']}; "
          f"RSS {min(rss):.0f}-{max(rss):.0f} MiB; heap after a full GC {min(heaps) if heaps else '-'}-{max(heaps) if heaps else '-'} MiB; "
          f"load average {min(r['load'] for r in rows):.1f}-{max(r['load'] for r in rows):.1f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, default=18000)
    p.add_argument("--file", default="/tmp/symptom-streamed/big.jsonl")
    p.add_argument("--data", default="/tmp/symptom-streamed/data")
    p.add_argument("--port", type=int, default=8187)
    p.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
    p.add_argument("--cwd", default=".", help="where the service starts (its shipped corpus/ is read from there)")
    p.add_argument("--minutes", type=float, default=4)
    p.add_argument("--restart-minutes", type=float, default=0, help="after the kill, start again for this long")
    p.add_argument("--every", type=float, default=10)
    args = p.parse_args()
    args.jar = os.path.abspath(args.jar)
    args.file = os.path.abspath(args.file)
    args.data = os.path.abspath(args.data)
    os.makedirs(os.path.dirname(args.file), exist_ok=True)
    if not os.path.exists(args.file):
        write_corpus(args.file, args.records)
    print(f"corpus: {args.file}, {os.path.getsize(args.file) / 2**20:.1f} MiB, {args.records} records")
    shutil.rmtree(args.data, ignore_errors=True)
    rows = run_phase(args, "first", args.minutes, "first run (killed with SIGKILL at the end)")
    if args.restart_minutes > 0:
        rows2 = run_phase(args, "restart", args.restart_minutes, "restart")
        before = rows[-1]["stored"] if rows else None
        first_embedding = next((r for r in rows2 if (r["embedded"] or 0) > 0), None)
        if before is not None and first_embedding:
            print(f"restart: the first passage was embedded by t={first_embedding['t']} s, when the file stood at "
                  f"{first_embedding['inFile']} (the kill had left {before} documents committed)")


def run_phase(args, phase, minutes, title):
    """Starts the service, follows it for the given minutes (or until ready), kills it; returns the samples."""
    proc, gc_log = start(args, phase)
    try:
        rows = follow(args, proc, gc_log, phase, minutes * 60)
    finally:
        kill(proc)
    summary(title, rows, args.records)
    return rows

if __name__ == "__main__":
    sys.exit(main())
