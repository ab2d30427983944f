"""flamegraph.py: `perf script` output (on stdin) as a flame graph (SVG).

  perf script -i perf.data | python3 bench/flamegraph.py TITLE > out.svg

Each sample's stack is folded into one line, root first (as Brendan
Gregg's stackcollapse-perf does), and the folded stacks are drawn as
boxes whose width is their share of the samples: the widest towers are
where the time goes. Hover a box (its <title>) for the function and its
share. Debian packages no flame graph tool (the FlameGraph scripts are
not in bookworm), and the viewers on npm need a browser with JavaScript;
this needs neither, and the SVG is plain enough to open anywhere.
"""
import collections
import html
import re
import sys

WIDTH, ROW, FONT = 1200, 16, 11


def fold(lines):
    """{(root, ..., leaf): samples}"""
    stacks = collections.Counter()
    frames = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if frames:
                stacks[tuple(reversed(frames))] += 1
            frames = []
            continue
        if not line.startswith((" ", "\t")):
            frames = []       # a sample's header: comm pid time event
            continue
        m = re.match(r"\s*[0-9a-f]+\s+(.+?)(?:\+0x[0-9a-f]+)?\s+\((.*)\)$",
                     line)
        if m:
            name = m.group(1)
            if name == "[unknown]":
                name = "[%s]" % m.group(2).rsplit("/", 1)[-1]
            frames.append(name)
    if frames:
        stacks[tuple(reversed(frames))] += 1
    return stacks


def tree(stacks):
    root = {"n": 0, "kids": {}}
    for stack, n in stacks.items():
        root["n"] += n
        node = root
        for f in stack:
            node = node["kids"].setdefault(f, {"n": 0, "kids": {}})
            node["n"] += n
    return root


def colour(name):
    h = sum(ord(c) for c in name)
    if "stafett" in name or name.startswith(("h_", "db_", "form_", "view_")):
        return "rgb(%d,%d,%d)" % (230, 120 + h % 60, 40)
    return "rgb(%d,%d,%d)" % (200 + h % 55, 80 + h % 80, 60 + h % 40)


def draw(root, title):
    total = max(1, root["n"])
    boxes = []
    depth = [0]

    def walk(node, name, x, level):
        w = node["n"] / total * WIDTH
        if w < 1.0:
            return
        depth[0] = max(depth[0], level)
        if name is not None:
            boxes.append((x, level, w, name, node["n"]))
        cx = x
        for k in sorted(node["kids"]):
            walk(node["kids"][k], k, cx, level + 1)
            cx += node["kids"][k]["n"] / total * WIDTH
    walk(root, None, 0.0, 0)
    height = (depth[0] + 3) * ROW
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="monospace" font-size="%d">' % (WIDTH, height, FONT),
           '<text x="4" y="%d">%s (%d samples)</text>' % (
               ROW - 4, html.escape(title), total)]
    for x, level, w, name, n in boxes:
        y = height - level * ROW
        label = name if len(name) * FONT * 0.6 < w else \
            name[:max(0, int(w / (FONT * 0.6)) - 2)] + ".." if w > 24 else ""
        out.append('<g><title>%s: %d samples, %.1f%%</title>'
                   '<rect x="%.1f" y="%d" width="%.1f" height="%d" '
                   'fill="%s" stroke="white" stroke-width="0.5"/>'
                   '<text x="%.1f" y="%d">%s</text></g>' % (
                       html.escape(name), n, 100.0 * n / total, x, y,
                       w, ROW - 1, colour(name), x + 2, y + ROW - 4,
                       html.escape(label)))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    title = sys.argv[1] if len(sys.argv) > 1 else "flame graph"
    stacks = fold(sys.stdin)
    if not stacks:
        sys.exit("flamegraph.py: no samples with stacks on stdin")
    sys.stdout.write(draw(tree(stacks), title))


if __name__ == "__main__":
    main()
