"""A network as an interactive plotly figure: :func:`draw_network`.

People are dots, coloured and shaped by group (never by colour alone), with
their names placed where they touch no tie and no other name
(:mod:`smlessons.figures.placement`). A measure can colour them
(``color_by="degree"``); people and ties can be highlighted.

    from smlessons.figures import draw_network
"""

from __future__ import annotations

from numbers import Real

import numpy as np

from ..engine.arrays import edge_index
from ..engine.measures import (
    CENTRALITY_MEASURES,
    centrality,
    check_graph,
    communities,
    degree_map,
    find_people,
    layer,
    person,
    simple_graph,
    sort_key,
)
from ..i18n import N_, format_number, translator
from .placement import (
    FONT,
    MARKER,
    RING,
    RING_LINE,
    SLOTS,
    VIEW,
    edge_coordinates,
    label_box,
    layout,
    plot_px,
    positions_array,
    segments_hit_boxes,
    text_offset,
)
from .theme import COLOURSCALE, COLOURWAY, EDGE, HIGHLIGHT, NEUTRAL, SYMBOLS, template

__all__ = [
    "MAX_EDGES",
    "draw_network",
]

MARGIN_TOP, MARGIN_BOTTOM = 60, 30  # pixels above and below the plot

#: Beyond this many ties, :func:`draw_network` draws a random sample of them,
#: so that the figure's JSON stays well under 2 MB (about 35 bytes a tie).
MAX_EDGES = 20_000


#: What the colour shows, in words (a node attribute is shown by its own name).
_COLOUR_WORDS = {
    "value": N_("value"),
    "community": N_("community"),
    "degree": N_("degree"),
    "betweenness": N_("betweenness"),
}


def network_name(G, t) -> str:
    """The network's name (``G.graph["name"]``) in the language of `t`, a course network's name translated.

    A course network whose name has a number or a medium in it also keeps
    ``G.graph["name_message"]``, ``(message, values)``: used while the name
    is still the one the course gave it.
    """
    name = G.graph.get("name")
    if not isinstance(name, str) or not name:
        return t.gettext("A network")
    message = G.graph.get("name_message")
    if isinstance(message, tuple) and len(message) == 2 and message[0].format(**message[1]) == name:
        return t.gettext(message[0], **message[1])
    return t.template(name)


def _colour_values(G, H, color_by, seed, t):
    """(kind, title, values per person) with kind "category" or "number"."""
    nodes = list(H)
    if isinstance(color_by, dict):
        for key in color_by:
            person(H, key)  # unknown people are an error, not silently dropped
        values = {person(H, k): v for k, v in color_by.items()}
        missing = [n for n in nodes if n not in values]
        if missing:
            raise ValueError(f"color_by has no value for {len(missing)} people, e.g. {missing[0]!r}")
        numeric = all(isinstance(v, Real) and not isinstance(v, bool) for v in values.values())
        return ("number" if numeric else "category"), "value", [values[n] for n in nodes]
    if color_by == "community":
        label = {p: k for k, ms in enumerate(communities(H, seed=seed), start=1) for p in ms}
        return "category", "community", [t.gettext("Community {number}", number=label[n]) for n in nodes]
    if color_by in CENTRALITY_MEASURES:
        scores = centrality(H, color_by)
        return "number", color_by, [scores[n] for n in nodes]
    if isinstance(color_by, str):
        attrs = sorted({k for _, d in G.nodes(data=True) for k in d}, key=str)
        if color_by in attrs:
            values = [G.nodes[n].get(color_by) for n in nodes]
            if any(v is None for v in values):
                gap = nodes[[v is None for v in values].index(True)]
                raise ValueError(f"node attribute {color_by!r} is missing for {gap!r}")
            numeric = all(isinstance(v, Real) and not isinstance(v, bool) for v in values)
            return ("number" if numeric else "category"), color_by, values
        raise ValueError(
            "color_by must be 'community', 'degree', 'betweenness'"
            + (f" or a node attribute ({', '.join(map(repr, attrs))})" if attrs else "")
            + f", or a dict; got {color_by!r}"
        )
    raise TypeError(f"color_by must be a string or a dict, not {type(color_by).__name__}")


def _format(value, language: str) -> str:
    if isinstance(value, float):
        return format_number(value, language, 3, grouping=False)
    return str(value)


def name_slots(xy, edges, names, ringed, size, height, only=None) -> list:
    """Where each name goes (a plotly textposition per person): the first slot
    that no tie, no other person or ring and no other name covers; the least
    covered one when none is free. `xy` in layout units; the pixels are those
    of a plot area `height` minus the margins high."""
    n = len(xy)
    scale = (height - MARGIN_TOP - MARGIN_BOTTOM) / (2 * VIEW)
    P = np.asarray(xy, dtype=float) * scale
    radius = np.where(np.isin(np.arange(n), list(ringed)), (size + RING - MARKER) / 2 + RING_LINE / 2, size / 2 + 0.5)
    a, b = (P[edges[:, 0]], P[edges[:, 1]]) if len(edges) else (np.empty((0, 2)), np.empty((0, 2)))
    todo = list(range(n)) if only is None else list(only)
    boxes = {}
    for i in todo:
        near = text_offset(size + RING - MARKER if i in ringed else size)
        rel = np.array([label_box(s, names[i], near) for s in SLOTS])
        boxes[i] = rel + np.concatenate([P[i], P[i]])[None, :]
    limit = scale * VIEW

    def cost(i, k, placed):
        box = boxes[i][k]
        c = 0
        if len(a):
            c += 10 * int(segments_hit_boxes(a, b, box[None])[0].sum())
        cx, cy = np.clip(P[:, 0], box[0], box[2]), np.clip(P[:, 1], box[1], box[3])
        inside = np.hypot(P[:, 0] - cx, P[:, 1] - cy) < radius
        inside[i] = False
        c += 10 * int(inside.sum())
        for other in placed:
            c += int(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3])
        c += int((np.abs(box) > limit).any())
        return c

    # the people with the fewest free slots choose first
    free = {i: sum(cost(i, k, []) == 0 for k in range(len(SLOTS))) for i in todo}
    slots, placed = ["top center"] * n, []
    order = sorted(todo, key=lambda i: (free[i], i))
    chosen = {}
    for i in order:
        costs = [cost(i, k, placed) for k in range(len(SLOTS))]
        chosen[i] = int(np.argmin(costs))
        placed.append(boxes[i][chosen[i]])
    for _ in range(4):  # then each name moves to a better slot, if there is one, given the others
        changed = False
        for i in order:
            others = [boxes[j][chosen[j]] for j in order if j != i]
            costs = [cost(i, k, others) for k in range(len(SLOTS))]
            k = int(np.argmin(costs))
            if costs[k] < costs[chosen[i]]:
                chosen[i], changed = k, True
        if not changed:
            break
    for i in order:
        slots[i] = SLOTS[chosen[i]]
    return slots


def draw_network(
    G,
    *,
    color_by="community",
    highlight=None,
    highlight_ties=None,
    highlight_name: str | None = None,
    title: str | None = None,
    seed: int = 0,
    max_edges: int = MAX_EDGES,
    pos: dict | None = None,
    platform: str | None = None,
    labels: bool | None = None,
    height: int | None = None,
    language: str | None = None,
    _avoid=None,
):
    """An interactive plotly view of a network.

    People are dots coloured by community or by a measure; hovering over a
    dot shows the person and their degree. All ties are one line trace built
    with :func:`edge_coordinates`. Beyond `max_edges` ties, a random sample
    of `max_edges` ties is drawn (the same one for the same seed) and the
    title says so, so that the figure stays small (under 2 MB).

    Parameters
    ----------
    G : networkx graph
    color_by : "community", "degree", "betweenness", a node attribute name, or dict
        What the colour shows. Communities (and any text values) get one
        colour and one marker shape each, with a legend; numbers get a colour
        scale. A dict maps every person to a value.
    highlight : person or list of people, optional
        Circled in orange and always labelled.
    highlight_ties : list of (person, person), optional
        Drawn thick and orange (e.g. a path or a bridge). Each must be a tie.
    highlight_name : str, optional
        What the legend calls the circled people (by default "highlighted",
        in the figure's language), e.g. "seeds".
    title : str, optional
        By default the network's name, its size and what the colour shows.
    seed : int, default 0
        Seed of the layout, the communities and the sample of ties.
    max_edges : int, default :data:`MAX_EDGES`
        The most ties drawn.
    pos : dict, optional
        ``{person: (x, y)}``, e.g. from :func:`layout`, to draw several views
        with the same positions. By default ``layout(G, seed=seed)``.
    platform : str, optional
        Draw only the ties on this platform (everyone is still shown, placed
        as in the whole network, and coloured by measures of that layer).
    labels : bool, optional
        Write names beside the dots; by default when there are at most 40
        people.
    height : int, optional
        In pixels. By default what the network needs: its layout keeps ties
        clear of the people they do not join, and names clear of ties, at
        that height (in a notebook at least as wide as the plot is high).
    language : str, optional
        The language of the title, legend and hover text (``"en"`` or
        ``"it"``); by default the environment's (see
        :func:`smlessons.i18n.resolve_language`).

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig.layout.meta`` holds ``{"ties": m, "ties_shown": k,
        "sampled": bool}``.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError
    ValueError
        On an unknown `color_by`, a dict that misses somebody, a highlighted
        tie that is not a tie, or `max_edges` < 1.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> fig = draw_network(karate_club(), color_by="degree")
    >>> [trace.name for trace in fig.data]
    ['ties', 'people']
    """
    import plotly.graph_objects as go  # only when drawing: keeps the module light

    check_graph(G)
    if not isinstance(max_edges, int) or isinstance(max_edges, bool) or max_edges < 1:
        raise ValueError(f"max_edges must be a positive integer, got {max_edges!r}")
    whole = simple_graph(G)
    H = layer(G, platform) if platform is not None else whole
    nodes = list(H)
    n = len(nodes)
    if pos is None:
        pos = layout(whole, seed=seed)
    xy = positions_array(pos, nodes)

    edges = edge_index(H, nodes)
    m = len(edges)
    shown = m
    if m > max_edges:
        rng = np.random.default_rng(seed)
        edges = edges[np.sort(rng.choice(m, size=max_edges, replace=False))]
        shown = max_edges
    ex, ey = edge_coordinates(edges, xy)

    t = translator(language)
    if highlight_name is not None and (not isinstance(highlight_name, str) or not highlight_name.strip()):
        raise ValueError(
            f"highlight_name must be a non-empty text (the legend's name for the circled), not {highlight_name!r}"
        )
    kind, what, values = _colour_values(G, H, color_by, seed, t)  # before any trace: it validates
    what_words = t.gettext(_COLOUR_WORDS[what]) if what in _COLOUR_WORDS else str(what)
    deg = degree_map(H)
    if labels is None:
        labels = n <= 40
    big = n > 200
    size = 5 if big else MARKER
    if height is None:
        height = plot_px(n) + MARGIN_TOP + MARGIN_BOTTOM
    chosen = find_people(H, highlight) if highlight is not None else []
    ringed = {nodes.index(p) for p in chosen}

    def hover(i):
        p = nodes[i]
        text = f"<b>{p}</b><br>" + t.gettext("degree {value}", value=deg[p])
        if what == "community" or (what == "value" and isinstance(values[i], str)):
            # a label names itself ("Community 2", "step 1"): "community Community 2" or "value step 1" would not
            text += f"<br>{values[i]}"
        elif what != "degree":
            text += f"<br>{what_words} {_format(values[i], t.language)}"
        return text

    traces = [
        go.Scatter(
            x=ex,
            y=ey,
            mode="lines",
            name=t.gettext("ties"),
            hoverinfo="skip",
            showlegend=False,
            line=dict(width=0.5 if big else 1, color=EDGE),
        )
    ]
    if highlight_ties:
        pairs = []
        for tie in highlight_ties:
            u, v = (person(H, w) for w in tie)
            if not H.has_edge(u, v):
                raise ValueError(f"{u!r} and {v!r} are not tied, so that tie cannot be highlighted")
            pairs.append((nodes.index(u), nodes.index(v)))
        pairs = np.array(pairs, dtype=np.intp).reshape(-1, 2)
        hx, hy = edge_coordinates(pairs, xy)
        traces.append(
            go.Scatter(
                x=hx,
                y=hy,
                mode="lines",
                name=t.gettext("highlighted ties"),
                hoverinfo="skip",
                showlegend=kind == "category",
                line=dict(width=4, color=HIGHLIGHT),
            )
        )
    xy32 = xy.astype(np.float32)
    names = [str(p) for p in nodes]
    slots = ["top center"] * n
    if labels:
        segments = [edges] + ([np.array(pairs)] if highlight_ties else [])
        if _avoid:  # ties another function draws on top (e.g. lost ties): names keep clear of them too
            segments.append(np.array([(nodes.index(u), nodes.index(v)) for u, v in _avoid], dtype=np.intp))
        slots = name_slots(xy, np.concatenate(segments).reshape(-1, 2), names, ringed, size, height)
    text_mode = "markers+text" if labels else "markers"
    if kind == "category":
        cats = sorted(set(values), key=sort_key)
        if len(cats) <= len(SYMBOLS):
            for k, cat in enumerate(cats):
                idx = [i for i, v in enumerate(values) if v == cat]
                traces.append(
                    go.Scatter(
                        x=xy32[idx, 0],
                        y=xy32[idx, 1],
                        mode=text_mode,
                        name=f"{cat} ({len(idx)})",
                        text=[names[i] if i not in ringed else "" for i in idx] if labels else None,
                        textposition=[slots[i] for i in idx],
                        textfont=dict(size=FONT),
                        hovertext=[hover(i) for i in idx],
                        hoverinfo="text",
                        marker=dict(
                            size=size,
                            color=COLOURWAY[k % len(COLOURWAY)],
                            symbol=SYMBOLS[k],
                            line=dict(width=1, color=NEUTRAL),
                        ),
                    )
                )
        else:
            code = {c: k for k, c in enumerate(cats)}
            traces.append(
                go.Scatter(
                    x=xy32[:, 0],
                    y=xy32[:, 1],
                    mode=text_mode,
                    name=t.gettext("people"),
                    showlegend=False,
                    text=[names[i] if i not in ringed else "" for i in range(n)] if labels else None,
                    textposition=slots,
                    textfont=dict(size=FONT),
                    hovertext=[hover(i) for i in range(n)],
                    hoverinfo="text",
                    marker=dict(
                        size=size,
                        color=[COLOURWAY[code[v] % len(COLOURWAY)] for v in values],
                        line=dict(width=1, color=NEUTRAL),
                    ),
                )
            )
    else:
        colorbar = dict(title=dict(text=what_words), thickness=14)
        if all(float(v).is_integer() for v in values) and max(values) - min(values) <= 12:
            colorbar["dtick"] = 1  # counts: no ticks at 3.5 ties
        traces.append(
            go.Scatter(
                x=xy32[:, 0],
                y=xy32[:, 1],
                mode=text_mode,
                name=t.gettext("people"),
                showlegend=False,
                text=[names[i] if i not in ringed else "" for i in range(n)] if labels else None,
                textposition=slots,
                textfont=dict(size=FONT),
                hovertext=[hover(i) for i in range(n)],
                hoverinfo="text",
                marker=dict(
                    size=size,
                    color=np.asarray(values, dtype=np.float32),
                    colorscale=COLOURSCALE,
                    showscale=True,
                    colorbar=colorbar,
                    line=dict(width=1, color=NEUTRAL),
                ),
            )
        )
    if highlight is not None:
        idx = [nodes.index(p) for p in chosen]
        if not labels:  # the highlighted are always named
            slots = name_slots(
                xy,
                edges if not highlight_ties else np.concatenate([edges, pairs]),
                names,
                ringed,
                size,
                height,
                only=idx,
            )
        traces.append(
            go.Scatter(
                x=xy32[idx, 0],
                y=xy32[idx, 1],
                mode="markers+text",
                name=t.gettext("highlighted") if highlight_name is None else highlight_name,
                showlegend=kind == "category",
                hoverinfo="skip",
                text=[names[i] for i in idx],
                textposition=[slots[i] for i in idx],
                textfont=dict(size=FONT, color=NEUTRAL),
                marker=dict(
                    size=size + RING - MARKER, symbol="circle-open", color=HIGHLIGHT, line=dict(width=RING_LINE)
                ),
            )
        )

    if title is None:
        name = network_name(H, t)
        if platform is not None:
            name = t.gettext("{name}, ties on {medium}", name=name, medium=H.graph["platform"])
        title = t.gettext(
            "{name}: {people} people, {ties} ties, coloured by {what}",
            name=name,
            people=format_number(n, t.language),
            ties=format_number(m, t.language),
            what=what_words,
        )
    annotations = []
    if shown < m:
        note = t.gettext(
            "Showing {shown} of {ties} ties, a random sample (seed {seed}).",
            shown=format_number(shown, t.language),
            ties=format_number(m, t.language),
            seed=seed,
        )
        title = f"{title}<br><sup>{note}</sup>"
        annotations.append(
            dict(text=note, showarrow=False, xref="paper", yref="paper", x=0, y=-0.02, xanchor="left", yanchor="top")
        )
    fig = go.Figure(traces)
    fig.update_layout(
        title=dict(text=title, x=0.01, xanchor="left"),
        height=height,
        margin=dict(l=10, r=10, t=MARGIN_TOP, b=MARGIN_BOTTOM),
        template=template(),
        font=dict(size=11),
        hovermode="closest",
        legend=dict(itemsizing="constant"),
        # Square axes of a fixed range: one layout unit is the same number of
        # pixels across and up, which the layout's tidying relies on.
        xaxis=dict(visible=False, range=[-VIEW, VIEW], fixedrange=False),
        yaxis=dict(visible=False, range=[-VIEW, VIEW], scaleanchor="x", scaleratio=1),
        annotations=annotations,
        meta={"ties": m, "ties_shown": shown, "sampled": shown < m},
    )
    return fig
