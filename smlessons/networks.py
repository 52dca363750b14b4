"""Social networks as graphs: data, measures and a plotly view.

A social network is a set of people (nodes) and the ties between them
(edges). This module gives the course two networks to study (and, for the
assessments of lessons 4 to 6, each student's own network:
:func:`student_network`), the measures
lesson 4 introduces (degree, neighbours, paths, communities, bridges,
central people) and :func:`draw_network`, an interactive plotly view.

It is plain Python on networkx and numpy (plotly is imported only when a
figure is drawn) and is *not* imported by ``import smlessons``::

    from smlessons import networks
    from smlessons.networks import karate_club, draw_network

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
from functools import lru_cache
from itertools import chain
from numbers import Real

import networkx as nx
import numpy as np

from .variants import below, draw
from .figures import COLOURWAY, EDGE, HIGHLIGHT, NEUTRAL

__all__ = [
    "NetworkError",
    "EmptyNetworkError",
    "PersonNotFoundError",
    "PlatformNotFoundError",
    "NoPathError",
    "NAMES",
    "karate_club",
    "class_network",
    "platforms",
    "layer",
    "person",
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
    "layout",
    "layout_problems",
    "edge_index",
    "edge_coordinates",
    "draw_network",
    "MAX_EDGES",
]

ZACHARY_1977 = (
    "Zachary, W. W. (1977). An information flow model for conflict and fission in small groups. "
    "Journal of Anthropological Research, 33(4), 452-473."
)
GRANOVETTER_1973 = (
    "Granovetter, M. S. (1973). The strength of weak ties. American Journal of Sociology, 78(6), 1360-1380."
)

#: First names for the synthetic networks, in a fixed order (so that a seed
#: always gives the same people). Unique, even ignoring case.
NAMES = (
    "Ana", "Ben", "Carla", "Dev", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jamal",
    "Kira", "Luca", "Maya", "Nils", "Omar", "Pia", "Quentin", "Rosa", "Sami", "Tariq",
    "Uma", "Vera", "Wen", "Xavi", "Yara", "Zoe", "Aiko", "Bruno", "Chloe", "Diego",
    "Emeka", "Femi", "Gosia", "Hana", "Ivan", "Jonas", "Kemal", "Lea", "Malik", "Noor",
    "Olga", "Pedro", "Rania", "Sven", "Tomas", "Ursula", "Vik", "Wanjiru", "Ximena", "Yusuf",
    "Zara", "Amir", "Bea", "Cem", "Dara", "Esme", "Filip", "Gita", "Hiro", "Idris",
)  # fmt: skip

#: Beyond this many ties, :func:`draw_network` draws a random sample of them,
#: so that the figure's JSON stays well under 2 MB (about 35 bytes a tie).
MAX_EDGES = 20_000

# Spring layout is O(n^2) in memory, and from 500 people on networkx switches
# to a method that needs scipy, which the course does not install.
_SPRING_LIMIT = 500

# The course's colours (they read on light and dark backgrounds), and one
# marker shape per group, so that a group is never told by colour alone.
_PALETTE = COLOURWAY
_SYMBOLS = (
    "circle", "square", "diamond", "triangle-up", "cross", "star",
    "triangle-down", "pentagon", "hexagon", "x", "triangle-left", "star-square",
)  # fmt: skip
_EDGE_COLOUR = EDGE
_HIGHLIGHT_COLOUR = HIGHLIGHT


# ---------------------------------------------------------------------------
# Errors


class NetworkError(Exception):
    """Base class of this module's errors."""


class EmptyNetworkError(NetworkError, ValueError):
    """The network has no people in it."""


class NoPathError(NetworkError, ValueError):
    """Two people are in separate parts of the network: no path joins them."""


class _MessageKeyError(NetworkError, KeyError):
    # KeyError's str() is the repr of its argument ("'...'"): show the message.
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class PersonNotFoundError(_MessageKeyError):
    """A person is not in the network. ``.person`` is what was asked for."""

    def __init__(self, message: str, person=None):
        super().__init__(message)
        self.person = person


class PlatformNotFoundError(_MessageKeyError):
    """No tie in the network is on this platform. ``.platform`` is what was asked for."""

    def __init__(self, message: str, platform=None):
        super().__init__(message)
        self.platform = platform


# ---------------------------------------------------------------------------
# Helpers


def _sort_key(node):
    """Order people the way a reader expects: numbers by value, names
    alphabetically, numbers inside names by value ("Community 2" before
    "Community 10")."""
    if isinstance(node, Real) and not isinstance(node, bool):
        return (0, float(node), (), "")
    text = str(node)
    parts = tuple(int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", text.casefold())))
    return (1, 0.0, parts, text)


def _sorted(nodes) -> list:
    return sorted(nodes, key=_sort_key)


def _tie(u, v) -> tuple:
    return (u, v) if _sort_key(u) <= _sort_key(v) else (v, u)


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold()


def _check_graph(G) -> None:
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
    >>> G = class_network()
    >>> person(G, "  ana ")
    'Ana'
    >>> person(karate_club(), "33")
    33
    """
    _check_graph(G)
    try:
        hash(who)
    except TypeError:  # e.g. a list: networkx would only say "not in the graph"
        raise PersonNotFoundError(
            f"{who!r} is not a person: give one person's name (a {type(who).__name__} was given)", who
        ) from None
    if who in G:
        return who
    wanted = _norm(who)
    matches = [n for n in G if _norm(n) == wanted]
    if len(matches) == 1:
        return matches[0]
    if all(isinstance(n, int) for n in G):
        numbers = sorted(G)
        hint = f" The people are numbered {numbers[0]} to {numbers[-1]}."
    else:
        close = difflib.get_close_matches(str(who), [str(n) for n in G], n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
    raise PersonNotFoundError(f"{who!r} is not in this network ({len(G)} people).{hint}", who)


def _people(G, whos) -> list:
    if isinstance(whos, (str, bytes)) or not hasattr(whos, "__iter__"):
        whos = [whos]
    return [person(G, w) for w in whos]


def _platform_values(value) -> tuple:
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
    _check_graph(G)
    found = set()
    for *_, value in G.edges(data="platform"):
        found.update(_platform_values(value))
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
    matches = [p for p in known if _norm(p) == _norm(platform)]
    if not matches:
        listed = ", ".join(known) if known else "none (no tie has a 'platform' attribute)"
        raise PlatformNotFoundError(
            f"no tie in this network is on {platform!r}; the platforms are: {listed}", platform
        )
    name = matches[0]
    H = nx.Graph()
    H.graph.update(G.graph)
    H.graph["platform"] = name
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(
        (u, v) for u, v, value in G.edges(data="platform") if u != v and name in _platform_values(value)
    )
    return H


def _simple(G, platform=None) -> nx.Graph:
    """An undirected simple graph of the ties (one per pair), for the algorithms."""
    _check_graph(G)
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
# Data


def karate_club() -> nx.Graph:
    """Zachary's karate club: a real social network of 34 people and 78 ties.

    The anthropologist Wayne W. Zachary observed a university karate club in
    the early 1970s. A tie joins two members who regularly met outside the
    club's classes and meetings. During his study a conflict between the
    instructor (called "Mr. Hi" in the paper) and the club's administrator
    split the club in two. The network comes from W. W. Zachary (1977), "An
    information flow model for conflict and fission in small groups",
    *Journal of Anthropological Research* 33(4), 452-473, and ships with
    networkx (:func:`networkx.karate_club_graph`).

    Returns
    -------
    networkx.Graph
        Members are numbered 0 to 33 (the paper numbers them 1 to 34, so
        member 0 here is individual 1 there). Member 0 is the instructor,
        member 33 the administrator. Each member's ``club`` attribute says
        which side they joined after the split (``"Mr. Hi"`` or
        ``"Officer"``). Each tie's ``weight`` (how many kinds of contact the
        two had) is kept, but the measures of this module ignore it.
        ``graph["source"]`` holds the citation; ``graph["synthetic"]`` is
        False.

    Examples
    --------
    >>> G = karate_club()
    >>> G.number_of_nodes(), G.number_of_edges()
    (34, 78)
    >>> G.nodes[0]["club"], G.nodes[33]["club"]
    ('Mr. Hi', 'Officer')
    """
    G = nx.karate_club_graph()
    G.graph.update(name="Zachary's karate club", source=ZACHARY_1977, synthetic=False)
    return G


def class_network(n: int = 24, *, groups: int = 4, p_in: float = 0.7, seed: int = 7) -> nx.Graph:
    """A synthetic class: friendship groups joined by a few bridging ties.

    The people are split into `groups` friendship groups of nearly equal
    size. Within a group, each pair is friends with probability `p_in` (and
    the group is made connected). Groups are chained: one tie joins each
    group to the next. With three groups or more, one extra tie joins the
    first group to the third, so that some ties between groups are bridges
    (cut them and the class falls apart) and some are only local bridges (a
    long detour remains). The network is invented, for practice: it is not
    data about real people.

    Parameters
    ----------
    n : int, default 24
        Number of people, at least 2 per group. The first `n` names of
        :data:`NAMES` are used; past 60 people a number is added ("Ana 2").
    groups : int, default 4
        Number of friendship groups, at least 1.
    p_in : float, default 0.7
        Probability that two people of the same group are friends, in [0, 1].
    seed : int, default 7
        Seed of the random generator: the same arguments always give the same
        network.

    Returns
    -------
    networkx.Graph
        Each person has a ``group`` attribute (1 to `groups`: the group they
        were generated in). ``graph["synthetic"]`` is True.

    Raises
    ------
    TypeError
        If `n`, `groups` or `seed` is not an integer.
    ValueError
        If `groups` < 1, `n` < 2 * `groups`, or `p_in` is outside [0, 1].

    Examples
    --------
    >>> G = class_network()
    >>> G.graph["synthetic"], G.number_of_nodes(), nx.is_connected(G)
    (True, 24, True)
    >>> nx.utils.graphs_equal(G, class_network())
    True
    """
    for name, value in (("n", n), ("groups", groups), ("seed", seed)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
            raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    if groups < 1:
        raise ValueError(f"groups must be at least 1, got {groups}")
    if n < 2 * groups:
        raise ValueError(f"n must be at least 2 people per group ({2 * groups} for {groups} groups), got {n}")
    if not isinstance(p_in, Real) or not 0 <= p_in <= 1:
        raise ValueError(f"p_in is a probability between 0 and 1, got {p_in!r}")

    rng = np.random.default_rng(int(seed))
    names = [NAMES[i % len(NAMES)] + (f" {i // len(NAMES) + 1}" if i >= len(NAMES) else "") for i in range(n)]
    order = rng.permutation(n)
    sizes = [n // groups + (1 if g < n % groups else 0) for g in range(groups)]
    members, start = [], 0
    for size in sizes:
        members.append([names[i] for i in sorted(order[start : start + size])])
        start += size
    group_of = {p: g + 1 for g, ms in enumerate(members) for p in ms}

    G = nx.Graph(name="A synthetic class network", synthetic=True, seed=int(seed))
    G.add_nodes_from((p, {"group": group_of[p]}) for p in names)
    for ms in members:
        for i, u in enumerate(ms):
            for v in ms[i + 1 :]:
                if rng.random() < p_in:
                    G.add_edge(u, v)
        # A friendship group hangs together: link its pieces one after another.
        parts = [sorted(c, key=ms.index) for c in nx.connected_components(G.subgraph(ms))]
        parts.sort(key=lambda c: ms.index(c[0]))
        for a, b in zip(parts, parts[1:]):
            G.add_edge(a[rng.integers(len(a))], b[rng.integers(len(b))])

    def pick(ms, avoid=()):
        choices = [p for p in ms if p not in avoid] or ms
        return choices[rng.integers(len(choices))]

    ends = set()
    for a, b in zip(members, members[1:]):
        u, v = pick(a), pick(b)
        G.add_edge(u, v)
        ends.update((u, v))
    if groups >= 3:
        # Its ends avoid the other bridges' ends, so that no triangle closes.
        G.add_edge(pick(members[0], ends), pick(members[2], ends))
    return G


# ---------------------------------------------------------------------------
# Each student's own network (the assessments of lessons 4 to 6)

__all__ += ["STUDENT_NETWORK_ID", "STUDENT_NETWORK_NAME", "student_network", "my_network"]

#: The exercise id the student networks are drawn under (see :func:`smlessons.variants.rng`).
STUDENT_NETWORK_ID = "student-network"
#: The name of every student's network (``graph["name"]``, shown in figure titles): it says the network is invented.
STUDENT_NETWORK_NAME = "Your practice network (invented)"

_STUDENT_TRIES = 400  # drafts tried before giving up (about 3 are needed on average)
_STUDENT_P_IN = 0.6  # chance that two people of the same group are friends


def _friends_of(ties, p) -> set:
    return {q for e in ties if p in e for q in e if q != p}


def _student_draft(r) -> tuple[list, list, list]:
    """One draft: (groups of names, ties inside groups, ties between groups; the last one the bridge)."""
    k = 3 + below(r, 2)  # 3 or 4 groups
    sizes = [4 + below(r, 3 if k == 3 else 2) for _ in range(k)]  # 12 to 18, or 16 to 20 people
    names = draw(r, list(NAMES), sum(sizes))
    groups, start = [], 0
    for size in sizes:
        groups.append(_sorted(names[start : start + size]))
        start += size
    inside = []
    for ms in groups:
        ties = {(u, v) for i, u in enumerate(ms) for v in ms[i + 1 :] if r.random() < _STUDENT_P_IN}
        for p in ms:  # nobody hangs on one tie inside their group
            while sum(p in t for t in ties) < 2:
                q = ms[below(r, len(ms))]
                if q != p:
                    ties.add(_tie(p, q))
        while True:  # two friends of the same group share a friend: close a triangle where they do not
            lonely = sorted(
                (e for e in ties if not _friends_of(ties, e[0]) & _friends_of(ties, e[1])),
                key=lambda e: (_sort_key(e[0]), _sort_key(e[1])),
            )
            if not lonely:
                break
            u, v = lonely[below(r, len(lonely))]
            options = _sorted(_friends_of(ties, v) - {u})
            ties.add(_tie(u, options[below(r, len(options))]))
        inside += sorted(ties, key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))
    used: set = set()

    def end(g):
        free = [p for p in groups[g] if p not in used]
        p = free[below(r, len(free))]
        used.add(p)
        return p

    core = list(range(k - 1))
    between = []
    if len(core) == 2:  # two groups joined by two ties, no end shared
        between += [(end(0), end(1)), (end(0), end(1))]
    else:  # three groups in a ring
        between += [(end(a), end(b)) for a, b in ((0, 1), (1, 2), (2, 0))]
    between.append((end(core[below(r, len(core))]), end(k - 1)))  # the last group hangs on one tie
    return groups, inside, between


def _modularity_gain_ok(G, groups) -> bool:
    """True if no single move or merge of groups raises the modularity (exact arithmetic).

    The planted groups are then what a community method that climbs the
    modularity, such as Louvain, settles on.
    """
    from fractions import Fraction

    m2 = 2 * G.number_of_edges()
    label = {p: g for g, ms in enumerate(groups) for p in ms}

    def quality(lab):
        inside = sum(1 for u, v in G.edges() if lab[u] == lab[v])
        total: dict = {}
        for p in G:
            total[lab[p]] = total.get(lab[p], 0) + G.degree(p)
        return Fraction(inside, m2 // 2) - sum(Fraction(d * d, m2 * m2) for d in total.values())

    best = quality(label)
    for p in G:
        for g in {label[q] for q in G[p]} - {label[p]}:
            if quality({**label, p: g}) >= best:
                return False
    for a in range(len(groups)):
        for b in range(a + 1, len(groups)):
            if quality({p: (a if g == b else g) for p, g in label.items()}) >= best:
                return False
    return True


def _student_ok(G, groups, between) -> bool:
    """The checks that make every question asked on the network have one answer."""
    if not nx.is_connected(G):
        return False
    if any(not nx.is_connected(G.subgraph(ms)) for ms in groups):
        return False
    if [frozenset(e) for e in nx.bridges(G)] != [frozenset(between[-1])]:
        return False  # exactly one bridge: the tie the last group hangs on
    crossing = {frozenset(e) for e in between}
    for u, v in G.edges():
        shared = bool(set(G[u]) & set(G[v]))
        if shared == (frozenset((u, v)) in crossing):
            return False  # local bridges are exactly the ties between groups
    deg = sorted((d for _, d in G.degree()), reverse=True)
    if deg[0] == deg[1]:
        return False  # one person has the most ties
    between_c = nx.betweenness_centrality(G, normalized=True, weight=None)
    ranked = sorted(between_c.values(), reverse=True)
    if ranked[0] - ranked[1] < 1e-6:
        return False  # one person has the highest betweenness
    hub = max(G.degree(), key=lambda x: x[1])[0]
    broker = max(between_c, key=between_c.get)
    if hub == broker:
        return False  # the broker is not the person with the most ties
    return _modularity_gain_ok(G, groups)


@lru_cache(maxsize=256)
def _student_design(student: str) -> tuple:
    from .variants import rng

    for attempt in range(_STUDENT_TRIES):
        r = rng(student, STUDENT_NETWORK_ID, f"draft {attempt}")
        groups, inside, between = _student_draft(r)
        G = nx.Graph()
        for g, ms in enumerate(groups, start=1):
            G.add_nodes_from(ms, group=g)
        G.add_edges_from(inside)
        G.add_edges_from(between)
        if _student_ok(G, groups, between):
            people = _sorted(G)
            edges = sorted((_tie(u, v) for u, v in G.edges()), key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))
            return tuple(people), tuple(edges), tuple(tuple(ms) for ms in groups), attempt
    raise RuntimeError(  # pragma: no cover - never seen in tens of thousands of ids
        f"no network met the checks for student {student!r} in {_STUDENT_TRIES} drafts"
    )


def student_network(student: str | None = None) -> nx.Graph:
    """One student's own practice network, for the assessed questions of lessons 4 to 6.

    The network is synthetic: invented for practice, a made-up class drawn
    from the student's id, it describes nobody. Its name says so
    (``graph["name"]`` is :data:`STUDENT_NETWORK_NAME`), and so does the
    title of every figure drawn from it.

    12 to 20 people, with names from :data:`NAMES`, in 3 or 4 friendship
    groups. Inside a group about 6 pairs in 10 are friends and nobody has
    fewer than two friends. Between groups: with three groups, two groups
    are joined by two ties; with four, three groups form a ring (one tie
    between each two); the last group hangs on a single tie. So the network
    is connected and built so that every assessed question asked on it has
    exactly one right answer:

    - exactly one bridge (the tie the last group hangs on);
    - the local bridges are exactly the ties between groups (two friends of
      the same group always share a friend);
    - one person has the most ties, one person has the highest betweenness,
      and they are two different people;
    - the groups are the communities: no move of one person to another group
      and no merge of two groups raises the modularity (exact fractions),
      so a community method such as Louvain finds them.

    A draft that fails a check is redrawn (a bounded number of times). The
    network depends only on the student's id: it is drawn with
    :func:`smlessons.variants.rng` using ``random()`` alone (the one method
    whose numbers Python keeps the same across versions), never with a
    networkx generator, so it is the same in every process, on every
    machine and with every library version. The checks use only exact
    measures (bridges, common friends, degrees, betweenness, modularity
    in fractions), so they too give the same verdict everywhere.

    Parameters
    ----------
    student : str, optional
        The student's id; by default the one running the notebook
        (:func:`smlessons.variants.student_id`).

    Returns
    -------
    networkx.Graph
        A new graph each call. Each person has a ``group`` attribute (1 to
        the number of groups). ``graph["communities"]`` lists the groups
        (each sorted, largest first, ties broken by the first name, as
        :func:`communities` orders them), ``graph["student"]`` is the id,
        ``graph["synthetic"]`` is True and ``graph["name"]`` is
        :data:`STUDENT_NETWORK_NAME`.

    Raises
    ------
    TypeError
        If `student` is not a string.

    Examples
    --------
    >>> G = student_network("ana")
    >>> 12 <= len(G) <= 20, nx.is_connected(G), len(bridges(G))
    (True, True, 1)
    >>> nx.utils.graphs_equal(G, student_network("ana"))
    True
    >>> sorted(G) == sorted(student_network("ben"))
    False
    >>> G.graph["name"]
    'Your practice network (invented)'
    """
    if student is None:
        from .variants import student_id

        student = student_id()
    if not isinstance(student, str):
        raise TypeError(f"student must be a student's id (a string), not {type(student).__name__}")
    people, edges, groups, _ = _student_design(student)
    G = nx.Graph(name=STUDENT_NETWORK_NAME, synthetic=True, student=student)
    group_of = {p: g for g, ms in enumerate(groups, start=1) for p in ms}
    G.add_nodes_from((p, {"group": group_of[p]}) for p in people)
    G.add_edges_from(edges)
    ordered = sorted((list(ms) for ms in groups), key=lambda c: (-len(c), _sort_key(c[0])))
    G.graph["communities"] = ordered
    return G


def my_network() -> nx.Graph:
    """The network of the student running the notebook: ``student_network(student_id())``.

    Examples
    --------
    >>> import os
    >>> os.environ["SMLESSONS_STUDENT"] = "ana"
    >>> nx.utils.graphs_equal(my_network(), student_network("ana"))
    True
    >>> del os.environ["SMLESSONS_STUDENT"]
    """
    return student_network(None)


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
    >>> G = karate_club()
    >>> degree(G, 33), degree(G, 0)
    (17, 16)
    """
    H = _simple(G, platform)
    who = person(H, who)
    return len(H[who]) - (who in H[who])


def degrees(G, *, platform=None) -> dict:
    """Everybody's degree, as ``{person: number of ties}`` in the network's order.

    Raises
    ------
    EmptyNetworkError, PlatformNotFoundError

    Examples
    --------
    >>> d = degrees(karate_club())
    >>> max(d, key=d.get), max(d.values())
    (33, 17)
    """
    return _degrees(_simple(G, platform))


def _degrees(H) -> dict:
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
    >>> neighbours(karate_club(), 11)
    [0]
    """
    H = _simple(G, platform)
    who = person(H, who)
    return _sorted(n for n in H[who] if n != who)


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
    >>> shortest_path(karate_club(), 11, 33)
    [11, 0, 8, 33]
    """
    H = _simple(G, platform)
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
    >>> [len(c) for c in communities(karate_club())]
    [12, 11, 6, 5]
    """
    H = _simple(G, platform)
    if method == "louvain":
        found = nx.community.louvain_communities(H, weight=None, seed=seed)
    elif method == "greedy":
        found = nx.community.greedy_modularity_communities(H, weight=None)
    else:
        raise ValueError(f"method must be 'louvain' or 'greedy', not {method!r}")
    groups = [_sorted(c) for c in found]
    groups.sort(key=lambda c: (-len(c), _sort_key(c[0])))
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
    >>> G = karate_club()
    >>> community_of(G, 33), 33 in communities(G)[0]
    (1, True)
    """
    H = _simple(G, platform)
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
    >>> bridges(karate_club())
    [(0, 11)]
    """
    H = _simple(G, platform)
    return sorted((_tie(u, v) for u, v in nx.bridges(H)), key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))


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
    >>> local_bridges(karate_club(), with_span=True)[:2]
    [(0, 11, inf), (0, 31, 3)]
    """
    H = _simple(G, platform)
    if nx.number_of_selfloops(H):
        H = nx.Graph(H)
        H.remove_edges_from(list(nx.selfloop_edges(H)))
    found = [(*_tie(u, v), span) for u, v, span in nx.local_bridges(H, with_span=True, weight=None)]
    found.sort(key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))
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
    >>> len(ties_between_communities(karate_club()))
    21
    """
    H = _simple(G, platform)
    if groups is None:
        groups = communities(H, seed=seed)
    label = {p: k for k, members in enumerate(groups) for p in members}
    missing = [p for p in H if p not in label]
    if missing:
        raise ValueError(f"groups leaves out {len(missing)} people, e.g. {missing[0]!r}")
    found = {_tie(u, v) for u, v in H.edges() if label[u] != label[v]}
    return sorted(found, key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))


_MEASURES = ("degree", "betweenness")


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
    >>> b = centrality(karate_club(), "betweenness")
    >>> max(b, key=b.get)
    0
    """
    if by not in _MEASURES:
        raise ValueError(f"by must be 'degree' or 'betweenness', not {by!r}")
    H = _simple(G, platform)
    if by == "degree":
        return _degrees(H)
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
    >>> central_people(karate_club(), "degree")
    [(33, 17), (0, 16), (32, 12)]
    >>> central_people(karate_club(), "betweenness", top=2)
    [(0, 0.438), (33, 0.304)]
    """
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a positive integer, got {top!r}")
    scores = centrality(G, by, platform=platform)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _sort_key(kv[0])))[:top]
    if by == "betweenness":
        return [(p, round(s, 3)) for p, s in ranked]
    return ranked


# ---------------------------------------------------------------------------
# Follow networks: one-way ties (arrows)

__all__ += [
    "FOLLOWS",
    "follow_network",
    "followers",
    "following",
    "audience",
    "mutual_ties",
    "reciprocity",
    "audience_table",
]

#: The follows of :func:`follow_network`'s synthetic example, as
#: ``(follower, followed)``: two groups of friends who follow each other back,
#: a pair of friends, and Lea, a creator whom nearly everybody follows and who
#: follows back only her friend Jonas. Invented for practice.
FOLLOWS = (
    # Friends follow each other back: Aiko, Bruno, Chloe and Diego ...
    *[(a, b) for a in ("Aiko", "Bruno", "Chloe", "Diego") for b in ("Aiko", "Bruno", "Chloe", "Diego") if a != b],
    # ... Emeka, Femi and Gosia, and Diego with Emeka, Hana with Ivan, Lea with Jonas.
    *[(a, b) for a in ("Emeka", "Femi", "Gosia") for b in ("Emeka", "Femi", "Gosia") if a != b],
    ("Diego", "Emeka"), ("Emeka", "Diego"),
    ("Hana", "Ivan"), ("Ivan", "Hana"),
    ("Lea", "Jonas"), ("Jonas", "Lea"),
    # One-way: an audience that is not followed back.
    *[(a, "Lea") for a in ("Aiko", "Bruno", "Chloe", "Diego", "Emeka", "Femi", "Gosia", "Hana", "Ivan")],
    ("Hana", "Chloe"),
)  # fmt: skip


def follow_network(follows=None, *, name: str | None = None) -> nx.DiGraph:
    """A follow network: people, and arrows from each follower to whom they follow.

    On Instagram, X, TikTok or YouTube a tie is a *follow*: it runs one way,
    and the followed person need not follow back. A follow is a directed edge
    ``follower -> followed``; posts travel the other way, from the followed
    person to their followers.

    Parameters
    ----------
    follows : iterable of (follower, followed), optional
        The follows. By default, :data:`FOLLOWS`: a small **synthetic**
        example (invented people, for practice; ``graph["synthetic"]`` is
        True). A follow given twice counts once.
    name : str, optional
        Stored as ``graph["name"]``.

    Returns
    -------
    networkx.DiGraph

    Raises
    ------
    ValueError
        If a follow is not a pair of two different people.

    Examples
    --------
    >>> F = follow_network()
    >>> F.is_directed(), F.graph["synthetic"], F.number_of_nodes(), F.number_of_edges()
    (True, True, 11, 34)
    >>> follow_network([("Ana", "Ben"), ("Ben", "Ana"), ("Carla", "Ben")]).number_of_edges()
    3
    """
    synthetic = follows is None
    pairs = FOLLOWS if synthetic else follows
    F = nx.DiGraph(name=name or ("A synthetic follow network" if synthetic else "A follow network"))
    if synthetic:
        F.graph["synthetic"] = True
    for k, pair in enumerate(pairs):
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"follow {k} must be a pair (follower, followed), got {pair!r}")
        a, b = pair
        try:
            hash(a), hash(b)
        except TypeError:
            raise ValueError(f"follow {k}: a person is named by a name or a number, got {pair!r}") from None
        if a == b:
            raise ValueError(f"follow {k}: {a!r} cannot follow themself")
        F.add_edge(a, b)
    if len(F) == 0:
        raise EmptyNetworkError("the follow network is empty: give at least one (follower, followed) pair")
    return F


def _arrows(G):
    """`G` as arrows: a directed graph as it is, an undirected tie as two arrows."""
    _check_graph(G)
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
    >>> followers(follow_network(), "Chloe")
    ['Aiko', 'Bruno', 'Diego', 'Hana']
    """
    D = _arrows(G)
    who = person(D, who)
    return _sorted(u for u in D.predecessors(who) if u != who)


def following(G, who) -> list:
    """The people `who` follows (arrows pointing out), sorted.

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
    >>> following(follow_network(), "Lea")
    ['Jonas']
    """
    D = _arrows(G)
    who = person(D, who)
    return _sorted(v for v in D.successors(who) if v != who)


def audience(G, who) -> int:
    """How many people follow `who`: their in-degree, the size of their audience.

    A post by `who` reaches these people directly (if the platform shows it
    to them).

    Raises
    ------
    EmptyNetworkError, PersonNotFoundError

    Examples
    --------
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
    >>> F = follow_network()
    >>> reciprocity(F), reciprocity(F, "Lea"), reciprocity(F, "Diego")
    (0.706, 0.182, 0.889)
    >>> reciprocity(class_network())
    1.0
    """
    D = _arrows(G)
    if who is None:
        arrows = [(u, v) for u, v in D.edges() if u != v]
    else:
        who = person(D, who)
        arrows = [(u, who) for u in D.predecessors(who) if u != who] + [(who, v) for v in D.successors(who) if v != who]
    if not arrows:
        whose = "in this network" if who is None else f"to or from {who!r}"
        raise ValueError(f"there are no follows {whose}, so no share of them can be returned")
    returned = sum(1 for u, v in arrows if D.has_edge(v, u))
    return round(returned / len(arrows), 3)


class AudienceTable(list):
    """Rows ``(person, followers, following, mutual, not followed back)``,
    shown as a table in a notebook (a list all the same)."""

    columns = ("person", "followers", "following", "mutual", "not followed back")

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(self.columns) + " |"
        rule = "|" + "|".join([":--"] + ["--:"] * (len(self.columns) - 1)) + "|"
        return "\n".join([head, rule] + ["| " + " | ".join(str(x) for x in row) + " |" for row in self])

    def __repr__(self) -> str:
        rows = [self.columns] + [tuple(str(x) for x in row) for row in self]
        widths = [max(len(r[i]) for r in rows) for i in range(len(self.columns))]
        lines = [
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows
        ]
        return "\n".join(lines)


def audience_table(G, *, top: int | None = None) -> AudienceTable:
    """Everybody's followers, following and mutual ties, largest audience first.

    The last column, *not followed back*, is followers minus mutual ties: an
    audience that is not made of friends. Someone high in *followers* and
    low in *mutual* has an audience rather than friends.

    Parameters
    ----------
    G : networkx graph
    top : int, optional
        Only the first `top` rows.

    Returns
    -------
    AudienceTable
        A list of ``(person, followers, following, mutual, not followed
        back)``, by followers (most first), then mutual ties, then name.

    Raises
    ------
    EmptyNetworkError
    ValueError
        If `top` is not a positive integer.

    Examples
    --------
    >>> audience_table(follow_network(), top=2)
    person  followers  following  mutual  not followed back
    Lea            10          1       1                  9
    Diego           4          5       4                  0
    """
    if top is not None and (not isinstance(top, int) or isinstance(top, bool) or top < 1):
        raise ValueError(f"top must be a positive integer, got {top!r}")
    D = _arrows(G)
    rows = []
    for p in D:
        ins, outs = followers(D, p), following(D, p)
        mutual = len(set(ins) & set(outs))
        rows.append((p, len(ins), len(outs), mutual, len(ins) - mutual))
    rows.sort(key=lambda r: (-r[1], -r[3], _sort_key(r[0])))
    return AudienceTable(rows[:top] if top else rows)


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
    >>> pos = layout(class_network())
    >>> len(pos), all(abs(c) <= 1 for xy in pos.values() for c in xy)
    (24, True)
    >>> layout_problems(class_network(), pos)
    {'tie under a person': 0, 'people overlapping': 0, 'no free place for a name': 0}
    """
    H = _simple(G)
    if len(H) >= _SPRING_LIMIT:
        pos = nx.random_layout(H, seed=seed)
        return {n: xy * 2 - 1 for n, xy in pos.items()}
    if len(H) > _TIDY_LIMIT or len(H) < 3:
        return nx.spring_layout(H, seed=seed, weight=None)
    nodes = list(H)
    edges = edge_index(H, nodes)
    texts = [str(p) for p in nodes]
    scale = _plot_px(len(nodes)) / (2 * _VIEW)
    key = (tuple(map(repr, nodes)), edges.tobytes(), seed)
    if key in _LAYOUTS:
        return {p: xy.copy() for p, xy in zip(nodes, _LAYOUTS[key])}
    best, best_bad = None, None
    # A bound on the work (not on the time, which would make layouts depend on
    # the machine), so that a bigger network is still drawn in seconds.
    _BUDGET["left"] = max(200, _WORK // (len(nodes) * max(len(edges), 1)))
    for attempt in range(_TIDY_ATTEMPTS):
        start = nx.spring_layout(H, seed=seed if attempt == 0 else seed * 7919 + attempt, weight=None)
        xy = _tidy(_positions(start, nodes), edges, texts, scale=scale, rounds=150)
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
# draw_network shows positions in [-1, 1] on square axes from -_VIEW to _VIEW,
# in a plot area _plot_px(n) pixels high at the default height (the figure's
# height minus its top and bottom margins). The layout is tidied in those
# pixels: ties clear a person's dot, and every name has a place clear of
# ties (for a dot or a highlight ring) and of the other names.
_VIEW = 1.2
_TIDY_LIMIT = 100
_LAYOUTS: dict = {}  # tidied layouts, so that drawing a network again costs nothing


def _plot_px(n: int) -> int:
    """The plot area's height (pixels) at draw_network's default height: 430
    for up to 24 people, more for more people, at most 620; 430 again past
    the size up to which layouts are tidied (a crowd is read for its shape)."""
    if n > _TIDY_LIMIT:
        return 430
    return int(min(620, max(430, round(430 * (n / 24) ** 0.5))))


_SCALE = _plot_px(24) / (2 * _VIEW)  # pixels per layout unit at the smallest default
_TIDY_ATTEMPTS = 4
_MARKER = 12  # marker size (diameter, pixels) of a person
_RING = _MARKER + 8  # the highlight ring's size
_RING_LINE = 3
_TIE_UNDER = _MARKER / 2 + 0.5 + 2 + 2  # a dot and its outline, half a thick tie, a gap
_APART = 26.0  # centre to centre
_FONT = 11  # names beside people
_CHAR = 0.65  # width of a character, in font sizes (generous for DejaVu Sans)
_LINE = 1.15  # height of a line of text, in font sizes
#: Where a name can go: plotly's textposition values, tried in this order.
_SLOTS = ("top center", "bottom center", "middle right", "middle left",
          "top right", "top left", "bottom right", "bottom left")  # fmt: skip


def _text_offset(marker_size: float) -> float:
    """How far (pixels) plotly puts text from a marker's centre: radius / 0.8 + 1."""
    return marker_size / 2 / 0.8 + 1


def _label_box(slot: str, text: str, near: float, far: float | None = None, font: float = _FONT) -> tuple:
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


def _segments_hit_boxes(a, b, boxes) -> np.ndarray:
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
    near, far = _text_offset(_MARKER), _text_offset(_RING)
    return np.array([[_label_box(s, t, near, far) for s in _SLOTS] for t in texts]).reshape(-1, len(_SLOTS), 4)


def _slot_conflicts(P, edges, texts, scale=_SCALE) -> np.ndarray:
    """(n, 4): how many ties, people and edges of the view cross each name slot."""
    n = len(P)
    boxes = _slot_boxes(P, texts)
    flat = boxes.reshape(-1, 4)
    bad = np.zeros(len(flat))
    if len(edges):
        bad += _segments_hit_boxes(P[edges[:, 0]], P[edges[:, 1]], flat).sum(axis=1)
    # people (with their ring) inside a slot; the owner never is
    cx = np.clip(P[None, :, 0], flat[:, None, 0], flat[:, None, 2])
    cy = np.clip(P[None, :, 1], flat[:, None, 1], flat[:, None, 3])
    near = np.hypot(P[None, :, 0] - cx, P[None, :, 1] - cy) < _RING / 2 + _RING_LINE / 2
    owner = np.repeat(np.arange(n), boxes.shape[1])
    near[np.arange(len(flat)), owner] = False
    bad += near.sum(axis=1)
    limit = scale * _VIEW
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
    return {"tie under a person": under, "people overlapping": overlapping, "no free place for a name": unnamed}


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
        ``{"tie under a person": k, "people overlapping": k, "no free place
        for a name": k}``: the number of (tie, person) pairs where a tie
        passes under a person it does not join, of pairs of people drawn on
        top of each other, and of people with no place beside them for their
        name that no tie or other person covers.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> layout_problems(G, {"a": (-1, 0), "b": (1, 0), "c": (0, 0)})["tie under a person"]
    1
    """
    H = _simple(G)
    nodes = list(H)
    scale = _plot_px(len(nodes)) / (2 * _VIEW)
    return _problems(_positions(pos, nodes), edge_index(H, nodes), [str(p) for p in nodes], scale)


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
            crossing = edges[_segments_hit_boxes(P[edges[:, 0]], P[edges[:, 1]], box[None])[0]] if len(edges) else edges
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
    (the fewest free slots choose first, as :func:`_name_slots` does)."""
    free = _slot_conflicts(P, edges, rel, scale) == 0
    boxes = _slot_boxes(P, rel)
    chosen, clashes = [], []
    for i in sorted(range(len(P)), key=lambda i: (int(free[i].sum()), i)):
        options = boxes[i][free[i]]
        if chosen and len(options):
            taken = np.array(chosen)
            overlap = (
                (options[:, None, 0] < taken[None, :, 2]) & (taken[None, :, 0] < options[:, None, 2])
                & (options[:, None, 1] < taken[None, :, 3]) & (taken[None, :, 1] < options[:, None, 3])
            ).any(axis=1)  # fmt: skip
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
                    hits = np.flatnonzero(_segments_hit_boxes(a, b, box[None])[0])
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
                    (P[:, 0] > box[0] - _RING) & (P[:, 0] < box[2] + _RING)
                    & (P[:, 1] > box[1] - _RING) & (P[:, 1] < box[3] + _RING)
                )  # fmt: skip
                for j in others:
                    if j != i:
                        away = P[j] - centre
                        norm = np.linalg.norm(away)
                        move[j] += 2.0 * (away / norm if norm > 1e-9 else fallback[j])
                # a slot outside the view: move inwards
                if (np.abs(box) > scale * _VIEW).any():
                    move[i] -= 2.0 * np.sign(centre) * (np.abs(centre) > scale * 0.5)
        if trouble == 0:
            break
        step = np.linalg.norm(move, axis=1)
        cap = np.minimum(1.0, 8.0 / np.maximum(step, 1e-9))  # no jumps
        P = np.clip(P + move * cap[:, None], -limit, limit)
    return P / scale


def edge_index(G, nodes=None) -> np.ndarray:
    """The ties of `G` as an ``(m, 2)`` array of positions in `nodes`.

    Vectorised: the only Python-level work is one dictionary look-up per
    tie end (none when the people are integers). Each pair of people appears
    once (parallel ties of a multigraph collapse; self-ties are dropped).

    Parameters
    ----------
    G : networkx graph
    nodes : list, optional
        Everybody in `G`, in the order the positions refer to; by default
        ``list(G)``.

    Returns
    -------
    numpy.ndarray of int, shape (m, 2)

    Raises
    ------
    TypeError
        If `G` is not a networkx graph.
    ValueError
        If `nodes` is not everybody in `G`.

    Examples
    --------
    >>> edge_index(nx.path_graph(["a", "b", "c"])).tolist()
    [[0, 1], [1, 2]]
    """
    src, dst = _pairs(G, nodes)
    return np.stack((src, dst), axis=1)


def positions_in(nodes: list, rows: list, total: int) -> np.ndarray:
    """Positions in `nodes` of every neighbour listed in `rows`, in order.

    `rows` are adjacency dicts (``G._adj[u]`` for each ``u`` in `nodes`) and
    `total` the number of entries in them all. Vectorised: numbered people
    need no Python-level look-up at all; any other labels one dict look-up
    per entry. Shared by the drawing code and :func:`smlessons.diffusion.compact`.
    """
    n = len(nodes)
    targets = chain.from_iterable(rows)
    if all(type(u) is int for u in nodes):  # noqa: E721 (bool is not a person number)
        labels = np.fromiter(nodes, dtype=np.int64, count=n)
        ids = np.fromiter(targets, dtype=np.int64, count=total)
        low, high = int(labels.min()), int(labels.max())
        if low == 0 and high == n - 1 and (n == 1 or bool(np.all(labels[1:] > labels[:-1]))):
            return ids.astype(np.intp, copy=False)  # people numbered 0..n-1 in order
        if high - low < 8 * n + 1024:  # numbered people: a look-up table is fastest
            table = np.empty(high - low + 1, dtype=np.intp)
            table[labels - low] = np.arange(n, dtype=np.intp)
            return table[ids - low]
        order = np.argsort(labels, kind="stable")
        return order[np.searchsorted(labels[order], ids)]
    where = dict(zip(nodes, range(n)))
    return np.fromiter(map(where.__getitem__, targets), dtype=np.intp, count=total)


def _pairs(G, nodes=None) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(G, nx.Graph):
        raise TypeError(f"expected a networkx graph, not {type(G).__name__}")
    if nodes is None:
        nodes = list(G)
    else:
        nodes = list(nodes)
        if len(nodes) != len(G) or len(set(nodes)) != len(nodes) or not all(u in G for u in nodes):
            raise ValueError("nodes must list everybody in the network, each once")
    # Read the adjacency dicts directly: a per-tie generator would cost more
    # than everything else here. A directed graph is made undirected first.
    adj = nx.Graph(G)._adj if G.is_directed() else G._adj
    n = len(nodes)
    if n == 0:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    rows = [adj[u] for u in nodes]
    counts = np.fromiter(map(len, rows), dtype=np.intp, count=n)
    total = int(counts.sum())
    src = np.repeat(np.arange(n, dtype=np.intp), counts)
    dst = positions_in(nodes, rows, total)
    keep = src < dst  # each undirected pair is stored twice: keep one, drop self-ties
    return src[keep], dst[keep]


def _positions(pos, nodes) -> np.ndarray:
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
        src, dst = _pairs(G, nodes)
    else:
        edges = np.asarray(G, dtype=np.intp).reshape(-1, 2)
        src, dst = edges[:, 0], edges[:, 1]
        if nodes is None:
            if not isinstance(pos, np.ndarray):
                raise ValueError("with an edge array and a dict of positions, give nodes= (the order of the people)")
            nodes = range(len(pos))
    xy = _positions(pos, list(nodes)).astype(dtype, copy=False)
    m = len(src)
    px, py = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
    x = np.empty((m, 3), dtype=dtype)
    y = np.empty((m, 3), dtype=dtype)
    x[:, 0], x[:, 1], x[:, 2] = px[src], px[dst], np.nan
    y[:, 0], y[:, 1], y[:, 2] = py[src], py[dst], np.nan
    return x.ravel(), y.ravel()


def _colour_values(G, H, color_by, seed):
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
        return "category", "community", [f"Community {label[n]}" for n in nodes]
    if color_by in _MEASURES:
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
        listed = f" or a node attribute ({', '.join(map(repr, attrs))})" if attrs else ""
        raise ValueError(f"color_by must be 'community', 'degree', 'betweenness'{listed}, or a dict; got {color_by!r}")
    raise TypeError(f"color_by must be a string or a dict, not {type(color_by).__name__}")


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


_MARGIN_TOP, _MARGIN_BOTTOM = 60, 30


def _name_slots(xy, edges, names, ringed, size, height, only=None) -> list:
    """Where each name goes (a plotly textposition per person): the first slot
    that no tie, no other person or ring and no other name covers; the least
    covered one when none is free. `xy` in layout units; the pixels are those
    of a plot area `height` minus the margins high."""
    n = len(xy)
    scale = (height - _MARGIN_TOP - _MARGIN_BOTTOM) / (2 * _VIEW)
    P = np.asarray(xy, dtype=float) * scale
    radius = np.where(np.isin(np.arange(n), list(ringed)), (size + _RING - _MARKER) / 2 + _RING_LINE / 2, size / 2 + 0.5)
    a, b = (P[edges[:, 0]], P[edges[:, 1]]) if len(edges) else (np.empty((0, 2)), np.empty((0, 2)))
    todo = list(range(n)) if only is None else list(only)
    boxes = {}
    for i in todo:
        near = _text_offset(size + _RING - _MARKER if i in ringed else size)
        rel = np.array([_label_box(s, names[i], near) for s in _SLOTS])
        boxes[i] = rel + np.concatenate([P[i], P[i]])[None, :]
    limit = scale * _VIEW

    def cost(i, k, placed):
        box = boxes[i][k]
        c = 0
        if len(a):
            c += 10 * int(_segments_hit_boxes(a, b, box[None])[0].sum())
        cx, cy = np.clip(P[:, 0], box[0], box[2]), np.clip(P[:, 1], box[1], box[3])
        inside = np.hypot(P[:, 0] - cx, P[:, 1] - cy) < radius
        inside[i] = False
        c += 10 * int(inside.sum())
        for other in placed:
            c += int(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3])
        c += int((np.abs(box) > limit).any())
        return c

    # the people with the fewest free slots choose first
    free = {i: sum(cost(i, k, []) == 0 for k in range(len(_SLOTS))) for i in todo}
    slots, placed = ["top center"] * n, []
    order = sorted(todo, key=lambda i: (free[i], i))
    chosen = {}
    for i in order:
        costs = [cost(i, k, placed) for k in range(len(_SLOTS))]
        chosen[i] = int(np.argmin(costs))
        placed.append(boxes[i][chosen[i]])
    for _ in range(4):  # then each name moves to a better slot, if there is one, given the others
        changed = False
        for i in order:
            others = [boxes[j][chosen[j]] for j in order if j != i]
            costs = [cost(i, k, others) for k in range(len(_SLOTS))]
            k = int(np.argmin(costs))
            if costs[k] < costs[chosen[i]]:
                chosen[i], changed = k, True
        if not changed:
            break
    for i in order:
        slots[i] = _SLOTS[chosen[i]]
    return slots


def draw_network(
    G,
    *,
    color_by="community",
    highlight=None,
    highlight_ties=None,
    title: str | None = None,
    seed: int = 0,
    max_edges: int = MAX_EDGES,
    pos: dict | None = None,
    platform: str | None = None,
    labels: bool | None = None,
    height: int | None = None,
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
    >>> fig = draw_network(karate_club(), color_by="degree")
    >>> [trace.name for trace in fig.data]
    ['ties', 'people']
    """
    import plotly.graph_objects as go  # only when drawing: keeps the module light

    from .figures import TEMPLATE

    _check_graph(G)
    if not isinstance(max_edges, int) or isinstance(max_edges, bool) or max_edges < 1:
        raise ValueError(f"max_edges must be a positive integer, got {max_edges!r}")
    whole = _simple(G)
    H = layer(G, platform) if platform is not None else whole
    nodes = list(H)
    n = len(nodes)
    if pos is None:
        pos = layout(whole, seed=seed)
    xy = _positions(pos, nodes)

    edges = edge_index(H, nodes)
    m = len(edges)
    shown = m
    if m > max_edges:
        rng = np.random.default_rng(seed)
        edges = edges[np.sort(rng.choice(m, size=max_edges, replace=False))]
        shown = max_edges
    ex, ey = edge_coordinates(edges, xy)

    kind, what, values = _colour_values(G, H, color_by, seed)  # before any trace: it validates
    deg = _degrees(H)
    if labels is None:
        labels = n <= 40
    big = n > 200
    size = 5 if big else _MARKER
    if height is None:
        height = _plot_px(n) + _MARGIN_TOP + _MARGIN_BOTTOM
    chosen = _people(H, highlight) if highlight is not None else []
    ringed = {nodes.index(p) for p in chosen}

    def hover(i):
        p = nodes[i]
        text = f"<b>{p}</b><br>degree {deg[p]}"
        if what != "degree":
            text += f"<br>{what} {_format(values[i])}"
        return text

    traces = [
        go.Scatter(
            x=ex, y=ey, mode="lines", name="ties", hoverinfo="skip", showlegend=False,
            line=dict(width=0.5 if big else 1, color=_EDGE_COLOUR),
        )
    ]  # fmt: skip
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
                x=hx, y=hy, mode="lines", name="highlighted ties", hoverinfo="skip", showlegend=kind == "category",
                line=dict(width=4, color=_HIGHLIGHT_COLOUR),
            )
        )  # fmt: skip
    xy32 = xy.astype(np.float32)
    names = [str(p) for p in nodes]
    slots = ["top center"] * n
    if labels:
        segments = [edges] + ([np.array(pairs)] if highlight_ties else [])
        if _avoid:  # ties another function draws on top (e.g. lost ties): names keep clear of them too
            segments.append(np.array([(nodes.index(u), nodes.index(v)) for u, v in _avoid], dtype=np.intp))
        slots = _name_slots(xy, np.concatenate(segments).reshape(-1, 2), names, ringed, size, height)
    text_mode = "markers+text" if labels else "markers"
    if kind == "category":
        cats = sorted(set(values), key=_sort_key)
        if len(cats) <= len(_SYMBOLS):
            for k, cat in enumerate(cats):
                idx = [i for i, v in enumerate(values) if v == cat]
                traces.append(
                    go.Scatter(
                        x=xy32[idx, 0], y=xy32[idx, 1], mode=text_mode, name=f"{cat} ({len(idx)})",
                        text=[names[i] if i not in ringed else "" for i in idx] if labels else None,
                        textposition=[slots[i] for i in idx], textfont=dict(size=_FONT),
                        hovertext=[hover(i) for i in idx], hoverinfo="text",
                        marker=dict(size=size, color=_PALETTE[k % len(_PALETTE)], symbol=_SYMBOLS[k],
                                    line=dict(width=1, color=NEUTRAL)),
                    )
                )  # fmt: skip
        else:
            code = {c: k for k, c in enumerate(cats)}
            traces.append(
                go.Scatter(
                    x=xy32[:, 0], y=xy32[:, 1], mode=text_mode, name="people", showlegend=False,
                    text=[names[i] if i not in ringed else "" for i in range(n)] if labels else None,
                    textposition=slots, textfont=dict(size=_FONT),
                    hovertext=[hover(i) for i in range(n)], hoverinfo="text",
                    marker=dict(size=size, color=[_PALETTE[code[v] % len(_PALETTE)] for v in values],
                                line=dict(width=1, color=NEUTRAL)),
                )
            )  # fmt: skip
    else:
        colorbar = dict(title=dict(text=what), thickness=14)
        if all(float(v).is_integer() for v in values) and max(values) - min(values) <= 12:
            colorbar["dtick"] = 1  # counts: no ticks at 3.5 ties
        traces.append(
            go.Scatter(
                x=xy32[:, 0], y=xy32[:, 1], mode=text_mode, name="people", showlegend=False,
                text=[names[i] if i not in ringed else "" for i in range(n)] if labels else None,
                textposition=slots, textfont=dict(size=_FONT),
                hovertext=[hover(i) for i in range(n)], hoverinfo="text",
                marker=dict(
                    size=size, color=np.asarray(values, dtype=np.float32), colorscale="Viridis",
                    showscale=True, colorbar=colorbar,
                    line=dict(width=1, color=NEUTRAL),
                ),
            )
        )  # fmt: skip
    if highlight is not None:
        idx = [nodes.index(p) for p in chosen]
        if not labels:  # the highlighted are always named
            slots = _name_slots(xy, edges if not highlight_ties else np.concatenate([edges, pairs]), names, ringed, size, height, only=idx)
        traces.append(
            go.Scatter(
                x=xy32[idx, 0], y=xy32[idx, 1], mode="markers+text",
                name="highlighted", showlegend=kind == "category", hoverinfo="skip",
                text=[names[i] for i in idx], textposition=[slots[i] for i in idx],
                textfont=dict(size=_FONT, color=NEUTRAL),
                marker=dict(size=size + _RING - _MARKER, symbol="circle-open", color=_HIGHLIGHT_COLOUR, line=dict(width=_RING_LINE)),
            )
        )  # fmt: skip

    if title is None:
        name = H.graph.get("name") or "A network"
        if platform is not None:
            name += f", ties on {H.graph['platform']}"
        title = f"{name}: {n:,} people, {m:,} ties, coloured by {what}"
    annotations = []
    if shown < m:
        note = f"Showing {shown:,} of {m:,} ties, a random sample (seed {seed})."
        title = f"{title}<br><sup>{note}</sup>"
        annotations.append(
            dict(text=note, showarrow=False, xref="paper", yref="paper", x=0, y=-0.02, xanchor="left", yanchor="top")
        )
    fig = go.Figure(traces)
    fig.update_layout(
        title=dict(text=title, x=0.01, xanchor="left"),
        height=height,
        margin=dict(l=10, r=10, t=_MARGIN_TOP, b=_MARGIN_BOTTOM),
        template=TEMPLATE,
        font=dict(size=11),
        hovermode="closest",
        legend=dict(itemsizing="constant"),
        # Square axes of a fixed range: one layout unit is the same number of
        # pixels across and up, which the layout's tidying relies on.
        xaxis=dict(visible=False, range=[-_VIEW, _VIEW], fixedrange=False),
        yaxis=dict(visible=False, range=[-_VIEW, _VIEW], scaleanchor="x", scaleratio=1),
        annotations=annotations,
        meta={"ties": m, "ties_shown": shown, "sampled": shown < m},
    )
    return fig
