"""Seeds chosen by influence maximization: greedy, with lazy evaluation (CELF).

Which `k` people should a campaign start from so that a message reaches
the most people? Under the Independent Cascade model (see
:mod:`smlessons.engine.diffusion`), Kempe, Kleinberg and Tardos (2003)
showed that the expected reach of a set of seeds is *submodular*: a new seed
adds less the more seeds there already are. So picking, `k` times, the
person who adds the most expected reach gets at least ``1 - 1/e`` (about
63 %) of the best reach any `k` seeds could get, and finding the best set
itself is NP-hard. (The guarantee is for the exact expected reach; on
samples, greedy gets at least ``1 - 1/e`` of the best set's reach *on those
samples*, and the samples' estimates are within sampling error of the true
ones. It is a worst-case floor: on real networks greedy usually comes much
closer.) Leskovec et al. (2007) made the greedy choice much
cheaper with *lazy evaluation* (CELF): a person's gain can only shrink as
seeds are added, so a gain computed earlier is an upper bound, and most
people never need to be looked at again.

Expected reach is estimated on *live-edge samples* (Kempe, Kleinberg and
Tardos 2003): in each sample every tie is kept ("live") with its
probability, and the people a cascade from the seeds reaches are exactly
those joined to them by live ties. Every candidate is compared on the same
samples (*common random numbers*), so two candidates are compared on the
same luck: the noise in their difference is much smaller than in two
separate estimates, though not zero (other samples can pick other seeds
when gains are close). The estimated reach is then itself exactly
submodular (a sum of coverage counts), so the greedy choice is the same
whether it is made lazily or not. The reach estimated for the seeds
*chosen* is a little optimistic (they were chosen for doing well on those
samples): run them again on new samples to report it.

- On an undirected network one coin per tie is enough (whichever end gets
  the message first is the only one whose try matters), so the people a
  seed reaches in a sample are its connected component of live ties. The
  components of every sample are labelled at once, and a candidate's gain
  is then a sum over the samples.
- On a directed network the gain is found by a search from the candidate
  along live ties, in every sample at once.

It is plain numpy on the compact form of :func:`~smlessons.engine.diffusion.compact`::

    from smlessons.engine import greedy_seeds
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from numbers import Real

import numpy as np

from .diffusion import CompactNetwork, compact
from .measures import match_person

__all__ = ["SeedChoice", "LiveEdges", "live_edges", "greedy_seeds"]

#: The most (sample, tie) coins :func:`live_edges` draws: one random number
#: of 8 bytes each while drawing, so 400 MB at this cap.
MAX_COINS = 50_000_000


@dataclass(frozen=True, eq=False)
class SeedChoice:
    """The seeds :func:`greedy_seeds` picked, and what each adds.

    Attributes
    ----------
    seeds : tuple
        The people, in the order they were picked.
    gains : tuple of float
        The average number of people each seed adds to those already
        reached (itself included), on the samples it was chosen on.
    samples : int
        How many live-edge samples every estimate used.
    evaluations : int
        How many times a candidate's gain was computed (lazy evaluation
        computes far fewer than ``k * candidates``).
    """

    seeds: tuple
    gains: tuple
    samples: int
    evaluations: int

    @property
    def reach(self) -> float:
        """The average number of people the seeds reach together (seeds included), on the
        samples they were chosen on: a little optimistic for the seeds chosen."""
        return float(sum(self.gains))

    def __repr__(self) -> str:
        return (
            f"SeedChoice(seeds={list(self.seeds)!r}, reach={self.reach:.1f}, "
            f"samples={self.samples}, evaluations={self.evaluations})"
        )


@dataclass(frozen=True, eq=False, repr=False)
class LiveEdges:
    """Live-edge samples of a network: the ties kept in each sample.

    Build them with :func:`live_edges`. In an undirected network,
    `a` and `b` are the two ends of every live tie of every sample, as
    cells ``sample * n + person``; in a directed network, `live` says for
    each sample and each entry of the compact form whether the tie is live.
    """

    net: CompactNetwork
    samples: int
    a: np.ndarray | None = None
    b: np.ndarray | None = None
    live: np.ndarray | None = None

    def __repr__(self) -> str:
        kept = int(self.a.size if self.live is None else np.count_nonzero(self.live))
        return f"LiveEdges(samples={self.samples}, people={self.net.n}, live_ties={kept})"


def _probabilities(net: CompactNetwork, p) -> np.ndarray | float:
    """`p` checked: a number in [0, 1], or one value in [0, 1] per entry of the compact form."""
    if isinstance(p, Real) and not isinstance(p, bool):
        if not 0 <= p <= 1:
            raise ValueError(f"p must be a probability in [0, 1], got {p!r}")
        return float(p)
    if p is None or isinstance(p, (bool, str)):
        raise ValueError(f"p must be a probability in [0, 1] or one per entry of the compact form, got {p!r}")
    arr = np.asarray(p, dtype=np.float64)
    if arr.shape != (net.entries,):
        raise ValueError(f"p has shape {arr.shape}: give one probability per entry of the compact form ({net.entries})")
    if not ((arr >= 0) & (arr <= 1)).all():
        raise ValueError("p must hold probabilities in [0, 1]")
    if not net.directed:
        src = np.repeat(np.arange(net.n), net.out_degree())
        back = _reverse_entries(net)
        if not np.array_equal(arr, arr[back]):
            i = int(np.flatnonzero(arr != arr[back])[0])
            u, v = net.labels[int(src[i])], net.labels[int(net.indices[i])]
            raise ValueError(
                f"p differs between the two directions of the undirected tie {u!r}-{v!r}: "
                "an undirected tie has one probability"
            )
    return arr


def _reverse_entries(net: CompactNetwork) -> np.ndarray:
    """For each entry u -> v of an undirected compact form, the position of v -> u."""
    src = np.repeat(np.arange(net.n, dtype=np.intp), net.out_degree())
    dst = net.indices.astype(np.intp)
    forward = src * net.n + dst
    backward = dst * net.n + src
    order = np.argsort(forward, kind="stable")
    return order[np.searchsorted(forward[order], backward)]


def _check_samples(samples) -> int:
    if not isinstance(samples, (int, np.integer)) or isinstance(samples, bool) or samples < 1:
        raise ValueError(f"samples must be a whole number >= 1, got {samples!r}")
    return int(samples)


def live_edges(graph, p, samples: int = 1000, *, rng=None) -> LiveEdges:
    """Draw live-edge samples: in each, every tie is kept with its probability.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    p : float or array
        The probability that a tie passes the message on: one number, or
        one per entry of the compact form (the same for both directions of
        an undirected tie).
    samples : int, default 1000
    rng : int or numpy.random.Generator, optional
        The same seed gives the same samples.

    Returns
    -------
    LiveEdges

    Raises
    ------
    ValueError
        If `p` is not a probability (or one per entry), `samples` is not a
        positive whole number, or the samples would hold more than
        :data:`MAX_COINS` coins.

    Examples
    --------
    >>> import networkx as nx
    >>> live_edges(nx.path_graph(3), 1.0, samples=4)
    LiveEdges(samples=4, people=3, live_ties=8)
    """
    net = compact(graph)
    prob = _probabilities(net, p)
    samples = _check_samples(samples)
    gen = np.random.default_rng(rng)
    n = net.n
    if net.directed:
        if samples * net.entries > MAX_COINS:
            raise ValueError(f"{samples} samples of {net.entries} ties are too many coins: use fewer samples")
        live = gen.random((samples, net.entries)) < prob
        return LiveEdges(net, samples, live=live.ravel())
    src = np.repeat(np.arange(n, dtype=np.intp), net.out_degree())
    once = src < net.indices  # each undirected tie once
    tu, tv = src[once], net.indices[once].astype(np.intp)
    ties = tu.size
    if samples * ties > MAX_COINS:
        raise ValueError(f"{samples} samples of {ties} ties are too many coins: use fewer samples")
    tie_p = prob if isinstance(prob, float) else prob[once]
    coins = gen.random(samples * ties) < (tie_p if isinstance(tie_p, float) else np.tile(tie_p, samples))
    hit = np.flatnonzero(coins)
    sample, tie = np.divmod(hit, ties) if ties else (hit, hit)
    base = sample * n
    return LiveEdges(net, samples, a=base + tu[tie], b=base + tv[tie])


def _components(cells: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The root of each cell's connected component (its smallest cell), by hooking and pointer jumping."""
    label = np.arange(cells, dtype=np.intp)
    while a.size:
        la, lb = label[a], label[b]
        apart = la != lb
        if not apart.any():
            break
        a, b, la, lb = a[apart], b[apart], la[apart], lb[apart]
        np.minimum.at(label, np.maximum(la, lb), np.minimum(la, lb))  # hook the larger root under the smaller
        while True:  # every cell points at its root again
            up = label[label]
            if np.array_equal(up, label):
                break
            label = up
    return label


class _Undirected:
    """Gains on an undirected network: component sizes, sample by sample."""

    def __init__(self, edges: LiveEdges):
        n, samples = edges.net.n, edges.samples
        label = _components(samples * n, edges.a, edges.b)
        self.size = np.bincount(label, minlength=samples * n)
        self.root = label.reshape(samples, n)  # root[s, v]: v's component in sample s
        self.covered = np.zeros(samples * n, dtype=bool)  # components the seeds reach

    def all_gains(self, candidates: np.ndarray) -> np.ndarray:
        roots = self.root[:, candidates]
        return (self.size[roots] * ~self.covered[roots]).sum(axis=0)

    def gain(self, v: int) -> int:
        roots = self.root[:, v]
        return int((self.size[roots] * ~self.covered[roots]).sum())

    def add(self, v: int) -> None:
        self.covered[self.root[:, v]] = True


class _Directed:
    """Gains on a directed network: searches along live ties, every sample at once."""

    def __init__(self, edges: LiveEdges):
        net = edges.net
        self.net, self.live, self.samples = net, edges.live, edges.samples
        self.degree = net.out_degree()
        self.base = np.arange(edges.samples, dtype=np.intp) * net.n
        cells = edges.samples * net.n
        self.covered = np.zeros(cells, dtype=bool)
        self.stamp = np.empty(cells, dtype=np.intp)

    def _reach(self, v: int) -> np.ndarray:
        """The cells newly reached from `v` in every sample (not covered by the seeds so far)."""
        net, n = self.net, self.net.n
        frontier = self.base + v
        frontier = frontier[~self.covered[frontier]]
        seen = self.covered.copy()
        seen[frontier] = True
        found = [frontier]
        while frontier.size:
            person = frontier % n
            deg = self.degree[person]
            ends = np.cumsum(deg)
            total = int(ends[-1])
            owner = np.repeat(np.arange(frontier.size, dtype=np.intp), deg)
            pos = np.arange(total, dtype=np.intp) + (net.indptr[person] - ends + deg)[owner]
            keep = self.live[(frontier // n)[owner] * net.entries + pos]
            targets = (frontier - person)[owner[keep]] + net.indices[pos[keep]]
            targets = targets[~seen[targets]]
            order = np.arange(targets.size, dtype=np.intp)
            self.stamp[targets] = order
            frontier = targets[self.stamp[targets] == order]
            seen[frontier] = True
            found.append(frontier)
        return np.concatenate(found)

    def all_gains(self, candidates: np.ndarray) -> np.ndarray:
        return np.array([self._reach(int(v)).size for v in candidates], dtype=np.int64)

    def gain(self, v: int) -> int:
        return int(self._reach(v).size)

    def add(self, v: int) -> None:
        self.covered[self._reach(v)] = True


def _candidates(net: CompactNetwork, candidates) -> np.ndarray:
    if candidates is None:
        return np.arange(net.n, dtype=np.intp)
    if isinstance(candidates, (str, bytes)) or not hasattr(candidates, "__iter__"):
        raise ValueError(f"candidates must be a list of people, not {candidates!r}")
    found = []
    for who in candidates:
        try:
            found.append(net.index[who])
        except (KeyError, TypeError):
            found.append(match_person(net.labels, who, role="candidate "))
    if not found:
        raise ValueError("candidates is empty: give the people seeds may be chosen from")
    return np.unique(np.asarray(found, dtype=np.intp))


def greedy_seeds(
    graph, k: int, p, *, samples: int = 1000, rng=None, lazy: bool = True, candidates=None, edges=None
) -> SeedChoice:
    """Pick `k` seeds greedily for the most expected reach (Independent Cascade).

    Each pick is the person who adds the most expected reach to the seeds
    picked so far, estimated on the same live-edge samples for everybody;
    among equal gains, the person who comes first in the network. With
    ``lazy=True`` (CELF, Leskovec et al. 2007) a gain is recomputed only
    when it could still be the largest; the seeds are the same as with
    ``lazy=False``, which recomputes every gain at every pick.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    k : int
        How many seeds.
    p : float or array
        As for :func:`live_edges`.
    samples : int, default 1000
        Live-edge samples per estimate (the more, the less noise).
    rng : int or numpy.random.Generator, optional
        Seed of the samples: the same seed gives the same choice.
    lazy : bool, default True
    candidates : list of people, optional
        Choose only among these (by default, everybody).
    edges : LiveEdges, optional
        Samples drawn before (by :func:`live_edges` on the same network), to
        compare several choices on the same samples; then `p`, `samples`
        and `rng` are not used.

    Returns
    -------
    SeedChoice

    Raises
    ------
    ValueError
        If `k` is not a whole number from 1 to the number of candidates, or
        for what :func:`live_edges` rejects.
    PersonNotFoundError
        If a candidate is not in the network.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.star_graph(4)  # 0 is the hub
    >>> greedy_seeds(G, 1, 1.0, samples=10).seeds
    (0,)
    >>> choice = greedy_seeds(nx.karate_club_graph(), 2, 0.1, samples=500, rng=0)
    >>> choice.seeds, round(choice.reach)
    ((33, 0), 7)
    """
    net = compact(graph)
    if edges is None:
        edges = live_edges(net, p, samples, rng=rng)
    elif not isinstance(edges, LiveEdges):
        raise TypeError(f"edges must be LiveEdges from live_edges(), not {type(edges).__name__}")
    elif edges.net.labels != net.labels or edges.net.entries != net.entries:
        raise ValueError("edges were drawn on another network: draw them with live_edges() on this one")
    pool = _candidates(net, candidates)
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or not 1 <= k <= pool.size:
        raise ValueError(f"k must be a whole number of seeds from 1 to {pool.size} (the candidates), got {k!r}")
    state = _Directed(edges) if net.directed else _Undirected(edges)
    first = state.all_gains(pool)
    evaluations = pool.size
    picked, gains = [], []
    if lazy:
        heap = [(-int(g), int(v), 0) for g, v in zip(first, pool)]
        heapq.heapify(heap)
        for i in range(int(k)):
            while heap[0][2] != i:  # an old gain: an upper bound, recomputed only now
                v = heap[0][1]
                heapq.heapreplace(heap, (-state.gain(v), v, i))
                evaluations += 1
            neg, v, _ = heapq.heappop(heap)
            picked.append(v)
            gains.append(-neg)
            state.add(v)
    else:
        left, g = pool, first
        for i in range(int(k)):
            if i:
                g = state.all_gains(left)
                evaluations += left.size
            best = int(np.lexsort((left, -g))[0])  # the largest gain, first in the network among equals
            picked.append(int(left[best]))
            gains.append(int(g[best]))
            state.add(picked[-1])
            left = np.delete(left, best)
    return SeedChoice(
        seeds=tuple(net.labels[v] for v in picked),
        gains=tuple(g / edges.samples for g in gains),
        samples=edges.samples,
        evaluations=int(evaluations),
    )
