#!/usr/bin/env python3
"""Check answers-holdout-third.jsonl (h201-h240) against the corpus.

Checks, after collapsing whitespace runs to single spaces on both sides:
- schema: exactly the fields id, question, type, focus, document, must_contain, must_not_lead, answerable;
- ids are h201..h240 in order; types come from the allowed list; no duplicated question;
- document is a corpus file name (without .md) or null; null rows are not answerable;
- answerable rows have 1-3 must_contain sentences; other rows have none; must_not_lead has 0-3;
- every must_contain sentence occurs in its document, every must_not_lead sentence in some corpus document,
  and each is a whole sentence of the text (sentences end at . ! or ?, optionally followed by a closing quote,
  followed by whitespace);
- no sentence is in both lists of a row.
Exits non-zero on any failure.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, "corpus")
DATA = os.path.join(HERE, "answers-holdout-third.jsonl")
TYPES = {"what_is", "symptoms", "causes", "treatment", "exercises", "how_long",
         "when_to_see_doctor", "prevention", "risk"}
FIELDS = ["id", "question", "type", "focus", "document", "must_contain", "must_not_lead", "answerable"]
IDS = [f"h{n}" for n in range(201, 241)]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def load_corpus():
    docs = {}
    for p in sorted(glob.glob(os.path.join(CORPUS, "*.md"))):
        name = os.path.basename(p)
        if name in ("README.md", "EXCLUDED.md"):
            continue
        text = open(p, encoding="utf-8").read()
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
        sents = set()
        for para in re.split(r"\n\s*\n", text):
            para = para.strip()
            if not para or para.startswith("#"):
                continue
            para = norm(para)
            for m in re.finditer(r".*?[.!?][\"”’']?(?=\s|$)", para):
                sents.add(m.group(0).strip())
        docs[name[:-3]] = (norm(text), sents)
    return docs


def main():
    docs = load_corpus()
    fails = []
    rows = [json.loads(l) for l in open(DATA, encoding="utf-8") if l.strip()]

    def fail(rid, msg):
        fails.append(f"{rid}: {msg}")

    if [r.get("id") for r in rows] != IDS:
        fail("file", f"ids are not h201..h240 in order (got {len(rows)} rows)")
    seen = set()
    for r in rows:
        rid = r.get("id", "?")
        if list(r.keys()) != FIELDS:
            fail(rid, f"fields {list(r.keys())}")
            continue
        q = norm(r["question"]).lower()
        if q in seen:
            fail(rid, "duplicated question")
        seen.add(q)
        if not isinstance(r["question"], str) or not r["question"].strip():
            fail(rid, "empty question")
        if not isinstance(r["focus"], str) or not r["focus"].strip():
            fail(rid, "empty focus")
        if r["type"] not in TYPES:
            fail(rid, f"bad type {r['type']!r}")
        if not isinstance(r["answerable"], bool):
            fail(rid, "answerable is not a boolean")
        doc = r["document"]
        if doc is not None and doc not in docs:
            fail(rid, f"unknown document {doc!r}")
            continue
        if doc is None and r["answerable"]:
            fail(rid, "document null but answerable")
        mc, mnl = r["must_contain"], r["must_not_lead"]
        if not isinstance(mc, list) or not isinstance(mnl, list):
            fail(rid, "must_contain/must_not_lead not lists")
            continue
        if r["answerable"] and not 1 <= len(mc) <= 3:
            fail(rid, f"answerable row has {len(mc)} must_contain")
        if not r["answerable"] and mc:
            fail(rid, "non-answerable row has must_contain")
        if len(mnl) > 3:
            fail(rid, f"{len(mnl)} must_not_lead")
        for s in mc:
            ns = norm(s)
            text, sents = docs[doc]
            if ns not in text:
                fail(rid, f"must_contain not in {doc}: {s[:60]!r}")
            elif ns not in sents:
                fail(rid, f"must_contain not a whole sentence of {doc}: {s[:60]!r}")
        for s in mnl:
            ns = norm(s)
            if not any(ns in t for t, _ in docs.values()):
                fail(rid, f"must_not_lead not in corpus: {s[:60]!r}")
            elif not any(ns in ss for _, ss in docs.values()):
                fail(rid, f"must_not_lead not a whole sentence: {s[:60]!r}")
        overlap = {norm(s) for s in mc} & {norm(s) for s in mnl}
        if overlap:
            fail(rid, f"sentence in both lists: {sorted(overlap)[0][:60]!r}")

    for f in fails:
        print("FAIL", f)
    ans = sum(1 for r in rows if r.get("answerable") is True)
    ooc = sum(1 for r in rows if r.get("document") is None)
    print(f"{len(rows)} rows ({ans} answerable, {len(rows) - ans - ooc} unanswerable, {ooc} out-of-corpus); "
          f"{len(fails)} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
