#!/usr/bin/env python3
"""Lists attribution errors of a prediction file against a gold corpus, for
error analysis during development: missed and spurious spans, wrong local
speakers and wrong entities, each with a little context.

Usage: errors.py GOLD.jsonl PRED.jsonl [fn|fp|spk|ent] [--limit N]
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(sys.argv[1]).resolve().parent))
import score  # noqa: E402  (the corpus scorer, next to the gold file)

gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    gold[d["id"]] = d
pred = {}
for line in open(sys.argv[2], encoding="utf-8"):
    d = json.loads(line)
    pred[d["id"]] = d["quotes"]
what = sys.argv[3] if len(sys.argv) > 3 else "all"
limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 10**9
shown = 0


def ctx(t, s, e, w=90):
    return (t[max(0, s - w):s] + "[[" + t[s:e] + "]]" + t[e:e + w]).replace("\n", " / ")


for did, d in gold.items():
    t = d["text"]
    gq = [(score.trim(t, q["start"], q["end"]), q) for q in d["quotes"]]
    pq = [(score.trim(t, q["start"], q["end"]), q) for q in pred.get(did, [])]
    pairs = sorted(((score.iou(gs, ps), gi, pi) for gi, (gs, _) in enumerate(gq) for pi, (ps, _) in enumerate(pq)), reverse=True)
    gu, pu, match = set(), set(), []
    for v, gi, pi in pairs:
        if v < 0.5 or gi in gu or pi in pu:
            continue
        gu.add(gi); pu.add(pi); match.append((gi, pi))
    out = []
    if what in ("all", "fn"):
        for gi, (s, q) in enumerate(gq):
            if gi not in gu:
                out.append(f"FN {did}: {ctx(t, *s)}")
    if what in ("all", "fp"):
        for pi, (s, q) in enumerate(pq):
            if pi not in pu:
                out.append(f"FP {did}: {ctx(t, *s)}")
    for gi, pi in match:
        g, p = gq[gi][1], pq[pi][1]
        if what in ("all", "spk") and not score.speaker_ok(g, p):
            out.append(f"SPK {did}: gold={g['speaker']!r} pred={p['speaker']!r} :: {ctx(t, *gq[gi][0], 150)}")
        if what in ("all", "ent") and ("entity" in g) and not score.entity_ok(g, p):
            out.append(f"ENT {did} [{g.get('resolution')}]: gold={g['entity']!r} pred={p['entity']!r} (spk gold={g['speaker']!r} pred={p['speaker']!r}) :: {ctx(t, *gq[gi][0], 120)}")
    for o in out:
        if shown < limit:
            print(o)
            print()
        shown += 1
print(f"{shown} rows", file=sys.stderr)
