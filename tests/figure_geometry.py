"""Read a network drawing back from the plotly figure and find what covers what.

Used by the drawing tests. It works only from the figure a function returns
(trace coordinates, marker sizes, line widths, text and text positions, the
figure's height, margins and axis ranges), not from the layout code, so that
it checks what a student sees:

- a tie passing under a person it does not join (the segment comes closer
  to the person's centre than the dot's radius plus half the tie's width);
- a name covered by a tie, a dot, a highlight ring or another name (the
  name's box is estimated from its length and font size, placed where
  plotly puts text: marker radius / 0.8 + 1 pixels from the centre).

Pixels are those of the plot area at the figure's height, with square axes
(the drawing must set ``yaxis.scaleanchor="x"`` and both ranges).
"""

from __future__ import annotations

import math

CHAR = 0.6  # a character's width, in font sizes (DejaVu Sans averages about 0.6)
LINE = 1.1  # a line's height, in font sizes


def _points(trace):
    xs, ys = list(trace.x), list(trace.y)
    return [(float(x), float(y)) for x, y in zip(xs, ys)]


def _segments(trace):
    pts = _points(trace)
    out = []
    for p, q in zip(pts, pts[1:]):
        if not any(math.isnan(c) for c in (*p, *q)):
            out.append((p, q))
    return out


def scale_of(fig) -> float:
    """Pixels per data unit (square axes)."""
    lay = fig.layout
    assert lay.yaxis.scaleanchor == "x", "the drawing must have square axes"
    assert lay.xaxis.range is not None and lay.yaxis.range is not None, "the drawing must fix its axis ranges"
    plot = lay.height - lay.margin.t - lay.margin.b
    y0, y1 = lay.yaxis.range
    return plot / (y1 - y0)


def parts(fig):
    """(ties, dots, rings, names) in pixels.

    ties: [((x0, y0), (x1, y1), width)]; dots and rings: [((x, y), radius)];
    names: [(text, (x0, y0, x1, y1), (x, y) of its person)].
    """
    s = scale_of(fig)
    font = fig.layout.font.size or 12
    ties, dots, rings, names = [], [], [], []
    for trace in fig.data:
        if trace.visible is False:
            continue
        mode = trace.mode or ""
        if mode == "lines":
            width = trace.line.width or 2
            ties += [((a[0] * s, a[1] * s), (b[0] * s, b[1] * s), width) for a, b in _segments(trace)]
            continue
        if "markers" not in mode and "text" not in mode:
            continue
        size = trace.marker.size if "markers" in mode else 0
        size = size or 6
        outline = (trace.marker.line.width or 0) if "markers" in mode else 0
        ring = str(trace.marker.symbol or "").endswith("-open")
        pts = [(x * s, y * s) for x, y in _points(trace)]
        if "markers" in mode:
            (rings if ring else dots).extend((p, size / 2 + outline / 2) for p in pts)
        if "text" in mode and trace.text is not None:
            texts = list(trace.text) if not isinstance(trace.text, str) else [trace.text] * len(pts)
            where = trace.textposition
            where = [where] * len(pts) if where is None or isinstance(where, str) else list(where)
            fsize = trace.textfont.size or font
            offset = size / 2 / 0.8 + 1
            for p, text, slot in zip(pts, texts, where):
                if text:
                    names.append((text, box(slot or "middle center", str(text), offset, fsize, p), p))
    return ties, dots, rings, names


def box(slot: str, text: str, offset: float, font: float, at=(0.0, 0.0)):
    """The pixel box (y up) a text covers at plotly's textposition `slot`."""
    w, h = CHAR * font * len(text), LINE * font
    vertical, horizontal = slot.split()
    x0, x1 = {"left": (-offset - w, -offset), "right": (offset, offset + w)}.get(horizontal, (-w / 2, w / 2))
    y0, y1 = {"top": (offset, offset + h), "bottom": (-offset - h, -offset)}.get(vertical, (-h / 2, h / 2))
    return (at[0] + x0, at[1] + y0, at[0] + x1, at[1] + y1)


def point_segment(p, a, b) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def segment_hits_box(a, b, bx) -> bool:
    """Liang-Barsky: does the segment a-b enter the box?"""
    lo, hi = 0.0, 1.0
    for axis in (0, 1):
        p = b[axis] - a[axis]
        q0, q1 = bx[axis] - a[axis], bx[axis + 2] - a[axis]
        if abs(p) < 1e-12:
            if q0 > 0 or q1 < 0:
                return False
            continue
        t0, t1 = sorted((q0 / p, q1 / p))
        lo, hi = max(lo, t0), min(hi, t1)
        if lo > hi:
            return False
    return True


def disc_hits_box(centre, r, bx) -> bool:
    cx = min(max(centre[0], bx[0]), bx[2])
    cy = min(max(centre[1], bx[1]), bx[3])
    return math.hypot(centre[0] - cx, centre[1] - cy) < r


def _same(p, q) -> bool:
    return abs(p[0] - q[0]) < 1e-3 and abs(p[1] - q[1]) < 1e-3


def problems(fig) -> dict:
    """``{"tie under a person": [...], "name covered": [...]}``, each a list of descriptions."""
    ties, dots, rings, names = parts(fig)
    under, covered = [], []
    for centre, r in dots:
        for a, b, width in ties:
            if _same(centre, a) or _same(centre, b):
                continue
            gap = point_segment(centre, a, b) - (r + width / 2)
            if gap < 0.5:
                under.append(f"tie {a}-{b} passes {gap:.1f} px from the person at {centre}")
    for k, (text, bx, owner) in enumerate(names):
        for a, b, _ in ties:
            if segment_hits_box(a, b, bx):
                covered.append(f"{text!r}: a tie crosses it")
        for centre, r in dots + rings:
            if not _same(centre, owner) and disc_hits_box(centre, r, bx):
                covered.append(f"{text!r}: a person or ring at {centre} covers it")
        for other_text, other, _ in names[k + 1 :]:
            if bx[0] < other[2] and other[0] < bx[2] and bx[1] < other[3] and other[1] < bx[3]:
                covered.append(f"{text!r} and {other_text!r} overlap")
    return {"tie under a person": under, "name covered": covered}
