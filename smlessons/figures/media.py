"""Lesson 3's platform table as figures: formats, kinds of tie, launch dates.

The table itself is :mod:`smlessons.datasets.platforms`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import plotly.graph_objects as go

from ..datasets.platforms import FORMATS, PATTERN_LABELS, PATTERNS, TIE_LABELS, TIES, Platform, load_platforms
from ..i18n import N_, translator
from .theme import COLOURWAY, NEUTRAL, template

__all__ = [
    "formats_matrix_figure",
    "tie_types_figure",
    "launch_timeline_figure",
]

# Each kind of tie and each pattern its colour of the course's colourway, in order.
_COLOURS = {
    **dict(zip([t for t in TIES if t != "none"], COLOURWAY)),
    "none": NEUTRAL,
    **dict(zip(PATTERNS, COLOURWAY)),
}


def _table(platforms, language: str) -> list[Platform]:
    if platforms is None:
        return list(load_platforms(language=language).values())
    values = list(platforms.values()) if isinstance(platforms, Mapping) else list(platforms)
    if not values:
        raise ValueError("no platforms to draw")
    for p in values:
        if not isinstance(p, Platform):
            raise TypeError(f"expected Platform objects, got {type(p).__name__}")
    return values


#: The content formats in words (the data's keys are English words).
_FORMAT_WORDS = {
    "text": N_("text"),
    "photo": N_("photo"),
    "video": N_("video"),
    "voice": N_("voice"),
    "live": N_("live"),
}


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _hover(p: Platform, headline: str, fact: str, t, note: bool = True) -> str:
    parts = [f"<b>{p.name}</b>: {headline}"]
    if note and p.note:
        parts.append(_wrap(p.note))
    parts.append(_wrap(t.gettext("Source: {source}", source=p.source(fact))))
    parts.append(t.gettext("As of {date}", date=p.as_of))
    return "<br>".join(parts)


def formats_matrix_figure(platforms=None, *, language: str | None = None) -> go.Figure:
    """A grid of platforms by content format.

    A filled marker means the format is one of the platform's main
    formats; a hollow one means it is not (shape, not only colour, tells
    them apart). Hovering shows the source.

    Parameters
    ----------
    platforms : dict or iterable of Platform, optional
        The shipped table by default, its texts in `language`.
    language : str, optional
        The language of the figure's words, hover texts and citations
        (``"en"``, ``"it"``); by default the environment's.

    Returns
    -------
    plotly.graph_objects.Figure
        Two scatter traces, ``"main format"`` and ``"not a main format"``.

    Raises
    ------
    ValueError
        If `platforms` is empty.

    Examples
    --------
    >>> fig = formats_matrix_figure()
    >>> [trace.name for trace in fig.data]
    ['main format', 'not a main format']
    """
    t = translator(language)
    table = _table(platforms, t.language)
    cells = {True: ([], [], []), False: ([], [], [])}
    for p in table:
        for f in FORMATS:
            has = f in p.formats
            xs, ys, hover = cells[has]
            xs.append(f)
            ys.append(p.name)
            what = t.gettext(_FORMAT_WORDS[f]) if f in _FORMAT_WORDS else f
            headline = (
                t.gettext("offers {format}", format=what)
                if has
                else t.gettext("does not mainly offer {format}", format=what)
            )
            # The note is left out here: repeated in every cell it would
            # multiply the figure's size; the tie views show it.
            hover.append(_hover(p, headline, "formats", t, note=False))
    fig = go.Figure()
    for has, name, symbol in (
        (True, t.gettext("main format"), "circle"),
        (False, t.gettext("not a main format"), "circle-open"),
    ):
        xs, ys, hover = cells[has]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 18 if has else 10, "color": COLOURWAY[0] if has else NEUTRAL},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_layout(
        template=template(),
        title=t.gettext("Main content formats of each platform"),
        height=120 + 40 * len(table),
        margin={"l": 120, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.08},
        xaxis={
            "categoryorder": "array",
            "categoryarray": list(FORMATS),
            "tickmode": "array",
            "tickvals": list(FORMATS),
            "ticktext": [t.gettext(_FORMAT_WORDS[f]) for f in FORMATS],
            "side": "top",
            "fixedrange": True,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": [p.name for p in reversed(table)],
            "fixedrange": True,
        },
    )
    return fig


def tie_types_figure(platforms=None, by: str = "ties", *, language: str | None = None) -> go.Figure:
    """Platforms grouped by the kind of tie they create, or by communication pattern.

    One column per kind of tie (or pattern); each platform appears in
    every column it belongs to. Hovering shows the platform's note and
    the source.

    Parameters
    ----------
    platforms : dict or iterable of Platform, optional
        The shipped table by default, its texts in `language`.
    language : str, optional
        The language of the figure's words, hover texts and citations
        (``"en"``, ``"it"``); by default the environment's.
    by : {"ties", "patterns"}
        Group by kind of tie (:data:`TIES`) or by communication pattern
        (:data:`PATTERNS`).

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per column that has at least one platform, named
        by its label (:data:`TIE_LABELS` or :data:`PATTERN_LABELS`).

    Raises
    ------
    ValueError
        If `by` is neither ``"ties"`` nor ``"patterns"``, or `platforms`
        is empty.

    Examples
    --------
    >>> fig = tie_types_figure()
    >>> [trace.name for trace in fig.data]
    ['Mutual (both agree)', 'One-way (follow)', 'Group membership', 'No ties between people']
    >>> fig.data[0].text
    ('Facebook',)
    """
    if by not in ("ties", "patterns"):
        raise ValueError(f"by must be 'ties' or 'patterns', not {by!r}")
    t = translator(language)
    table = _table(platforms, t.language)
    categories, labels = (TIES, TIE_LABELS) if by == "ties" else (PATTERNS, PATTERN_LABELS)
    labels = {k: t.gettext(v) for k, v in labels.items()}
    fig = go.Figure()
    tallest = 1
    for col, cat in enumerate(categories):
        members = [p for p in table if cat in getattr(p, by)]
        if not members:
            continue
        tallest = max(tallest, len(members))
        fig.add_trace(
            go.Scatter(
                x=[col] * len(members),
                y=list(range(-1, -len(members) - 1, -1)),
                mode="markers+text",
                name=labels[cat],
                text=[p.name for p in members],
                textposition="middle right",
                marker={"size": 14, "color": _COLOURS[cat], "symbol": "square"},
                hovertext=[_hover(p, labels[cat], by, t) for p in members],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if by == "ties":
        title = t.gettext("Platforms by the kind of tie they create")
    else:
        title = t.gettext("Platforms by communication pattern")
    fig.update_layout(
        template=template(),
        title=title,
        showlegend=False,
        height=160 + 36 * tallest,
        margin={"l": 20, "r": 20, "t": 90, "b": 20},
        xaxis={
            "tickmode": "array",
            "tickvals": list(range(len(categories))),
            "ticktext": [labels[c] for c in categories],
            "side": "top",
            "range": [-0.3, len(categories) - 0.1],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={"visible": False, "range": [-tallest - 0.7, -0.3], "fixedrange": True},
    )
    return fig


def launch_timeline_figure(platforms=None, *, language: str | None = None) -> go.Figure:
    """The platforms by launch year, one row each, earliest at the top.

    Hovering shows what the year refers to and the source.

    Parameters
    ----------
    platforms : dict or iterable of Platform, optional
        The shipped table by default, its texts in `language`.
    language : str, optional
        The language of the figure's words, hover texts and citations
        (``"en"``, ``"it"``); by default the environment's.

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace, a marker per platform.

    Raises
    ------
    ValueError
        If `platforms` is empty.

    Examples
    --------
    >>> fig = launch_timeline_figure()
    >>> fig.data[0].x[:3]
    (2001, 2004, 2005)
    """
    t = translator(language)
    table = sorted(_table(platforms, t.language), key=lambda p: p.launched)
    hover = [
        "<br>".join(
            [
                f"<b>{p.name}</b> ({p.kind}): {p.launched}",
                _wrap(p.launched_what),
                _wrap(t.gettext("Source: {source}", source=p.source("launched"))),
            ]
        )
        for p in table
    ]
    fig = go.Figure(
        go.Scatter(
            x=[p.launched for p in table],
            y=[p.name for p in table],
            mode="markers+text",
            name=t.gettext("launch year"),
            text=[str(p.launched) for p in table],
            textposition="middle right",
            marker={"size": 12, "color": COLOURWAY[0]},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    first, last = table[0].launched, table[-1].launched
    fig.update_layout(
        template=template(),
        title=t.gettext("When each platform launched (hover to see what the year means)"),
        showlegend=False,
        height=120 + 36 * len(table),
        margin={"l": 120, "r": 20, "t": 60, "b": 40},
        xaxis={"range": [first - 1, last + 2], "dtick": 2, "showgrid": True, "fixedrange": True},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [p.name for p in reversed(table)],
            "showgrid": True,
            "fixedrange": True,
        },
    )
    return fig
