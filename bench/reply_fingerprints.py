#!/usr/bin/env python3
"""Fingerprints of whole replies, to show that a change leaves every reply the same without reading any of them.

Each question of the answer sets (bench/answers/, dev and held-out) and of the MedQuAD retrieval sets is sent as the
first message of a new conversation, as bench/answer_eval.py sends it (screening questions skipped). The reply's JSON,
without its conversation id, is hashed (SHA-256). Only the hashes are written, so held-out replies stay unread.

Usage::

    python3 bench/reply_fingerprints.py --url http://127.0.0.1:8080 --out before.json
    python3 bench/reply_fingerprints.py --url http://127.0.0.1:8080 --out after.json --compare before.json
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os

import answer_eval

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = [os.path.join(HERE, "answers", "answers-dev.jsonl"), os.path.join(HERE, "answers", "answers-holdout.jsonl"),
         os.path.join(HERE, "questions-medquad.jsonl"), os.path.join(HERE, "questions-medquad-holdout.jsonl")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--out", required=True)
    ap.add_argument("--compare")
    args = ap.parse_args()
    skip = answer_eval.first_phrase(os.path.join(os.path.dirname(HERE), "prompts", "interview", "skip-phrases.txt"))
    hashes = {}
    for path in FILES:
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if not line.strip():
                    continue
                reply = answer_eval.answer_of(args.url, json.loads(line)["question"], skip)
                kept = {k: v for k, v in reply.items() if k != "conversationId"}
                hashes[f"{os.path.basename(path)}:{i}"] = hashlib.sha256(json.dumps(kept, sort_keys=True).encode()).hexdigest()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(hashes, f, indent=0)
    print(f"{len(hashes)} replies fingerprinted")
    if args.compare:
        with open(args.compare, encoding="utf-8") as f:
            before = json.load(f)
        changed = sorted(k for k in hashes if before.get(k) != hashes[k])
        by_file = dict(collections.Counter(k.split(":")[0] for k in changed))
        print(f"{len(changed)} of {len(hashes)} replies differ from {args.compare}: {by_file}")


if __name__ == "__main__":
    main()
