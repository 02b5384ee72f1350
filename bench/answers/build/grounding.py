"""Builds grounding-dev.jsonl and grounding-holdout.jsonl from the hand-written sentences in grounding_dev.txt and
grounding_holdout.txt. Each case's passage is the product's passage (PassageSplitter, 120 words) that holds the case's
first must_contain sentence; the passages come from `java -cp "$CP" bench/GroundingBench.java --passages` (a TSV:
document, ordinal, text with newlines written as \\n).

    java -cp "$CP" bench/GroundingBench.java --passages > /tmp/passages.tsv
    python3 bench/answers/build/grounding.py /tmp/passages.tsv
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANSWERS = HERE.parent
KINDS = {
    '+c': (True, 'paraphrase-close'), '+f': (True, 'paraphrase-free'),
    '-x': (False, 'changed-fact'), '-n': (False, 'changed-number'), '-a': (False, 'added-claim'),
    '-o': (False, 'other-doc'), '-g': (False, 'general-advice'), '-v': (False, 'overstatement'),
}


def squash(s):
    return re.sub(r'\s+', ' ', s).strip()


def passages(tsv):
    out = []
    for line in Path(tsv).read_text(encoding='utf-8').splitlines():
        doc, ordinal, text = line.split('\t', 2)
        out.append((doc, int(ordinal), text.replace('\\n', '\n')))
    return out


def sentences(txt):
    cases, current = {}, None
    for line in Path(txt).read_text(encoding='utf-8').splitlines():
        if line.startswith('@ '):
            current = line[2:].strip()
            cases[current] = []
        elif line[:2] in KINDS:
            code, sentence = line.split(' | ', 1)
            cases[current].append((code, sentence.strip()))
        elif line.strip() and not line.startswith('#'):
            raise SystemExit('bad line: ' + line)
    return cases


def build(txt, answer_files, out, all_passages):
    rows = {}
    for f in answer_files:
        for line in (ANSWERS / f).read_text(encoding='utf-8').splitlines():
            r = json.loads(line)
            rows[r['id']] = r
    written = 0
    with open(ANSWERS / out, 'w', encoding='utf-8') as w:
        for case, lines in sentences(txt).items():
            r = rows[case]
            first = squash(r['must_contain'][0])
            held = [t for d, _, t in all_passages if d == r['document'] and first in squash(t)]
            if len(held) != 1:
                raise SystemExit(f'{case}: {len(held)} passages hold its first required sentence')
            for code, sentence in lines:
                supported, kind = KINDS[code]
                w.write(json.dumps({'case': case, 'document': r['document'], 'passage': held[0], 'sentence': sentence,
                                    'supported': supported, 'kind': kind}, ensure_ascii=False) + '\n')
                written += 1
    print(out, written, 'sentences')


if __name__ == '__main__':
    ps = passages(sys.argv[1])
    build(HERE / 'grounding_dev.txt', ['answers-dev.jsonl'], 'grounding-dev.jsonl', ps)
    build(HERE / 'grounding_holdout.txt', ['answers-holdout.jsonl', 'answers-holdout-extra.jsonl'],
          'grounding-holdout.jsonl', ps)
