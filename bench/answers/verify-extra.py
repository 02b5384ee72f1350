import json, re, glob, os, collections
norm = lambda s: re.sub(r"\s+", " ", s).strip()
docs = {os.path.basename(p)[:-3]: norm(open(p, encoding="utf-8").read())
        for p in glob.glob("corpus/*.md")
        if os.path.basename(p) not in ("README.md", "EXCLUDED.md")}
TYPES = {"what_is","symptoms","causes","treatment","exercises","how_long","when_to_see_doctor","prevention","risk"}
rows = [json.loads(l) for l in open("bench/answers/answers-holdout-extra.jsonl", encoding="utf-8")]
fails = 0
ids = [r["id"] for r in rows]
assert ids == [f"h{i}" for i in range(101, 131)], ids
for r in rows:
    assert r["type"] in TYPES, r
    d = r["document"]
    if d is not None: assert d in docs, d
    if r["answerable"]:
        assert d and 1 <= len(r["must_contain"]) <= 3, r["id"]
    else:
        assert r["must_contain"] == [], r["id"]
    assert len(r["must_not_lead"]) <= 3
    for s in r["must_contain"]:
        if norm(s) not in docs[d]:
            fails += 1; print("FAIL must_contain", r["id"], s[:60])
    for s in r["must_not_lead"]:
        if not any(norm(s) in t for t in docs.values()):
            fails += 1; print("FAIL must_not_lead", r["id"], s[:60])
        if norm(s) in [norm(x) for x in r["must_contain"]]:
            fails += 1; print("FAIL overlap", r["id"])
print("types:", dict(collections.Counter(r["type"] for r in rows)))
print("documents:", dict(collections.Counter(r["document"] for r in rows)))
ans = sum(r["answerable"] for r in rows)
ooc = sum(r["document"] is None for r in rows)
print(f"answerable={ans} unanswerable(in-corpus)={30-ans-ooc} out-of-corpus={ooc}")
nmc = sum(len(r["must_contain"]) for r in rows); nmnl = sum(len(r["must_not_lead"]) for r in rows)
print(f"checked {nmc} must_contain + {nmnl} must_not_lead sentences; failures={fails}")
