"""One network, many media: a multiplex network and what each medium does in it.

The same people are tied on several platforms. In a *multiplex* network each
tie carries the platform(s) it lives on: Ana and Rosa chat on WhatsApp and
follow each other on Instagram and TikTok; Ben and Uma are tied on Instagram
only. Which platform a tie lives on is a property of the **tie** (the edge),
not of the person: Ana has ties on TikTok, but her tie with Tariq does not
live there.

Each platform's ties form a *layer* (see :func:`smlessons.networks.layer`);
all the ties together form the *combined* network. This module measures how
much the layers overlap, what is left of the network when one medium is
removed, and whom each medium reaches; and it draws the layers with plotly.
For the lesson 6 assessment, :func:`student_multiplex` puts each student's
own network (:func:`smlessons.networks.student_network`) on four media.

The data is a networkx graph whose ties have a ``platform`` attribute: a
string, or a collection of strings for a tie on several platforms. A
``MultiGraph`` with one edge per platform works too. A tie with no platform
(friends who only meet in person) belongs to no layer and is never removed.
Platform names are those of lesson 3's platform table
(``smlessons/data/platforms.json``); a question may use an alias there
(``"Twitter"`` finds ``"X (Twitter)"``).

Plain Python on networkx and numpy; plotly is imported only when a figure is
drawn or lesson 3's platform table is read (to build the class, or to look up
a name the network does not have). Not imported by ``import smlessons``::

    from smlessons.multiplex import multiplex_class, layers, overlap

Bad input gets a clear error (the classes of :mod:`smlessons.networks`):
:class:`EmptyNetworkError` for a network with nobody in it,
:class:`PersonNotFoundError` for a person who is not in it,
:class:`PlatformNotFoundError` for a platform that is not in the data or
that no tie of the network lives on.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import networkx as nx
import numpy as np

from . import networks
from .networks import (
    EmptyNetworkError,
    PersonNotFoundError,
    PlatformNotFoundError,
    _norm,
    _platform_values,
    _sort_key,
    _sorted,
    _tie,
)

__all__ = [
    "EmptyNetworkError",
    "PersonNotFoundError",
    "PlatformNotFoundError",
    "MEDIA",
    "PROFILES",
    "Profile",
    "Removal",
    "multiplex_class",
    "media_of",
    "medium",
    "combined",
    "layers",
    "ties_on",
    "overlap",
    "without_medium",
    "removal_effect",
    "removal_effects",
    "reached_by",
    "reach",
    "coverage",
    "friends_by_medium",
    "best_media",
    "media_combinations",
    "reachable",
    "medium_colours",
    "draw_layers",
    "draw_multiplex",
    "draw_without",
    "overlap_figure",
    "reach_figure",
    "removal_figure",
    "combinations_figure",
]

#: The media of :func:`multiplex_class` by default (names as in lesson 3's table).
MEDIA = ("WhatsApp", "Instagram", "TikTok", "Minecraft")


@dataclass(frozen=True)
class Profile:
    """How :func:`multiplex_class` puts ties on one medium. Invented numbers, not data.

    Attributes
    ----------
    users : float
        The chance that a person of the class uses the medium at all.
    close : float
        The chance that a tie *within* a friendship group lives on the medium,
        when both people use it.
    across : float
        The weight of the medium when a tie *between* two groups picks the
        one medium it lives on (relative to the other media both people use).
    """

    users: float
    close: float
    across: float


#: The profiles of :func:`multiplex_class`. **Invented** to make a class to
#: practise on: they are not usage statistics of these platforms. A medium
#: that is not listed gets :data:`_DEFAULT_PROFILE`.
PROFILES = {
    "WhatsApp": Profile(users=1.0, close=0.8, across=1.0),
    "Instagram": Profile(users=0.85, close=0.7, across=2.0),
    "TikTok": Profile(users=0.5, close=0.5, across=2.0),
    "Minecraft": Profile(users=0.35, close=0.8, across=1.0),
}
_DEFAULT_PROFILE = Profile(users=0.5, close=0.5, across=1.0)

# A second random stream for the media, independent of the one that makes the
# class, so that multiplex_class(seed=s) has exactly the ties of class_network(seed=s).
# Picked among the first 200 streams so that the default class makes good
# exercises: each of lesson 6's questions has one right answer, and it is not
# the obvious guess (the medium with the most ties).
_MEDIA_STREAM = 141

# One colour per medium in the network's order, from the course colourway (smlessons.figures): each reads on light and dark backgrounds.
_MEDIUM_COLOURS = ("#228833", "#AA3377", "#4477AA", "#B8860B", "#EE6677", "#0F8F8F", "#9467BD", "#9C755F")
_ALL_COLOUR = "#797979"
_COLOUR_WORDS = "ties in this view"  # draw_multiplex: what the colour of a person shows
_GAP = "  "  # after a bar's name, so that a bar's label at 0 does not touch it
_FADED = "#b0b0b0"
_HIGHLIGHT = "#D55E00"


# ---------------------------------------------------------------------------
# Helpers


def _check(G) -> None:
    networks._check_graph(G)  # TypeError for a non-graph, EmptyNetworkError for nobody


def _and(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(k: int, word: str, many: str | None = None) -> str:
    return f"{k} {word if k == 1 else (many or word + 's')}"


@lru_cache(maxsize=1)
def _platform_names() -> dict:
    """``{casefolded name or alias: (name, creates ties?)}`` from lesson 3's table."""
    from .media import load_platforms  # imports plotly: only when a name is not in the network

    out = {}
    for p in load_platforms().values():
        for n in (p.name, *p.aliases):
            out[_norm(n)] = (p.name, p.ties != ("none",))
    return out


def _ordered(found, preferred) -> list[str]:
    """The media in `found`, those named in `preferred` first and in its order."""
    rank = {m: i for i, m in enumerate(preferred)}
    return sorted(found, key=lambda m: (rank.get(m, len(rank)), m.casefold()))


def _combined(G) -> nx.Graph:
    """One simple tie per pair; ``platform`` is the tuple of its media, in the network's order."""
    _check(G)
    found: dict[tuple, set] = {}
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, value in G.edges(data="platform"):
        if u == v:
            continue
        found.setdefault(_tie(u, v), set()).update(_platform_values(value))
    media = _ordered({m for ms in found.values() for m in ms}, G.graph.get("media", ()))
    H.graph["media"] = media
    H.add_edges_from((u, v, {"platform": tuple(m for m in media if m in ms)}) for (u, v), ms in found.items())
    return H


def _layer_ties(H, m) -> set:
    return {(u, v) if _sort_key(u) <= _sort_key(v) else (v, u) for u, v, ms in H.edges(data="platform") if m in ms}


# ---------------------------------------------------------------------------
# Data


def multiplex_class(
    n: int = 24, *, groups: int = 4, p_in: float = 0.7, media=MEDIA, seed: int = 7
) -> nx.Graph:
    """A synthetic class whose ties each live on one or more media.

    The people and ties are those of :func:`smlessons.networks.class_network`
    with the same arguments (the class of lesson 4 by default). Each tie then
    gets the media it lives on, at random from a fixed seed, following
    :data:`PROFILES` (invented numbers, not usage statistics):

    1. each person uses each medium with the chance ``users`` (this is only
       used to build the ties: the graph records media on ties, not on people);
    2. a tie *within* a friendship group (close friends) lives on each medium
       both people use with the chance ``close``, and on at least one;
    3. a tie *between* two groups (acquaintances) lives on exactly one
       medium, picked among those both use with the weights ``across``.

    Rules 2 and 3 follow a pattern found in studies of media use: the
    stronger a tie, the more media it uses (Haythornthwaite 2005, "media
    multiplexity"). Every medium gets at least one tie. The network is
    invented, for practice: it is not data about real people or platforms.

    Parameters
    ----------
    n, groups, p_in
        As in :func:`~smlessons.networks.class_network`.
    media : sequence of str, default :data:`MEDIA`
        Platform names (or aliases) from lesson 3's platform table, each
        creating ties between people (not Wikipedia, for example).
    seed : int, default 7
        Seed of both the class and its media: the same arguments always give
        the same network.

    Returns
    -------
    networkx.Graph
        Each tie's ``platform`` is a tuple of media names, in the order of
        `media`. ``graph["media"]`` lists the media, ``graph["synthetic"]`` is
        True. People keep their ``group``.

    Raises
    ------
    TypeError
        If `media` is not a sequence of strings, or for the arguments
        ``class_network`` rejects.
    ValueError
        If `media` is empty, names a platform twice, names a platform that
        is not in the platform table, or one that creates no ties between
        people; and for the arguments ``class_network`` rejects.

    References
    ----------
    Haythornthwaite, C. (2005). Social networks and Internet connectivity
    effects. *Information, Communication & Society*, 8(2), 125-147.

    Examples
    --------
    >>> G = multiplex_class()
    >>> G.graph["synthetic"], G.graph["media"]
    (True, ['WhatsApp', 'Instagram', 'TikTok', 'Minecraft'])
    >>> nx.utils.edges_equal(G.edges(), networks.class_network().edges())
    True
    >>> all(G.edges[e]["platform"] for e in G.edges())
    True
    """
    if isinstance(media, str) or not hasattr(media, "__iter__"):
        raise TypeError(f"media must be a list of platform names, e.g. ['WhatsApp', 'TikTok'], not {media!r}")
    media = list(media)
    if not media:
        raise ValueError("media must name at least one platform")
    names = _platform_names()
    chosen = []
    for m in media:
        if not isinstance(m, str):
            raise TypeError(f"a platform is named by a string, not {type(m).__name__} ({m!r})")
        found = names.get(_norm(m))
        if found is None:
            close = difflib.get_close_matches(_norm(m), list(names), n=1, cutoff=0.6)
            hint = f" Did you mean {names[close[0]][0]!r}?" if close else ""
            known = _and(sorted({name for name, _ in names.values()}, key=str.casefold))
            raise ValueError(f"{m!r} is not in the platform table of lesson 3 (it has {known}).{hint}")
        name, makes_ties = found
        if not makes_ties:
            raise ValueError(
                f"{name} creates no ties between people (lesson 3), so no tie can live on it; "
                f"choose media with ties, e.g. {_and(MEDIA)}"
            )
        if name in chosen:
            raise ValueError(f"media names {name} twice")
        chosen.append(name)

    G = networks.class_network(n, groups=groups, p_in=p_in, seed=seed)
    G.graph.update(name=f"A synthetic class on {len(chosen)} media", media=list(chosen), synthetic=True)
    rng = np.random.default_rng([int(seed), _MEDIA_STREAM])
    profile = {m: PROFILES.get(m, _DEFAULT_PROFILE) for m in chosen}
    people = list(G)
    uses = {m: {p for p in people if rng.random() < profile[m].users} for m in chosen}
    for u, v in G.edges():
        both = [m for m in chosen if u in uses[m] and v in uses[m]] or chosen  # they must share something
        if G.nodes[u]["group"] == G.nodes[v]["group"]:
            on = [m for m in both if rng.random() < profile[m].close]
            weights = np.array([profile[m].close for m in both])
            if not on:
                on = [both[rng.choice(len(both), p=weights / weights.sum())]]
        else:
            weights = np.array([profile[m].across for m in both])
            on = [both[rng.choice(len(both), p=weights / weights.sum())]]
        G.edges[u, v]["platform"] = tuple(m for m in chosen if m in on)
    close_ties = [(u, v) for u, v in G.edges() if G.nodes[u]["group"] == G.nodes[v]["group"]] or list(G.edges())
    for m in chosen:
        if not any(m in ms for *_, ms in G.edges(data="platform")):
            users = [e for e in close_ties if e[0] in uses[m] and e[1] in uses[m]] or close_ties
            u, v = users[rng.integers(len(users))]
            G.edges[u, v]["platform"] = tuple(x for x in chosen if x in {*G.edges[u, v]["platform"], m})
    return G


# ---------------------------------------------------------------------------
# Layers


def media_of(G) -> list[str]:
    """The media the ties of `G` live on, in the network's order.

    The order is that of ``G.graph["media"]`` when the network has one (as
    :func:`multiplex_class` gives), then alphabetical.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.

    Examples
    --------
    >>> media_of(multiplex_class())
    ['WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    return _ordered(networks.platforms(G), G.graph.get("media", ()))


def medium(G, name) -> str:
    """The medium of `G` that `name` names (ignoring case, spaces; aliases allowed).

    Parameters
    ----------
    G : networkx graph
    name : str
        E.g. ``"tiktok"``, or an alias from lesson 3's table (``"Twitter"``).

    Returns
    -------
    str
        The name as the network spells it.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.
    PlatformNotFoundError
        If no tie of `G` lives on that platform; the message says whether the
        platform is in the course's data at all, and lists the network's media.
    TypeError
        If `name` is not a string.

    Examples
    --------
    >>> G = multiplex_class()
    >>> medium(G, " tiktok ")
    'TikTok'
    """
    known = media_of(G)
    if not isinstance(name, str):
        raise TypeError(f"a medium is named by a string, e.g. 'WhatsApp', not {type(name).__name__}")
    wanted = _norm(name)
    for m in known:
        if _norm(m) == wanted:
            return m
    listed = _and(known) if known else "none (no tie has a 'platform' attribute)"
    names = _platform_names()
    found = names.get(wanted)
    if found is not None:  # a name or alias of lesson 3's table: is that platform in the network?
        for m in known:
            if names.get(_norm(m), (None,))[0] == found[0]:
                return m
        raise PlatformNotFoundError(
            f"no tie in this network lives on {found[0]}; its media are: {listed}", name
        )
    close = difflib.get_close_matches(wanted, [_norm(m) for m in known], n=1, cutoff=0.6)
    hint = f" Did you mean {next(m for m in known if _norm(m) == close[0])!r}?" if close else ""
    raise PlatformNotFoundError(
        f"{name!r} is not a medium of this network, nor a platform of the course's data; "
        f"the media of this network are: {listed}.{hint}",
        name,
    )


def combined(G) -> nx.Graph:
    """All media together: one tie per pair of people tied on any medium.

    Parameters
    ----------
    G : networkx graph
        Ties with a ``platform`` attribute; several edges between the same two
        people (a ``MultiGraph``) or both directions of a directed tie become
        one tie.

    Returns
    -------
    networkx.Graph
        A new graph with everybody; each tie's ``platform`` is the tuple of the
        media it lives on (empty for a tie on no medium), and
        ``graph["media"]`` lists the media.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> M = nx.MultiGraph()
    >>> M.add_edges_from([("Ana", "Ben", {"platform": "WhatsApp"}), ("Ben", "Ana", {"platform": "Instagram"})])
    [0, 1]
    >>> C = combined(M)
    >>> C.number_of_edges(), C.edges["Ana", "Ben"]["platform"]
    (1, ('Instagram', 'WhatsApp'))
    """
    return _combined(G)


def layers(G) -> dict[str, nx.Graph]:
    """Every medium's layer: ``{medium: the network of its ties only}``.

    Each layer has everybody in it, tied or not (see
    :func:`smlessons.networks.layer`), so that a layer shows whom a medium
    does *not* reach.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> {m: L.number_of_edges() for m, L in layers(multiplex_class()).items()}
    {'WhatsApp': 39, 'Instagram': 28, 'TikTok': 8, 'Minecraft': 4}
    """
    H = _combined(G)
    return {m: networks.layer(H, m) for m in H.graph["media"]}


def ties_on(G, platform) -> list[tuple]:
    """The ties that live on one medium, each a sorted pair, the list sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> ties_on(multiplex_class(), "Minecraft")
    [('Ana', 'Hugo'), ('Ben', 'Quentin'), ('Ben', 'Wen'), ('Carla', 'Jamal')]
    """
    H = _combined(G)
    m = medium(H, platform)
    return sorted(_layer_ties(H, m), key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))


def _overlap_counts(H) -> dict:
    """``{(a, b): (shared ties, ties on either)}`` for each pair of media, in order."""
    ties = {m: _layer_ties(H, m) for m in H.graph["media"]}
    return {(a, b): (len(ties[a] & ties[b]), len(ties[a] | ties[b])) for a, b in combinations(H.graph["media"], 2)}


def overlap(G) -> dict[tuple[str, str], float]:
    """How much each pair of layers overlaps: the Jaccard index of their ties.

    For two media A and B, the share of the ties on either A or B that live
    on both: ``|A and B| / |A or B|``, from 0 (no tie on both) to 1 (the
    same ties).

    Parameters
    ----------
    G : networkx graph

    Returns
    -------
    dict
        ``{(medium, medium): overlap}``, rounded to 3 decimals, from the most
        overlapping pair to the least (equal overlaps in the network's order).
        Empty if the network has fewer than two media.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> next(iter(overlap(multiplex_class()).items()))
    (('WhatsApp', 'Instagram'), 0.426)
    """
    counts = _overlap_counts(_combined(G))
    values = {pair: round(shared / either, 3) for pair, (shared, either) in counts.items()}
    return dict(sorted(values.items(), key=lambda kv: -kv[1]))


def without_medium(G, platform) -> nx.Graph:
    """The network once one medium is gone.

    Every person stays. A tie stays if it also lives on another medium (or on
    none: friends who meet in person), without the medium removed; a tie that
    lived on that medium only is gone.

    Returns
    -------
    networkx.Graph
        ``graph["removed"]`` names the medium.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> G = multiplex_class()
    >>> G.number_of_edges(), without_medium(G, "Minecraft").number_of_edges()
    (50, 49)
    """
    H = _combined(G)
    m = medium(H, platform)
    out = nx.Graph()
    out.graph.update(H.graph)
    out.graph["media"] = [x for x in H.graph["media"] if x != m]
    out.graph["removed"] = m
    out.add_nodes_from(H.nodes(data=True))
    out.add_edges_from(
        (u, v, {"platform": tuple(x for x in ms if x != m)}) for u, v, ms in H.edges(data="platform") if ms != (m,)
    )
    return out


@dataclass(frozen=True)
class Removal:
    """What is left of a network without one medium (see :func:`removal_effect`).

    ``str(removal)`` says it in a sentence or two.
    """

    medium: str
    people: int
    ties: int
    ties_kept: int
    parts_before: int
    parts: int
    main_part: int
    cut_off: tuple
    isolated: tuple

    @property
    def share_kept(self) -> float:
        """The share of ties kept, 0 to 1."""
        return self.ties_kept / self.ties if self.ties else 1.0

    def __str__(self) -> str:
        head = (
            f"Without {self.medium}: {self.ties_kept:,} of {self.ties:,} ties kept ({self.share_kept:.0%}); "
            f"{_plural(self.parts, 'connected part')} (before: {self.parts_before})."
        )
        if not self.cut_off:
            return head + " Nobody is cut off from the rest."
        text = f"{head} {_plural(len(self.cut_off), 'person', 'people')} cut off from the rest: {_some(self.cut_off)}."
        if self.isolated:
            many = f"{_plural(len(self.isolated), 'person', 'people')}: " if len(self.isolated) > _LISTED else ""
            text += f" Left with no tie at all: {many}{_some(self.isolated)}."
        return text


_LISTED = 15  # a longer list of people is cut short: "1, 2, ... and 300 more"


def _some(people) -> str:
    if len(people) <= _LISTED:
        return _and(people)
    return f"{', '.join(map(str, people[:_LISTED - 3]))} and {len(people) - (_LISTED - 3)} more"


def removal_effect(G, platform) -> Removal:
    """What removing one medium does: ties kept, parts, who is cut off.

    *Cut off* are the people of the network's main part (its largest
    connected part) who can no longer reach the largest piece of it once the
    medium is gone: no chain of ties on the other media joins them to it.

    Returns
    -------
    Removal
        ``medium``; ``people``; ``ties`` and ``ties_kept`` (and
        ``share_kept``); ``parts_before`` and ``parts`` (connected parts, a
        person with no tie counting as one); ``main_part`` (the size of the
        largest piece of the main part); ``cut_off`` and ``isolated`` (people
        cut off, and those of them left with no tie at all), sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> print(removal_effect(multiplex_class(), "TikTok"))
    Without TikTok: 49 of 50 ties kept (98%); 1 connected part (before: 1). Nobody is cut off from the rest.
    """
    H = _combined(G)
    m = medium(H, platform)
    after = without_medium(H, m)
    before_parts = list(nx.connected_components(H))
    main = min(before_parts, key=lambda c: (-len(c), _sort_key(_sorted(c)[0])))  # the largest part
    pieces = sorted(
        (c & main for c in nx.connected_components(after) if c & main),
        key=lambda c: (-len(c), _sort_key(_sorted(c)[0])),
    )
    kept = pieces[0]
    cut = _sorted(main - kept)
    return Removal(
        medium=m,
        people=len(H),
        ties=H.number_of_edges(),
        ties_kept=after.number_of_edges(),
        parts_before=len(before_parts),
        parts=nx.number_connected_components(after),
        main_part=len(kept),
        cut_off=tuple(cut),
        isolated=tuple(p for p in cut if after.degree(p) == 0),
    )


def removal_effects(G) -> list[Removal]:
    """:func:`removal_effect` for every medium, in the network's order.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> [len(r.cut_off) for r in removal_effects(multiplex_class())]
    [0, 12, 0, 0]
    """
    H = _combined(G)
    return [removal_effect(H, m) for m in H.graph["media"]]


# ---------------------------------------------------------------------------
# Reach


def reached_by(G, platform) -> list:
    """The people a medium touches: those with at least one tie on it, sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> reached_by(multiplex_class(), "Minecraft")
    ['Ana', 'Ben', 'Carla', 'Hugo', 'Jamal', 'Quentin', 'Wen']
    """
    H = _combined(G)
    m = medium(H, platform)
    return _sorted({p for e in _layer_ties(H, m) for p in e})


def reach(G) -> dict[str, float]:
    """The share of the network's people each medium touches, 0 to 1.

    This is a medium's *coverage*: the people with at least one tie on it.
    It says nothing about how far a message passed on that medium alone
    travels (see :func:`coverage` for the connected groups).

    Returns
    -------
    dict
        ``{medium: share}`` in the network's order, rounded to 3 decimals.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> reach(multiplex_class())
    {'WhatsApp': 1.0, 'Instagram': 0.875, 'TikTok': 0.458, 'Minecraft': 0.292}
    """
    H = _combined(G)
    return {m: round(len(reached_by(H, m)) / len(H), 3) for m in H.graph["media"]}


def coverage(G) -> dict[str, tuple[int, list[int]]]:
    """For each medium: the people it touches, and the sizes of its connected groups.

    A medium can touch everybody and still not let a message passed on it
    alone get from anyone to anyone: its ties may fall into separate groups.

    Returns
    -------
    dict
        ``{medium: (people with a tie on it, [sizes of its connected groups, largest first])}``.
        People with no tie on the medium are in none of the groups.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> coverage(multiplex_class())["WhatsApp"]
    (24, [12, 6, 6])
    """
    H = _combined(G)
    out = {}
    for m in H.graph["media"]:
        layer = nx.Graph(_layer_ties(H, m))
        parts = sorted((len(c) for c in nx.connected_components(layer)), reverse=True)
        out[m] = (layer.number_of_nodes(), parts)
    return out


def friends_by_medium(G, who) -> dict[str, list]:
    """A person's friends (neighbours) on each medium.

    Parameters
    ----------
    G : networkx graph
    who : node or str
        A person (see :func:`smlessons.networks.person`).

    Returns
    -------
    dict
        ``{medium: sorted friends tied to them on it}`` for every medium of
        the network, the medium with the most friends first (equal counts in
        the network's order); a medium with none of their ties has ``[]``.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> friends_by_medium(multiplex_class(), "Tariq")
    {'Instagram': ['Ana', 'Ines', 'Pia', 'Rosa'], 'WhatsApp': ['Kira'], 'TikTok': [], 'Minecraft': []}
    """
    H = _combined(G)
    p = networks.person(H, who)
    media = H.graph["media"]
    found = {m: _sorted(q for q in H[p] if q != p and m in H.edges[p, q]["platform"]) for m in media}
    order = sorted(media, key=lambda m: -len(found[m]))  # stable: equal counts keep the network's order
    return {m: found[m] for m in order}


def best_media(G, who) -> list[str]:
    """The medium (or media, if equal) on which a person is tied to the most friends.

    Returns
    -------
    list of str
        Usually one medium; several when they reach equally many; empty if
        the person has no tie on any medium.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> best_media(multiplex_class(), "Ana")
    ['TikTok']
    """
    found = friends_by_medium(G, who)
    most = max((len(f) for f in found.values()), default=0)
    return [m for m, f in found.items() if len(f) == most] if most else []


def reachable(G, who, *, platform=None) -> list:
    """Everybody a message from `who` can reach, passed on from friend to friend.

    Parameters
    ----------
    G : networkx graph
    who : node or str
    platform : str, optional
        Pass it on through ties on this medium only; by default through any
        tie.

    Returns
    -------
    list
        The people reached (not `who`), sorted.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError

    Examples
    --------
    >>> G = multiplex_class()
    >>> len(reachable(G, "Ana")), len(reachable(G, "Ana", platform="TikTok"))
    (23, 3)
    """
    H = _combined(G)
    p = networks.person(H, who)
    if platform is not None:
        H = networks.layer(H, medium(H, platform))
    return _sorted(set(nx.node_connected_component(H, p)) - {p})


def media_combinations(G) -> dict[tuple, int]:
    """How many ties live on each combination of media.

    Returns
    -------
    dict
        ``{tuple of media: number of ties}``, the most common combination
        first (equal counts: fewer media first, then the network's order).
        A tie on no medium counts under ``()``.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> list(media_combinations(multiplex_class()).items())[:2]
    [(('WhatsApp',), 17), (('WhatsApp', 'Instagram'), 14)]
    """
    H = _combined(G)
    rank = {m: i for i, m in enumerate(H.graph["media"])}
    counts: dict[tuple, int] = {}
    for *_, ms in H.edges(data="platform"):
        counts[ms] = counts.get(ms, 0) + 1
    order = sorted(counts, key=lambda ms: (-counts[ms], len(ms), [rank[m] for m in ms]))
    return {ms: counts[ms] for ms in order}


# ---------------------------------------------------------------------------
# Figures


def medium_colours(G) -> dict[str, str]:
    """One colour per medium, in the network's order (colour-blind-safe).

    Examples
    --------
    >>> medium_colours(multiplex_class())["WhatsApp"]
    '#228833'
    """
    return {m: _MEDIUM_COLOURS[i % len(_MEDIUM_COLOURS)] for i, m in enumerate(media_of(G))}


def _layout(fig, title, height, **extra):
    from .figures import TEMPLATE

    settings = dict(
        title=dict(text=title, x=0.01, xanchor="left"),
        height=height,
        template=TEMPLATE,
        font=dict(size=12),
        margin=dict(l=10, r=10, t=70, b=30),
    )
    fig.update_layout(**{**settings, **extra})
    return fig


def _positions(H, pos, seed):
    if pos is None:
        pos = networks.layout(H, seed=seed)
    return networks._positions(pos, list(H)).astype(np.float32)


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
        ``{person: (x, y)}``, e.g. from :func:`smlessons.networks.layout`.
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
    >>> fig = draw_layers(multiplex_class())
    >>> fig.layout.meta["panels"]
    ['All media', 'WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    H = _combined(G)
    if columns is not None and (not isinstance(columns, int) or isinstance(columns, bool) or columns < 1):
        raise ValueError(f"columns must be a positive integer, got {columns!r}")
    chosen = networks.person(H, highlight) if highlight is not None else None
    media = H.graph["media"]
    colours = medium_colours(H)
    nodes = list(H)
    xy = _positions(H, pos, seed)
    views = [None, *media]
    cols = columns or min(3, len(views))
    rows = math.ceil(len(views) / cols)

    panels, tie_counts, reached_counts, titles = [], [], [], []
    for m in views:
        L = H if m is None else networks.layer(H, m)
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
        slot = networks._name_slots(
            xy, networks.edge_index(H, nodes), [str(p) for p in nodes], {nodes.index(chosen)}, 10,
            panel + networks._MARGIN_TOP + networks._MARGIN_BOTTOM, only=[nodes.index(chosen)],
        )[nodes.index(chosen)]  # fmt: skip
    for k, (m, L, deg) in enumerate(panels):
        row, col = k // cols + 1, k % cols + 1
        colour = _ALL_COLOUR if m is None else colours[m]
        ex, ey = networks.edge_coordinates(L, xy, nodes=nodes)
        fig.add_trace(
            go.Scatter(x=ex, y=ey, mode="lines", hoverinfo="skip", showlegend=False,
                       name=f"ties: {m or 'all media'}", line=dict(width=1.5, color=colour)),
            row=row, col=col,
        )  # fmt: skip
        on = [i for i, p in enumerate(nodes) if deg[p] > 0]
        off = [i for i, p in enumerate(nodes) if deg[p] == 0]

        def hover(p):
            if m is None:
                ms = H.graph["media"]
                counts = ", ".join(
                    f"{x} {sum(1 for q in H[p] if x in H.edges[p, q]['platform'])}" for x in ms
                )
                return f"<b>{p}</b><br>{_plural(deg[p], 'tie')}<br>{counts}"
            return f"<b>{p}</b><br>{_plural(deg[p], 'tie')} on {m}" if deg[p] else f"<b>{p}</b><br>no tie on {m}"

        for idx, filled in ((on, True), (off, False)):
            if not idx:
                continue
            fig.add_trace(
                go.Scatter(
                    x=xy[idx, 0], y=xy[idx, 1], mode="markers", showlegend=False,
                    name=f"{'reached' if filled else 'not reached'}: {m or 'all media'}",
                    hovertext=[hover(nodes[i]) for i in idx], hoverinfo="text",
                    marker=dict(
                        size=9 if filled else 8, color=colour if filled else "rgba(0, 0, 0, 0)",
                        line=dict(width=1 if filled else 1.5, color=_ALL_COLOUR if filled else _FADED),
                    ),
                ),
                row=row, col=col,
            )  # fmt: skip
        if chosen is not None:
            i = nodes.index(chosen)
            fig.add_trace(
                go.Scatter(x=[xy[i, 0]], y=[xy[i, 1]], mode="markers+text", text=[str(chosen)],
                           textposition=slot, showlegend=False, hoverinfo="skip", name=f"{chosen}",
                           marker=dict(size=18, symbol="circle-open", color=_HIGHLIGHT, line=dict(width=2.5))),
                row=row, col=col,
            )  # fmt: skip
    fig.update_xaxes(visible=False, range=[-networks._VIEW, networks._VIEW])
    fig.update_yaxes(visible=False, range=[-networks._VIEW, networks._VIEW])
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

    Each view is :func:`smlessons.networks.draw_network` of the combined
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
    >>> fig = draw_multiplex(multiplex_class())
    >>> [b.label for b in fig.layout.updatemenus[0].buttons]
    ['All media', 'WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    H = _combined(G)
    if pos is None:
        pos = networks.layout(H, seed=seed)
    media = H.graph["media"]
    name = H.graph.get("name") or "A network"
    views = [None, *media]
    labels = ["All media", *media]
    traces, owner, titles, ties = [], [], [], []
    for k, m in enumerate(views):
        title = f"{name}: all ties" if m is None else f"{name}: the ties on {m}"
        part = networks.draw_network(H, platform=m, pos=pos, color_by="degree", height=height - 40, title=title)  # 40: the menu
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
        As for :func:`smlessons.networks.draw_network`.

    Returns
    -------
    plotly.graph_objects.Figure
        Built with :func:`smlessons.networks.draw_network`, plus a trace
        ``"ties lost"``; ``fig.layout.meta`` also holds ``"lost"`` (the number
        of ties lost) and ``"parts"``.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> fig = draw_without(multiplex_class(), "TikTok")
    >>> fig.layout.meta["lost"], fig.layout.meta["parts"]
    (1, 1)
    """
    import plotly.graph_objects as go

    H = _combined(G)
    m = medium(H, platform)
    after = without_medium(H, m)
    if pos is None:
        pos = networks.layout(H, seed=seed)
    parts = sorted(nx.connected_components(after), key=lambda c: (-len(c), _sort_key(_sorted(c)[0])))
    label = {p: f"Part {k}" for k, c in enumerate(parts, start=1) for p in c}
    effect = removal_effect(H, m)
    title = f"Without {m}: {_plural(len(parts), 'connected part')}, {_plural(len(effect.cut_off), 'person', 'people')} cut off"
    lost = [(u, v) for u, v, ms in H.edges(data="platform") if ms == (m,)]
    fig = networks.draw_network(after, color_by=label, pos=pos, height=height, title=title, _avoid=lost)
    nodes = list(H)
    where = {p: i for i, p in enumerate(nodes)}
    xy = networks._positions(pos, nodes)
    lx, ly = networks.edge_coordinates(np.array([(where[u], where[v]) for u, v in lost]).reshape(-1, 2), xy)
    fig.add_trace(
        go.Scatter(x=lx, y=ly, mode="lines", name=f"ties lost (on {m} only)", hoverinfo="skip",
                   line=dict(width=1.5, color=_HIGHLIGHT, dash="dot"))
    )  # fmt: skip
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
    >>> fig = overlap_figure(multiplex_class())
    >>> list(fig.data[0].x)
    ['WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    import plotly.graph_objects as go

    H = _combined(G)
    media = H.graph["media"]
    if len(media) < 2:
        raise ValueError(f"overlap compares two media, but this network has {_plural(len(media), 'medium', 'media')}")
    counts = _overlap_counts(H)
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
            hover[r][c] = f"<b>{a} and {b}</b><br>{shared} of the {either} ties on either live on both<br>overlap {value:.2f}"
    fig = go.Figure(
        go.Heatmap(
            x=media, y=media, z=z, zmin=0, zmax=1, colorscale="Viridis",  # no glaring white cells in a dark theme
            text=text, texttemplate="%{text}",
            hovertext=hover, hoverinfo="text", xgap=2, ygap=2,
            colorbar=dict(title=dict(text="overlap"), thickness=14),
        )
    )  # fmt: skip
    return _layout(
        fig,
        "Overlap between media: the share of their ties that live on both (Jaccard)",
        260 + 50 * size,
        xaxis=dict(showgrid=False, side="bottom"),
        yaxis=dict(autorange="reversed", showgrid=False),
        margin=dict(l=100, r=20, t=60, b=50),
    )


def reach_figure(G, who=None):
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
    >>> fig = reach_figure(multiplex_class())
    >>> list(fig.data[0].y)[:2]
    ['WhatsApp', 'Instagram']
    """
    import plotly.graph_objects as go

    H = _combined(G)
    colours = medium_colours(H)
    if who is None:
        total = len(H)
        counts = {m: len(reached_by(H, m)) for m in H.graph["media"]}
        unit = "people"
        title = "Whom each medium reaches: people with at least one tie on it"
    else:
        p = networks.person(H, who)
        total = len([q for q in H[p] if q != p])
        if total == 0:
            raise ValueError(f"{p!r} has no ties, so no medium reaches any of their friends")
        counts = {m: len(f) for m, f in friends_by_medium(H, p).items()}
        unit = f"of {p}'s friends"
        title = f"Which medium reaches most of {p}'s friends?"
    order = sorted(counts, key=lambda m: -counts[m])
    fig = go.Figure(
        go.Bar(
            y=order, x=[counts[m] / total for m in order], orientation="h",
            marker=dict(color=[colours[m] for m in order], line=dict(width=1, color="#333")),
            text=[f"{counts[m]} of {total}" for m in order], textposition="outside", cliponaxis=False,
            hovertext=[f"<b>{m}</b><br>{counts[m]} of {total} {unit}" for m in order], hoverinfo="text",
        )
    )  # fmt: skip
    return _layout(
        fig,
        title,
        120 + 45 * len(order),
        xaxis=dict(range=[0, 1.15], tickformat=".0%", title=dict(text=f"share {'of the people' if who is None else 'of the friends'}")),
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
            go.Bar(y=names, x=ties, orientation="h", name="ties kept", marker=dict(color="#88CCEE"),
                   text=[f"{r.ties_kept:,} of {r.ties:,}" for r in effects], textposition="outside", cliponaxis=False,
                   hovertext=[str(r) for r in effects], hoverinfo="text"),
            go.Bar(y=names, x=main, orientation="h", name="people still connected", marker=dict(color="#AA4499"),
                   text=[f"{r.main_part:,} of {r.main_part + len(r.cut_off):,}" for r in effects], textposition="outside",
                   cliponaxis=False, hovertext=[str(r) for r in effects], hoverinfo="text"),
        ]
    )  # fmt: skip
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
            y=names, x=values, orientation="h", marker=dict(color="#88CCEE", line=dict(width=1, color="#333")),
            text=[f"{v:,} ({v / total:.0%})" for v in values], textposition="outside", cliponaxis=False,
            hovertext=[f"<b>{n}</b><br>{v:,} of the {total:,} ties" for n, v in zip(names, values)], hoverinfo="text",
        )
    )  # fmt: skip
    return _layout(
        fig,
        title or f"Which media each tie lives on ({total:,} ties)",
        140 + 40 * len(names),
        xaxis=dict(range=[0, max(values) * 1.3], title=dict(text="ties"), rangemode="tozero"),
        yaxis=dict(autorange="reversed", ticksuffix=_GAP, automargin=True),
        margin=dict(l=10, r=20, t=60, b=50),
    )


# ---------------------------------------------------------------------------
# Each student's own multiplex network (the assessment of lesson 6)

__all__ += ["STUDENT_MULTIPLEX_ID", "STUDENT_MULTIPLEX_NAME", "student_multiplex", "my_multiplex"]

#: The exercise id the students' media are drawn under (see :func:`smlessons.variants.rng`).
STUDENT_MULTIPLEX_ID = "student-multiplex"
#: The name of every student's multiplex network (``graph["name"]``, shown in figure titles): it says it is invented.
STUDENT_MULTIPLEX_NAME = "Your practice network on four media (invented)"
_STUDENT_TRIES = 400


def _piece_sizes(H) -> dict:
    """``{medium: the sizes of the pieces of the main part left once it is closed, largest first}``
    for a combined network ``H`` (the pieces :func:`removal_effect` sees)."""
    main = max(nx.connected_components(H), key=len)
    out = {}
    for m in H.graph["media"]:
        K = nx.Graph()
        K.add_nodes_from(main)
        K.add_edges_from((u, v) for u, v, ms in H.edges(data="platform") if u in main and ms != (m,))
        out[m] = sorted((len(c) for c in nx.connected_components(K)), reverse=True)
    return out


def _cut_off_counts(H) -> dict:
    """``{medium: how many people its closing cuts off}`` for a combined network ``H``,
    as :func:`removal_effect` counts them (a quick count, for drawing and picking)."""
    return {m: sum(sizes) - sizes[0] for m, sizes in _piece_sizes(H).items()}


def _one_best_medium(H) -> list:
    """The people tied to the most friends on one medium only (not on two equally), sorted."""
    count = {p: dict.fromkeys(H.graph["media"], 0) for p in H}
    for u, v, ms in H.edges(data="platform"):
        for m in ms:
            count[u][m] += 1
            count[v][m] += 1
    out = []
    for p, by in count.items():
        ranked = sorted(by.values(), reverse=True)
        if ranked[0] > 0 and (len(ranked) == 1 or ranked[0] > ranked[1]):
            out.append(p)
    return _sorted(out)


def _student_media_ok(H) -> bool:
    """The checks that make every lesson 6 question asked on the network have one answer."""
    from fractions import Fraction

    media = H.graph["media"]
    ties = {m: _layer_ties(H, m) for m in media}
    if not all(ties.values()):
        return False  # every medium carries a tie
    if not any(len(ms) > 1 for *_, ms in H.edges(data="platform")):
        return False  # some tie lives on several media
    pieces = _piece_sizes(H)
    if any(len(sizes) > 1 and sizes[0] == sizes[1] for sizes in pieces.values()):
        return False  # closing a medium never leaves two largest pieces of one size: who is cut off has one answer
    cut = sorted((sum(sizes) - sizes[0] for sizes in pieces.values()), reverse=True)
    if cut[0] == cut[1] or cut[1] == 0:
        return False  # one medium cuts off the most people, and another cuts off somebody too
    shares = sorted(
        (Fraction(len(ties[a] & ties[b]), len(ties[a] | ties[b])) for a, b in combinations(media, 2)), reverse=True
    )
    if shares[0] == shares[1]:
        return False  # one pair of media overlaps the most
    return bool(_one_best_medium(H))


@lru_cache(maxsize=256)
def _student_media(student: str) -> tuple:
    from .networks import student_network
    from .variants import below
    from .variants import rng

    G = student_network(student)
    groups = len(G.graph["communities"])
    edges = list(G.edges())
    for attempt in range(_STUDENT_TRIES):
        r = rng(student, STUDENT_MULTIPLEX_ID, f"draft {attempt}")
        home = [MEDIA[below(r, len(MEDIA))] for _ in range(groups)]  # each group's usual medium
        on = {}
        for u, v in edges:
            g, h = G.nodes[u]["group"], G.nodes[v]["group"]
            if g == h:  # friends of one group: their group's medium, often, and others now and then
                found = {m for m in MEDIA if r.random() < (0.75 if m == home[g - 1] else 0.3)}
                if not found:
                    found = {home[g - 1]}
            else:  # acquaintances from two groups: one medium
                found = {MEDIA[below(r, len(MEDIA))]}
            on[(u, v)] = tuple(m for m in MEDIA if m in found)
        H = G.copy()
        H.graph["media"] = list(MEDIA)
        nx.set_edge_attributes(H, on, "platform")
        if _student_media_ok(H):
            return tuple(sorted(on.items(), key=lambda kv: (_sort_key(kv[0][0]), _sort_key(kv[0][1])))), attempt
    raise RuntimeError(  # pragma: no cover - never seen in thousands of ids
        f"no media met the checks for student {student!r} in {_STUDENT_TRIES} drafts"
    )


def student_multiplex(student: str | None = None) -> nx.Graph:
    """One student's own practice network on four media, for the assessed questions of lesson 6.

    The network is synthetic: invented for practice, drawn from the
    student's id, it describes nobody. Its name says so (``graph["name"]``
    is :data:`STUDENT_MULTIPLEX_NAME`), and so does the title of every
    figure drawn from it.

    The people and ties of :func:`smlessons.networks.student_network` (the
    network of the lessons 4 and 5 assessments), each tie on one or more of
    :data:`MEDIA`. Each friendship group has a usual medium: a tie inside a
    group lives on it with the chance 0.75 and on each other medium with
    the chance 0.3 (and on at least one); a tie between two groups lives on
    one medium, any of the four.

    Drafts are redrawn (a bounded number of times) until every lesson 6
    question has one answer: every medium carries a tie, some tie lives on
    several media, one medium's closing cuts off more people than any
    other's and another's cuts off somebody too, no medium's closing
    leaves two largest pieces of the same size (so who is cut off is never
    a choice between two halves), one pair of media overlaps
    the most (exact fractions), and somebody has one best medium. Drawn
    with ``random()`` only from :func:`smlessons.variants.rng`: the same in
    every process, machine and library version.

    Parameters
    ----------
    student : str, optional
        The student's id; by default the one running the notebook.

    Returns
    -------
    networkx.Graph
        A new graph each call; each tie's ``platform`` is a tuple of media
        in the order of :data:`MEDIA`; ``graph["media"]`` lists them.

    Raises
    ------
    TypeError
        If `student` is not a string.

    Examples
    --------
    >>> G = student_multiplex("ana")
    >>> G.graph["media"]
    ['WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    >>> G.graph["name"], G.graph["synthetic"]
    ('Your practice network on four media (invented)', True)
    >>> nx.utils.edges_equal(G.edges(), networks.student_network("ana").edges())
    True
    """
    G = networks.student_network(student)
    on, _ = _student_media(G.graph["student"])
    G.graph.update(name=STUDENT_MULTIPLEX_NAME, media=list(MEDIA))
    nx.set_edge_attributes(G, dict(on), "platform")
    return G


def my_multiplex() -> nx.Graph:
    """The multiplex network of the student running the notebook (see :func:`student_multiplex`)."""
    return student_multiplex(None)
