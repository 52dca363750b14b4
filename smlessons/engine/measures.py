"""Measures of a social network: people, degree, paths, communities, bridges, centrality, followers.

A social network is a set of people (nodes) and the ties between them
(edges). These are the measures lesson 4 introduces (degree, neighbours,
paths, communities, bridges, central people) and lesson 5's followers and
reciprocity. Plain Python on networkx and numpy. The networks themselves are
in :mod:`smlessons.datasets`, the drawing in :mod:`smlessons.figures`::

    from smlessons.datasets import karate_club
    from smlessons.engine import degree, communities

Every function takes a networkx graph. Ties are read as undirected and
unweighted: a tie is a tie, whichever way it was recorded. A tie may carry a
``platform`` attribute (a string, or a collection of strings) naming the
medium it lives on; the measures then take ``platform=...`` to look at one
medium only (see :func:`layer`). Several ties between the same two people (a
``MultiGraph``, one edge per platform) count as one tie between them.

Bad input gets a clear error: :class:`EmptyNetworkError` for a network with
nobody in it, :class:`PersonNotFoundError` for a person who is not in it,
:class:`PlatformNotFoundError` for a platform no tie is on.
"""

from __future__ import annotations

import difflib
import re
from numbers import Real

import networkx as nx

__all__ = [
    "follow_arrows",
    "NetworkError",
    "EmptyNetworkError",
    "NoPathError",
    "MessageKeyError",
    "PersonNotFoundError",
    "PlatformNotFoundError",
    "person",
    "platforms",
    "layer",
    "degree",
    "degrees",
    "neighbours",
    "shortest_path",
    "distance",
    "communities",
    "community_of",
    "bridges",
    "local_bridges",
    "ties_between_communities",
    "centrality",
    "central_people",
    "followers",
    "following",
    "audience",
    "mutual_ties",
    "reciprocity",
]


# ---------------------------------------------------------------------------
# Errors


class NetworkError(Exception):
    """Base class of this module's errors."""


class EmptyNetworkError(NetworkError, ValueError):
    """The network has no people in it."""


class NoPathError(NetworkError, ValueError):
    """Two people are in separate parts of the network: no path joins them."""


class MessageKeyError(KeyError):
    """A ``KeyError`` whose message reads as written (KeyError's own ``str()``
    is the repr of its argument, in quotes). The package's look-up errors
    (people, platforms, questions) derive from it."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class PersonNotFoundError(NetworkError, MessageKeyError):
    """A person is not in the network. ``.person`` is what was asked for."""

    def __init__(self, message: str, person=None):
        super().__init__(message)
        self.person = person


class PlatformNotFoundError(NetworkError, MessageKeyError):
    """No tie in the network is on this platform. ``.platform`` is what was asked for."""

    def __init__(self, message: str, platform=None):
        super().__init__(message)
        self.platform = platform


# ---------------------------------------------------------------------------
# Helpers


def sort_key(node):
    """Order people the way a reader expects: numbers by value, names
    alphabetically, numbers inside names by value ("Community 2" before
    "Community 10")."""
    if isinstance(node, Real) and not isinstance(node, bool):
        return (0, float(node), (), "")
    text = str(node)
    parts = tuple(int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", text.casefold())))
    return (1, 0.0, parts, text)


def sorted_nodes(nodes) -> list:
    return sorted(nodes, key=sort_key)


def tie_key(u, v) -> tuple:
    return (u, v) if sort_key(u) <= sort_key(v) else (v, u)


def fold(value) -> str:
    return " ".join(str(value).split()).casefold()


def check_graph(G) -> None:
    if not isinstance(G, nx.Graph):
        raise TypeError(f"expected a networkx graph, not {type(G).__name__}")
    if len(G) == 0:
        raise EmptyNetworkError("the network is empty: it has no people in it")


def person(G, who):
    """The person in `G` that `who` names.

    An exact match wins; otherwise the match ignores case and extra spaces,
    and a number may be given as text (``"33"`` finds member ``33``).

    Parameters
    ----------
    G : networkx graph
    who : node or str

    Returns
    -------
    node
        The node of `G`.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.
    PersonNotFoundError
        If nobody in `G` matches; the message names `who` and suggests a
        close name when there is one.

    Examples
    --------
    >>> from smlessons.datasets import class_network, karate_club
    >>> G = class_network()
    >>> person(G, "  ana ")
    'Ana'
    >>> person(karate_club(), "33")
    33
    """
    check_graph(G)
    if who in G:  # False (not an error) for an unhashable `who`
        return who
    people = list(G)
    return people[match_person(people, who)]


#: Beyond this many people, a name not found gets no "Did you mean" (difflib
#: over every name would take seconds).
HINT_LIMIT = 20_000


def match_person(people, who, *, role: str = "") -> int:
    """The position in `people` (a sequence of nodes) of the one `who` names,
    ignoring case and extra spaces; a number may be given as text.

    The look-up :func:`person` and the engine's compact networks share (an
    exact match is theirs to try first, the fast way).

    Raises
    ------
    PersonNotFoundError
        If `who` is not a person (a list, say) or names nobody; the message
        starts with `role` (e.g. ``"seed "``) and suggests a close name when
        there is one.
    """
    try:
        hash(who)
    except TypeError:  # e.g. a list: networkx would only say "not in the graph"
        raise PersonNotFoundError(
            f"{who!r} is not a person: give one person's name (a {type(who).__name__} was given)", who
        ) from None
    wanted = fold(who)
    matches = [i for i, u in enumerate(people) if fold(u) == wanted]
    if len(matches) == 1:
        return matches[0]
    numbered = all(isinstance(u, int) for u in people)
    close = []
    if not numbered and len(people) <= HINT_LIMIT:
        close = difflib.get_close_matches(str(who), [str(u) for u in people], n=1, cutoff=0.6)
    raise PersonNotFoundError(
        f"{role}{who!r} is not in this network ({len(people)} people)."
        + (f" The people are numbered {min(people)} to {max(people)}." if numbered else "")
        + (f" Did you mean {close[0]!r}?" if close else ""),
        who,
    )


def find_people(G, whos) -> list:
    if isinstance(whos, (str, bytes)) or not hasattr(whos, "__iter__"):
        whos = [whos]
    return [person(G, w) for w in whos]


def platform_values(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    try:
        return tuple(str(v) for v in value)
    except TypeError:
        return (str(value),)


def platforms(G) -> list[str]:
    """The platforms (media) the ties of `G` live on.

    Parameters
    ----------
    G : networkx graph
        Ties may carry a ``platform`` attribute: a string, or a collection of
        strings for a tie that lives on several platforms.

    Returns
    -------
    list of str
        Sorted; empty when no tie names a platform.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_edge("Ana", "Ben", platform="WhatsApp")
    0
    >>> G.add_edge("Ana", "Ben", platform="Instagram")
    1
    >>> platforms(G)
    ['Instagram', 'WhatsApp']
    """
    check_graph(G)
    found = set()
    for *_, value in G.edges(data="platform"):
        found.update(platform_values(value))
    return sorted(found, key=str.casefold)


def layer(G, platform) -> nx.Graph:
    """The ties of `G` that live on one platform, with everybody in `G`.

    Everyone stays in the layer, tied or not, so that a layer shows who a
    medium does *not* reach, and layers can be drawn with the same positions.

    Parameters
    ----------
    G : networkx graph
    platform : str
        A platform named by some tie's ``platform`` attribute (case and extra
        spaces are ignored).

    Returns
    -------
    networkx.Graph
        A new simple graph; ``graph["platform"]`` names the platform.

    Raises
    ------
    EmptyNetworkError
        If `G` has no people.
    PlatformNotFoundError
        If no tie of `G` is on `platform`.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_edges_from([("Ana", "Ben", {"platform": "WhatsApp"}),
    ...                   ("Ben", "Carla", {"platform": "Instagram"})])
    [0, 0]
    >>> sorted(layer(G, "whatsapp").edges())
    [('Ana', 'Ben')]
    >>> len(layer(G, "WhatsApp"))
    3
    """
    known = platforms(G)
    matches = [p for p in known if fold(p) == fold(platform)]
    if not matches:
        raise PlatformNotFoundError(
            f"no tie in this network is on {platform!r}; the platforms are: "
            + (", ".join(known) or "none (no tie has a 'platform' attribute)"),
            platform,
        )
    name = matches[0]
    H = nx.Graph()
    H.graph.update(G.graph)
    H.graph["platform"] = name
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v, value in G.edges(data="platform") if u != v and name in platform_values(value))
    return H


def simple_graph(G, platform=None) -> nx.Graph:
    """An undirected simple graph of the ties (one per pair), for the algorithms."""
    check_graph(G)
    if platform is not None:
        return layer(G, platform)
    if not G.is_directed() and not G.is_multigraph():
        return G
    H = nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges())
    return H


# ---------------------------------------------------------------------------
# Measures


def degree(G, who, *, platform=None) -> int:
    """How many people `who` is tied to (their degree).

    Parameters
    ----------
    G : networkx graph
    who : node or str
        A person of `G` (see :func:`person` for the accepted forms).
    platform : str, optional
        Count only ties on this platform.

    Returns
    -------
    int

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> G = karate_club()
    >>> degree(G, 33), degree(G, 0)
    (17, 16)
    """
    H = simple_graph(G, platform)
    who = person(H, who)
    return len(H[who]) - (who in H[who])


def degrees(G, *, platform=None) -> dict:
    """Everybody's degree, as ``{person: number of ties}`` in the network's order.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> d = degrees(karate_club())
    >>> max(d, key=d.get), max(d.values())
    (33, 17)
    """
    return degree_map(simple_graph(G, platform))


def degree_map(H) -> dict:
    # A tie of a person with themself does not count: degree is other people.
    return {u: len(nbrs) - (u in nbrs) for u, nbrs in H.adjacency()}


def neighbours(G, who, *, platform=None) -> list:
    """The people `who` is tied to, sorted by name (or number).

    Parameters
    ----------
    G : networkx graph
    who : node or str
    platform : str, optional
        Only ties on this platform.

    Returns
    -------
    list

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> neighbours(karate_club(), 11)
    [0]
    """
    H = simple_graph(G, platform)
    who = person(H, who)
    return sorted_nodes(n for n in H[who] if n != who)


def shortest_path(G, source, target, *, platform=None) -> list:
    """A shortest chain of ties from `source` to `target`, both included.

    When several chains are equally short, the same one is always returned.

    Returns
    -------
    list
        ``[source, ..., target]``; its length minus one is the distance.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError
    NoPathError
        If no chain of ties joins the two.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> shortest_path(karate_club(), 11, 33)
    [11, 0, 8, 33]
    """
    H = simple_graph(G, platform)
    s, t = person(H, source), person(H, target)
    try:
        return nx.shortest_path(H, s, t)
    except nx.NetworkXNoPath:
        raise NoPathError(
            f"there is no path between {s!r} and {t!r}: they are in separate parts of the network"
        ) from None


def distance(G, source, target, *, platform=None) -> int:
    """How many ties the shortest chain from `source` to `target` has.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError, NoPathError

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> distance(karate_club(), 11, 33)
    3
    """
    return len(shortest_path(G, source, target, platform=platform)) - 1


def communities(G, *, method: str = "louvain", seed: int = 0, platform=None) -> list[list]:
    """Split the network into communities: groups with many ties inside, few between.

    Parameters
    ----------
    G : networkx graph
    method : {"louvain", "greedy"}
        Louvain (Blondel et al. 2008), seeded, or greedy modularity (Clauset,
        Newman and Moore 2004), which needs no seed. Both only need networkx.
    seed : int, default 0
        Seed for Louvain: the same seed always gives the same communities.
    platform : str, optional
        Only ties on this platform.

    Returns
    -------
    list of list
        Largest community first (ties broken by the first member's name);
        each community sorted. Community 1 in :func:`draw_network` is the
        first one here.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError
    ValueError
        If `method` is unknown.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> [len(c) for c in communities(karate_club())]
    [12, 11, 6, 5]
    """
    H = simple_graph(G, platform)
    if method == "louvain":
        found = nx.community.louvain_communities(H, weight=None, seed=seed)
    elif method == "greedy":
        found = nx.community.greedy_modularity_communities(H, weight=None)
    else:
        raise ValueError(f"method must be 'louvain' or 'greedy', not {method!r}")
    groups = [sorted_nodes(c) for c in found]
    groups.sort(key=lambda c: (-len(c), sort_key(c[0])))
    return groups


def community_of(G, who, *, method: str = "louvain", seed: int = 0, platform=None) -> int:
    """The number of the community `who` is in (1 is the largest).

    The numbers match :func:`communities` (``communities(G)[k - 1]``) and the
    legend of :func:`draw_network`.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> G = karate_club()
    >>> community_of(G, 33), 33 in communities(G)[0]
    (1, True)
    """
    H = simple_graph(G, platform)
    who = person(H, who)
    for k, members in enumerate(communities(H, method=method, seed=seed), start=1):
        if who in members:
            return k
    raise AssertionError("every person is in a community")  # pragma: no cover


def bridges(G, *, platform=None) -> list[tuple]:
    """The ties that are bridges: cut one and the network falls into more pieces.

    Parameters
    ----------
    G : networkx graph
    platform : str, optional

    Returns
    -------
    list of tuple
        Each tie as a sorted pair; the list sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    See Also
    --------
    local_bridges : the weaker condition Granovetter (1973) works with.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> bridges(karate_club())
    [(0, 11)]
    """
    H = simple_graph(G, platform)
    return sorted((tie_key(u, v) for u, v in nx.bridges(H)), key=lambda e: (sort_key(e[0]), sort_key(e[1])))


def local_bridges(G, *, with_span: bool = False, platform=None) -> list[tuple]:
    """The ties whose two ends have no friend in common (local bridges).

    Granovetter (1973), "The strength of weak ties" (*American Journal of
    Sociology* 78(6), 1360-1380), argues that such ties are the ones that
    bring new information into a group, and that they are mostly *weak*
    ties (acquaintances): two close friends tend to share friends, so a
    strong tie rarely is a local bridge. Every bridge is a local bridge.

    Parameters
    ----------
    G : networkx graph
    with_span : bool, default False
        Also give each tie's span: the distance between its ends once the tie
        is cut (``math.inf`` for a bridge, where no detour exists).
    platform : str, optional

    Returns
    -------
    list of tuple
        ``(u, v)`` or ``(u, v, span)``, each tie sorted, the list sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> local_bridges(karate_club(), with_span=True)[:2]
    [(0, 11, inf), (0, 31, 3)]
    """
    H = simple_graph(G, platform)
    if nx.number_of_selfloops(H):
        H = nx.Graph(H)
        H.remove_edges_from(list(nx.selfloop_edges(H)))
    found = [(*tie_key(u, v), span) for u, v, span in nx.local_bridges(H, with_span=True, weight=None)]
    found.sort(key=lambda e: (sort_key(e[0]), sort_key(e[1])))
    return found if with_span else [(u, v) for u, v, _ in found]


def ties_between_communities(G, groups=None, *, seed: int = 0, platform=None) -> list[tuple]:
    """The ties that join two different communities.

    Parameters
    ----------
    G : networkx graph
    groups : list of collections, optional
        The communities; by default ``communities(G, seed=seed)``.
    seed : int, default 0
    platform : str, optional

    Returns
    -------
    list of tuple
        Each tie sorted, the list sorted.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError
    ValueError
        If `groups` leaves somebody out.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> len(ties_between_communities(karate_club()))
    21
    """
    H = simple_graph(G, platform)
    if groups is None:
        groups = communities(H, seed=seed)
    label = {p: k for k, members in enumerate(groups) for p in members}
    missing = [p for p in H if p not in label]
    if missing:
        raise ValueError(f"groups leaves out {len(missing)} people, e.g. {missing[0]!r}")
    found = {tie_key(u, v) for u, v in H.edges() if label[u] != label[v]}
    return sorted(found, key=lambda e: (sort_key(e[0]), sort_key(e[1])))


CENTRALITY_MEASURES = ("degree", "betweenness")


def centrality(G, by: str = "degree", *, platform=None) -> dict:
    """How central each person is, as ``{person: score}`` in the network's order.

    Parameters
    ----------
    G : networkx graph
    by : {"degree", "betweenness"}
        ``"degree"``: how many ties a person has. ``"betweenness"``: the
        share of shortest paths between two *other* people that pass through
        this person (0 to 1; with several shortest paths, each counts a
        part). High betweenness marks a broker, who may have few ties.
        Exact (no sampling): slow beyond a few thousand people.
    platform : str, optional

    Returns
    -------
    dict

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError
    ValueError
        If `by` is unknown.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> b = centrality(karate_club(), "betweenness")
    >>> max(b, key=b.get)
    0
    """
    if by not in CENTRALITY_MEASURES:
        raise ValueError(f"by must be 'degree' or 'betweenness', not {by!r}")
    H = simple_graph(G, platform)
    if by == "degree":
        return degree_map(H)
    return nx.betweenness_centrality(H, normalized=True, weight=None)


def central_people(G, by: str = "degree", *, top: int = 3, platform=None) -> list[tuple]:
    """The `top` most central people, with their scores, most central first.

    Parameters
    ----------
    G : networkx graph
    by : {"degree", "betweenness"}
        See :func:`centrality`.
    top : int, default 3
    platform : str, optional

    Returns
    -------
    list of (person, score)
        Equal scores are ordered by name. Betweenness is rounded to 3
        decimals, for reading.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError
    ValueError
        If `by` is unknown or `top` is not a positive integer.

    Examples
    --------
    >>> from smlessons.datasets import karate_club
    >>> central_people(karate_club(), "degree")
    [(33, 17), (0, 16), (32, 12)]
    >>> central_people(karate_club(), "betweenness", top=2)
    [(0, 0.438), (33, 0.304)]
    """
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a positive integer, got {top!r}")
    scores = centrality(G, by, platform=platform)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], sort_key(kv[0])))[:top]
    if by == "betweenness":
        return [(p, round(s, 3)) for p, s in ranked]
    return ranked


def follow_arrows(G):
    """`G` as arrows: a directed graph as it is, an undirected tie as two arrows."""
    check_graph(G)
    if G.is_directed():
        return G
    return nx.DiGraph(G)


def followers(G, who) -> list:
    """The people who follow `who` (arrows pointing in), sorted.

    In an undirected network every tie is mutual, so the followers are the
    neighbours.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import follow_network
    >>> followers(follow_network(), "Chloe")
    ['Aiko', 'Bruno', 'Diego', 'Hana']
    """
    D = follow_arrows(G)
    who = person(D, who)
    return sorted_nodes(u for u in D.predecessors(who) if u != who)


def following(G, who) -> list:
    """The people `who` follows (arrows pointing out), sorted.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import follow_network
    >>> following(follow_network(), "Lea")
    ['Jonas']
    """
    D = follow_arrows(G)
    who = person(D, who)
    return sorted_nodes(v for v in D.successors(who) if v != who)


def audience(G, who) -> int:
    """How many people follow `who`: their in-degree, the size of their audience.

    A post by `who` reaches these people directly (if the platform shows it
    to them).

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import follow_network
    >>> F = follow_network()
    >>> audience(F, "Lea"), len(following(F, "Lea"))
    (10, 1)
    """
    return len(followers(G, who))


def mutual_ties(G, who) -> list:
    """The people who follow `who` and whom `who` follows back, sorted.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> from smlessons.datasets import follow_network
    >>> mutual_ties(follow_network(), "Diego")
    ['Aiko', 'Bruno', 'Chloe', 'Emeka']
    >>> mutual_ties(follow_network(), "Lea")
    ['Jonas']
    """
    out = set(following(G, who))
    return [u for u in followers(G, who) if u in out]


def reciprocity(G, who=None) -> float:
    """The share of follows that are returned (0 to 1).

    For the whole network: of all the arrows, the share whose reverse arrow
    exists too (the arc-based definition, as in Newman, *Networks*, 2nd ed.,
    2018, and :func:`networkx.overall_reciprocity`). Wasserman & Faust (1994)
    count pairs instead: mutual pairs among the pairs with at least one
    arrow; that share is lower whenever some follows are not returned (in
    :func:`follow_network`, 12 of 22 pairs, 0.545, against 0.706 here).
    For one person: the same arc-based share among the arrows that start or
    end at them, which is networkx's own convention
    (:func:`networkx.reciprocity` with nodes). A network of friendships
    (undirected) has reciprocity 1: every tie runs both ways.

    Parameters
    ----------
    G : networkx graph
    who : node or str, optional
        One person; by default the whole network.

    Returns
    -------
    float
        Rounded to 3 decimals, for reading.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError
    ValueError
        If there are no follows to count (nobody follows anybody, or `who`
        follows nobody and nobody follows `who`).

    Examples
    --------
    >>> from smlessons.datasets import class_network, follow_network
    >>> F = follow_network()
    >>> reciprocity(F), reciprocity(F, "Lea"), reciprocity(F, "Diego")
    (0.706, 0.182, 0.889)
    >>> reciprocity(class_network())
    1.0
    """
    D = follow_arrows(G)
    if who is None:
        arrows = [(u, v) for u, v in D.edges() if u != v]
    else:
        who = person(D, who)
        arrows = [(u, who) for u in D.predecessors(who) if u != who] + [(who, v) for v in D.successors(who) if v != who]
    if not arrows:
        raise ValueError(
            f"there are no follows {'in this network' if who is None else f'to or from {who!r}'}, "
            "so no share of them can be returned"
        )
    returned = sum(1 for u, v in arrows if D.has_edge(v, u))
    return round(returned / len(arrows), 3)
