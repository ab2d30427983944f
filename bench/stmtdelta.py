"""stmtdelta.py: what bench/outbox reads off /metrics: the statements'
time between two scrapes (stafett_db_statement_duration_seconds, one
histogram per prepared statement, fcgi/db/metrics.c), and what MariaDB
timed of the notices written inside a call (a procedure's statements, from
performance_schema: the concern's call, and the COMMIT's call that carries
the kept rows, fcgi/db/tail.h).

  stmtdelta.py BEFORE AFTER CALLS [STATEMENT...]
      the files of two scrapes, and a file of the outbox inserts run
      inside calls (a line each: rows written, time in picoseconds);
      prints, for the named statements (the outbox's own) and those
      inserts, ob_n= (notices written: runs of the first statement and
      rows of the inserts), ob_mean_us= (their time summed, per notice),
      ob_p50_us= (the sum of each named statement's median, interpolated
      within its histogram bucket, and the inserts' median per notice),
      in_call_n= (the notices written inside calls), and for every
      statement all_us= (all statement time per notice: a request's
      time in MariaDB),
      commit_p50_us= (the median COMMIT, or of tail_run where the
      request's kept rows went with its COMMIT: fcgi/db/tail.h) and top= (the four statements
      that took the most time, as name:us per run of the first one,
      comma-separated)
"""
import re
import sys

LINE = re.compile(r'^stafett_db_statement_duration_seconds_(bucket|sum|count)'
                  r'\{statement="([^"]+)"(?:,le="([^"]+)")?\} (\S+)$')


def scrape(path):
    """{statement: {"sum": s, "count": n, "buckets": [(le, cum), ...]}}"""
    out = {}
    for line in open(path):
        m = LINE.match(line.strip())
        if not m:
            continue
        kind, name, le, value = m.groups()
        s = out.setdefault(name, {"sum": 0.0, "count": 0, "buckets": []})
        if kind == "bucket":
            s["buckets"].append((float(le), int(value)))
        elif kind == "sum":
            s["sum"] = float(value)
        else:
            s["count"] = int(value)
    return out


def delta(before, after, name):
    a = after.get(name, {"sum": 0.0, "count": 0, "buckets": []})
    b = before.get(name, {"sum": 0.0, "count": 0, "buckets": []})
    old = dict(b["buckets"])
    return {"sum": a["sum"] - b["sum"], "count": a["count"] - b["count"],
            "buckets": [(le, cum - old.get(le, 0)) for le, cum in
                        a["buckets"]]}


def median_us(d):
    """The median, linear within the bucket it falls in (the bucket's
    lower bound when that is the last, unbounded one)."""
    if d["count"] <= 0:
        return 0.0
    half = d["count"] / 2.0
    low, below = 0.0, 0
    for le, cum in d["buckets"]:
        if cum >= half:
            if le == float("inf"):
                return low * 1e6
            share = (half - below) / float(cum - below)
            return (low + (le - low) * share) * 1e6
        low, below = le, cum
    return low * 1e6


def in_calls(path):
    """[(rows, seconds)] of the outbox inserts run inside calls."""
    out = []
    for line in open(path):
        f = line.split()
        if len(f) == 2:
            out.append((int(f[0]), int(f[1]) / 1e12))
    return out


def main():
    before, after = scrape(sys.argv[1]), scrape(sys.argv[2])
    calls = in_calls(sys.argv[3])
    names = sys.argv[4:]
    own = [delta(before, after, n) for n in names]
    runs = own[0]["count"] if own else 0
    call_rows = sum(r for r, _ in calls)
    per_notice = sorted(t / r for r, t in calls if r > 0)
    call_p50 = per_notice[len(per_notice) // 2] if per_notice else 0.0
    notices = runs + call_rows
    per = float(max(notices, 1))
    commit = delta(before, after, "commit")
    if commit["count"] <= 0:
        commit = delta(before, after, "tail_run")
    spent = sorted(((delta(before, after, n)["sum"], n) for n in after),
                   reverse=True)
    print("ob_n=%d ob_mean_us=%.1f ob_p50_us=%.1f in_call_n=%d "
          "all_us=%.1f commit_p50_us=%.1f top=%s" % (
              notices, (sum(d["sum"] for d in own) +
                        sum(t for _, t in calls)) * 1e6 / per,
              sum(median_us(d) for d in own if d["count"] > 0) +
              call_p50 * 1e6, call_rows,
              sum(t for t, _ in spent) * 1e6 / per,
              median_us(commit),
              ",".join("%s:%.0f" % (n, t * 1e6 / per)
                       for t, n in spent[:4])))


if __name__ == "__main__":
    main()
