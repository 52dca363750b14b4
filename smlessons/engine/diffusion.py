"""How a message spreads through a network: two diffusion models, fast.

Lessons 7 and 8 simulate a message (a post, a rumour, an ad) passing from
person to person. This module gives them

- :func:`independent_cascade`, the Independent Cascade model (Goldenberg,
  Libai and Muller 2001; Kempe, Kleinberg and Tardos 2003): *simple
  contagion*, like news: each person who gets the message has one chance to
  pass it on to each of their contacts, with probability ``p``;
- :func:`linear_threshold`, a threshold model on a network, like adopting
  a behaviour: a person joins in only once enough of their contacts have.
  Granovetter (1978) introduced thresholds for a whole population, with no
  network; on a network, a threshold drawn at random for each person is the
  Linear Threshold model of Kempe, Kleinberg and Tardos (2003), and one
  fixed share of contacts for everybody is the cascade model of Watts
  (2002). Neither is by itself *complex contagion* in the sense of Centola
  and Macy (2007), which needs several contacts: with random thresholds one
  adopted contact out of ``d`` tips a person with chance ``1/d``, and a
  share of a few contacts can be met by one. ``needed=`` gives an absolute
  threshold (a number of contacts, e.g. 2), which always needs several;
- :func:`feed_cascade` and :func:`run_many_feed`, the Independent Cascade
  model plus an *algorithmic feed*: besides passing the message along ties,
  each post is shown to a few people who are not the sender's contacts (do
  not follow them), who may take it up too;
- :func:`run_many` and :func:`choose_seeds`, to compare seeding strategies
  over many runs (a distribution of outcomes, not one lucky run).

Both models read the network in a compact form (:func:`compact`, CSR arrays:
for each person, the positions of their contacts in one flat array) and
advance one *frontier* at a time with numpy: all the ties out of the people
reached at the last step are gathered at once, one random number is drawn
per tie, and the newly reached people become the next frontier. There is no
Python loop over people, so a cascade over 100,000 people takes milliseconds
(a frontier of a handful of people, where numpy's calls would cost more than
the work, is stepped in plain Python with the same random numbers).
:func:`run_many` runs many cascades side by side: one frontier holds the
(run, person) pairs of every run, so a thousand runs on a class-sized network
cost about as much as a few single ones.
A model accepts a networkx graph (converted at each call) or a compact form
(converted once: build it with :func:`compact` when running many cascades).

Ties: in an undirected network a tie carries the message both ways. In a
directed network an edge ``u -> v`` means that ``u`` can reach ``v`` (``v``
follows ``u``). Several ties between the same two people (a ``MultiGraph``,
one edge per platform) count as one tie; a tie of a person with themself is
ignored.

It is plain Python on networkx and numpy and is *not* imported by
``import smlessons``::

    from smlessons.engine import compact, independent_cascade

Bad input gets a clear error: :class:`~smlessons.engine.measures.EmptyNetworkError`
for a network with nobody in it, :class:`~smlessons.engine.measures.PersonNotFoundError`
for a seed who is not in it, ``ValueError`` for a probability outside
[0, 1], an empty set of seeds, per-tie values that do not line up with the
network's ties or a directed/undirected mismatch.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Real
from types import MappingProxyType

import networkx as nx
import numpy as np

from .arrays import positions_in
from .measures import EmptyNetworkError, communities, match_person

__all__ = [
    "CompactNetwork",
    "Cascade",
    "STRATEGIES",
    "STRATEGY_ALIASES",
    "strategy_name",
    "compact",
    "independent_cascade",
    "linear_threshold",
    "choose_seeds",
    "run_many",
    "FeedCascade",
    "FeedRuns",
    "feed_cascade",
    "run_many_feed",
]

#: The seeding strategies :func:`choose_seeds` and :func:`run_many` know.
#: ``"broker"`` seeds the people with the highest betweenness: a *person*
#: between groups (a *bridge*, in lessons 5 and 6, is a *tie*).
STRATEGIES = ("random", "degree", "community", "broker")

#: The strategies that draw new seeds at every run.
_RANDOM_STRATEGIES = frozenset({"random", "community"})

#: Older names still accepted for a strategy: ``{old: current}``. Lessons
#: before the rename called the broker strategy ``"bridge"``.
STRATEGY_ALIASES = MappingProxyType({"bridge": "broker"})


def strategy_name(strategy):
    """The current name of a seeding strategy: ``"bridge"`` gives ``"broker"``.

    Anything that is not a known alias comes back unchanged (so that a
    caller can still tell a strategy from a list of people).
    """
    if isinstance(strategy, str):
        return STRATEGY_ALIASES.get(strategy, strategy)
    return strategy


def _is_strategy(seeds) -> bool:
    return isinstance(seeds, str) and strategy_name(seeds) in STRATEGIES


_MODELS = {
    "independent_cascade": "independent_cascade",
    "cascade": "independent_cascade",
    "ic": "independent_cascade",
    "linear_threshold": "linear_threshold",
    "threshold": "linear_threshold",
    "lt": "linear_threshold",
}

# Past this many people, the "broker" strategy estimates betweenness from a
# sample of this many sources (exact betweenness is O(people x ties)).
_BETWEENNESS_SAMPLE = 500
# Influence sums in the threshold model are compared with this tolerance, so
# that, e.g., two of three friends meet a threshold of 2/3 despite rounding.
_EPS = 1e-9


# ---------------------------------------------------------------------------
# The compact form


def _readonly(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True, eq=False)
class CompactNetwork:
    """A network as CSR arrays, ready for the diffusion models.

    Build it with :func:`compact`. Person ``i`` (``labels[i]``) has ties to
    ``indices[indptr[i]:indptr[i + 1]]``; an undirected tie is stored in both
    directions. The arrays are read-only, so one compact form can be shared
    by any number of runs.

    Attributes
    ----------
    indptr : numpy.ndarray of int, shape (n + 1,)
    indices : numpy.ndarray of int, shape (entries,)
    weights : numpy.ndarray of float, shape (entries,), or None
        Per-tie values read from the edge attribute named `weight`, aligned
        with `indices`.
    labels : tuple
        The people, in the order of the arrays.
    index : mapping
        ``{person: position}``, read-only.
    directed : bool
    weight : str or None
        Name of the edge attribute `weights` came from.
    """

    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray | None
    labels: tuple
    index: Mapping = field(repr=False)
    directed: bool = False
    weight: str | None = None

    @property
    def n(self) -> int:
        """Number of people."""
        return len(self.labels)

    @property
    def entries(self) -> int:
        """Number of stored ties (each undirected tie counts twice)."""
        return len(self.indices)

    @property
    def ties(self) -> int:
        """Number of ties (as networkx counts edges, parallel ties merged)."""
        return self.entries if self.directed else self.entries // 2

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        extra = f", weight={self.weight!r}" if self.weight is not None else ""
        return f"<CompactNetwork: {self.n} people, {self.ties} ties, {kind}{extra}>"

    def out_degree(self) -> np.ndarray:
        """How many people each person can reach directly (their degree if undirected)."""
        return np.diff(self.indptr)

    def to_networkx(self) -> nx.Graph:
        """The network as a networkx ``Graph`` (or ``DiGraph``), weights as the `weight` attribute."""
        H = nx.DiGraph() if self.directed else nx.Graph()
        H.add_nodes_from(self.labels)
        src = np.repeat(np.arange(self.n), self.out_degree())
        lab = self.labels
        if self.weights is None:
            H.add_edges_from((lab[u], lab[v]) for u, v in zip(src.tolist(), self.indices.tolist()))
        else:
            H.add_edges_from(
                (lab[u], lab[v], {self.weight: w})
                for u, v, w in zip(src.tolist(), self.indices.tolist(), self.weights.tolist())
            )
        return H


def compact(graph, *, weight: str | None = None) -> CompactNetwork:
    """The compact (CSR) form of a network, for running many cascades on it.

    Built straight from networkx's adjacency dictionaries with numpy (no
    scipy): 100,000 people and a million stored ties take a fraction of a
    second. Convert once, run many times.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
        A compact form is returned as it is (`weight` must then match it).
        Parallel ties of a multigraph collapse into one tie; ties of a person
        with themself are dropped.
    weight : str, optional
        Name of an edge attribute to keep as per-tie values (``weights``),
        e.g. the probability that a tie passes the message on. Every tie
        must have it. Parallel ties of a multigraph combine as
        ``1 - prod(1 - w)``: the chance that at least one of them carries the
        message (so their values must lie in [0, 1]).

    Returns
    -------
    CompactNetwork

    Raises
    ------
    TypeError
        If `graph` is not a networkx graph.
    EmptyNetworkError
        If `graph` has no people.
    ValueError
        If a tie lacks the `weight` attribute, or its value is not a number;
        if a compact form was built with another `weight`.

    Examples
    --------
    >>> net = compact(nx.path_graph(["a", "b", "c"]))
    >>> net
    <CompactNetwork: 3 people, 2 ties, undirected>
    >>> net.indptr.tolist(), net.indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    >>> net.index["c"]
    2
    """
    if isinstance(graph, CompactNetwork):
        if weight is not None and weight != graph.weight:
            raise ValueError(
                f"this compact form holds {'no per-tie weights' if graph.weight is None else f'weights from {graph.weight!r}'}, not {weight!r}: "
                f"build it with compact(graph, weight={weight!r})"
            )
        return graph
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"expected a networkx graph or a CompactNetwork, not {type(graph).__name__}")
    n = len(graph)
    if n == 0:
        raise EmptyNetworkError("the network is empty: it has no people in it")
    labels = list(graph)
    adj = graph._adj  # successors for a directed graph; read directly: it is the fast path
    rows = [adj[u] for u in labels]
    counts = np.fromiter(map(len, rows), dtype=np.intp, count=n)
    total = int(counts.sum())
    indices = positions_in(labels, rows, total)
    weights = None if weight is None else _read_weights(graph, rows, labels, weight, total)

    src = np.repeat(np.arange(n, dtype=np.intp), counts)
    loops = indices == src
    if loops.any():  # a tie with oneself passes nothing on
        keep = ~loops
        indices = indices[keep]
        if weights is not None:
            weights = weights[keep]
        counts = np.bincount(src[keep], minlength=n)
    indptr = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(counts, out=indptr[1:])
    index = dict(zip(labels, range(n)))
    return CompactNetwork(
        indptr=_readonly(indptr),
        indices=_readonly(np.ascontiguousarray(indices, dtype=np.intp)),
        weights=None if weights is None else _readonly(weights),
        labels=tuple(labels),
        index=MappingProxyType(index),
        directed=graph.is_directed(),
        weight=weight,
    )


def _read_weights(graph, rows, labels, weight, total) -> np.ndarray:
    def value(d):
        w = d.get(weight)
        return math.nan if w is None or isinstance(w, bool) or not isinstance(w, Real) else w

    if graph.is_multigraph():

        def combined(keydict):  # chance that at least one parallel tie carries the message
            vals = [value(d) for d in keydict.values()]
            if len(vals) == 1:
                return vals[0]
            if any(not 0 <= v <= 1 for v in vals):  # NaN fails too
                return math.nan
            return 1.0 - math.prod(1.0 - v for v in vals)

        it = (combined(kd) for row in rows for kd in row.values())
    else:
        it = (value(d) for row in rows for d in row.values())
    weights = np.fromiter(it, dtype=np.float64, count=total)
    bad = np.flatnonzero(np.isnan(weights))
    if bad.size:
        counts = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
        u = int(np.searchsorted(np.cumsum(counts), bad[0], side="right"))
        v = list(rows[u])[bad[0] - (int(counts[:u].sum()))]
        data = graph.get_edge_data(labels[u], v)
        found = [d.get(weight) for d in data.values()] if graph.is_multigraph() else data.get(weight)
        numbers = isinstance(found, list) and all(isinstance(x, Real) and not isinstance(x, bool) for x in found)
        if numbers and len(found) > 1:
            raise ValueError(
                f"the parallel ties between {labels[u]!r} and {v!r} have {weight!r} values {found!r}: "
                "to combine them as probabilities, each must lie in [0, 1]"
            )
        if found is None or (isinstance(found, list) and None in found):
            raise ValueError(f"the tie between {labels[u]!r} and {v!r} has no {weight!r} attribute")
        raise ValueError(f"the tie between {labels[u]!r} and {v!r} has {weight!r} = {found!r}: not a number")
    return weights


def _as_compact(graph, *, directed=None, values=None) -> CompactNetwork:
    """The compact form, keeping the edge attribute `values` names (if a str)."""
    net = compact(graph, weight=values if isinstance(values, str) else None)
    if directed is not None and bool(directed) != net.directed:
        have = "directed" if net.directed else "undirected"
        want = "a directed" if directed else "an undirected"
        raise ValueError(
            f"the network is {have} but directed={bool(directed)} expects {want} one: "
            f"convert it first (graph.to_{'directed' if directed else 'undirected'}()) or drop directed="
        )
    return net


# ---------------------------------------------------------------------------
# Arguments


def _resolve(net: CompactNetwork, who) -> int:
    """Position of one person; lenient like :func:`smlessons.engine.measures.person`."""
    try:
        return net.index[who]
    except (KeyError, TypeError):
        return match_person(net.labels, who, role="seed ")


def _seed_positions(net: CompactNetwork, seeds) -> np.ndarray:
    single = isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__")
    if not single:
        try:
            single = seeds in net.index  # e.g. a tuple naming one person of a grid
        except TypeError:
            pass
    if single:
        seeds = [seeds]
    elif isinstance(seeds, np.ndarray):
        seeds = seeds.tolist()
    positions = [_resolve(net, s) for s in seeds]
    if not positions:
        raise ValueError("seeds is empty: give at least one person to start from")
    return np.unique(np.asarray(positions, dtype=np.intp))


def _edge_values(net: CompactNetwork, values, name: str, *, low=0.0, high=1.0, what="probability"):
    """Per-tie values from an attribute name or an array aligned with ``net.indices``."""
    if isinstance(values, str):
        if net.weight != values:
            raise ValueError(
                f"this compact form holds {'no per-tie weights' if net.weight is None else f'weights from {net.weight!r}'}, not {values!r}: "
                f"build it with compact(graph, weight={values!r})"
            )
        arr = net.weights
    else:
        arr = np.asarray(values, dtype=np.float64)
        if arr.ndim != 1 or len(arr) != net.entries:
            got = f"shape {arr.shape}" if arr.ndim != 1 else f"{len(arr)} values"
            halved = not net.directed and arr.ndim == 1 and 2 * len(arr) == net.entries
            raise ValueError(
                f"{name} has {got}, "
                + (
                    f"one per tie, but this undirected network stores each of its {net.ties} ties in both "
                    f"directions ({net.entries} entries)"
                    if halved
                    else f"but the network stores {net.entries} {'directed ' if net.directed else ''}ties"
                )
                + ": give one value per entry of the compact form "
                "(aligned with net.indices), a number, or an edge attribute name"
            )
    outside = ~((arr >= low) & (arr <= high))  # NaN is outside too
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        u = int(np.searchsorted(net.indptr, i, side="right")) - 1
        v = int(net.indices[i])
        raise ValueError(
            f"{name} must be a {what} "
            + (f"in [{low:g}, {high:g}]" if np.isfinite(high) else f"at least {low:g} (and finite)")
            + f"; the tie from {net.labels[u]!r} to {net.labels[v]!r} has {float(arr[i])!r}"
        )
    return arr


def _probability(net: CompactNetwork, p):
    """A float, or a per-entry array, checked to lie in [0, 1]."""
    if p is None:
        raise ValueError("p is missing: give the probability that a tie passes the message on, in [0, 1]")
    if isinstance(p, Real) and not isinstance(p, bool):
        if not 0 <= p <= 1:
            raise ValueError(f"p must be a probability in [0, 1], got {p!r}")
        return float(p)
    if isinstance(p, bool):
        raise ValueError(f"p must be a probability in [0, 1], got {p!r}")
    return _edge_values(net, p, "p")


def _generator(rng) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, (int, np.integer)) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be None, an int seed or a numpy Generator, not {type(rng).__name__}")


def _check_max_steps(max_steps):
    if max_steps is None:
        return None
    if not isinstance(max_steps, (int, np.integer)) or isinstance(max_steps, bool) or max_steps < 0:
        raise ValueError(f"max_steps must be a whole number >= 0 (or None), got {max_steps!r}")
    return int(max_steps)


# ---------------------------------------------------------------------------
# The result


@dataclass(frozen=True, eq=False)
class Cascade:
    """The outcome of one run: who was reached, and at which step.

    Attributes
    ----------
    network : CompactNetwork
    step : numpy.ndarray of int, shape (n,)
        ``step[i]`` is the step at which ``network.labels[i]`` was reached:
        0 for the seeds, -1 for never. Read-only.
    model : str
        ``"independent_cascade"`` or ``"linear_threshold"``.
    """

    network: CompactNetwork = field(repr=False)
    step: np.ndarray = field(repr=False)
    model: str = "independent_cascade"

    @property
    def size(self) -> int:
        """How many people were reached, seeds included."""
        return int(np.count_nonzero(self.step >= 0))

    @property
    def fraction(self) -> float:
        """The share of the network reached, from 0 to 1."""
        return self.size / self.network.n

    @property
    def duration(self) -> int:
        """The last step at which someone new was reached (0: only the seeds)."""
        return int(self.step.max())

    @property
    def seeds(self) -> list:
        """The people the message started from."""
        return [self.network.labels[i] for i in np.flatnonzero(self.step == 0)]

    @property
    def reached(self) -> list:
        """The people reached, in the order they were reached (seeds first)."""
        hit = np.flatnonzero(self.step >= 0)
        order = hit[np.argsort(self.step[hit], kind="stable")]
        return [self.network.labels[i] for i in order]

    def reach_over_time(self) -> np.ndarray:
        """How many people had been reached by each step (cumulative).

        Returns
        -------
        numpy.ndarray of int, shape (duration + 1,)
            Entry ``t`` counts the people reached at steps 0 to ``t``.
        """
        return np.cumsum(np.bincount(self.step[self.step >= 0]))

    def when(self) -> dict:
        """``{person: step}`` for everybody, with ``None`` for people never reached.

        Handy for colouring a drawing by when each person got the message.
        """
        return {u: (s if s >= 0 else None) for u, s in zip(self.network.labels, self.step.tolist())}

    def __repr__(self) -> str:
        # data, not words: smlessons.figures.spread.cascade_text says it in a sentence
        return f"{type(self).__name__}(model={self.model!r}, size={self.size}, n={self.network.n}, duration={self.duration})"


# ---------------------------------------------------------------------------
# The engines (validated arguments, positions not labels)


def _out_edges(indptr: np.ndarray, frontier: np.ndarray):
    """Where the ties out of `frontier` are: ``(offsets, counts, total)``.

    Gathered in one block, position ``k`` of the block is the tie at
    ``k + offsets[k]`` of ``indices`` (`offsets` is the block start of each
    frontier member, shifted by its start in ``indices``, repeated over its
    ties).
    """
    starts = indptr[frontier]
    counts = indptr[frontier + 1] - starts
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    return np.repeat(starts - (ends - counts), counts), total


def _unique(a: np.ndarray) -> np.ndarray:
    """The distinct values of `a`, sorted (by sorting: faster here than ``np.unique``)."""
    if a.size < 2:
        return a
    s = np.sort(a)
    keep = np.empty(s.size, dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _bernoulli_hits(total: int, p: float, rng: np.random.Generator, size: int | None = None) -> np.ndarray:
    """Sorted positions in ``range(total)`` of independent successes of probability `p`.

    Equivalent to ``np.flatnonzero(rng.random(total) < p)``, drawing one
    number per success instead of one per trial: the gaps between successes
    are geometric, ``floor(E / -log(1 - p)) + 1`` with ``E`` standard
    exponential. With p = 0.2 that is five times fewer draws, and no
    compaction of a mask as long as all the ties tried. Gaps are drawn
    `size` at a time (by default enough, almost always, in one go).
    """
    if p >= 1.0:
        return np.arange(total, dtype=np.intp)
    scale = -1.0 / math.log1p(-p) if p > 0 else math.inf
    if total == 0 or not math.isfinite(scale):
        return np.empty(0, dtype=np.intp)
    expected = total * p
    if size is None:
        size = int(expected + 6 * math.sqrt(expected) + 16)
    chunks, last = [], -1
    while True:
        e = rng.standard_exponential(size)
        e *= scale
        np.minimum(e, total, out=e)  # a gap past the end ends the draw anyway
        gaps = e.astype(np.intp)
        gaps += 1  # the gaps, >= 1
        hits = np.cumsum(gaps)
        hits += last  # positions
        if hits[-1] >= total:
            chunks.append(hits[: int(np.searchsorted(hits, total))])
            break
        chunks.append(hits)
        last = int(hits[-1])
    return chunks[0] if len(chunks) == 1 else np.concatenate(chunks)


def _bernoulli_list(total: int, p: float, rng: np.random.Generator) -> list:
    """``_bernoulli_hits(total, p, rng).tolist()``, the same draws, in plain Python when they are few."""
    if p >= 1.0 or p <= 0 or total == 0:
        return _bernoulli_hits(total, p, rng).tolist()
    expected = total * p
    size = int(expected + 6 * math.sqrt(expected) + 16)
    if size > 64:
        return _bernoulli_hits(total, p, rng, size).tolist()
    scale = -1.0 / math.log1p(-p)
    if not math.isfinite(scale):
        return []
    hits, last = [], -1
    while True:  # chunks of `size` gaps, as _bernoulli_hits draws them
        for e in rng.standard_exponential(size).tolist():
            last += int(min(e * scale, total)) + 1
            if last >= total:
                return hits
            hits.append(last)


def _passed_to(indptr, indices, frontier, p, scalar: bool, rng) -> np.ndarray:
    """The people the frontier's ties pass the message to (with repeats).

    Each tie out of the frontier gets one try; only the ties that pass the
    message on are looked at further.
    """
    offsets, total = _out_edges(indptr, frontier)
    if scalar:
        k = _bernoulli_hits(total, p, rng)
        pos = k + offsets[k]
    else:
        pos = np.arange(total, dtype=np.intp) + offsets
        pos = pos[rng.random(total) < p[pos]]
    return indices[pos]


def _not_reached(targets: np.ndarray, step: np.ndarray, mark: np.ndarray) -> np.ndarray:
    """The distinct people of `targets` with no step yet, sorted: ``_unique(targets[step[targets] < 0])``.

    Many targets are marked in `mark` (all False, and left so) and read back
    in order by one pass over the network, which is faster than sorting
    them; a few are sorted.
    """
    if targets.size > 256 and targets.size * 32 >= step.size:
        mark[targets] = True
        found = np.flatnonzero(mark)
        mark[found] = False
        return found[step[found] < 0]
    return _unique(targets[step[targets] < 0])


def _run_ic(net: CompactNetwork, seeds: np.ndarray, p, rng: np.random.Generator, max_steps) -> np.ndarray:
    indptr, indices = net.indptr, net.indices
    step = np.full(net.n, -1, dtype=np.int32)
    mark = np.zeros(net.n, dtype=bool)
    step[seeds] = 0
    frontier = seeds
    scalar = not isinstance(p, np.ndarray)
    t = 0
    while frontier.size and (max_steps is None or t < max_steps):
        t += 1
        if scalar and frontier.size <= _FEW_CELLS:
            frontier = _few_passed_to(indptr, indices, frontier, p, step, rng)
        else:
            targets = _passed_to(indptr, indices, frontier, p, scalar, rng)
            frontier = _not_reached(targets, step, mark)  # a reached person is not reached again
        step[frontier] = t
    return step


def _tie_blocks(frontier: np.ndarray, mask: int, indptr) -> tuple[list, list, list, int]:
    """A small frontier's tries as plain lists: ``(bases, shifts, ends, total)``.

    The tries of all the frontier's ties form one block; try ``k`` belongs to
    member ``j = bisect_right(ends, k)`` and is the tie ``k + shifts[j]`` of
    ``indices``, from the cell ``bases[j] + person`` (a cell's person is
    ``cell & mask``; ``mask=-1`` for plain people, base 0).
    """
    bases, shifts, ends, total = [], [], [], 0
    for cell in frontier.tolist():
        person = cell & mask
        start, stop = int(indptr[person]), int(indptr[person + 1])
        bases.append(cell - person)
        shifts.append(start - total)
        total += stop - start
        ends.append(total)
    return bases, shifts, ends, total


def _few_passed_to(indptr, indices, frontier, p, step, rng) -> np.ndarray:
    """A step of :func:`_run_ic` from a small frontier, in plain Python: the same tries and draws, the same people."""
    _, shifts, ends, total = _tie_blocks(frontier, -1, indptr)
    found = set()
    for k in _bernoulli_list(total, p, rng):
        other = int(indices[k + shifts[bisect.bisect_right(ends, k)]])
        if step[other] < 0:
            found.add(other)
    return np.array(sorted(found), dtype=np.intp)


def _run_lt(net, seeds, thresholds, weights, max_steps) -> np.ndarray:
    indptr, indices = net.indptr, net.indices
    step = np.full(net.n, -1, dtype=np.int32)
    step[seeds] = 0
    influence = np.zeros(net.n)
    frontier = seeds
    t = 0
    while frontier.size and (max_steps is None or t < max_steps):
        t += 1
        offsets, total = _out_edges(indptr, frontier)
        pos = np.arange(total, dtype=np.intp) + offsets
        targets = indices[pos]
        open_ = step[targets] < 0
        targets = targets[open_]
        np.add.at(influence, targets, weights[pos[open_]])
        people = _unique(targets)
        frontier = people[influence[people] >= thresholds[people] - _EPS]
        step[frontier] = t
    return step


def _run_lt_batch(net: CompactNetwork, runs: int, draw, weights, rng, max_steps, pick, progress=None) -> np.ndarray:
    """The sizes of `runs` threshold-model runs, run side by side as :func:`_run_ic_batch` runs cascades.

    Each run is :func:`_run_lt` with its own thresholds: from the same seeds,
    ``draw(rng, runs)`` gives the thresholds that `runs` runs one after the
    other would draw, and the runs reach the same people. A random strategy
    draws every run's seeds first.
    """
    n = net.n
    sizes = np.empty(runs, dtype=np.intp)
    per_batch = max(1, _BATCH_CELLS // 4 // max(n, 1))  # 21 bytes a cell: a quarter of a cascade batch's cells
    bits = max(n - 1, 1).bit_length()
    for first in range(0, runs, per_batch):
        size = min(per_batch, runs - first)
        if isinstance(pick, _RandomSeeds):
            rows = pick.many(rng, size)
        else:
            start = _unique(np.asarray(pick(rng), dtype=np.intp))  # the same seeds every run
            rows = np.broadcast_to(start, (size, start.size))
        frontier = ((np.arange(size, dtype=np.intp) << bits)[:, None] + rows).ravel()
        need = np.empty(size << bits)  # what each (run, person) still needs: the threshold, less what came in
        need.reshape(size, -1)[:, :n] = draw(rng, size).reshape(size, n)
        sizes[first : first + size] = _lt_batch(net, size, bits, frontier, need, weights, max_steps)
        if progress is not None:
            progress(first + size, runs)
    return sizes


def _every_tie(frontier: np.ndarray, mask: int, degree, indptr) -> tuple[np.ndarray, np.ndarray]:
    """Every tie out of a frontier of cells, in block order: ``(pos, base)``.

    ``indices[pos]`` is the person each tie reaches, and ``base`` the run's
    first cell (``base + indices[pos]`` the cell reached).
    """
    person = frontier & mask
    deg = degree[person]
    ends = np.cumsum(deg)
    owner = np.repeat(np.arange(frontier.size, dtype=np.intp), deg)
    pos = np.arange(int(ends[-1]), dtype=np.intp) + (indptr[person] - ends + deg)[owner]
    return pos, (frontier - person)[owner]


def _lt_batch(net, runs, bits, frontier, need, weights, max_steps) -> np.ndarray:
    """The sizes of `runs` threshold-model runs from the cells of `frontier`; `need` holds each cell's threshold."""
    indptr, indices = net.indptr, net.indices
    degree = np.diff(indptr)
    mask = (1 << bits) - 1
    cells = runs << bits
    reached = np.zeros(cells, dtype=bool)
    stamp = np.empty(cells, dtype=np.int32)
    reached[frontier] = True
    counted = [frontier]
    t = 0
    while frontier.size and (max_steps is None or t < max_steps):
        t += 1
        pos, base = _every_tie(frontier, mask, degree, indptr)
        targets = base + indices[pos]
        open_ = ~reached[targets]
        targets = targets[open_]
        np.subtract.at(need, targets, weights[pos[open_]])
        order = np.arange(targets.size, dtype=np.int32)
        stamp[targets] = order
        people = targets[stamp[targets] == order]  # one of each
        frontier = people[need[people] <= _EPS]
        reached[frontier] = True
        counted.append(frontier)
    return np.bincount(np.concatenate(counted) >> bits, minlength=runs)


def _lt_weights(net: CompactNetwork, weights) -> np.ndarray:
    if weights is None:  # each of a person's contacts counts for the same share
        into = np.bincount(net.indices, minlength=net.n).astype(np.float64)
        return 1.0 / into[net.indices]
    return _edge_values(net, weights, "weights", high=np.inf, what="weight")


def _lt_absolute(net: CompactNetwork, needed, thresholds, weights):
    """Weights and thresholds for an absolute threshold: `needed` contacts."""
    if thresholds is not None or weights is not None:
        raise ValueError(
            "give either needed= (a number of contacts) or thresholds=/weights= (shares of contacts), not both"
        )
    if not isinstance(needed, (int, np.integer)) or isinstance(needed, bool) or needed < 1:
        raise ValueError(f"needed must be a whole number of contacts, 1 or more, got {needed!r}")
    arr = np.full(net.n, float(needed))
    return _fixed_thresholds(arr), np.ones(net.indices.size, dtype=np.float64)


def _lt_thresholds(net: CompactNetwork, thresholds):
    """A callable ``draw(rng, runs=1)`` drawing (or returning) one threshold per person and run, run after run."""
    if thresholds is None:
        return lambda rng, runs=1: rng.random(runs * net.n)  # as `runs` draws of one run's thresholds
    if isinstance(thresholds, Real) and not isinstance(thresholds, bool):
        if not 0 <= thresholds <= 1:
            raise ValueError(f"thresholds must lie in [0, 1], got {thresholds!r}")
        arr = np.full(net.n, float(thresholds))
    else:
        if isinstance(thresholds, Mapping):
            missing = [u for u in net.labels if u not in thresholds]
            if missing:
                raise ValueError(
                    f"thresholds gives no value for {len(missing)} people, e.g. {missing[0]!r}: "
                    "give one for everybody (or one number for all)"
                )
            thresholds = [thresholds[u] for u in net.labels]
        try:
            arr = np.asarray(thresholds, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError("thresholds must be numbers in [0, 1]") from None
        if arr.shape != (net.n,):
            raise ValueError(
                f"thresholds has shape {arr.shape}: give one value per person ({net.n}), "
                "in the order of the network's people"
            )
        outside = ~((arr >= 0) & (arr <= 1))
        if outside.any():
            i = int(np.flatnonzero(outside)[0])
            raise ValueError(f"thresholds must lie in [0, 1]; {net.labels[i]!r} has {float(arr[i])!r}")
    return _fixed_thresholds(arr)


def _fixed_thresholds(arr: np.ndarray):
    """``draw(rng, runs=1)`` for thresholds that are the same at every run."""
    return lambda rng, runs=1: arr if runs == 1 else np.tile(arr, runs)


# ---------------------------------------------------------------------------
# The models


def independent_cascade(graph, seeds, p, *, rng=None, max_steps=None, directed=None) -> Cascade:
    """Spread a message by the Independent Cascade model.

    At step 0 the seeds have the message. Each person who first gets it at
    step ``t`` has one chance, at step ``t + 1``, to pass it to each contact
    who does not have it yet, succeeding with probability `p` independently
    of everything else; after that they stay reached but pass nothing on.
    The cascade ends when a step reaches nobody new.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
        Convert once with :func:`compact` to run many cascades.
    seeds : person or iterable of people
        Who has the message at step 0 (names are matched like
        :func:`smlessons.engine.measures.person`; duplicates count once).
    p : float, str or array
        The probability that a tie passes the message on: one number for
        every tie, the name of an edge attribute holding each tie's
        probability (a compact form must have been built with that
        `weight`), or an array with one value per entry of the compact form
        (aligned with ``compact(graph).indices``).
    rng : int or numpy.random.Generator, optional
        The random source: the same seed gives the same cascade. A generator
        is advanced, so successive calls give different cascades.
    max_steps : int, optional
        Stop after this many steps.
    directed : bool, optional
        If given, check that the network is directed (True) or undirected
        (False).

    Returns
    -------
    Cascade

    Raises
    ------
    TypeError
        If `graph` is not a network, or `rng` not a seed or generator.
    EmptyNetworkError
        If the network has no people.
    PersonNotFoundError
        If a seed is not in the network; the message names them.
    ValueError
        If `seeds` is empty; if a probability is outside [0, 1]; if per-tie
        values do not line up with the network's ties; if `directed` does
        not match the network.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> c = independent_cascade(G, "a", 1.0)
    >>> c.reached, c.step.tolist(), c.reach_over_time().tolist()
    (['a', 'b', 'c', 'd'], [0, 1, 2, 3], [1, 2, 3, 4])
    >>> independent_cascade(G, ["b"], 0.0).reached
    ['b']
    >>> c = independent_cascade(nx.karate_club_graph(), 0, 0.2, rng=1)
    >>> c.size == independent_cascade(nx.karate_club_graph(), 0, 0.2, rng=1).size
    True
    """
    net = _as_compact(graph, directed=directed, values=p)
    start = _seed_positions(net, seeds)
    prob = _probability(net, p)
    step = _run_ic(net, start, prob, _generator(rng), _check_max_steps(max_steps))
    return Cascade(net, _readonly(step), "independent_cascade")


def linear_threshold(
    graph, seeds, thresholds=None, *, needed=None, weights=None, rng=None, max_steps=None, directed=None
) -> Cascade:
    """Spread a behaviour by a threshold model (Kempe et al. 2003; Watts 2002).

    Each person has a threshold between 0 and 1, and each of their contacts
    a weight (by default ``1 / number of contacts``, so that the weights of a
    person's contacts add up to 1). At step 0 the seeds have adopted. A
    person adopts at the first step at which the weights of their contacts
    who have adopted add up to their threshold or more, and stays adopted.
    Unlike a message in :func:`independent_cascade`, one friend is rarely
    enough: a threshold of 0.5 asks that half of one's friends adopt first
    The run is random only when thresholds are drawn.

    Whether this is *complex contagion* in the sense of Centola and Macy
    (2007), where a person needs several contacts who have adopted, depends
    on the thresholds. A share of one's contacts can be met by a single
    contact when one has few (Watts 2002: a person with 2 friends and a
    threshold of 0.5 joins after one). With random thresholds (Kempe et al.
    2003) a single adopted contact out of ``d`` tips a person with chance
    ``1/d``, much as in the cascade model. For thresholds that always need
    several contacts, give `needed`: an absolute number of contacts, the
    same for everybody (``needed=2``: two contacts who have adopted).

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    seeds : person or iterable of people
    thresholds : float, sequence, dict or None, default None
        None: each person's threshold is drawn uniformly in [0, 1) at every
        run (the Linear Threshold model of Kempe, Kleinberg and Tardos 2003).
        A number: the same threshold for everybody, the share of contacts
        needed with default weights (the cascade model of Watts 2002).
        A sequence in the order of the network's people, or a
        ``{person: threshold}`` dict covering everybody.
    needed : int, optional
        An absolute threshold instead of shares: a person adopts once at
        least this many of their contacts have (every contact counts 1).
        A whole number, 1 or more; not together with `thresholds` or
        `weights`. A person with fewer contacts than `needed` never adopts
        (unless a seed).
    weights : str or array, optional
        Per-tie influence instead of ``1 / contacts``: an edge attribute
        name (see `p` of :func:`independent_cascade`) or an array aligned
        with the compact form; values at least 0. In a directed network the
        tie ``u -> v`` weighs on ``v``.
    rng : int or numpy.random.Generator, optional
        Draws the thresholds when `thresholds` and `needed` are None.
    max_steps : int, optional
    directed : bool, optional
        If given, check that the network is directed (True) or undirected (False).

    Returns
    -------
    Cascade

    Raises
    ------
    TypeError, EmptyNetworkError, PersonNotFoundError
        As for :func:`independent_cascade`.
    ValueError
        If `seeds` is empty; if a threshold is outside [0, 1] or missing; if
        a weight is negative or weights do not line up with the network's
        ties; if `needed` is not a whole number from 1, or comes with
        `thresholds` or `weights`; if `directed` does not match the network.

    Examples
    --------
    A star: the centre adopts once half of its leaves have.

    >>> G = nx.star_graph(4)  # centre 0, leaves 1 to 4
    >>> linear_threshold(G, [1], 0.5).reached
    [1]
    >>> linear_threshold(G, [1, 2], 0.5).reached
    [1, 2, 0, 3, 4]

    An absolute threshold: on a path, one neighbour is never two.

    >>> linear_threshold(nx.path_graph(4), [0], needed=2).reached
    [0]
    >>> linear_threshold(nx.path_graph(4), [0], needed=1).reached
    [0, 1, 2, 3]
    """
    net = _as_compact(graph, directed=directed, values=weights)
    start = _seed_positions(net, seeds)
    if needed is not None:
        draw, w = _lt_absolute(net, needed, thresholds, weights)
    else:
        draw = _lt_thresholds(net, thresholds)
        w = _lt_weights(net, weights)
    steps = _check_max_steps(max_steps)
    step = _run_lt(net, start, draw(_generator(rng)), w, steps)
    return Cascade(net, _readonly(step), "linear_threshold")


# ---------------------------------------------------------------------------
# Seeding strategies and many runs


def _check_k(k, n) -> int:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or not 1 <= k <= n:
        raise ValueError(f"k must be a whole number of seeds from 1 to {n} (the network's size), got {k!r}")
    return int(k)


def _largest_community(graph, net: CompactNetwork) -> np.ndarray:
    G = graph if isinstance(graph, nx.Graph) else net.to_networkx()
    return np.array([net.index[u] for u in communities(G)[0]], dtype=np.intp)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    # Highest first; equal scores in the network's order, so the choice is fixed.
    return np.lexsort((np.arange(len(scores)), -scores))[:k]


def _betweenness(graph, net: CompactNetwork) -> np.ndarray:
    G = graph if isinstance(graph, nx.Graph) else net.to_networkx()
    if G.is_multigraph():
        G = nx.DiGraph(G) if G.is_directed() else nx.Graph(G)
    sample = None if net.n <= _BETWEENNESS_SAMPLE else _BETWEENNESS_SAMPLE
    scores = nx.betweenness_centrality(G, k=sample, seed=0, weight=None)
    return np.array([scores[u] for u in net.labels])


def _seed_picker(graph, net: CompactNetwork, seeds, k):
    """A function rng -> seed positions: a strategy's pick each run, or the same seeds every run."""
    if _is_strategy(seeds):
        return _strategy(graph, net, seeds, _check_k(k, net.n))
    fixed = _seed_positions(net, seeds)
    return lambda rng: fixed


def _distinct_rows(size: int, k: int, runs: int, rng: np.random.Generator) -> np.ndarray:
    """`runs` rows of `k` distinct numbers in ``range(size)``: each row a uniform random k-subset.

    With few seeds among many people, rows are drawn with repeats allowed
    and the rare rows with a repeat are drawn again (a uniform draw kept
    only when distinct is uniform over the distinct ones); otherwise each
    row is the first `k` of a random order of everybody.
    """
    if k * k > size:
        return np.argsort(rng.random((runs, size)), axis=1)[:, :k]
    rows = rng.integers(0, size, size=(runs, k))
    while k > 1:
        ordered = np.sort(rows, axis=1)
        again = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if not again.size:
            break
        rows[again] = rng.integers(0, size, size=(again.size, k))
    return rows


@dataclass(frozen=True, eq=False)  # eq=False: an array field cannot be compared or hashed as a whole
class _RandomSeeds:
    """A random strategy: `k` seeds drawn from `pool` (positions; None for everybody of `n`) at each run."""

    n: int
    k: int
    pool: np.ndarray | None = None

    def __call__(self, rng: np.random.Generator) -> np.ndarray:
        return rng.choice(self.n if self.pool is None else self.pool, size=self.k, replace=False)

    def many(self, rng: np.random.Generator, runs: int) -> np.ndarray:
        """The seeds of `runs` runs at once, a row each (in another order of the random numbers)."""
        rows = _distinct_rows(self.n if self.pool is None else len(self.pool), self.k, runs, rng)
        return rows if self.pool is None else self.pool[rows]


def _strategy(graph, net: CompactNetwork, strategy: str, k: int):
    """A function rng -> seed positions, for one strategy."""
    strategy = strategy_name(strategy)
    if strategy == "random":
        return _RandomSeeds(net.n, k)
    if strategy == "degree":
        chosen = _top(net.out_degree(), k)
        return lambda rng: chosen
    if strategy == "community":
        group = _largest_community(graph, net)
        if k > len(group):
            raise ValueError(f"k={k} seeds do not fit in the largest community ({len(group)} people)")
        return _RandomSeeds(net.n, k, group)
    if strategy == "broker":
        chosen = _top(_betweenness(graph, net), k)
        return lambda rng: chosen
    raise ValueError(f"strategy must be one of {', '.join(map(repr, STRATEGIES))}, not {strategy!r}")


def choose_seeds(graph, strategy: str, k: int = 1, *, rng=None) -> list:
    """Pick `k` people to start a message from, by a seeding strategy.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    strategy : {"random", "degree", "community", "broker"}
        ``"random"``: `k` people at random. ``"degree"``: the `k` most
        connected people (most contacts they can reach). ``"community"``:
        `k` people at random, all from the largest community (Louvain,
        seeded: see :func:`smlessons.engine.measures.communities`). ``"broker"``:
        the `k` people with the highest betweenness, who sit between groups
        (estimated from a sample of 500 source people, seeded, past 500
        people). ``"bridge"``, the strategy's older name, is accepted too.
    k : int, default 1
    rng : int or numpy.random.Generator, optional
        For the random strategies.

    Returns
    -------
    list
        The people; the most connected first for ``"degree"``, the most
        between first for ``"broker"``.

    Raises
    ------
    ValueError
        If `strategy` is unknown or `k` is not between 1 and the size of the
        network (or of the largest community).

    Examples
    --------
    >>> G = nx.karate_club_graph()
    >>> choose_seeds(G, "degree", 2)
    [33, 0]
    >>> choose_seeds(G, "broker")
    [0]
    """
    net = compact(graph)
    k = _check_k(k, net.n)
    chosen = _strategy(graph, net, strategy, k)(_generator(rng))
    return [net.labels[i] for i in chosen]


# ---------------------------------------------------------------------------
# Many cascades at once


#: Below this many ties to try at one step, one random number per tie
#: (fewer numpy calls) beats drawing the gaps between successes. Those
#: numbers, like those drawn for per-tie probabilities, are single-precision
#: (twice as fast to draw): a tie passes with probability `p` to within 6e-8.
_FEW_TRIES = 2048

#: How many (run, person) pairs one batch of :func:`_run_ic_batch` holds at
#: most: a few megabytes of state (5 bytes a cell, with each run's cells
#: rounded up to a power of two), whatever the number of runs.
_BATCH_CELLS = 1 << 22


def _run_ic_batch(net: CompactNetwork, runs: int, p, rng, max_steps, *, seeds=None, pick=None, progress=None):
    """The sizes of `runs` Independent Cascades, run side by side.

    Every run starts from the sorted distinct positions `seeds`, or each
    run from its own ``pick(rng)`` (a random strategy). Run ``r``'s people
    are the cells ``r * N .. r * N + n - 1`` of one flat state (``N`` is
    the power of two at or above ``n``: a cell's person and run are a mask
    and a shift away), so one frontier holds the (run, person) pairs
    reached at the last step of every run, and each step is a handful of
    numpy calls whatever the number of runs: on a small network a thousand
    runs cost little more than one. Runs are cut into batches of at most
    :data:`_BATCH_CELLS` ``// n`` runs; `progress` is called as
    ``progress(done, runs)`` after each batch.

    Each run is distributed as :func:`_run_ic` (every tie out of a newly
    reached person gets one try with its probability, to within the 6e-8 of
    single-precision draws); the random numbers are drawn in another order.
    """
    n = net.n
    sizes = np.empty(runs, dtype=np.intp)
    per_batch = max(1, _BATCH_CELLS // max(n, 1))
    bits = max(n - 1, 1).bit_length()
    for first in range(0, runs, per_batch):
        size = min(per_batch, runs - first)
        if pick is None:
            sizes[first : first + size] = _ic_batch(net, size, bits, p, rng, max_steps, seeds=seeds)
        elif isinstance(pick, _RandomSeeds):  # every run's seeds drawn at once
            rows = pick.many(rng, size)
            frontier = ((np.arange(size, dtype=np.intp) << bits)[:, None] + rows).ravel()
            sizes[first : first + size] = _ic_batch(net, size, bits, p, rng, max_steps, frontier=frontier)
        else:
            starts = [_unique(np.asarray(pick(rng), dtype=np.intp)) for _ in range(size)]
            counts = np.fromiter((len(s) for s in starts), dtype=np.intp, count=size)
            frontier = np.concatenate(starts) + np.repeat(np.arange(size, dtype=np.intp) << bits, counts)
            sizes[first : first + size] = _ic_batch(net, size, bits, p, rng, max_steps, frontier=frontier)
        if progress is not None:
            progress(first + size, runs)
    return sizes


def _hits(total: int, p: float, rng) -> np.ndarray:
    """Sorted positions in ``range(total)`` of the tries (of probability `p`) that succeed."""
    if total < _FEW_TRIES:
        return np.flatnonzero(rng.random(total, dtype=np.float32) < p)
    return _bernoulli_hits(total, p, rng)


#: A step whose frontier holds at most this many cells (the last steps of
#: most batches) is taken in plain Python: a dozen numpy calls would cost
#: more than the few tries it makes.
_FEW_CELLS = 12


def _few_step(frontier, mask, indptr, indices, reached, p, rng) -> np.ndarray:
    """The general step (same tries, same draws, same next frontier), for a small frontier."""
    bases, shifts, ends, total = _tie_blocks(frontier, mask, indptr)
    found = {}  # dict keys: in order of first appearance
    for k in reversed(_hits(total, p, rng).tolist()):  # backwards: the general step keeps the last of repeats
        j = bisect.bisect_right(ends, k)
        cell = bases[j] + int(indices[k + shifts[j]])
        if not reached[cell]:
            found[cell] = None
    frontier = np.array(list(found)[::-1], dtype=np.intp)
    reached[frontier] = True
    return frontier


def _ic_batch(net: CompactNetwork, runs: int, bits: int, p, rng, max_steps, *, seeds=None, frontier=None):
    """The sizes of `runs` cascades in cells ``run << bits | person``.

    They start from the cells of `frontier`, or every run from the sorted
    distinct positions `seeds`. Then the first step finds each hit's run
    and tie by division, the block of tries being the seeds' ties repeated
    once per run: the same tries in the same order as the general step, so
    the same random numbers give the same cascades.
    """
    indptr, indices = net.indptr, net.indices
    degree = np.diff(indptr)
    mask = (1 << bits) - 1
    cells = runs << bits
    reached = np.zeros(cells, dtype=bool)
    stamp = np.empty(cells, dtype=np.int32)  # dedupes a step's targets without sorting
    scalar = not isinstance(p, np.ndarray)
    t, counted = 0, []
    if seeds is None:
        reached[frontier] = True
        counted.append(frontier)
    else:
        reached.reshape(runs, -1)[:, seeds] = True
        frontier = seeds  # a placeholder: the first step below starts from the seeds of every run
    while frontier.size and (max_steps is None or t < max_steps):
        t += 1
        if seeds is not None and t == 1:
            ties = np.concatenate([np.arange(indptr[s], indptr[s + 1]) for s in seeds])
            total = runs * ties.size
            if scalar:
                k = _hits(total, p, rng)
            else:
                k = np.flatnonzero(rng.random(total, dtype=np.float32) < np.tile(p[ties], runs))
            run = k // max(ties.size, 1)
            targets = (run << bits) + indices[ties[k - run * ties.size]]
        elif scalar and frontier.size <= _FEW_CELLS:
            frontier = _few_step(frontier, mask, indptr, indices, reached, p, rng)
            counted.append(frontier)
            continue
        elif not scalar:  # a probability per tie: one draw per tie
            pos, base = _every_tie(frontier, mask, degree, indptr)
            passed = rng.random(pos.size, dtype=np.float32) < p[pos]
            targets = base[passed] + indices[pos[passed]]
        else:  # one probability: only the hits are looked at
            person = frontier & mask
            deg = degree[person]
            ends = np.cumsum(deg)
            total = int(ends[-1])
            k = _hits(total, p, rng)
            if k.size * frontier.size.bit_length() > total:  # many hits: a lookup table beats a search
                owner = np.repeat(np.arange(frontier.size, dtype=np.intp), deg)[k]
            else:
                owner = np.searchsorted(ends, k, side="right")
            pos = k + (indptr[person] - ends + deg)[owner]  # try k of member j is the tie at k + shift[j]
            targets = (frontier - person)[owner] + indices[pos]
        targets = targets[~reached[targets]]
        order = np.arange(targets.size, dtype=np.int32)
        stamp[targets] = order
        frontier = targets[stamp[targets] == order]  # one of each
        reached[frontier] = True
        counted.append(frontier)
    sizes = np.bincount(np.concatenate(counted) >> bits, minlength=runs) if counted else np.zeros(runs, np.intp)
    return sizes + (0 if seeds is None else seeds.size)


def run_many(
    graph,
    seeds,
    p=None,
    runs: int = 100,
    *,
    model: str = "independent_cascade",
    k: int = 1,
    thresholds=None,
    needed=None,
    weights=None,
    rng=None,
    max_steps=None,
    directed=None,
    progress=None,
) -> np.ndarray:
    """Run a model many times and return how many people each run reached.

    The network is converted once and the arguments are checked once, and
    the runs are simulated side by side, many at a time (each step of all of
    them is a few array operations): a thousand runs on a class-sized
    network take about a millisecond, hundreds on a large network seconds
    at most.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    seeds : people, or a strategy name
        Fixed seeds (as for :func:`independent_cascade`), or one of
        :data:`STRATEGIES` with `k` seeds (see :func:`choose_seeds`); the
        random strategies draw new seeds at every run. (To seed a person
        called, say, ``"random"``, pass ``["random"]``.)
    p : float, str or array
        For the Independent Cascade model (see :func:`independent_cascade`);
        must be None for the threshold model.
    runs : int, default 100
    model : {"independent_cascade", "linear_threshold"}
        Also ``"cascade"``/``"ic"`` and ``"threshold"``/``"lt"``.
    k : int, default 1
        How many seeds a strategy picks.
    thresholds, needed, weights
        For the threshold model (see :func:`linear_threshold`).
    rng : int or numpy.random.Generator, optional
        The same seed gives the same sizes.
    max_steps : int, optional
    directed : bool, optional
        If given, check that the network is directed (True) or undirected (False).
    progress : callable, optional
        Called as ``progress(done, runs)`` (e.g. to move a progress bar in a
        lesson) after each batch of runs: all the runs at once on a small
        network.

    Returns
    -------
    numpy.ndarray of int, shape (runs,)
        The size of each cascade (people reached, seeds included).

    Raises
    ------
    ValueError
        If `runs` is not a positive whole number, `model` is unknown, `p` is
        missing for the cascade model or given for the threshold model, or
        anything :func:`independent_cascade`, :func:`linear_threshold` or
        :func:`choose_seeds` reject.

    Examples
    --------
    >>> G = nx.karate_club_graph()
    >>> sizes = run_many(G, "degree", 0.1, runs=200, k=2, rng=0)
    >>> sizes.shape, bool(sizes.min() >= 2)
    ((200,), True)
    >>> bool((run_many(G, [0], 1.0, runs=3) == 34).all())
    True
    """
    if not isinstance(runs, (int, np.integer)) or isinstance(runs, bool) or runs < 1:
        raise ValueError(f"runs must be a whole number >= 1, got {runs!r}")
    if model not in _MODELS:
        raise ValueError(f"model must be 'independent_cascade' or 'linear_threshold', not {model!r}")
    model = _MODELS[model]
    net = _as_compact(graph, directed=directed, values=p if model == "independent_cascade" else weights)
    gen = _generator(rng)
    steps = _check_max_steps(max_steps)

    pick = _seed_picker(graph, net, seeds, k)

    if model == "independent_cascade":
        prob = _probability(net, p)
        if _is_strategy(seeds) and strategy_name(seeds) in _RANDOM_STRATEGIES:
            return _run_ic_batch(net, int(runs), prob, gen, steps, pick=pick, progress=progress)
        fixed = _unique(np.asarray(pick(gen), dtype=np.intp))
        return _run_ic_batch(net, int(runs), prob, gen, steps, seeds=fixed, progress=progress)
    if p is not None:
        raise ValueError("the threshold model has no p: use thresholds= and weights= instead")
    if needed is not None:
        draw, w = _lt_absolute(net, needed, thresholds, weights)
    else:
        draw = _lt_thresholds(net, thresholds)
        w = _lt_weights(net, weights)
    return _run_lt_batch(net, int(runs), draw, w, gen, steps, pick, progress)


# ---------------------------------------------------------------------------
# An algorithmic feed: exposure beyond one's contacts


@dataclass(frozen=True, eq=False, repr=False)
class FeedCascade(Cascade):
    """The outcome of one run of :func:`feed_cascade`.

    Attributes
    ----------
    by_feed : numpy.ndarray of bool, shape (n,)
        True for the people the message reached through the feed (no tie
        passed it to them at that step). Read-only.
    """

    by_feed: np.ndarray = field(default=None, repr=False)

    @property
    def through_feed(self) -> list:
        """The people the feed reached (not their contacts), in the order they were reached."""
        return [u for u in self.reached if self.by_feed[self.network.index[u]]]

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", through_feed={int(self.by_feed.sum())})"


@dataclass(frozen=True)
class FeedRuns:
    """Many runs of :func:`feed_cascade`: people reached per run, and how many through the feed.

    Attributes
    ----------
    sizes : numpy.ndarray of int, shape (runs,)
        People reached in each run, seeds included.
    by_feed : numpy.ndarray of int, shape (runs,)
        Of those, the people the feed reached (not a tie).
    """

    sizes: np.ndarray = field(repr=False)
    by_feed: np.ndarray = field(repr=False)

    @property
    def by_ties(self) -> np.ndarray:
        """People reached through ties or as seeds, per run."""
        return self.sizes - self.by_feed

    def mean(self) -> float:
        """The average number of people reached."""
        return float(self.sizes.mean())


def _check_feed(feed, feed_p, p) -> tuple[int, float]:
    if not isinstance(feed, (int, np.integer)) or isinstance(feed, bool) or feed < 0:
        raise ValueError(f"feed must be a whole number >= 0 (how many non-contacts see each post), got {feed!r}")
    if feed_p is None:
        if not isinstance(p, Real) or isinstance(p, bool):
            raise ValueError("feed_p is missing: with per-tie probabilities, give the feed's own chance feed_p")
        feed_p = p
    if not isinstance(feed_p, Real) or isinstance(feed_p, bool) or not 0 <= feed_p <= 1:
        raise ValueError(f"feed_p must be a probability in [0, 1], got {feed_p!r}")
    return int(feed), float(feed_p)


def _feed_shown(net: CompactNetwork, frontier: np.ndarray, feed: int, rng: np.random.Generator) -> np.ndarray:
    """For each person of `frontier`, `feed` people drawn at random among those not their contacts.

    Drawing ``feed + contacts + 1`` distinct people and dropping the sender
    and their contacts leaves at least `feed` others, and the first `feed` of
    them, in the order drawn, are a uniform sample of the non-contacts.
    """
    indptr, indices, n = net.indptr, net.indices, net.n
    shown = []
    for u in frontier.tolist():
        contacts = indices[indptr[u] : indptr[u + 1]]
        drawn = rng.choice(n, size=min(n, feed + len(contacts) + 1), replace=False)
        keep = (drawn != u) & ~np.isin(drawn, contacts)
        shown.append(drawn[keep][:feed])
    return np.concatenate(shown) if shown else np.empty(0, dtype=np.intp)


def _run_feed(net, seeds, p, feed, feed_p, rng, max_steps):
    """Independent Cascade along ties, plus feed exposure: ``(step, by_feed)``."""
    indptr, indices = net.indptr, net.indices
    step = np.full(net.n, -1, dtype=np.int32)
    by_feed = np.zeros(net.n, dtype=bool)
    step[seeds] = 0
    frontier = seeds
    scalar = not isinstance(p, np.ndarray)
    t = 0
    while frontier.size and (max_steps is None or t < max_steps):
        t += 1
        targets = _passed_to(indptr, indices, frontier, p, scalar, rng)
        by_tie = _unique(targets[step[targets] < 0])
        step[by_tie] = t
        new = by_tie
        if feed and feed_p > 0:
            shown = _feed_shown(net, frontier, feed, rng)
            taken = shown[rng.random(shown.size) < feed_p]
            taken = _unique(taken[step[taken] < 0])  # a tie got there first, or earlier
            step[taken] = t
            by_feed[taken] = True
            new = np.concatenate([by_tie, taken])
        frontier = new
    return step, by_feed


def feed_cascade(graph, seeds, p, *, feed=0, feed_p=None, rng=None, max_steps=None, directed=None) -> FeedCascade:
    """Spread a message along ties and through an algorithmic feed.

    The Independent Cascade model (see :func:`independent_cascade`) with one
    more way to get the message. When a person first gets it at step ``t``,
    at step ``t + 1`` they pass it to each contact with probability `p`, as
    in the plain model; and the feed shows their post to `feed` people drawn
    at random among those who are *not* their contacts (in a directed
    network, who do not follow them), each of whom takes it up with
    probability `feed_p`. People reached either way pass it on in the same
    way. With ``feed=0`` (or ``feed_p=0``) it is the plain model, draw for
    draw: the same `rng` gives the same cascade as :func:`independent_cascade`.

    This is a teaching model, not any platform's ranking: real feeds choose
    whom to show a post by what they predict will engage, not at random.
    The feed's draws loop over the people reached in Python, so it is slower
    than the plain model on large networks (about a second for 10,000 people
    reached among 100,000); it is fast on the course's networks.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    seeds : person or iterable of people
    p : float, str or array
        The chance that a tie passes the message on (as for
        :func:`independent_cascade`).
    feed : int, default 0
        How many non-contacts the feed shows each person's post to.
    feed_p : float, optional
        The chance that a non-contact shown the post takes it up; by default
        `p` (which must then be one number).
    rng : int or numpy.random.Generator, optional
    max_steps : int, optional
    directed : bool, optional

    Returns
    -------
    FeedCascade
        A :class:`Cascade` whose ``by_feed`` marks the people the feed reached.

    Raises
    ------
    ValueError
        If `feed` is not a whole number >= 0, or `feed_p` not a probability;
        and as :func:`independent_cascade`.

    Examples
    --------
    Two friendship pairs with no tie between them: only the feed crosses.

    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> feed_cascade(G, "a", 1.0).reached
    ['a', 'b']
    >>> c = feed_cascade(G, "a", 1.0, feed=2, feed_p=1.0, rng=0)
    >>> sorted(c.reached), c.through_feed
    (['a', 'b', 'c', 'd'], ['c', 'd'])
    """
    net = _as_compact(graph, directed=directed, values=p)
    start = _seed_positions(net, seeds)
    prob = _probability(net, p)
    feed, feed_p = _check_feed(feed, feed_p, p)
    step, by_feed = _run_feed(net, start, prob, feed, feed_p, _generator(rng), _check_max_steps(max_steps))
    return FeedCascade(net, _readonly(step), "feed_cascade", _readonly(by_feed))


def run_many_feed(
    graph, seeds, p, runs: int = 100, *, feed=0, feed_p=None, k: int = 1, rng=None, max_steps=None, directed=None
) -> FeedRuns:
    """Run :func:`feed_cascade` many times: people reached per run, and how many through the feed.

    Parameters
    ----------
    graph : networkx graph or CompactNetwork
    seeds : people, or a strategy name
        As for :func:`run_many` (a random strategy draws new seeds at every run).
    p, feed, feed_p, max_steps, directed
        As for :func:`feed_cascade`.
    runs : int, default 100
    k : int, default 1
        How many seeds a strategy picks.
    rng : int or numpy.random.Generator, optional

    Returns
    -------
    FeedRuns

    Raises
    ------
    ValueError
        If `runs` is not a positive whole number, and as :func:`feed_cascade`
        and :func:`choose_seeds`.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("c", "d")])
    >>> r = run_many_feed(G, "a", 1.0, runs=5, feed=1, feed_p=1.0, rng=0)
    >>> r.sizes.tolist(), r.by_feed.tolist()
    ([4, 4, 4, 4, 4], [1, 1, 1, 1, 1])
    """
    if not isinstance(runs, (int, np.integer)) or isinstance(runs, bool) or runs < 1:
        raise ValueError(f"runs must be a whole number >= 1, got {runs!r}")
    net = _as_compact(graph, directed=directed, values=p)
    prob = _probability(net, p)
    feed, feed_p = _check_feed(feed, feed_p, p)
    gen = _generator(rng)
    steps = _check_max_steps(max_steps)
    pick = _seed_picker(graph, net, seeds, k)
    sizes = np.empty(int(runs), dtype=np.intp)
    by_feed = np.empty(int(runs), dtype=np.intp)
    for r in range(int(runs)):
        start = np.unique(np.asarray(pick(gen), dtype=np.intp))
        step, fed = _run_feed(net, start, prob, feed, feed_p, gen, steps)
        sizes[r] = np.count_nonzero(step >= 0)
        by_feed[r] = np.count_nonzero(fed)
    return FeedRuns(sizes=sizes, by_feed=by_feed)
