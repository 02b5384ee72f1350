#!/usr/bin/env python3
"""Retrieval evaluation for the Symptom Checker search endpoint.

For every retrieval mode (bm25, vector, hybrid) each question of a JSONL file
is sent to ``POST /api/v1/search`` with ``{"q", "limit": K, "mode": MODE}`` and the ranked
``documentId`` list is scored against the question's relevant document ids:

* R@1, R@5   recall at 1 and 5: fraction of the relevant documents found in the
             top k, averaged over questions
* MRR@K      reciprocal rank of the first relevant document (0 if none in top K)
* nDCG@K     binary relevance, DCG = sum rel_i / log2(i + 1) for ranks i = 1..K,
             ideal DCG over min(|relevant|, K) relevant documents

plus the client-side query latency p50 / p99 per mode.

Standard library only.  Usage::

    python3 bench/eval.py --questions bench/questions-default.jsonl \
        [--url http://127.0.0.1:8080] [--modes bm25,vector,hybrid] [--k 10] \
        [--json out.json] [--markdown [FILE]]

Question file: one JSON object per line,
``{"question": "...", "relevant": ["docId", ...]}``; an optional ``"id"`` is
carried into the JSON report.  Blank lines are ignored.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Sequence

VALID_MODES = ("bm25", "vector", "hybrid")
THREADS = 4


# --------------------------------------------------------------------------
# Metrics: pure functions over a ranked list of document ids and a set of
# relevant ids.  Duplicated ids in the ranking are counted once, at their first
# (best) position, so a misbehaving endpoint cannot score a document twice.
# --------------------------------------------------------------------------

def dedupe(ranked: Iterable[str]) -> list[str]:
    """Ranked ids with later duplicates removed (order preserved)."""
    seen: set[str] = set()
    out: list[str] = []
    for doc in ranked:
        if doc not in seen:
            seen.add(doc)
            out.append(doc)
    return out


def recall_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """|relevant found in the top k| / |relevant|; 0.0 when nothing is relevant."""
    rel = set(relevant)
    if not rel or k <= 0:
        return 0.0
    hits = sum(1 for doc in dedupe(ranked)[:k] if doc in rel)
    return hits / len(rel)


def reciprocal_rank(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """1 / rank of the first relevant id within the top k (1-based), else 0.0."""
    rel = set(relevant)
    for i, doc in enumerate(dedupe(ranked)[:k], start=1):
        if doc in rel:
            return 1.0 / i
    return 0.0


def dcg_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Binary-relevance DCG: sum over ranks i <= k of rel_i / log2(i + 1)."""
    rel = set(relevant)
    return sum(1.0 / math.log2(i + 1)
               for i, doc in enumerate(dedupe(ranked)[:k], start=1) if doc in rel)


def ideal_dcg_at_k(n_relevant: int, k: int) -> float:
    """DCG of a perfect ranking: min(n_relevant, k) relevant ids at the top."""
    return sum(1.0 / math.log2(i + 1) for i in range(1, min(n_relevant, k) + 1))


def ndcg_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """DCG@k / ideal DCG@k; 0.0 when nothing is relevant."""
    rel = set(relevant)
    ideal = ideal_dcg_at_k(len(rel), k)
    if ideal == 0.0:
        return 0.0
    return dcg_at_k(ranked, rel, k) / ideal


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for an empty sequence."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if p <= 0:
        return ordered[0]
    rank = math.ceil(p / 100.0 * len(ordered))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def score_question(ranked: Sequence[str], relevant: Iterable[str], k: int) -> dict:
    """All per-question metrics for one ranking."""
    rel = set(relevant)
    return {
        "r1": recall_at_k(ranked, rel, 1),
        "r5": recall_at_k(ranked, rel, 5),
        "mrr": reciprocal_rank(ranked, rel, k),
        "ndcg": ndcg_at_k(ranked, rel, k),
    }


def aggregate(per_question: Sequence[dict], latencies_ms: Sequence[float],
              errors: int = 0) -> dict:
    """Mean of the per-question metrics plus latency percentiles."""
    return {
        "n": len(per_question),
        "r1": mean([q["r1"] for q in per_question]),
        "r5": mean([q["r5"] for q in per_question]),
        "mrr": mean([q["mrr"] for q in per_question]),
        "ndcg": mean([q["ndcg"] for q in per_question]),
        "p50_ms": percentile(latencies_ms, 50),
        "p99_ms": percentile(latencies_ms, 99),
        "errors": errors,
    }


# --------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------

class UsageError(Exception):
    pass


def load_questions(path: str) -> list[dict]:
    questions: list[dict] = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot read question file {path}: {e}") from e
    with fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise UsageError(f"{path}:{lineno}: invalid JSON: {e}") from e
            if not isinstance(obj, dict):
                raise UsageError(f"{path}:{lineno}: expected a JSON object")
            q = obj.get("question")
            rel = obj.get("relevant")
            if isinstance(rel, str):
                rel = [rel]
            if not isinstance(q, str) or not q.strip():
                raise UsageError(f"{path}:{lineno}: missing or empty \"question\"")
            if not isinstance(rel, list) or not rel or not all(isinstance(r, str) for r in rel):
                raise UsageError(f"{path}:{lineno}: \"relevant\" must be a non-empty list of document ids")
            questions.append({"id": obj.get("id", lineno), "question": q, "relevant": list(dict.fromkeys(rel))})
    if not questions:
        raise UsageError(f"{path}: no questions")
    return questions


def parse_modes(text: str) -> list[str]:
    modes = [m.strip().lower() for m in text.split(",") if m.strip()]
    bad = [m for m in modes if m not in VALID_MODES]
    if bad or not modes:
        raise UsageError(f"--modes must be a comma list of {', '.join(VALID_MODES)} (got {text!r})")
    return list(dict.fromkeys(modes))


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------

class Unreachable(Exception):
    pass


def check_ready(base_url: str, timeout: float, wait: float) -> None:
    """Raise Unreachable unless /q/health/ready answers 200 (polling up to `wait` s)."""
    url = base_url + "/q/health/ready"
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                if resp.status == 200:
                    return
                problem = f"{url} answered HTTP {resp.status}"
        except urllib.error.HTTPError as e:
            problem = f"{url} answered HTTP {e.code} (service not ready)"
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            problem = f"cannot connect to {url}: {reason}"
        if time.monotonic() >= deadline:
            raise Unreachable(problem)
        time.sleep(1.0)


def search(base_url: str, query: str, mode: str, limit: int, timeout: float) -> tuple[list[str], float]:
    """One search call; returns (ranked documentIds, latency ms). Raises on failure."""
    body = json.dumps({"q": query, "limit": limit, "mode": mode}).encode()
    req = urllib.request.Request(f"{base_url}/api/v1/search", data=body, method="POST",
                                 headers={"Accept": "application/json", "Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = resp.read()
    latency_ms = (time.perf_counter() - t0) * 1000.0
    data = json.loads(body)
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise ValueError("response has no \"results\" list")
    ranked = [str(r.get("documentId")) for r in results
              if isinstance(r, dict) and r.get("documentId") is not None]
    return ranked, latency_ms


def run_mode(base_url: str, mode: str, questions: list[dict], k: int, timeout: float) -> dict:
    def one(q: dict) -> dict:
        try:
            ranked, ms = search(base_url, q["question"], mode, k, timeout)
            return {"ranked": ranked, "latency_ms": ms, "error": None}
        except urllib.error.HTTPError as e:
            return {"ranked": [], "latency_ms": None, "error": f"HTTP {e.code}"}
        except (urllib.error.URLError, OSError) as e:
            return {"ranked": [], "latency_ms": None, "error": f"{type(e).__name__}: {getattr(e, 'reason', e)}"}
        except ValueError as e:  # includes json.JSONDecodeError
            return {"ranked": [], "latency_ms": None, "error": f"bad response: {e}"}

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(one, questions))

    details = []
    for q, out in zip(questions, outcomes):
        m = score_question(out["ranked"], q["relevant"], k)
        details.append({"id": q["id"], "question": q["question"], "relevant": q["relevant"],
                        "retrieved": dedupe(out["ranked"])[:k], "latency_ms": out["latency_ms"],
                        "error": out["error"], **m})
    latencies = [d["latency_ms"] for d in details if d["latency_ms"] is not None]
    errors = sum(1 for d in details if d["error"])
    return {"mode": mode, "summary": aggregate(details, latencies, errors), "questions": details}


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def _fmt(x: float, digits: int) -> str:
    return "-" if x != x else f"{x:.{digits}f}"  # NaN -> "-"


def table_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for r in results:
        s = r["summary"]
        rows.append([r["mode"], str(s["n"]), _fmt(s["r1"], 3), _fmt(s["r5"], 3), _fmt(s["mrr"], 3),
                     _fmt(s["ndcg"], 3), _fmt(s["p50_ms"], 1), _fmt(s["p99_ms"], 1), str(s["errors"])])
    return rows


def headers(k: int) -> list[str]:
    return ["mode", "n", "R@1", "R@5", f"MRR@{k}", f"nDCG@{k}", "p50 ms", "p99 ms", "errors"]


def format_text_table(results: list[dict], k: int) -> str:
    head = headers(k)
    rows = table_rows(results)
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def format_markdown_table(results: list[dict], k: int) -> str:
    head = headers(k)
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join([":---"] + ["---:"] * (len(head) - 1)) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in table_rows(results)]
    return "\n".join(out)


def _nan_to_none(obj):
    """JSON has no NaN: replace it (empty latency lists etc.) with null."""
    if isinstance(obj, float) and obj != obj:
        return None
    if isinstance(obj, dict):
        return {k: _nan_to_none(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_nan_to_none(v) for v in obj]
    return obj


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate /api/v1/search retrieval quality per mode.")
    ap.add_argument("--questions", required=True, help="JSONL file of {question, relevant[]}")
    ap.add_argument("--url", default="http://127.0.0.1:8080", help="service base URL (default %(default)s)")
    ap.add_argument("--modes", default="bm25,vector,hybrid", help="comma list (default %(default)s)")
    ap.add_argument("--k", type=int, default=10, help="search limit and MRR/nDCG cutoff (default %(default)s)")
    ap.add_argument("--json", metavar="FILE", help="write summary and per-question details as JSON")
    ap.add_argument("--markdown", nargs="?", const="-", metavar="FILE",
                    help="also emit a Markdown table (to stdout, or to FILE)")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in s (default %(default)s)")
    ap.add_argument("--wait", type=float, default=0.0,
                    help="seconds to wait for /q/health/ready before giving up (default %(default)s)")
    args = ap.parse_args(argv)

    try:
        if args.k < 1:
            raise UsageError("--k must be >= 1")
        modes = parse_modes(args.modes)
        questions = load_questions(args.questions)
    except UsageError as e:
        print(f"eval.py: error: {e}", file=sys.stderr)
        return 2

    base_url = args.url.rstrip("/")
    try:
        check_ready(base_url, min(args.timeout, 10.0), args.wait)
    except Unreachable as e:
        print(f"eval.py: error: service unreachable or not ready: {e}\n"
              f"  start the service (see bench/README.md) or pass --url / --wait", file=sys.stderr)
        return 1

    results = []
    for mode in modes:
        t0 = time.perf_counter()
        res = run_mode(base_url, mode, questions, args.k, args.timeout)
        res["wall_s"] = time.perf_counter() - t0
        results.append(res)
        s = res["summary"]
        if s["errors"]:
            first = next(d["error"] for d in res["questions"] if d["error"])
            print(f"warning: mode {mode}: {s['errors']}/{s['n']} queries failed (first: {first}); "
                  f"failed queries score 0", file=sys.stderr)
        if s["errors"] == s["n"]:
            print(f"eval.py: error: every query failed for mode {mode}", file=sys.stderr)

    print(f"{len(questions)} questions from {args.questions}, {base_url}, limit={args.k}, {THREADS} threads")
    print(format_text_table(results, args.k))

    if args.markdown:
        md = format_markdown_table(results, args.k)
        if args.markdown == "-":
            print()
            print(md)
        else:
            with open(args.markdown, "w", encoding="utf-8") as fh:
                fh.write(md + "\n")

    if args.json:
        report = {"url": base_url, "questions_file": args.questions, "k": args.k, "threads": THREADS,
                  "modes": {r["mode"]: {**r["summary"], "wall_s": r["wall_s"]} for r in results},
                  "details": {r["mode"]: r["questions"] for r in results}}
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(_nan_to_none(report), fh, indent=2, allow_nan=False)
            fh.write("\n")

    return 1 if any(r["summary"]["errors"] == r["summary"]["n"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
