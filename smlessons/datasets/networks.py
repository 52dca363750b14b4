"""The course's single-layer networks: Zachary's karate club, the invented class, each student's own network, and a follow network.

- :func:`karate_club`: Zachary's (1977) real network of 34 members of a
  university karate club;
- :func:`class_network`: an invented class of 24 people in 4 groups, the
  same for the same seed;
- :func:`student_network` / :func:`my_network`: the invented network of the
  assessments of lessons 4 to 6, drawn from a student's id so that every
  question on it has exactly one answer;
- :func:`follow_network`: an invented network of who follows whom.

Invented networks say so in their ``name`` graph attribute. The measures
are in :mod:`smlessons.engine`, the drawing in :mod:`smlessons.figures`::

    from smlessons.datasets import class_network, karate_club
"""

from __future__ import annotations

from functools import lru_cache
from numbers import Real

import networkx as nx
import numpy as np

from ..content.bibliography import reference
from ..engine.measures import EmptyNetworkError, sort_key, sorted_nodes, tie_key
from ..i18n import N_, translator
from ..variants import below, draw

__all__ = [
    "NAMES",
    "karate_club",
    "class_network",
    "STUDENT_NETWORK_ID",
    "STUDENT_NETWORK_NAME",
    "student_network",
    "my_network",
    "FOLLOWS",
    "follow_network",
]

# The references, from the course's bibliography (smlessons/content/bibliography.json).
ZACHARY_1977 = reference("zachary-1977")
GRANOVETTER_1973 = reference("granovetter-1973")

#: First names for the synthetic networks, in a fixed order (so that a seed
#: always gives the same people). Unique, even ignoring case.
NAMES = (
    "Ana",
    "Ben",
    "Carla",
    "Dev",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jamal",
    "Kira",
    "Luca",
    "Maya",
    "Nils",
    "Omar",
    "Pia",
    "Quentin",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Vera",
    "Wen",
    "Xavi",
    "Yara",
    "Zoe",
    "Aiko",
    "Bruno",
    "Chloe",
    "Diego",
    "Emeka",
    "Femi",
    "Gosia",
    "Hana",
    "Ivan",
    "Jonas",
    "Kemal",
    "Lea",
    "Malik",
    "Noor",
    "Olga",
    "Pedro",
    "Rania",
    "Sven",
    "Tomas",
    "Ursula",
    "Vik",
    "Wanjiru",
    "Ximena",
    "Yusuf",
    "Zara",
    "Amir",
    "Bea",
    "Cem",
    "Dara",
    "Esme",
    "Filip",
    "Gita",
    "Hiro",
    "Idris",
)


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
    G.graph.update(name=N_("Zachary's karate club"), source=ZACHARY_1977, synthetic=False)
    return G


#: The class network's name (``graph["name"]``, shown in figure titles), before translation.
CLASS_NETWORK_NAME = N_("A synthetic class network")


def class_network(
    n: int = 24, *, groups: int = 4, p_in: float = 0.7, seed: int = 7, language: str | None = None
) -> nx.Graph:
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
    language : str, optional
        The language of the network's name, ``graph["name"]`` (default: the
        environment's, see :func:`smlessons.i18n.resolve_language`). The
        people and their ties are the same in every language.

    Returns
    -------
    networkx.Graph
        Each person has a ``group`` attribute (1 to `groups`: the group they
        were generated in). ``graph["synthetic"]`` is True, and
        ``graph["name"]`` says the network is synthetic.

    Raises
    ------
    TypeError
        If `n`, `groups` or `seed` is not an integer.
    ValueError
        If `groups` < 1, `n` < 2 * `groups`, or `p_in` is outside [0, 1],
        or `language` is not a supported language.

    Examples
    --------
    >>> G = class_network()
    >>> G.graph["synthetic"], G.number_of_nodes(), nx.is_connected(G)
    (True, 24, True)
    >>> nx.utils.graphs_equal(G, class_network())
    True
    >>> class_network(language="it").graph["name"]
    'La rete sintetica di una classe'
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

    name = translator(language).gettext(CLASS_NETWORK_NAME)  # an unsupported language fails before any work
    rng = np.random.default_rng(int(seed))
    names = [NAMES[i % len(NAMES)] + (f" {i // len(NAMES) + 1}" if i >= len(NAMES) else "") for i in range(n)]
    order = rng.permutation(n)
    sizes = [n // groups + (1 if g < n % groups else 0) for g in range(groups)]
    members, start = [], 0
    for size in sizes:
        members.append([names[i] for i in sorted(order[start : start + size])])
        start += size
    group_of = {p: g + 1 for g, ms in enumerate(members) for p in ms}

    G = nx.Graph(name=name, synthetic=True, seed=int(seed))
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


#: The exercise id the student networks are drawn under (see :func:`smlessons.variants.rng`).
STUDENT_NETWORK_ID = "student-network"
#: The name of every student's network (``graph["name"]``, shown in figure titles): it says the network is invented.
STUDENT_NETWORK_NAME = N_("Your practice network (invented)")

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
        groups.append(sorted_nodes(names[start : start + size]))
        start += size
    inside = []
    for ms in groups:
        ties = {(u, v) for i, u in enumerate(ms) for v in ms[i + 1 :] if r.random() < _STUDENT_P_IN}
        for p in ms:  # nobody hangs on one tie inside their group
            while sum(p in t for t in ties) < 2:
                q = ms[below(r, len(ms))]
                if q != p:
                    ties.add(tie_key(p, q))
        while True:  # two friends of the same group share a friend: close a triangle where they do not
            lonely = sorted(
                (e for e in ties if not _friends_of(ties, e[0]) & _friends_of(ties, e[1])),
                key=lambda e: (sort_key(e[0]), sort_key(e[1])),
            )
            if not lonely:
                break
            u, v = lonely[below(r, len(lonely))]
            options = sorted_nodes(_friends_of(ties, v) - {u})
            ties.add(tie_key(u, options[below(r, len(options))]))
        inside += sorted(ties, key=lambda e: (sort_key(e[0]), sort_key(e[1])))
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
    from ..variants import rng

    for attempt in range(_STUDENT_TRIES):
        r = rng(student, STUDENT_NETWORK_ID, f"draft {attempt}")
        groups, inside, between = _student_draft(r)
        G = nx.Graph()
        for g, ms in enumerate(groups, start=1):
            G.add_nodes_from(ms, group=g)
        G.add_edges_from(inside)
        G.add_edges_from(between)
        if _student_ok(G, groups, between):
            people = sorted_nodes(G)
            edges = sorted((tie_key(u, v) for u, v in G.edges()), key=lambda e: (sort_key(e[0]), sort_key(e[1])))
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
    >>> from smlessons.engine import bridges
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
        from ..variants import student_id

        student = student_id()
    if not isinstance(student, str):
        raise TypeError(f"student must be a student's id (a string), not {type(student).__name__}")
    people, edges, groups, _ = _student_design(student)
    G = nx.Graph(name=STUDENT_NETWORK_NAME, synthetic=True, student=student)
    group_of = {p: g for g, ms in enumerate(groups, start=1) for p in ms}
    G.add_nodes_from((p, {"group": group_of[p]}) for p in people)
    G.add_edges_from(edges)
    ordered = sorted((list(ms) for ms in groups), key=lambda c: (-len(c), sort_key(c[0])))
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


#: The follows of :func:`follow_network`'s synthetic example, as
#: ``(follower, followed)``: two groups of friends who follow each other back,
#: a pair of friends, and Lea, a creator whom nearly everybody follows and who
#: follows back only her friend Jonas. Invented for practice.
FOLLOWS = (
    # Friends follow each other back: Aiko, Bruno, Chloe and Diego ...
    *[(a, b) for a in ("Aiko", "Bruno", "Chloe", "Diego") for b in ("Aiko", "Bruno", "Chloe", "Diego") if a != b],
    # ... Emeka, Femi and Gosia, and Diego with Emeka, Hana with Ivan, Lea with Jonas.
    *[(a, b) for a in ("Emeka", "Femi", "Gosia") for b in ("Emeka", "Femi", "Gosia") if a != b],
    ("Diego", "Emeka"),
    ("Emeka", "Diego"),
    ("Hana", "Ivan"),
    ("Ivan", "Hana"),
    ("Lea", "Jonas"),
    ("Jonas", "Lea"),
    # One-way: an audience that is not followed back.
    *[(a, "Lea") for a in ("Aiko", "Bruno", "Chloe", "Diego", "Emeka", "Femi", "Gosia", "Hana", "Ivan")],
    ("Hana", "Chloe"),
)


def follow_network(follows=None, *, name: str | None = None, language: str | None = None) -> nx.DiGraph:
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
    language : str, optional
        The language of the default name (``"en"`` or ``"it"``), for a
        lesson that shows ``F.graph``. Without it the name is the course's
        English one, whatever the environment (figures translate it when
        they show it): the data do not change with the student's language.

    Returns
    -------
    networkx.DiGraph

    Raises
    ------
    ValueError
        If a follow is not a pair of two different people, or `language`
        is not supported.

    Examples
    --------
    >>> F = follow_network()
    >>> F.is_directed(), F.graph["synthetic"], F.number_of_nodes(), F.number_of_edges()
    (True, True, 11, 34)
    >>> follow_network([("Ana", "Ben"), ("Ben", "Ana"), ("Carla", "Ben")]).number_of_edges()
    3
    >>> follow_network(language="it").graph["name"]
    'Una rete sintetica di follow'
    """
    synthetic = follows is None
    pairs = FOLLOWS if synthetic else follows
    default = N_("A synthetic follow network") if synthetic else N_("A follow network")
    if language is not None:
        default = translator(language).gettext(default)  # an unsupported language is a ValueError here
    F = nx.DiGraph(name=name or default)
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
