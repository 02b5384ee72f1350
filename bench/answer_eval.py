#!/usr/bin/env python3
"""Answer evaluation: what a person reads, scored against the answer set in bench/answers/.

Each question is sent as the first message of a new conversation to ``POST /api/v1/chat``. When the service
starts its screening questions instead of answering, the script asks it to stop them (the first phrase of
prompts/interview/skip-phrases.txt), as a person who wants the answer now would; the reply then read is the
answer. The answer's text is the reply without its lead-in line and closing disclaimer (prompts/reply/), and
without the [n] citation marks.

Scores, per file (dev and holdout apart, never pooled):

* answerable questions (``answerable: true``):
  - contains: share whose answer holds at least one ``must_contain`` sentence (whitespace collapsed)
  - leads-forbidden: share whose answer's first sentence is one of the ``must_not_lead`` sentences
  - right-document: share citing the question's ``document`` first
* questions the corpus does not answer (``answerable: false``):
  - out of corpus (``document: null``): share answered with no citation (the no-answer reply)
  - a covered focus without that type: share whose reply says what is missing (the fixed opening of
    prompts/reply/type-missing.txt, when that file exists) and share citing the focus document
* and, for answerable questions, the share whose reply wrongly says the type is missing.
The replies are written with --dump for reading (dev only: held-out replies are not to be read).

Standard library only. Usage::

    python3 bench/answer_eval.py --url http://127.0.0.1:8080 [--files bench/answers/answers-dev.jsonl,...]
        [--dump out.jsonl] [--json report.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_FILES = [os.path.join(HERE, "answers", "answers-dev.jsonl"), os.path.join(HERE, "answers", "answers-holdout.jsonl")]


def norm(s: str) -> str:
    s = re.sub(r"\s*\[\d+\]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def read_text(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


def first_phrase(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                return line
    raise SystemExit(f"{path}: no phrase")


def post(url: str, body: dict) -> dict:
    req = urllib.request.Request(url + "/api/v1/chat", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def answer_of(url: str, question: str, skip: str) -> dict:
    reply = post(url, {"message": question, "channel": "web"})
    asked = 0
    while reply.get("interview") and not reply["interview"].get("done") and asked < 2:
        reply = post(url, {"conversationId": reply["conversationId"], "message": skip, "channel": "web"})
        asked += 1
    return reply


def body_of(reply_text: str, lead_in: str, disclaimer: str) -> str:
    text = reply_text
    i = text.find(lead_in)
    if i >= 0:
        text = text[i + len(lead_in):]
    j = text.rfind(disclaimer)
    if j >= 0:
        text = text[:j]
    return norm(text)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def first_sentence(body: str) -> str:
    # the body may begin with a title line ("Shingles:"), which is not a sentence of the passage
    parts = [p for p in SENTENCE_END.split(body) if p]
    return parts[0] if parts else ""


def says_missing(text: str, missing_pattern) -> bool:
    return bool(missing_pattern) and missing_pattern.search(text) is not None


def score(rows: list[dict], url: str, lead_in: str, disclaimer: str, skip: str, dump, missing_opening=None) -> dict:
    answerable = [r for r in rows if r.get("answerable")]
    contains = leads_bad = right_doc = 0
    out_corpus = [r for r in rows if not r.get("answerable") and r.get("document") is None]
    no_type = [r for r in rows if not r.get("answerable") and r.get("document") is not None]
    oc_no_cite = nt_no_cite = nt_focus_doc = nt_says = wrong_says = 0
    for r in rows:
        reply = answer_of(url, r["question"], skip)
        text = reply.get("reply") or ""
        body = body_of(text, lead_in, disclaimer)
        cites = [c.get("documentId") for c in (reply.get("citations") or [])]
        lead = first_sentence(body)
        ok_contains = any(norm(s) in body for s in r.get("must_contain", []))
        bad_lead = any(lead.endswith(norm(s)) or norm(s).startswith(lead) and len(lead) > 20
                       for s in r.get("must_not_lead", []) if s.strip())
        if r.get("answerable"):
            contains += ok_contains
            leads_bad += bad_lead
            right_doc += bool(cites) and cites[0] == r.get("document")
            wrong_says += says_missing(text, missing_opening)
        elif r.get("document") is None:
            oc_no_cite += not cites
        else:
            nt_no_cite += not cites
            nt_focus_doc += r.get("document") in cites
            nt_says += says_missing(text, missing_opening)
        if dump:
            dump.write(json.dumps({"id": r["id"], "question": r["question"], "answerable": r.get("answerable"),
                                   "contains": ok_contains, "leads_forbidden": bad_lead, "citations": cites,
                                   "level": (reply.get("triage") or {}).get("level"), "reply": text}) + "\n")
    n = max(1, len(answerable))
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "contains": contains / n,
        "leads_forbidden": leads_bad / n,
        "right_document_first": right_doc / n,
        "out_of_corpus": len(out_corpus),
        "out_of_corpus_no_citation": oc_no_cite / max(1, len(out_corpus)),
        "type_missing": len(no_type),
        "type_missing_no_citation": nt_no_cite / max(1, len(no_type)),
        "type_missing_cites_focus": nt_focus_doc / max(1, len(no_type)),
        "type_missing_says_so": nt_says / max(1, len(no_type)),
        "answerable_wrongly_says_missing": wrong_says / n,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--files", default=",".join(DEFAULT_FILES))
    ap.add_argument("--prompts", default=os.path.join(ROOT, "prompts"))
    ap.add_argument("--dump")
    ap.add_argument("--json")
    args = ap.parse_args()
    if not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        raise SystemExit("loads go to 127.0.0.1 only")
    lead_in = read_text(os.path.join(args.prompts, "reply", "lead-in.txt"))
    disclaimer = read_text(os.path.join(args.prompts, "reply", "disclaimer.txt"))
    skip = first_phrase(os.path.join(args.prompts, "interview", "skip-phrases.txt"))
    missing_path = os.path.join(args.prompts, "reply", "type-missing.txt")
    # the template with each {{placeholder}} as "any text": what a reply saying the type is missing holds
    missing_opening = (re.compile(".+?".join(re.escape(part) for part in re.split(r"\{\{\w+\}\}", read_text(missing_path))))
                       if os.path.exists(missing_path) else None)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    report = {}
    for path in args.files.split(","):
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        report[os.path.basename(path)] = s = score(rows, args.url, lead_in, disclaimer, skip, dump, missing_opening)
        print(f"{os.path.basename(path)}: {s['answerable']} answerable of {s['questions']}: "
              f"contains a required sentence {s['contains']:.1%}, leads with a forbidden one {s['leads_forbidden']:.1%}, "
              f"cites the right document first {s['right_document_first']:.1%}; "
              f"out of corpus {s['out_of_corpus']}: no citation {s['out_of_corpus_no_citation']:.0%}; "
              f"type missing {s['type_missing']}: says so {s['type_missing_says_so']:.0%}, no citation {s['type_missing_no_citation']:.0%}, "
              f"cites the focus document {s['type_missing_cites_focus']:.0%}; "
              f"answerable but says the type is missing {s['answerable_wrongly_says_missing']:.1%}")
    if dump:
        dump.close()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
