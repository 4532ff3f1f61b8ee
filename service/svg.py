"""Geometry of the drawings: who met whom through which meetings, and meetings along time.

Only coordinates are computed here; ``templates/_svg.html`` writes the SVG (autoescaped, like every
page), so no markup is assembled by hand. Layouts are deterministic — the same graph version draws
the same picture — with no JavaScript: a force-directed layout (Fruchterman–Reingold, with a pull to
the centre so that separate groups stay in view) for the networks, and date-proportional bars for
the timeline, each as long as the date is imprecise (a meeting known only by its year spans it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from service.describe import Meeting


@dataclass(frozen=True)
class GraphNode:
    key: str
    label: str
    href: str | None
    kind: str
    """``person`` (a circle, named) or ``meeting`` (a small square, dated)."""
    title: str = ""
    focus: bool = False


@dataclass(frozen=True)
class PlacedNode:
    node: GraphNode
    x: float
    y: float
    size: float
    label_x: float
    anchor: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Network:
    width: int
    height: int
    title: str
    description: str
    nodes: list[PlacedNode] = field(default_factory=list)
    edges: list[Line] = field(default_factory=list)


_MARGIN_X, _MARGIN_Y = 120.0, 28.0


def network(
    nodes: list[GraphNode],
    edges: list[tuple[str, str]],
    *,
    title: str,
    description: str,
    width: int = 880,
    height: int = 560,
) -> Network:
    """Place ``nodes`` (edges join keys) in a ``width``×``height`` box, the focus node central.

    Each connected group is laid out on its own and given a region of the box in proportion to
    its size — the largest on the left, the small ones in a grid beside it — so that a pair who
    met only each other neither flies to a corner nor squeezes the main group.
    """
    drawing = Network(width, height, title, description)
    if not nodes:
        return drawing
    nodes = sorted(nodes, key=lambda n: (n.kind, n.key))
    keys = {n.key for n in nodes}
    edges = sorted({(a, b) for a, b in edges if a != b and a in keys and b in keys})
    focus = next((n.key for n in nodes if n.focus), None)
    groups = _components([n.key for n in nodes], edges)
    positions: dict[str, tuple[float, float]] = {}
    for group, (left, top, w, h) in zip(groups, _regions([len(g) for g in groups], width, height), strict=True):
        members = set(group)
        layout = _layout(group, [e for e in edges if e[0] in members], focus if focus in members else None)
        pad_x, pad_y = min(_MARGIN_X, w * 0.22), min(_MARGIN_Y, h * 0.2)
        xs = [p[0] for p in layout.values()]
        ys = [p[1] for p in layout.values()]
        span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
        for key, (x, y) in layout.items():
            fx = (x - min(xs)) / span_x if span_x else 0.5
            fy = (y - min(ys)) / span_y if span_y else 0.5
            positions[key] = (left + pad_x + fx * (w - 2 * pad_x), top + pad_y + fy * (h - 2 * pad_y))
    placed = {}
    for node in nodes:
        x, y = positions[node.key]
        size = 11.0 if node.focus else 7.0 if node.kind == "person" else 4.5
        left_side = x > width / 2
        label_x = x - size - 4 if left_side else x + size + 4
        placed[node.key] = PlacedNode(node, round(x, 1), round(y, 1), size, round(label_x, 1),
                                      "end" if left_side else "start")
    drawing.edges = [Line(placed[a].x, placed[a].y, placed[b].x, placed[b].y) for a, b in edges]
    # Meetings first, so that people (and their names) are drawn on top.
    drawing.nodes = sorted(placed.values(), key=lambda p: (p.node.kind != "meeting", p.node.focus))
    return drawing


def _components(keys: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of keys, largest first (ties by their first key)."""
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _regions(sizes: list[int], width: float, height: float) -> list[tuple[float, float, float, float]]:
    """(left, top, width, height) per group: the first gets a share of the width by its size,
    the rest share a grid on the right."""
    if len(sizes) == 1:
        return [(0.0, 0.0, width, height)]
    share = min(0.85, max(0.5, sizes[0] / sum(sizes)))
    main = (0.0, 0.0, width * share, height)
    rest_left, rest_width, count = width * share, width * (1 - share), len(sizes) - 1
    columns = max(1, min(count, round(math.sqrt(count * rest_width / height))))
    rows = math.ceil(count / columns)
    cell_w, cell_h = rest_width / columns, height / rows
    cells = [(rest_left + (i % columns) * cell_w, (i // columns) * cell_h, cell_w, cell_h) for i in range(count)]
    return [main] + cells


def _layout(keys: list[str], edges: list[tuple[str, str]], focus: str | None) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold on the unit square, started from a circle, cooled linearly."""
    count = len(keys)
    k = math.sqrt(1.0 / count)
    pos = {
        key: (0.5 * math.cos(2 * math.pi * i / count), 0.5 * math.sin(2 * math.pi * i / count))
        for i, key in enumerate(keys)
    }
    if focus is not None:
        pos[focus] = (0.0, 0.0)
    iterations = max(30, min(300, int(300 * (50 / max(count, 1)) ** 2)))
    temperature = 0.1
    for step in range(iterations):
        shift = {key: [0.0, 0.0] for key in keys}
        for i, a in enumerate(keys):
            ax, ay = pos[a]
            for b in keys[i + 1:]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                distance = math.hypot(dx, dy) or 1e-3
                force = k * k / distance
                shift[a][0] += dx / distance * force
                shift[a][1] += dy / distance * force
                shift[b][0] -= dx / distance * force
                shift[b][1] -= dy / distance * force
        for a, b in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            distance = math.hypot(dx, dy) or 1e-3
            force = distance * distance / k
            shift[a][0] -= dx / distance * force
            shift[a][1] -= dy / distance * force
            shift[b][0] += dx / distance * force
            shift[b][1] += dy / distance * force
        cooled = temperature * (1 - step / iterations)
        for key in keys:
            if key == focus:
                continue
            x, y = pos[key]
            sx, sy = shift[key][0] - x * k, shift[key][1] - y * k  # gravity
            length = math.hypot(sx, sy) or 1e-9
            move = min(length, cooled)
            pos[key] = (x + sx / length * move, y + sy / length * move)
    return pos


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    y: float
    href: str | None
    title: str
    planned: bool


@dataclass
class Timeline:
    width: int
    height: int
    title: str
    description: str
    axis_y: float
    ticks: list[tuple[float, str]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)


_ROW = 13.0
_LEFT, _RIGHT, _TOP = 20.0, 20.0, 12.0


def timeline(
    meetings: list[Meeting],
    hrefs: dict[str, str],
    titles: dict[str, str],
    *,
    title: str,
    description: str,
    width: int = 880,
) -> Timeline:
    """One bar per dated meeting from its first to its last possible day, stacked in rows."""
    spans = [(m, _day(m.start), _day(m.end) or _day(m.start)) for m in meetings if _day(m.start)]
    if not spans:
        return Timeline(width, 40, title, description, 30.0)
    first = min(start for _, start, _ in spans).year
    last = max(end for _, _, end in spans).year + 1
    inner = width - _LEFT - _RIGHT

    def x_of(day: date) -> float:
        fraction = (day.toordinal() - date(first, 1, 1).toordinal()) / (
            date(last, 1, 1).toordinal() - date(first, 1, 1).toordinal()
        )
        return _LEFT + fraction * inner

    rows: list[float] = []
    bars = []
    for meeting, start, end in sorted(spans, key=lambda s: (s[1], s[2], s[0].iri)):
        x1, x2 = x_of(start), max(x_of(end) + 1, x_of(start) + 7)
        row = next((i for i, right in enumerate(rows) if right + 3 <= x1), len(rows))
        if row == len(rows):
            rows.append(x2)
        rows[row] = x2
        bars.append(Bar(round(x1, 1), round(x2 - x1, 1), _TOP + row * _ROW,
                        hrefs.get(meeting.iri), titles.get(meeting.iri, meeting.iri),
                        meeting.status is not None and meeting.status.endswith("#Planned")))
    axis_y = _TOP + len(rows) * _ROW + 6
    step = max(1, math.ceil((last - first) / 12))
    ticks = [(round(x_of(date(year, 1, 1)), 1), str(year)) for year in range(first, last + 1, step)]
    return Timeline(width, int(axis_y + 24), title, description, axis_y, ticks, bars)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
