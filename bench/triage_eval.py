#!/usr/bin/env python3
"""Runs the guardrails evaluation set through POST /api/v1/triage and prints a confusion matrix per part.

Usage: python3 bench/triage_eval.py [--url http://127.0.0.1:8080] [--dir guardrails/evaluation] [--misses]
       [--by-file] [--only writer-g]
--by-file prints a matrix for each file as well (each holdout writer apart); --only keeps the files whose
name contains the given text.
Parts: dev/*.jsonl (tuned on) and holdout/*.jsonl without reserve-* (never tuned on), reported apart.
--misses lists dev misses only: a held-out case that is looked at must move to dev.
Exit code 1 when a safety target (issue 7) is missed in either part: an EMERGENCY case triaged lower, an
URGENT case triaged lower, or more than 5% of SELF_CARE and NONE cases escalated to URGENT or EMERGENCY.
"""
import glob
import os
import argparse
import json
import sys
import urllib.error
import urllib.request

LEVELS = ["NONE", "SELF_CARE", "ROUTINE", "URGENT", "EMERGENCY"]


def cases(directory, part, only=None):
    for path in sorted(glob.glob(f"{directory}/{part}/*.jsonl")):
        name = os.path.basename(path)
        if name.startswith("reserve-") or (only and only not in name):
            continue
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.strip():
                    case = json.loads(line)
                    messages = case["messages"] if "messages" in case else [case["text"]]
                    yield f"{part}/{name}:{number}", messages, case


def triage(url, messages, case):
    body = {"messages": messages}
    for key in ("age", "sex"):
        if case.get(key) is not None:
            body[key] = case[key]
    request = urllib.request.Request(url + "/api/v1/triage", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["level"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--dir", default="guardrails/evaluation")
    parser.add_argument("--misses", action="store_true", help="list every case that came out differently")
    parser.add_argument("--by-file", action="store_true", help="a confusion matrix for each file too")
    parser.add_argument("--only", help="only the files whose name contains this text")
    args = parser.parse_args()
    ok = True
    for part in ("dev", "holdout"):
        result = run_part(args, part)
        if result is None:
            return 2
        ok &= result
    return 0 if ok else 1


def run_part(args, part):
    matrices = {}
    misses = []
    try:
        for where, messages, case in cases(args.dir, part, args.only):
            actual = triage(args.url, messages, case)
            name = where.split(":")[0]
            matrices.setdefault(name, {e: {a: 0 for a in LEVELS} for e in LEVELS})[case["level"]][actual] += 1
            if actual != case["level"]:
                misses.append((where, case["level"], actual, messages))
    except urllib.error.URLError as e:
        print(f"cannot reach the service at {args.url}: {e}", file=sys.stderr)
        return None
    if not matrices:
        return True
    if args.by_file:
        for name, m in matrices.items():
            report(name, m)
    total = {e: {a: sum(m[e][a] for m in matrices.values()) for a in LEVELS} for e in LEVELS}
    ok = report(part, total)
    if args.misses and part == "dev":
        for where, expected, actual, messages in misses:
            print(f"- {where}: expected {expected}, got {actual}: {json.dumps(messages)[:200]}")
    return ok


def report(title, matrix):
    print(f"\n== {title}")
    print("expected \\ triaged " + " ".join(f"{l:>10}" for l in LEVELS) + "      n")
    for e in LEVELS:
        row = matrix[e]
        print(f"{e:>18} " + " ".join(f"{row[a]:>10}" for a in LEVELS) + f" {sum(row.values()):>6}")
    rank = {l: i for i, l in enumerate(LEVELS)}
    emergency_under = sum(n for a, n in matrix["EMERGENCY"].items() if a != "EMERGENCY")
    urgent = sum(matrix["URGENT"].values())
    urgent_caught = sum(n for a, n in matrix["URGENT"].items() if rank[a] >= rank["URGENT"])
    benign = sum(matrix["SELF_CARE"].values()) + sum(matrix["NONE"].values())
    benign_up = sum(n for e in ("SELF_CARE", "NONE") for a, n in matrix[e].items() if rank[a] >= rank["URGENT"])
    recall = urgent_caught / urgent if urgent else 1.0
    share = benign_up / benign if benign else 0.0
    print(f"EMERGENCY triaged lower: {emergency_under} of {sum(matrix['EMERGENCY'].values())} (target 0)")
    print(f"URGENT recall (URGENT or higher): {recall:.3f} ({urgent_caught} of {urgent}; target 1.000)")
    print(f"SELF_CARE/NONE escalated to URGENT+: {share:.3f} ({benign_up} of {benign}; target <= 0.05)")
    return emergency_under == 0 and urgent_caught == urgent and share <= 0.05

if __name__ == "__main__":
    sys.exit(main())
