#!/usr/bin/env python3
"""Messages for a load run that rarely repeat (so no cache of the service answers most of them): MedQuAD's questions
(read from ../shared/data/medquad, never copied into the repository), the triage dev set's messages (every level, a
few red flags among many questions, as real traffic has them), and bench/chat-messages.txt. Written one per line to
the output file, shuffled with a fixed seed.

    python3 bench/varied_messages.py --out /tmp/varied.txt [--medquad ../shared/data/medquad] [--questions 6000]
    java bench/LoadGen.java --url http://127.0.0.1:8080/api/v1/chat --messages /tmp/varied.txt ...
"""
import argparse
import glob
import json
import os
import random
import re


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--medquad", default=os.path.join(root, "..", "shared", "data", "medquad"))
    ap.add_argument("--questions", type=int, default=6000)
    ap.add_argument("--triage-share", type=float, default=0.1, help="share of messages from the triage dev set")
    a = ap.parse_args()
    rng = random.Random(12)
    questions = []
    for path in sorted(glob.glob(os.path.join(a.medquad, "**", "*.xml"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            questions += [re.sub(r"\s+", " ", q).strip() for q in re.findall(r"<Question[^>]*>(.*?)</Question>", f.read(), re.S)]
    rng.shuffle(questions)
    questions = [q for q in dict.fromkeys(questions) if 8 <= len(q) <= 300][:a.questions]
    triage = []
    for path in sorted(glob.glob(os.path.join(root, "guardrails", "evaluation", "dev", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    text = json.loads(line).get("text")
                    if isinstance(text, str) and 0 < len(text) <= 500:
                        triage.append(text)
    rng.shuffle(triage)
    want = max(1, int(len(questions) * a.triage_share / max(1e-9, 1 - a.triage_share))) if questions else len(triage)
    with open(os.path.join(here, "chat-messages.txt"), encoding="utf-8") as f:
        shipped = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    messages = questions + triage[:want] + shipped
    rng.shuffle(messages)
    with open(a.out, "w", encoding="utf-8") as f:
        for m in messages:
            f.write(m.replace("\n", " ") + "\n")
    print(f"{len(messages)} messages: {len(questions)} MedQuAD questions, {min(want, len(triage))} triage dev messages, "
          f"{len(shipped)} from chat-messages.txt -> {a.out}")


if __name__ == "__main__":
    main()
