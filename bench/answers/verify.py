#!/usr/bin/env python3
"""Verify answer-set files against the corpus: every must_contain sentence must occur
in the named document, every must_not_lead sentence in some corpus document
(whitespace runs collapsed to single spaces on both sides). Also checks schema."""
import json, re, glob, os, sys, collections
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "corpus")
norm = lambda s: re.sub(r"\s+", " ", s).strip()
docs = {os.path.basename(p)[:-3]: norm(open(p, encoding="utf-8").read())
        for p in glob.glob(CORPUS + "/*.md") if os.path.basename(p) not in ("README.md", "EXCLUDED.md")}
# body text without front matter and heading lines, for the whole-sentence check
def body(p):
    t = open(p, encoding="utf-8").read()
    t = t.split("\n---\n", 1)[1] if t.startswith("---") else t
    return norm("\n".join(l for l in t.splitlines() if not l.startswith("#")))
bodies = [body(p) for p in glob.glob(CORPUS + "/*.md") if os.path.basename(p) not in ("README.md", "EXCLUDED.md")]
def whole_sentence(s):
    s = norm(s)
    if not re.search(r'[.!?]["”]?$', s): return False
    for b in bodies:
        for m in re.finditer(re.escape(s), b):
            before = b[:m.start()]
            if before == "" or re.search(r'[.!?]["”]? $', before): return True
    return False
TYPES = {"what_is","symptoms","causes","treatment","exercises","how_long","when_to_see_doctor","prevention","risk"}
errors = 0; seen_q = set()
def err(m):
    global errors; errors += 1; print("ERROR", m)
# dev grew and held-out shrank by the cases moved after being looked at (each dev row says where it came from)
for fn, pre, n_exp in (("answers-dev.jsonl", "d", 75), ("answers-holdout.jsonl", "h", 40)):
    rows = [json.loads(l) for l in open("bench/answers/" + fn, encoding="utf-8")]
    if len(rows) != n_exp: err(f"{fn}: {len(rows)} rows, expected {n_exp}")
    types = collections.Counter(); cats = collections.Counter(); nsent = 0
    for r in rows:
        i = r["id"]
        if set(r) - {"moved_from"} != {"id","question","type","focus","document","must_contain","must_not_lead","answerable"}: err(f"{i} keys")
        if not i.startswith(pre): err(f"{i} prefix")
        if r["type"] not in TYPES: err(f"{i} type {r['type']}")
        q = r["question"].strip().lower()
        if q in seen_q: err(f"{i} duplicate question")
        seen_q.add(q)
        types[r["type"]] += 1
        d = r["document"]
        if d is None:
            cats["out_of_corpus"] += 1
            if r["answerable"] or r["must_contain"]: err(f"{i} out-of-corpus must be unanswerable with empty must_contain")
        elif d not in docs: err(f"{i} unknown document {d}")
        elif r["answerable"]:
            cats["answerable"] += 1
            if not 1 <= len(r["must_contain"]) <= 3: err(f"{i} must_contain count")
        else:
            cats["unanswerable"] += 1
            if r["must_contain"]: err(f"{i} unanswerable but must_contain not empty")
        if len(r["must_not_lead"]) > 3: err(f"{i} must_not_lead count")
        for s in r["must_contain"]:
            nsent += 1
            if norm(s) not in docs.get(d, ""): err(f"{i} must_contain not in {d}: {s!r}")
            if not whole_sentence(s): err(f"{i} not a whole sentence: {s!r}")
        for s in r["must_not_lead"]:
            nsent += 1
            if not any(norm(s) in t for t in docs.values()): err(f"{i} must_not_lead not in corpus: {s!r}")
            if not whole_sentence(s): err(f"{i} not a whole sentence: {s!r}")
            if norm(s) in [norm(x) for x in r["must_contain"]]: err(f"{i} sentence both in must_contain and must_not_lead")
    print(f"{fn}: {len(rows)} rows, {nsent} sentences checked; {dict(cats)}")
    print("  types:", dict(sorted(types.items())))
print("FAILED" if errors else "OK: all sentences found verbatim, schema valid", f"({errors} errors)")
sys.exit(1 if errors else 0)
