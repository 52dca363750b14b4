"""Figures of one network on several media: its layers, their overlap, what each medium reaches.

- :func:`draw_layers`: one panel per medium, the same people in the same places;
- :func:`draw_multiplex`: every tie coloured by its media;
- :func:`draw_without`: the network with one medium closed;
- :func:`overlap_figure`, :func:`media_reach_figure`, :func:`removal_figure`,
  :func:`combinations_figure`: bar charts of the measures of
  :mod:`smlessons.engine.multilayer`.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from ..datasets.platforms import find_medium
from ..engine import arrays, measures
from ..engine.measures import (
    sort_key,
    sorted_nodes,
)
from ..engine.multilayer import (
    _plural,
    combined_ties,
    friends_by_medium,
    media_combinations,
    media_of,
    overlap_counts,
    reached_by,
    removal_effect,
    removal_effects,
    without_medium,
)
from . import network as network_figures
from . import placement as figure_layout
from .theme import COLOURSCALE, COLOURWAY, EDGE, HIGHLIGHT, NEUTRAL, template

__all__ = [
    "medium_colours",
    "draw_layers",
    "draw_multiplex",
    "draw_without",
    "overlap_figure",
    "media_reach_figure",
    "removal_figure",
    "combinations_figure",
]

_COLOUR_WORDS = "ties in this view"  # draw_multiplex: what the colour of a person shows
_GAP = "  "  # after a bar's name, so that a bar's label at 0 does not touch it


# ---------------------------------------------------------------------------
# Figures


def medium_colours(G) -> dict[str, str]:
    """One colour per medium, in the network's order (colour-blind-safe).

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> medium_colours(multiplex_class())["WhatsApp"] == COLOURWAY[0]
    True
    """
    return {m: COLOURWAY[i % len(COLOURWAY)] for i, m in enumerate(media_of(G))}


def _layout(fig, title, height, **extra):
    settings = dict(
        title=dict(text=title, x=0.01, xanchor="left"),
        height=height,
        template=template(),
        font=dict(size=12),
        margin=dict(l=10, r=10, t=70, b=30),
    )
    fig.update_layout(**{**settings, **extra})
    return fig


def _positions(H, pos, seed):
    if pos is None:
        pos = figure_layout.layout(H, seed=seed)
    return figure_layout.positions_array(pos, list(H)).astype(np.float32)


def draw_layers(G, *, highlight=None, seed: int = 0, pos=None, columns: int | None = None, height: int | None = None):
    """Small multiples: the combined network, then each medium's layer, same positions.

    In a layer, the medium's ties are drawn in its colour; people it reaches
    are filled dots, people it does not reach are pale rings. Hover over a dot
    for the person and their ties on that medium.

    Parameters
    ----------
    G : networkx graph
    highlight : person, optional
        Circled in orange in every panel.
    seed : int, default 0
        Seed of the layout (when `pos` is not given).
    pos : dict, optional
        ``{person: (x, y)}``, e.g. from :func:`smlessons.figures.placement.layout`.
    columns : int, optional
        Panels per row (default: up to 3).
    height : int, optional
        In pixels (default: 300 per row).

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig.layout.meta`` is ``{"panels": ["All media", medium, ...],
        "ties": [ties per panel], "reached": [people reached per panel]}``.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError
    ValueError
        If `columns` is not a positive integer.

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> fig = draw_layers(multiplex_class())
    >>> fig.layout.meta["panels"]
    ['All media', 'WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    H = combined_ties(G)
    if columns is not None and (not isinstance(columns, int) or isinstance(columns, bool) or columns < 1):
        raise ValueError(f"columns must be a positive integer, got {columns!r}")
    chosen = measures.person(H, highlight) if highlight is not None else None
    media = H.graph["media"]
    colours = medium_colours(H)
    nodes = list(H)
    xy = _positions(H, pos, seed)
    views = [None, *media]
    cols = columns or min(3, len(views))
    rows = math.ceil(len(views) / cols)

    panels, tie_counts, reached_counts, titles = [], [], [], []
    for m in views:
        L = H if m is None else measures.layer(H, m)
        deg = dict(L.degree())
        ties = L.number_of_edges()
        reached = sum(1 for p in nodes if deg[p] > 0)
        panels.append((m, L, deg))
        tie_counts.append(ties)
        reached_counts.append(reached)
        label = "All media" if m is None else m
        titles.append(f"<b>{label}</b>: {_plural(ties, 'tie')}, {reached} of {len(nodes)} people")

    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.03, vertical_spacing=0.1)
    total = height or 300 * rows + 60
    if chosen is not None:  # the highlighted name goes where no tie of the whole network crosses it
        panel = (total - 100) * (1 - 0.1 * (rows - 1)) / rows  # a panel's height in pixels
        slot = network_figures.name_slots(
            xy,
            arrays.edge_index(H, nodes),
            [str(p) for p in nodes],
            {nodes.index(chosen)},
            10,
            panel + network_figures.MARGIN_TOP + network_figures.MARGIN_BOTTOM,
            only=[nodes.index(chosen)],
        )[nodes.index(chosen)]
    for k, (m, L, deg) in enumerate(panels):
        row, col = k // cols + 1, k % cols + 1
        colour = NEUTRAL if m is None else colours[m]
        ex, ey = figure_layout.edge_coordinates(L, xy, nodes=nodes)
        fig.add_trace(
            go.Scatter(
                x=ex,
                y=ey,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                name=f"ties: {m or 'all media'}",
                line=dict(width=1.5, color=colour),
            ),
            row=row,
            col=col,
        )
        on = [i for i, p in enumerate(nodes) if deg[p] > 0]
        off = [i for i, p in enumerate(nodes) if deg[p] == 0]

        def hover(p):
            if m is None:
                ms = H.graph["media"]
                counts = ", ".join(f"{x} {sum(1 for q in H[p] if x in H.edges[p, q]['platform'])}" for x in ms)
                return f"<b>{p}</b><br>{_plural(deg[p], 'tie')}<br>{counts}"
            return f"<b>{p}</b><br>{_plural(deg[p], 'tie')} on {m}" if deg[p] else f"<b>{p}</b><br>no tie on {m}"

        for idx, filled in ((on, True), (off, False)):
            if not idx:
                continue
            fig.add_trace(
                go.Scatter(
                    x=xy[idx, 0],
                    y=xy[idx, 1],
                    mode="markers",
                    showlegend=False,
                    name=f"{'reached' if filled else 'not reached'}: {m or 'all media'}",
                    hovertext=[hover(nodes[i]) for i in idx],
                    hoverinfo="text",
                    marker=dict(
                        size=9 if filled else 8,
                        color=colour if filled else "rgba(0, 0, 0, 0)",
                        line=dict(width=1 if filled else 1.5, color=NEUTRAL if filled else EDGE),
                    ),
                ),
                row=row,
                col=col,
            )
        if chosen is not None:
            i = nodes.index(chosen)
            fig.add_trace(
                go.Scatter(
                    x=[xy[i, 0]],
                    y=[xy[i, 1]],
                    mode="markers+text",
                    text=[str(chosen)],
                    textposition=slot,
                    showlegend=False,
                    hoverinfo="skip",
                    name=f"{chosen}",
                    marker=dict(size=18, symbol="circle-open", color=HIGHLIGHT, line=dict(width=2.5)),
                ),
                row=row,
                col=col,
            )
    fig.update_xaxes(visible=False, range=[-figure_layout.VIEW, figure_layout.VIEW])
    fig.update_yaxes(visible=False, range=[-figure_layout.VIEW, figure_layout.VIEW])
    for k in range(len(views)):  # square panels: the layout's spacing holds in each
        fig.layout[f"yaxis{k + 1 if k else ''}"].scaleanchor = f"x{k + 1 if k else ''}"
    name = H.graph.get("name") or "A network"
    _layout(
        fig,
        f"{name}: one network, one layer per medium",
        total,
        meta={"panels": ["All media", *media], "ties": tie_counts, "reached": reached_counts},
    )
    for annotation in fig.layout.annotations:  # the panel titles
        annotation.font = dict(size=12)
    return fig


def draw_multiplex(G, *, seed: int = 0, pos=None, height: int = 560):
    """One large view of the network with a menu: all media, or one medium's ties.

    Each view is :func:`smlessons.figures.network.draw_network` of the combined
    network or of one layer (people coloured by their number of ties in that
    view), all with the same positions; the menu shows one at a time.

    Parameters
    ----------
    G : networkx graph
    seed : int, default 0
        Seed of the layout (when `pos` is not given).
    pos : dict, optional
    height : int, default 560

    Returns
    -------
    plotly.graph_objects.Figure
        ``fig.layout.meta`` is ``{"views": ["All media", medium, ...],
        "ties": [ties per view]}``; the first view is visible.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> fig = draw_multiplex(multiplex_class())
    >>> [b.label for b in fig.layout.updatemenus[0].buttons]
    ['All media', 'WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    H = combined_ties(G)
    if pos is None:
        pos = figure_layout.layout(H, seed=seed)
    media = H.graph["media"]
    name = H.graph.get("name") or "A network"
    views = [None, *media]
    labels = ["All media", *media]
    traces, owner, titles, ties = [], [], [], []
    for k, m in enumerate(views):
        title = f"{name}: all ties" if m is None else f"{name}: the ties on {m}"
        part = network_figures.draw_network(
            H, platform=m, pos=pos, color_by="degree", height=height - 40, title=title
        )  # 40: the menu
        ties.append(part.layout.meta["ties"])
        titles.append(f"{title} ({_plural(part.layout.meta['ties'], 'tie')}; colour: {_COLOUR_WORDS})")
        for trace in part.data:
            if trace.marker is not None and trace.marker.colorbar is not None and trace.marker.showscale:
                trace.marker.colorbar.title.text = _COLOUR_WORDS  # the same words as the title
            trace.visible = k == 0
            traces.append(trace)
            owner.append(k)
    import plotly.graph_objects as go

    fig = go.Figure(traces)
    buttons = [
        dict(label=label, method="update", args=[{"visible": [o == k for o in owner]}, {"title.text": titles[k]}])
        for k, label in enumerate(labels)
    ]
    _layout(
        fig,
        titles[0],
        height,
        hovermode="closest",
        xaxis=part.layout.xaxis,  # square axes of a fixed range, as draw_network draws
        yaxis=part.layout.yaxis,
        updatemenus=[dict(type="dropdown", buttons=buttons, x=0, xanchor="left", y=1.01, yanchor="bottom", active=0)],
        margin=dict(l=10, r=10, t=100, b=30),
        meta={"views": labels, "ties": ties},
    )
    return fig


def draw_without(G, platform, *, seed: int = 0, pos=None, height: int | None = None):
    """The network without one medium, drawn where the whole network is drawn.

    People are coloured and shaped by the connected part they are in once the
    medium is gone (Part 1 is the largest); the ties that lived on that medium
    only are drawn as a dotted line, so that one sees what was lost.

    Parameters
    ----------
    G : networkx graph
    platform : str
        The medium to remove.
    seed : int, default 0
        Seed of the layout (when `pos` is not given).
    pos : dict, optional
    height : int, optional
        As for :func:`smlessons.figures.network.draw_network`.

    Returns
    -------
    plotly.graph_objects.Figure
        Built with :func:`smlessons.figures.network.draw_network`, plus a trace
        ``"ties lost"``; ``fig.layout.meta`` also holds ``"lost"`` (the number
        of ties lost) and ``"parts"``.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> fig = draw_without(multiplex_class(), "TikTok")
    >>> fig.layout.meta["lost"], fig.layout.meta["parts"]
    (1, 1)
    """
    import plotly.graph_objects as go

    H = combined_ties(G)
    m = find_medium(H, platform)
    after = without_medium(H, m)
    if pos is None:
        pos = figure_layout.layout(H, seed=seed)
    parts = sorted(nx.connected_components(after), key=lambda c: (-len(c), sort_key(sorted_nodes(c)[0])))
    label = {p: f"Part {k}" for k, c in enumerate(parts, start=1) for p in c}
    effect = removal_effect(H, m)
    title = f"Without {m}: {_plural(len(parts), 'connected part')}, {_plural(len(effect.cut_off), 'person', 'people')} cut off"
    lost = [(u, v) for u, v, ms in H.edges(data="platform") if ms == (m,)]
    fig = network_figures.draw_network(after, color_by=label, pos=pos, height=height, title=title, _avoid=lost)
    nodes = list(H)
    where = {p: i for i, p in enumerate(nodes)}
    xy = figure_layout.positions_array(pos, nodes)
    lx, ly = figure_layout.edge_coordinates(np.array([(where[u], where[v]) for u, v in lost]).reshape(-1, 2), xy)
    fig.add_trace(
        go.Scatter(
            x=lx,
            y=ly,
            mode="lines",
            name=f"ties lost (on {m} only)",
            hoverinfo="skip",
            line=dict(width=1.5, color=HIGHLIGHT, dash="dot"),
        )
    )
    fig.data = (fig.data[0], fig.data[-1], *fig.data[1:-1])  # lost ties under the people
    fig.layout.meta = {**fig.layout.meta, "lost": len(lost), "parts": len(parts)}
    return fig


def overlap_figure(G):
    """A heatmap of the overlap (Jaccard index) between each pair of media.

    Hover shows how many ties the two media share, out of the ties on either.
    The diagonal (a medium with itself) is left blank.

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap trace, ``z`` in the network's order of media.

    Raises
    ------
    EmptyNetworkError
    ValueError
        If the network has fewer than two media (there is nothing to compare).

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> fig = overlap_figure(multiplex_class())
    >>> list(fig.data[0].x)
    ['WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    import plotly.graph_objects as go

    H = combined_ties(G)
    media = H.graph["media"]
    if len(media) < 2:
        raise ValueError(f"overlap compares two media, but this network has {_plural(len(media), 'medium', 'media')}")
    counts = overlap_counts(H)
    size = len(media)
    z = [[None] * size for _ in range(size)]
    text = [[""] * size for _ in range(size)]
    hover = [[f"{a}: the same layer" for a in media] for _ in media]
    for (a, b), (shared, either) in counts.items():
        i, j = media.index(a), media.index(b)
        value = shared / either
        for r, c in ((i, j), (j, i)):
            z[r][c] = value
            text[r][c] = f"{value:.2f}"
            hover[r][c] = (
                f"<b>{a} and {b}</b><br>{shared} of the {either} ties on either live on both<br>overlap {value:.2f}"
            )
    fig = go.Figure(
        go.Heatmap(
            x=media,
            y=media,
            z=z,
            zmin=0,
            zmax=1,
            colorscale=COLOURSCALE,  # no glaring white cells in a dark theme
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text="overlap"), thickness=14),
        )
    )
    return _layout(
        fig,
        "Overlap between media: the share of their ties that live on both (Jaccard)",
        260 + 50 * size,
        xaxis=dict(showgrid=False, side="bottom"),
        yaxis=dict(autorange="reversed", showgrid=False),
        margin=dict(l=100, r=20, t=60, b=50),
    )


def media_reach_figure(G, who=None):
    """Bars: the share of the network each medium reaches, or of one person's friends.

    Parameters
    ----------
    G : networkx graph
    who : person, optional
        Show the share of this person's friends each medium ties them to.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace, media from the one reaching most to the least.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError
    ValueError
        If `who` has no ties.

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> fig = media_reach_figure(multiplex_class())
    >>> list(fig.data[0].y)[:2]
    ['WhatsApp', 'Instagram']
    """
    import plotly.graph_objects as go

    H = combined_ties(G)
    colours = medium_colours(H)
    if who is None:
        total = len(H)
        counts = {m: len(reached_by(H, m)) for m in H.graph["media"]}
        unit = "people"
        title = "Whom each medium reaches: people with at least one tie on it"
    else:
        p = measures.person(H, who)
        total = len([q for q in H[p] if q != p])
        if total == 0:
            raise ValueError(f"{p!r} has no ties, so no medium reaches any of their friends")
        counts = {m: len(f) for m, f in friends_by_medium(H, p).items()}
        unit = f"of {p}'s friends"
        title = f"Which medium reaches most of {p}'s friends?"
    order = sorted(counts, key=lambda m: -counts[m])
    fig = go.Figure(
        go.Bar(
            y=order,
            x=[counts[m] / total for m in order],
            orientation="h",
            marker=dict(color=[colours[m] for m in order], line=dict(width=1, color=NEUTRAL)),
            text=[f"{counts[m]} of {total}" for m in order],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"<b>{m}</b><br>{counts[m]} of {total} {unit}" for m in order],
            hoverinfo="text",
        )
    )
    return _layout(
        fig,
        title,
        120 + 45 * len(order),
        xaxis=dict(
            range=[0, 1.15],
            tickformat=".0%",
            title=dict(text=f"share {'of the people' if who is None else 'of the friends'}"),
        ),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        margin=dict(l=90, r=20, t=60, b=50),
    )


def removal_figure(G):
    """Bars: for each medium removed, the share of ties kept and of people still connected.

    "Still connected" are the people of the network's main part who are not
    cut off (see :func:`removal_effect`).

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces, ``"ties kept"`` and ``"people still connected"``.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> [t.name for t in removal_figure(multiplex_class()).data]
    ['ties kept', 'people still connected']
    """
    import plotly.graph_objects as go

    effects = removal_effects(G)
    names = [f"without {r.medium}" for r in effects]
    ties = [r.share_kept for r in effects]
    main = [r.main_part / (r.main_part + len(r.cut_off)) for r in effects]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=ties,
                orientation="h",
                name="ties kept",
                marker=dict(color=COLOURWAY[0]),
                text=[f"{r.ties_kept:,} of {r.ties:,}" for r in effects],
                textposition="outside",
                cliponaxis=False,
                hovertext=[str(r) for r in effects],
                hoverinfo="text",
            ),
            go.Bar(
                y=names,
                x=main,
                orientation="h",
                name="people still connected",
                marker=dict(color=COLOURWAY[1]),
                text=[f"{r.main_part:,} of {r.main_part + len(r.cut_off):,}" for r in effects],
                textposition="outside",
                cliponaxis=False,
                hovertext=[str(r) for r in effects],
                hoverinfo="text",
            ),
        ]
    )
    return _layout(
        fig,
        "Remove one medium: what is left of the network?",
        160 + 70 * len(effects),
        barmode="group",
        xaxis=dict(range=[0, 1.18], tickformat=".0%"),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        legend=dict(orientation="h", y=-0.12),
        margin=dict(l=130, r=20, t=60, b=60),
    )


def combinations_figure(G, *, title=None):
    """Bars: how many ties live on each combination of media (see :func:`media_combinations`).

    Parameters
    ----------
    G : networkx graph
    title : str, optional
        The figure's title (default: says what the bars count).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace, the most common combination at the top; each bar is
        labelled with its number of ties and its share of all ties.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> list(combinations_figure(multiplex_class()).data[0].y)[:2]
    ['WhatsApp only', 'WhatsApp + Instagram']
    """
    import plotly.graph_objects as go

    counts = media_combinations(G)
    total = sum(counts.values())
    names = [(ms[0] + " only") if len(ms) == 1 else (" + ".join(ms) or "no medium") for ms in counts]
    values = list(counts.values())
    fig = go.Figure(
        go.Bar(
            y=names,
            x=values,
            orientation="h",
            marker=dict(color=COLOURWAY[0], line=dict(width=1, color=NEUTRAL)),
            text=[f"{v:,} ({v / total:.0%})" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"<b>{n}</b><br>{v:,} of the {total:,} ties" for n, v in zip(names, values)],
            hoverinfo="text",
        )
    )
    return _layout(
        fig,
        title or f"Which media each tie lives on ({total:,} ties)",
        140 + 40 * len(names),
        xaxis=dict(range=[0, max(values) * 1.3], title=dict(text="ties"), rangemode="tozero"),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        margin=dict(l=10, r=20, t=60, b=50),
    )
