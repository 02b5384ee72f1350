#!/usr/bin/env python3
"""Moves looked-at held-out cases to dev and refills the holdout from the same writer's reserve.

Usage: python3 bench/holdout_move.py guardrails/evaluation SOURCE [SOURCE ...]
A SOURCE is a case's place as the evaluation reports it: holdout/writer-b-messages.jsonl:17.
Each case is appended to dev/holdout-moved.jsonl (with "moved_from"), removed from its holdout file, and
replaced there by the first case of reserve-<same file name>, which leaves the reserve. A case, once
looked at, is dev for good (guardrails/evaluation/README.md, "The held-out protocol").
"""
import json
import os
import sys


def main():
    root, sources = sys.argv[1], sys.argv[2:]
    by_file = {}
    for s in sources:
        path, line = s.rsplit(":", 1)
        by_file.setdefault(path, set()).add(int(line))
    moved = []
    for path, lines in sorted(by_file.items()):
        part, name = path.split("/", 1)
        if part != "holdout" or name.startswith("reserve-"):
            sys.exit(f"{path}: only holdout cases move")
        full = os.path.join(root, path)
        with open(full, encoding="utf-8") as f:
            rows = f.read().splitlines()
        keep = []
        for number, row in enumerate(rows, 1):
            if number in lines:
                case = json.loads(row)
                case["moved_from"] = f"{path}:{number}"
                moved.append(case)
            else:
                keep.append(row)
        reserve = os.path.join(root, "holdout", "reserve-" + name)
        with open(reserve, encoding="utf-8") as f:
            spare = [r for r in f.read().splitlines() if r.strip()]
        if len(spare) < len(lines):
            sys.exit(f"{reserve}: {len(spare)} cases left, {len(lines)} needed; ask the writer for more")
        keep.extend(spare[:len(lines)])
        with open(full, "w", encoding="utf-8") as f:
            f.write("\n".join(keep) + "\n")
        with open(reserve, "w", encoding="utf-8") as f:
            f.write("\n".join(spare[len(lines):]) + ("\n" if spare[len(lines):] else ""))
    with open(os.path.join(root, "dev", "holdout-moved.jsonl"), "a", encoding="utf-8") as f:
        for case in moved:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"moved {len(moved)} cases to dev/holdout-moved.jsonl and refilled them from the reserves")


if __name__ == "__main__":
    main()
