#!/usr/bin/env python3
"""Compares two zapisy-search --json answers: prints nothing when they are
the same, else what differs.  Hits of equal weight may come in another order
(Xapian breaks ties by document id, and ids interleave over shards); ranks
are left out for that reason, everything else is compared as it is.
   tools/same-results.py A.json B.json"""
import json
import sys


def norm(path):
    with open(path, encoding="utf-8") as f:
        j = json.load(f)
    groups = {}
    for h in j.pop("hits"):
        h.pop("rank")
        groups.setdefault(round(h["weight"], 4), []).append(json.dumps(h, sort_keys=True))
    return j, sorted((w, sorted(v)) for w, v in groups.items())


def main():
    a, b = norm(sys.argv[1]), norm(sys.argv[2])
    if a == b:
        return 0
    for k in sorted(set(a[0]) | set(b[0])):
        if a[0].get(k) != b[0].get(k):
            print(k, json.dumps(a[0].get(k))[:200], "<>", json.dumps(b[0].get(k))[:200])
    if a[1] != b[1]:
        print("hits differ: %d weights against %d" % (len(a[1]), len(b[1])))
    return 1


if __name__ == "__main__":
    sys.exit(main())
