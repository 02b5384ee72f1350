"""Unit tests for bench/eval.py.  Run: python3 -m unittest bench/test_eval.py"""

import contextlib
import io
import json
import math
import os
import sys
import tempfile
import threading
import unittest
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402  (bench/eval.py)


class RecallTest(unittest.TestCase):
    # ranking a b c d e f, relevant {b, e, z}: b at rank 2, e at rank 5, z missing
    RANKED = ["a", "b", "c", "d", "e", "f"]
    REL = {"b", "e", "z"}

    def test_recall_at_1_miss(self):
        self.assertEqual(ev.recall_at_k(self.RANKED, self.REL, 1), 0.0)

    def test_recall_at_5_two_of_three(self):
        self.assertAlmostEqual(ev.recall_at_k(self.RANKED, self.REL, 5), 2 / 3)

    def test_recall_at_4_one_of_three(self):
        self.assertAlmostEqual(ev.recall_at_k(self.RANKED, self.REL, 4), 1 / 3)

    def test_recall_at_1_hit(self):
        self.assertEqual(ev.recall_at_k(["x", "y"], ["x"], 1), 1.0)

    def test_recall_empty_ranking(self):
        self.assertEqual(ev.recall_at_k([], ["x"], 5), 0.0)

    def test_recall_more_relevant_than_k(self):
        # 12 relevant, all 5 of the top 5 are relevant -> 5/12 (recall is not capped)
        rel = [f"d{i}" for i in range(12)]
        self.assertAlmostEqual(ev.recall_at_k(rel[:10], rel, 5), 5 / 12)

    def test_duplicates_count_once(self):
        # a misbehaving endpoint returning x twice must not get recall 2/1
        self.assertEqual(ev.recall_at_k(["x", "x", "y"], ["x"], 5), 1.0)
        self.assertAlmostEqual(ev.recall_at_k(["x", "x", "y"], ["x", "y"], 2), 1.0)


class MrrTest(unittest.TestCase):
    def test_first_relevant_at_rank_2(self):
        self.assertEqual(ev.reciprocal_rank(["a", "b", "c", "d", "e"], {"b", "e"}, 10), 0.5)

    def test_rank_1(self):
        self.assertEqual(ev.reciprocal_rank(["b"], {"b"}, 10), 1.0)

    def test_none_found(self):
        self.assertEqual(ev.reciprocal_rank(["a", "c"], {"b"}, 10), 0.0)

    def test_beyond_cutoff(self):
        ranked = [f"n{i}" for i in range(10)] + ["hit"]  # hit at rank 11
        self.assertEqual(ev.reciprocal_rank(ranked, {"hit"}, 10), 0.0)
        self.assertAlmostEqual(ev.reciprocal_rank(ranked, {"hit"}, 11), 1 / 11)

    def test_duplicates_do_not_push_ranks(self):
        # a a b -> deduped a b: b at rank 2
        self.assertEqual(ev.reciprocal_rank(["a", "a", "b"], {"b"}, 10), 0.5)


class NdcgTest(unittest.TestCase):
    def test_example_by_hand(self):
        # relevant at ranks 2 and 5, three relevant docs in total
        # DCG  = 1/log2(3) + 1/log2(6)          = 0.6309298 + 0.3868528 = 1.0177826
        # IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.6309298 + 0.5   = 2.1309298
        # nDCG = 1.0177826 / 2.1309298 = 0.4776237
        ranked = ["a", "b", "c", "d", "e", "f"]
        rel = {"b", "e", "z"}
        self.assertAlmostEqual(ev.dcg_at_k(ranked, rel, 10), 1.0177826, places=6)
        self.assertAlmostEqual(ev.ideal_dcg_at_k(3, 10), 2.1309298, places=6)
        self.assertAlmostEqual(ev.ndcg_at_k(ranked, rel, 10), 0.4776237, places=6)

    def test_single_relevant_at_rank_3(self):
        # DCG = 1/log2(4) = 0.5, IDCG = 1 -> 0.5
        self.assertAlmostEqual(ev.ndcg_at_k(["a", "b", "c"], {"c"}, 10), 0.5)

    def test_perfect_ranking(self):
        self.assertAlmostEqual(ev.ndcg_at_k(["a", "b", "x"], {"a", "b"}, 10), 1.0)

    def test_nothing_found(self):
        self.assertEqual(ev.ndcg_at_k(["x", "y"], {"a"}, 10), 0.0)

    def test_ideal_capped_at_k(self):
        # 12 relevant docs, the 10 returned are all relevant -> ideal over min(12,10)=10 -> 1.0
        rel = [f"d{i}" for i in range(12)]
        self.assertAlmostEqual(ev.ndcg_at_k(rel[:10], rel, 10), 1.0)
        self.assertAlmostEqual(ev.ideal_dcg_at_k(12, 10), ev.ideal_dcg_at_k(10, 10))

    def test_relevant_beyond_cutoff_ignored(self):
        ranked = [f"n{i}" for i in range(10)] + ["hit"]
        self.assertEqual(ev.ndcg_at_k(ranked, {"hit"}, 10), 0.0)

    def test_no_relevant_is_zero_not_error(self):
        self.assertEqual(ev.ndcg_at_k(["a"], set(), 10), 0.0)


class PercentileAndAggregateTest(unittest.TestCase):
    def test_nearest_rank(self):
        values = list(range(1, 101))  # 1..100
        self.assertEqual(ev.percentile(values, 50), 50)
        self.assertEqual(ev.percentile(values, 99), 99)
        self.assertEqual(ev.percentile(values, 100), 100)
        self.assertEqual(ev.percentile([7.0, 3.0, 5.0], 50), 5.0)  # unsorted input
        self.assertEqual(ev.percentile([4.0], 99), 4.0)
        self.assertTrue(math.isnan(ev.percentile([], 50)))

    def test_aggregate_means(self):
        q1 = ev.score_question(["a", "b"], {"a"}, 10)  # r1 1, r5 1, mrr 1, ndcg 1
        q2 = ev.score_question(["x", "y"], {"a"}, 10)  # all 0
        s = ev.aggregate([q1, q2], [10.0, 30.0], errors=0)
        self.assertEqual(s["n"], 2)
        self.assertEqual((s["r1"], s["r5"], s["mrr"], s["ndcg"]), (0.5, 0.5, 0.5, 0.5))
        self.assertEqual(s["p50_ms"], 10.0)
        self.assertEqual(s["p99_ms"], 30.0)


class InputTest(unittest.TestCase):
    def _write(self, text):
        fd, path = tempfile.mkstemp(suffix=".jsonl")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        self.addCleanup(os.remove, path)
        return path

    def test_load_questions(self):
        path = self._write('{"question": "back pain?", "relevant": ["d1", "d2", "d1"]}\n\n'
                           '{"question": "shingles", "relevant": "d3", "id": "q2"}\n')
        qs = ev.load_questions(path)
        self.assertEqual(len(qs), 2)
        self.assertEqual(qs[0]["relevant"], ["d1", "d2"])
        self.assertEqual(qs[1]["relevant"], ["d3"])
        self.assertEqual(qs[1]["id"], "q2")

    def test_bad_lines(self):
        for text in ('{"question": "x"}\n', '{"question": "", "relevant": ["a"]}\n',
                     'not json\n', '{"question": "x", "relevant": []}\n', ''):
            with self.assertRaises(ev.UsageError, msg=text):
                ev.load_questions(self._write(text))

    def test_modes(self):
        self.assertEqual(ev.parse_modes("bm25, HYBRID,bm25"), ["bm25", "hybrid"])
        with self.assertRaises(ev.UsageError):
            ev.parse_modes("bm25,dense")


class _StubHandler(BaseHTTPRequestHandler):
    """Fake service: bm25 returns d1,d2,d3; vector returns d3,d1; hybrid answers 500."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        parsed = urllib.parse.urlparse(self.path)
        if parsed.path == "/q/health/ready":
            return self._send(200, {"status": "UP"})
        self._send(404, {})

    def do_POST(self):
        if urllib.parse.urlparse(self.path).path == "/api/v1/search":
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            mode = request["mode"]
            if mode == "hybrid":
                return self._send(500, {"error": "boom"})
            ids = ["d1", "d2", "d3"] if mode == "bm25" else ["d3", "d1"]
            limit = int(request["limit"])
            return self._send(200, {"results": [{"documentId": d, "passageId": d + "-1", "title": d,
                                                 "url": "", "score": 1.0, "text": ""} for d in ids[:limit]]})
        self._send(404, {})

    def _send(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class EndToEndTest(unittest.TestCase):
    def setUp(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _StubHandler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        fd, self.qpath = tempfile.mkstemp(suffix=".jsonl")
        with os.fdopen(fd, "w") as fh:
            fh.write('{"question": "q one", "relevant": ["d1"]}\n')
            fh.write('{"question": "q two", "relevant": ["d3", "d9"]}\n')
        self.addCleanup(os.remove, self.qpath)

    def test_main_against_stub(self):
        fd, jpath = tempfile.mkstemp(suffix=".json")
        os.close(fd)
        self.addCleanup(os.remove, jpath)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = ev.main(["--questions", self.qpath, "--url", self.url, "--modes", "bm25,vector",
                          "--json", jpath, "--markdown"])
        self.assertEqual(rc, 0, err.getvalue())
        with open(jpath) as fh:
            report = json.load(fh)
        bm25 = report["modes"]["bm25"]
        # q1: d1 at rank 1 -> r1 1, r5 1, mrr 1, ndcg 1
        # q2: d3 at rank 3 of {d3,d9} -> r1 0, r5 .5, mrr 1/3, ndcg (1/log2 4)/(1+1/log2 3) = .5/1.6309298
        self.assertAlmostEqual(bm25["r1"], 0.5)
        self.assertAlmostEqual(bm25["r5"], 0.75)
        self.assertAlmostEqual(bm25["mrr"], (1 + 1 / 3) / 2)
        self.assertAlmostEqual(bm25["ndcg"], (1 + 0.5 / 1.6309298) / 2, places=6)
        vec = report["modes"]["vector"]
        # q1: d1 at rank 2 -> r1 0, r5 1, mrr .5 ; q2: d3 at rank 1 -> r1 .5, r5 .5, mrr 1
        self.assertAlmostEqual(vec["r1"], 0.25)
        self.assertAlmostEqual(vec["r5"], 0.75)
        self.assertAlmostEqual(vec["mrr"], 0.75)
        self.assertEqual(bm25["errors"], 0)
        self.assertIn("| bm25 | 2 |", out.getvalue())
        self.assertIn("nDCG@10", out.getvalue())

    def test_all_errors_exit_nonzero(self):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = ev.main(["--questions", self.qpath, "--url", self.url, "--modes", "hybrid"])
        self.assertNotEqual(rc, 0)
        self.assertIn("HTTP 500", err.getvalue())

    def test_unreachable(self):
        port = self.server.server_address[1]
        self.server.shutdown()
        self.server.server_close()
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = ev.main(["--questions", self.qpath, "--url", f"http://127.0.0.1:{port}"])
        self.assertEqual(rc, 1)
        self.assertIn("service unreachable", err.getvalue())


if __name__ == "__main__":
    unittest.main()
