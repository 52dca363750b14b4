"""The course's networks on several media: the invented class of lesson 6 and each student's own.

- :func:`multiplex_class`: the invented class of :func:`~smlessons.datasets.class_network`,
  its ties placed on WhatsApp, Instagram, TikTok and Minecraft by a seeded
  random program (:data:`PROFILES` says how each medium is used);
- :func:`student_multiplex` / :func:`my_multiplex`: a student's own network
  (:func:`~smlessons.datasets.student_network`) on four media, for the
  lesson 6 assessment.

Measures of a multiplex network are in :mod:`smlessons.engine.multilayer`,
its figures in :mod:`smlessons.figures.multiplex`::

    from smlessons.datasets import multiplex_class
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import networkx as nx
import numpy as np

from ..engine.measures import (
    fold,
    sort_key,
)
from ..engine.multilayer import layer_ties, one_best_medium, piece_sizes
from ..i18n import N_, join_and
from . import networks
from .platforms import platform_names

__all__ = [
    "MEDIA",
    "Profile",
    "PROFILES",
    "multiplex_class",
    "STUDENT_MULTIPLEX_ID",
    "STUDENT_MULTIPLEX_NAME",
    "student_multiplex",
    "my_multiplex",
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
# Picked by hand among the first 200 streams so that the default class makes
# good exercises: each of lesson 6's questions has one right answer, and it is
# not the obvious guess (the medium with the most ties). So the default class
# is a chosen draw, not a typical one: other streams and seeds give other
# layers, and lesson 6 says so. The lessons' numbers depend on it: keep it.
_MEDIA_STREAM = 141


# ---------------------------------------------------------------------------
# Data


def multiplex_class(n: int = 24, *, groups: int = 4, p_in: float = 0.7, media=MEDIA, seed: int = 7) -> nx.Graph:
    """A synthetic class whose ties each live on one or more media.

    The people and ties are those of :func:`smlessons.datasets.networks.class_network`
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
        As in :func:`~smlessons.datasets.networks.class_network`.
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
    names = platform_names()
    chosen = []
    for m in media:
        if not isinstance(m, str):
            raise TypeError(f"a platform is named by a string, not {type(m).__name__} ({m!r})")
        found = names.get(fold(m))
        if found is None:
            close = difflib.get_close_matches(fold(m), list(names), n=1, cutoff=0.6)
            known = join_and(sorted({name for name, _ in names.values()}, key=str.casefold), "en")
            raise ValueError(
                f"{m!r} is not in the platform table of lesson 3 (it has {known})."
                + (f" Did you mean {names[close[0]][0]!r}?" if close else "")
            )
        name, makes_ties = found
        if not makes_ties:
            raise ValueError(
                f"{name} creates no ties between people (lesson 3), so no tie can live on it; "
                f"choose media with ties, e.g. {join_and(MEDIA, 'en')}"
            )
        if name in chosen:
            raise ValueError(f"media names {name} twice")
        chosen.append(name)

    G = networks.class_network(n, groups=groups, p_in=p_in, seed=seed)
    template = N_("A synthetic class on {count} media")
    G.graph.update(
        name=template.format(count=len(chosen)),
        name_message=(template, {"count": len(chosen)}),  # the name in other languages (figures.network.network_name)
        media=list(chosen),
        synthetic=True,
    )
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


#: The exercise id the students' media are drawn under (see :func:`smlessons.variants.rng`).
STUDENT_MULTIPLEX_ID = "student-multiplex"
#: The name of every student's multiplex network (``graph["name"]``, shown in figure titles): it says it is invented.
STUDENT_MULTIPLEX_NAME = N_("Your practice network on four media (invented)")
_STUDENT_TRIES = 400


def _student_media_ok(H) -> bool:
    """The checks that make every lesson 6 question asked on the network have one answer."""
    from fractions import Fraction

    media = H.graph["media"]
    ties = {m: layer_ties(H, m) for m in media}
    if not all(ties.values()):
        return False  # every medium carries a tie
    if not any(len(ms) > 1 for *_, ms in H.edges(data="platform")):
        return False  # some tie lives on several media
    pieces = piece_sizes(H)
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
    return bool(one_best_medium(H))


@lru_cache(maxsize=256)
def _student_media(student: str) -> tuple:
    from ..variants import below, rng
    from .networks import student_network

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
            return tuple(sorted(on.items(), key=lambda kv: (sort_key(kv[0][0]), sort_key(kv[0][1])))), attempt
    raise RuntimeError(  # pragma: no cover - never seen in thousands of ids
        f"no media met the checks for student {student!r} in {_STUDENT_TRIES} drafts"
    )


def student_multiplex(student: str | None = None) -> nx.Graph:
    """One student's own practice network on four media, for the assessed questions of lesson 6.

    The network is synthetic: invented for practice, drawn from the
    student's id, it describes nobody. Its name says so (``graph["name"]``
    is :data:`STUDENT_MULTIPLEX_NAME`), and so does the title of every
    figure drawn from it.

    The people and ties of :func:`smlessons.datasets.networks.student_network` (the
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
