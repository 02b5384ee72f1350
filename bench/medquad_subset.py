#!/usr/bin/env python3
"""Copies a part of MedQuAD that holds every gold document of a question set, for a retrieval comparison that fits
in an afternoon on two shared cores (the full import embeds ~16,000 answers).

Kept: every MedQuAD file holding a relevant document of the question file (with all of that file's answered pairs:
the gold document's siblings on the same topic are the hardest distractors), plus answered files drawn at random
(fixed seed) until about --extra more pairs. Figures on such a part are comparable with each other (before/after),
not with figures on the full corpus.

Usage: python3 bench/medquad_subset.py --questions bench/questions-medquad.jsonl \
           --medquad ../shared/data/medquad --out /tmp/medquad-subset [--extra 600] [--seed 10]
Standard library only; the source folder is only read.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
from pathlib import Path

DOCUMENT = re.compile(r'<Document[^>]*\bid="([^"]*)"[^>]*>')
SOURCE = re.compile(r'<Document[^>]*\bsource="([^"]*)"')
PAIR = re.compile(r'<QAPair[^>]*pid="([^"]*)"[^>]*>.*?<Answer>(.*?)</Answer>', re.S)


def answered_ids(text: str) -> list[str]:
    """Ids the importer gives a file's answered pairs: {source}_{documentId}_Sec{pid}."""
    doc, source = DOCUMENT.search(text), SOURCE.search(text)
    if not doc or not source:
        return []
    return [f"{source.group(1)}_{doc.group(1)}_Sec{pid}" for pid, answer in PAIR.findall(text) if answer.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", required=True)
    ap.add_argument("--medquad", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--extra", type=int, default=600, help="answered pairs to add beyond the gold files (default 600)")
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args()

    gold: set[str] = set()
    with open(args.questions, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                gold.update(json.loads(line)["relevant"])
    root = Path(args.medquad)
    files = []
    for path in sorted(root.glob("*/*.xml")):
        ids = answered_ids(path.read_text(encoding="utf-8", errors="replace"))
        if ids:
            files.append((path, ids))
    with_gold = [p for p, ids in files if gold.intersection(ids)]
    others = [(p, ids) for p, ids in files if not gold.intersection(ids)]
    random.Random(args.seed).shuffle(others)
    extra, pairs = [], 0
    for p, ids in others:
        if pairs >= args.extra:
            break
        extra.append(p)
        pairs += len(ids)
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    for p in with_gold + extra:
        target = out / p.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, target)
    kept = {i for p, ids in files if p in set(with_gold) for i in ids}
    print(f"{len(with_gold)} files with gold documents ({len(kept)} pairs, {len(gold & kept)} of {len(gold)} gold), "
          f"{len(extra)} more files ({pairs} pairs) -> {out}")


if __name__ == "__main__":
    main()
