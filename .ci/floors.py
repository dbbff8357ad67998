#!/usr/bin/env python3
"""Checks a `quoth eval` report against accuracy floors.

Usage: floors.py REPORT.json NAME [--enforce KEY=MIN ...] [--report KEY=MIN ...]

KEY is a dotted path into the report (span_overlap.P, entity_by_resolution.named.acc).
KEY<=MAX sets a ceiling instead of a floor (a ratio that must stay low).
--enforce floors fail the run when missed; --report floors are printed only
(targets not met yet are shown, never hidden).
"""
import json
import sys

report = json.load(open(sys.argv[1]))
name = sys.argv[2]
mode = None
failed = []
print(f"== {name}")
for arg in sys.argv[3:]:
    if arg in ("--enforce", "--report"):
        mode = arg
        continue
    ceiling = "<=" in arg
    key, floor = arg.split("<=") if ceiling else arg.split("=")
    value = report
    for part in key.split("."):
        value = value.get(part, {}) if isinstance(value, dict) else {}
    value = value if isinstance(value, (int, float)) else 0.0
    ok = value <= float(floor) if ceiling else value >= float(floor)
    miss = "above" if ceiling else "below"
    tag = "ok " if ok else ("FAIL" if mode == "--enforce" else miss)
    bound = "ceiling" if ceiling else "floor"
    print(f"  {tag:5} {key:40} {value:.4f}  ({bound} {floor}{', enforced' if mode == '--enforce' else ''})")
    if not ok and mode == "--enforce":
        failed.append(key)
if failed:
    print(f"{name}: {len(failed)} enforced floor(s) missed: {', '.join(failed)}")
    sys.exit(1)
