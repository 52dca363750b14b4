"""Where to put people and their names in a network figure.

:func:`layout` gives positions (networkx's spring layout, seeded), then moves
people a little so that no name covers a tie or another name;
:func:`layout_problems` counts what is still covered. Plain numpy: the
drawing itself is :func:`smlessons.figures.draw_network`.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from ..engine.arrays import edge_index, tie_pairs
from ..engine.measures import simple_graph

__all__ = [
    "layout",
    "layout_problems",
    "edge_coordinates",
]

# Spring layout is O(n^2) in memory, and from 500 people on networkx switches
# to a method that needs scipy, which the course does not install.
_SPRING_LIMIT = 500


# ---------------------------------------------------------------------------
# Drawing


def layout(G, *, seed: int = 0) -> dict:
    """Positions for drawing `G`, the same for the same seed.

    Up to 499 people: a seeded spring layout (friends are pulled together,
    everyone else pushed apart), ties unweighted. From 500 people on: seeded
    random positions, because networkx's spring layout for large graphs needs
    scipy, and a picture of so many people is read for its overall look only.

    Up to 100 people the spring layout is then tidied for
    :func:`draw_network`: people are nudged until no tie passes under a
    person it does not join, no two people overlap, and everyone keeps a free
    place for their name that no tie crosses (all measured in pixels at the
    drawing's default size, with room for a highlight ring around anyone).
    When the tidy-up of one spring layout does not reach that, the next
    spring layouts (seeds derived from `seed`) are tried, and the best is
    kept: the result is still the same for the same seed. The work is
    bounded, so a crowded network may keep a few problems; see
    :func:`layout_problems`.

    Returns
    -------
    dict
        ``{person: numpy array [x, y]}``, coordinates within [-1, 1].

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> from smlessons.datasets import class_network
    >>> pos = layout(class_network())
    >>> len(pos), all(abs(c) <= 1 for xy in pos.values() for c in xy)
    (24, True)
    >>> layout_problems(class_network(), pos)
    {'ties_under_people': 0, 'people_overlapping': 0, 'names_without_place': 0}
    """
    H = simple_graph(G)
    if len(H) >= _SPRING_LIMIT:
        pos = nx.random_layout(H, seed=seed)
        return {n: xy * 2 - 1 for n, xy in pos.items()}
    if len(H) > _TIDY_LIMIT or len(H) < 3:
        return nx.spring_layout(H, seed=seed, weight=None)
    nodes = list(H)
    edges = edge_index(H, nodes)
    texts = [str(p) for p in nodes]
    scale = plot_px(len(nodes)) / (2 * VIEW)
    key = (tuple(map(repr, nodes)), edges.tobytes(), seed)
    if key in _LAYOUTS:
        return {p: xy.copy() for p, xy in zip(nodes, _LAYOUTS[key])}
    best, best_bad = None, None
    # A bound on the work (not on the time, which would make layouts depend on
    # the machine), so that a bigger network is still drawn in seconds.
    _BUDGET["left"] = max(200, _WORK // (len(nodes) * max(len(edges), 1)))
    for attempt in range(_TIDY_ATTEMPTS):
        start = nx.spring_layout(H, seed=seed if attempt == 0 else seed * 7919 + attempt, weight=None)
        xy = _tidy(positions_array(start, nodes), edges, texts, scale=scale, rounds=150)
        xy = _polish(xy * scale, edges, texts, scale=scale)
        xy = _untangle_names(xy, edges, texts, scale=scale) / scale
        bad = sum(_problems(xy, edges, texts, scale).values())
        if best is None or bad < best_bad:
            best, best_bad = xy, bad
        if bad == 0:
            break
    if len(_LAYOUTS) > 64:
        _LAYOUTS.clear()
    _LAYOUTS[key] = best.copy()
    return {p: best[i] for i, p in enumerate(nodes)}


# -- Geometry of a drawing ----------------------------------------------------
# draw_network shows positions in [-1, 1] on square axes from -VIEW to VIEW,
# in a plot area plot_px(n) pixels high at the default height (the figure's
# height minus its top and bottom margins). The layout is tidied in those
# pixels: ties clear a person's dot, and every name has a place clear of
# ties (for a dot or a highlight ring) and of the other names.
VIEW = 1.2
_TIDY_LIMIT = 100
_LAYOUTS: dict = {}  # tidied layouts, so that drawing a network again costs nothing


def plot_px(n: int) -> int:
    """The plot area's height (pixels) at draw_network's default height: 430
    for up to 24 people, more for more people, at most 620; 430 again past
    the size up to which layouts are tidied (a crowd is read for its shape)."""
    if n > _TIDY_LIMIT:
        return 430
    return int(min(620, max(430, round(430 * (n / 24) ** 0.5))))


_SCALE = plot_px(24) / (2 * VIEW)  # pixels per layout unit at the smallest default
_TIDY_ATTEMPTS = 4
MARKER = 12  # marker size (diameter, pixels) of a person
RING = MARKER + 8  # the highlight ring's size
RING_LINE = 3
_TIE_UNDER = MARKER / 2 + 0.5 + 2 + 2  # a dot and its outline, half a thick tie, a gap
_APART = 26.0  # centre to centre
FONT = 11  # names beside people
_CHAR = 0.65  # width of a character, in font sizes (generous for DejaVu Sans)
_LINE = 1.15  # height of a line of text, in font sizes
#: Where a name can go: plotly's textposition values, tried in this order.
SLOTS = (
    "top center",
    "bottom center",
    "middle right",
    "middle left",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)


def text_offset(marker_size: float) -> float:
    """How far (pixels) plotly puts text from a marker's centre: radius / 0.8 + 1."""
    return marker_size / 2 / 0.8 + 1


def label_box(slot: str, text: str, near: float, far: float | None = None, font: float = FONT) -> tuple:
    """The box (x0, y0, x1, y1), pixels relative to the person, y up, that a name in
    `slot` covers when plotly puts it `near` pixels from the centre (or anywhere from
    `near` to `far`, for a box that must hold for both a dot and a ring)."""
    far = near if far is None else far
    w = _CHAR * font * max(len(text), 1) + 2
    h = _LINE * font
    vertical, horizontal = slot.split()
    if horizontal == "right":
        x0, x1 = near, far + w
    elif horizontal == "left":
        x0, x1 = -far - w, -near
    else:
        x0, x1 = -w / 2, w / 2
    if vertical == "top":
        y0, y1 = near - 0.1 * font, far + h
    elif vertical == "bottom":
        y0, y1 = -far - h, -near + 0.1 * font
    else:
        y0, y1 = -0.6 * font, 0.6 * font
    return x0, y0, x1, y1


def segments_hit_boxes(a, b, boxes) -> np.ndarray:
    """For segments a[i]-b[i] (arrays (m, 2)) and boxes (k, 4): a (k, m) array,
    True where the segment enters the box (Liang-Barsky clipping)."""
    a = np.asarray(a, dtype=float)[None, :, :]
    d = np.asarray(b, dtype=float)[None, :, :] - a
    boxes = np.asarray(boxes, dtype=float)[:, None, :]
    lo, hi = np.zeros(d.shape[:2]), np.ones(d.shape[:2])
    lo = np.broadcast_to(lo, (boxes.shape[0], d.shape[1])).copy()
    hi = np.broadcast_to(hi, lo.shape).copy()
    for axis in (0, 1):
        p, q = d[..., axis], a[..., axis]
        bmin, bmax = boxes[..., axis], boxes[..., axis + 2]
        flat = np.abs(p) < 1e-12
        with np.errstate(divide="ignore", invalid="ignore"):
            t1 = np.where(flat, -np.inf, (bmin - q) / p)
            t2 = np.where(flat, np.inf, (bmax - q) / p)
        outside = flat & ((q < bmin) | (q > bmax))
        lo = np.maximum(lo, np.minimum(t1, t2))
        hi = np.minimum(hi, np.maximum(t1, t2))
        hi = np.where(outside, -1.0, hi)
    return lo <= hi


def _closest_on_segments(points, a, b):
    """Closest points of segments a-b to points: (k, m, 2) and the distances (k, m)."""
    ab = b - a
    length2 = np.maximum((ab**2).sum(axis=1), 1e-12)
    t = np.clip(((points[:, None, :] - a[None]) * ab[None]).sum(axis=2) / length2[None], 0, 1)
    closest = a[None] + t[..., None] * ab[None]
    return closest, np.linalg.norm(points[:, None, :] - closest, axis=2), t


def _slot_boxes(P, texts) -> np.ndarray:
    """Boxes (n, 4, 4) in pixels for everyone's name in the first four slots, room for a ring."""
    rel = texts if isinstance(texts, np.ndarray) else _relative_boxes(texts)
    return rel + np.concatenate([P, P], axis=1)[:, None, :]


def _relative_boxes(texts) -> np.ndarray:
    near, far = text_offset(MARKER), text_offset(RING)
    return np.array([[label_box(s, t, near, far) for s in SLOTS] for t in texts]).reshape(-1, len(SLOTS), 4)


def _slot_conflicts(P, edges, texts, scale=_SCALE) -> np.ndarray:
    """(n, 4): how many ties, people and edges of the view cross each name slot."""
    n = len(P)
    boxes = _slot_boxes(P, texts)
    flat = boxes.reshape(-1, 4)
    bad = np.zeros(len(flat))
    if len(edges):
        bad += segments_hit_boxes(P[edges[:, 0]], P[edges[:, 1]], flat).sum(axis=1)
    # people (with their ring) inside a slot; the owner never is
    cx = np.clip(P[None, :, 0], flat[:, None, 0], flat[:, None, 2])
    cy = np.clip(P[None, :, 1], flat[:, None, 1], flat[:, None, 3])
    near = np.hypot(P[None, :, 0] - cx, P[None, :, 1] - cy) < RING / 2 + RING_LINE / 2
    owner = np.repeat(np.arange(n), boxes.shape[1])
    near[np.arange(len(flat)), owner] = False
    bad += near.sum(axis=1)
    limit = scale * VIEW
    bad += (np.abs(flat) > limit).any(axis=1)
    return bad.reshape(n, -1)


def _problems(xy, edges, texts, scale=_SCALE) -> dict:
    P = np.asarray(xy, dtype=float) * scale
    n = len(P)
    under = 0
    if len(edges):
        _, dist, _ = _closest_on_segments(P, P[edges[:, 0]], P[edges[:, 1]])
        own = (edges[None, :, 0] == np.arange(n)[:, None]) | (edges[None, :, 1] == np.arange(n)[:, None])
        under = int(((dist < _TIE_UNDER) & ~own).sum())
    gap = np.hypot(*(P[:, None, :] - P[None, :, :]).transpose(2, 0, 1))
    overlapping = int((gap[np.triu_indices(n, 1)] < _APART).sum())
    unnamed = len(_name_clashes(P, edges, texts if isinstance(texts, np.ndarray) else _relative_boxes(texts), scale))
    return {"ties_under_people": under, "people_overlapping": overlapping, "names_without_place": unnamed}


def layout_problems(G, pos) -> dict:
    """What is wrong with drawing `G` at positions `pos`, at draw_network's default size.

    Parameters
    ----------
    G : networkx graph
    pos : dict
        ``{person: (x, y)}`` within [-1, 1], e.g. from :func:`layout`.

    Returns
    -------
    dict
        ``{"ties_under_people": k, "people_overlapping": k,
        "names_without_place": k}``: the number of (tie, person) pairs where a tie
        passes under a person it does not join, of pairs of people drawn on
        top of each other, and of people with no place beside them for their
        name that no tie or other person covers.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> layout_problems(G, {"a": (-1, 0), "b": (1, 0), "c": (0, 0)})["ties_under_people"]
    1
    """
    H = simple_graph(G)
    nodes = list(H)
    scale = plot_px(len(nodes)) / (2 * VIEW)
    return _problems(positions_array(pos, nodes), edge_index(H, nodes), [str(p) for p in nodes], scale)


_BUDGET = {"left": 0}  # evaluations of _score left for the current layout (deterministic, unlike a time limit)
_WORK = 12_000_000  # people x ties x evaluations: about twice what Zachary's karate club needs


def _score(P, edges, texts, own, scale=_SCALE) -> float:
    """How far a layout (pixels) is from tidy: 0 when it is."""
    _BUDGET["left"] -= 1
    n = len(P)
    total = 0.0
    if len(edges):
        _, dist, _ = _closest_on_segments(P, P[edges[:, 0]], P[edges[:, 1]])
        total += np.where(own, 0.0, np.maximum(0.0, _TIE_UNDER - dist)).sum()
    gap = np.hypot(*(P[:, None, :] - P[None, :, :]).transpose(2, 0, 1))[np.triu_indices(n, 1)]
    total += np.maximum(0.0, _APART - gap).sum()
    total += 20.0 * (_slot_conflicts(P, edges, texts, scale).min(axis=1) > 0).sum()
    return float(total)


_RADII = (6, 12, 20, 30, 45, 65, 90)
_ANGLES = np.arange(16) * (2 * np.pi / 16)
_MOVES = np.array([(0.0, 0.0)] + [(r * np.cos(a), r * np.sin(a)) for r in _RADII for a in _ANGLES])


def _local_cost(C, i, P, edges, neighbours) -> np.ndarray:
    """For candidate spots C (k, 2) of person i: the part of the untidiness that
    involves i (ties under i, i's ties under others, i on top of others)."""
    n = len(P)
    others = np.arange(n) != i
    cost = np.zeros(len(C))
    keep = (edges[:, 0] != i) & (edges[:, 1] != i)
    if keep.any():
        e = edges[keep]
        _, dist, _ = _closest_on_segments(C, P[e[:, 0]], P[e[:, 1]])
        cost += np.maximum(0.0, _TIE_UNDER - dist).sum(axis=1)
    for j in neighbours:
        mask = others & (np.arange(n) != j)
        w = P[mask]  # (r, 2)
        a = C  # (k, 2): tie from the candidate to j
        ab = P[j][None, :] - a
        length2 = np.maximum((ab**2).sum(axis=1), 1e-12)
        t = np.clip(((w[None, :, :] - a[:, None, :]) * ab[:, None, :]).sum(axis=2) / length2[:, None], 0, 1)
        closest = a[:, None, :] + t[..., None] * ab[:, None, :]
        dist = np.linalg.norm(w[None, :, :] - closest, axis=2)
        cost += np.maximum(0.0, _TIE_UNDER - dist).sum(axis=1)
    gap = np.linalg.norm(C[:, None, :] - P[None, others, :], axis=2)
    cost += np.maximum(0.0, _APART - gap).sum(axis=1)
    return cost


def _polish(P, edges, texts, *, scale=_SCALE, passes: int = 30, shortlist: int = 6) -> np.ndarray:
    """Move one person at a time to the nearby spot that tidies the layout most."""
    n = len(P)
    texts = _relative_boxes(texts)
    idx = np.arange(n)
    own = (edges[None, :, 0] == idx[:, None]) | (edges[None, :, 1] == idx[:, None]) if len(edges) else None
    neighbours = [np.unique(np.concatenate([edges[edges[:, 0] == i, 1], edges[edges[:, 1] == i, 0]])) for i in idx]
    limit = scale
    best = _score(P, edges, texts, own, scale)
    for _ in range(passes):
        if best == 0 or _BUDGET["left"] <= 0:
            break
        improved = False
        for i in range(n):
            here = P[i].copy()
            spots = np.clip(here + _MOVES, -limit, limit)
            local = _local_cost(spots, i, P, edges, neighbours[i])
            order = np.argsort(local[1:], kind="stable")[:shortlist] + 1
            choice, choice_score = None, best
            for k in order:
                if (local[k] > local[0] + 1e-9 and local[0] == 0) or _BUDGET["left"] <= 0:
                    break
                P[i] = spots[k]
                s = _score(P, edges, texts, own, scale)
                if s < choice_score - 1e-9:
                    choice, choice_score = spots[k].copy(), s
            P[i] = here if choice is None else choice
            if choice is not None:
                best, improved = choice_score, True
            if best == 0:
                break
        if improved or best == 0:
            continue
        # Stuck: people with no free place for their name, people a tie
        # passes under, people on top of each other, and the ends of the
        # ties in the way each try every nearby spot.
        conflicts = _slot_conflicts(P, edges, texts, scale)
        movers = []
        for i in np.flatnonzero(conflicts.min(axis=1) > 0):
            box = _slot_boxes(P, texts)[i, int(np.argmin(conflicts[i]))]
            crossing = edges[segments_hit_boxes(P[edges[:, 0]], P[edges[:, 1]], box[None])[0]] if len(edges) else edges
            movers += [int(i), *crossing.ravel().tolist()]
        # ... and for people a tie passes under, and that tie's ends
        if len(edges):
            _, dist, _ = _closest_on_segments(P, P[edges[:, 0]], P[edges[:, 1]])
            for w, e in zip(*np.nonzero((dist < _TIE_UNDER) & ~own)):
                movers += [int(w), *edges[e].tolist()]
        for i in range(n):
            for j in range(i + 1, n):
                if np.hypot(*(P[i] - P[j])) < _APART:
                    movers += [i, j]
        if best > 0:
            for j in dict.fromkeys(movers):
                here = P[j].copy()
                choice, choice_score = None, best
                for spot in np.clip(here + _MOVES[1:], -limit, limit):
                    if _BUDGET["left"] <= 0:
                        break
                    P[j] = spot
                    s = _score(P, edges, texts, own, scale)
                    if s < choice_score - 1e-9:
                        choice, choice_score = spot.copy(), s
                P[j] = here if choice is None else choice
                if choice is not None:
                    best, improved = choice_score, True
        if not improved:
            break
    return P


def _name_clashes(P, edges, rel, scale) -> list:
    """People whose name finds no free slot once the others have chosen theirs
    (the fewest free slots choose first, as :func:`name_slots` does)."""
    free = _slot_conflicts(P, edges, rel, scale) == 0
    boxes = _slot_boxes(P, rel)
    chosen, clashes = [], []
    for i in sorted(range(len(P)), key=lambda i: (int(free[i].sum()), i)):
        options = boxes[i][free[i]]
        if chosen and len(options):
            taken = np.array(chosen)
            overlap = (
                (options[:, None, 0] < taken[None, :, 2])
                & (taken[None, :, 0] < options[:, None, 2])
                & (options[:, None, 1] < taken[None, :, 3])
                & (taken[None, :, 1] < options[:, None, 3])
            ).any(axis=1)
            options = options[~overlap]
        if len(options):
            chosen.append(options[0])
        else:
            clashes.append(i)
    return clashes


def _untangle_names(P, edges, texts, *, scale=_SCALE, rounds: int = 8) -> np.ndarray:
    """Move the people whose names cannot all find a free slot, and those near them."""
    rel = _relative_boxes(texts)
    n = len(P)
    idx = np.arange(n)
    own = (edges[None, :, 0] == idx[:, None]) | (edges[None, :, 1] == idx[:, None]) if len(edges) else None
    limit = scale

    def score(Q):
        return _score(Q, edges, rel, own, scale) + 20.0 * len(_name_clashes(Q, edges, rel, scale))

    best = score(P)
    for _ in range(rounds):
        clashes = _name_clashes(P, edges, rel, scale)
        if not clashes or _BUDGET["left"] <= 0:
            break
        improved = False
        for i in clashes:
            near = np.flatnonzero(np.hypot(*(P - P[i]).T) < 60)
            for j in near:
                here = P[j].copy()
                choice, choice_score = None, best
                for spot in np.clip(here + _MOVES[1 : 1 + 4 * len(_ANGLES)], -limit, limit):
                    if _BUDGET["left"] <= 0:
                        break
                    P[j] = spot
                    sc = score(P)
                    if sc < choice_score - 1e-9:
                        choice, choice_score = spot.copy(), sc
                P[j] = here if choice is None else choice
                if choice is not None:
                    best, improved = choice_score, True
        if not improved:
            break
    return P


def _tidy(xy, edges, texts, *, scale=_SCALE, rounds: int = 400) -> np.ndarray:
    """Nudge positions (in [-1, 1]) until ties clear people, people clear each
    other and every name has a free slot. Deterministic: no randomness."""
    P = np.asarray(xy, dtype=float).copy()
    n = len(P)
    if n == 0:
        return P
    texts = _relative_boxes(texts)
    # Start from a layout that fills the square (each direction stretched to
    # the edges: a drawing has room to spare in the narrower one).
    P -= (P.max(axis=0) + P.min(axis=0)) / 2
    span = np.abs(P).max(axis=0)
    P = P / np.where(span > 1e-6, span, 1.0)
    P *= scale
    limit = scale
    idx = np.arange(n)
    fallback = np.stack([np.cos(idx * 2.399963), np.sin(idx * 2.399963)], axis=1)  # golden angle
    own = (edges[None, :, 0] == idx[:, None]) | (edges[None, :, 1] == idx[:, None]) if len(edges) else None
    for _ in range(rounds):
        move = np.zeros_like(P)
        trouble = 0
        # people on top of each other
        diff = P[:, None, :] - P[None, :, :]
        gap = np.hypot(diff[..., 0], diff[..., 1])
        np.fill_diagonal(gap, np.inf)
        close = gap < _APART
        if close.any():
            trouble += int(close.sum())
            unit = np.where(gap[..., None] > 1e-9, diff / np.maximum(gap, 1e-9)[..., None], fallback[:, None, :])
            push = np.where(close, (_APART - gap) / 2 + 0.5, 0.0)
            move += (unit * push[..., None]).sum(axis=1)
        if len(edges):
            a, b = P[edges[:, 0]], P[edges[:, 1]]
            closest, dist, t = _closest_on_segments(P, a, b)
            under = (dist < _TIE_UNDER) & ~own
            if under.any():
                trouble += int(under.sum())
                away = P[:, None, :] - closest
                ab = b - a
                normal = np.stack([-ab[:, 1], ab[:, 0]], axis=1) / np.maximum(np.linalg.norm(ab, axis=1), 1e-9)[:, None]
                unit = np.where(dist[..., None] > 1e-9, away / np.maximum(dist, 1e-9)[..., None], normal[None])
                push = np.where(under, _TIE_UNDER - dist + 0.5, 0.0)[..., None] * unit
                move += 0.6 * push.sum(axis=1)
                # the tie's ends move the other way, each by its share
                back = -0.4 * push
                np.add.at(move, edges[:, 0], (back * (1 - t)[..., None]).sum(axis=0))
                np.add.at(move, edges[:, 1], (back * t[..., None]).sum(axis=0))
        conflicts = _slot_conflicts(P, edges, texts, scale)
        stuck = np.flatnonzero(conflicts.min(axis=1) > 0)
        if len(stuck):
            trouble += len(stuck)
            boxes = _slot_boxes(P, texts)
            for i in stuck:
                k = int(np.argmin(conflicts[i]))
                box = boxes[i, k]
                centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
                if len(edges):
                    a, b = P[edges[:, 0]], P[edges[:, 1]]
                    hits = np.flatnonzero(segments_hit_boxes(a, b, box[None])[0])
                    for e in hits:
                        c, _, _ = _closest_on_segments(centre[None], a[e : e + 1], b[e : e + 1])
                        away = centre - c[0, 0]
                        norm = np.linalg.norm(away)
                        unit = away / norm if norm > 1e-9 else fallback[i]
                        move[i] += 2.0 * unit
                        for j in edges[e]:
                            if j != i:
                                move[j] -= 1.0 * unit
                others = np.flatnonzero(
                    (P[:, 0] > box[0] - RING)
                    & (P[:, 0] < box[2] + RING)
                    & (P[:, 1] > box[1] - RING)
                    & (P[:, 1] < box[3] + RING)
                )
                for j in others:
                    if j != i:
                        away = P[j] - centre
                        norm = np.linalg.norm(away)
                        move[j] += 2.0 * (away / norm if norm > 1e-9 else fallback[j])
                # a slot outside the view: move inwards
                if (np.abs(box) > scale * VIEW).any():
                    move[i] -= 2.0 * np.sign(centre) * (np.abs(centre) > scale * 0.5)
        if trouble == 0:
            break
        step = np.linalg.norm(move, axis=1)
        cap = np.minimum(1.0, 8.0 / np.maximum(step, 1e-9))  # no jumps
        P = np.clip(P + move * cap[:, None], -limit, limit)
    return P / scale


def positions_array(pos, nodes) -> np.ndarray:
    if isinstance(pos, np.ndarray):
        arr = pos
    else:
        missing = [n for n in nodes if n not in pos]
        if missing:
            raise ValueError(f"pos has no position for {len(missing)} people, e.g. {missing[0]!r}")
        arr = np.array([pos[n] for n in nodes], dtype=float) if nodes else np.empty((0, 2))
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] != len(nodes):
        raise ValueError(f"positions must have shape ({len(nodes)}, 2), got {arr.shape}")
    return arr


def edge_coordinates(G, pos, *, nodes=None, dtype=np.float32) -> tuple[np.ndarray, np.ndarray]:
    """The x and y arrays that draw every tie as one plotly line trace.

    Tie *i* is drawn from ``(x[3i], y[3i])`` to ``(x[3i+1], y[3i+1])``;
    ``x[3i+2]`` and ``y[3i+2]`` are NaN, which lifts the pen. One trace with
    NaN separators draws 100,000 ties at once, where one trace per tie would
    be far too slow.

    Parameters
    ----------
    G : networkx graph, or numpy.ndarray of shape (m, 2)
        The network, or its ties from :func:`edge_index`.
    pos : dict or numpy.ndarray
        ``{person: (x, y)}``, or an ``(n, 2)`` array in the order of `nodes`.
    nodes : list, optional
        The order of the people (default ``list(G)``); needed with an edge
        array and a dict of positions.
    dtype : numpy dtype, default float32
        Single precision is plenty for a screen and halves the figure's size.

    Returns
    -------
    x, y : numpy.ndarray, each of length 3 * m

    Raises
    ------
    ValueError
        If a person has no position.

    Examples
    --------
    >>> x, y = edge_coordinates(nx.path_graph(3), {0: (0, 0), 1: (1, 0), 2: (1, 1)})
    >>> x.tolist()
    [0.0, 1.0, nan, 1.0, 1.0, nan]
    """
    if isinstance(G, nx.Graph):
        nodes = list(G) if nodes is None else list(nodes)
        src, dst = tie_pairs(G, nodes)
    else:
        edges = np.asarray(G, dtype=np.intp).reshape(-1, 2)
        src, dst = edges[:, 0], edges[:, 1]
        if nodes is None:
            if not isinstance(pos, np.ndarray):
                raise ValueError("with an edge array and a dict of positions, give nodes= (the order of the people)")
            nodes = range(len(pos))
    xy = positions_array(pos, list(nodes)).astype(dtype, copy=False)
    m = len(src)
    px, py = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    x = np.empty((m, 3), dtype=dtype)
    y = np.empty((m, 3), dtype=dtype)
    x[:, 0], x[:, 1], x[:, 2] = px[src], px[dst], np.nan
    y[:, 0], y[:, 1], y[:, 2] = py[src], py[dst], np.nan
    return x.ravel(), y.ravel()
