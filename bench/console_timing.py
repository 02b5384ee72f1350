#!/usr/bin/env python3
"""How long the console's evaluation and preview take on a running instance.

Logs in to the console as the bootstrap admin, starts a draft that changes the greeting, and times: the first
evaluation (the published release's triage levels not yet known), a second one (known), and previews of a one-turn and
a five-turn conversation (each run under the published release and the draft). Prints each time and the evaluation's
case counts; discards the draft.

    python3 bench/console_timing.py --url http://127.0.0.1:18150 --password ... [--previews 5]

Standard library only; it talks to 127.0.0.1 only.
"""
import argparse
import statistics
import sys
import time

from two_instances import API, Console

CONVERSATION = [
    "my lower back has been sore for about a week since i moved house",
    "it gets worse when i bend over",
    "no numbness and my legs are fine",
    "what can i do at home to ease it?",
    "how long does it usually take to get better?",
]


def timed(work):
    start = time.monotonic()
    result = work()
    return time.monotonic() - start, result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", required=True)
    p.add_argument("--username", default="admin")
    p.add_argument("--password", required=True)
    p.add_argument("--previews", type=int, default=5, help="previews of each kind to time (the median is printed)")
    args = p.parse_args(argv)
    if not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        print("this benchmark talks to 127.0.0.1 only")
        return 2

    c = Console(args.url, args.username, args.password)
    draft = c.call("POST", API + "/drafts", {"note": "console timing"})["draft"]["id"]
    c.call("PUT", f"{API}/drafts/{draft}/files/prompts/reply/greeting.txt",
           "Hello. Tell me what is bothering you, in your own words. I am not a doctor.", content_type="text/plain")
    try:
        for label in ("first evaluation", "second evaluation"):
            seconds, report = timed(lambda: c.call("POST", f"{API}/drafts/{draft}/evaluation"))
            conv = report.get("conversations") or {}
            print(f"{label}: {seconds:.1f} s ({report['cases']} triage cases, {len(conv.get('golden', []))} golden "
                  f"conversations, {conv.get('answers', {}).get('questions', 0)} answer-set questions; passes={report['passes']})")
        for label, messages in (("one-turn preview", CONVERSATION[:1]), ("five-turn preview", CONVERSATION)):
            times = [timed(lambda: c.call("POST", f"{API}/drafts/{draft}/preview", {"messages": messages}))[0]
                     for _ in range(args.previews)]
            print(f"{label}: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
                  f"over {len(times)} (both sides)")
    finally:
        c.call("POST", f"{API}/drafts/{draft}/discard")
    return 0


if __name__ == "__main__":
    sys.exit(main())
