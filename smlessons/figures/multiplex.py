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
from ..i18n import N_, format_number, join_and, translator
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
    "removal_text",
]

_COLOUR_WORDS = N_("ties in this view")  # draw_multiplex: what the colour of a person shows
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


def draw_layers(
    G,
    *,
    highlight=None,
    seed: int = 0,
    pos=None,
    columns: int | None = None,
    height: int | None = None,
    language: str | None = None,
):
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
    t = translator(language)
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
        label = t.gettext("All media") if m is None else m
        titles.append(
            t.ngettext(
                "<b>{label}</b>: {count} tie, {reached} of {people} people",
                "<b>{label}</b>: {count} ties, {reached} of {people} people",
                ties,
                label=label,
                count=format_number(ties, t.language),
                reached=format_number(reached, t.language),
                people=format_number(len(nodes), t.language),
            )
        )

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
                name=t.gettext("ties: {medium}", medium=m or t.gettext("all media")),
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
                ties = t.ngettext("{count} tie", "{count} ties", deg[p], count=format_number(deg[p], t.language))
                return f"<b>{p}</b><br>{ties}<br>{counts}"
            if not deg[p]:
                return f"<b>{p}</b><br>" + t.gettext("no tie on {medium}", medium=m)
            return f"<b>{p}</b><br>" + t.ngettext(
                "{count} tie on {medium}",
                "{count} ties on {medium}",
                deg[p],
                count=format_number(deg[p], t.language),
                medium=m,
            )

        for idx, filled in ((on, True), (off, False)):
            if not idx:
                continue
            fig.add_trace(
                go.Scatter(
                    x=xy[idx, 0],
                    y=xy[idx, 1],
                    mode="markers",
                    showlegend=False,
                    name=(
                        t.gettext("reached: {medium}", medium=m or t.gettext("all media"))
                        if filled
                        else t.gettext("not reached: {medium}", medium=m or t.gettext("all media"))
                    ),
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
    name = network_figures.network_name(H, t)
    _layout(
        fig,
        t.gettext("{name}: one network, one layer per medium", name=name),
        total,
        meta={"panels": [t.gettext("All media"), *media], "ties": tie_counts, "reached": reached_counts},
    )
    for annotation in fig.layout.annotations:  # the panel titles
        annotation.font = dict(size=12)
    return fig


def draw_multiplex(G, *, seed: int = 0, pos=None, height: int = 560, language: str | None = None):
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
    t = translator(language)
    H = combined_ties(G)
    if pos is None:
        pos = figure_layout.layout(H, seed=seed)
    media = H.graph["media"]
    name = network_figures.network_name(H, t)
    views = [None, *media]
    labels = [t.gettext("All media"), *media]
    colour_words = t.gettext(_COLOUR_WORDS)
    traces, owner, titles, ties = [], [], [], []
    for k, m in enumerate(views):
        if m is None:
            title = t.gettext("{name}: all ties", name=name)
        else:
            title = t.gettext("{name}: the ties on {medium}", name=name, medium=m)
        part = network_figures.draw_network(
            H, platform=m, pos=pos, color_by="degree", height=height - 40, title=title, language=t.language
        )  # 40: the menu
        n = part.layout.meta["ties"]
        ties.append(n)
        titles.append(
            t.ngettext(
                "{title} ({count} tie; colour: {colour})",
                "{title} ({count} ties; colour: {colour})",
                n,
                title=title,
                count=format_number(n, t.language),
                colour=colour_words,
            )
        )
        for trace in part.data:
            if trace.marker is not None and trace.marker.colorbar is not None and trace.marker.showscale:
                trace.marker.colorbar.title.text = colour_words  # the same words as the title
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


def draw_without(G, platform, *, seed: int = 0, pos=None, height: int | None = None, language: str | None = None):
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

    t = translator(language)
    H = combined_ties(G)
    m = find_medium(H, platform)
    after = without_medium(H, m)
    if pos is None:
        pos = figure_layout.layout(H, seed=seed)
    parts = sorted(nx.connected_components(after), key=lambda c: (-len(c), sort_key(sorted_nodes(c)[0])))
    label = {p: t.gettext("Part {number}", number=k) for k, c in enumerate(parts, start=1) for p in c}
    effect = removal_effect(H, m)
    title = t.gettext(
        "Without {medium}: {parts}, {cut_off} cut off",
        medium=m,
        parts=t.ngettext(
            "{count} connected part", "{count} connected parts", len(parts), count=format_number(len(parts), t.language)
        ),
        cut_off=t.ngettext(
            "{count} person",
            "{count} people",
            len(effect.cut_off),
            count=format_number(len(effect.cut_off), t.language),
        ),
    )
    lost = [(u, v) for u, v, ms in H.edges(data="platform") if ms == (m,)]
    fig = network_figures.draw_network(
        after, color_by=label, pos=pos, height=height, title=title, _avoid=lost, language=t.language
    )
    nodes = list(H)
    where = {p: i for i, p in enumerate(nodes)}
    xy = figure_layout.positions_array(pos, nodes)
    lx, ly = figure_layout.edge_coordinates(np.array([(where[u], where[v]) for u, v in lost]).reshape(-1, 2), xy)
    fig.add_trace(
        go.Scatter(
            x=lx,
            y=ly,
            mode="lines",
            name=t.gettext("ties lost (on {medium} only)", medium=m),
            hoverinfo="skip",
            line=dict(width=1.5, color=HIGHLIGHT, dash="dot"),
        )
    )
    fig.data = (fig.data[0], fig.data[-1], *fig.data[1:-1])  # lost ties under the people
    fig.layout.meta = {**fig.layout.meta, "lost": len(lost), "parts": len(parts)}
    return fig


def overlap_figure(G, *, language: str | None = None):
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
        raise ValueError(
            f"overlap compares two media, but this network has {len(media)} {'medium' if len(media) == 1 else 'media'}"
        )
    t = translator(language)
    counts = overlap_counts(H)
    size = len(media)
    z = [[None] * size for _ in range(size)]
    text = [[""] * size for _ in range(size)]
    hover = [[t.gettext("{medium}: the same layer", medium=a) for a in media] for _ in media]
    for (a, b), (shared, either) in counts.items():
        i, j = media.index(a), media.index(b)
        value = shared / either
        for r, c in ((i, j), (j, i)):
            z[r][c] = value
            text[r][c] = format_number(value, t.language, 2)
            hover[r][c] = f"<b>{join_and([a, b], t.language)}</b><br>" + t.gettext(
                "{shared} of the {either} ties on either live on both<br>overlap {value}",
                shared=format_number(shared, t.language),
                either=format_number(either, t.language),
                value=format_number(value, t.language, 2),
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
            colorbar=dict(title=dict(text=t.gettext("overlap")), thickness=14),
        )
    )
    return _layout(
        fig,
        t.gettext("Overlap between media: the share of their ties that live on both (Jaccard)"),
        260 + 50 * size,
        xaxis=dict(showgrid=False, side="bottom"),
        yaxis=dict(autorange="reversed", showgrid=False),
        margin=dict(l=100, r=20, t=60, b=50),
    )


def media_reach_figure(G, who=None, *, language: str | None = None):
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

    t = translator(language)
    H = combined_ties(G)
    colours = medium_colours(H)
    if who is None:
        total = len(H)
        counts = {m: len(reached_by(H, m)) for m in H.graph["media"]}
        hover = N_("<b>{medium}</b><br>{count} of {total} people")
        p = None
        title = t.gettext("Whom each medium reaches: people with at least one tie on it")
    else:
        p = measures.person(H, who)
        total = len([q for q in H[p] if q != p])
        if total == 0:
            raise ValueError(f"{p!r} has no ties, so no medium reaches any of their friends")
        counts = {m: len(f) for m, f in friends_by_medium(H, p).items()}
        hover = N_("<b>{medium}</b><br>{count} of {total} of {person}'s friends")
        title = t.gettext("Which medium reaches most of {person}'s friends?", person=p)
    order = sorted(counts, key=lambda m: -counts[m])
    fig = go.Figure(
        go.Bar(
            y=order,
            x=[counts[m] / total for m in order],
            orientation="h",
            marker=dict(color=[colours[m] for m in order], line=dict(width=1, color=NEUTRAL)),
            text=[
                t.gettext(
                    "{part} of {whole}",
                    part=format_number(counts[m], t.language),
                    whole=format_number(total, t.language),
                )
                for m in order
            ],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                t.gettext(
                    hover,
                    medium=m,
                    count=format_number(counts[m], t.language),
                    total=format_number(total, t.language),
                    person=p,
                )
                for m in order
            ],
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
            title=dict(text=t.gettext("share of the people") if who is None else t.gettext("share of the friends")),
        ),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        margin=dict(l=90, r=20, t=60, b=50),
    )


def removal_figure(G, *, language: str | None = None):
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

    t = translator(language)
    effects = removal_effects(G)
    names = [t.gettext("without {medium}", medium=r.medium) for r in effects]
    hovers = [removal_text(r, t.language) for r in effects]
    ties = [r.share_kept for r in effects]
    main = [r.main_part / (r.main_part + len(r.cut_off)) for r in effects]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=ties,
                orientation="h",
                name=t.gettext("ties kept"),
                marker=dict(color=COLOURWAY[0]),
                text=[
                    t.gettext(
                        "{part} of {whole}",
                        part=format_number(r.ties_kept, t.language),
                        whole=format_number(r.ties, t.language),
                    )
                    for r in effects
                ],
                textposition="outside",
                cliponaxis=False,
                hovertext=hovers,
                hoverinfo="text",
            ),
            go.Bar(
                y=names,
                x=main,
                orientation="h",
                name=t.gettext("people still connected"),
                marker=dict(color=COLOURWAY[1]),
                text=[
                    t.gettext(
                        "{part} of {whole}",
                        part=format_number(r.main_part, t.language),
                        whole=format_number(r.main_part + len(r.cut_off), t.language),
                    )
                    for r in effects
                ],
                textposition="outside",
                cliponaxis=False,
                hovertext=hovers,
                hoverinfo="text",
            ),
        ]
    )
    return _layout(
        fig,
        t.gettext("Remove one medium: what is left of the network?"),
        160 + 70 * len(effects),
        barmode="group",
        xaxis=dict(range=[0, 1.18], tickformat=".0%"),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        legend=dict(orientation="h", y=-0.12),
        margin=dict(l=130, r=20, t=60, b=60),
    )


def combinations_figure(G, *, title=None, language: str | None = None):
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

    t = translator(language)
    counts = media_combinations(G)
    total = sum(counts.values())
    names = [
        t.gettext("{medium} only", medium=ms[0]) if len(ms) == 1 else (" + ".join(ms) or t.gettext("no medium"))
        for ms in counts
    ]
    values = list(counts.values())
    fig = go.Figure(
        go.Bar(
            y=names,
            x=values,
            orientation="h",
            marker=dict(color=COLOURWAY[0], line=dict(width=1, color=NEUTRAL)),
            text=[f"{format_number(v, t.language)} ({v / total:.0%})" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"<b>{n}</b><br>"
                + t.gettext(
                    "{count} of the {total} ties",
                    count=format_number(v, t.language),
                    total=format_number(total, t.language),
                )
                for n, v in zip(names, values)
            ],
            hoverinfo="text",
        )
    )
    return _layout(
        fig,
        title or t.gettext("Which media each tie lives on ({total} ties)", total=format_number(total, t.language)),
        140 + 40 * len(names),
        xaxis=dict(range=[0, max(values) * 1.3], title=dict(text=t.gettext("ties")), rangemode="tozero"),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        margin=dict(l=10, r=20, t=60, b=50),
    )


_LISTED = 15  # a longer list of people is cut short: "1, 2, ... and 300 more"


def _some(people, t) -> str:
    if len(people) <= _LISTED:
        return join_and(people, t.language)
    more = len(people) - (_LISTED - 3)
    return t.ngettext(
        "{people} and {count} more",
        "{people} and {count} more",
        more,
        people=", ".join(map(str, people[: _LISTED - 3])),
        count=format_number(more, t.language),
    )


def removal_text(removal, language: str | None = None) -> str:
    """What removing one medium did (a :class:`~smlessons.engine.multilayer.Removal`), in a sentence or two.

    In `language` (default: the environment's, see :func:`smlessons.i18n.resolve_language`).

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> from smlessons.engine.multilayer import removal_effect
    >>> print(removal_text(removal_effect(multiplex_class(), "TikTok"), "en"))
    Without TikTok: 49 of 50 ties kept (98%); 1 connected part (before: 1). Nobody is cut off from the rest.
    >>> print(removal_text(removal_effect(multiplex_class(), "TikTok"), "it"))
    Senza TikTok: restano 49 legami su 50 (98%); 1 parte connessa (prima: 1). Nessuno resta tagliato fuori dal resto della rete.
    """
    t = translator(language)
    r = removal
    text = t.gettext(
        "Without {medium}: {kept} of {ties} ties kept ({share}); {parts} (before: {before}).",
        medium=r.medium,
        kept=format_number(r.ties_kept, t.language),
        ties=format_number(r.ties, t.language),
        share=f"{r.share_kept:.0%}",
        parts=t.ngettext(
            "{count} connected part", "{count} connected parts", r.parts, count=format_number(r.parts, t.language)
        ),
        before=format_number(r.parts_before, t.language),
    )
    if not r.cut_off:
        return text + " " + t.gettext("Nobody is cut off from the rest.")
    n = len(r.cut_off)
    text += " " + t.ngettext(
        "{count} person cut off from the rest: {people}.",
        "{count} people cut off from the rest: {people}.",
        n,
        count=format_number(n, t.language),
        people=_some(r.cut_off, t),
    )
    if r.isolated:
        k = len(r.isolated)
        people = _some(r.isolated, t)
        if k > _LISTED:
            people = t.ngettext(
                "{count} person: {people}",
                "{count} people: {people}",
                k,
                count=format_number(k, t.language),
                people=people,
            )
        text += " " + t.gettext("Left with no tie at all: {people}.", people=people)
    return text
