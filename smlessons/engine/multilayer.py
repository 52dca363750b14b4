"""One network, many media: a multiplex network and what each medium does in it.

The same people are tied on several platforms. In a *multiplex* network each
tie carries the platform(s) it lives on: Ana and Rosa chat on WhatsApp and
follow each other on Instagram and TikTok; Ben and Uma are tied on Instagram
only. Which platform a tie lives on is a property of the **tie** (the edge),
not of the person: Ana has ties on TikTok, but her tie with Tariq does not
live there.

Each platform's ties form a *layer* (see :func:`smlessons.engine.measures.layer`);
all the ties together form the *combined* network. This module measures how
much the layers overlap, what is left of the network when one medium is
removed, and whom each medium reaches. The networks themselves are in
:mod:`smlessons.datasets.multiplex`, the figures in :mod:`smlessons.figures.multiplex`.

The data is a networkx graph whose ties have a ``platform`` attribute: a
string, or a collection of strings for a tie on several platforms. A
``MultiGraph`` with one edge per platform works too. A tie with no platform
(friends who only meet in person) belongs to no layer and is never removed.
A medium is named as the network spells it (ignoring case and spaces);
aliases (``"Twitter"`` for ``"X (Twitter)"``) are the caller's to give:
:func:`smlessons.datasets.platforms.find_medium` passes lesson 3's.

Plain Python on networkx and numpy. Not imported by ``import smlessons``::

    from smlessons.engine.multilayer import layers, overlap

Bad input gets a clear error (the classes of :mod:`smlessons.engine.measures`):
:class:`EmptyNetworkError` for a network with nobody in it,
:class:`PersonNotFoundError` for a person who is not in it,
:class:`PlatformNotFoundError` for a platform that no tie of the network
lives on.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from . import measures
from .measures import (
    PlatformNotFoundError,
    fold,
    platform_values,
    sort_key,
    sorted_nodes,
    tie_key,
)

__all__ = [
    "media_of",
    "medium",
    "combined",
    "layers",
    "ties_on",
    "overlap",
    "without_medium",
    "Removal",
    "removal_effect",
    "removal_effects",
    "reached_by",
    "reach",
    "coverage",
    "friends_by_medium",
    "best_media",
    "reachable",
    "media_combinations",
]


# ---------------------------------------------------------------------------
# Helpers


def _check(G) -> None:
    measures.check_graph(G)  # TypeError for a non-graph, EmptyNetworkError for nobody


def _ordered(found, preferred) -> list[str]:
    """The media in `found`, those named in `preferred` first and in its order."""
    rank = {m: i for i, m in enumerate(preferred)}
    return sorted(found, key=lambda m: (rank.get(m, len(rank)), m.casefold()))


def combined_ties(G) -> nx.Graph:
    """One simple tie per pair; ``platform`` is the tuple of its media, in the network's order."""
    _check(G)
    found: dict[tuple, set] = {}
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, value in G.edges(data="platform"):
        if u == v:
            continue
        found.setdefault(tie_key(u, v), set()).update(platform_values(value))
    media = _ordered({m for ms in found.values() for m in ms}, G.graph.get("media", ()))
    H.graph["media"] = media
    H.add_edges_from((u, v, {"platform": tuple(m for m in media if m in ms)}) for (u, v), ms in found.items())
    return H


def layer_ties(H, m) -> set:
    return {(u, v) if sort_key(u) <= sort_key(v) else (v, u) for u, v, ms in H.edges(data="platform") if m in ms}


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
    >>> from smlessons.datasets import multiplex_class
    >>> media_of(multiplex_class())
    ['WhatsApp', 'Instagram', 'TikTok', 'Minecraft']
    """
    return _ordered(measures.platforms(G), G.graph.get("media", ()))


def medium(G, name, aliases=None) -> str:
    """The medium of `G` that `name` names (ignoring case and spaces).

    Parameters
    ----------
    G : networkx graph
    name : str
        E.g. ``"tiktok"``.
    aliases : mapping, optional
        ``{casefolded name or alias: platform}`` (what
        :func:`smlessons.datasets.platforms.find_medium` passes): `name` then
        also finds the medium of `G` that is the same platform as `name`.

    Returns
    -------
    str
        The name as the network spells it.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.
    PlatformNotFoundError
        If no tie of `G` lives on that platform; the message lists the
        network's media (and says whether `aliases` know the platform).
    TypeError
        If `name` is not a string.

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> G = multiplex_class()
    >>> medium(G, " tiktok ")
    'TikTok'
    """
    known = media_of(G)
    if not isinstance(name, str):
        raise TypeError(f"a medium is named by a string, not {type(name).__name__}")
    wanted = fold(name)
    for m in known:
        if fold(m) == wanted:
            return m
    # Errors are in English, like Python's own: "a, b and c".
    listed = " and ".join([", ".join(known[:-1]), known[-1]] if len(known) > 1 else known)
    aliases = aliases or {}
    found = aliases.get(wanted)
    if found is not None:  # a known platform: is it in the network under another name?
        for m in known:
            if aliases.get(fold(m)) == found:
                return m
        raise PlatformNotFoundError(
            f"no tie in this network lives on {found}; its media are: "
            + (listed or "none (no tie has a 'platform' attribute)"),
            name,
        )
    close = [
        m for m in known if fold(m) in difflib.get_close_matches(wanted, [fold(m) for m in known], n=1, cutoff=0.6)
    ]
    raise PlatformNotFoundError(
        f"{name!r} is not a medium of this network"
        + (", nor a platform of the course's data" if aliases else "")
        + "; the media of this network are: "
        + (listed or "none (no tie has a 'platform' attribute)")
        + "."
        + (f" Did you mean {close[0]!r}?" if close else ""),
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
    return combined_ties(G)


def layers(G) -> dict[str, nx.Graph]:
    """Every medium's layer: ``{medium: the network of its ties only}``.

    Each layer has everybody in it, tied or not (see
    :func:`smlessons.engine.measures.layer`), so that a layer shows whom a medium
    does *not* reach.

    Raises
    ------
    EmptyNetworkError

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> {m: L.number_of_edges() for m, L in layers(multiplex_class()).items()}
    {'WhatsApp': 39, 'Instagram': 28, 'TikTok': 8, 'Minecraft': 4}
    """
    H = combined_ties(G)
    return {m: measures.layer(H, m) for m in H.graph["media"]}


def ties_on(G, platform) -> list[tuple]:
    """The ties that live on one medium, each a sorted pair, the list sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import multiplex_class
    >>> ties_on(multiplex_class(), "Minecraft")
    [('Ana', 'Hugo'), ('Ben', 'Quentin'), ('Ben', 'Wen'), ('Carla', 'Jamal')]
    """
    H = combined_ties(G)
    m = medium(H, platform)
    return sorted(layer_ties(H, m), key=lambda e: (sort_key(e[0]), sort_key(e[1])))


def overlap_counts(H) -> dict:
    """``{(a, b): (shared ties, ties on either)}`` for each pair of media, in order."""
    ties = {m: layer_ties(H, m) for m in H.graph["media"]}
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
    >>> from smlessons.datasets import multiplex_class
    >>> next(iter(overlap(multiplex_class()).items()))
    (('WhatsApp', 'Instagram'), 0.426)
    """
    counts = overlap_counts(combined_ties(G))
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
    >>> from smlessons.datasets import multiplex_class
    >>> G = multiplex_class()
    >>> G.number_of_edges(), without_medium(G, "Minecraft").number_of_edges()
    (50, 49)
    """
    H = combined_ties(G)
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

    Data only: :func:`smlessons.figures.multiplex.removal_text` says it in
    a sentence or two, in the student's language.
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
    >>> from smlessons.datasets import multiplex_class
    >>> r = removal_effect(multiplex_class(), "TikTok")
    >>> r.ties_kept, r.ties, r.parts, r.cut_off
    (49, 50, 1, ())
    """
    H = combined_ties(G)
    m = medium(H, platform)
    after = without_medium(H, m)
    before_parts = list(nx.connected_components(H))
    main = min(before_parts, key=lambda c: (-len(c), sort_key(sorted_nodes(c)[0])))  # the largest part
    pieces = sorted(
        (c & main for c in nx.connected_components(after) if c & main),
        key=lambda c: (-len(c), sort_key(sorted_nodes(c)[0])),
    )
    kept = pieces[0]
    cut = sorted_nodes(main - kept)
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
    >>> from smlessons.datasets import multiplex_class
    >>> [len(r.cut_off) for r in removal_effects(multiplex_class())]
    [0, 12, 0, 0]
    """
    H = combined_ties(G)
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
    >>> from smlessons.datasets import multiplex_class
    >>> reached_by(multiplex_class(), "Minecraft")
    ['Ana', 'Ben', 'Carla', 'Hugo', 'Jamal', 'Quentin', 'Wen']
    """
    H = combined_ties(G)
    m = medium(H, platform)
    return sorted_nodes({p for e in layer_ties(H, m) for p in e})


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
    >>> from smlessons.datasets import multiplex_class
    >>> reach(multiplex_class())
    {'WhatsApp': 1.0, 'Instagram': 0.875, 'TikTok': 0.458, 'Minecraft': 0.292}
    """
    H = combined_ties(G)
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
    >>> from smlessons.datasets import multiplex_class
    >>> coverage(multiplex_class())["WhatsApp"]
    (24, [12, 6, 6])
    """
    H = combined_ties(G)
    out = {}
    for m in H.graph["media"]:
        layer = nx.Graph(layer_ties(H, m))
        parts = sorted((len(c) for c in nx.connected_components(layer)), reverse=True)
        out[m] = (layer.number_of_nodes(), parts)
    return out


def friends_by_medium(G, who) -> dict[str, list]:
    """A person's friends (neighbours) on each medium.

    Parameters
    ----------
    G : networkx graph
    who : node or str
        A person (see :func:`smlessons.engine.measures.person`).

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
    >>> from smlessons.datasets import multiplex_class
    >>> friends_by_medium(multiplex_class(), "Tariq")
    {'Instagram': ['Ana', 'Ines', 'Pia', 'Rosa'], 'WhatsApp': ['Kira'], 'TikTok': [], 'Minecraft': []}
    """
    H = combined_ties(G)
    p = measures.person(H, who)
    media = H.graph["media"]
    found = {m: sorted_nodes(q for q in H[p] if q != p and m in H.edges[p, q]["platform"]) for m in media}
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
    >>> from smlessons.datasets import multiplex_class
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
    >>> from smlessons.datasets import multiplex_class
    >>> G = multiplex_class()
    >>> len(reachable(G, "Ana")), len(reachable(G, "Ana", platform="TikTok"))
    (23, 3)
    """
    H = combined_ties(G)
    p = measures.person(H, who)
    if platform is not None:
        H = measures.layer(H, medium(H, platform))
    return sorted_nodes(set(nx.node_connected_component(H, p)) - {p})


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
    >>> from smlessons.datasets import multiplex_class
    >>> list(media_combinations(multiplex_class()).items())[:2]
    [(('WhatsApp',), 17), (('WhatsApp', 'Instagram'), 14)]
    """
    H = combined_ties(G)
    rank = {m: i for i, m in enumerate(H.graph["media"])}
    counts: dict[tuple, int] = {}
    for *_, ms in H.edges(data="platform"):
        counts[ms] = counts.get(ms, 0) + 1
    order = sorted(counts, key=lambda ms: (-counts[ms], len(ms), [rank[m] for m in ms]))
    return {ms: counts[ms] for ms in order}


def piece_sizes(H) -> dict:
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


def cut_off_counts(H) -> dict:
    """``{medium: how many people its closing cuts off}`` for a combined network ``H``,
    as :func:`removal_effect` counts them (a quick count, for drawing and picking)."""
    return {m: sum(sizes) - sizes[0] for m, sizes in piece_sizes(H).items()}


def one_best_medium(H) -> list:
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
    return sorted_nodes(out)
